import path from 'node:path';
import type Database from 'better-sqlite3';
import { Workbook, ValueType, type Cell, type Worksheet } from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportXlsx, tableSheetSource, writeReportXlsx, type XlsxExtraTable } from '../../../../../electron/engine/reports/export-xlsx';
import { writeTable } from '../../../../../electron/engine/workbench/table-catalog';
import { createWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import type { DocBlock, DocTable, ReportDocument } from '../../../../../shared/report/report-document';
import { tempDir } from '../../../../support/paths';
import { INJECTION_CELLS, sampleReportDocument } from '../../../../support/report-document-fixture';

async function readBack(bytes: Uint8Array): Promise<Workbook> {
  const workbook = new Workbook();
  // exceljs types its input as an ArrayBuffer
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook;
}

function sheet(workbook: Workbook, name: string): Worksheet {
  const found = workbook.getWorksheet(name);
  if (found === undefined) throw new Error(`no sheet "${name}" in ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return found;
}

/** A row's values from column A, empty cells as null. */
function rowValues(ws: Worksheet, row: number): unknown[] {
  const values = ws.getRow(row).values as unknown[];
  return Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1] ?? null);
}

function everyCell(workbook: Workbook, visit: (cell: Cell, ws: Worksheet) => void): void {
  for (const ws of workbook.worksheets) ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => visit(cell, ws)));
}

/** The text of a cell whatever its kind (a string, rich text, a hyperlink). */
function cellText(cell: Cell): string | null {
  const { value } = cell;
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
  }
  return null;
}

// exceljs types a cell's font as always there; a cell without a style has none
const isBold = (cell: Cell): boolean => (cell.font as Cell['font'] | undefined)?.bold === true;

const FORMULA_START = /^[=+\-@\t\r\n]/;
const isoDay = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : `not a date: ${String(value)}`);

function doc(blocks: DocBlock[], locale: ReportDocument['locale'] = 'en'): ReportDocument {
  return { ...sampleReportDocument(locale), blocks };
}

const smallTable = (label: string): DocTable => ({ columns: [{ label, type: 'integer' }], rows: [[1]], text: [['1']] });

describe('a report as an Excel workbook', () => {
  it('has a contents sheet first, then one validly named sheet per table of data, in order', async () => {
    const workbook = await readBack(await reportXlsx(sampleReportDocument('en')));
    const names = workbook.worksheets.map((ws) => ws.name);
    expect(names).toEqual([
      'Contents',
      'Key figures',
      'Ticket volume',
      'Top categories',
      'Response time spread',
      'Categories in detail',
      'Sichuan CSAT drop',
      'Where it moved',
      'Where it moved (waterfall)',
      'Actions',
    ]);
    const contents = sheet(workbook, 'Contents');
    expect(contents.getCell('A1').value).toBe('Monthly service review');
    expect(contents.getCell('A1').font.bold).toBe(true);
    expect(rowValues(contents, 2)).toEqual(['October 2024 vs September 2024']);
    expect(rowValues(contents, 3)).toEqual(['Source: demo.rootwise']);
    expect(rowValues(contents, 4)).toEqual(['Generated: 2024-11-02 09:00 UTC']);
    expect(rowValues(contents, 6)).toEqual(['Sheet', 'Title', 'Period and filters']);
    const listed = names.slice(1).map((_, i) => rowValues(contents, 7 + i));
    expect(listed.map((row) => row[0])).toEqual(names.slice(1));
    expect(listed[2]).toEqual(['Top categories', 'Top categories', 'Period: Oct 1, 2024 – Oct 31, 2024; Filters: Channel = Phone']);
    expect(listed[5]).toEqual(['Sichuan CSAT drop', 'Sichuan CSAT drop']);
  });

  it('names the sheets in Chinese for a Chinese report', async () => {
    const workbook = await readBack(await reportXlsx(sampleReportDocument('zh-CN')));
    const names = workbook.worksheets.map((ws) => ws.name);
    expect(names).toEqual(['目录', '核心指标', '工单量趋势', '问题类别', '响应时长分布', '类别明细', '四川满意度下降', '变化解释', '变化解释（瀑布图）', '改进措施']);
    expect(rowValues(sheet(workbook, '目录'), 6)).toEqual(['工作表', '标题', '期间与筛选']);
    expect(rowValues(sheet(workbook, '核心指标'), 5)).toEqual(['指标', '数值', '单位', '变化', '上期', '样本量']);
    expect(rowValues(sheet(workbook, '类别明细'), 16)).toEqual(['显示 9 行，共 120 行。']);
  });

  it('puts the title and context above a bold, frozen, filtered header, and keeps numbers and their formats', async () => {
    const workbook = await readBack(await reportXlsx(sampleReportDocument('en')));
    const ws = sheet(workbook, 'Top categories');
    expect(ws.getCell('A1').value).toBe('Top categories');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(rowValues(ws, 2)).toEqual(['Period: Oct 1, 2024 – Oct 31, 2024']);
    expect(rowValues(ws, 3)).toEqual(['Filters: Channel = Phone']);
    expect(rowValues(ws, 4)).toEqual([]);
    expect(rowValues(ws, 5)).toEqual(['Category', 'Tickets', 'SLA attainment']);
    expect(ws.getCell('C5').font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.autoFilter).toBe('A5:C14');
    expect(rowValues(ws, 6)).toEqual(['Late delivery', 1204, 62.5]);
    expect(ws.getCell('B6').type).toBe(ValueType.Number);
    expect(ws.getCell('B6').numFmt).toBe('#,##0');
    expect(ws.getCell('C7').value).toBe(71.25);
    expect(ws.getCell('C7').numFmt).toBe('0.0"%"');
    expect(ws.getCell('B5').numFmt).toBeUndefined();
    // columns sized from their text: the category column is wider than the default, and capped
    expect(ws.getColumn(1).width).toBeGreaterThan(20);
    expect(ws.getColumn(1).width).toBeLessThanOrEqual(60);
  });

  it('writes dates as dates on the same day, whatever the time zone', async () => {
    const workbook = await readBack(await reportXlsx(sampleReportDocument('en')));
    const volume = sheet(workbook, 'Ticket volume');
    expect(volume.getCell('A6').type).toBe(ValueType.Date);
    expect(volume.getCell('A6').numFmt).toBe('yyyy-mm-dd');
    expect([6, 7, 8, 9, 10, 11].map((r) => isoDay(volume.getCell(`A${r}`).value))).toEqual(['2024-05-01', '2024-06-01', '2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01']);
    expect(isoDay(sheet(workbook, 'Actions').getCell('C4').value)).toBe('2024-11-15');

    const times: DocTable = {
      columns: [{ label: 'Opened', type: 'datetime' }, { label: 'Day', type: 'date' }],
      rows: [['2024-10-01T08:30:05', '2024-02-29'], ['2024-12-31 23:59:59', 'not a date']],
      text: [],
    };
    const ws = sheet(await readBack(await reportXlsx(doc([{ id: 't', kind: 'table', title: 'Times', context: [], table: times }]))), 'Times');
    expect((ws.getCell('A4').value as Date).toISOString()).toBe('2024-10-01T08:30:05.000Z');
    expect(ws.getCell('A4').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect((ws.getCell('A5').value as Date).toISOString()).toBe('2024-12-31T23:59:59.000Z');
    expect(isoDay(ws.getCell('B4').value)).toBe('2024-02-29');
    expect(ws.getCell('B5').value).toBe('not a date');
  });

  it('lists KPI cards with each value in its own unit format', async () => {
    const ws = sheet(await readBack(await reportXlsx(sampleReportDocument('en'))), 'Key figures');
    expect(rowValues(ws, 5)).toEqual(['Measure', 'Value', 'Unit', 'Change', 'Previous period', 'n']);
    expect(rowValues(ws, 6)).toEqual(['Tickets', 5230, 'Count', "'+6.5 %", '4,911', 5230]);
    expect(rowValues(ws, 7)).toEqual(['SLA attainment', 81.4, 'Percent', '−3.1 pts', '84.5 %', 5102]);
    expect(rowValues(ws, 8)).toEqual(['CSAT', 4.21, 'Score']);
    expect(['B6', 'B7', 'B8', 'F6'].map((a) => ws.getCell(a).numFmt)).toEqual(['#,##0', '0.0"%"', '0.0', '#,##0']);
  });

  it('writes no formula and no text a spreadsheet would run, keeping the text after a quote', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const workbook = await readBack(await reportXlsx(sampleReportDocument(locale)));
      const texts: string[] = [];
      let cells = 0;
      everyCell(workbook, (cell) => {
        cells++;
        expect(cell.type).not.toBe(ValueType.Formula);
        expect(cell.formula).toBeUndefined();
        const text = cellText(cell);
        if (text !== null) texts.push(text);
        expect(text ?? '', `${cell.address}: ${text}`).not.toMatch(FORMULA_START);
      });
      expect(cells).toBeGreaterThan(100);
      // XML reads a carriage return back as a line feed
      for (const injection of INJECTION_CELLS) expect(texts).toContain(`'${injection.replace('\r', '\n')}`);
      expect(texts).toContain("'@SUM(A1:A2) coaching");
      expect(texts).toContain("'-New agents");
    }
    // negative numbers stay numbers
    const waterfall = sheet(await readBack(await reportXlsx(sampleReportDocument('en'))), 'Where it moved (waterfall)');
    expect(waterfall.getCell('B6').value).toBe(-0.32);
    expect(waterfall.getCell('B6').numFmt).toBe('0.00');
  });

  it('neutralises titles, context lines and headers too', async () => {
    const table: DocTable = { columns: [{ label: '=cmd|calc', type: 'text' }], rows: [['@x']], text: [] };
    const report = { ...doc([{ id: 'x', kind: 'table', title: '+Injected', context: ['-1 filter'], table }]), title: '=Report', source: '@file', periodText: '+period' };
    const workbook = await readBack(await reportXlsx(report));
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Contents', '+Injected']);
    const ws = sheet(workbook, '+Injected');
    expect(rowValues(ws, 1)).toEqual(["'+Injected"]);
    expect(rowValues(ws, 2)).toEqual(["'-1 filter"]);
    expect(rowValues(ws, 4)).toEqual(["'=cmd|calc"]);
    expect(rowValues(ws, 5)).toEqual(["'@x"]);
    expect(rowValues(sheet(workbook, 'Contents'), 1)).toEqual(["'=Report"]);
    expect(rowValues(sheet(workbook, 'Contents'), 2)).toEqual(["'+period"]);
    expect(rowValues(sheet(workbook, 'Contents'), 7)).toEqual(["'+Injected", "'+Injected", "'-1 filter"]);
  });

  it('says how many rows a cut table had, and draws total rows bold', async () => {
    const en = sheet(await readBack(await reportXlsx(sampleReportDocument('en'))), 'Categories in detail');
    expect(rowValues(en, 14)).toEqual(["'=1+2", 16, 56]);
    expect(rowValues(en, 15)).toEqual([]);
    expect(rowValues(en, 16)).toEqual(['Showing 9 of 120 rows.']);

    const pivot: DocTable = {
      columns: [{ label: 'Region', type: 'text' }, { label: 'Tickets', type: 'integer' }],
      rows: [['North', 10], ['Total', 30], ['South', 20]],
      text: [],
      totalRowIndexes: [1],
    };
    const ws = sheet(await readBack(await reportXlsx(doc([{ id: 'p', kind: 'table', title: 'Pivot', context: [], table: pivot }]))), 'Pivot');
    expect(['A4', 'A5', 'B5', 'A6'].map((a) => isBold(ws.getCell(a)))).toEqual([false, true, true, false]);
    expect(rowValues(ws, 7)).toEqual([]);
  });

  it('makes sheet names valid: cut to 31 characters, unique whatever the case, without the characters Excel refuses', async () => {
    const long = 'A very long title that goes well beyond the limit';
    const zhLong = '这是一个非常非常非常非常非常非常非常非常非常非常长的中文标题用来测试';
    const titles = [long, long, 'Tickets', 'TICKETS', 'Q1/Q2: [draft]?*', '', 'Contents', "'quoted'", zhLong, 'History'];
    const blocks = titles.map((title, i): DocBlock => ({ id: `b${i}`, kind: 'table', title, context: [], table: smallTable('n') }));
    const names = (await readBack(await reportXlsx(doc(blocks)))).worksheets.map((ws) => ws.name);
    expect(names).toEqual([
      'Contents',
      'A very long title that goes wel',
      'A very long title that goes (2)',
      'Tickets',
      'TICKETS (2)',
      'Q1 Q2 draft',
      'Sheet 7',
      'Contents (2)',
      'quoted',
      zhLong.slice(0, 31),
      'History (2)',
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]/);
    }
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
  });

  it('gives a dashboard a sheet for its KPI cards and one per chart, and leaves text blocks out', async () => {
    const { blocks: sample } = sampleReportDocument('en');
    const chart = sample.find((b): b is Extract<DocBlock, { kind: 'chart' }> => b.kind === 'chart')!;
    const kpis = sample.find((b): b is Extract<DocBlock, { kind: 'kpis' }> => b.kind === 'kpis')!;
    const dashboard: DocBlock = {
      id: 'd',
      kind: 'dashboard',
      title: 'Overview',
      context: ['Period: October'],
      kpis: kpis.cards,
      charts: [{ title: 'Volume', chart: chart.chart }, { title: 'Volume', chart: chart.chart }],
    };
    const blocks: DocBlock[] = [{ id: 'h', kind: 'heading', title: 'Heading', level: 1, context: [] }, dashboard, { id: 'm', kind: 'missing', title: 'Gone', context: [], of: 'chart', message: 'x' }];
    const workbook = await readBack(await reportXlsx(doc(blocks)));
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Contents', 'Overview', 'Volume', 'Volume (2)']);
    expect(rowValues(sheet(workbook, 'Volume (2)'), 1)).toEqual(['Volume']);
    expect(rowValues(sheet(workbook, 'Volume (2)'), 2)).toEqual(['Period: October']);
    expect(sheet(workbook, 'Overview').getCell('B5').value).toBe(5230);
  });
});

