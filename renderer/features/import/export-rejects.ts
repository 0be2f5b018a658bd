import type { RejectRecord } from '../../../shared/api/types';
import { toCsv } from '../../../shared/format/csv';
import { format, type Locale } from '../../../shared/i18n/messages';
import { api } from '../../api/client';
import { saveFile } from '../../ui/save-file';

const PAGE = 10_000;
/** A byte-order mark, so Excel opens the UTF-8 file with its Chinese intact. */
const BOM = '\uFEFF';

const HEADER: Readonly<Record<Locale, readonly string[]>> = {
  en: ['file', 'line', 'column', 'field', 'raw text', 'reason'],
  'zh-CN': ['文件', '行', '列', '字段', '原始内容', '原因'],
};

/** Rejects as CSV, in the user's language; cells a spreadsheet would run as formulas are neutralised. */
export function rejectsCsv(rejects: readonly RejectRecord[], locale: Locale): string {
  return (
    BOM +
    toCsv(
      HEADER[locale],
      rejects.map((r) => [r.file, r.line, r.column, r.field, r.raw, r.reason[locale]]),
    )
  );
}

/** Every reject of an import (or of a table's imports), fetched page by page. */
export async function allRejects(filter: { readonly importId?: number; readonly table?: string }): Promise<RejectRecord[]> {
  const all: RejectRecord[] = [];
  for (;;) {
    const { total, rejects } = await api().listRejects({ ...filter, offset: all.length, limit: PAGE });
    all.push(...rejects);
    if (rejects.length === 0 || all.length >= total) return all;
  }
}

/** Saves the rejects as a CSV file through the browser's download (the desktop app asks where). */
export async function exportRejects(filter: { readonly importId?: number; readonly table?: string }, name: string, locale: Locale): Promise<void> {
  saveFile(`${name}-${format(locale, 'data.rejects.fileSuffix')}.csv`, rejectsCsv(await allRejects(filter), locale));
}
