import { Writable } from 'node:stream';
import type Database from 'better-sqlite3';
import type * as ExcelJs from 'exceljs';
import type { Font, Worksheet } from 'exceljs';
import type { ColumnType } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { format, type Locale, type MessageKey } from '../../../shared/i18n/messages';
import type { MetricUnit } from '../../../shared/metrics/metric-definition';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import type { DocBlock, DocColumn, DocColumnType, DocKpiCard, DocValue, ReportDocument } from '../../../shared/report/report-document';
import { getTableSchema } from '../workbench/table-catalog';
import { columnLetters, columnWidths, docCell, SheetNames, textCell, type XlsxCell } from './xlsx-layout';

/** Rows written to a sheet of their own, after the report's: a whole workbench table on request. */
export interface XlsxExtraTable {
  /** The sheet's name (cut and made unique as every sheet name is). */
  readonly name: string;
  readonly columns: readonly DocColumn[];
  /** Read once, as they are written: a million rows never sit in memory. */
  readonly rows: Iterable<readonly DocValue[]>;
  /** How many rows there are: plans the sheets a long table continues on, and the progress. */
  readonly rowCount: number;
}

export interface ReportXlsxOptions {
  readonly extraTables?: readonly XlsxExtraTable[] | undefined;
  /** Checked between batches of rows: an abort rejects with `error.export.cancelled`. */
  readonly signal?: AbortSignal | undefined;
  /** Rows written so far, of all the sheets' rows. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Excel's rows per sheet: a longer table continues on a sheet "name (2)". */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Rows between two checks of the signal, progress reports and pauses letting the ZIP writer take what was written. */
const BATCH_ROWS = 1_000;
/** Rows of an extra table read before its columns are sized. */
const WIDTH_SAMPLE_ROWS = 500;
const TITLE_FONT: Partial<Font> = { bold: true, size: 14 };
const BOLD: Partial<Font> = { bold: true };

/** A table as a sheet draws it: a report's table, or KPI cards whose value column mixes units. */
interface SheetTable {
  readonly columns: readonly DocColumn[];
  readonly rows: readonly (readonly DocValue[])[];
  readonly totalRows?: number | undefined;
  readonly totalRowIndexes?: readonly number[] | undefined;
  /** One unit per row for the value column of KPI cards. */
  readonly rowUnits?: { readonly column: number; readonly units: readonly (MetricUnit | undefined)[] } | undefined;
}

/** One data sheet of the report: a title, the lines under it, then a table. */
interface Section {
  readonly title: string;
  /** Lines written under the title: the period and filters, a board's problem, an explainer's summary. */
  readonly lines: readonly string[];
  /** The block's period and filters, as the contents sheet lists them. */
  readonly context: readonly string[];
  readonly table: SheetTable;
}

/**
 * exceljs, read on the first export rather than at start-up, where it would slow every start (as
 * the importer reads it only for a workbook). `require`, not `import()`: esbuild keeps exceljs
 * external, and Node's `import()` of that CommonJS package gives only its default export.
 */
function loadExcelJs(): typeof ExcelJs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
  return require('exceljs') as typeof ExcelJs;
}

const cancelled = (): RootwiseError => new RootwiseError('error.export.cancelled', {});

function kpiTable(locale: Locale, cards: readonly DocKpiCard[]): SheetTable {
  const label = (key: MessageKey): string => format(locale, key);
  return {
    columns: [
      { label: label('report.xlsx.kpi.measure'), type: 'text' },
      { label: label('report.xlsx.kpi.value'), type: 'number' },
      { label: label('model.metric.unit'), type: 'text' },
      { label: label('report.xlsx.kpi.change'), type: 'text' },
      { label: label('report.xlsx.kpi.previous'), type: 'text' },
      { label: label('report.xlsx.kpi.n'), type: 'integer', detail: true },
    ],
    rows: cards.map((card) => [
      card.label,
      card.value,
      card.unit === undefined ? null : label(`model.metric.unit.${card.unit}`),
      card.change?.text ?? null,
      card.change?.previousText ?? null,
      card.n ?? null,
    ]),
    rowUnits: { column: 1, units: cards.map((card) => card.unit) },
  };
}

