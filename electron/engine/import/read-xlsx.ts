import path from 'node:path';
import { Readable } from 'node:stream';
import { stream as excelStream, type CellValue, type Row } from 'exceljs';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { detectTableShape } from './detect-table-shape';
import type { CsvRecord } from './parse-csv';
import type { ReadTableOptions, SourceTable } from './read-table';
import { guardZip, readZipEntry } from './zip-guard';

/**
 * One sheet of an Excel workbook (.xlsx) as records, its parts read through the ZIP guard and
 * parsed by exceljs's streaming reader. Every cell becomes the text the type inference reads:
 * numbers as Excel shows them in General format (15 significant digits, integers never in
 * exponent form), dates and times as ISO wall-clock time, elapsed times (`[h]:mm:ss`) and times of
 * day as `H:MM:SS`, booleans as `true`/`false`, formulas as their cached result (`#N/A` when it is
 * an error or missing), error cells as their code, rich text and links as their text. A record's
 * `line` is the Excel row number.
 *
 * The sheet read is the one named by `sheet`, else the first visible sheet with data (a hidden one
 * only when no visible sheet has any). A two-row header whose upper row holds merged group cells
 * (满意度 over CSAT and NPS) becomes one header row, `满意度 CSAT`, `满意度 NPS`. A cell merged
 * down over rows of the table is read in each of them.
 */

/**
 * The parts of exceljs 4.4's streaming reader (lib/stream/xlsx/workbook-reader.js) used here, which
 * its typings leave out. Its own ZIP reading (`read()`, `parse()`, async iteration) is not used:
 * unzipper ends the entry stream early when its input is consumed before exceljs has taken every
 * entry (its `finish` handler emits `end`), so a workbook whose sheets come before
 * sharedStrings.xml or workbook.xml randomly loses its strings or sheet names. The entries are
 * read here instead, through the central directory, in the order the parsers need them.
 */
interface WorkbookReaderInternals {
  readonly model?: { readonly sheets?: readonly SheetModel[] | undefined } | undefined;
  readonly properties?: { readonly model?: { readonly date1904?: boolean } | undefined } | undefined;
  readonly workbookRels?: readonly { readonly Id: string; readonly Type: string; readonly Target: string }[] | undefined;
  sharedStrings?: unknown[] | undefined;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ readonly value: unknown }>;
}
interface SheetModel {
  readonly name: string;
  readonly rId: string;
  readonly state?: string | undefined;
}

/** A merged range: Excel row numbers, 1-based column numbers. */
interface Merge {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

interface SheetRows {
  readonly name: string;
  /** Rows with at least one value, each cut after its last value; field i is Excel column i + 1. */
  readonly rows: CsvRecord[];
  readonly merges: readonly Merge[];
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_1904_EPOCH_MS = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;

const notXlsx = (file: string): RootwiseError => new RootwiseError('error.import.notXlsx', { file });

export async function readXlsx(bytes: Uint8Array, fileName: string, options: ReadTableOptions): Promise<SourceTable> {
  const { sheet, sheets, replacements } = await readSheet(bytes, fileName, options);
  const records = sheet === undefined ? [] : sheetRecords(sheet);
  return {
    records,
    rawText: (record) => record.fields.join('\t').replace(/\t+$/, ''),
    encoding: { name: 'utf-8', confidence: 1, replacements },
    dialect: { format: 'xlsx', delimiter: null, sheet: sheet?.name, sheets },
    mayHaveTitleAndNotes: true,
  };
}

/**
 * A ZIP entry as text, decoded with a streaming decoder (exceljs 4.4 decodes each chunk on its own,
 * so a Chinese character split between two chunks turns into two U+FFFD:
 * https://github.com/exceljs/exceljs/issues/2063; it passes strings through untouched).
 */
async function* entryText(chunks: AsyncIterable<Uint8Array>, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    onBytes?.(bytes);
    yield decoder.decode(chunk, { stream: true });
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

const MERGE_CELL = /<mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"/g;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Sheet XML passed on as it is, its `<mergeCell>` elements (which exceljs's streaming reader
 * skips) collected on the way. */
async function* collectingMerges(text: AsyncIterable<string>, merges: Merge[]): AsyncGenerator<string> {
  let tail = '';
  for await (const chunk of text) {
    const window = tail + chunk;
    for (const m of window.matchAll(MERGE_CELL)) {
      // a match that ends inside the tail was found in the previous window
      if (m.index + m[0].length <= tail.length) continue;
      merges.push({ left: columnNumber(m[1]!), top: Number(m[2]), right: columnNumber(m[3]!), bottom: Number(m[4]) });
    }
    tail = window.slice(-128);
    yield chunk;
  }
}

/** Runs one of exceljs's parsers; what it throws (other than a refusal from the ZIP reader) means
 * it could not read the file. */
async function parsing<T>(file: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    throw error instanceof RootwiseError ? error : notXlsx(file);
  }
}

/** Steps through exceljs's rows, converting what it throws as `parsing` does. */
async function* rowsOf(worksheet: excelStream.xlsx.WorksheetReader, file: string): AsyncGenerator<Row> {
  const iterator = worksheet[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await parsing(file, () => iterator.next());
      if (step.done === true) return;
      yield step.value;
    }
  } finally {
    // when the caller stopped early (a cancelled job), this closes the sheet's inflater
    await iterator.return(undefined);
  }
}

