// Entry of the worker thread that runs heavy jobs (imports, demo generation) away from the thread
// that answers the UI. It opens its own connection to the workbench; WAL lets the engine keep
// reading meanwhile, and the job's single transaction makes it all-or-nothing.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { JobProgress } from '../../../shared/api/types';
import { toErrorPayload } from '../../../shared/errors/rootwise-error';
import { writeDemoDataset } from '../demo/write-demo';
import { importFile, type ImportFileRequest, type ImportProgress } from '../import/import-file';
import { configureConnection } from '../workbench/workbench-file';
import { runRecipe } from '../recipes/run-recipe';
import { loadChineseScript } from '../recipes/recipe-functions';
import { getRecipe } from '../recipes/recipe-store';
import { replayAfterImport } from '../recipes/refresh-source';
import { profileTable } from '../profile/table-profile';
import type { RefreshOutcome } from './job-messages';
import type { JobMessage, JobRequest, JobWorkerData } from './job-messages';

class JobCancelled extends Error {}

const { request, cancel, nativeBinding } = workerData as JobWorkerData;
const cancelFlag = new Int32Array(cancel);
const post = (message: JobMessage): void => parentPort?.postMessage(message);

let lastPhase: JobProgress['phase'] | undefined;
let lastPost = 0;
function onProgress(phase: JobProgress['phase'], done: number, total: number): void {
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

/** The import's own fields of a job request. */
function importRequestOf(request: Extract<JobRequest, { kind: 'import' }>): ImportFileRequest {
  const { kind: _kind, jobId: _jobId, dbPath: _dbPath, ...importRequest } = request;
  return importRequest;
}

/** A dry run's outcome, thrown to roll the import back once the replay has been measured. */
class DryRun extends Error {
  constructor(readonly outcome: RefreshOutcome) {
    super('dry run');
  }
}

/** Appends the file to the source, replays the recipe before the import commits, and reports both. */
async function refresh(db: Database.Database, request: Extract<JobRequest, { kind: 'refresh' }>): Promise<RefreshOutcome> {
  const { kind: _kind, jobId: _jobId, dbPath: _dbPath, dryRun, ...importRequest } = request;
  let outcome: RefreshOutcome | undefined;
  try {
    await importFile(db, {
      ...importRequest,
      readerScript: path.join(__dirname, 'import-reader.cjs'),
      cancel,
      onProgress: onImportProgress,
      checkCancelled,
      beforeCommit: (imported) => {
        const counts = db.prepare('SELECT rejected_rows AS rejectedRows, rejected_values AS rejectedValues FROM rw_imports WHERE id = ?').get(imported.importId) as { rejectedRows: number; rejectedValues: number };
        const replay = replayAfterImport(db, request.appendTo.table, imported, { checkCancelled });
        outcome = { imported: { rows: imported.rows, ...counts }, ...replay, committed: !dryRun };
        if (dryRun) throw new DryRun(outcome);
      },
    });
  } catch (error) {
    if (error instanceof DryRun) return error.outcome;
    throw error;
  }
  return outcome!;
}

function checkCancelled(): void {
  if (Atomics.load(cancelFlag, 0) === 1) throw new JobCancelled();
}

/** The job's work, by its kind. */
async function perform(db: Database.Database): Promise<unknown> {
  switch (request.kind) {
    case 'import':
      return importFile(db, { ...importRequestOf(request), readerScript: path.join(__dirname, 'import-reader.cjs'), cancel, onProgress: onImportProgress, checkCancelled });
    case 'refresh':
      return refresh(db, request);
    case 'profile':
      return profileTable(db, request.table);
    case 'recipe':
      return runRecipe(db, request.source, { onProgress: (done, total) => onProgress('writing', done, total), checkCancelled });
    case 'demo':
      return writeDemoDataset(db, request.options, onProgress, checkCancelled);
  }
}

// an async function, not top-level await: the worker is bundled as CommonJS
async function run(): Promise<void> {
  const db = new Database(request.dbPath, { fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
  try {
    configureConnection(db);
    if (request.kind === 'recipe' || request.kind === 'refresh') {
      const source = request.kind === 'recipe' ? request.source : request.appendTo.table;
      const recipe = getRecipe(db, source);
      if (recipe !== undefined) await loadChineseScript(recipe.spec);
    }
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

void run();
