import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import type { JobProgress, WorkbenchInfo } from '../../shared/api/types';
import { ApiCallError } from '../../shared/errors/rootwise-error';
import { JOB_WORKER, REPO_ROOT, tempDir } from '../support/paths';
import { httpClient, inProcessClient, type ConnectedClient } from './transports';

const transports = {
  'in-process (the IPC dispatcher)': (engine: Engine) => Promise.resolve(inProcessClient(engine)),
  'HTTP loopback host': (engine: Engine) => httpClient(engine, path.join(REPO_ROOT, 'dist', 'renderer')),
};

async function failure(promise: Promise<unknown>): Promise<ApiCallError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiCallError);
    return error as ApiCallError;
  }
  throw new Error('expected the call to fail');
}

describe.each(Object.entries(transports))('the API through %s', (_name, connect) => {
  let engine: Engine;
  let connected: ConnectedClient;
  let dir: string;
  let cleanup: () => void;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    engine = new Engine({ workerScript: JOB_WORKER });
    connected = await connect(engine);
  });
  afterAll(async () => {
    await connected.close();
    engine.close();
    cleanup();
  });

  it('says no workbench is open, in both languages', async () => {
    const { client } = connected;
    expect(await client.getWorkbenchInfo({})).toBeNull();
    const error = await failure(client.listTables({}));
    expect(error.payload.key).toBe('error.noWorkbench');
    expect(error.messageFor('zh-CN')).toBe('尚未打开工作簿，请先新建或打开一个。');
  });

  it('creates a demo workbench, lists its tables and describes their fields', async () => {
    const { client } = connected;
    const changes: (WorkbenchInfo | null)[] = [];
    const off = client.on('onDidChangeWorkbench', (info) => changes.push(info));
    const info = await client.createWorkbench({ path: path.join(dir, 'demo.rootwise'), demo: { rows: 1000, seed: 7 } });
    expect(info.name).toBe('demo');
    expect(info.tableCount).toBe(5);
    await expect.poll(() => changes.length).toBeGreaterThan(0);
    off();
    const tables = await client.listTables({});
    expect(tables.map((t) => t.name).sort()).toEqual(['calls', 'customers', 'surveys', 'ticket_events', 'tickets']);
    expect(tables.find((t) => t.name === 'tickets')?.rowCount).toBe(1000);
    const schema = await client.getTableSchema({ table: 'tickets' });
    expect(schema.fields.find((f) => f.name === 'created_at')?.kind).toBe('temporal');
    expect(schema.fields.find((f) => f.name === 'csat')).toMatchObject({ kind: 'measure', defaultAggregate: 'avg' });
    expect(schema.fields.find((f) => f.name === 'region')?.label['zh-CN']).toBe('地区');
    const preview = await client.previewRows({ table: 'tickets', limit: 3 });
    expect(preview.rows).toHaveLength(3);
    expect(preview.total).toBe(1000);
    const sorted = await client.readRows({ table: 'tickets', limit: 5, sort: [{ field: 'csat', direction: 'desc' }], filters: [{ field: 'channel', op: 'eq', values: ['电话'] }] });
    expect(sorted.rows).toHaveLength(5);
    expect(sorted.total).toBeLessThan(1000);
    expect(sorted.rows.every((row) => row[2] === '电话' && row[15] === 5)).toBe(true);
    const stats = await client.columnStats({ table: 'tickets', field: 'csat' });
    expect(stats).toMatchObject({ rows: 1000, max: 5 });
    expect((await client.columnValues({ table: 'tickets', field: 'channel', limit: 2 })).values).toHaveLength(2);
  });

  it('imports bytes with progress events and answers a query as Arrow', async () => {
    const { client } = connected;
    const progress: JobProgress[] = [];
    const off = client.on('onDidReportProgress', (p) => progress.push(p));
    const csv = ['agent,team,handled', ...Array.from({ length: 50 }, (_, i) => `a${i % 5},${i % 2 === 0 ? '华东一组' : '华南组'},${i}`)].join('\n');
    const report = await client.importFile({ source: { kind: 'bytes', name: 'agents.csv', bytes: new TextEncoder().encode(csv) }, jobId: 'contract-import' });
    expect(report).toMatchObject({ table: 'agents', rows: 50, rejected: { rows: 0, values: 0 } });
    await expect.poll(() => progress.some((p) => p.jobId === 'contract-import' && p.phase === 'done')).toBe(true);
    off();
    const result = await client.query({
      spec: { version: 1, table: 'agents', dimensions: [{ field: 'team' }], measures: [{ aggregate: 'sum', field: 'handled' }], filters: [], sort: [] },
    });
    expect(result.arrow).toBeInstanceOf(Uint8Array);
    const rows = tableFromIPC(result.arrow).toArray().map((r: { team: string; sum_handled: number }) => [r.team, r.sum_handled]);
    // dimensions sort ascending by default (binary order here; locale collation is a later issue)
    expect(rows).toEqual([
      ['华东一组', 600],
      ['华南组', 625],
    ]);
  });

  it('cleans a table with a recipe: versions, a step’s preview, clusters, personal data and a run as a job', async () => {
    const { client } = connected;
    const regions = ['华东', '华东区', ' 华东 ', 'East China', '华北'];
    const csv = ['ticket,region,phone,note', ...Array.from({ length: 60 }, (_, i) => `T${i % 50},${regions[i % 5]},1381234${String(5000 + i).padStart(4, '0')},回访 1390000${String(1000 + i)}`)].join('\n');
    await client.importFile({ source: { kind: 'bytes', name: 'raw_tickets.csv', bytes: new TextEncoder().encode(csv) } });
    const steps = [
      { id: 'trim', enabled: true, kind: 'trim' as const, columns: ['region'], inner: true },
      { id: 'dedupe', enabled: true, kind: 'dedupe' as const, keys: ['ticket'], keep: 'first' as const },
      { id: 'mask', enabled: true, kind: 'mask' as const, column: 'phone', method: 'mask' as const, scope: 'value' as const, kinds: [] },
    ];
    const spec = { version: 1 as const, source: 'raw_tickets', output: 'tickets_clean', steps };
    const saved = await client.saveRecipe({ spec });
    expect(saved.recipe?.version).toBe(1);
    expect(saved.flow?.problems).toEqual([]);
    expect(saved.flow?.steps.map((s) => s.stepId)).toEqual(['trim', 'dedupe', 'mask']);

    const preview = await client.previewRecipe({ spec, stepId: 'trim', limit: 5 });
    expect(preview).toMatchObject({ aligned: true, sampleRows: 60, sourceRows: 60 });
    // ' 华东 ' is every fifth row
    expect(preview.changedCells['region']).toBe(12);
    expect(preview.after.rows[2]?.[1]).toBe('华东');
    const deduped = await client.previewRecipe({ spec, stepId: 'dedupe' });
    expect(deduped).toMatchObject({ before: { rowCount: 60 }, after: { rowCount: 50 } });

    const { clusters, distinct } = await client.clusterRecipeValues({ spec, beforeStep: 'dedupe', column: 'region', method: 'fingerprint' });
    // 区 is a generic suffix of regions; East China is another language, not a near-duplicate
    expect(distinct).toBe(4);
    expect(clusters.map((c) => [c.canonical, c.values.map((v) => [v.value, v.count])])).toEqual([
      [
        '华东',
        [
          ['华东', 24],
          ['华东区', 12],
        ],
      ],
    ]);
    const untrimmed = await client.clusterRecipeValues({ spec, beforeStep: 'trim', column: 'region', method: 'fingerprint' });
    expect(untrimmed.distinct).toBe(5);
    expect(untrimmed.clusters[0]!.values.map((v) => v.value).sort()).toEqual([' 华东 ', '华东', '华东区'].sort());
    // before the mask step the phone column is personal; after it, it no longer is
    const pii = await client.detectRecipePii({ spec, beforeStep: 'mask' });
    expect(pii.find((p) => p.column === 'phone')?.suggested?.kind).toBe('phone');
    expect(pii.find((p) => p.column === 'note')?.shares.phone).toBe(1);
    expect((await client.detectRecipePii({ spec })).find((p) => p.column === 'phone')?.suggested).toBeNull();

    const progress: JobProgress[] = [];
    const off = client.on('onDidReportProgress', (p) => progress.push(p));
    const report = await client.runRecipe({ source: 'raw_tickets', jobId: 'contract-recipe' });
    expect(report).toMatchObject({ source: 'raw_tickets', output: 'tickets_clean', recipeVersion: 1, rowsIn: 60, rowsOut: 50, reusedSegments: 0 });
    await expect.poll(() => progress.some((p) => p.jobId === 'contract-recipe' && p.kind === 'recipe' && p.phase === 'done')).toBe(true);
    off();
    expect((await client.getRecipe({ source: 'raw_tickets' })).lastRun).toEqual(report);
    expect((await client.listRecipes({})).map((r) => r.source)).toEqual(['raw_tickets']);
    const result = await client.query({ spec: { version: 1, table: 'tickets_clean', dimensions: [{ field: 'region' }], measures: [{ aggregate: 'count' }], filters: [], sort: [] } });
    const counts = Object.fromEntries(tableFromIPC(result.arrow).toArray().map((r: { region: string; count: number }) => [r.region, r.count]));
    expect(counts).toEqual({ 'East China': 10, 华东: 20, 华东区: 10, 华北: 10 });

    // the import's quality profile, worked out as a job
    const profile = await client.profileTable({ table: 'raw_tickets' });
    expect(profile.rows).toBe(60);
    expect(profile.columns.find((c) => c.name === 'region')?.distinct).toBe(5);
    expect(profile.columns.find((c) => c.name === 'ticket')?.patterns[0]?.pattern).toBe('A99');

    // a broken recipe is saved (to be fixed in place) but refused by a run, in both languages
    const broken = await client.saveRecipe({ spec: { ...spec, steps: [{ id: 'drop', enabled: true, kind: 'drop', columns: ['region'] }, ...steps] } });
    expect(broken.recipe?.version).toBe(2);
    expect(broken.flow?.problems).toEqual([{ stepId: 'trim', key: 'error.recipe.missingColumn', params: { column: 'region' } }]);
    const error = await failure(client.runRecipe({ source: 'raw_tickets' }));
    expect(error.payload.key).toBe('error.recipe.broken');
    expect(error.payload.message['zh-CN']).toContain('第 2 步');
    // a step of an unknown kind never reaches the engine
    const refused = await failure(client.saveRecipe({ spec: { ...spec, steps: [{ id: 'x', enabled: true, kind: 'explode', column: 'region' }] } as never }));
    expect(refused.payload.key).toBe('error.invalidRequest');
  });

  it('answers a running share and control limits over the rows, and subtotals, through the transport', async () => {
    const { client } = connected;
    const result = await client.query({
      spec: {
        version: 1,
        table: 'agents',
        dimensions: [{ field: 'team' }],
        measures: [{ aggregate: 'sum', field: 'handled' }],
        filters: [],
        sort: [{ by: 'sum_handled', direction: 'desc' }],
        totals: true,
        rowStatistics: { runningShare: ['sum_handled'], spread: ['sum_handled'] },
      },
    });
    const rows = tableFromIPC(result.arrow)
      .toArray()
      .map((r: { team: string | null; sum_handled: number; sum_handled__running_share: number | null; sum_handled__mean: number | null; __grouping: number }) => [r.team, r.sum_handled, r.sum_handled__running_share, r.sum_handled__mean, r.__grouping]);
    // 625 of 1,225 is 51.02 %; the grand total takes no part in the figures
    expect(rows).toEqual([
      ['华南组', 625, (100 * 625) / 1225, 612.5, 0],
      ['华东一组', 600, 100, 612.5, 0],
      [null, 1225, null, null, 1],
    ]);
  });

  it('previews an import without writing, and appends to a table', async () => {
    const { client } = connected;
    const bytes = new TextEncoder().encode('渠道;工单数\n电话;120\n微信;98\n');
    const preview = await client.previewImport({ source: { kind: 'bytes', name: 'channels.csv', bytes } });
    expect(preview).toMatchObject({ file: 'channels.csv', dialect: { delimiter: ';' }, headerRow: 0, suggestedTable: 'channels' });
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ['渠道', 'text'],
      ['工单数', 'integer'],
    ]);
    expect(preview.rows).toEqual([
      ['电话', '120'],
      ['微信', '98'],
    ]);
    const created = await client.importFile({ source: { kind: 'bytes', name: 'channels.csv', bytes }, columnTypes: { 工单数: { type: 'real', format: 'decimal' } } });
    expect(created.columns[1]?.type).toBe('real');
    const more = await client.importFile({ source: { kind: 'bytes', name: 'more.csv', bytes: new TextEncoder().encode('渠道;工单数\n邮件;7\n') }, appendTo: { table: created.table } });
    expect(more.appended).toMatchObject({ rowsBefore: 2, rowsAfter: 3, newColumns: [] });
  });

  it('reads a GBK file, and refuses a binary one with the importer own message, not as an internal error', async () => {
    const gbk = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xcb, 0xc4, 0xb4, 0xa8, 0x2c, 0x35, 0x0a]);
    const report = await connected.client.importFile({ source: { kind: 'bytes', name: 'gbk.csv', bytes: gbk } });
    expect(report.encoding.name).toBe('gb18030');
    expect((await connected.client.previewRows({ table: report.table })).rows).toEqual([['四川', 5]]);
    const error = await failure(connected.client.importFile({ source: { kind: 'bytes', name: 'x.csv', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 8, 0]) } }));
    expect(error.payload.key).toBe('error.import.binary');
    expect(error.payload.params).toEqual({ file: 'x.csv' });
  });

  it('reads and confirms the model, computes metrics, saves a calendar, a formula and a metric of the user’s own, all through the transport', async () => {
    const { client } = connected;
    const model = await client.getModel({});
    const tickets = model.tables.find((t) => t.table === 'tickets')!;
    expect(tickets.roles.find((r) => r.role === 'customer_id')).toMatchObject({ field: 'customer_id', source: 'suggested', applied: true });
    expect(model.relationships.some((r) => r.from.table === 'tickets' && r.to.table === 'customers')).toBe(true);
    expect((await client.setFieldRoles({ table: 'tickets', roles: { comment: null } })).roles.find((r) => r.role === 'comment')).toMatchObject({ field: null, source: 'confirmed' });

    const report = await client.computeMetrics({ metrics: ['ticket_volume', 'csat_mean'], by: 'channel' });
    expect(report.results.filter((r) => r.metric === 'ticket_volume').reduce((sum, r) => sum + r.n, 0)).toBe(1000);
    const query = await client.query({ spec: { version: 1, table: 'tickets', dimensions: [], measures: [{ metric: 'fcr_rate' }], filters: [], sort: [] }, channel: 'contract' });
    expect(query.columns.map((c) => c.name)).toEqual(['fcr_rate', 'fcr_rate__n', 'fcr_rate__low', 'fcr_rate__high']);
    expect((await client.listMetrics({})).length).toBeGreaterThanOrEqual(30);

    const calendar = await client.getCalendar({});
    expect(calendar.holidays.some((h) => h.date === '2024-10-01')).toBe(true);
    const badCalendar = await failure(client.setCalendar({ calendar: { ...calendar, week: calendar.week.slice(0, 6) } }));
    expect(badCalendar.payload).toMatchObject({ key: 'error.calendar.badShape', params: { field: 'week' } });

    expect(await client.previewFormula({ table: 'tickets', expression: "IF(csat >= 4, '满意', '其他')", limit: 2 })).toMatchObject({ type: 'text' });
    const formula = await failure(client.setCalculatedField({ table: 'tickets', name: 'x', expression: 'csat +' }));
    expect(formula.messageFor('zh-CN')).toBe('公式在第 7 列提前结束，缺少内容。');
    const saved = await client.saveMetric({
      definition: {
        id: 'vip_share',
        name: { en: 'P1 share', 'zh-CN': 'P1 占比' },
        description: { en: 'Share of P1 tickets.', 'zh-CN': 'P1 工单占比。' },
        unit: 'percent',
        direction: 'neutral',
        minSample: 30,
        variants: [{ requires: ['priority'], timeRole: 'created_at', formula: { kind: 'ratio', numerator: "IF(priority = 'P1', 1, 0)", denominator: '1' } }],
      },
    });
    expect(saved).toMatchObject({ id: 'vip_share', version: 1, builtIn: false });

    // the demo's status events suggest when tickets wait for the customer
    expect(await client.getPauseRule({})).toMatchObject({ source: 'suggested', rule: { table: 'ticket_events', statuses: ['pending_customer'] } });
    expect((await client.setPauseRule({ rule: 'off' })).rule).toBeUndefined();
    const badRule = await failure(client.setPauseRule({ rule: { table: 'ticket_events', keyField: 'ticket_id', timeField: 'at', statusField: 'event', statuses: [] } }));
    expect(badRule.payload.key).toBe('error.invalidRequest');

    // a chart saved through the transport comes back as it was
    const spec = { version: 1 as const, table: 'tickets', kind: 'bar' as const, shelves: { columns: [{ field: 'region' }], rows: [{ metric: 'csat_mean', version: 1 }], color: [], size: [], label: [], tooltip: [], filters: [] } };
    const chart = await client.saveChart({ name: '满意度 by region', spec });
    expect((await client.getChart({ id: chart.id })).spec).toEqual(spec);
    expect((await client.listCharts({})).map((c) => c.name)).toContain('满意度 by region');
    const badChart = await failure(client.saveChart({ name: 'x', spec: { ...spec, kind: 'radar' as never } }));
    expect(badChart.payload.key).toBe('error.invalidRequest');
  });

  it('validates every request and reports unknown tables and fields', async () => {
    const { client } = connected;
    expect((await failure(client.getTableSchema({ table: 'nope' }))).payload.key).toBe('error.table.notFound');
    const invalid = await failure(client.previewRows({ table: 'tickets', limit: -1 }));
    expect(invalid.payload.key).toBe('error.invalidRequest');
    expect(invalid.payload.message.en).toContain('limit');
    const field = await failure(client.query({ spec: { version: 1, table: 'tickets', dimensions: [{ field: 'nope' }], measures: [], filters: [], sort: [] } }));
    expect(field.payload.message['zh-CN']).toBe('数据表 tickets 中没有字段 nope。');
    expect(await client.cancelJob({ jobId: 'no-such-job' })).toEqual({ cancelled: false });
  });

  it('saves as another file and reopens it', async () => {
    const { client } = connected;
    const copy = path.join(dir, 'copy.rootwise');
    expect((await client.saveWorkbenchAs({ path: copy })).path).toBe(copy);
    expect(fs.existsSync(copy)).toBe(true);
    const reopened = await client.openWorkbench({ path: path.join(dir, 'demo.rootwise') });
    expect(reopened.tableCount).toBe(10);
    expect((await failure(client.openWorkbench({ path: path.join(dir, 'missing.rootwise') }))).payload.key).toBe('error.workbench.notFound');
  });
});