/** A relationship target as a ZIP entry name; targets are relative to the workbook's folder. */
const partName = (target: string): string => (target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`));

async function readSheet(bytes: Uint8Array, file: string, options: ReadTableOptions): Promise<{ sheet: SheetRows | undefined; sheets: string[]; replacements: number }> {
  const entries = new Map(guardZip(bytes, file).map((e) => [e.name, e]));
  const text = (name: string, onBytes?: (bytes: number) => void): AsyncGenerator<string> => {
    const entry = entries.get(name);
    if (entry === undefined) throw notXlsx(file);
    return entryText(readZipEntry(bytes, entry, file), onBytes);
  };
  // the reader's input is never read: the entries are handed to its parsers one by one
  const reader = new excelStream.xlsx.WorkbookReader(Readable.from([]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  const internals = reader as unknown as WorkbookReaderInternals;
  await parsing(file, () => internals._parseRels(Readable.from(text('xl/_rels/workbook.xml.rels'))));
  await parsing(file, () => internals._parseWorkbook(Readable.from(text('xl/workbook.xml'))));
  const rels = internals.workbookRels ?? [];
  const related = (type: string): string | undefined => {
    const target = rels.find((r) => r.Type.endsWith(`/${type}`))?.Target;
    return target === undefined ? undefined : partName(target);
  };
  const styles = related('styles');
  if (styles !== undefined && entries.has(styles)) await parsing(file, () => internals._parseStyles(Readable.from(text(styles))));
  const sharedStrings = related('sharedStrings');
  if (sharedStrings !== undefined && entries.has(sharedStrings)) {
    await parsing(file, async () => {
      for await (const _ of internals._parseSharedStrings(Readable.from(text(sharedStrings)))) {
        // cached by exceljs, nothing emitted
      }
    });
  } else internals.sharedStrings = [];
  const date1904 = internals.properties?.model?.date1904 === true;

  const models = internals.model?.sheets ?? [];
  const sheets = models.map((s) => s.name);
  const counter = { replacements: 0 };
  const read = async (model: SheetModel, index: number): Promise<SheetRows> => {
    const target = rels.find((r) => r.Id === model.rId)?.Target;
    if (target === undefined) throw notXlsx(file);
    const name = partName(target);
    const total = entries.get(name)?.uncompressedSize ?? 0;
    const merges: Merge[] = [];
    const xml = collectingMerges(text(name, (done) => options.onParsed(done, total)), merges);
    const [event] = internals._parseWorksheet(xml, String(index + 1));
    if (event === undefined) throw notXlsx(file);
    const rows = await readRows(event.value as excelStream.xlsx.WorksheetReader, file, date1904, counter, options);
    return { name: model.name, rows, merges };
  };

  let sheet: SheetRows | undefined;
  if (options.sheet !== undefined) {
    const index = models.findIndex((s) => s.name === options.sheet);
    if (index === -1) throw new RootwiseError('error.import.sheetNotFound', { file, sheet: options.sheet, sheets: sheets.join(', ') });
    sheet = await read(models[index]!, index);
  } else {
    const hidden = (s: SheetModel): boolean => s.state === 'hidden' || s.state === 'veryHidden';
    // visible sheets first; a hidden one only when no visible sheet has data
    for (const visible of [true, false]) {
      for (const [index, model] of models.entries()) {
        if (sheet !== undefined || hidden(model) === visible) continue;
        const candidate = await read(model, index);
        if (candidate.rows.length > 0) sheet = candidate;
      }
    }
  }
  return { sheet, sheets, replacements: counter.replacements };
}

async function readRows(
  worksheet: excelStream.xlsx.WorksheetReader,
  file: string,
  date1904: boolean,
  counter: { replacements: number },
  options: ReadTableOptions,
): Promise<CsvRecord[]> {
  const rows: CsvRecord[] = [];
  for await (const row of rowsOf(worksheet, file)) {
    // sparse: a row's XML lists only the cells that have something
    const fields: (string | undefined)[] = [];
    row.eachCell((cell, column) => {
      const text = cellText(cell.value, cell.numFmt, date1904);
      if (text === '') return;
      fields[column - 1] = text;
      if (text.includes('\uFFFD')) counter.replacements += text.split('\uFFFD').length - 1;
    });
    if (fields.length === 0) continue;
    rows.push({ fields: Array.from(fields, (f) => f ?? ''), line: row.number, start: 0, end: 0, truncated: false });
    if (rows.length % 20_000 === 0) options.checkCancelled();
  }
  return rows;
}

/** A number format without its literal text and its [colour]/[condition] parts. */
const formatCodes = (numFmt: string | undefined): string => (numFmt ?? '').replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
/** Excel's own test for a date format (exceljs utils.isDateFmt): a date part outside quotes and brackets. */
const isDateFormat = (numFmt: string | undefined): boolean => /[ymdhMsb]/.test(formatCodes(numFmt));
/** `[h]:mm:ss`, `[mm]:ss`: a length of time, not a moment. */
const isElapsedFormat = (numFmt: string | undefined): boolean => numFmt !== undefined && /\[(h+|m+|s+)]/i.test(numFmt);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  // Excel keeps 15 significant digits; beyond them is binary noise (0.30000000000000004)
  return String(Number(n.toPrecision(15)));
}

/** exceljs gives a date cell as a Date whose UTC parts are the wall-clock time Excel stores. */
function dateText(date: Date, numFmt: string | undefined, date1904: boolean): string {
  const ms = Math.round(date.getTime() / 1000) * 1000;
  const serialMs = ms - (date1904 ? EXCEL_1904_EPOCH_MS : EXCEL_EPOCH_MS);
  if (isElapsedFormat(numFmt) || (serialMs >= 0 && serialMs < DAY_MS)) {
    // a time of day or a duration: H:MM:SS, read by the type inference as a duration
    const seconds = Math.abs(serialMs) / 1000;
    const text = `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
    return serialMs < 0 ? `-${text}` : text;
  }
  const d = new Date(ms);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  // a column formatted with a time keeps it at midnight too; a time the format hides is kept
  const withTime = ms % DAY_MS !== 0 || /[hs]/i.test(formatCodes(numFmt));
  return withTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : day;
}

