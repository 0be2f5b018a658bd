import type { JobProgress } from '../../../shared/api/types';
import type { SourceRefreshReport } from '../../../shared/spec/recipe-preview';
import type { ApiErrorPayload } from '../../../shared/errors/rootwise-error';
import type { ImportFileRequest } from '../import/import-file';
import type { DemoOptions } from '../demo/demo-dataset';

/** What the engine hands a job worker. `cancel` is an Int32Array flag the worker polls. */
export type JobRequest =
  | ({ readonly kind: 'import'; readonly jobId: string; readonly dbPath: string } & ImportFileRequest)
  | { readonly kind: 'demo'; readonly jobId: string; readonly dbPath: string; readonly options: DemoOptions }
  | { readonly kind: 'recipe'; readonly jobId: string; readonly dbPath: string; readonly source: string }
  | { readonly kind: 'profile'; readonly jobId: string; readonly dbPath: string; readonly table: string }
  /** Appends a file to a source and replays its recipe in one transaction; a dry run rolls it back. */
  | ({ readonly kind: 'refresh'; readonly jobId: string; readonly dbPath: string; readonly dryRun: boolean } & ImportFileRequest & { readonly appendTo: { readonly table: string } });

/** What a refresh job hands back: the import's counts, the replay, and whether it was kept. */
export interface RefreshOutcome {
  readonly imported: SourceRefreshReport['imported'];
  readonly run: SourceRefreshReport['run'];
  readonly diff: SourceRefreshReport['diff'];
  readonly committed: boolean;
}

export interface JobWorkerData {
  readonly request: JobRequest;
  /** The better-sqlite3 addon to load, when the runtime needs its own build (Electron). */
  readonly nativeBinding?: string | undefined;
  readonly cancel: SharedArrayBuffer;
}

export type JobMessage =
  | { readonly type: 'progress'; readonly progress: JobProgress }
  | { readonly type: 'done'; readonly result: unknown }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly error: ApiErrorPayload };
