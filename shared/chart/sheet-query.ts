import type { ChartKind } from './show-me';
import { MAX_QUERY_ROWS, QUERY_SPEC_VERSION, detailId, dimensionId, measureId, type DimensionRef, type FieldMeasureRef, type FilterSpec, type MeasureRef, type QuerySpec } from '../spec/query-spec';
import { isMetric, isRecordCount, type Pill, type SheetState } from './sheet-state';

/** Where each pill's numbers come back in the result. */
export interface PlacedPill {
  readonly pill: Pill;
  readonly id: string;
}

export interface ChartPlan {
  readonly spec: QuerySpec;
  /** The dimension along the x axis: the first date on Columns, else the first field there. */
  readonly axis: PlacedPill;
  /** The other Columns fields and the Color fields: one series per combination of their values. */
  readonly series: readonly PlacedPill[];
  readonly measures: readonly PlacedPill[];
  /** The categories are in the order of this measure (the engine sorted them), not alphabetical. */
  readonly sortedBy?: { readonly measure: string; readonly direction: 'asc' | 'desc' } | undefined;
  /** The measure that sizes each mark (Size shelf). */
  readonly size: PlacedPill | undefined;
  /** Measures written on each mark (Label shelf). */
  readonly labels: readonly PlacedPill[];
  /** Measures added to each mark's hover (Tooltip shelf). */
  readonly tooltips: readonly PlacedPill[];
  /** What the kind asked the engine for beyond the shelves' measures. */
  readonly extras: ChartExtras;
}

/**
 * Figures a kind draws that the engine works out (the chart computes nothing):
 * - `box`: the output columns of the minimum, quartiles and maximum of the first measure's field;
 * - `runningShare`: the column of the first measure's running share (rows come largest first);
 * - `total`: the column of the first measure's sum over the rows (a waterfall's closing bar);
 * - `spread`: the columns of the first measure's mean and control limits over the rows;
 * - `share`: for each measure on Rows, the column of its share of its category's whole (100 % bars);
 * - `pivot`: the dimension whose values go across; the rest go down, with subtotals (`__grouping`).
 */
export interface ChartExtras {
  readonly box?: { readonly min: string; readonly q1: string; readonly median: string; readonly q3: string; readonly max: string } | undefined;
  readonly runningShare?: string | undefined;
  readonly total?: string | undefined;
  readonly spread?: { readonly mean: string; readonly lcl: string; readonly ucl: string } | undefined;
  readonly share?: Readonly<Record<string, string>> | undefined;
  readonly pivot?: PivotExtras | undefined;
}

/** A pivot table's two queries: `spec` gives the cells, subtotal rows and the totals of each
 * column; `rowTotals` (the same by the dimensions down only) gives each row's total across. */
export interface PivotExtras {
  readonly across: PlacedPill;
  readonly down: readonly PlacedPill[];
  readonly rowTotals: QuerySpec;
}

export type EmptyReason = 'noFields' | 'needMeasure' | 'needDimension';

/** Measures without a dimension: one number each, shown as KPI cards, with their trend by month. */
export interface KpiPlan {
  readonly spec: QuerySpec;
  /** The same measures by month of the table's first date, for the sparkline and the change on the month before. */
  readonly trend: QuerySpec | undefined;
  readonly trendId: string | undefined;
  readonly measures: readonly PlacedPill[];
}

export type SheetQuery =
  | { readonly kind: 'empty'; readonly reason: EmptyReason }
  | { readonly kind: 'chart'; readonly plan: ChartPlan }
  | { readonly kind: 'kpi'; readonly plan: KpiPlan };

/** Generous for a chart, and small enough that a careless day × agent grouping stays quick. */
export const CHART_ROW_LIMIT = 20_000;
/** A scatter draws every row as a point with WebGL, so it may have as many rows as a query gives. */
export const SCATTER_ROW_LIMIT = MAX_QUERY_ROWS;

export function dimensionRef(pill: Pill): DimensionRef {
  return pill.timeUnit === undefined ? { field: pill.field } : { field: pill.field, timeUnit: pill.timeUnit };
}

export function measureRef(pill: Pill): MeasureRef {
  if (pill.metric !== undefined) return { metric: pill.metric.id, version: pill.metric.version };
  return isRecordCount(pill) ? { aggregate: 'count' } : { aggregate: pill.aggregate ?? pill.defaultAggregate, field: pill.field };
}

export function filterSpec(pill: Pill): FilterSpec | undefined {
  const filter = pill.filter;
  if (filter === undefined) return undefined;
  return { field: pill.field, op: filter.op, values: filter.values };
}

/** Months of the trend under a KPI: enough for a sparkline, few enough to stay quick. */
export const KPI_TREND_MONTHS = 24;

/** A pill a box plot can spread: a numeric column (not a count or a metric, which have no rows to spread). */
export function isSpreadable(pill: Pill): boolean {
  return !isRecordCount(pill) && !isMetric(pill) && (pill.type === 'integer' || pill.type === 'real');
}

const BOX_PERCENTILES = [0, 25, 50, 75, 100] as const;