/** The data sheets a block fills: none for text, one per table it holds otherwise. */
function blockSections(locale: Locale, block: DocBlock): Section[] {
  const { title, context } = block;
  const section = (table: SheetTable, lines: readonly string[] = context, name = title): Section => ({ title: name, lines, context, table });
  switch (block.kind) {
    case 'kpis':
      return [section(kpiTable(locale, block.cards))];
    case 'chart':
      return [section(block.chart.data)];
    case 'dashboard':
      return [
        ...(block.kpis.length > 0 ? [section(kpiTable(locale, block.kpis))] : []),
        ...block.charts.map((chart) => section(chart.chart.data, context, chart.title === '' ? title : chart.title)),
      ];
    case 'table':
    case 'actions':
      return [section(block.table)];
    case 'explainer':
      return [section(block.candidates, [...block.summary, ...context]), section(block.chart.data, context, format(locale, 'report.xlsx.waterfall', { title }))];
    case 'board':
      return [section(block.whys, [...block.problem, ...context])];
    case 'title':
    case 'heading':
    case 'text':
    case 'pageBreak':
    case 'missing':
      return [];
  }
}

/**
 * The parts of exceljs 4.4's streaming sheet (lib/stream/xlsx/worksheet-writer.js,
 * lib/utils/stream-buf.js) that tell how much of its XML the ZIP writer has not taken yet. The
 * sheet writes to its ZIP entry without heeding backpressure, so a sheet written faster than it is
 * deflated would pile up in memory (1.8 MB more every 20,000 rows, measured).
 */
interface SheetStreamInternals {
  readonly stream?: {
    readonly buffers?: readonly unknown[];
    readonly bufSize?: number;
    readonly pipes?: readonly { readonly _writableState?: { readonly length?: number } }[];
  };
}

/** Bytes of a sheet's XML waiting for the ZIP writer: in the sheet's own buffers and in its ZIP entry's input. */
function unzippedBytes(sheet: Worksheet): number {
  const stream = (sheet as unknown as SheetStreamInternals).stream;
  const own = (stream?.buffers?.length ?? 0) * (stream?.bufSize ?? 0);
  return own + (stream?.pipes?.[0]?._writableState?.length ?? 0);
}

/** Unzipped XML a sheet may hold before the writer waits for the ZIP writer. */
const MAX_UNZIPPED_BYTES = 4 * 1024 * 1024;
const DRAIN_WAIT_MS = 5;
/** Waits at one pause at most (20 s): the ZIP writer stalling is not worth hanging the export for. */
const MAX_DRAIN_WAITS = 4_000;

/** Counts the rows written; every batch checks for a cancel, reports progress and lets the ZIP writer drain. */
class Progress {
  private done = 0;
  private sinceBatch = 0;

  constructor(
    private readonly total: number,
    private readonly options: ReportXlsxOptions,
  ) {}

  check(): void {
    if (this.options.signal?.aborted === true) throw cancelled();
  }

  /** Adds `rows`; true when a batch is complete and the writer should `pause()`. */
  add(rows: number): boolean {
    this.done += rows;
    this.sinceBatch += rows;
    return this.sinceBatch >= BATCH_ROWS;
  }

  /** Reports, then waits for the ZIP writer to take most of what `sheet` holds (checking for a cancel meanwhile). */
  async pause(sheet?: Worksheet): Promise<void> {
    this.sinceBatch = 0;
    this.report();
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.check();
    for (let waits = 0; sheet !== undefined && waits < MAX_DRAIN_WAITS && unzippedBytes(sheet) > MAX_UNZIPPED_BYTES; waits++) {
      await new Promise<void>((resolve) => setTimeout(resolve, DRAIN_WAIT_MS));
      this.check();
    }
  }

