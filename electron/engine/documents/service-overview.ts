import type Database from 'better-sqlite3';
import type { LocalizedText } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { FieldRole } from '../../../shared/model/field-roles';
import type { ChartKind } from '../../../shared/chart/show-me';
import { CHART_SPEC_VERSION, EMPTY_CHART_SPEC, type ChartItem, type ChartMetricItem, type ChartSpec } from '../../../shared/spec/chart-spec';
import type { MessageKey } from '../../../shared/i18n/messages';
import { DASHBOARD_COLUMNS, DASHBOARD_SPEC_VERSION, type DashboardSpec, type DashboardTile } from '../../../shared/spec/dashboard-spec';
import type { TimeUnit } from '../../../shared/spec/query-spec';
import { tableMetrics } from '../metrics/compute-metrics';
import { appliedRoles, getSemanticModel } from '../model/semantic-model';
import { builtInDashboard, saveDashboard } from './saved-dashboards';
import type { SavedDashboard } from '../../../shared/spec/dashboard-spec';

export const SERVICE_OVERVIEW_NAME: LocalizedText = { en: 'Service overview', 'zh-CN': '服务总览' };

/** The KPI header's metrics, in this order, as far as the roles allow them. */
const HEADER_METRICS = ['ticket_volume', 'frt_median', 'resolution_median', 'fcr_rate', 'sla_attainment', 'csat_mean', 'nps'] as const;
/** The columns of the agent and team league tables. */
const LEAGUE_METRICS = ['ticket_volume', 'frt_median', 'resolution_median', 'fcr_rate', 'csat_mean'] as const;
const LEAGUE_SIZE = 15;
const TOP_CATEGORIES = 10;
/** Rows of the layout grid a chart tile spans. */
const TILE_HEIGHT = 5;

const text = (en: string, zh: string): LocalizedText => ({ en, 'zh-CN': zh });

/**
 * The table the overview is about: the largest table whose roles say it holds tickets (an id or
 * creation time, and something to measure them by). Without one, fails with `missing` (the
 * overview's message by default; the report templates say it in their own words).
 */
export function ticketTable(
  db: Database.Database,
  missing: MessageKey = 'error.dashboard.noTicketTable',
): { readonly table: string; readonly roles: ReadonlyMap<FieldRole, string> } {
  const candidates = getSemanticModel(db)
    .tables.map((t) => ({ table: t.table, rowCount: t.rowCount, roles: appliedRoles(t) }))
    .filter((t) => t.roles.has('created_at') && (t.roles.has('ticket_id') || t.roles.has('resolved_at') || t.roles.has('first_response_at')))
    .sort((a, b) => b.rowCount - a.rowCount);
  const best = candidates[0];
  if (best === undefined) throw new RootwiseError(missing, {});
  return best;
}

/** The charts the overview can hold, each named so other documents (the report templates) can pick theirs. */
export type OverviewChartKey = 'volume' | 'firstResponse' | 'resolution' | 'fcrSla' | 'csat' | 'nps' | 'backlog' | 'categories' | 'channels' | 'agents' | 'teams';

export interface OverviewChart {
  readonly key: OverviewChartKey;
  readonly title: LocalizedText;
  readonly spec: ChartSpec;
  /** Columns of the dashboard grid it spans. */
  readonly w: number;
}

export interface OverviewCharts {
  readonly table: string;
  readonly roles: ReadonlyMap<FieldRole, string>;
  /** The KPI header's metrics the roles allow, in HEADER_METRICS order. */
  readonly header: readonly ChartMetricItem[];
  /** Only the charts the roles allow: each has its dimension and at least one measure. */
  readonly charts: readonly OverviewChart[];
}

/**
 * The Service overview's KPI metrics and charts for the tickets table, in the overview's order,
 * leaving out any the roles cannot compute.
 */
