import { QUERY_SPEC_VERSION, dimensionId, measureId, type DimensionRef, type FilterSpec, type MeasureRef, type QuerySpec } from '../../../shared/spec/query-spec';
import { isRecordCount, type Pill, type SheetState } from '../../state/sheet-state';

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

/**
 * Turns the shelves into one query of one table, or says what is still missing. Measures alone
 * are KPI cards; `timeField` (the table's first date) gives them their monthly trend.
 */
export function sheetQuery(sheet: SheetState, timeField?: string): SheetQuery {
  const { x, y, color, filters } = sheet.shelves;
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
  const measures = y.map((pill): PlacedPill => ({ pill, id: measureId(measureRef(pill)) }));
  const sortedBy = sheet.sort === undefined ? undefined : { measure: measures[0]!.id, direction: sheet.sort.direction };

  const spec: QuerySpec = {
    version: QUERY_SPEC_VERSION,
    table: axisPill.table,
    // the axis goes first so the default sort orders the categories along it
    dimensions: [axisPill, ...seriesPills].map(dimensionRef),
    measures: y.map(measureRef),
    filters: filters.map(filterSpec).filter((f) => f !== undefined),
    sort: sortedBy === undefined ? [] : [{ by: sortedBy.measure, direction: sortedBy.direction }],
    limit: CHART_ROW_LIMIT,
  };
  return { kind: 'chart', plan: { spec, axis: place(axisPill), series: seriesPills.map(place), measures, sortedBy } };
}
