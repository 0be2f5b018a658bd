// Entry of the query thread: answers query specs on a read-only connection of its own, so a long
// query never holds up the engine (imports, the model, the window's other calls).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { toErrorPayload } from '../../../shared/errors/rootwise-error';
import { registerModelFunctions } from '../model/workbench-calendar';
import type { QueryRequestMessage, QueryResponseMessage, QueryWorkerData } from './query-messages';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { ColumnStore } from './column-store';
import { runQuery } from './run-query';

const { dbPath, nativeBinding } = workerData as QueryWorkerData;
const db = new Database(dbPath, { readonly: true, fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
db.pragma('busy_timeout = 5000');
let version = -1;
const store = new ColumnStore(db, sqliteDialect);

parentPort?.on('message', (message: QueryRequestMessage) => {
  let response: QueryResponseMessage;
  try {
    // the calendar may have changed with the workbench
    if (message.version !== version) {
      registerModelFunctions(db);
      version = message.version;
    }
    response = { id: message.id, ok: true, result: runQuery(db, message.spec, { store, version }) };
  } catch (error) {
    response = { id: message.id, ok: false, error: toErrorPayload(error) };
  }
  parentPort?.postMessage(response, response.ok ? [response.result.arrow.buffer as ArrayBuffer] : []);
});
