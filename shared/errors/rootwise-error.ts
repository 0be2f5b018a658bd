import { format, type Locale, type MessageKey, type MessageParams } from '../i18n/messages';

/** What crosses a transport when a call fails: the message already rendered in both languages,
 * plus the key and params so a caller can react to the kind of error. */
export interface ApiErrorPayload {
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly message: Readonly<Record<Locale, string>>;
}

/** An error the user is meant to read. Anything else that escapes the engine is reported as
 * `error.internal`, never as a stack trace. */
export class RootwiseError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(format('en', key, params));
    this.name = 'RootwiseError';
  }

  toPayload(): ApiErrorPayload {
    return {
      key: this.key,
      params: this.params,
      message: { en: format('en', this.key, this.params), 'zh-CN': format('zh-CN', this.key, this.params) },
    };
  }
}

export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof RootwiseError) return error.toPayload();
  // an error that already crossed a boundary (a job worker) keeps its payload
  if (error instanceof ApiCallError) return error.payload;
  const detail = error instanceof Error ? error.message : String(error);
  return new RootwiseError('error.internal', { detail }).toPayload();
}

/** The error a client raises from a failed call's payload. */
export class ApiCallError extends Error {
  constructor(readonly payload: ApiErrorPayload) {
    super(payload.message.en);
    this.name = 'ApiCallError';
  }

  messageFor(locale: Locale): string {
    return this.payload.message[locale];
  }
}