describe('extra tables', () => {
  let db: Database.Database;
  let cleanup: () => void;

  beforeEach(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    db = createWorkbenchFile(path.join(made.dir, 'xlsx.rootwise'), 'test').db;
    writeTable(db, {
      name: 'tickets',
      label: { en: 'Tickets', 'zh-CN': '工单' },
      sourceFile: 'tickets.csv',
      columns: [
        { name: 'ticket_id', label: { en: 'Ticket', 'zh-CN': '工单号' }, type: 'integer' },
        { name: 'csat', label: { en: 'CSAT', 'zh-CN': '满意度' }, type: 'real' },
        { name: '备注', label: { en: 'Note', 'zh-CN': '备注' }, type: 'text' },
        { name: 'created', label: { en: 'Created', 'zh-CN': '创建日期' }, type: 'date' },
        { name: 'closed_at', label: { en: 'Closed at', 'zh-CN': '关闭时间' }, type: 'datetime' },
      ],
      rows: Array.from({ length: 7 }, (_, i) => [1000 + i, i === 2 ? null : 3.5 + i / 4, i === 1 ? '=HYPERLINK("http://x")' : `第 ${i} 条`, `2024-10-0${i + 1}`, `2024-10-0${i + 1} 12:0${i}:00`]),
    });
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  it('reads a workbench table typed from its catalogue, rows in order', () => {
    const source = tableSheetSource(db, 'tickets');
    expect(source.name).toBe('tickets');
    expect(source.rowCount).toBe(7);
    expect(source.columns).toEqual([
      { label: 'ticket_id', type: 'integer' },
      { label: 'csat', type: 'number' },
      { label: '备注', type: 'text' },
      { label: 'created', type: 'date' },
      { label: 'closed_at', type: 'datetime' },
    ]);
    const rows = [...source.rows];
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual([1000, 3.5, '第 0 条', '2024-10-01', '2024-10-01 12:00:00']);
    // read again from the start
    expect([...source.rows]).toEqual(rows);
  });

  it('writes a workbench table on its own sheet with its types, listed in the contents', async () => {
    const workbook = await readBack(await reportXlsx(sampleReportDocument('en'), { extraTables: [tableSheetSource(db, 'tickets')] }));
    expect(workbook.worksheets.at(-1)?.name).toBe('tickets');
    const ws = sheet(workbook, 'tickets');
    expect(rowValues(ws, 1)).toEqual(['ticket_id', 'csat', '备注', 'created', 'closed_at']);
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:E8');
    expect(ws.getCell('A2').value).toBe(1000);
    expect(ws.getCell('A2').numFmt).toBe('#,##0');
    expect(ws.getCell('B2').value).toBe(3.5);
    expect(ws.getCell('B2').numFmt).toBe('0.00');
    expect(ws.getCell('B4').value).toBeNull();
    expect(ws.getCell('C3').value).toBe('\'=HYPERLINK("http://x")');
    expect(isoDay(ws.getCell('D8').value)).toBe('2024-10-07');
    expect(ws.getCell('D8').numFmt).toBe('yyyy-mm-dd');
    expect((ws.getCell('E8').value as Date).toISOString()).toBe('2024-10-07T12:06:00.000Z');
    expect(ws.rowCount).toBe(8);
    const contents = sheet(workbook, 'Contents');
    expect(rowValues(contents, 7 + workbook.worksheets.length - 2)).toEqual(['tickets', 'tickets', '7 rows']);
  });

  it('continues a table longer than a sheet on the next sheets', async () => {
    // four rows to a sheet: a header and three rows
    const bytes = await writeReportXlsx(doc([]), { extraTables: [tableSheetSource(db, 'tickets')] }, 4);
    const workbook = await readBack(bytes);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Contents', 'tickets', 'tickets (2)', 'tickets (3)']);
    const ids = workbook.worksheets.slice(1).map((ws) => {
      expect(rowValues(ws, 1)[0]).toBe('ticket_id');
      return Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getCell(`A${i + 2}`).value);
    });
    expect(ids).toEqual([[1000, 1001, 1002], [1003, 1004, 1005], [1006]]);
    const contents = sheet(workbook, 'Contents');
    expect(rowValues(contents, 8)).toEqual(['tickets (2)', 'tickets', 'Rows 4–6 of 7']);
  });

  it('rejects when cancelled, and lets go of the rows it was reading', async () => {
    const before = new AbortController();
    before.abort();
    await expect(reportXlsx(sampleReportDocument('en'), { signal: before.signal })).rejects.toMatchObject({ key: 'error.export.cancelled' });

    let released = false;
    const many: XlsxExtraTable = {
      name: 'many',
      columns: [{ label: 'n', type: 'integer' }],
      rowCount: 50_000,
      rows: {
        *[Symbol.iterator]() {
          try {
            for (let i = 0; i < 50_000; i++) yield [i];
          } finally {
            released = true;
          }
        },
      },
    };
    const during = new AbortController();
    const seen: number[] = [];
    const onProgress = (done: number): void => {
      seen.push(done);
      if (done >= 5_000) during.abort();
    };
    const error: unknown = await reportXlsx(doc([]), { extraTables: [many], signal: during.signal, onProgress }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RootwiseError);
    expect((error as RootwiseError).key).toBe('error.export.cancelled');
    expect(released).toBe(true);
    expect(Math.max(...seen)).toBeLessThan(10_000);
  });

  it('reports progress up to every row written', async () => {
    const seen: [number, number][] = [];
    await reportXlsx(sampleReportDocument('en'), { extraTables: [tableSheetSource(db, 'tickets')], onProgress: (done, total) => seen.push([done, total]) });
    // 3 KPI cards + 6 + 9 + 6 + 9 + 1 + 1 + 2 + 1 report rows, then 7 table rows
    expect(seen.at(-1)).toEqual([45, 45]);
  });
});
