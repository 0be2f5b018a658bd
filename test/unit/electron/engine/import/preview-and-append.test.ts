import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useEngineWorkbench } from '../../../../support/engine-workbench';
import { encodeGbk } from '../../../../support/gbk';

const wb = useEngineWorkbench();

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(wb.dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function rows(sql: string): unknown[][] {
  const db = new Database(wb.workbenchPath, { readonly: true });
  try {
    return db.prepare(sql).raw().all() as unknown[][];
  } finally {
    db.close();
  }
}

describe('import preview', () => {
  it('shows what an import would read, writing nothing: encoding, delimiter, header under a title, types, first rows', async () => {
    const file = write('月报.csv', encodeGbk('客服月报\n\n工单号;满意度;创建日期\nT001;5;2024年3月5日\nT002;4;2024年3月6日\n'));
    const preview = await wb.engine.previewImport({ source: { kind: 'path', path: file } });
    expect(preview).toMatchObject({
      file: '月报.csv',
      encoding: { name: 'gb18030' },
      dialect: { format: 'delimited', delimiter: ';' },
      headerRow: 1,
      titleRows: ['客服月报'],
      suggestedTable: '月报',
      missingColumns: [],
    });
    expect(preview.columns.map((c) => [c.name, c.type, c.format])).toEqual([
      ['工单号', 'text', 'text'],
      ['满意度', 'integer', 'integer'],
      ['创建日期', 'date', 'cn-date'],
    ]);
    expect(preview.rows).toEqual([
      ['T001', '5', '2024年3月5日'],
      ['T002', '4', '2024年3月6日'],
    ]);
    expect(await wb.engine.listTables({})).toEqual([]);
    // every reading is overridable: encoding, delimiter, header row
    const forced = await wb.engine.previewImport({ source: { kind: 'path', path: file }, encoding: 'big5', delimiter: ',', skipRows: 0 });
    expect(forced).toMatchObject({ encoding: { name: 'big5', confidence: 1 }, dialect: { delimiter: ',' }, headerRow: 0 });
  });

  it('imports with a column type the user chose, keeping what does not fit as rejects', async () => {
    const file = write('codes.csv', 'code,amount\n1001,12\n1002,x\n1003,7\n');
    const report = await wb.engine.importFile({ source: { kind: 'path', path: file }, columnTypes: { code: { type: 'text', format: 'text' }, amount: { type: 'real', format: 'decimal' } } });
    expect(report.columns.map((c) => [c.name, c.type, c.rejected])).toEqual([
      ['code', 'text', 0],
      ['amount', 'real', 1],
    ]);
    expect(rows('SELECT code, amount, typeof(code) FROM codes')).toEqual([
      ['1001', 12, 'text'],
      ['1002', null, 'text'],
      ['1003', 7, 'text'],
    ]);
    const rejects = await wb.engine.listRejects({ importId: report.importId });
    expect(rejects.rejects.map((r) => [r.line, r.column, r.raw, r.reason.en])).toEqual([[3, 2, 'x', 'not a number']]);
  });

  it('reports a preview error in the user\'s terms: an empty file', async () => {
    const file = write('empty.csv', '');
    await expect(wb.engine.previewImport({ source: { kind: 'path', path: file } })).rejects.toMatchObject({ payload: { key: 'error.import.empty' } });
  });
});

describe('appending next month to a table', () => {
  it('reconciles columns (same, renamed by the user, new, missing), records which import each row came from, and rolls back on failure', async () => {
    const october = write('2024-10.csv', '工单号,渠道,满意度,处理时长\nT1,电话,5,01:00:00\nT2,微信,4,00:30:00\n');
    const first = await wb.engine.importFile({ source: { kind: 'path', path: october }, table: 'tickets' });
    // November: columns reordered, 满意度 renamed to CSAT by the system, a new 地区 column, 处理时长 gone
    const november = write('2024-11.csv', 'CSAT,工单号,渠道,地区\n3,T3,电话,华东\n五,T4,邮件,华南\n');
    const preview = await wb.engine.previewImport({ source: { kind: 'path', path: november }, appendTo: { table: 'tickets', mapping: { csat: '满意度' } } });
    expect(preview.columns.map((c) => [c.name, c.target, c.isNew, c.type])).toEqual([
      ['csat', '满意度', false, 'integer'],
      ['工单号', '工单号', false, 'text'],
      ['渠道', '渠道', false, 'text'],
      ['地区', '地区', true, 'text'],
    ]);
    expect(preview.missingColumns).toEqual(['处理时长']);
    expect(preview.suggestedTable).toBe('tickets');

    const second = await wb.engine.importFile({ source: { kind: 'path', path: november }, appendTo: { table: 'tickets', mapping: { csat: '满意度' } } });
    expect(second.table).toBe('tickets');
    expect(second.appended).toEqual({ newColumns: ['地区'], missingColumns: ['处理时长'], renamed: [{ from: 'csat', to: '满意度' }], rowsBefore: 2, rowsAfter: 4 });
    expect(second.rejected).toEqual({ rows: 0, values: 1 });
    expect(rows('SELECT rowid, 工单号, 渠道, 满意度, 处理时长, 地区 FROM tickets ORDER BY rowid')).toEqual([
      [1, 'T1', '电话', 5, 3600, null],
      [2, 'T2', '微信', 4, 1800, null],
      [3, 'T3', '电话', 3, null, '华东'],
      [4, 'T4', '邮件', null, null, '华南'],
    ]);
    // which import each row came from
    expect(rows(`SELECT t.工单号, i.file FROM tickets t JOIN rw_imports i ON t.rowid BETWEEN i.first_rowid AND i.last_rowid AND i.table_name = 'tickets' ORDER BY t.rowid`)).toEqual([
      ['T1', october],
      ['T2', october],
      ['T3', november],
      ['T4', november],
    ]);
    const schema = await wb.engine.getTableSchema({ table: 'tickets' });
    expect(schema.rowCount).toBe(4);
    expect(schema.fields.map((f) => [f.name, f.nullCount])).toEqual([
      ['工单号', 0],
      ['渠道', 0],
      ['满意度', 1],
      ['处理时长', 2],
      ['地区', 2],
    ]);
    expect(first.importId).not.toBe(second.importId);

    // a failed append (a binary file) leaves the table exactly as it was
    const png = write('x.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await expect(wb.engine.importFile({ source: { kind: 'path', path: png }, appendTo: { table: 'tickets' } })).rejects.toMatchObject({ payload: { key: 'error.import.binary' } });
    expect(rows('SELECT COUNT(*) FROM tickets')).toEqual([[4]]);
    expect((await wb.engine.getTableSchema({ table: 'tickets' })).fields).toHaveLength(5);
  });

  it('refuses to append to a table that does not exist', async () => {
    const file = write('a.csv', 'x\n1\n');
    await expect(wb.engine.importFile({ source: { kind: 'path', path: file }, appendTo: { table: 'nope' } })).rejects.toMatchObject({ payload: { key: 'error.table.notFound' } });
  });
});
