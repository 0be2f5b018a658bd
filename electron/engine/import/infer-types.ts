import type { CellValue, ColumnType } from '../../../shared/api/types';
import type { MessageKey } from '../../../shared/i18n/messages';

/** Share of a column's non-empty values that must parse for the column to take a type; the rest
 * become NULL and are kept as rejects. */
export const TYPE_THRESHOLD = 0.95;

const INTEGER = /^[-+]?(0|[1-9]\d*)$/;
const NUMBER = /^[-+]?(0|[1-9]\d*)?(\.\d+)?([eE][-+]?\d+)?$/;
const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DATETIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;
/** Spellings of "no value" in exports: they do not argue against a column's type and become NULL
 * in a typed column; the import report counts them per column, so none goes unnoticed. */
const NULL_MARKERS = new Set(['n/a', 'na', 'null', 'none', 'nil', '-', '--', '#n/a', '无', '暂无', '空']);
const TRUE_WORDS = new Set(['true', 'yes', 'y', '是', '真']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '否', '假']);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function parseDate(raw: string): string | null {
  const match = DATE.exec(raw);
  if (match === null) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return validDate(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
}

export function parseDatetime(raw: string): string | null {
  const match = DATETIME.exec(raw);
  if (match === null) return parseDate(raw) === null ? null : `${parseDate(raw)!} 00:00:00`;
  const [y, m, d, h, mi] = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5])];
  const s = match[6] === undefined ? 0 : Number(match[6]);
  if (!validDate(y, m, d) || h > 23 || mi > 59 || s > 59) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

function isNumber(raw: string): boolean {
  return raw !== '' && raw !== '+' && raw !== '-' && NUMBER.test(raw) && /\d/.test(raw) && Number.isFinite(Number(raw));
}

/** Counts, over the whole column, which types its non-empty values fit. */
export class TypeTally {
  nonEmpty = 0;
  integer = 0;
  number = 0;
  boolean = 0;
  date = 0;
  datetime = 0;

  add(raw: string): void {
    const value = raw.trim();
    if (value === '' || NULL_MARKERS.has(value.toLowerCase())) return;
    this.nonEmpty++;
    if (INTEGER.test(value) && Number.isSafeInteger(Number(value))) this.integer++;
    if (isNumber(value)) this.number++;
    const lower = value.toLowerCase();
    if (TRUE_WORDS.has(lower) || FALSE_WORDS.has(lower)) this.boolean++;
    if (DATE.test(value) && parseDate(value) !== null) this.date++;
    else if (DATETIME.test(value) && parseDatetime(value) !== null) this.datetime++;
  }

  /** The narrowest type most values fit; text when none does. */
  decide(): ColumnType {
    const n = this.nonEmpty;
    if (n === 0) return 'text';
    const fits = (count: number): boolean => count >= TYPE_THRESHOLD * n;
    if (fits(this.boolean)) return 'boolean';
    if (fits(this.integer)) return 'integer';
    if (fits(this.number)) return 'real';
    if (fits(this.date)) return 'date';
    if (fits(this.date + this.datetime) && this.datetime > 0) return 'datetime';
    return 'text';
  }
}

export type Conversion =
  | { readonly ok: true; readonly value: CellValue; readonly nullMarker?: true }
  | { readonly ok: false; readonly reason: MessageKey };

const NOT_A: Readonly<Record<Exclude<ColumnType, 'text'>, MessageKey>> = {
  integer: 'reject.notInteger',
  real: 'reject.notNumber',
  boolean: 'reject.notBoolean',
  date: 'reject.notDate',
  datetime: 'reject.notDatetime',
};

/** Converts one raw value to its column's storage form; empty text is NULL, not a reject. */
export function convertValue(type: ColumnType, raw: string): Conversion {
  if (type === 'text') return { ok: true, value: raw === '' ? null : raw };
  const value = raw.trim();
  if (value === '') return { ok: true, value: null };
  if (NULL_MARKERS.has(value.toLowerCase())) return { ok: true, value: null, nullMarker: true };
  let converted: CellValue = null;
  switch (type) {
    case 'integer':
      if (INTEGER.test(value) && Number.isSafeInteger(Number(value))) converted = Number(value);
      break;
    case 'real':
      if (isNumber(value)) converted = Number(value);
      break;
    case 'boolean': {
      const lower = value.toLowerCase();
      if (TRUE_WORDS.has(lower)) converted = 1;
      else if (FALSE_WORDS.has(lower)) converted = 0;
      break;
    }
    case 'date':
      converted = parseDate(value);
      break;
    case 'datetime':
      converted = parseDatetime(value);
      break;
  }
  return converted === null ? { ok: false, reason: NOT_A[type] } : { ok: true, value: converted };
}
