import type { ColumnType, ResultColumn } from '../api/types';
import type { Figure } from '../chart/chart-figure';
import { valueLabel } from '../chart/chart-figure';
import { dimensionTitle, measureTitle } from '../chart/chart-text';
import { kpiValueText } from '../chart/kpi-format';
import { pivotLayout } from '../chart/pivot-layout';
import type { ChartPlan, PlacedPill } from '../chart/sheet-query';
import type { ChartKind } from '../chart/show-me';
import { format, formatNumber, type Locale } from '../i18n/messages';
import type { MetricUnit } from '../metrics/metric-definition';
import type { ResultRow } from '../query/result-rows';
import type { TimeUnit } from '../spec/query-spec';
import type { DocColumn, DocColumnType, DocTable, DocValue, NativeChart, NativeChartType } from './report-document';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** How a result column's values are typed in a spreadsheet. */
function docType(type: ColumnType | undefined): DocColumnType {
  switch (type) {
    case 'integer':
    case 'boolean':
      return 'integer';
    case 'real':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    default:
      return 'text';
  }
}

/** Time units whose buckets are days (`2024-10-01` for October): dates, not labels. */
const DAY_BUCKETS: ReadonlySet<TimeUnit> = new Set(['year', 'month', 'week', 'day']);

/** A dimension's column: a date bucket is a date, a quarter or weekday is a label, else the field's type. */
function dimensionColumn(locale: Locale, d: PlacedPill, column: ResultColumn | undefined): DocColumn {
  const unit = d.pill.timeUnit;
  const type: DocColumnType = unit === undefined ? docType(column?.type ?? d.pill.type) : DAY_BUCKETS.has(unit) ? 'date' : unit === 'hour' ? 'datetime' : 'text';
  return { label: dimensionTitle(locale, d.pill), type };
}

/** A date bucket as a person reads it: `Oct 2024` / `2024年10月`, `2024` for a year, the day otherwise. */
export function bucketText(locale: Locale, unit: TimeUnit | undefined, raw: DocValue): string {
  // a month bucket may come as 2024-10 or as its first day
  const day = typeof raw === 'string' && /^\d{4}-\d{2}$/.test(raw) ? `${raw}-01` : raw;
  if (typeof day !== 'string' || !ISO_DAY.test(day.slice(0, 10))) return day === null ? format(locale, 'chart.null') : String(day);
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (unit === 'year') return day.slice(0, 4);
  if (unit === 'month') return new Intl.DateTimeFormat(locale, { year: 'numeric', month: locale === 'zh-CN' ? 'long' : 'short', timeZone: 'UTC' }).format(date);
  return day.slice(0, unit === 'hour' ? 16 : 10);
}

/** A dimension value as the table shows it. */
function dimensionText(locale: Locale, d: PlacedPill, raw: DocValue): string {
  const unit = d.pill.timeUnit;
  if (unit !== undefined && DAY_BUCKETS.has(unit)) return bucketText(locale, unit, raw);
  return valueLabel(locale, d, raw);
}

/** A measure's value as the table shows it: with its metric's unit, else as a number. */
export function measureText(locale: Locale, value: DocValue, unit: MetricUnit | undefined): string {
  if (typeof value !== 'number') return '—';
  return unit === undefined ? formatNumber(locale, value) : kpiValueText(locale, value, unit);
}

const asDocValue = (value: string | number | null | undefined): DocValue => (value === undefined ? null : value);

/**
 * A chart's result as a table (what XLSX sheets and slide tables show): the dimensions, then each
 * measure, then each metric's n, in the engine's row order.
 */