function cellText(value: CellValue, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value, numFmt, date1904);
  if ('error' in value) return value.error;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return cellText(value.text, numFmt, date1904);
  const result = value.result;
  // exceljs drops a formula's cached error (#N/A, #DIV/0!…), leaving it like a formula never
  // calculated: either way the value is not available, which #N/A says (a null marker)
  if (result === undefined || (typeof result === 'number' && Number.isNaN(result))) return '#N/A';
  // and leaves a formula's date as its serial number
  if (typeof result === 'number' && isDateFormat(numFmt)) return dateText(new Date((date1904 ? EXCEL_1904_EPOCH_MS : EXCEL_EPOCH_MS) + result * DAY_MS), numFmt, date1904);
  return cellText(result, numFmt, date1904);
}

/**
 * The sheet's rows as the records import-file reads: columns left of the leftmost value dropped,
 * a merged two-row header combined, and the table's rows (header to notes) padded to one width
 * (trailing empty cells are absent in XLSX). Title rows and notes keep their own width, so the
 * table shape is found in them as in delimited text.
 */
function sheetRecords(sheet: SheetRows): CsvRecord[] {
  let first = Infinity;
  for (const row of sheet.rows) {
    const at = row.fields.findIndex((f) => f !== '');
    if (at !== -1 && at < first) first = at;
  }
  const records = first === 0 ? sheet.rows : sheet.rows.map((row) => ({ ...row, fields: row.fields.slice(first) }));
  const merges = sheet.merges.map((m) => ({ ...m, left: m.left - 1 - first, right: m.right - 1 - first }));

  const shape = detectTableShape(records);
  let headerIndex = shape.headerIndex;
  for (const upper of [headerIndex - 1, headerIndex]) {
    if (upper < 0 || upper + 1 >= records.length - shape.notesCount) continue;
    const labels = groupHeader(records[upper]!, records[upper + 1]!, merges);
    if (labels === undefined) continue;
    records.splice(upper, 2, { ...records[upper]!, fields: labels });
    headerIndex = upper;
    break;
  }

  const end = records.length - shape.notesCount;
  fillMergedDown(records.slice(headerIndex + 1, end), records[headerIndex]?.line ?? 0, merges);
  let width = 0;
  for (let i = headerIndex; i < end; i++) width = Math.max(width, records[i]!.fields.length);
  for (let i = headerIndex; i < end; i++) {
    const fields = records[i]!.fields;
    while (fields.length < width) fields.push('');
  }
  return records;
}

