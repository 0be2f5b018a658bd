// What every job thread does around its work: read its request, report progress (at most ten
// times a second), watch the cancel flag, open its own connection to the workbench (WAL lets the
// engine keep reading meanwhile; the job's single transaction makes it all-or-nothing), and post
// its outcome. The job kinds live in the entries: job-worker.ts runs them all, import-worker.ts
// runs imports alone, with far less code loaded.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { JobProgress } from '../../../shared/api/types';
import { toErrorPayload } from '../../../shared/errors/rootwise-error';
import type { ImportFileOptions, ImportFileRequest, ImportProgress } from '../import/import-file';
import { configureConnection } from '../workbench/workbench-file';
import type { JobMessage, JobRequest, JobWorkerData } from './job-messages';

export class JobCancelled extends Error {}

export const { request, cancel, nativeBinding } = workerData as JobWorkerData;
const cancelFlag = new Int32Array(cancel);
const post = (message: JobMessage): void => parentPort?.postMessage(message);

let lastPhase: JobProgress['phase'] | undefined;
let lastPost = 0;
export function onProgress(phase: JobProgress['phase'], done: number, total: number): void {
  const now = Date.now();
  if (phase === lastPhase && now - lastPost < 100 && done < total) return;
  lastPhase = phase;
  lastPost = now;
  post({ type: 'progress', progress: { jobId: request.jobId, kind: request.kind, phase, done, total } });
}

const startedAt = Date.now();
/** Import progress in bytes, with rows written and the time left at the pace so far. */
function onImportProgress({ done, total, rows }: ImportProgress): void {
  const now = Date.now();
  if (now - lastPost < 100 && done < total) return;
  lastPost = now;
  const elapsed = (now - startedAt) / 1000;
  const etaSeconds = done > 0 && done < total && elapsed > 0.5 ? Math.round((elapsed * (total - done)) / done) : undefined;
  post({ type: 'progress', progress: { jobId: request.jobId, kind: request.kind === 'refresh' ? 'refresh' : 'import', phase: 'writing', done, total, rows, etaSeconds } });
}

export function checkCancelled(): void {
  if (Atomics.load(cancelFlag, 0) === 1) throw new JobCancelled();
}

/** What importFile needs of the job, for a request carrying an import's fields. */
export function importOptionsOf(importRequest: ImportFileRequest): ImportFileOptions {
  return { ...importRequest, readerScript: path.join(__dirname, 'import-reader.cjs'), cancel, onProgress: onImportProgress, checkCancelled };
}

/** An import request's own fields, without the job's. */
export function importRequestOf(job: Extract<JobRequest, { kind: 'import' }>): ImportFileRequest {
  const { kind: _kind, jobId: _jobId, dbPath: _dbPath, ...importRequest } = job;
  return importRequest;
}

/** Runs the job's work on its own connection and posts the outcome. */
export async function runJobThread(perform: (db: Database.Database) => Promise<unknown>, before?: (db: Database.Database) => Promise<void>): Promise<void> {
  const db = new Database(request.dbPath, { fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
  try {
    configureConnection(db);
    await before?.(db);
    // an import's pages go to the write-ahead log; folding them into the file (about 1.3 s for
    // 300 MB) is left out of its commit and done here once its report is out: nothing waits on it,
    // and another connection's commit meanwhile does not take it on (its checkpoint finds this one busy)
    const foldLater = request.kind === 'import' || request.kind === 'refresh';
    if (foldLater) db.pragma('wal_autocheckpoint = 0');
    const result = await perform(db);
    post({ type: 'done', result });
    if (foldLater) db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    post(error instanceof JobCancelled ? { type: 'cancelled' } : { type: 'failed', error: toErrorPayload(error) });
  } finally {
    db.close();
  }
}
