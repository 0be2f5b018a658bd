// Entry of the worker thread that runs an import job: importFile alone, so the thread loads a
// fraction of job-worker.ts's code and the import's process stays smaller (see job-thread.ts).
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { importFile } from '../import/import-file';
import { importOptionsOf, importRequestOf, request, runJobThread } from './job-thread';

void runJobThread(async (db) => {
  if (request.kind !== 'import') throw new RootwiseError('error.internal', { detail: `the import worker was given a ${request.kind} job` });
  return importFile(db, importOptionsOf(importRequestOf(request)));
});