/**
 * A cell merged down over several rows of the table (a category written once beside the rows it
 * covers) gives its value to every row it spans, as Excel shows it; across columns it stays in the
 * first one.
 */
function fillMergedDown(rows: readonly CsvRecord[], headerLine: number, merges: readonly Merge[]): void {
  const byLine = new Map(rows.map((r) => [r.line, r]));
  for (const m of merges) {
    if (m.top <= headerLine || m.bottom === m.top || m.left < 0) continue;
    const value = byLine.get(m.top)?.fields[m.left] ?? '';
    if (value === '') continue;
    for (let line = m.top + 1; line <= m.bottom; line++) {
      const fields = byLine.get(line)?.fields;
      if (fields === undefined || (fields[m.left] ?? '') !== '') continue;
      while (fields.length <= m.left) fields.push('');
      fields[m.left] = value;
    }
  }
}

/**
 * Header labels from two rows when the upper one holds group cells: at least one cell merged
 * across columns of that row only (but not across the whole table, as a title is), and every other
 * value of the upper row the start of a merge too (a label merged down over both rows). Under a
 * group, the label is the group's text then the lower row's; elsewhere it is the one value.
 */
function groupHeader(upper: CsvRecord, lower: CsvRecord, merges: readonly Merge[]): string[] | undefined {
  if (lower.line !== upper.line + 1) return undefined;
  const width = Math.max(upper.fields.length, lower.fields.length);
  const startsHere = merges.filter((m) => m.top === upper.line && m.bottom <= lower.line);
  const groups = startsHere.filter((m) => m.bottom === upper.line && m.right > m.left && !(m.left <= 0 && m.right >= width - 1));
  if (groups.length === 0) return undefined;
  const cell = (record: CsvRecord, c: number): string => (record.fields[c] ?? '').trim();
  for (let c = 0; c < upper.fields.length; c++) {
    if (cell(upper, c) !== '' && !startsHere.some((m) => m.left === c)) return undefined;
  }
  if (!groups.some((g) => Array.from({ length: g.right - g.left + 1 }, (_, i) => cell(lower, g.left + i)).some((text) => text !== ''))) return undefined;
  return Array.from({ length: width }, (_, c) => {
    const group = groups.find((g) => g.left <= c && c <= g.right);
    const above = cell(upper, group?.left ?? c);
    const below = cell(lower, c);
    return above === '' || above === below ? below : below === '' ? above : `${above} ${below}`;
  });
}
