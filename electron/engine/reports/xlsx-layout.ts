import type { DocColumn, DocValue } from '../../../shared/report/report-document';
import type { MetricUnit } from '../../../shared/metrics/metric-definition';
import { neutraliseFormula } from '../../../shared/format/csv';

/**
 * What the XLSX exporter decides about a workbook before exceljs writes it: sheet names Excel
 * accepts, cells typed from a report's columns, column widths. Pure, so it is tested without a file.
 */

/** Excel refuses a sheet name longer than this (UTF-16 units). */
export const SHEET_NAME_MAX = 31;

const FORBIDDEN_IN_SHEET_NAME = /[:\\/?*[\]\p{Cc}]/gu;

/** The first code points of `text` that fit in `max` UTF-16 units (a surrogate pair is never split). */
function cutTo(text: string, max: number): string {
  let out = '';
  for (const point of text) {
    if (out.length + point.length > max) break;
    out += point;
  }
  return out;
}

/** Trims the spaces and apostrophes Excel refuses at either end of a sheet name. */
const trimSheetName = (name: string): string => name.replace(/^[\s']+|[\s']+$/gu, '');

/**
 * Gives out sheet names Excel accepts: at most 31 characters, none of `: \ / ? * [ ]`, not
 * starting or ending with an apostrophe, never empty (`fallback` then), never "History" (Excel
 * keeps it), and unique case-insensitively (" (2)", " (3)"… appended, the name cut to make room).
 */
export class SheetNames {
  private readonly taken = new Set<string>();

  /** A free name for `desired`; `fallback` when nothing of it is left once cleaned. `part` 2 and on
   * name the sheets a table continues on ("Tickets (2)"). */
  take(desired: string, fallback: string, part = 1): string {
    const clean = (text: string): string => trimSheetName(text.replace(FORBIDDEN_IN_SHEET_NAME, ' ').replace(/\s+/gu, ' '));
    const base = clean(desired) || clean(fallback) || 'Sheet';
    const numbered = (n: number): string => {
      if (n === 1) return trimSheetName(cutTo(base, SHEET_NAME_MAX));
      const suffix = ` (${n})`;
      return trimSheetName(cutTo(base, SHEET_NAME_MAX - suffix.length)) + suffix;
    };
    let n = part;
    while (this.taken.has(numbered(n).toUpperCase()) || numbered(n).toUpperCase() === 'HISTORY') n++;
    const name = numbered(n);
    this.taken.add(name.toUpperCase());
    return name;
  }
}

/** A cell as exceljs takes it: a number, a string, a Date (written as its UTC time), or empty. */
export interface XlsxCell {
  readonly value: number | string | Date | null;
  readonly numFmt?: string | undefined;
}

const ONE_DECIMAL_UNITS: ReadonlySet<MetricUnit> = new Set(['minutes', 'hours', 'days', 'score', 'nps']);

/** The Excel number format for a numeric column (percent values are 0–100, so the sign is text). */
export function numberFormat(type: DocColumn['type'], unit: MetricUnit | undefined): string {
  if (unit === 'percent') return '0.0"%"';
  if (unit === 'count' || type === 'integer') return '#,##0';
  if (unit !== undefined && ONE_DECIMAL_UNITS.has(unit)) return '0.0';
  return '0.00';
}

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * The Date whose UTC parts are the wall-clock time the ISO text says: exceljs writes a Date as its
 * UTC time, so the workbook shows that day and time whatever the exporting machine's time zone.
 * Null for text that is not an ISO date or date and time.
 */
export function wallClockDate(text: string, withTime: boolean): Date | null {
  const match = (withTime ? ISO_DATETIME : ISO_DATE).exec(text);
  if (match === null) return null;
  const part = (i: number): number => Number(match[i] ?? 0);
  const [year, month, day] = [part(1), part(2), part(3)];
  const date = new Date(Date.UTC(year, month - 1, day, part(4), part(5), part(6), Number((match[7] ?? '').padEnd(3, '0'))));
  // 2024-02-31 would roll over to March, and years below 100 would be taken as 19xx
  const exact = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exact && part(4) < 24 && part(5) < 60 && part(6) < 60 ? date : null;
}

/** Text as written to a cell: never read as a formula by a spreadsheet. */
export const textCell = (text: string): XlsxCell => ({ value: neutraliseFormula(text) });

/**
 * A report value as a typed cell: numbers stay numbers with the column's format (or `unit`'s, for
 * a column mixing units such as KPI values), ISO dates become dates, text is neutralised, null is
 * empty. A value that does not fit its column's type is written as text.
 */
export function docCell(value: DocValue, column: DocColumn, unit: MetricUnit | undefined = column.unit): XlsxCell {
  if (value === null) return { value: null };
  switch (column.type) {
    case 'integer':
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? { value, numFmt: numberFormat(column.type, unit) } : { value: null };
      return textCell(value);
    case 'date':
    case 'datetime': {
      const date = typeof value === 'string' ? wallClockDate(value, column.type === 'datetime') : null;
      if (date !== null) return { value: date, numFmt: column.type === 'date' ? DATE_FORMAT : DATETIME_FORMAT };
      return textCell(String(value));
    }
    case 'text':
      return textCell(String(value));
  }
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** How many narrow characters `text` takes on screen: Chinese, Japanese, Korean and full-width ones count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const point of text) width += WIDE.test(point) ? 2 : 1;
  return width;
}

const MIN_COLUMN_WIDTH = 8;
const MAX_COLUMN_WIDTH = 60;

/** About how wide a cell is shown, in characters. */
function cellWidth(cell: XlsxCell): number {
  const { value } = cell;
  if (value === null) return 0;
  if (value instanceof Date) return cell.numFmt === DATE_FORMAT ? 10 : 19;
  if (typeof value === 'number') return value.toLocaleString('en', { maximumFractionDigits: 2 }).length + 1;
  return Math.max(...value.split(/\r\n|\r|\n/).map(displayWidth));
}

/** Column widths (Excel's unit, about one narrow character) fitting the header and the cells given, capped. */
export function columnWidths(header: readonly string[], rows: Iterable<readonly XlsxCell[]>): number[] {
  const widths = header.map(displayWidth);
  for (const row of rows) row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, cellWidth(cell))));
  return widths.map((w) => Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, w + 2)));
}

/** The letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
