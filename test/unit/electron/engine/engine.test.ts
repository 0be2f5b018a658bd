import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { JobProgress } from '../../../../shared/api/types';
import { ApiCallError, RootwiseError } from '../../../../shared/errors/rootwise-error';
import { HAS_SHARED_DATA, sharedData } from '../../../support/paths';
import { useEngineWorkbench } from '../../../support/engine-workbench';

const wb = useEngineWorkbench();

function writeCsv(name: string, text: string): string {
  const file = path.join(wb.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function rejectionOf(promise: Promise<unknown>): Promise<RootwiseError | ApiCallError> {
  try {
    await promise;
  } catch (error) {
    return error as RootwiseError | ApiCallError;
  }
  throw new Error('expected a rejection');
}

describe('Engine import', () => {
  it('imports a CSV with typed columns, keeps misfits as rejects with line and column, and profiles columns', async () => {
    const lines = ['工单号,地区,满意度,创建时间,已解决'];
    for (let i = 1; i <= 30; i++) {
      const csat = i === 2 ? '五星' : i === 3 ? 'n/a' : String((i % 5) + 1);
      lines.push(`T${String(i).padStart(3, '0')},${i % 2 === 0 ? '广东' : '四川'},${csat},2024/10/${i} ${i % 24}:05,${i % 3 === 0 ? '否' : '是'}`);
    }
    lines.splice(5, 0, 'T999,,4');
    const file = writeCsv('工单 export.csv', lines.join('\r\n'));
    const progress: JobProgress[] = [];
    wb.engine.events.on('onDidReportProgress', (p) => progress.push(p));
    const report = await wb.engine.importFile({ source: { kind: 'path', path: file }, jobId: 'job-1' });
    expect(report.table).toBe('工单_export');
    expect(report.rows).toBe(30);
    expect(report.rejected).toEqual({ rows: 1, values: 1 });
    expect(report.columns.map((c) => [c.name, c.type, c.rejected, c.nullMarkers])).toEqual([
      ['工单号', 'text', 0, 0],
      ['地区', 'text', 0, 0],
      ['满意度', 'integer', 1, 1],
      ['创建时间', 'datetime', 0, 0],
      ['已解决', 'boolean', 0, 0],
    ]);
    expect(progress.at(-1)).toMatchObject({ jobId: 'job-1', phase: 'done' });
    // provenance: enough to audit or repeat the import
    const bytes = fs.readFileSync(file);
    expect(report.source).toEqual({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(report.dialect).toEqual({ format: 'delimited', delimiter: ',' });
    const db = new Database(wb.workbenchPath, { readonly: true });
    const recorded = JSON.parse(db.prepare('SELECT report FROM rw_imports WHERE id = ?').pluck().get(report.importId) as string) as Record<string, unknown>;
    db.close();
    expect(recorded).toMatchObject({
      source: report.source,
      encoding: { name: 'utf-8' },
      options: { table: null, encoding: null, skipRows: null },
      counts: { rows: 30, rejectedRows: 1, rejectedValues: 1, nullMarkers: 1 },
    });
    expect((recorded['columns'] as { name: string; type: string; format: string }[]).map((c) => `${c.name}:${c.type}:${c.format}`)).toEqual([
      '工单号:text:text',
      '地区:text:text',
      '满意度:integer:integer',
      '创建时间:datetime:ymd',
      '已解决:boolean:boolean',
    ]);

    const { rejects, total } = await wb.engine.listRejects({ importId: report.importId });
    expect(total).toBe(2);
    expect(rejects[0]).toMatchObject({ line: 3, column: 3, field: '满意度', raw: '五星' });
    expect(rejects[0]!.reason['zh-CN']).toBe('不是整数');
    expect(rejects[1]).toMatchObject({ line: 6, column: null, raw: 'T999,,4' });
    expect(rejects[1]!.reason.en).toBe('expected 5 fields, found 3');
    expect(rejects[0]).toMatchObject({ table: '工单_export', file });
    expect((await wb.engine.listRejects({ table: '工单_export', limit: 1 })).rejects).toHaveLength(1);
    expect((await wb.engine.listRejects({ table: 'other' })).total).toBe(0);
    expect((await wb.engine.listTables({})).find((t) => t.name === '工单_export')?.rejectCount).toBe(2);

    const preview = await wb.engine.previewRows({ table: report.table, limit: 3 });
    expect(preview.rows).toEqual([
      ['T001', '四川', 2, '2024-10-01 01:05:00', 1],
      ['T002', '广东', null, '2024-10-02 02:05:00', 1],
      ['T003', '四川', null, '2024-10-03 03:05:00', 0],
    ]);
    const schema = await wb.engine.getTableSchema({ table: report.table });
    expect(schema.fields.find((f) => f.name === '满意度')).toMatchObject({ kind: 'measure', defaultAggregate: 'avg', nullCount: 2, distinctCount: 5 });
    expect(schema.fields.find((f) => f.name === '创建时间')?.kind).toBe('temporal');
    expect((await wb.engine.getWorkbenchInfo({}))?.totalRows).toBe(30);
  });

  it('types columns from the whole file: columns that change after the first rows are read again with the right types, nothing rejected', async () => {
    const lines = ['id,amount,when'];
    for (let i = 1; i <= 8000; i++) lines.push(`${i},${i <= 6000 ? i : `${i}.5`},${i <= 7000 ? '2024-01-02' : '2024-01-02 10:00:00'}`);
    const file = writeCsv('late-change.csv', lines.join('\n'));
    const progress: JobProgress[] = [];
    wb.engine.events.on('onDidReportProgress', (p) => progress.push(p));
    const report = await wb.engine.importFile({ source: { kind: 'path', path: file }, table: 'late' });
    expect(report.columns.map((c) => [c.name, c.type, c.format, c.rejected])).toEqual([
      ['id', 'integer', 'integer', 0],
      ['amount', 'real', 'decimal', 0],
      ['when', 'datetime', 'ymd', 0],
    ]);
    expect(report.rows).toBe(8000);
    const db = new Database(wb.workbenchPath, { readonly: true });
    expect(db.prepare('SELECT amount, "when" FROM late WHERE id IN (1, 7001) ORDER BY id').raw().all()).toEqual([
      [1, '2024-01-02 00:00:00'],
      [7001.5, '2024-01-02 10:00:00'],
    ]);
    expect(db.prepare('SELECT first_rowid, last_rowid FROM rw_imports WHERE id = ?').raw().get(report.importId)).toEqual([1, 8000]);
    expect(db.prepare("SELECT name, distinct_count, distinct_exact FROM rw_columns WHERE table_name = 'late' ORDER BY ordinal").raw().all()).toEqual([
      ['id', 8000, 1],
      ['amount', 8000, 1],
      ['when', 2, 1],
    ]);
    db.close();
    // progress reports bytes, rows and, at the end, every row
    const last = progress.filter((p) => p.phase === 'writing').at(-1);
    expect(last).toMatchObject({ kind: 'import', rows: 8000 });
    expect(last?.done).toBe(last?.total);
  });

  it('answers a query with Arrow bytes equal to the same SQL run directly', async () => {
    const lines = ['region,csat'];
    for (let i = 0; i < 300; i++) lines.push(`${['四川', '广东', '浙江'][i % 3]},${(i % 5) + 1}`);
    const { table } = await wb.engine.importFile({ source: { kind: 'bytes', name: 'survey.csv', bytes: new TextEncoder().encode(lines.join('\n')) } });
    const result = await wb.engine.query({
      spec: { version: 1, table, dimensions: [{ field: 'region' }], measures: [{ aggregate: 'avg', field: 'csat' }, { aggregate: 'count' }], filters: [], sort: [{ by: 'avg_csat', direction: 'desc' }] },
    });
    const arrow = tableFromIPC(result.arrow);
    const got = arrow.toArray().map((r: { region: string; avg_csat: number; count: number }) => [r.region, r.avg_csat, r.count]);
    const db = new Database(wb.workbenchPath, { readonly: true });
    const expected = db.prepare(`SELECT region, AVG(csat), COUNT(*) FROM "${table}" GROUP BY region ORDER BY 2 DESC, region ASC`).raw(true).all();
    db.close();
    expect(got).toEqual(expected);
    expect(result.rowCount).toBe(3);
    expect(result.truncated).toBe(false);
  });

  it('leaves the workbench exactly as it was when an import is cancelled', async () => {
    const lines = ['id,value,note'];
    for (let i = 0; i < 400_000; i++) lines.push(`${i},${i * 0.5},row ${i}`);
    const file = writeCsv('big.csv', lines.join('\n'));
    let cancelRequested = false;
    wb.engine.events.on('onDidReportProgress', (p) => {
      if (p.jobId === 'big' && p.phase === 'writing' && !cancelRequested) {
        cancelRequested = true;
        void wb.engine.cancelJob({ jobId: 'big' });
      }
    });
    const error = await rejectionOf(wb.engine.importFile({ source: { kind: 'path', path: file }, jobId: 'big' }));
    expect(cancelRequested).toBe(true);
    expect(error).toBeInstanceOf(RootwiseError);
    expect((error as RootwiseError).key).toBe('error.import.cancelled');
    expect(await wb.engine.listTables({})).toEqual([]);
    const db = new Database(wb.workbenchPath, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'big'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM rw_imports').pluck().get()).toBe(0);
    db.close();
  });

  it('reads a GBK file as GB18030, reports the encoding, and refuses a binary file with nothing imported', async () => {
    // "地区,满意度\n四川,5\n" as Chinese Excel saves it
    const gbk = new Uint8Array([0xb5, 0xd8, 0xc7, 0xf8, 0x2c, 0xc2, 0xfa, 0xd2, 0xe2, 0xb6, 0xc8, 0x0a, 0xcb, 0xc4, 0xb4, 0xa8, 0x2c, 0x35, 0x0a]);
    const report = await wb.engine.importFile({ source: { kind: 'bytes', name: '满意度.csv', bytes: gbk } });
    expect(report.encoding).toMatchObject({ name: 'gb18030', replacements: 0 });
    expect(report.columns.map((c) => [c.name, c.type])).toEqual([
      ['地区', 'text'],
      ['满意度', 'integer'],
    ]);
    expect((await wb.engine.previewRows({ table: report.table })).rows).toEqual([['四川', 5]]);
    // forcing the wrong encoding is allowed, and the damage is counted, not hidden
    const forced = await wb.engine.importFile({ source: { kind: 'bytes', name: 'forced.csv', bytes: gbk }, encoding: 'utf-8' });
    expect(forced.encoding.name).toBe('utf-8');
    expect(forced.encoding.replacements).toBeGreaterThan(0);

    const png = writeCsv('chart.csv', '');
    fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const error = await rejectionOf(wb.engine.importFile({ source: { kind: 'path', path: png } }));
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).payload.key).toBe('error.import.binary');
    expect((error as ApiCallError).messageFor('zh-CN')).toBe('文件 chart.csv 不是文本表格：其中含有二进制数据。请导入 CSV、TSV、TXT、JSON 或 XLSX 文件。');
    expect((await wb.engine.listTables({})).map((t) => t.name)).toEqual(['满意度', 'forced']);
  });

  it('imports JSON from an API and JSON Lines with typed, flattened columns and a bad line kept as a reject', async () => {
    const api = JSON.stringify({ total: 3, data: [
      { id: 'T1', created: '2024-03-01 09:00', customer: { id: 'C1', vip: true }, csat: 5 },
      { id: 'T2', created: '2024-03-02 10:30', customer: { id: 'C2', vip: false }, csat: 3 },
      { id: 'T3', created: '2024-03-03 11:45', customer: { id: 'C1', vip: true }, csat: null },
    ] }, null, 2);
    const report = await wb.engine.importFile({ source: { kind: 'bytes', name: 'tickets.json', bytes: new TextEncoder().encode(api) } });
    expect(report.dialect).toEqual({ format: 'json', delimiter: null });
    expect(report.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['id:text', 'created:datetime', 'customer_id:text', 'customer_vip:boolean', 'csat:integer']);
    expect(report.columns[2]?.label.en).toBe('customer.id');
    expect((await wb.engine.previewRows({ table: report.table })).rows[0]).toEqual(['T1', '2024-03-01 09:00:00', 'C1', 1, 5]);

    const lines = '{"agent": "王芳", "handled": 12}\n{"agent": "李伟", "handled": }\n{"agent": "张敏", "handled": 9}\n';
    const jsonl = await wb.engine.importFile({ source: { kind: 'bytes', name: 'agents.jsonl', bytes: new TextEncoder().encode(lines) } });
    expect(jsonl.rows).toBe(2);
    expect(jsonl.rejected).toEqual({ rows: 1, values: 0 });
    const { rejects } = await wb.engine.listRejects({ importId: jsonl.importId });
    expect(rejects[0]).toMatchObject({ line: 2, column: null, raw: '{"agent": "李伟", "handled": }' });
    expect(rejects[0]!.reason['zh-CN']).toBe('不是有效的 JSON');
  });

  it('takes a 1 MB cell whole, and refuses 5,000 columns with a clear message and nothing imported', async () => {
    const big = 'x'.repeat(1_000_000);
    const report = await wb.engine.importFile({ source: { kind: 'bytes', name: 'big.csv', bytes: new TextEncoder().encode(`id,comment\n1,"${big}"\n2,short\n`) } });
    expect(report.rows).toBe(2);
    const db = new Database(wb.workbenchPath, { readonly: true });
    expect(db.prepare('SELECT length(comment) FROM big ORDER BY id').pluck().all()).toEqual([1_000_000, 5]);
    db.close();

    const header = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 5000 }, (_, i) => String(i)).join(',');
    const error = await rejectionOf(wb.engine.importFile({ source: { kind: 'bytes', name: 'wide.csv', bytes: new TextEncoder().encode(`${header}\n${row}\n`) } }));
    expect((error as ApiCallError).payload.key).toBe('error.import.tooManyColumns');
    expect((error as ApiCallError).messageFor('zh-CN')).toBe('文件 wide.csv 有 5,000 列，一张数据表最多 2,000 列。它可能是透视后的报表：请分批导入，或整理成每行一条记录。');
    expect((await wb.engine.listTables({})).map((t) => t.name)).toEqual(['big']);
  });

  it.skipIf(!HAS_SHARED_DATA)('imports the statistics bureau GBK exports: title rows and notes kept aside, the table intact', async () => {
    const population = await wb.engine.importFile({ source: { kind: 'path', path: sharedData('csv_edge_cases', 'gbk_nbs_province_population_with_preamble.csv') } });
    expect(population.encoding.name).toBe('gb18030');
    expect(population.rows).toBe(31);
    expect(population.rejected).toEqual({ rows: 0, values: 0 });
    expect(population.columns.map((c) => c.label['zh-CN'])).toEqual(['地区', '2024年', '2023年', '2022年', '2021年', '2020年', '2019年', '2018年', '2017年', '2016年', '2015年']);
    expect(population.columns.slice(1).every((c) => c.type === 'integer')).toBe(true);
    expect(population.skipped.titleRows).toEqual(['数据库：分省年度数据', '指标：年末常住人口(万人)', '时间：最近10年']);
    expect(population.skipped.notes).toHaveLength(2);
    expect(population.skipped.notes[1]).toBe('数据来源：国家统计局');
    const beijing = (await wb.engine.previewRows({ table: population.table, limit: 1 })).rows[0];
    expect(beijing).toEqual(['北京市', 2183, 2186, 2184, 2189, 2189, 2190, 2192, 2194, 2195, 2188]);

    const money = await wb.engine.importFile({ source: { kind: 'path', path: sharedData('csv_edge_cases', 'gbk_nbs_monthly_money_supply_with_preamble.csv') } });
    expect(money.rows).toBe(258);
    expect(money.columns).toHaveLength(7);
    expect(money.columns[1]?.label.en).toBe('货币和准货币(M2)供应量期末值(亿元)');
    expect(money.columns[1]?.type).toBe('real');
    expect(money.skipped.titleRows).toEqual(['数据库：月度数据,,,,,,', '时间：1990-2021,,,,,,']);
    expect(money.skipped.notes.map((n) => n.slice(0, 5))).toEqual(['注：货币供', '数据来源：']);
  });

  it.skipIf(!HAS_SHARED_DATA)('imports real exports: NYC 311 with US dates kept, the truncated CFPB file with its last record rejected', async () => {
    const nyc = await wb.engine.importFile({ source: { kind: 'path', path: sharedData('tickets', 'nyc311_2011-03_subset_2000rows.csv') } });
    expect(nyc.rows).toBe(2000);
    expect(nyc.columns).toHaveLength(41);
    expect(nyc.columns.find((c) => c.name === 'unique_key')?.type).toBe('integer');

    const cfpb = await wb.engine.importFile({ source: { kind: 'path', path: sharedData('tickets', 'cfpb_complaints_2023_narratives_truncated_at_1MiB.csv') } });
    // 2,067 complete records; the 2,068th is cut inside a quote by the uploader
    expect(cfpb.rows).toBe(2067);
    expect(cfpb.rejected).toEqual({ rows: 1, values: 0 });
    // "Consumer disputed?" is N/A for most rows since 2017: a yes/no column whose N/As are counted, not rejected
    expect(cfpb.columns.find((c) => c.name === 'consumer_disputed')).toMatchObject({ type: 'boolean', rejected: 0, nullMarkers: 2053 });
    const { rejects } = await wb.engine.listRejects({ importId: cfpb.importId });
    const truncated = rejects.find((r) => r.column === null);
    expect(truncated?.line).toBe(3302);
    expect(truncated?.raw.startsWith('2023-07-17,"Credit reporting')).toBe(true);
    expect(truncated?.reason.en).toBe('the file ends inside this record (quoted field not closed)');

    const volvo = await wb.engine.importFile({ source: { kind: 'path', path: sharedData('event_logs', 'volvo_bpi2013_incidents_VINST-new_ibm.csv') }, table: 'volvo' });
    expect(volvo.rows).toBe(65_533);
    expect(volvo.columns[0]?.name).toBe('sr_number');

    const helpdesk = await wb.engine.importFile({ source: { kind: 'path', path: sharedData('event_logs', 'helpdesk_italian_finale.csv') } });
    expect(helpdesk.rows).toBe(21_348);
    expect(helpdesk.columns.filter((c) => c.label.en === 'Variant').map((c) => c.name)).toEqual(['variant', 'variant_2']);
    expect(helpdesk.columns.find((c) => c.name === 'complete_timestamp')?.type).toBe('datetime');
  });

  it('saves as a new file and continues there, the original unchanged', async () => {
    await wb.engine.importFile({ source: { kind: 'bytes', name: 'a.csv', bytes: new TextEncoder().encode('x\n1\n2\n') } });
    const copy = path.join(wb.dir, 'copy', 'b.rootwise');
    const info = await wb.engine.saveWorkbenchAs({ path: copy });
    expect(info.path).toBe(copy);
    expect(info.totalRows).toBe(2);
    await wb.engine.importFile({ source: { kind: 'bytes', name: 'c.csv', bytes: new TextEncoder().encode('y\n1\n') } });
    const original = new Database(wb.workbenchPath, { readonly: true });
    expect(original.prepare('SELECT count(*) FROM rw_tables').pluck().get()).toBe(1);
    original.close();
    expect((await wb.engine.listTables({})).map((t) => t.name)).toEqual(['a', 'c']);
  });
});

describe('Engine dropped rows', () => {
  it('lists and exports the rows a recipe step drops on the query thread, refusing personal data in share-safe mode', async () => {
    const lines = ['ticket,phone,csat'];
    for (let i = 0; i < 300; i++) lines.push(`T${i},1381234${String(1000 + i)},${i % 3 === 0 ? '' : i % 5}`);
    await wb.engine.importFile({ source: { kind: 'path', path: writeCsv('scores.csv', lines.join('\n')) } });
    const step = { kind: 'filter', expression: 'csat IS NOT NULL', id: 'keep-scored', enabled: true } as const;
    await wb.engine.saveRecipe({ spec: { version: 1, source: 'scores', output: 'scores_clean', steps: [step] } });
    const first = await wb.engine.listDroppedRows({ source: 'scores', stepId: step.id, offset: 0, limit: 60 });
    expect(first.total).toBe(100);
    expect(first.rows.map((r) => r.sourceRow).slice(0, 3)).toEqual([1, 4, 7]);
    const second = await wb.engine.listDroppedRows({ source: 'scores', stepId: step.id, offset: 60, limit: 60 });
    expect(second.rows).toHaveLength(40);
    expect(second.rows[0]!.values).toEqual(['T180', 13812341180, null]);
    const { name, bytes } = await wb.engine.exportDroppedRows({ source: 'scores', stepId: step.id });
    expect(name).toBe('scores_step1_dropped.csv');
    expect(new TextDecoder().decode(bytes).split('\n')).toHaveLength(102);
    await wb.engine.setShareSafe({ on: true });
    const refused = await rejectionOf(wb.engine.exportDroppedRows({ source: 'scores', stepId: step.id }));
    expect((refused as ApiCallError).payload.key).toBe('error.shareSafe.unmasked');
    const missing = await rejectionOf(wb.engine.listDroppedRows({ source: 'scores', stepId: 'nope', offset: 0, limit: 10 }));
    expect((missing as ApiCallError).payload.key).toBe('error.recipe.noStep');
  });
});