export function overviewCharts(db: Database.Database, missing?: MessageKey): OverviewCharts {
  const { table, roles } = ticketTable(db, missing);
  const metrics = new Map(tableMetrics(db, table).available.map((m) => [m.id, m.version]));
  const metric = (id: string): ChartMetricItem[] => {
    const version = metrics.get(id);
    return version === undefined ? [] : [{ metric: id, version }];
  };
  const field = (role: FieldRole, extra: { readonly timeUnit?: TimeUnit } = {}): ChartItem[] => {
    const name = roles.get(role);
    return name === undefined ? [] : [{ field: name, ...extra }];
  };
  const spec = (kind: ChartKind, columns: readonly ChartItem[], rows: readonly ChartItem[], filters: readonly ChartItem[] = []): ChartSpec => ({
    ...EMPTY_CHART_SPEC,
    version: CHART_SPEC_VERSION,
    table,
    kind,
    shelves: { ...EMPTY_CHART_SPEC.shelves, columns, rows, filters },
  });
  const month = field('created_at', { timeUnit: 'month' });
  const count: ChartItem = { aggregate: 'count' };

  const wanted: readonly OverviewChart[] = [
    { key: 'volume', title: text('Ticket volume by month', '每月工单量'), spec: spec('line', month, [count]), w: 4 },
    { key: 'firstResponse', title: text('First response time (median)', '首次响应时长（中位数）'), spec: spec('line', month, metric('frt_median')), w: 4 },
    { key: 'resolution', title: text('Resolution time (median)', '解决时长（中位数）'), spec: spec('line', month, metric('resolution_median')), w: 4 },
    { key: 'fcrSla', title: text('FCR and SLA attainment', '一次解决率与 SLA 达成率'), spec: spec('line', month, [...metric('fcr_rate'), ...metric('sla_attainment')]), w: 4 },
    { key: 'csat', title: text('CSAT', '满意度（CSAT）'), spec: spec('line', month, metric('csat_mean')), w: 4 },
    { key: 'nps', title: text('NPS', '净推荐值（NPS）'), spec: spec('line', month, metric('nps')), w: 4 },
    { key: 'backlog', title: text('Backlog at month end', '月末积压工单'), spec: spec('bar', month, metric('backlog')), w: 4 },
    {
      key: 'categories',
      title: text(`Top ${TOP_CATEGORIES} categories`, `前 ${TOP_CATEGORIES} 个问题类别`),
      spec: spec('bar', field('category'), [count], field('category').map((c) => ({ ...c, filter: { op: 'top', values: [TOP_CATEGORIES] } }))),
      w: 4,
    },
    { key: 'channels', title: text('Channel mix', '渠道构成'), spec: spec('donut', field('channel'), [count]), w: 4 },
    {
      key: 'agents',
      title: text('Agent league table', '客服排行榜'),
      spec: spec('table', field('agent'), LEAGUE_METRICS.flatMap(metric), field('agent').map((c) => ({ ...c, filter: { op: 'top', values: [LEAGUE_SIZE] } }))),
      w: 6,
    },
    {
      key: 'teams',
      title: text('Team league table', '团队排行榜'),
      spec: spec('table', field('team'), LEAGUE_METRICS.flatMap(metric), field('team').map((c) => ({ ...c, filter: { op: 'top', values: [LEAGUE_SIZE] } }))),
      w: 6,
    },
  ];
  return {
    table,
    roles,
    header: HEADER_METRICS.flatMap(metric),
    // a chart needs its dimension and at least one measure the roles allow
    charts: wanted.filter((chart) => chart.spec.shelves.columns.length > 0 && chart.spec.shelves.rows.length > 0),
  };
}

/**
 * Generates the Service overview (服务总览) from the roles of the tickets table: a KPI header, the
 * volume trend, response and resolution times (apart: minutes and hours do not share an axis), FCR
 * and SLA attainment, CSAT and NPS, the backlog, top categories, the channel mix, and agent and team
 * league tables. A tile is left out when the
 * roles it needs are not mapped, so the overview never shows a chart that cannot be computed.
 */
export function serviceOverviewSpec(db: Database.Database): DashboardSpec {
  const { table, header, charts } = overviewCharts(db);

  const tiles: DashboardTile[] = [];
  let x = 0;
  let y = 0;
  for (const tile of charts) {
    if (x + tile.w > DASHBOARD_COLUMNS) {
      x = 0;
      y += TILE_HEIGHT;
    }
    tiles.push({ id: `overview-${tiles.length + 1}`, chart: { spec: tile.spec, title: tile.title }, x, y, w: tile.w, h: TILE_HEIGHT });
    x += tile.w;
  }
  // the last row's tiles widen to fill it
  const lastRow = tiles.flatMap((t, index) => (t.y === y ? [index] : []));
  const spare = DASHBOARD_COLUMNS - lastRow.reduce((sum, index) => sum + tiles[index]!.w, 0);
  let shift = 0;
  lastRow.forEach((index, i) => {
    const tile = tiles[index]!;
    const extra = Math.floor(spare / lastRow.length) + (i < spare % lastRow.length ? 1 : 0);
    tiles[index] = { ...tile, x: tile.x + shift, w: tile.w + extra };
    shift += extra;
  });

  return {
    version: DASHBOARD_SPEC_VERSION,
    header: header.length === 0 ? null : { ...EMPTY_CHART_SPEC, table, kind: 'kpi', shelves: { ...EMPTY_CHART_SPEC.shelves, rows: header } },
    tiles,
    filters: [],
  };
}

/**
 * The Service overview: generated the first time it is asked for (or again with `regenerate`, after
 * roles changed), then kept like any dashboard, so the user's changes to it are saved.
 */
export function serviceOverview(db: Database.Database, options: { readonly regenerate?: boolean | undefined; readonly locale: 'en' | 'zh-CN' }): SavedDashboard {
  const existing = builtInDashboard(db);
  if (existing !== undefined && options.regenerate !== true) return existing;
  const spec = serviceOverviewSpec(db);
  return saveDashboard(db, { id: existing?.id, name: existing?.name ?? SERVICE_OVERVIEW_NAME[options.locale], spec, builtIn: 'service-overview' });
}