/** Measures in order, each once: a measure on Rows and on Tooltip is one output column. */
function uniqueMeasures(refs: readonly MeasureRef[]): MeasureRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const id = measureId(ref);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Turns the shelves into one query of one table, or says what is still missing. Measures alone
 * are KPI cards; `timeField` (the table's first date) gives them their monthly trend. The kind to
 * draw shapes the query where the engine computes what the kind shows (box plots, Pareto and
 * control charts, pivot tables).
 */
export function sheetQuery(sheet: SheetState, timeField?: string, kind?: ChartKind): SheetQuery {
  const { x, y, color, filters, size, label, tooltip } = sheet.shelves;
  if (x.length === 0 && y.length === 0 && color.length === 0) return { kind: 'empty', reason: 'noFields' };
  if (y.length === 0) return { kind: 'empty', reason: 'needMeasure' };
  if (x.length === 0 && color.length > 0) return { kind: 'empty', reason: 'needDimension' };
  if (x.length === 0) {
    const measures = y.map((pill): PlacedPill => ({ pill, id: measureId(measureRef(pill)) }));
    const base = { version: QUERY_SPEC_VERSION, table: y[0]!.table, measures: y.map(measureRef), filters: filters.map(filterSpec).filter((f) => f !== undefined) } as const;
    const trendDimension = timeField === undefined ? undefined : { field: timeField, timeUnit: 'month' as const };
    return {
      kind: 'kpi',
      plan: {
        spec: { ...base, dimensions: [], sort: [] },
        // the latest months, newest first, so the limit keeps the recent ones
        trend: trendDimension === undefined ? undefined : { ...base, dimensions: [trendDimension], sort: [{ by: dimensionId(trendDimension), direction: 'desc' }], limit: KPI_TREND_MONTHS },
        trendId: trendDimension === undefined ? undefined : dimensionId(trendDimension),
        measures,
      },
    };
  }

  const axisPill = x.find((p) => p.timeUnit !== undefined) ?? x[0]!;
  const seriesPills = [...x.filter((p) => p !== axisPill), ...color];
  const place = (pill: Pill): PlacedPill => ({ pill, id: dimensionId(dimensionRef(pill)) });
  const placeMeasure = (pill: Pill): PlacedPill => ({ pill, id: measureId(measureRef(pill)) });
  const measures = y.map(placeMeasure);
  const first = measures[0]!;
  const sortedBy = sheet.sort === undefined ? undefined : { measure: first.id, direction: sheet.sort.direction };

  let spec: QuerySpec = {
    version: QUERY_SPEC_VERSION,
    table: axisPill.table,
    // the axis goes first so the default sort orders the categories along it
    dimensions: [axisPill, ...seriesPills].map(dimensionRef),
    measures: uniqueMeasures([...y, ...size, ...label, ...tooltip].map(measureRef)),
    filters: filters.map(filterSpec).filter((f) => f !== undefined),
    sort: sortedBy === undefined ? [] : [{ by: sortedBy.measure, direction: sortedBy.direction }],
    limit: kind === 'scatter' ? SCATTER_ROW_LIMIT : CHART_ROW_LIMIT,
  };
  let extras: ChartExtras = {};
  if (kind === 'box' && isSpreadable(first.pill)) {
    const five = BOX_PERCENTILES.map((p): FieldMeasureRef => ({ aggregate: 'percentile', field: first.pill.field, p }));
    const [min, q1, median, q3, max] = five.map(measureId) as [string, string, string, string, string];
    spec = { ...spec, measures: uniqueMeasures([...five, ...tooltip.map(measureRef)]) };
    extras = { box: { min, q1, median, q3, max } };
  } else if (kind === 'bar_100') {
    // each category's whole is the sum of the Rows measures over its series
    const ids = [...new Set(measures.map((m) => m.id))];
    spec = { ...spec, rowStatistics: { share: { measures: ids, within: place(axisPill).id } } };
    extras = { share: Object.fromEntries(ids.map((id) => [id, detailId(id, 'share')])) };
  } else if (kind === 'pareto') {
    // largest first, so the running share climbs along the bars
    spec = { ...spec, sort: [{ by: first.id, direction: 'desc' }], rowStatistics: { runningShare: [first.id] } };
    extras = { runningShare: detailId(first.id, 'running_share') };
  } else if (kind === 'waterfall') {
    spec = { ...spec, rowStatistics: { total: [first.id] } };
    extras = { total: detailId(first.id, 'total') };
  } else if (kind === 'control') {
    spec = { ...spec, rowStatistics: { spread: [first.id] } };
    extras = { spread: { mean: detailId(first.id, 'mean'), lcl: detailId(first.id, 'lcl'), ucl: detailId(first.id, 'ucl') } };
  } else if (kind === 'pivot') {
    // the axis across; the other dimensions down, rolled up from the innermost for subtotals
    spec = { ...spec, totals: true };
    extras = { pivot: { across: place(axisPill), down: seriesPills.map(place), rowTotals: { ...spec, dimensions: seriesPills.map(dimensionRef) } } };
  }
  return {
    kind: 'chart',
    plan: {
      spec,
      axis: place(axisPill),
      series: seriesPills.map(place),
      measures,
      size: size[0] === undefined ? undefined : placeMeasure(size[0]),
      labels: label.map(placeMeasure),
      tooltips: tooltip.map(placeMeasure),
      extras,
      sortedBy,
    },
  };
}
