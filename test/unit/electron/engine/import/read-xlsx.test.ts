import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectTableShape } from '../../../../../electron/engine/import/detect-table-shape';
import { readTable } from '../../../../../electron/engine/import/read-table';
import { readXlsx } from '../../../../../electron/engine/import/read-xlsx';
import { guardZip } from '../../../../../electron/engine/import/zip-guard';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { tempDir } from '../../../../support/paths';

const ignoreProgress = { onParsed: (): void => undefined, checkCancelled: (): void => undefined };
const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0): Date => new Date(Date.UTC(y, m - 1, d, h, mi, s));
/** Feedback lines long enough that the shared strings span many 16 KiB inflate chunks. */
const feedback = (i: number): string => `客户反馈第${i}条：物流太慢，客服态度很好，希望改进配送时效。🚚`;

let dir: string;
let cleanup: () => void;
let workbookPath: string;

/**
 * A workbook as service teams send them: an empty cover sheet, a hidden lookup sheet, the ticket
 * sheet (title row, a two-row header with a merged group, every kind of cell, a note under the
 * table), a second layout of grouped header on another sheet, and a long sheet of Chinese text.
 */
async function writeTicketWorkbook(file: string): Promise<void> {
  const wb = new Workbook();
  wb.addWorksheet('说明');
  const lookup = wb.addWorksheet('lookup', { state: 'hidden' });
  lookup.addRow(['code', 'name']);
  lookup.addRow(['GD', '广东']);

  const ws = wb.addWorksheet('工单');
  ws.getCell('A1').value = '工单满意度月报 2024年10月';
  ws.mergeCells('A1:J1');
  const header = ['工单号', '地区', '满意度', null, '创建时间', '日期', '处理时长', '已解决', '金额', '双倍金额'];
  header.forEach((label, i) => (ws.getRow(3).getCell(i + 1).value = label));
  ws.getCell('C4').value = 'CSAT';
  ws.getCell('D4').value = 'NPS';
  ws.mergeCells('C3:D3');
  for (const col of ['A', 'B', 'E', 'F', 'G', 'H', 'I', 'J']) ws.mergeCells(`${col}3:${col}4`);
  const rows: unknown[][] = [
    ['T001', '广东', 5, 9, utc(2024, 10, 1, 8, 30), utc(2024, 10, 1), 1.5 / 24, true, 5, { formula: 'I5*2', result: 10 }],
    ['T002', { richText: [{ text: '四' }, { text: '川', font: { bold: true } }] }, 4, null, utc(2024, 10, 2, 23, 59, 59), utc(2024, 10, 2), 26 / 24, false, 12.5, { formula: 'I6*2', result: 25 }],
    ['T003', { text: '浙江', hyperlink: 'https://example.com/zj' }, 3, 7, utc(2024, 10, 3, 0, 0, 1), utc(2024, 10, 3), 0, true, 0.1 + 0.2, { formula: 'VLOOKUP(A7,lookup!A:B,2,0)', result: { error: '#N/A' } }],
    ['T004', '', { error: '#DIV/0!' }, 10, utc(2024, 10, 4), utc(2024, 10, 4), null, null, 123456789012345680, { formula: 'E8+1', result: 45600.5 }],
  ];
  rows.forEach((values, r) => {
    const row = ws.getRow(5 + r);
    values.forEach((value, c) => (row.getCell(c + 1).value = value as never));
    row.getCell(5).numFmt = 'yyyy-mm-dd hh:mm:ss';
    row.getCell(6).numFmt = 'yyyy-mm-dd';
    row.getCell(7).numFmt = '[h]:mm:ss';
    row.getCell(10).numFmt = r === 3 ? 'yyyy-mm-dd hh:mm' : 'General';
  });
  ws.getCell('A10').value = '注：满意度 CSAT 为 1–5 分，NPS 为 0–10 分。';

  const channels = wb.addWorksheet('渠道');
  channels.getCell('C1').value = '满意度';
  channels.mergeCells('C1:D1');
  channels.addRow(['渠道', '工单数', 'CSAT', 'NPS']);
  channels.addRow(['电话', 120, 4.5, 30]);
  channels.addRow(['在线', 300, 4.1, 12]);

  const long = wb.addWorksheet('反馈');
  long.addRow(['编号', '反馈']);
  for (let i = 1; i <= 3000; i++) long.addRow([i, feedback(i)]);
  await wb.xlsx.writeFile(file);
}

/** The same workbook re-packed: its parts in the order given, stored or deflated, and sizes
 * claimed as they are unless `claims` lies about one. */
