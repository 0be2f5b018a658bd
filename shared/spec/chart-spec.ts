import { CHART_KINDS, type ChartKind } from '../chart/show-me';
import type { Aggregate, MeasureRef, ScalarValue, TimeUnit } from './query-spec';

/**
 * A chart as the workbench keeps it: which table, which fields and metrics on which shelves, which
 * kind of chart. Only references are kept (field names, metric ids with the version the chart was
 * made with); labels, types and roles come from the model when the chart is opened, so a renamed
 * label or a changed role shows up in every chart. Dashboards, reports and boards point at charts.
 */
export const CHART_SPEC_VERSION = 1;

/** The shelves, in the order keyboard dragging visits them. */
export const CHART_SHELVES = ['columns', 'rows', 'color', 'size', 'label', 'tooltip', 'filters'] as const;
export type ChartShelf = (typeof CHART_SHELVES)[number];

/** What a filter on the Filters shelf keeps. */
export type ChartFilter =
  | { readonly op: 'in' | 'not_in'; readonly values: readonly ScalarValue[] }
  | { readonly op: 'between'; readonly values: readonly [ScalarValue, ScalarValue] }
  | { readonly op: 'last_days'; readonly values: readonly [number] }
  | { readonly op: 'top' | 'bottom'; readonly values: readonly [number]; readonly by?: MeasureRef | undefined };

/** A field on a shelf. With an aggregate it is a measure; without, a dimension (bucketed by `timeUnit`, binned by `bin`). */
export interface ChartFieldItem {
  readonly field: string;
  readonly aggregate?: Aggregate | undefined;
  /** The percentile of `percentile`. */
  readonly p?: number | undefined;
  readonly timeUnit?: TimeUnit | undefined;
  readonly bin?: number | undefined;
  /** Only on Filters; absent = all values. */
  readonly filter?: ChartFilter | undefined;
}

/** The count of rows ("Number of records"): a measure without a field. */
export interface ChartCountItem {
  readonly aggregate: 'count';
  readonly field?: undefined;
}

/** A metric of the catalogue at the version the chart was made with. */
export interface ChartMetricItem {
  readonly metric: string;
  readonly version: number;
}

export type ChartItem = ChartFieldItem | ChartCountItem | ChartMetricItem;

export interface ChartSpec {
  readonly version: typeof CHART_SPEC_VERSION;
  /** The table every field reads; null for a chart with empty shelves. */
  readonly table: string | null;
  /** The kind chosen by the user, or 'auto' to let "Show me" pick. */
  readonly kind: ChartKind | 'auto';
  readonly shelves: Readonly<Record<ChartShelf, readonly ChartItem[]>>;
  /** How it is drawn: categories sorted by the first measure, axes swapped. Absent = neither. */
  readonly options?: { readonly sort?: 'asc' | 'desc' | undefined; readonly transposed?: boolean | undefined } | undefined;
}

/** A saved chart (a sheet of the Analyze workspace). */
export interface SavedChart {
  readonly id: number;
  readonly name: string;
  readonly spec: ChartSpec;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ChartSummary = Omit<SavedChart, 'spec'> & { readonly kind: ChartSpec['kind']; readonly table: string | null };

export const EMPTY_CHART_SPEC: ChartSpec = {
  version: CHART_SPEC_VERSION,
  table: null,
  kind: 'auto',
  shelves: { columns: [], rows: [], color: [], size: [], label: [], tooltip: [], filters: [] },
};

export function isMetricItem(item: ChartItem): item is ChartMetricItem {
  return 'metric' in item;
}

/** Whether an item measures (aggregates or is a metric) rather than groups. */
export function isMeasureItem(item: ChartItem): boolean {
  return isMetricItem(item) || item.aggregate !== undefined;
}

export const CHART_KIND_CHOICES: readonly (ChartKind | 'auto')[] = ['auto', ...CHART_KINDS];
