import type { ColumnType, FieldKind, LocalizedText } from '../api/types';
import type { ChartKind } from './show-me';
import type { Aggregate, ScalarValue, TimeUnit } from '../spec/query-spec';

/** The shelves of a sheet, in the order keyboard dragging visits them. */
export const SHELVES = ['x', 'y', 'color', 'size', 'label', 'tooltip', 'filters'] as const;
export type ShelfId = (typeof SHELVES)[number];

/** Shelves whose fields are measured (aggregated per mark): Rows, and the marks' size, labels and hover. */
export const MEASURE_SHELVES = ['y', 'size', 'label', 'tooltip'] as const;
export type MeasureShelfId = (typeof MEASURE_SHELVES)[number];

export function isMeasureShelf(shelf: ShelfId): shelf is MeasureShelfId {
  return (MEASURE_SHELVES as readonly string[]).includes(shelf);
}

/** The virtual field behind "Number of records": `count(*)`, no column. */
export const RECORD_COUNT_FIELD = '__count';

export const RECORD_COUNT_LABEL: LocalizedText = { en: 'Number of records', 'zh-CN': '记录数' };

/** A field as the field list offers it: enough to place it on a shelf without another lookup. */
export interface FieldRef {
  readonly table: string;
  readonly tableLabel: LocalizedText;
  readonly field: string;
  readonly label: LocalizedText;
  readonly kind: FieldKind;
  readonly type: ColumnType;
  readonly defaultAggregate: Aggregate;
  /** A metric of the catalogue (not a column): computed by its definition, at this version. */
  readonly metric?: { readonly id: string; readonly version: number } | undefined;
}

export type PillFilter =
  | { readonly op: 'in'; readonly values: readonly ScalarValue[] }
  /** Every value but these (from "Exclude" on a mark). */
  | { readonly op: 'not_in'; readonly values: readonly ScalarValue[] }
  | { readonly op: 'between'; readonly values: readonly [string, string] }
  /** The N days up to the latest day in the data. */
  | { readonly op: 'last_days'; readonly values: readonly [number] }
  /** The N values with the most (fewest) records. */
  | { readonly op: 'top' | 'bottom'; readonly values: readonly [number] };

/** A field placed on a shelf. Which of aggregate / timeUnit / filter is set follows from the shelf. */
export interface Pill extends FieldRef {
  readonly id: string;
  readonly aggregate?: Aggregate | undefined;
  readonly timeUnit?: TimeUnit | undefined;
  /** Only on Filters; absent means "all values" (the pill filters nothing yet). */
  readonly filter?: PillFilter | undefined;
  /** A filter set by drilling down into a mark: drilling up takes it away again. */
  readonly drilled?: boolean | undefined;
}

/** The kinds the chart area draws (KPI cards, tables and pivot tables in HTML, the rest with
 * plotly); "Show me" offers those that fit the shelves. */
export const DRAWN_KINDS = ['kpi', 'bar', 'bar_stacked', 'bar_100', 'line', 'area', 'scatter', 'pie', 'donut', 'heatmap', 'box', 'histogram', 'pareto', 'control', 'waterfall', 'funnel', 'sankey', 'table', 'pivot'] as const satisfies readonly ChartKind[];
export type DrawnKind = (typeof DRAWN_KINDS)[number];
export const CHART_TYPES = ['auto', ...DRAWN_KINDS] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface SheetState {
  readonly shelves: Readonly<Record<ShelfId, readonly Pill[]>>;
  readonly chartType: ChartType;
  /** Pill ids are handed out from this counter, so `perform` stays a pure function of its input. */
  readonly nextPillId: number;
  /** Categories in the order of the first measure (absent: alphabetical, dates in time order). */
  readonly sort?: { readonly direction: 'asc' | 'desc' } | undefined;
  /** Axes swapped: bars run horizontally, the categories down the side. */
  readonly transposed?: boolean | undefined;
}

export const EMPTY_SHEET: SheetState = {
  shelves: { x: [], y: [], color: [], size: [], label: [], tooltip: [], filters: [] },
  chartType: 'auto',
  nextPillId: 1,
};

export function isRecordCount(ref: Pick<FieldRef, 'field'>): boolean {
  return ref.field === RECORD_COUNT_FIELD;
}

/** The field name a metric's pill carries (never a column name: those cannot contain a colon). */
export const metricFieldName = (id: string): string => `metric:${id}`;

export function isMetric(ref: Pick<FieldRef, 'metric'>): boolean {
  return ref.metric !== undefined;
}

/** Numeric columns can be summed and averaged; any column can be counted or ranged. */
export function aggregatesFor(ref: Pick<FieldRef, 'field' | 'type'>): readonly Aggregate[] {
  if (isRecordCount(ref)) return ['count'];
  const numeric = ref.type === 'integer' || ref.type === 'real' || ref.type === 'boolean';
  return numeric ? ['sum', 'avg', 'min', 'max', 'count', 'count_distinct'] : ['count', 'count_distinct', 'min', 'max'];
}

/** Time units offered on a date pill (hours only make sense for datetimes). */
export function timeUnitsFor(ref: Pick<FieldRef, 'type'>): readonly TimeUnit[] {
  return ref.type === 'datetime' ? ['year', 'quarter', 'month', 'week', 'day', 'hour'] : ['year', 'quarter', 'month', 'week', 'day'];
}

/** The table every pill on the sheet reads, or undefined when the shelves are empty. */
export function sheetTable(sheet: SheetState): { readonly table: string; readonly label: LocalizedText } | undefined {
  for (const shelf of SHELVES) {
    const first = sheet.shelves[shelf][0];
    if (first !== undefined) return { table: first.table, label: first.tableLabel };
  }
  return undefined;
}

export function allPills(sheet: SheetState): readonly { readonly shelf: ShelfId; readonly index: number; readonly pill: Pill }[] {
  return SHELVES.flatMap((shelf) => sheet.shelves[shelf].map((pill, index) => ({ shelf, index, pill })));
}
