import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobProgress } from '../../../shared/api/types';
import { ApiCallError, RootwiseError } from '../../../shared/errors/rootwise-error';
import { YOUNG_HEAP_MB } from '../import/import-file';
import type { JobMessage, JobRequest, JobWorkerData } from './job-messages';

export interface RunningJob<T> {
  readonly result: Promise<T>;
  cancel(): void;
}

/** The old-generation heap of an import job's thread, which writes batches of rows and keeps the
 * decoded texts they point into (at 24 MB it collects so often that the import takes 10 % longer). */
const WRITER_HEAP_MB = 32;

/** Thrown when a job stopped because it was asked to; nothing it did was kept. */
export class JobCancelledError extends Error {}

/** The thread an import runs on: `import-worker.cjs` beside the job worker, which carries the
 * import alone (the job worker carries every kind of job, and its code costs memory). */
export const importWorkerBeside = (workerScript: string): string => path.join(path.dirname(workerScript), 'import-worker.cjs');

/** Runs one job in a fresh worker thread and relays its progress. */
export function runJob<T>(
  workerScript: string,
  request: JobRequest,
  onProgress: (progress: JobProgress) => void,
  nativeBinding?: string,
): RunningJob<T> {
  const cancel = new SharedArrayBuffer(4);
  const data: JobWorkerData = { request, cancel, nativeBinding };
  // an import streams: its writer needs little memory, and holding it to that keeps the heap small
  const script = request.kind === 'import' ? importWorkerBeside(workerScript) : workerScript;
  const worker = new Worker(script, { workerData: data, ...(request.kind === 'import' ? { resourceLimits: { maxOldGenerationSizeMb: WRITER_HEAP_MB, maxYoungGenerationSizeMb: YOUNG_HEAP_MB } } : {}) });
  const result = new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (message: JobMessage) => {
      switch (message.type) {
        case 'progress':
          onProgress(message.progress);
          break;
        case 'done':
          settle(() => resolve(message.result as T));
          break;
        case 'cancelled':
          settle(() => reject(new JobCancelledError()));
          break;
        case 'failed':
          settle(() => reject(new ApiCallError(message.error)));
          break;
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new RootwiseError('error.internal', { detail: `job worker exited with code ${code}` }))));
  });
  return {
    result,
    cancel: () => {
      Atomics.store(new Int32Array(cancel), 0, 1);
    },
  };
}
