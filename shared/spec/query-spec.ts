/**
 * A query spec: what the UI asks for, as data. The engine compiles it to parameterised SQL
 * (see shared/query/compile-query.ts); the renderer never sends SQL.
 */
export const QUERY_SPEC_VERSION = 1;

/** `median` and `percentile` (with `p`, 0–100) interpolate linearly between the nearest values. */
export const AGGREGATES = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'median', 'percentile'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export const TIME_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'weekday', 'hour_of_day'] as const;
/** Buckets a date or datetime dimension; weeks start on Monday (ISO). `weekday` is 1 (Monday) to 7
 * (Sunday) and `hour_of_day` 00–23: they fold every week or day onto one. */
export type TimeUnit = (typeof TIME_UNITS)[number];

/**
 * `last_days` [N]: the N days ending on the latest day the field holds (the export's end, so an old
 * export still answers "the last 30 days"). `top` / `bottom` [N]: only the N values of the field
 * with the highest (lowest) `by` measure (default: row count), under the other filters.
 */
export const FILTER_OPS = ['in', 'not_in', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_null', 'not_null', 'last_days', 'top', 'bottom'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type ScalarValue = string | number | boolean | null;

/** A field placed as a dimension (it groups rows). */
export interface DimensionRef {
  readonly field: string;
  /** Only for date/datetime fields. */
  readonly timeUnit?: TimeUnit | undefined;
  /** Only for numeric fields: groups values into bins this wide (a bin is named by its lower edge). */
  readonly bin?: number | undefined;
}

/** A field placed as a measure (it aggregates rows). `count` needs no field. */
export interface FieldMeasureRef {
  readonly aggregate: Aggregate;
  readonly field?: string | undefined;
  /** The percentile (0–100) of `percentile`. */
  readonly p?: number | undefined;
}

/** A metric of the catalogue: its value comes with n and a 95 % interval, aggregated from sums. */
export interface MetricMeasureRef {
  readonly metric: string;
  /** The version of the metric's definition to use (a saved chart keeps the one it was made with); absent = the latest. */
  readonly version?: number | undefined;
}

export type MeasureRef = FieldMeasureRef | MetricMeasureRef;

export function isMetricMeasure(m: MeasureRef): m is MetricMeasureRef {
  return 'metric' in m;
}

export interface FilterSpec {
  readonly field: string;
  readonly op: FilterOp;
  /** `in`/`not_in` take any number, `between` two, `is_null`/`not_null` none, the rest one. */
  readonly values: readonly ScalarValue[];
  /** `top`/`bottom`: the measure that ranks the field's values. */
  readonly by?: MeasureRef | undefined;
}

/** Compare each measure with another period: the spec's rows are those of `from`–`to` (whole days
 * of `field`), the comparison's the same span just before (`previous_period`) or a year before. */
export interface PeriodComparison {
  readonly field: string;
  readonly from: string;
  readonly to: string;
  readonly with: 'previous_period' | 'previous_year';
}

export interface SortSpec {
  /** The output column name: a dimension's field or a measure's id (see measureId). */
  readonly by: string;
  readonly direction: 'asc' | 'desc';
}

export interface QuerySpec {
  readonly version: typeof QUERY_SPEC_VERSION;
  readonly table: string;
  readonly dimensions: readonly DimensionRef[];
  readonly measures: readonly MeasureRef[];
  readonly filters: readonly FilterSpec[];
  readonly sort: readonly SortSpec[];
  /** At most MAX_QUERY_ROWS; the result says when it was cut. */
  readonly limit?: number | undefined;
  /** Each measure also for another period, with the absolute and relative change. */
  readonly compare?: PeriodComparison | undefined;
  /** Subtotal rows for each leading group of dimensions and a grand total (for pivot tables). */
  readonly totals?: boolean | undefined;
  /** Figures over the result's rows, worked out by the engine (see RowStatistics). */
  readonly rowStatistics?: RowStatistics | undefined;
}

/**
 * Figures over the rows a query returns (after its sort and limit; subtotal rows left out), one
 * column each beside the measure, so a chart draws them as they come:
 * - `runningShare`: the measure's running total in row order as a percentage of its total over the
 *   rows (`<id>__running_share`, 0–100; a Pareto chart's line);
 * - `total`: the measure's sum over the rows (`<id>__total`, the same on every row; a waterfall's
 *   closing bar);
 * - `spread`: the measure's mean over the rows, its population standard deviation, and mean ∓ 3σ
 *   (`<id>__mean`, `__sd`, `__lcl`, `__ucl`, the same on every row; a control chart's lines).
 * - `share`: each listed measure's value as a percentage of the sum of all the listed measures
 *   over the rows with the same value of the dimension `within` (over every row without it):
 *   `<id>__share`, 0–100; a 100 % bar's parts.
 * Each lists measure ids (see measureId) of the spec's measures.
 */
export interface RowStatistics {
  readonly runningShare?: readonly string[] | undefined;
  readonly total?: readonly string[] | undefined;
  readonly spread?: readonly string[] | undefined;
  readonly share?: { readonly measures: readonly string[]; readonly within?: string | undefined } | undefined;
}

export const MAX_QUERY_ROWS = 100_000;

/** The output column name of a measure: `count`, `sum_csat`, `p90_handle_time`, `csat_mean` (a metric). */
export function measureId(m: MeasureRef): string {
  if (isMetricMeasure(m)) return m.metric;
  const name = m.aggregate === 'percentile' ? `p${m.p ?? 50}` : m.aggregate;
  return m.field === undefined ? name : `${name}_${m.field}`;
}

/** The output column name of a dimension: `region`, `created_at_month`, `handle_time_bin60`. */
export function dimensionId(d: DimensionRef): string {
  if (d.bin !== undefined) return `${d.field}_bin${d.bin}`;
  return d.timeUnit === undefined ? d.field : `${d.field}_${d.timeUnit}`;
}

/** The extra output columns of a measure: a metric's n and interval, a comparison's previous value
 * and changes, the row statistics asked for, named `<measure id>__<kind>`. */
export const MEASURE_DETAILS = ['n', 'low', 'high', 'previous', 'delta', 'delta_pct', 'running_share', 'total', 'mean', 'sd', 'lcl', 'ucl', 'share'] as const;
export type MeasureDetail = (typeof MEASURE_DETAILS)[number];

export const detailId = (measure: string, detail: MeasureDetail): string => `${measure}__${detail}`;

/** With `totals`: how many trailing dimensions a row rolls up (0 = a detail row). */
export const GROUPING_COLUMN = '__grouping';
