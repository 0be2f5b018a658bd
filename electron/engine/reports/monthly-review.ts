import type Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { format, type Locale, type MessageKey } from '../../../shared/i18n/messages';
import type { ExplainPeriod } from '../../../shared/spec/explain-spec';
import { EMPTY_REPORT_SPEC, REPORT_SPEC_VERSION, type ReportBlock, type ReportContext, type ReportSpec } from '../../../shared/spec/report-spec';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { getBoard, listBoards } from '../boards/board-store';
import { overviewCharts, type OverviewChart, type OverviewChartKey } from '../documents/service-overview';

/** Months of the trend charts, the report's month the last of them. */
export const REVIEW_TREND_MONTHS = 12;

/** The sections of the review after its KPIs, each with the Service overview charts it shows and over which time. */
const SECTIONS: readonly { readonly heading: MessageKey; readonly charts: readonly OverviewChartKey[]; readonly over: 'trend' | 'month' }[] = [
  { heading: 'report.monthlyReview.trends', charts: ['volume', 'firstResponse', 'resolution', 'backlog'], over: 'trend' },
  { heading: 'report.monthlyReview.categories', charts: ['categories'], over: 'month' },
  { heading: 'report.monthlyReview.sla', charts: ['fcrSla'], over: 'trend' },
  { heading: 'report.monthlyReview.satisfaction', charts: ['csat', 'nps'], over: 'trend' },
];

const OPEN_ACTION = new Set(['open', 'in-progress']);

/** The month `delta` months from `month` (YYYY-MM). */
function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}

/** The days of a month, first to last. */
export function monthPeriod(month: string): ExplainPeriod {
  const last = new Date(Date.parse(`${shiftMonth(month, 1)}-01T00:00:00Z`) - 86_400_000);
  return { from: `${month}-01`, to: last.toISOString().slice(0, 10) };
}

/** "December 2024" / "2024年12月". */
function monthLabel(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The last month (YYYY-MM) in which a ticket was created. */
function lastMonthWithData(db: Database.Database, table: string, field: string): string {
  const row = db.prepare(`SELECT substr(MAX(${sqliteDialect.quoteIdent(field)}), 1, 7) AS month FROM ${sqliteDialect.quoteIdent(table)}`).get() as { month: string | number | null };
  if (typeof row.month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(row.month)) throw new RootwiseError('error.report.noTicketDates', { table, field });
  return row.month;
}

/** The boards that still have open (or in-progress) actions, in the boards' order. */
function boardsWithOpenActions(db: Database.Database): number[] {
  return listBoards(db)
    .filter((summary) => getBoard(db, summary.id).spec.actions.some((action) => OPEN_ACTION.has(action.status)))
    .map((summary) => summary.id);
}

/**
 * The "Monthly service review" (月度服务复盘) template, from the roles of the tickets table: a title
 * page, the Service overview's KPIs for the month against the month before, its trend charts (the
 * last twelve months), top categories of the month, SLA attainment, CSAT and NPS, then each board
 * with open actions (the board and its change explainer) and the open actions of them all. Charts
 * come from the Service overview, so both say the same; a chart the roles cannot compute is left
 * out. The month defaults to the last one in which a ticket was created. Block ids are b1, b2, … in
 * order, so a template made twice from the same workbench is the same.
 */
export function monthlyReviewSpec(db: Database.Database, options: { readonly period?: string | undefined; readonly locale: Locale }): { readonly name: string; readonly spec: ReportSpec } {
  const { table, roles, header, charts } = overviewCharts(db, 'error.report.noTicketTable');
  const createdAt = roles.get('created_at');
  if (createdAt === undefined) throw new RootwiseError('error.report.noTicketTable', {});
  const month = options.period ?? lastMonthWithData(db, table, createdAt);
  const previousMonth = shiftMonth(month, -1);
  const period = monthPeriod(month);
  const previous = monthPeriod(previousMonth);
  const trend: ExplainPeriod = { from: monthPeriod(shiftMonth(month, 1 - REVIEW_TREND_MONTHS)).from, to: period.to };
  const context = (over: 'trend' | 'month'): ReportContext => ({ filters: [], period: over === 'trend' ? trend : period });
  const { locale } = options;
  const name = format(locale, 'report.monthlyReview.name');

  const blocks: ReportBlock[] = [];
  const id = (): string => `b${blocks.length + 1}`;
  const heading = (key: MessageKey): void => {
    blocks.push({ id: id(), kind: 'heading', text: format(locale, key), level: 1 });
  };

  blocks.push({
    id: id(),
    kind: 'title',
    title: name,
    subtitle: format(locale, 'report.monthlyReview.subtitle', { period: monthLabel(month, locale), previous: monthLabel(previousMonth, locale) }),
  });
  if (header.length > 0) {
    heading('report.monthlyReview.kpis');
    blocks.push({ id: id(), kind: 'kpis', table, metrics: header.map((item) => item.metric), context: context('month') });
  }
  const byKey = new Map<OverviewChartKey, OverviewChart>(charts.map((chart) => [chart.key, chart]));
  for (const section of SECTIONS) {
    const shown = section.charts.flatMap((key) => byKey.get(key) ?? []);
    if (shown.length === 0) continue;
    heading(section.heading);
    for (const chart of shown) blocks.push({ id: id(), kind: 'chart', chart: { spec: chart.spec, title: chart.title }, context: context(section.over) });
  }
  const boards = boardsWithOpenActions(db);
  if (boards.length > 0) {
    heading('report.monthlyReview.boards');
    for (const boardId of boards) {
      blocks.push({ id: id(), kind: 'board', boardId });
      blocks.push({ id: id(), kind: 'explainer', boardId });
    }
    heading('report.monthlyReview.actions');
    blocks.push({ id: id(), kind: 'actions', boardId: null });
  }

  return { name, spec: { ...EMPTY_REPORT_SPEC, version: REPORT_SPEC_VERSION, period, previous, blocks } };
}
