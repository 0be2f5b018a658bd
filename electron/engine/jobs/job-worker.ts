// Entry of the worker thread that runs heavy jobs (imports, refreshes, recipes, profiles, demo
// generation) away from the thread that answers the UI; see job-thread.ts for what every job shares.
import type Database from 'better-sqlite3';
import { writeDemoDataset } from '../demo/write-demo';
import { importFile } from '../import/import-file';
import { runRecipe } from '../recipes/run-recipe';
import { loadChineseScript } from '../recipes/recipe-functions';
import { getRecipe } from '../recipes/recipe-store';
import { replayAfterImport } from '../recipes/refresh-source';
import { profileTable } from '../profile/table-profile';
import type { JobRequest, RefreshOutcome } from './job-messages';
import { checkCancelled, importOptionsOf, importRequestOf, onProgress, request, runJobThread } from './job-thread';

/** A dry run's outcome, thrown to roll the import back once the replay has been measured. */
class DryRun extends Error {
  constructor(readonly outcome: RefreshOutcome) {
    super('dry run');
  }
}

/** Appends the file to the source, replays the recipe before the import commits, and reports both. */
async function refresh(db: Database.Database, job: Extract<JobRequest, { kind: 'refresh' }>): Promise<RefreshOutcome> {
  const { kind: _kind, jobId: _jobId, dbPath: _dbPath, dryRun, ...importRequest } = job;
  let outcome: RefreshOutcome | undefined;
  try {
    await importFile(db, {
      ...importOptionsOf(importRequest),
      beforeCommit: (imported) => {
        const counts = db.prepare('SELECT rejected_rows AS rejectedRows, rejected_values AS rejectedValues FROM rw_imports WHERE id = ?').get(imported.importId) as { rejectedRows: number; rejectedValues: number };
        const replay = replayAfterImport(db, job.appendTo.table, imported, { checkCancelled });
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

/** The job's work, by its kind. */
async function perform(db: Database.Database): Promise<unknown> {
  switch (request.kind) {
    case 'import':
      return importFile(db, importOptionsOf(importRequestOf(request)));
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

/** A recipe or a refresh may turn Chinese script: its dictionary is loaded first. */
async function before(db: Database.Database): Promise<void> {
  if (request.kind !== 'recipe' && request.kind !== 'refresh') return;
  const recipe = getRecipe(db, request.kind === 'recipe' ? request.source : request.appendTo.table);
  if (recipe !== undefined) await loadChineseScript(recipe.spec);
}

// an async function, not top-level await: the worker is bundled as CommonJS
void runJobThread(perform, before);
