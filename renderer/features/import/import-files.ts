import type { TextEncoding } from '../../../shared/api/types';
import { format } from '../../../shared/i18n/messages';
import { ApiCallError } from '../../../shared/errors/rootwise-error';
import { api } from '../../api/client';
import { useWorkbenchStore } from '../../state/workbench-store';
import { useToastStore } from '../toasts/toast-store';
import { useImportStore } from './import-store';

export const IMPORT_ACCEPT = '.csv,.tsv,.txt,.json,.jsonl,.ndjson,.xlsx';

const ENCODING_LABEL: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GB18030 (GBK)',
  big5: 'Big5',
};
const IMPORTABLE = /\.(csv|tsv|txt|json|jsonl|ndjson|xlsx)$/i;

let queue: Promise<void> = Promise.resolve();

/** Imports files one after another (the engine writes one table per transaction), then shows the report. */
export function importFiles(files: readonly File[]): Promise<void> {
  const accepted = files.filter((f) => IMPORTABLE.test(f.name));
  const skipped = files.filter((f) => !IMPORTABLE.test(f.name));
  for (const file of skipped) {
    useToastStore.getState().show({
      tone: 'warning',
      title: 'status.importFailed',
      message: (locale) => `${file.name}: ${format(locale, 'drop.body')}`,
    });
  }
  queue = queue.then(async () => {
    for (const file of accepted) await importOne(file);
  });
  return queue;
}

async function importOne(file: File): Promise<void> {
  const jobs = useImportStore.getState();
  const toasts = useToastStore.getState();
  const jobId = crypto.randomUUID();
  jobs.start(jobId, file.name, file.size);
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const report = await api().importFile({ source: { kind: 'bytes', name: file.name, bytes }, jobId });
    const skippedLines = report.skipped.titleRows.length + report.skipped.notes.length;
    toasts.show({
      tone: report.rejected.rows > 0 || report.rejected.values > 0 || report.encoding.replacements > 0 ? 'warning' : 'success',
      message: (locale) =>
        [
          format(locale, 'status.imported', {
            rows: report.rows,
            table: report.table,
            rejected: report.rejected.rows + report.rejected.values,
            ms: Math.round(report.milliseconds),
          }),
          report.encoding.name === 'utf-8' ? '' : format(locale, 'status.readAs', { encoding: ENCODING_LABEL[report.encoding.name] }),
          report.encoding.replacements > 0 ? format(locale, 'status.replacements', { count: report.encoding.replacements }) : '',
          skippedLines > 0 ? format(locale, 'status.skippedLines', { count: skippedLines }) : '',
        ]
          .filter((part) => part !== '')
          .join(' · '),
    });
  } catch (error) {
    const cancelled = error instanceof ApiCallError && error.payload.key === 'error.import.cancelled';
    toasts.show({
      tone: cancelled ? 'info' : 'error',
      title: cancelled ? undefined : 'status.importFailed',
      message: (locale) => (error instanceof ApiCallError ? error.messageFor(locale) : format(locale, 'error.internal', { detail: String(error) })),
    });
  } finally {
    useImportStore.getState().finish(jobId);
    await useWorkbenchStore.getState().refresh();
  }
}

export async function cancelImport(jobId: string): Promise<void> {
  useImportStore.getState().markCancelling(jobId);
  try {
    await api().cancelJob({ jobId });
  } catch (error) {
    useToastStore.getState().show({
      tone: 'error',
      message: (locale) => (error instanceof ApiCallError ? error.messageFor(locale) : String(error)),
    });
  }
}

let picker: HTMLInputElement | null = null;

/** The top bar registers its hidden file input here so the menu's Import… can open it too. */
export function registerFilePicker(input: HTMLInputElement | null): void {
  picker = input;
}

export function openFilePicker(): void {
  picker?.click();
}
