import type { Delimiter, ImportReport, ImportSource, TextEncoding } from '../../../shared/api/types';
import type { ApiErrorPayload } from '../../../shared/errors/rootwise-error';
import type { ColumnDecision } from './infer-types';
import type { LoadEvent, LoadOptions, RejectDraft } from './load-records';
import type { EncodedRows } from './row-transport';

/** What the import hands its reader thread. */
export interface ReaderRequest {
  readonly source: ImportSource;
  readonly encoding?: TextEncoding | undefined;
  readonly delimiter?: Delimiter | undefined;
  readonly appendTo?: LoadOptions['appendTo'];
  /** Stop after the schema and post a preview instead of rows. */
  readonly preview?: boolean | undefined;
  readonly sheet?: string | undefined;
  readonly skipRows?: number | undefined;
  readonly columnTypes?: LoadOptions['columnTypes'];
  readonly fixed?: readonly ColumnDecision[] | undefined;
}

export interface ReaderWorkerData {
  readonly request: ReaderRequest;
  /** Int32 flag set to 1 when the job is cancelled. */
  readonly cancel: SharedArrayBuffer;
  /** Int32 count of batches posted and not yet written: the reader waits while too many are. */
  readonly inFlight: SharedArrayBuffer;
}

/** Batches the reader may run ahead of the writer: bounds memory. */
export const MAX_IN_FLIGHT = 4;

export type ReaderMessage =
  | Exclude<LoadEvent, { type: 'rows' }>
  | {
      readonly type: 'rows';
      readonly count: number;
      readonly rows: EncodedRows;
      readonly rejects: RejectDraft[];
      readonly bytesRead: number;
      readonly totalBytes: number;
      readonly rowsSoFar: number;
    }
  | {
      readonly type: 'preview';
      readonly schema: Extract<LoadEvent, { type: 'schema' }>;
      readonly encoding: ImportReport['encoding'];
      readonly dialect: ImportReport['dialect'];
      readonly size: number;
    }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly error: ApiErrorPayload };

