import type { JobProgress } from '../../../shared/api/types';
import type { ApiErrorPayload } from '../../../shared/errors/rootwise-error';
import type { ImportFileRequest } from '../import/import-file';
import type { DemoOptions } from '../demo/demo-dataset';

/** What the engine hands a job worker. `cancel` is an Int32Array flag the worker polls. */
export type JobRequest =
  | ({ readonly kind: 'import'; readonly jobId: string; readonly dbPath: string } & ImportFileRequest)
  | { readonly kind: 'demo'; readonly jobId: string; readonly dbPath: string; readonly options: DemoOptions }
  | { readonly kind: 'recipe'; readonly jobId: string; readonly dbPath: string; readonly source: string };

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