export function chartDataTable(plan: ChartPlan, rows: readonly ResultRow[], columns: readonly ResultColumn[], locale: Locale): DocTable {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const dimensions = [plan.axis, ...plan.series];
  const metricMeasures = plan.measures.filter((m) => byName.get(m.id)?.metric !== undefined);
  const docColumns: DocColumn[] = [
    ...dimensions.map((d) => dimensionColumn(locale, d, byName.get(d.id))),
    ...plan.measures.map((m): DocColumn => ({ label: measureTitle(locale, m.pill), type: 'number', unit: byName.get(m.id)?.metric?.unit })),
    ...metricMeasures.map((m): DocColumn => ({ label: format(locale, 'table.n', { measure: measureTitle(locale, m.pill) }), type: 'integer', detail: true })),
  ];
  const raw = rows.map((row) => [...dimensions.map((d) => asDocValue(row[d.id])), ...plan.measures.map((m) => asDocValue(row[m.id])), ...metricMeasures.map((m) => asDocValue(row[`${m.id}__n`]))]);
  const text = raw.map((values) =>
    values.map((value, i) => {
      if (i < dimensions.length) return dimensionText(locale, dimensions[i]!, value);
      const column = docColumns[i]!;
      return column.detail === true ? (typeof value === 'number' ? formatNumber(locale, Math.round(value)) : '—') : measureText(locale, value, column.unit);
    }),
  );
  return { columns: docColumns, rows: raw, text };
}

/**
 * A pivot table as a flat table: the values down, then one column per value across and measure,
 * then the row totals; subtotal and total lines are marked so every format draws them bold.
 */
export function pivotDataTable(plan: ChartPlan, rows: readonly ResultRow[], rowTotals: readonly ResultRow[], columns: readonly ResultColumn[], locale: Locale): DocTable {
  const pivot = plan.extras.pivot;
  if (pivot === undefined) return chartDataTable(plan, rows, columns, locale);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const layout = pivotLayout(pivot, plan.measures, rows, rowTotals, locale);
  const units = plan.measures.map((m) => byName.get(m.id)?.metric?.unit);
  const many = plan.measures.length > 1;
  const cellLabel = (across: string, m: PlacedPill): string => (many ? `${across} · ${measureTitle(locale, m.pill)}` : across);
  const total = format(locale, 'pivot.total');
  const docColumns: DocColumn[] = [
    ...pivot.down.map((d) => ({ ...dimensionColumn(locale, d, byName.get(d.id)), type: 'text' as const })),
    ...layout.across.flatMap((value) => plan.measures.map((m, i): DocColumn => ({ label: cellLabel(dimensionText(locale, pivot.across, value), m), type: 'number', unit: units[i] }))),
    ...plan.measures.map((m, i): DocColumn => ({ label: cellLabel(total, m), type: 'number', unit: units[i] })),
  ];
  const raw: DocValue[][] = [];
  const text: string[][] = [];
  const totalRowIndexes: number[] = [];
  for (const line of layout.lines) {
    const headers = pivot.down.map((d, i): string => {
      if (line.kind === 'total') return i === 0 ? total : '';
      if (i < line.kept || line.kind === 'detail') return dimensionText(locale, d, line.headers[i] ?? null);
      return i === line.kept ? format(locale, 'pivot.subtotal') : '';
    });
    const values: (number | null)[] = [...line.cells.flat(), ...line.total];
    if (line.kind !== 'detail') totalRowIndexes.push(raw.length);
    raw.push([...headers, ...values]);
    text.push([...headers, ...values.map((v, i) => measureText(locale, v, units[i % plan.measures.length]))]);
  }
  return { columns: docColumns, rows: raw, text, totalRowIndexes };
}

/** An Excel number format for values of a unit (percent values run 0–100). */
export function unitNumberFormat(unit: MetricUnit | undefined): string {
  switch (unit) {
    case 'percent':
      return '0.0"%"';
    case 'count':
      return '#,##0';
    case 'minutes':
    case 'hours':
    case 'days':
      return '#,##0.0';
    case 'score':
      return '0.00';
    case 'nps':
      return '0';
    case undefined:
      return '#,##0.##';
  }
}

