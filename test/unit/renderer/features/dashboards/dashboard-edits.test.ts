import { describe, expect, it } from 'vitest';
import type { TableSchema } from '../../../../../shared/api/types';
import { EMPTY_DASHBOARD_SPEC, type DashboardSpec } from '../../../../../shared/spec/dashboard-spec';
import { addTile, dashboardName, layoutTile, removeTile, setDashboardFilter } from '../../../../../renderer/features/dashboards/dashboard-edits';
import { tileFilters } from '../../../../../renderer/features/dashboards/tile-query';
import { withFilters } from '../../../../../shared/chart/plan-filters';
import type { SheetQuery } from '../../../../../shared/chart/sheet-query';

const schema = (table: string, fields: readonly string[]): TableSchema =>
  ({ table, label: { en: table, 'zh-CN': table }, fields: fields.map((name) => ({ name, label: { en: name, 'zh-CN': name }, kind: 'dimension', type: 'text' })) }) as unknown as TableSchema;

describe('dashboard edits', () => {
  it('adds tiles side by side, moves one onto another, removes one and packs the grid', () => {
    let spec: DashboardSpec = EMPTY_DASHBOARD_SPEC;
    for (let i = 0; i < 3; i++) spec = addTile({ chartId: i + 1 }).apply(spec);
    expect(spec.tiles.map((t) => [t.id, t.x, t.y, t.w, t.h])).toEqual([
      ['tile-1', 0, 0, 6, 5],
      ['tile-2', 6, 0, 6, 5],
      ['tile-3', 0, 5, 6, 5],
    ]);
    const moved = layoutTile({ ...spec.tiles[2]!, x: 0, y: 0 }).apply(spec);
    expect(moved.tiles.map((t) => [t.id, t.x, t.y])).toEqual([
      ['tile-1', 0, 5],
      ['tile-2', 6, 0],
      ['tile-3', 0, 0],
    ]);
    const removed = removeTile('tile-3').apply(moved);
    expect(removed.tiles.map((t) => [t.id, t.x, t.y])).toEqual([
      ['tile-1', 0, 0],
      ['tile-2', 6, 0],
    ]);
    // a new tile takes the first free place, its id new
    expect(addTile({ chartId: 9 }).apply(removed).tiles.at(-1)).toMatchObject({ id: 'tile-3', x: 0, y: 5 });
  });

  it('sets, replaces and removes the filter on a field', () => {
    let spec = setDashboardFilter('tickets', 'region', { op: 'in', values: ['华东'] }).apply(EMPTY_DASHBOARD_SPEC);
    spec = setDashboardFilter('tickets', 'created_at', { op: 'last_days', values: [30] }).apply(spec);
    spec = setDashboardFilter('tickets', 'region', { op: 'in', values: ['华北'] }).apply(spec);
    expect(spec.filters.map((f) => [f.field, f.filter.values])).toEqual([
      ['region', ['华北']],
      ['created_at', [30]],
    ]);
    expect(setDashboardFilter('tickets', 'region', undefined).apply(spec).filters.map((f) => f.field)).toEqual(['created_at']);
  });
});

describe('what filters a tile', () => {
  const tickets = schema('tickets', ['region', 'channel', 'created_at']);
  const calls = schema('calls', ['channel', 'called_at']);
  const filters = [
    { table: 'tickets', field: 'region', filter: { op: 'in' as const, values: ['华东'] } },
    { table: 'tickets', field: 'channel', filter: { op: 'top' as const, values: [3] as const } },
  ];
  const cross = { sourceTile: 'tile-1', table: 'tickets', values: [{ field: 'channel', label: { en: 'Channel', 'zh-CN': '渠道' }, text: '电话', filter: { op: 'in' as const, values: ['电话'] } }] };

  it('takes the dashboard filters whose field the tile has, and a cross-filter from another tile only', () => {
    expect(tileFilters({ tileId: 'tile-2', schema: tickets, filters, crossFilter: cross }).map((f) => [f.field, f.op])).toEqual([
      ['region', 'in'],
      ['channel', 'top'],
      ['channel', 'in'],
    ]);
    expect(tileFilters({ tileId: 'tile-2', schema: calls, filters, crossFilter: cross }).map((f) => [f.field, f.op])).toEqual([
      ['channel', 'top'],
      ['channel', 'in'],
    ]);
    expect(tileFilters({ tileId: 'tile-1', schema: tickets, filters: [], crossFilter: cross })).toEqual([]);
    expect(tileFilters({ tileId: 'tile-2', schema: undefined, filters, crossFilter: cross })).toEqual([]);
  });

  it('adds them to a chart query and to a KPI query and its trend', () => {
    const base = { version: 1, table: 'tickets', dimensions: [], measures: [{ aggregate: 'count' }], filters: [{ field: 'x', op: 'eq', values: [1] }], sort: [] } as const;
    const kpi = { kind: 'kpi', plan: { spec: base, trend: base, trendId: 'm', measures: [] } } as unknown as SheetQuery;
    const extra = [{ field: 'region', op: 'in' as const, values: ['华东'] }];
    const filtered = withFilters(kpi, extra);
    if (filtered.kind !== 'kpi') throw new Error('kpi');
    expect(filtered.plan.spec.filters).toHaveLength(2);
    expect(filtered.plan.trend?.filters).toHaveLength(2);
    expect(withFilters(kpi, [])).toBe(kpi);
  });
});

describe('dashboard names', () => {
  it('show the generated Service overview in the reader language until the user renames it', () => {
    expect(dashboardName({ name: 'Service overview', builtIn: 'service-overview' }, '服务总览')).toBe('服务总览');
    expect(dashboardName({ name: '华东周会', builtIn: 'service-overview' }, 'Service overview')).toBe('华东周会');
    expect(dashboardName({ name: 'Service overview', builtIn: null }, '服务总览')).toBe('Service overview');
  });
});
