import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../../../electron/engine/engine';
import { monthPeriod } from '../../../../../electron/engine/reports/monthly-review';
import { newBoardSpec, type BoardAction } from '../../../../../shared/spec/board-spec';
import type { ChartItem, ChartSpec } from '../../../../../shared/spec/chart-spec';
import type { ExplainPeriod } from '../../../../../shared/spec/explain-spec';
import type { FilterSpec, MeasureRef, QuerySpec } from '../../../../../shared/spec/query-spec';
import type { ReportBlock, SavedReport } from '../../../../../shared/spec/report-spec';
import { useDemoWorkbench, useEngineWorkbench } from '../../../../support/engine-workbench';

const KPIS = ['ticket_volume', 'frt_median', 'resolution_median', 'fcr_rate', 'sla_attainment', 'csat_mean', 'nps'];

function action(id: string, status: BoardAction['status']): BoardAction {
  return { id, kind: 'corrective', title: `措施 ${id}`, owner: '王芳', due: null, effectiveFrom: null, status, addresses: null, metric: 'csat_mean' };
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The query a chart block draws: its shelves over the block's period of the tickets' creation time. */
function blockQuery(spec: ChartSpec, createdAt: string, period: ExplainPeriod | null): QuerySpec {
  const dims = spec.shelves.columns.flatMap((item: ChartItem) => ('field' in item && item.field !== undefined && item.aggregate === undefined ? [{ field: item.field, ...(item.timeUnit === undefined ? {} : { timeUnit: item.timeUnit }) }] : []));
  const measures: MeasureRef[] = spec.shelves.rows.map((item) => ('metric' in item ? { metric: item.metric, version: item.version } : { aggregate: 'count' }));
  const ranked: FilterSpec[] = spec.shelves.filters.flatMap((item) =>
    'field' in item && item.field !== undefined && item.filter !== undefined ? [{ field: item.field, op: item.filter.op, values: item.filter.values, by: measures[0] }] : [],
  );
  const within: FilterSpec[] = period === null ? [] : [{ field: createdAt, op: 'gte', values: [period.from] }, { field: createdAt, op: 'lt', values: [nextDay(period.to)] }];
  return { version: 1, table: spec.table!, dimensions: dims, measures, filters: [...ranked, ...within], sort: [] };
}

function kinds(report: SavedReport): string[] {
  return report.spec.blocks.map((b) => b.kind);
}

describe('the monthly service review on the demo workbench', () => {
  const demo = useDemoWorkbench({ rows: 3000, seed: 7 });

  it('reviews the last month with tickets against the one before: title, KPIs, trends, categories, SLA, CSAT and NPS', async () => {
    const { engine } = demo;
    const report = await engine.createReportFromTemplate({ template: 'monthly-review', locale: 'en' });
    expect(report).toMatchObject({ name: 'Monthly service review', template: 'monthly-review' });
    expect(await engine.getReport({ id: report.id })).toEqual(report);
    const { spec } = report;
    expect(spec.period).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(spec.previous).toEqual({ from: '2024-11-01', to: '2024-11-30' });
    expect(spec.blocks.map((b) => b.id)).toEqual(spec.blocks.map((_, i) => `b${i + 1}`));
    expect(spec.blocks[0]).toEqual({ id: 'b1', kind: 'title', title: 'Monthly service review', subtitle: 'December 2024, compared with November 2024' });

    const kpis = spec.blocks.find((b) => b.kind === 'kpis');
    expect(kpis).toMatchObject({ table: 'tickets', metrics: KPIS, context: { filters: [], period: spec.period } });
    const headings = spec.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toEqual(['Key figures', 'Trends', 'Top categories', 'SLA attainment', 'CSAT and NPS']);
    const charts = spec.blocks.flatMap((b) => (b.kind === 'chart' && 'spec' in b.chart ? [b.chart.title.en] : []));
    expect(charts).toEqual([
      'Ticket volume by month',
      'First response time (median)',
      'Resolution time (median)',
      'Backlog at month end',
      'Top 10 categories',
      'FCR and SLA attainment',
      'CSAT',
      'NPS',
    ]);
    // without boards there is no boards section
    expect(kinds(report)).not.toContain('actions');

    // the same charts as the Service overview, so the meeting and the dashboard agree
    const overview = await engine.serviceOverview({ locale: 'en' });
    const overviewSpecs = new Map(overview.spec.tiles.map((t) => ('spec' in t.chart ? [t.chart.title.en, t.chart.spec] : ['', null])));
    for (const block of spec.blocks) {
      if (block.kind === 'chart' && 'spec' in block.chart) expect(block.chart.spec).toEqual(overviewSpecs.get(block.chart.title.en));
    }
  });

  it('draws every block from the engine: the KPIs have values in both months and each chart query answers', async () => {
    const { engine } = demo;
    const { spec } = await engine.createReportFromTemplate({ template: 'monthly-review', locale: 'en' });
    const kpis = spec.blocks.find((b): b is Extract<ReportBlock, { kind: 'kpis' }> => b.kind === 'kpis')!;
    for (const month of [spec.period!, spec.previous!]) {
      const report = await engine.computeMetrics({ table: kpis.table, metrics: [...kpis.metrics], from: month.from, to: month.to });
      expect(report.results.map((r) => r.metric).sort()).toEqual([...kpis.metrics].sort());
      for (const result of report.results) expect(result.value, `${result.metric} in ${month.from}`).not.toBeNull();
    }
    const volume = await engine.computeMetrics({ table: kpis.table, metrics: ['ticket_volume'], from: spec.period!.from, to: spec.period!.to });
    expect(volume.results[0]!.value).toBeGreaterThan(0);

    // the trends are by the month of the tickets' creation time
    const trend = spec.blocks.find((b) => b.kind === 'chart' && 'spec' in b.chart);
    const month = trend?.kind === 'chart' && 'spec' in trend.chart ? trend.chart.spec.shelves.columns[0] : undefined;
    if (month === undefined || !('field' in month) || month.field === undefined) throw new Error('the volume trend is by a field');
    const createdAt = month.field;
    let answered = 0;
    for (const block of spec.blocks) {
      if (block.kind !== 'chart' || !('spec' in block.chart)) continue;
      const result = await engine.query({ spec: blockQuery(block.chart.spec, createdAt, block.context.period) });
      expect(result.rowCount, block.chart.title.en).toBeGreaterThan(0);
      if (block.chart.spec.shelves.columns.some((c) => 'timeUnit' in c && c.timeUnit === 'month')) {
        // the trends cover the twelve months up to the report's month
        expect(block.context.period).toEqual({ from: '2024-01-01', to: '2024-12-31' });
        expect(result.rowCount, block.chart.title.en).toBe(12);
      } else {
        expect(block.context.period).toEqual(spec.period);
      }
      answered += 1;
    }
    expect(answered).toBe(8);
  });

  it('reviews a chosen month, names it in Chinese, and adds each board with open actions with its explainer and the actions', async () => {
    const { engine } = demo;
    const problem = { metric: 'csat_mean', table: 'tickets', filters: [], periodA: monthPeriod('2024-09'), periodB: monthPeriod('2024-10') };
    const open = await engine.saveBoard({ name: '四川满意度下降', spec: { ...newBoardSpec(problem), actions: [action('a1', 'done'), action('a2', 'in-progress')] }, summary: 'board created' });
    await engine.saveBoard({ name: '已结案', spec: { ...newBoardSpec(problem), actions: [action('a1', 'done'), action('a2', 'cancelled')] }, summary: 'board created' });
    await engine.saveBoard({ name: '没有措施', spec: newBoardSpec(problem), summary: 'board created' });

    const report = await engine.createReportFromTemplate({ template: 'monthly-review', period: '2024-10', locale: 'zh-CN' });
    expect(report.name).toBe('月度服务复盘');
    expect(report.spec.period).toEqual({ from: '2024-10-01', to: '2024-10-31' });
    expect(report.spec.previous).toEqual({ from: '2024-09-01', to: '2024-09-30' });
    expect(report.spec.blocks[0]).toMatchObject({ kind: 'title', title: '月度服务复盘', subtitle: '2024年10月（对比2024年9月）' });
    const headings = report.spec.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toEqual(['关键指标', '趋势', '主要问题类别', 'SLA 达成情况', '满意度（CSAT）与净推荐值（NPS）', '根因分析看板', '改进措施']);
    expect(report.spec.blocks.slice(-5).map(({ id: _id, ...b }) => b)).toEqual([
      { kind: 'heading', text: '根因分析看板', level: 1 },
      { kind: 'board', boardId: open.id },
      { kind: 'explainer', boardId: open.id },
      { kind: 'heading', text: '改进措施', level: 1 },
      { kind: 'actions', boardId: null },
    ]);
    expect(report.spec.blocks.map((b) => b.id)).toEqual(report.spec.blocks.map((_, i) => `b${i + 1}`));
    const chart = report.spec.blocks.find((b) => b.kind === 'chart');
    expect(chart?.kind === 'chart' && 'title' in chart.chart ? chart.chart.title : undefined).toEqual({ en: 'Ticket volume by month', 'zh-CN': '每月工单量' });
    expect((await engine.listReports({})).map((r) => r.name)).toContain('月度服务复盘');
  });
});

describe('the monthly service review without tickets', () => {
  const bench = useEngineWorkbench();

  it('refuses, saying in both languages which roles to map', async () => {
    const engine: Engine = bench.engine;
    const refused = engine.createReportFromTemplate({ template: 'monthly-review', locale: 'zh-CN' });
    await expect(refused).rejects.toMatchObject({ key: 'error.report.noTicketTable' });
    expect(await engine.listReports({})).toEqual([]);
  });
});
