import type { QueryResult } from '../../../shared/api/types';
import type { ApiErrorPayload } from '../../../shared/errors/rootwise-error';
import type { QuerySpec } from '../../../shared/spec/query-spec';
import type { DroppedRows } from '../../../shared/spec/recipe-preview';
import type { ActionFollowUp, ActionFollowUpRequest, EvidenceSnapshot, SegmentSnapshotRequest } from '../../../shared/spec/board-spec';
import type { ExplainMetricRequest, ExplainMetricResult } from '../../../shared/spec/explain-spec';

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

/** Work on the rows a recipe step drops, done on the query thread: over a large source it runs the
 * steps before it once (seconds), and the thread keeps the rows for the next pages. */
export type DroppedRowsWork =
  | { readonly kind: 'list'; readonly source: string; readonly stepId: string; readonly offset: number; readonly limit: number }
  | { readonly kind: 'export'; readonly source: string; readonly stepId: string };

export type DroppedRowsAnswer<W extends DroppedRowsWork> = W extends { readonly kind: 'list' } ? DroppedRows : { readonly name: string; readonly bytes: Uint8Array };

export interface DroppedRowsRequestMessage {
  readonly id: number;
  readonly dropped: DroppedRowsWork;
}

export type DroppedRowsResponseMessage =
  | { readonly id: number; readonly ok: true; readonly dropped: DroppedRowsAnswer<DroppedRowsWork> }
  | { readonly id: number; readonly ok: false; readonly error: ApiErrorPayload };

/** The root-cause boards' analyses, read on the query thread: over a million tickets each scans the
 * table (seconds) and would otherwise hold up every other call of the window. */
export type AnalysisWork =
  | { readonly kind: 'explain'; readonly request: ExplainMetricRequest }
  | { readonly kind: 'snapshot'; readonly request: SegmentSnapshotRequest }
  | { readonly kind: 'followUp'; readonly request: ActionFollowUpRequest };

export type AnalysisAnswer<W extends AnalysisWork> = W extends { readonly kind: 'explain' } ? ExplainMetricResult : W extends { readonly kind: 'snapshot' } ? EvidenceSnapshot : ActionFollowUp;

export interface AnalysisRequestMessage {
  readonly id: number;
  readonly analysis: AnalysisWork;
  /** The workbench version: a new one re-reads the model's functions (the calendar). */
  readonly version: number;
}

export type AnalysisResponseMessage =
  | { readonly id: number; readonly ok: true; readonly analysis: AnalysisAnswer<AnalysisWork> }
  | { readonly id: number; readonly ok: false; readonly error: ApiErrorPayload };
