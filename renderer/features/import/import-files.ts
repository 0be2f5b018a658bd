import type { TextEncoding } from '../../../shared/api/types';
import { format } from '../../../shared/i18n/messages';
import { ApiCallError } from '../../../shared/errors/rootwise-error';
import { api } from '../../api/client';
import { useToastStore } from '../toasts/toast-store';
import { useImportDialogStore } from './import-dialog-store';
import { useImportStore } from './import-store';

export const IMPORT_ACCEPT = '.csv,.tsv,.txt,.json,.jsonl,.ndjson,.xlsx';

export const ENCODING_LABEL: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GB18030 (GBK)',
  big5: 'Big5',
};
const IMPORTABLE = /\.(csv|tsv|txt|json|jsonl|ndjson|xlsx)$/i;

/** Files dropped, picked or chosen from the menu open the import dialog, one file after another;
 * a file of a kind Rootwise cannot read is named in a toast. */
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
  return useImportDialogStore.getState().open(accepted);
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
