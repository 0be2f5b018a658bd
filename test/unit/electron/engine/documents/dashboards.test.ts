import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import { EMPTY_CHART_SPEC } from '../../../../../shared/spec/chart-spec';
import { DASHBOARD_COLUMNS, EMPTY_DASHBOARD_SPEC, type DashboardSpec, type DashboardTile } from '../../../../../shared/spec/dashboard-spec';
import { measureId } from '../../../../../shared/spec/query-spec';
import { useDemoWorkbench, useEngineWorkbench } from '../../../../support/engine-workbench';
import { JOB_WORKER } from '../../../../support/paths';

describe('saved dashboards', () => {
  const bench = useEngineWorkbench();

  it('keep tiles, filters and header, change in place, and come back after the file is opened again', async () => {
    const { engine, workbenchPath } = bench;
    expect(await engine.listDashboards({})).toEqual([]);
    const chart = await engine.saveChart({ name: 'by region', spec: { ...EMPTY_CHART_SPEC, table: 'tickets', shelves: { ...EMPTY_CHART_SPEC.shelves, columns: [{ field: 'region' }], rows: [{ aggregate: 'count' }] } } });
    const spec: DashboardSpec = {
      ...EMPTY_DASHBOARD_SPEC,
      tiles: [{ id: 't1', chart: { chartId: chart.id }, x: 0, y: 0, w: 6, h: 4 }],
      filters: [{ table: 'tickets', field: 'channel', filter: { op: 'in', values: ['电话'] } }],
    };
    const saved = await engine.saveDashboard({ name: '周会', spec });
    expect(saved).toMatchObject({ name: '周会', builtIn: null, spec });
    const moved = await engine.saveDashboard({ id: saved.id, name: '周会', spec: { ...spec, tiles: [{ ...spec.tiles[0]!, x: 6, w: 6 }] } });
    expect(moved.spec.tiles[0]).toMatchObject({ x: 6, w: 6 });
    expect(moved.createdAt).toBe(saved.createdAt);
    await expect(engine.saveDashboard({ name: 'twins', spec: { ...spec, tiles: [spec.tiles[0]!, spec.tiles[0]!] } })).rejects.toMatchObject({ key: 'error.dashboard.duplicateTile' });

    engine.close();
    const reopened = new Engine({ workerScript: JOB_WORKER });
    try {
      await reopened.openWorkbench({ path: workbenchPath });
      expect((await reopened.listDashboards({})).map((d) => [d.name, d.tiles])).toEqual([['周会', 1]]);
      expect((await reopened.getDashboard({ id: saved.id })).spec.tiles[0]).toMatchObject({ x: 6 });
      await reopened.deleteDashboard({ id: saved.id });
      await expect(reopened.getDashboard({ id: saved.id })).rejects.toMatchObject({ key: 'error.dashboard.notFound' });
    } finally {
      reopened.close();
    }
  });

  it('refuses a Service overview where no table has ticket roles, saying what to map', async () => {
    await expect(bench.engine.serviceOverview({ locale: 'zh-CN' })).rejects.toMatchObject({ key: 'error.dashboard.noTicketTable' });
  });
});

describe('the Service overview', () => {
  const demo = useDemoWorkbench({ rows: 3000, seed: 7 });

  it('is generated from the roles: KPI header, trends, league tables and channel mix, laid out without overlaps', async () => {
    const { engine } = demo;
    const overview = await engine.serviceOverview({ locale: 'zh-CN' });
    expect(overview).toMatchObject({ name: '服务总览', builtIn: 'service-overview' });
    const { spec } = overview;
    expect(spec.header?.shelves.rows.map((item) => ('metric' in item ? item.metric : '?'))).toEqual(['ticket_volume', 'frt_median', 'resolution_median', 'fcr_rate', 'sla_attainment', 'csat_mean', 'nps']);
    const titles = spec.tiles.map((t) => ('title' in t.chart ? t.chart.title.en : ''));
    expect(titles).toEqual([
      'Ticket volume by month',
      'First response time (median)',
      'Resolution time (median)',
      'FCR and SLA attainment',
      'CSAT',
      'NPS',
      'Backlog at month end',
      'Top 10 categories',
      'Channel mix',
      'Agent league table',
      'Team league table',
    ]);
    expectPacked(spec.tiles);

    // asked again, the saved one comes back (with the user's changes), not a new one
    await engine.saveDashboard({ id: overview.id, name: '我的总览', spec: { ...spec, tiles: spec.tiles.slice(1) } });
    const again = await engine.serviceOverview({ locale: 'en' });
    expect(again).toMatchObject({ id: overview.id, name: '我的总览' });
    expect(again.spec.tiles).toHaveLength(spec.tiles.length - 1);
    const regenerated = await engine.serviceOverview({ locale: 'en', regenerate: true });
    expect(regenerated.id).toBe(overview.id);
    expect(regenerated.spec.tiles).toHaveLength(spec.tiles.length);
    expect((await engine.listDashboards({})).filter((d) => d.builtIn === 'service-overview')).toHaveLength(1);
  });

  it('draws every tile from the engine: each tile query answers, and the volume trend sums to the table', async () => {
    const { engine } = demo;
    const { spec } = await engine.serviceOverview({ locale: 'en' });
    const volume = spec.tiles[0]!;
    if (!('spec' in volume.chart)) throw new Error('the overview tiles carry their own charts');
    const month = volume.chart.spec.shelves.columns[0]!;
    if (!('field' in month) || month.field === undefined) throw new Error('the trend is by a field');
    const result = await engine.query({ spec: { version: 1, table: volume.chart.spec.table!, dimensions: [{ field: month.field, timeUnit: 'month' }], measures: [{ aggregate: 'count' }], filters: [], sort: [] } });
    expect(result.rowCount).toBeGreaterThan(3);
    const total = await engine.query({ spec: { version: 1, table: volume.chart.spec.table!, dimensions: [], measures: [{ aggregate: 'count' }], filters: [], sort: [] } });
    expect(total.columns.map((c) => c.name)).toContain(measureId({ aggregate: 'count' }));
    expect(total.rowCount).toBe(1);
  });
});

function expectPacked(tiles: readonly DashboardTile[]): void {
  for (const a of tiles) {
    expect(a.x + a.w).toBeLessThanOrEqual(DASHBOARD_COLUMNS);
    for (const b of tiles) {
      if (a === b) continue;
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
  // every row of the grid is filled edge to edge
  const rows = new Map<number, number>();
  for (const t of tiles) rows.set(t.y, (rows.get(t.y) ?? 0) + t.w);
  expect([...rows.values()].every((width) => width === DASHBOARD_COLUMNS)).toBe(true);
}