  report(): void {
    this.options.onProgress?.(this.done, Math.max(this.total, this.done));
  }
}

/** Writes one row's cells (empty cells left out) and hands the row to the stream. */
function writeCells(sheet: Worksheet, rowNumber: number, cells: readonly XlsxCell[], font?: Partial<Font>): void {
  const row = sheet.getRow(rowNumber);
  cells.forEach((cell, c) => {
    if (cell.value === null) return;
    const target = row.getCell(c + 1);
    target.value = cell.value;
    if (cell.numFmt !== undefined) target.numFmt = cell.numFmt;
    if (font !== undefined) target.font = font;
  });
  row.commit();
}

/** Adds a sheet whose first `frozenRows` rows (down to the header) stay in view. */
type SheetAdder = (name: string, frozenRows: number) => Worksheet;

function setWidths(sheet: Worksheet, widths: readonly number[]): void {
  if (widths.length > 0) sheet.columns = widths.map((width) => ({ width }));
}

function writeContents(addSheet: SheetAdder, name: string, doc: ReportDocument, entries: readonly (readonly string[])[]): void {
  const { locale } = doc;
  const generated = new Date(doc.generatedAt);
  const time = Number.isNaN(generated.getTime()) ? doc.generatedAt : `${generated.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines = [
    ...(doc.periodText === null ? [] : [doc.periodText]),
    format(locale, 'report.xlsx.source', { file: doc.source }),
    format(locale, 'report.xlsx.generatedAt', { time }),
  ];
  const header = [format(locale, 'report.xlsx.sheet'), format(locale, 'report.xlsx.title'), format(locale, 'report.xlsx.context')].map(textCell);
  const rows = entries.map((entry) => entry.map(textCell));
  const headerRow = lines.length + 3;
  const sheet = addSheet(name, 0);
  setWidths(sheet, columnWidths(header.map((h) => String(h.value)), rows));
  writeCells(sheet, 1, [textCell(doc.title)], TITLE_FONT);
  lines.forEach((line, i) => writeCells(sheet, 2 + i, [textCell(line)]));
  writeCells(sheet, headerRow, header, BOLD);
  rows.forEach((row, i) => writeCells(sheet, headerRow + 1 + i, row));
  sheet.commit();
}

function writeSection(addSheet: SheetAdder, name: string, section: Section, locale: Locale): void {
  const { table } = section;
  const headerRow = section.lines.length + 3;
  const header = table.columns.map((column) => textCell(column.label));
  const unitOf = (r: number, c: number): MetricUnit | undefined =>
    table.rowUnits?.column === c ? table.rowUnits.units[r] : table.columns[c]?.unit;
  const rows = table.rows.map((row, r) => table.columns.map((column, c) => docCell(row[c] ?? null, column, unitOf(r, c))));
  const sheet = addSheet(name, table.columns.length > 0 ? headerRow : 0);
  setWidths(sheet, columnWidths(header.map((h) => String(h.value)), rows));
  writeCells(sheet, 1, [textCell(section.title)], TITLE_FONT);
  section.lines.forEach((line, i) => writeCells(sheet, 2 + i, [textCell(line)]));
  writeCells(sheet, headerRow, header, BOLD);
  const totals = new Set(table.totalRowIndexes);
  rows.forEach((row, r) => writeCells(sheet, headerRow + 1 + r, row, totals.has(r) ? BOLD : undefined));
  const lastRow = headerRow + rows.length;
  if (table.totalRows !== undefined && table.totalRows > table.rows.length) {
    writeCells(sheet, lastRow + 2, [textCell(format(locale, 'report.xlsx.rowsShown', { shown: table.rows.length, total: table.totalRows }))]);
  }
  if (table.columns.length > 0) sheet.autoFilter = `A${headerRow}:${columnLetters(table.columns.length)}${lastRow}`;
  sheet.commit();
}

/** An extra table's sheets: planned from its row count, more named on the way if it holds more. */
interface ExtraPlan {
  readonly table: XlsxExtraTable;
  readonly names: string[];
}

async function writeExtraTable(addSheet: SheetAdder, plan: ExtraPlan, nextName: (part: number) => string, rowsPerSheet: number, progress: Progress): Promise<void> {
  const { table } = plan;
  const header = table.columns.map((column) => textCell(column.label));
  const toCells = (row: readonly DocValue[]): XlsxCell[] => table.columns.map((column, c) => docCell(row[c] ?? null, column));
  const iterator = table.rows[Symbol.iterator]();
  try {
    let ended = false;
    const sample: XlsxCell[][] = [];
    while (!ended && sample.length < WIDTH_SAMPLE_ROWS) {
      const next = iterator.next();
      if (next.done === true) ended = true;
      else sample.push(toCells(next.value));
    }
    const widths = columnWidths(header.map((h) => String(h.value)), sample);
    const open = (part: number): Worksheet => {
      const sheet = addSheet(plan.names[part] ?? nextName(part), 1);
      setWidths(sheet, widths);
      writeCells(sheet, 1, header, BOLD);
      return sheet;
    };
    const close = (sheet: Worksheet, lastRow: number): void => {
      if (table.columns.length > 0) sheet.autoFilter = `A1:${columnLetters(table.columns.length)}${lastRow}`;
      sheet.commit();
    };
    let part = 0;
    let sheet = open(part);
    let rowNumber = 1;
    const write = async (cells: readonly XlsxCell[]): Promise<void> => {
      if (rowNumber === rowsPerSheet) {
        close(sheet, rowNumber);
        sheet = open(++part);
        rowNumber = 1;
      }
      writeCells(sheet, ++rowNumber, cells);
      if (progress.add(1)) await progress.pause(sheet);
    };
    for (const cells of sample) await write(cells);
    sample.length = 0;
    while (!ended) {
      const next = iterator.next();
      if (next.done === true) ended = true;
      else await write(toCells(next.value));
    }
    close(sheet, rowNumber);
  } finally {
    // releases the rows' source (an open SQLite statement) when writing stops half-way
    iterator.return?.();
  }
}

/** How many sheets `rowCount` rows take under a header row, `rowsPerSheet` rows to a sheet. */
const sheetsFor = (rowCount: number, rowsPerSheet: number): number => Math.max(1, Math.ceil(rowCount / (rowsPerSheet - 1)));

/**
 * A report as an Excel workbook: a contents sheet, then one sheet per table of data the report
 * holds (KPI cards, a chart's data, a table, an explainer's candidates and waterfall, actions, a
 * board's whys), then the extra tables. Numbers and dates keep their types and formats; every text
 * cell is neutralised so that no spreadsheet runs it as a formula, and no formula is written.
 */
export async function reportXlsx(doc: ReportDocument, options: ReportXlsxOptions = {}): Promise<Uint8Array> {
  return writeReportXlsx(doc, options, EXCEL_MAX_ROWS);
}

/** `reportXlsx` with a given number of rows per sheet, so that tests see a table continue on a next sheet. */
export async function writeReportXlsx(doc: ReportDocument, options: ReportXlsxOptions, rowsPerSheet: number): Promise<Uint8Array> {
  const { locale } = doc;
  const extraTables = options.extraTables ?? [];
  const names = new SheetNames();
  const untitled = (n: number): string => format(locale, 'report.xlsx.untitled', { n });
  const contentsName = names.take(format(locale, 'report.xlsx.contents'), untitled(1));
  const sections = doc.blocks.flatMap((block) => blockSections(locale, block));
  const sectionNames = sections.map((section, i) => names.take(section.title, untitled(i + 2)));
  const plans: ExtraPlan[] = extraTables.map((table) => ({
    table,
    names: Array.from({ length: sheetsFor(table.rowCount, rowsPerSheet) }, (_, part) => names.take(table.name, untitled(sections.length + 2), part + 1)),
  }));
  const entries = [
    ...sections.map((section, i) => [sectionNames[i]!, section.title, section.context.join('; ')]),
    ...plans.flatMap(({ table, names: parts }) =>
      parts.map((name, part) => {
        if (parts.length === 1) return [name, table.name, format(locale, 'report.xlsx.tableRows', { count: table.rowCount })];
        const from = part * (rowsPerSheet - 1) + 1;
        return [name, table.name, format(locale, 'report.xlsx.tableRowRange', { from, to: Math.min(table.rowCount, from + rowsPerSheet - 2), total: table.rowCount })];
      }),
    ),
  ];

  const total = sections.reduce((sum, s) => sum + s.table.rows.length, 0) + extraTables.reduce((sum, t) => sum + t.rowCount, 0);
  const progress = new Progress(total, options);
  progress.check();

  const ExcelJS = loadExcelJs();
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Rootwise';
  const addSheet: SheetAdder = (name, frozenRows) =>
    workbook.addWorksheet(name, { views: frozenRows > 0 ? [{ state: 'frozen', xSplit: 0, ySplit: frozenRows, topLeftCell: `A${frozenRows + 1}` }] : [] });

  writeContents(addSheet, contentsName, doc, entries);
  for (const [i, section] of sections.entries()) {
    writeSection(addSheet, sectionNames[i]!, section, locale);
    if (progress.add(section.table.rows.length)) await progress.pause();
  }
  for (const plan of plans) {
    await writeExtraTable(addSheet, plan, (part) => names.take(plan.table.name, untitled(sections.length + 2), part + 1), rowsPerSheet, progress);
  }
  progress.check();
  await workbook.commit();
  progress.report();
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const q = (name: string): string => sqliteDialect.quoteIdent(name);

const DOC_TYPES: Readonly<Record<ColumnType, DocColumnType>> = {
  integer: 'integer',
  real: 'number',
  boolean: 'integer',
  date: 'date',
  datetime: 'datetime',
  text: 'text',
};

/** Rows read from SQLite at a time for an extra table. */
const PAGE_ROWS = 2_000;

/**
 * A workbench table as an extra sheet: its stored columns (calculated fields left out, as the CSV
 * export does), headed by their names and typed from the catalogue, its rows in rowid order. The
 * rows are read a page at a time, each page's statement run to its end before the rows are handed
 * on, so the connection is free for other calls while the workbook is written between pages.
 */
export function tableSheetSource(db: Database.Database, table: string): XlsxExtraTable {
  const fields = getTableSchema(db, table).fields.filter((f) => f.expression === undefined);
  const columns = fields.map((f): DocColumn => ({ label: f.name, type: DOC_TYPES[f.type] }));
  const select = `SELECT ${[...fields.map((f) => q(f.name)), 'rowid'].join(', ')} FROM ${q(table)}`;
  const first = db.prepare(`${select} ORDER BY rowid LIMIT ?`).raw(true);
  const after = db.prepare(`${select} WHERE rowid > ? ORDER BY rowid LIMIT ?`).raw(true);
  const rowCount = db.prepare(`SELECT COUNT(*) FROM ${q(table)}`).pluck().get() as number;
  const width = fields.length;
  return {
    name: table,
    columns,
    rowCount,
    rows: {
      *[Symbol.iterator]() {
        let page = first.all(PAGE_ROWS) as DocValue[][];
        while (page.length > 0) {
          for (const row of page) yield row.slice(0, width);
          if (page.length < PAGE_ROWS) return;
          page = after.all(page[page.length - 1]![width], PAGE_ROWS) as DocValue[][];
        }
      },
    },
  };
}
