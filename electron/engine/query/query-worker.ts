// Entry of the query thread: answers query specs (and lists the rows a recipe step drops) on a
// read-only connection of its own, so a long query never holds up the engine (imports, the model,
// the window's other calls).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { toErrorPayload } from '../../../shared/errors/rootwise-error';
import { registerModelFunctions } from '../model/workbench-calendar';
import type { AnalysisRequestMessage, AnalysisResponseMessage, DroppedRowsRequestMessage, DroppedRowsResponseMessage, QueryRequestMessage, QueryResponseMessage, QueryWorkerData } from './query-messages';
import { explainMetricChange } from '../explain/explain-metric-change';
import { snapshotSegment } from '../boards/segment-snapshot';
import { followUpAction } from '../boards/action-follow-up';
import { exportDroppedRows, listDroppedRows } from '../recipes/dropped-rows';
import { loadChineseScript } from '../recipes/recipe-functions';
import { getRecipe } from '../recipes/recipe-store';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { ColumnStore } from './column-store';
import { runQuery } from './run-query';

const { dbPath, nativeBinding } = workerData as QueryWorkerData;
const db = new Database(dbPath, { readonly: true, fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
db.pragma('busy_timeout = 5000');
let version = -1;
const store = new ColumnStore(db, sqliteDialect);

/** The calendar and the model's other functions, registered again when the workbench changed. */
function follow(next: number): void {
  if (next === version) return;
  registerModelFunctions(db);
  version = next;
}

parentPort?.on('message', (message: QueryRequestMessage | DroppedRowsRequestMessage | AnalysisRequestMessage) => {
  if ('dropped' in message) {
    void answerDroppedRows(message).then((response) => parentPort?.postMessage(response));
    return;
  }
  if ('analysis' in message) {
    parentPort?.postMessage(answerAnalysis(message));
    return;
  }
  let response: QueryResponseMessage;
  try {
    follow(message.version);
    response = { id: message.id, ok: true, result: runQuery(db, message.spec, { store, version }) };
  } catch (error) {
    response = { id: message.id, ok: false, error: toErrorPayload(error) };
  }
  parentPort?.postMessage(response, response.ok ? [response.result.arrow.buffer as ArrayBuffer] : []);
});

function answerAnalysis({ id, analysis: work, version: next }: AnalysisRequestMessage): AnalysisResponseMessage {
  try {
    follow(next);
    const analysis =
      work.kind === 'explain' ? explainMetricChange(db, work.request) : work.kind === 'snapshot' ? snapshotSegment(db, work.request) : followUpAction(db, work.request);
    return { id, ok: true, analysis };
  } catch (error) {
    return { id, ok: false, error: toErrorPayload(error) };
  }
}

async function answerDroppedRows({ id, dropped: work }: DroppedRowsRequestMessage): Promise<DroppedRowsResponseMessage> {
  try {
    await loadChineseScript(getRecipe(db, work.source)?.spec);
    const dropped = work.kind === 'list' ? listDroppedRows(db, work.source, work.stepId, work.offset, work.limit) : exportDroppedRows(db, work.source, work.stepId);
    return { id, ok: true, dropped };
  } catch (error) {
    return { id, ok: false, error: toErrorPayload(error) };
  }
}
