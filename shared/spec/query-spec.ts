/**
 * A query spec: what the UI asks for, as data. The engine compiles it to parameterised SQL
 * (see shared/query/compile-query.ts); the renderer never sends SQL.
 */
export const QUERY_SPEC_VERSION = 1;

export const AGGREGATES = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export const TIME_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour'] as const;
/** Buckets a date or datetime dimension; weeks start on Monday (ISO). */
export type TimeUnit = (typeof TIME_UNITS)[number];

export const FILTER_OPS = ['in', 'not_in', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_null', 'not_null'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type ScalarValue = string | number | boolean | null;

/** A field placed as a dimension (it groups rows). */
export interface DimensionRef {
  readonly field: string;
  /** Only for date/datetime fields. */
  readonly timeUnit?: TimeUnit | undefined;
}

/** A field placed as a measure (it aggregates rows). `count` needs no field. */
export interface MeasureRef {
  readonly aggregate: Aggregate;
  readonly field?: string | undefined;
}

export interface FilterSpec {
  readonly field: string;
  readonly op: FilterOp;
  /** `in`/`not_in` take any number, `between` two, `is_null`/`not_null` none, the rest one. */
  readonly values: readonly ScalarValue[];
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
}

export const MAX_QUERY_ROWS = 100_000;

/** The output column name of a measure: `count`, `sum_csat`, `count_distinct_customer_id`. */
export function measureId(m: MeasureRef): string {
  return m.field === undefined ? m.aggregate : `${m.aggregate}_${m.field}`;
}

/** The output column name of a dimension: `region`, `created_at_month`. */
export function dimensionId(d: DimensionRef): string {
  return d.timeUnit === undefined ? d.field : `${d.field}_${d.timeUnit}`;
}
