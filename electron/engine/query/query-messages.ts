import type { QueryResult } from '../../../shared/api/types';
import type { ApiErrorPayload } from '../../../shared/errors/rootwise-error';
import type { QuerySpec } from '../../../shared/spec/query-spec';

/** What the query thread is started with: the workbench to read. */
export interface QueryWorkerData {
  readonly dbPath: string;
  readonly nativeBinding?: string | undefined;
}

export interface QueryRequestMessage {
  readonly id: number;
  readonly spec: QuerySpec;
  /** The workbench version the answer is for: a new one re-reads the model and the calendar. */
  readonly version: number;
}

export type QueryResponseMessage = { readonly id: number; readonly ok: true; readonly result: QueryResult } | { readonly id: number; readonly ok: false; readonly error: ApiErrorPayload };
