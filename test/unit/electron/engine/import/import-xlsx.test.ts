import zlib from 'node:zlib';
import { Workbook } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../../../shared/errors/rootwise-error';
import { useEngineWorkbench } from '../../../../support/engine-workbench';

const wb = useEngineWorkbench();

const REGIONS = ['广东', '四川', '浙江'];

/** A ticket export as Excel: a title, a two-row header grouping CSAT and NPS under 满意度, 30 tickets
 * (one CSAT cell an error, one formula with its cached value), a note, and a second sheet. */
async function ticketWorkbook(): Promise<Uint8Array> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('工单');
  ws.getCell('A1').value = '工单导出（2024年10月）';
  ws.mergeCells('A1:I1');
  ['工单号', '地区', '满意度', null, '创建时间', '日期', '处理时长', '已解决', '金额'].forEach((label, i) => (ws.getRow(2).getCell(i + 1).value = label));
  ws.mergeCells('C2:D2');
  for (const col of ['A', 'B', 'E', 'F', 'G', 'H', 'I']) ws.mergeCells(`${col}2:${col}3`);
  ws.getCell('C3').value = 'CSAT';
  ws.getCell('D3').value = 'NPS';
  for (let i = 1; i <= 30; i++) {
    const row = ws.getRow(3 + i);
    const csat = i === 7 ? { error: '#DIV/0!' as const } : (i % 5) + 1;
    row.values = [`T${String(i).padStart(3, '0')}`, REGIONS[i % 3]!, csat, i % 11, new Date(Date.UTC(2024, 9, i, i % 24, 5)), new Date(Date.UTC(2024, 9, i)), (i * 90) / 86_400, i % 3 !== 0, i * 10.25];
    if (i === 30) row.getCell(9).value = { formula: 'I32*2', result: 615 };
    row.getCell(5).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(6).numFmt = 'yyyy/m/d';
    row.getCell(7).numFmt = '[h]:mm:ss';
  }
  ws.getCell('A35').value = '注：金额单位为元。';

  const channels = wb.addWorksheet('渠道');
  channels.getCell('B1').value = '满意度';
  channels.mergeCells('B1:C1');
  channels.addRow(['渠道', 'CSAT', 'NPS', '工单数']);
  channels.addRow(['电话', 4.5, 30, 120]);
  channels.addRow(['在线', 4.1, 12, 300]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('Engine import of Excel workbooks', () => {
  it('imports the first sheet with typed columns, a merged two-row header, the title and note kept aside, and a bad cell as a reject at its Excel row', async () => {
    const bytes = await ticketWorkbook();
    const report = await wb.engine.importFile({ source: { kind: 'bytes', name: '工单导出.xlsx', bytes } });
    expect(report.dialect).toEqual({ format: 'xlsx', delimiter: null, sheet: '工单', sheets: ['工单', '渠道'] });
    expect(report.encoding).toEqual({ name: 'utf-8', confidence: 1, replacements: 0 });
    expect(report.skipped).toEqual({ titleRows: ['工单导出（2024年10月）'], notes: ['注：金额单位为元。'] });
    expect(report.rows).toBe(30);
    expect(report.columns.map((c) => [c.label['zh-CN'], c.type, c.format, c.rejected])).toEqual([
      ['工单号', 'text', 'text', 0],
      ['地区', 'text', 'text', 0],
      ['满意度 CSAT', 'integer', 'integer', 1],
      ['满意度 NPS', 'integer', 'integer', 0],
      ['创建时间', 'datetime', 'ymd', 0],
      ['日期', 'date', 'ymd', 0],
      ['处理时长', 'integer', 'duration-clock', 0],
      ['已解决', 'boolean', 'boolean', 0],
      ['金额', 'real', 'decimal', 0],
    ]);
    const preview = await wb.engine.previewRows({ table: report.table, limit: 30 });
    expect(preview.rows[0]).toEqual(['T001', '四川', 2, 1, '2024-10-01 01:05:00', '2024-10-01', 90, 1, 10.25]);
    expect(preview.rows[29]).toEqual(['T030', '广东', 1, 8, '2024-10-30 06:05:00', '2024-10-30', 2700, 0, 615]);

    const { rejects } = await wb.engine.listRejects({ importId: report.importId });
    expect(rejects).toHaveLength(1);
    // the line is the Excel row
    expect(rejects[0]).toMatchObject({ line: 10, column: 3, field: '满意度_csat', raw: '#DIV/0!' });
  });

  it('imports the sheet asked for, and names the sheets when it is not there', async () => {
    const bytes = await ticketWorkbook();
    const report = await wb.engine.importFile({ source: { kind: 'bytes', name: 'x.xlsx', bytes }, sheet: '渠道', table: '渠道满意度' });
    expect(report.dialect).toMatchObject({ format: 'xlsx', sheet: '渠道' });
    expect(report.columns.map((c) => [c.label.en, c.type])).toEqual([
      ['渠道', 'text'],
      ['满意度 CSAT', 'real'],
      ['满意度 NPS', 'integer'],
      ['工单数', 'integer'],
    ]);
    expect((await wb.engine.previewRows({ table: report.table })).rows).toEqual([
      ['电话', 4.5, 30, 120],
      ['在线', 4.1, 12, 300],
    ]);

    const error = await wb.engine.importFile({ source: { kind: 'bytes', name: 'x.xlsx', bytes }, sheet: '汇总' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).payload).toMatchObject({ key: 'error.import.sheetNotFound', params: { file: 'x.xlsx', sheet: '汇总', sheets: '工单, 渠道' } });
    expect((error as ApiCallError).messageFor('zh-CN')).toBe('工作簿 x.xlsx 中没有名为 汇总 的工作表。现有工作表：工单, 渠道。');
  });

  it('refuses a zip bomb and a workbook it cannot read, importing nothing', async () => {
    const zeros = zlib.deflateRawSync(Buffer.alloc(20 * 2 ** 20));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(zeros.length, 18);
    local.writeUInt32LE(20 * 2 ** 20, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(zeros.length, 20);
    central.writeUInt32LE(20 * 2 ** 20, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(30 + name.length + zeros.length, 16);
    const bomb = Buffer.concat([local, name, zeros, central, name, end]);
    const error = await wb.engine.importFile({ source: { kind: 'bytes', name: 'bomb.xlsx', bytes: bomb } }).catch((e: unknown) => e);
    expect((error as ApiCallError).payload).toMatchObject({ key: 'error.import.zipBomb', params: { file: 'bomb.xlsx', entry: 'xl/worksheets/sheet1.xml' } });

    const truncated = (await ticketWorkbook()).subarray(0, 3000);
    const broken = await wb.engine.importFile({ source: { kind: 'bytes', name: 'cut.xlsx', bytes: truncated } }).catch((e: unknown) => e);
    expect((broken as ApiCallError).payload.key).toBe('error.import.notXlsx');
    expect(await wb.engine.listTables({})).toEqual([]);
  });
});
