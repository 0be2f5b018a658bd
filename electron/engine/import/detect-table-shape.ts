import type { CsvRecord as ParsedRecord } from './parse-csv';

/** What shape detection looks at in a record. */
type CsvRecord = Pick<ParsedRecord, 'fields' | 'truncated'>;

export interface TableShape {
  /** Index of the header record; the records before it are a title block (kept in the report). */
  readonly headerIndex: number;
  /** Records at the end that are notes under the table (`注：…`, `数据来源：…`), kept in the report. */
  readonly notesCount: number;
}

const SHAPE_SAMPLE = 200;
const MAX_NOTES = 10;

function filled(record: CsvRecord): number {
  let count = 0;
  for (const field of record.fields) if (field.trim() !== '') count++;
  return count;
}

/** The number of fields most records have, among those that look like table rows. */
export function tableWidth(records: readonly CsvRecord[]): number {
  const counts = new Map<number, number>();
  for (const record of records.slice(0, SHAPE_SAMPLE)) {
    if (filled(record) < 2) continue;
    counts.set(record.fields.length, (counts.get(record.fields.length) ?? 0) + 1);
  }
  let width = 0;
  let best = 0;
  for (const [w, n] of counts) {
    if (n > best || (n === best && w > width)) [width, best] = [w, n];
  }
  return width;
}

const looksNumeric = (text: string): boolean => /^[-+]?[\d.,%\s]+$/.test(text.trim());
const NOTE_PREFIX = /^(注|备注|備註|说明|說明|数据来源|數據來源|资料来源|資料來源|来源|來源|note|notes|source|remark)/i;

/** A note under a table: one cell of prose (or starting like a note), not a short code or number. */
function isNote(record: CsvRecord, width: number): boolean {
  const cells = record.fields.filter((f) => f.trim() !== '');
  if (record.truncated || cells.length !== 1 || record.fields[0]!.trim() === '') return false;
  const text = cells[0]!.trim();
  if (NOTE_PREFIX.test(text)) return true;
  const prose = text.length >= 8 && /[\s\u3000-\u9fff]/.test(text);
  return record.fields.length < width && prose && !looksNumeric(text);
}

/** The header's index among the first records: the first that fills at least half of the table's width. */
export function detectHeaderIndex(head: readonly CsvRecord[]): number {
  const width = tableWidth(head);
  if (width < 2) return 0;
  const enough = Math.max(2, Math.ceil(width / 2));
  const index = head.slice(0, SHAPE_SAMPLE).findIndex((r) => filled(r) >= enough);
  return index === -1 ? 0 : index;
}

/**
 * How many of the records at the end of a table (`tail`, in file order, at least MAX_NOTES + 1 of
 * them when the table has that many rows) are notes under it rather than rows.
 */
export function countTrailingNotes(tail: readonly CsvRecord[], width: number): number {
  if (width < 2) return 0;
  let notesCount = 0;
  for (let i = tail.length - 1; i >= 0; i--) {
    if (!isNote(tail[i]!, width)) break;
    // a long run of one-cell rows is data that lost its other fields, not a block of notes
    if (++notesCount > MAX_NOTES) return 0;
  }
  return notesCount;
}

/** Records kept back at the end of a streamed table until it is known whether they are notes. */
export const NOTES_LOOKBEHIND = MAX_NOTES + 1;

/**
 * Finds where the table starts and ends in an export that wraps it in text, as the statistics
 * bureau's and many Chinese systems' exports do: title lines above the header (`数据库：月度数据`)
 * and notes below the table (`注：…`). The header is the first record that fills at least half of
 * the table's width; notes are trailing records with a single, non-numeric cell that are either
 * narrower than the table or start like a note.
 */
export function detectTableShape(records: readonly CsvRecord[]): TableShape {
  const width = tableWidth(records);
  if (width < 2) return { headerIndex: 0, notesCount: 0 };
  const headerIndex = detectHeaderIndex(records);
  // the header and the first row are never notes
  const tail = records.slice(Math.max(headerIndex + 2, records.length - NOTES_LOOKBEHIND));
  return { headerIndex, notesCount: countTrailingNotes(tail, width) };
}