function repack(bytes: Buffer, order: (names: string[]) => string[], method: 0 | 8, claims: Readonly<Record<string, number>> = {}): Buffer {
  const entries = new Map(guardZip(bytes, 'in.xlsx').map((e) => [e.name, e]));
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of order([...entries.keys()])) {
    const entry = entries.get(name)!;
    const packed = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    const content = entry.method === 8 ? zlib.inflateRawSync(packed) : packed;
    const data = method === 8 ? zlib.deflateRawSync(content) : content;
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(claims[name] ?? content.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(method, 10);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(claims[name] ?? content.length, 24);
    record.writeUInt16LE(nameBytes.length, 28);
    record.writeUInt32LE(offset, 42);
    local.push(header, nameBytes, data);
    central.push(record, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  workbookPath = path.join(dir, '工单.xlsx');
  await writeTicketWorkbook(workbookPath);
});
afterAll(() => cleanup());

describe('readXlsx', () => {
  it('reads the first visible sheet with data, typing every kind of cell as text the inference reads', async () => {
    const table = await readXlsx(fs.readFileSync(workbookPath), '工单.xlsx', ignoreProgress);
    expect(table.dialect).toEqual({ format: 'xlsx', delimiter: null, sheet: '工单', sheets: ['说明', 'lookup', '工单', '渠道', '反馈'] });
    expect(table.encoding).toEqual({ name: 'utf-8', confidence: 1, replacements: 0 });
    expect(table.mayHaveTitleAndNotes).toBe(true);
    const { records } = table;
    expect(records.map((r) => r.line)).toEqual([1, 3, 5, 6, 7, 8, 10]);
    expect(records[0]!.fields).toEqual(['工单满意度月报 2024年10月']);
    expect(records[1]!.fields).toEqual(['工单号', '地区', '满意度 CSAT', '满意度 NPS', '创建时间', '日期', '处理时长', '已解决', '金额', '双倍金额']);
    expect(records.slice(2, 6).map((r) => r.fields)).toEqual([
      ['T001', '广东', '5', '9', '2024-10-01 08:30:00', '2024-10-01', '1:30:00', 'true', '5', '10'],
      ['T002', '四川', '4', '', '2024-10-02 23:59:59', '2024-10-02', '26:00:00', 'false', '12.5', '25'],
      ['T003', '浙江', '3', '7', '2024-10-03 00:00:01', '2024-10-03', '0:00:00', 'true', '0.3', '#N/A'],
      ['T004', '', '#DIV/0!', '10', '2024-10-04 00:00:00', '2024-10-04', '', '', '123456789012345680', '2024-11-04 12:00:00'],
    ]);
    expect(records[6]!.fields).toEqual(['注：满意度 CSAT 为 1–5 分，NPS 为 0–10 分。']);
    expect(table.rawText(records[3]!)).toBe('T002\t四川\t4\t\t2024-10-02 23:59:59\t2024-10-02\t26:00:00\tfalse\t12.5\t25');
    // the table shape is then found as in delimited text: the title above, the note below
    expect(detectTableShape(records)).toEqual({ headerIndex: 1, notesCount: 1 });
  });

  it('combines a group row above a full header row, on the sheet asked for', async () => {
    const table = await readXlsx(fs.readFileSync(workbookPath), '工单.xlsx', { ...ignoreProgress, sheet: '渠道' });
    expect(table.dialect.sheet).toBe('渠道');
    expect(table.records.map((r) => r.fields)).toEqual([
      ['渠道', '工单数', '满意度 CSAT', '满意度 NPS'],
      ['电话', '120', '4.5', '30'],
      ['在线', '300', '4.1', '12'],
    ]);
    expect(table.records[0]!.line).toBe(1);
  });

  it('fills a category merged down over table rows into each row, and leaves a cell merged across columns in the first', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('分类');
    ws.addRow(['大类', '小类', '工单数']);
    ws.addRow(['物流', '延迟', 12]);
    ws.addRow([null, '破损', 3]);
    ws.addRow([null, '丢件', 1]);
    ws.addRow(['账单', '重复扣费', 7]);
    ws.addRow(['合计', null, 23]);
    ws.mergeCells('A2:A4');
    ws.mergeCells('A6:B6');
    const file = path.join(dir, 'merged-rows.xlsx');
    await wb.xlsx.writeFile(file);
    const table = await readXlsx(fs.readFileSync(file), 'merged-rows.xlsx', ignoreProgress);
    expect(table.records.map((r) => r.fields)).toEqual([
      ['大类', '小类', '工单数'],
      ['物流', '延迟', '12'],
      ['物流', '破损', '3'],
      ['物流', '丢件', '1'],
      ['账单', '重复扣费', '7'],
      ['合计', '', '23'],
    ]);
  });

  it('keeps Chinese text whole where it crosses the chunks exceljs reads in', async () => {
    const table = await readXlsx(fs.readFileSync(workbookPath), '工单.xlsx', { ...ignoreProgress, sheet: '反馈' });
    expect(table.records).toHaveLength(3001);
    expect(table.records.slice(1).map((r) => r.fields[1])).toEqual(Array.from({ length: 3000 }, (_, i) => feedback(i + 1)));
    expect(table.encoding.replacements).toBe(0);
  });

  it('reads inline strings (no shared strings) written by the streaming writer, and a hidden sheet only when nothing else has data', async () => {
    const file = path.join(dir, 'inline.xlsx');
    const writer = new (await import('exceljs')).stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    writer.addWorksheet('空白').commit();
    const hidden = writer.addWorksheet('隐藏', { state: 'hidden' });
    hidden.addRow(['渠道', '反馈']).commit();
    for (let i = 1; i <= 2000; i++) hidden.addRow(['电话', feedback(i)]).commit();
    hidden.commit();
    await writer.commit();
    const table = await readXlsx(fs.readFileSync(file), 'inline.xlsx', ignoreProgress);
    expect(table.dialect).toMatchObject({ sheet: '隐藏', sheets: ['空白', '隐藏'] });
    expect(table.records.slice(1).map((r) => r.fields[1])).toEqual(Array.from({ length: 2000 }, (_, i) => feedback(i + 1)));
  });

  it('reads a workbook whatever the order of its parts, stored or deflated', async () => {
    const bytes = fs.readFileSync(workbookPath);
    // sheets before the shared strings and the workbook part: exceljs's own ZIP reading lost those
    // at random (its unzipper ends early), giving every text cell as a number and Sheet1 as name
    const sheetsFirst = (names: string[]): string[] => [...names.filter((n) => n.includes('worksheets/')), ...names.filter((n) => !n.includes('worksheets/')).reverse()];
    for (const method of [0, 8] as const) {
      const repacked = repack(bytes, sheetsFirst, method);
      for (let run = 0; run < 5; run++) {
        const table = await readXlsx(repacked, 'repacked.xlsx', { ...ignoreProgress, sheet: '渠道' });
        expect(table.dialect.sheets).toEqual(['说明', 'lookup', '工单', '渠道', '反馈']);
        expect(table.records.map((r) => r.fields[0])).toEqual(['渠道', '电话', '在线']);
      }
    }
  });

  it('stops at a part that unpacks to more than the ZIP claims', async () => {
    const bytes = fs.readFileSync(workbookPath);
    const inOrder = (names: string[]): string[] => names;
    const lying = repack(bytes, inOrder, 8, { 'xl/sharedStrings.xml': 100 });
    await expect(readXlsx(lying, 'lying.xlsx', ignoreProgress)).rejects.toMatchObject({ key: 'error.import.zipBomb', params: { entry: 'xl/sharedStrings.xml' } });
    const lyingSheet = repack(bytes, inOrder, 8, { 'xl/worksheets/sheet3.xml': 100 });
    await expect(readXlsx(lyingSheet, 'lying.xlsx', ignoreProgress)).rejects.toMatchObject({ key: 'error.import.zipBomb', params: { entry: 'xl/worksheets/sheet3.xml' } });
  });

  it('refuses a sheet that is not there, naming the sheets there are', async () => {
    const error = await readXlsx(fs.readFileSync(workbookPath), '工单.xlsx', { ...ignoreProgress, sheet: 'Sheet1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RootwiseError);
    expect(error).toMatchObject({ key: 'error.import.sheetNotFound', params: { file: '工单.xlsx', sheet: 'Sheet1', sheets: '说明, lookup, 工单, 渠道, 反馈' } });
  });

  it('is what readTable uses for a ZIP, and tells an .xls or a ZIP that is no workbook from one', async () => {
    const viaReadTable = await readTable(fs.readFileSync(workbookPath), 'export.bin', ignoreProgress);
    expect(viaReadTable.dialect.format).toBe('xlsx');
    const cfb = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);
    await expect(readTable(cfb, 'old.xls', ignoreProgress)).rejects.toMatchObject({ key: 'error.import.notXlsx', params: { file: 'old.xls' } });
    // a text export named .xls stays text
    const tsv = await readTable(new TextEncoder().encode('渠道\t工单数\n电话\t120\n'), 'export.xls', ignoreProgress);
    expect(tsv.dialect).toEqual({ format: 'delimited', delimiter: '\t' });

    const docx = new Workbook();
    docx.addWorksheet('x').addRow(['a']);
    const bytes = Buffer.from(await docx.xlsx.writeBuffer());
    // rename the workbook part: still a valid ZIP, no longer a workbook
    const renamed = Buffer.from(bytes.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmm'), 'latin1');
    await expect(readXlsx(renamed, 'other.zip', ignoreProgress)).rejects.toMatchObject({ key: 'error.import.notXlsx' });
  });
});
