import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportPreview } from '../../../shared/api/types';
import { ApiCallError, RootwiseError } from '../../../shared/errors/rootwise-error';
import type { ReaderMessage, ReaderRequest, ReaderWorkerData } from './reader-messages';

type PreviewMessage = Extract<ReaderMessage, { type: 'preview' }>;

/**
 * Reads the start of a file in a reader thread, as an import would (so a big workbook never blocks
 * the thread that answers the window), and describes what the import would do.
 */
export function previewImport(readerScript: string, request: Omit<ReaderRequest, 'preview' | 'fixed'>, suggestedTable: string): Promise<ImportPreview> {
  const data: ReaderWorkerData = { request: { ...request, preview: true }, cancel: new SharedArrayBuffer(4), inFlight: new SharedArrayBuffer(4) };
  const reader = new Worker(readerScript, { workerData: data });
  const file = request.source.kind === 'path' ? path.basename(request.source.path) : request.source.name;
  return new Promise<ImportPreview>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      void reader.terminate();
      fn();
    };
    reader.on('message', (message: ReaderMessage) => {
      if (message.type === 'preview') settle(() => resolve(describe(message, file, suggestedTable)));
      else if (message.type === 'failed') settle(() => reject(new ApiCallError(message.error)));
    });
    reader.on('error', (error) => settle(() => reject(error)));
    reader.on('exit', (code) => settle(() => reject(new RootwiseError('error.internal', { detail: `import reader exited with code ${code}` }))));
  });
}

function describe(message: PreviewMessage, file: string, suggestedTable: string): ImportPreview {
  const { schema } = message;
  return {
    file,
    size: message.size,
    encoding: message.encoding,
    dialect: message.dialect,
    headerRow: schema.headerIndex,
    titleRows: schema.titleRows,
    columns: schema.columns.map((c) => ({
      name: c.source,
      label: c.label,
      type: c.decision.type,
      format: c.decision.format,
      ambiguous: c.decision.ambiguous,
      target: c.isNew === undefined ? undefined : c.name,
      isNew: c.isNew,
    })),
    rows: schema.firstRows,
    missingColumns: schema.missing,
    suggestedTable,
  };
}
