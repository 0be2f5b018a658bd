// Entry of the import's reader thread: reads, decodes, parses and types the file while the job's
// thread writes the rows it posts (see import-file.ts). Two cores, two stages, one pass.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../../shared/errors/rootwise-error';
import { loadRecords } from './load-records';
import { MAX_IN_FLIGHT, type ReaderMessage, type ReaderWorkerData } from './reader-messages';
import { openRecordStream } from './record-stream';
import { RowEncoder, transferOf } from './row-transport';

class ReaderCancelled extends Error {}
/** Thrown once a preview has its schema: the rest of the file is not needed. */
class PreviewTaken extends Error {}

const { request, cancel, inFlight } = workerData as ReaderWorkerData;
const cancelFlag = new Int32Array(cancel);
const flow = new Int32Array(inFlight);
const post = (message: ReaderMessage, transfer: ArrayBuffer[] = []): void => parentPort?.postMessage(message, transfer);

function checkCancelled(): void {
  if (Atomics.load(cancelFlag, 0) === 1) throw new ReaderCancelled();
}

/** Waits while the writer has MAX_IN_FLIGHT batches to write. */
function awaitRoom(): void {
  for (;;) {
    const current = Atomics.load(flow, 0);
    if (current < MAX_IN_FLIGHT) return;
    Atomics.wait(flow, 0, current, 250);
    checkCancelled();
  }
}

async function run(): Promise<void> {
  const stream = await openRecordStream(request.source, { encoding: request.encoding, delimiter: request.delimiter, sheet: request.sheet, checkCancelled });
  try {
    let encoder: RowEncoder | undefined;
    await loadRecords(stream, {
      skipRows: request.skipRows,
      columnTypes: request.columnTypes,
      fixed: request.fixed,
      appendTo: request.appendTo,
      checkCancelled,
      emit: (event) => {
        if (event.type === 'schema' && request.preview === true) {
          post({ type: 'preview', schema: event, encoding: stream.encoding, dialect: stream.dialect, size: stream.totalBytes });
          throw new PreviewTaken();
        }
        if (event.type !== 'rows') {
          if (event.type === 'schema') encoder = new RowEncoder(event.columns.map((c) => c.decision.type));
          post(event);
          return;
        }
        awaitRoom();
        Atomics.add(flow, 0, 1);
        const { values, records, ...rest } = event;
        const rows = encoder!.encode(values, records, event.count);
        post({ ...rest, rows }, transferOf(rows));
      },
    });
  } finally {
    stream.close();
  }
}

run().catch((error: unknown) => {
  if (error instanceof PreviewTaken) return;
  post(error instanceof ReaderCancelled ? { type: 'cancelled' } : { type: 'failed', error: toErrorPayload(error) });
});