const NATIVE: Partial<Record<ChartKind, { readonly type: NativeChartType; readonly grouping?: NativeChart['grouping'] }>> = {
  bar: { type: 'bar', grouping: 'clustered' },
  histogram: { type: 'bar', grouping: 'clustered' },
  bar_stacked: { type: 'bar', grouping: 'stacked' },
  bar_100: { type: 'bar', grouping: 'percentStacked' },
  line: { type: 'line' },
  area: { type: 'area' },
  pie: { type: 'pie' },
  donut: { type: 'doughnut' },
  scatter: { type: 'scatter' },
};

interface TraceLike {
  readonly name?: string;
  readonly x?: readonly unknown[];
  readonly y?: readonly unknown[];
  readonly labels?: readonly unknown[];
  readonly values?: readonly unknown[];
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The chart as an office chart draws it natively, read from the figure the window draws (so the
 * categories, their order and the series are the same), or null for kinds office charts do not
 * have (box, heatmap, Sankey, waterfall, Pareto, control, funnel). Bars of shares (100 %) hold the
 * engine's shares, which the office chart stacks to the same 100 %.
 */
export function nativeChart(args: {
  readonly kind: ChartKind;
  readonly figure: Figure;
  readonly plan: ChartPlan;
  readonly rows: readonly ResultRow[];
  readonly locale: Locale;
  readonly units: readonly (MetricUnit | undefined)[];
  readonly horizontal: boolean;
}): NativeChart | null {
  const { kind, figure, plan, locale } = args;
  const native = NATIVE[kind];
  if (native === undefined || figure.mark !== kind) return null;
  const numberFormat = unitNumberFormat(args.units[0]);
  const traces = figure.data as readonly TraceLike[];
  const axisLabel = (raw: unknown): string => dimensionText(locale, plan.axis, typeof raw === 'string' || typeof raw === 'number' ? raw : null);
  const valueAxisTitle = plan.measures.length === 1 ? measureTitle(locale, plan.measures[0]!.pill) : undefined;
  const categoryAxisTitle = dimensionTitle(locale, plan.axis.pill);

  if (native.type === 'pie' || native.type === 'doughnut') {
    const trace = traces[0];
    if (trace?.labels === undefined || trace.values === undefined) return null;
    return { type: native.type, categories: trace.labels.map((l) => String(l)), series: [{ name: valueAxisTitle ?? '', values: trace.values.map(num) }], numberFormat };
  }
  if (native.type === 'scatter') {
    // one point per row: the first measure across, the second up
    const [xMeasure, yMeasure] = plan.measures;
    if (xMeasure === undefined || yMeasure === undefined) return null;
    return {
      type: 'scatter',
      categories: args.rows.map((row) => axisLabel(row[plan.axis.id])),
      series: [{ name: measureTitle(locale, yMeasure.pill), x: args.rows.map((row) => num(row[xMeasure.id])), values: args.rows.map((row) => num(row[yMeasure.id])) }],
      valueAxisTitle: measureTitle(locale, yMeasure.pill),
      categoryAxisTitle: measureTitle(locale, xMeasure.pill),
      numberFormat: unitNumberFormat(args.units[1]),
    };
  }
  // bars, lines and areas: the categories in the order the traces meet them
  const keys: string[] = [];
  const labels = new Map<string, string>();
  for (const trace of traces)
    for (const x of trace.x ?? []) {
      const key = String(x);
      if (!labels.has(key)) {
        keys.push(key);
        labels.set(key, axisLabel(x));
      }
    }
  const series = traces.map((trace) => {
    const byX = new Map<string, number | null>();
    (trace.x ?? []).forEach((x, i) => byX.set(String(x), num(trace.y?.[i])));
    return { name: trace.name ?? '', values: keys.map((k) => byX.get(k) ?? null) };
  });
  return {
    type: native.type,
    ...(native.grouping === undefined ? {} : { grouping: native.grouping }),
    ...(args.horizontal && native.type === 'bar' ? { horizontal: true } : {}),
    categories: keys.map((k) => labels.get(k)!),
    series,
    ...(valueAxisTitle === undefined ? {} : { valueAxisTitle }),
    categoryAxisTitle,
    numberFormat,
  };
}
