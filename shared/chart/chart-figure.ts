import type { Annotation, Data, Layout, LayoutAxis, Shape } from 'plotly.js-dist-min';
import type { ChartKind } from './show-me';
import { format, formatNumber, type Locale } from '../i18n/messages';
import type { TimeUnit } from '../spec/query-spec';
import type { ResultRow } from '../query/result-rows';
import type { ChartType } from './sheet-state';
import { valueText } from './pill-text';
import { ALERT_COLOR, CATEGORICAL_PALETTE, FLOW_COLOR, WATERFALL_COLORS, seriesColor, sequentialScale } from './chart-palette';
import { chartWords, dimensionTitle, measureTitle } from './chart-text';
import { localeOrder } from './locale-order';
import type { ChartExtras, ChartPlan, PlacedPill } from './sheet-query';

/** Colours the chart takes from the theme's CSS variables. */
export interface ChartTheme {
  readonly text: string;
  readonly textMuted: string;
  readonly grid: string;
  readonly axis: string;
  readonly panel: string;
  readonly border: string;
  readonly font: string;
}

export interface Figure {
  readonly data: Data[];
  readonly layout: Partial<Layout>;
  /** The kind drawn: bars when the kind asked for cannot draw the plan (see `buildKindFigure`). */
  readonly mark: ChartKind;
}

/** What every kind of chart is drawn from. */
interface FigureInput {
  readonly plan: ChartPlan;
  readonly rows: readonly ResultRow[];
  readonly locale: Locale;
  readonly theme: ChartTheme;
  /** Per metric measure (by output column): the n below which a value is marked as uncertain. */
  readonly minSamples?: Readonly<Record<string, number>> | undefined;
}

type RawValue = string | number | null;

/** Units that keep a date on the axis (quarters, weekdays and hours of the day are labels). */
type DateUnit = Exclude<TimeUnit, 'quarter' | 'weekday' | 'hour_of_day'>;
const isDateUnit = (unit: TimeUnit | undefined): unit is DateUnit => unit !== undefined && unit !== 'quarter' && unit !== 'weekday' && unit !== 'hour_of_day';

/** Tick and hover formats for date buckets (d3-time-format; month and day names come from the plotly locale). */
const DATE_FORMATS: Readonly<Record<Locale, Readonly<Record<DateUnit, { readonly tick: string; readonly hover: string }>>>> = {
  en: {
    year: { tick: '%Y', hover: '%Y' },
    month: { tick: '%b %Y', hover: '%B %Y' },
    week: { tick: '%b %-d', hover: '' },
    day: { tick: '%b %-d', hover: '%a, %b %-d, %Y' },
    hour: { tick: '%b %-d %H:00', hover: '%b %-d, %Y %H:00' },
  },
  'zh-CN': {
    year: { tick: '%Y年', hover: '%Y年' },
    month: { tick: '%Y年%-m月', hover: '%Y年%-m月' },
    week: { tick: '%-m月%-d日', hover: '' },
    day: { tick: '%-m月%-d日', hover: '%Y年%-m月%-d日 %a' },
    hour: { tick: '%-m月%-d日 %H时', hover: '%Y年%-m月%-d日 %H:00' },
  },
};

function escapeHover(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/%\{/g, '%&#123;');
}

function quarterLabel(locale: Locale, bucket: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(bucket);
  return match === null ? bucket : format(locale, 'chart.quarterLabel', { year: match[1]!, quarter: match[2]! });
}

export function axisValue(locale: Locale, axis: PlacedPill, raw: RawValue): string | number {
  if (raw === null || raw === '') return format(locale, 'chart.null');
  if (axis.pill.timeUnit === 'quarter' && typeof raw === 'string') return quarterLabel(locale, raw);
  return raw;
}

/** A dimension value as text, for charts whose categories are labels rather than axis positions. */
export function valueLabel(locale: Locale, dimension: PlacedPill, raw: RawValue): string {
  if (dimension.pill.timeUnit === 'quarter' && typeof raw === 'string') return quarterLabel(locale, raw);
  return valueText(locale, raw);
}

export function seriesKey(locale: Locale, series: readonly PlacedPill[], row: ResultRow): string {
  return series.map((s) => valueText(locale, row[s.id] ?? null)).join(' · ');
}

function numberOrNull(value: RawValue | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function numberText(locale: Locale, value: number | null): string {
  return value === null ? '—' : formatNumber(locale, value);
}

function percentText(locale: Locale, value: number): string {
  return `${formatNumber(locale, value)}%`;
}

/** Compares rows by their series values, one dimension after the other. */
function seriesOrder(input: FigureInput): (a: ResultRow, b: ResultRow) => number {
  const order = localeOrder(input.locale);
  return (a, b) => input.plan.series.reduce((c, s) => (c !== 0 ? c : order(a[s.id] ?? null, b[s.id] ?? null)), 0);
}

/** The rows of one series (one combination of the series values), ordered as the legend lists them. */
interface SeriesGroup {
  readonly key: string;
  readonly rows: readonly ResultRow[];
}

function seriesGroups(input: FigureInput): SeriesGroup[] {
  const byKey = new Map<string, ResultRow[]>();
  for (const row of input.rows) {
    const key = seriesKey(input.locale, input.plan.series, row);
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, [row]);
    else group.push(row);
  }
  const bySeries = seriesOrder(input);
  return [...byKey.entries()].sort(([, a], [, b]) => bySeries(a[0]!, b[0]!)).map(([key, rows]) => ({ key, rows }));
}

/** The axis values in drawing order: dates keep the engine's chronological order, other categories sort for the reader's language. */
function axisCategories(input: FigureInput): RawValue[] {
  const { axis } = input.plan;
  const raw = [...new Set(input.rows.map((row) => row[axis.id] ?? null))];
  // a sorted chart keeps the engine's order (by the measure); dates keep theirs
  return axis.pill.timeUnit === undefined && input.plan.sortedBy === undefined ? raw.sort(localeOrder(input.locale)) : raw;
}

/** The rows along the axis as it is drawn, then by series. */
function rowsInAxisOrder(input: FigureInput): ResultRow[] {
  const { axis } = input.plan;
  const position = new Map(axisCategories(input).map((raw, index) => [raw, index]));
  const at = (row: ResultRow) => position.get(row[axis.id] ?? null) ?? 0;
  const bySeries = seriesOrder(input);
  return [...input.rows].sort((a, b) => at(a) - at(b) || bySeries(a, b));
}

function hoverDateFormat(input: FigureInput): string | undefined {
  const unit = input.plan.axis.pill.timeUnit;
  if (!isDateUnit(unit)) return undefined;
  return unit === 'week' ? format(input.locale, 'chart.weekHover') : DATE_FORMATS[input.locale][unit].hover;
}

/** "Region · Channel": what names a row when the axis and series values are joined into one label. */
function dimensionsTitle(input: FigureInput): string {
  return [input.plan.axis, ...input.plan.series].map((d) => dimensionTitle(input.locale, d.pill)).join(' · ');
}

function seriesTitle(input: FigureInput): string {
  return input.plan.series.map((s) => dimensionTitle(input.locale, s.pill)).join(' · ');
}

/** One value per row of the first measure, named by the row's axis and series values. */
interface Slice {
  readonly label: string;
  readonly value: number | null;
  readonly row: ResultRow;
}

function sliceOf(input: FigureInput, row: ResultRow): Slice {
  const { axis, series, measures } = input.plan;
  return {
    label: [valueLabel(input.locale, axis, row[axis.id] ?? null), ...(series.length === 0 ? [] : [seriesKey(input.locale, series, row)])].join(' · '),
    value: numberOrNull(row[measures[0]!.id]),
    row,
  };
}

function slices(input: FigureInput): Slice[] {
  return rowsInAxisOrder(input).map((row) => sliceOf(input, row));
}

/** The Tooltip shelf's measures of a row, as hover lines (empty without any). */
function tooltipLines(input: FigureInput, row: ResultRow): string {
  return input.plan.tooltips.map((m) => `<br>${escapeHover(measureTitle(input.locale, m.pill))}: ${escapeHover(numberText(input.locale, numberOrNull(row[m.id])))}`).join('');
}

/** The Label shelf's measures of a row, as the text written on its mark; undefined without any. */
function labelTexts(input: FigureInput, rows: readonly ResultRow[]): string[] | undefined {
  const { labels } = input.plan;
  if (labels.length === 0) return undefined;
  return rows.map((row) => labels.map((m) => numberText(input.locale, numberOrNull(row[m.id]))).join(' · '));
}

/** Largest first; missing values last. */
function byValueDescending(a: Slice, b: Slice): number {
  if (a.value === null) return b.value === null ? 0 : 1;
  if (b.value === null) return -1;
  return b.value - a.value;
}

// ---------------------------------------------------------------------------
// Layout pieces every kind shares
// ---------------------------------------------------------------------------

function baseLayout(input: FigureInput, showlegend: boolean, legendTitle: string): Partial<Layout> {
  const { theme } = input;
  return {
    font: { family: theme.font, size: 12, color: theme.textMuted },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    margin: { l: 12, r: 16, t: 12, b: 12, pad: 4 },
    colorway: [...CATEGORICAL_PALETTE],
    separators: '.,',
    hovermode: 'closest',
    hoverlabel: { bgcolor: theme.panel, bordercolor: theme.border, font: { color: theme.text, family: theme.font, size: 12 } },
    showlegend,
    legend: {
      orientation: 'h',
      x: 0,
      xanchor: 'left',
      y: 1.02,
      yanchor: 'bottom',
      font: { color: theme.text, size: 12 },
      ...(legendTitle === '' ? {} : { title: { text: legendTitle, font: { color: theme.textMuted, size: 12 } } }),
    },
  };
}

function axisTitle(theme: ChartTheme, text: string): LayoutAxis['title'] {
  return { text, font: { color: theme.text, size: 12, family: theme.font }, standoff: 12 };
}

/** An axis of named categories, kept in the order given. */
function categoryAxis(theme: ChartTheme, title: string, categories: readonly (string | number)[]): Partial<LayoutAxis> {
  return {
    title: axisTitle(theme, title),
    type: 'category',
    automargin: true,
    showgrid: false,
    showline: true,
    linecolor: theme.axis,
    ticks: '',
    tickfont: { color: theme.textMuted },
    categoryorder: 'array',
    categoryarray: [...categories],
  };
}

/** The axis dimension along x: a date axis for date buckets, ordered categories otherwise. */
function dimensionAxis(input: FigureInput): Partial<LayoutAxis> {
  const { plan, locale, theme } = input;
  const unit = plan.axis.pill.timeUnit;
  const title = dimensionTitle(locale, plan.axis.pill);
  if (!isDateUnit(unit)) return categoryAxis(theme, title, axisCategories(input).map((raw) => axisValue(locale, plan.axis, raw)));
  return {
    title: axisTitle(theme, title),
    type: 'date',
    automargin: true,
    showgrid: false,
    showline: true,
    linecolor: theme.axis,
    ticks: '',
    tickfont: { color: theme.textMuted },
    tickformat: DATE_FORMATS[locale][unit].tick,
  };
}

function measureAxis(theme: ChartTheme, title: string): Partial<LayoutAxis> {
  return {
    title: axisTitle(theme, title),
    automargin: true,
    gridcolor: theme.grid,
    zerolinecolor: theme.axis,
    tickformat: ',.2~f',
    tickfont: { color: theme.textMuted },
  };
}

function measuresTitle(input: FigureInput): string {
  return input.plan.measures.map((m) => measureTitle(input.locale, m.pill)).join(' / ');
}

// ---------------------------------------------------------------------------
// Bars, lines and areas: one trace per measure and series along the axis
// ---------------------------------------------------------------------------

/** What a bar, line or area trace of one measure and series holds before it is given its mark. */
interface SeriesTrace {
  readonly measure: PlacedPill;
  readonly key: string;
  readonly color: string;
  /** Points whose metric rests on fewer cases than the metric needs. */
  readonly lowN: readonly boolean[];
  /** The Label shelf's values written on each point, when it holds any. */
  readonly text: string[] | undefined;
  /** The result rows the points come from. */
  readonly rows: readonly ResultRow[];
  readonly trace: {
    readonly name: string;
    readonly x: (string | number)[];
    readonly y: (number | null)[];
    readonly customdata: string[];
    readonly hovertemplate: string;
    readonly xhoverformat?: string;
  };
}

/** Under a metric's value: its n and 95 % interval, which the query returns beside it. */
function sampleText(input: FigureInput, measure: PlacedPill, row: ResultRow): string {
  if (measure.pill.metric === undefined) return '';
  const n = numberOrNull(row[`${measure.id}__n`]);
  if (n === null) return '';
  const low = numberOrNull(row[`${measure.id}__low`]);
  const high = numberOrNull(row[`${measure.id}__high`]);
  const words = chartWords(input.locale);
  const minSample = input.minSamples?.[measure.id];
  const few = minSample !== undefined && n < minSample ? ` · ${words.fewCases}` : '';
  return `</b><br>${escapeHover(words.sample(formatNumber(input.locale, n), numberText(input.locale, low), numberText(input.locale, high)) + few)}<b>`;
}

/** The hover of a point along the axis: the axis value, the lines given, the series in the corner. */
function alongAxisHover(input: FigureInput, key: string, lines: string): string {
  const { axis, series } = input.plan;
  return `${escapeHover(dimensionTitle(input.locale, axis.pill))}: %{x}<br>${lines}<extra>${series.length === 0 ? '' : escapeHover(key)}</extra>`;
}

function seriesTraces(input: FigureInput): SeriesTrace[] {
  const { plan, locale } = input;
  const { axis, series, measures } = plan;
  const groups = seriesGroups(input);
  const hoverDate = hoverDateFormat(input);
  const traces: SeriesTrace[] = [];
  for (const measure of measures) {
    const title = measureTitle(locale, measure.pill);
    for (const { key, rows } of groups) {
      const y = rows.map((row) => numberOrNull(row[measure.id]));
      const minSample = input.minSamples?.[measure.id];
      traces.push({
        measure,
        key,
        color: seriesColor(traces.length),
        lowN: rows.map((row) => {
          const n = numberOrNull(row[`${measure.id}__n`]);
          return minSample !== undefined && n !== null && n < minSample;
        }),
        text: labelTexts(input, rows),
        rows,
        trace: {
          name: series.length === 0 ? title : measures.length > 1 ? `${title} · ${key}` : key,
          x: rows.map((row) => axisValue(locale, axis, row[axis.id] ?? null)),
          y,
          // the Tooltip shelf's lines go after the value, outside its bold
          customdata: rows.map((row, i) => numberText(locale, y[i] ?? null) + sampleText(input, measure, row) + (input.plan.tooltips.length === 0 ? '' : `</b>${tooltipLines(input, row)}<b>`)),
          hovertemplate: alongAxisHover(input, key, `${escapeHover(title)}: <b>%{customdata}</b>`),
          ...(hoverDate === undefined ? {} : { xhoverformat: hoverDate }),
        },
      });
    }
  }
  return traces;
}

/** The layout of bars and lines along the axis dimension. */
function alongAxisLayout(input: FigureInput, traceCount: number, yaxis: Partial<LayoutAxis>): Partial<Layout> {
  return {
    ...baseLayout(input, traceCount > 1, seriesTitle(input)),
    barmode: 'group',
    bargap: 0.35,
    bargroupgap: 0.06,
    xaxis: dimensionAxis(input),
    yaxis,
  };
}

/** How strongly a value on too few cases is drawn. */
export const LOW_N_OPACITY = 0.35;

/** Grouped bars; stacked; or a histogram's bins, which touch. */
function barFigure(input: FigureInput, mark: 'bar' | 'bar_stacked' | 'histogram'): Figure {
  // a value on too few cases is drawn faint: there, but not to be trusted
  const data: Data[] = seriesTraces(input).map(({ trace, color, lowN, text }) => ({
    ...trace,
    type: 'bar',
    ...(text === undefined ? {} : { text, textposition: mark === 'bar_stacked' ? 'inside' : 'outside', cliponaxis: false, textfont: { color: input.theme.text, size: 11 } }),
    marker: { color, line: { width: 0 }, ...(lowN.some((low) => low) ? { opacity: lowN.map((low) => (low ? LOW_N_OPACITY : 1)) } : {}) },
  }));
  const layout = alongAxisLayout(input, data.length, { ...measureAxis(input.theme, measuresTitle(input)), rangemode: 'tozero' });
  if (mark === 'bar_stacked') return { data, layout: { ...layout, barmode: 'stack' }, mark };
  if (mark === 'histogram') return { data, layout: { ...layout, bargap: 0, bargroupgap: 0 }, mark };
  return { data, layout, mark };
}

/** Stacked bars where each category's stack is its whole: every bar shows its share of 100 %. */
function percentBarFigure(input: FigureInput): Figure {
  const { locale } = input;
  const words = chartWords(locale);
  const traces = seriesTraces(input);
  // the shares come from the engine (`share` beside each measure)
  const shareColumns = input.plan.extras.share ?? {};
  const data: Data[] = traces.map(({ trace, color, measure, key, rows }) => {
    const column = shareColumns[measure.id];
    const shares = rows.map((row) => (column === undefined ? null : numberOrNull(row[column])));
    const title = measureTitle(locale, measure.pill);
    return {
      ...trace,
      y: shares,
      customdata: shares.map((share, i) => [share === null ? '—' : percentText(locale, share), trace.customdata[i]!]),
      hovertemplate: alongAxisHover(input, key, `${escapeHover(words.share)}: <b>%{customdata[0]}</b><br>${escapeHover(title)}: <b>%{customdata[1]}</b>`),
      type: 'bar',
      marker: { color, line: { width: 0 } },
    };
  });
  const yaxis: Partial<LayoutAxis> = { ...measureAxis(input.theme, words.shareOf(measuresTitle(input))), tickformat: ',.0f', ticksuffix: '%', range: [0, 100] };
  return { data, layout: { ...alongAxisLayout(input, data.length, yaxis), barmode: 'stack' }, mark: 'bar_100' };
}

/** Areas fill to zero; with series they stack, one stack per measure. */
function areaFill(input: FigureInput, measure: PlacedPill): { readonly stackgroup: string } | { readonly fill: 'tozeroy' } {
  return input.plan.series.length > 0 ? { stackgroup: measure.id } : { fill: 'tozeroy' };
}

function lineFigure(input: FigureInput, mark: 'line' | 'area'): Figure {
  const traces = seriesTraces(input);
  const manyPoints = input.rows.length / Math.max(1, seriesGroups(input).length) > 60;
  const data: Data[] = traces.map(({ trace, color, measure, text }) => ({
    ...trace,
    type: 'scatter',
    mode: `${manyPoints ? 'lines' : 'lines+markers'}${text === undefined ? '' : '+text'}`,
    ...(text === undefined ? {} : { text, textposition: 'top center', cliponaxis: false, textfont: { color: input.theme.text, size: 11 } }),
    line: { color, width: 2, shape: 'linear' },
    marker: { color, size: 5 },
    connectgaps: false,
    ...(mark === 'area' ? areaFill(input, measure) : {}),
  }));
  const yaxis = { ...measureAxis(input.theme, measuresTitle(input)), rangemode: mark === 'area' ? 'tozero' : 'normal' } as const;
  return { data, layout: alongAxisLayout(input, data.length, yaxis), mark };
}

// ---------------------------------------------------------------------------
// The other kinds
// ---------------------------------------------------------------------------

/** Above this many points a scatter draws with WebGL (plotly's scattergl): 100 k points still pan smoothly. */
export const WEBGL_POINTS = 5_000;

/** The first measure against the second, one point per row, coloured by series. */
function scatterFigure(input: FigureInput): Figure {
  const { plan, locale, theme } = input;
  const xMeasure = plan.measures[0]!;
  const yMeasure = plan.measures[1]!;
  const xTitle = measureTitle(locale, xMeasure.pill);
  const yTitle = measureTitle(locale, yMeasure.pill);
  const groups = seriesGroups(input);
  const size = plan.size;
  // marker areas in proportion to the Size measure, the largest 40 px across (plotly's bubble recipe)
  const largest = size === undefined ? 0 : Math.max(0, ...input.rows.map((row) => numberOrNull(row[size.id]) ?? 0));
  const data: Data[] = groups.map(({ key, rows }, index) => {
    const color = seriesColor(index);
    const x = rows.map((row) => numberOrNull(row[xMeasure.id]));
    const y = rows.map((row) => numberOrNull(row[yMeasure.id]));
    const text = labelTexts(input, rows);
    const sizeLine = size === undefined ? '' : `<br>${escapeHover(measureTitle(locale, size.pill))}: %{customdata[3]}`;
    return {
      type: input.rows.length > WEBGL_POINTS ? 'scattergl' : 'scatter',
      mode: text === undefined ? 'markers' : 'markers+text',
      ...(text === undefined ? {} : { text, textposition: 'top center', textfont: { color: theme.text, size: 11 } }),
      name: plan.series.length === 0 ? yTitle : key,
      x,
      y,
      customdata: rows.map((row, i) => [
        escapeHover([plan.axis, ...plan.series].map((d) => valueLabel(locale, d, row[d.id] ?? null)).join(' · ')),
        numberText(locale, x[i] ?? null),
        numberText(locale, y[i] ?? null),
        size === undefined ? '' : numberText(locale, numberOrNull(row[size.id])),
        tooltipLines(input, row),
      ]),
      hovertemplate: `<b>%{customdata[0]}</b><br>${escapeHover(xTitle)}: %{customdata[1]}<br>${escapeHover(yTitle)}: %{customdata[2]}${sizeLine}%{customdata[4]}<extra>${plan.series.length === 0 ? '' : escapeHover(key)}</extra>`,
      marker:
        size === undefined || largest <= 0
          ? input.rows.length > WEBGL_POINTS
            ? // many points: small opaque dots, the cheapest for WebGL to draw while panning
              { color, size: 4, opacity: 1 }
            : { color, size: 8, opacity: 0.85, line: { width: 0 } }
          : { color, size: rows.map((row) => Math.max(0, numberOrNull(row[size.id]) ?? 0)), sizemode: 'area', sizeref: (2 * largest) / 40 ** 2, sizemin: 3, opacity: 0.7, line: { width: 1, color: theme.panel } },
    };
  });
  return {
    data,
    layout: { ...baseLayout(input, data.length > 1, seriesTitle(input)), xaxis: measureAxis(theme, xTitle), yaxis: measureAxis(theme, yTitle) },
    mark: 'scatter',
  };
}

/** One slice per row; a donut is a pie with a hole. */
function pieFigure(input: FigureInput, mark: 'pie' | 'donut'): Figure {
  const { locale, plan } = input;
  const items = slices(input);
  const title = measureTitle(locale, plan.measures[0]!.pill);
  const text = labelTexts(input, items.map((s) => s.row));
  const data: Data[] = [
    {
      type: 'pie',
      name: title,
      labels: items.map((s) => s.label),
      values: items.map((s) => s.value),
      customdata: items.map((s) => [numberText(locale, s.value), tooltipLines(input, s.row)]),
      hovertemplate: `${escapeHover(dimensionsTitle(input))}: %{label}<br>${escapeHover(title)}: <b>%{customdata[0]}</b> (%{percent})%{customdata[1]}<extra></extra>`,
      marker: { colors: items.map((_, i) => seriesColor(i)), line: { color: input.theme.panel, width: 1 } },
      hole: mark === 'donut' ? 0.55 : 0,
      sort: false,
      direction: 'clockwise',
      ...(text === undefined ? { textinfo: 'percent' } : { text, textinfo: 'text+percent' }),
    },
  ];
  return { data, layout: baseLayout(input, true, dimensionsTitle(input)), mark };
}

/** The axis across, the series down, the first measure as colour; a missing combination is an empty cell. */
function heatmapFigure(input: FigureInput): Figure {
  const { plan, locale, theme } = input;
  const measure = plan.measures[0]!;
  const title = measureTitle(locale, measure.pill);
  const columns = axisCategories(input);
  const groups = seriesGroups(input);
  const cellRows = groups.map(({ rows }) => {
    const cells = new Map(rows.map((row) => [row[plan.axis.id] ?? null, row]));
    return columns.map((raw) => cells.get(raw));
  });
  const z = cellRows.map((cells) => cells.map((row) => (row === undefined ? null : numberOrNull(row[measure.id]))));
  const hoverDate = hoverDateFormat(input);
  const data: Data[] = [
    {
      type: 'heatmap',
      name: title,
      x: columns.map((raw) => axisValue(locale, plan.axis, raw)),
      y: groups.map((g) => g.key),
      z,
      // the Tooltip shelf's lines go after the value, outside its bold
      customdata: cellRows.map((cells, r) => cells.map((row, c) => numberText(locale, z[r]![c] ?? null) + (row === undefined || plan.tooltips.length === 0 ? '' : `</b>${tooltipLines(input, row)}<b>`))),
      hovertemplate: `${escapeHover(dimensionTitle(locale, plan.axis.pill))}: %{x}<br>${escapeHover(seriesTitle(input))}: %{y}<br>${escapeHover(title)}: <b>%{customdata}</b><extra></extra>`,
      ...(plan.labels.length === 0 ? {} : { text: cellRows.map((cells) => cells.map((row) => (row === undefined ? '' : (labelTexts(input, [row])?.[0] ?? '')))), texttemplate: '%{text}', textfont: { size: 11 } }),
      ...(hoverDate === undefined ? {} : { xhoverformat: hoverDate }),
      hoverongaps: false,
      colorscale: sequentialScale(theme.panel),
      xgap: 1,
      ygap: 1,
      colorbar: { title: { text: title, font: { color: theme.text } }, tickfont: { color: theme.textMuted }, outlinewidth: 0, tickformat: ',.2~f' },
    },
  ];
  const yaxis = { ...categoryAxis(theme, seriesTitle(input), groups.map((g) => g.key)), showline: false, autorange: 'reversed' } as const;
  return { data, layout: { ...baseLayout(input, false, ''), xaxis: { ...dimensionAxis(input), showline: false }, yaxis }, mark: 'heatmap' };
}

/**
 * Categories as bars, largest first, with the share they add up to on a second axis: the few that
 * matter most. The engine sorts the rows and works out the running share (see sheetQuery).
 */
function paretoFigure(input: FigureInput, runningShare: string): Figure {
  const { locale, plan, theme } = input;
  const words = chartWords(locale);
  const title = measureTitle(locale, plan.measures[0]!.pill);
  const items = input.rows.map((row) => sliceOf(input, row));
  const cumulative = items.map((s) => numberOrNull(s.row[runningShare]));
  const labels = items.map((s) => s.label);
  const categoriesTitle = escapeHover(dimensionsTitle(input));
  const data: Data[] = [
    {
      type: 'bar',
      name: title,
      x: labels,
      y: items.map((s) => s.value),
      customdata: items.map((s) => [numberText(locale, s.value), tooltipLines(input, s.row)]),
      hovertemplate: `${categoriesTitle}: %{x}<br>${escapeHover(title)}: <b>%{customdata[0]}</b>%{customdata[1]}<extra></extra>`,
      marker: { color: seriesColor(0), line: { width: 0 } },
      ...(plan.labels.length === 0 ? {} : { text: labelTexts(input, items.map((s) => s.row)), textposition: 'outside', cliponaxis: false, textfont: { color: theme.text, size: 11 } }),
    },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: words.cumulativeShare,
      x: labels,
      y: cumulative,
      yaxis: 'y2',
      customdata: cumulative.map((share) => (share === null ? '—' : percentText(locale, share))),
      hovertemplate: `${categoriesTitle}: %{x}<br>${escapeHover(words.cumulativeShare)}: <b>%{customdata}</b><extra></extra>`,
      line: { color: seriesColor(1), width: 2 },
      marker: { color: seriesColor(1), size: 5 },
    },
  ];
  const layout: Partial<Layout> = {
    ...baseLayout(input, true, ''),
    bargap: 0.2,
    xaxis: categoryAxis(theme, dimensionsTitle(input), labels),
    yaxis: { ...measureAxis(theme, title), rangemode: 'tozero' },
    yaxis2: {
      title: axisTitle(theme, words.cumulativeShare),
      overlaying: 'y',
      side: 'right',
      range: [0, 100],
      ticksuffix: '%',
      showgrid: false,
      zeroline: false,
      automargin: true,
      tickfont: { color: theme.textMuted },
    },
  };
  return { data, layout, mark: 'pareto' };
}

/** The mean and the limits three population standard deviations either side of it, as the engine returned them. */
interface ControlLimits {
  readonly mean: number;
  readonly upper: number;
  readonly lower: number;
}

function controlLimits(row: ResultRow | undefined, spread: NonNullable<ChartExtras['spread']>): ControlLimits | undefined {
  const mean = numberOrNull(row?.[spread.mean]);
  const upper = numberOrNull(row?.[spread.ucl]);
  const lower = numberOrNull(row?.[spread.lcl]);
  return mean === null || upper === null || lower === null ? undefined : { mean, upper, lower };
}

/**
 * A Shewhart chart: the first measure along the axis with its mean and mean ± 3σ (worked out by the
 * engine over the rows), points beyond the limits in vermillion. It watches one process, so series
 * are not split: every row is a point.
 */
function controlFigure(input: FigureInput, spread: NonNullable<ChartExtras['spread']>): Figure {
  const { locale, plan, theme } = input;
  const words = chartWords(locale);
  const measure = plan.measures[0]!;
  const title = measureTitle(locale, measure.pill);
  const rows = rowsInAxisOrder(input);
  const y = rows.map((row) => numberOrNull(row[measure.id]));
  const limits = controlLimits(rows[0], spread);
  const beyond = y.map((v) => limits !== undefined && v !== null && (v > limits.upper || v < limits.lower));
  const hoverDate = hoverDateFormat(input);
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: title,
      x: rows.map((row) => axisValue(locale, plan.axis, row[plan.axis.id] ?? null)),
      y,
      customdata: y.map((v, i) => (beyond[i] === true ? `${numberText(locale, v)}<br>${escapeHover(words.beyondControlLimits)}` : numberText(locale, v)) + (plan.tooltips.length === 0 ? '' : `</b>${tooltipLines(input, rows[i]!)}<b>`)),
      hovertemplate: `${escapeHover(dimensionTitle(locale, plan.axis.pill))}: %{x}<br>${escapeHover(title)}: <b>%{customdata}</b><extra></extra>`,
      ...(hoverDate === undefined ? {} : { xhoverformat: hoverDate }),
      line: { color: seriesColor(0), width: 2 },
      marker: { color: beyond.map((out) => (out ? ALERT_COLOR : seriesColor(0))), size: 6 },
      connectgaps: false,
    },
  ];
  const levels =
    limits === undefined
      ? []
      : [
          { y: limits.mean, mark: words.meanMark, name: words.mean, color: theme.textMuted, dash: 'solid' as const },
          { y: limits.upper, mark: words.upperLimitMark, name: words.upperControlLimit, color: ALERT_COLOR, dash: 'dash' as const },
          { y: limits.lower, mark: words.lowerLimitMark, name: words.lowerControlLimit, color: ALERT_COLOR, dash: 'dash' as const },
        ];
  const shapes: Partial<Shape>[] = levels.map((level) => ({
    type: 'line',
    xref: 'paper',
    x0: 0,
    x1: 1,
    yref: 'y',
    y0: level.y,
    y1: level.y,
    line: { color: level.color, width: 1, dash: level.dash },
  }));
  const annotations: Partial<Annotation>[] = levels.map((level) => ({
    xref: 'paper',
    x: 1,
    xanchor: 'right',
    yref: 'y',
    y: level.y,
    yanchor: 'bottom',
    text: level.mark,
    hovertext: `${escapeHover(level.name)}: ${formatNumber(locale, level.y)}`,
    showarrow: false,
    font: { color: level.color, size: 11 },
  }));
  const layout: Partial<Layout> = {
    ...baseLayout(input, false, ''),
    xaxis: dimensionAxis(input),
    yaxis: measureAxis(theme, title),
    shapes,
    annotations,
  };
  return { data, layout, mark: 'control' };
}

/** Each category's step up or down from the one before, ending with the total they add up to. */
function waterfallFigure(input: FigureInput, totalColumn: string): Figure {
  const { locale, plan, theme } = input;
  const words = chartWords(locale);
  const title = measureTitle(locale, plan.measures[0]!.pill);
  const items = slices(input);
  // the engine's sum over the rows (the same on each); no rows, no closing bar's value
  const total = items.length === 0 ? 0 : (numberOrNull(items[0]!.row[totalColumn]) ?? 0);
  const labels = [...items.map((s) => s.label), words.total];
  const data: Data[] = [
    {
      type: 'waterfall',
      name: title,
      x: labels,
      // plotly computes a 'total' bar itself; its y is the same sum, so the data reads true
      y: [...items.map((s) => s.value ?? 0), total],
      measure: [...items.map(() => 'relative'), 'total'],
      customdata: [...items.map((s) => [numberText(locale, s.value), tooltipLines(input, s.row)]), [formatNumber(locale, total), '']],
      hovertemplate: `%{x}<br>${escapeHover(title)}: <b>%{customdata[0]}</b>%{customdata[1]}<extra></extra>`,
      increasing: { marker: { color: WATERFALL_COLORS.increasing } },
      decreasing: { marker: { color: WATERFALL_COLORS.decreasing } },
      totals: { marker: { color: WATERFALL_COLORS.total } },
      connector: { line: { color: theme.axis, width: 1 } },
    },
  ];
  const layout: Partial<Layout> = {
    ...baseLayout(input, false, ''),
    xaxis: categoryAxis(theme, dimensionsTitle(input), labels),
    yaxis: measureAxis(theme, title),
  };
  return { data, layout, mark: 'waterfall' };
}

/** Stages from the largest down, each with its share of the first. */
function funnelFigure(input: FigureInput): Figure {
  const { locale, plan, theme } = input;
  const title = measureTitle(locale, plan.measures[0]!.pill);
  const items = slices(input).sort(byValueDescending);
  const labels = items.map((s) => s.label);
  const data: Data[] = [
    {
      type: 'funnel',
      name: title,
      y: labels,
      x: items.map((s) => s.value),
      text: items.map((s) => numberText(locale, s.value)),
      textinfo: 'text+percent initial',
      customdata: items.map((s) => tooltipLines(input, s.row)),
      hovertemplate: `${escapeHover(dimensionsTitle(input))}: %{y}<br>${escapeHover(title)}: <b>%{text}</b> (%{percentInitial})%{customdata}<extra></extra>`,
      marker: { color: seriesColor(0), line: { width: 0 } },
      connector: { fillcolor: theme.grid, line: { width: 0 } },
    },
  ];
  const layout: Partial<Layout> = {
    ...baseLayout(input, false, ''),
    xaxis: { visible: false },
    yaxis: { ...categoryAxis(theme, dimensionsTitle(input), labels), showline: false, autorange: 'reversed' },
  };
  return { data, layout, mark: 'funnel' };
}

/**
 * Flows from each axis value to its first series value, then from series to series, weighted by
 * the first measure. A value is one node per dimension, so the same word in two dimensions stays
 * two nodes. Missing and non-positive values carry no flow.
 */
function sankeyFigure(input: FigureInput): Figure {
  const { locale, plan, theme } = input;
  const measure = plan.measures[0]!;
  const title = measureTitle(locale, measure.pill);
  const levels = [plan.axis, ...plan.series];
  const nodes: { readonly label: string; readonly level: number }[] = [];
  const nodeIndex = new Map<string, number>();
  const nodeAt = (level: number, row: ResultRow): number => {
    const label = valueLabel(locale, levels[level]!, row[levels[level]!.id] ?? null);
    const key = `${level}\u0000${label}`;
    let index = nodeIndex.get(key);
    if (index === undefined) {
      index = nodes.length;
      nodes.push({ label, level });
      nodeIndex.set(key, index);
    }
    return index;
  };
  const links = new Map<string, { readonly source: number; readonly target: number; value: number }>();
  for (const row of rowsInAxisOrder(input)) {
    const value = numberOrNull(row[measure.id]);
    if (value === null || value <= 0) continue;
    for (let level = 0; level + 1 < levels.length; level++) {
      const source = nodeAt(level, row);
      const target = nodeAt(level + 1, row);
      const link = links.get(`${source}→${target}`);
      if (link === undefined) links.set(`${source}→${target}`, { source, target, value });
      else link.value += value;
    }
  }
  const flows = [...links.values()];
  const data: Data[] = [
    {
      type: 'sankey',
      name: title,
      orientation: 'h',
      node: {
        label: nodes.map((n) => n.label),
        color: nodes.map((_, i) => seriesColor(i)),
        customdata: nodes.map((n) => `${escapeHover(dimensionTitle(locale, levels[n.level]!.pill))}: ${escapeHover(n.label)}`),
        hovertemplate: '%{customdata}<extra></extra>',
        pad: 16,
        thickness: 14,
        line: { width: 0 },
      },
      link: {
        source: flows.map((f) => f.source),
        target: flows.map((f) => f.target),
        value: flows.map((f) => f.value),
        color: FLOW_COLOR,
        customdata: flows.map((f) => `${escapeHover(nodes[f.source]!.label)} → ${escapeHover(nodes[f.target]!.label)}<br>${escapeHover(title)}: <b>${formatNumber(locale, f.value)}</b>`),
        hovertemplate: '%{customdata}<extra></extra>',
      },
      textfont: { color: theme.text, family: theme.font, size: 12 },
    },
  ];
  return { data, layout: baseLayout(input, false, ''), mark: 'sankey' };
}

/**
 * One box per category (and colour) from the five numbers the engine found: minimum, quartiles and
 * maximum of the field's values, the whiskers reaching the extremes. An invisible point on each
 * median carries the hover, so its words follow the reader's language.
 */
function boxFigure(input: FigureInput, box: NonNullable<ChartExtras['box']>): Figure {
  const { locale, plan, theme } = input;
  const words = chartWords(locale);
  const measure = plan.measures[0]!;
  const field = measure.pill.label[locale];
  const groups = seriesGroups(input);
  const categories = axisCategories(input);
  const position = new Map(categories.map((raw, index) => [raw, index]));
  const data: Data[] = groups.flatMap(({ key, rows }, index): Data[] => {
    const ordered = [...rows].sort((a, b) => (position.get(a[plan.axis.id] ?? null) ?? 0) - (position.get(b[plan.axis.id] ?? null) ?? 0));
    const color = seriesColor(index);
    const x = ordered.map((row) => axisValue(locale, plan.axis, row[plan.axis.id] ?? null));
    const five = (id: string) => ordered.map((row) => numberOrNull(row[id]));
    const name = plan.series.length === 0 ? field : key;
    const lines = [
      [words.max, box.max],
      [words.q3, box.q3],
      [words.median, box.median],
      [words.q1, box.q1],
      [words.min, box.min],
    ] as const;
    return [
      {
        type: 'box',
        name,
        x,
        lowerfence: five(box.min),
        q1: five(box.q1),
        median: five(box.median),
        q3: five(box.q3),
        upperfence: five(box.max),
        offsetgroup: String(index),
        hoverinfo: 'skip',
        // a light fill with the series colour's outline, so the median line reads inside the box
        fillcolor: `${color}40`,
        line: { color, width: 1.5 },
        whiskerwidth: 0.5,
      },
      {
        type: 'scatter',
        mode: 'markers',
        name,
        x,
        y: five(box.median),
        offsetgroup: String(index),
        showlegend: false,
        marker: { color, size: 14, opacity: 0 },
        // the hover lists the five numbers, then the Tooltip shelf's measures
        customdata: ordered.map((row) => lines.map(([word, id]) => `${escapeHover(word)}: <b>${escapeHover(numberText(locale, numberOrNull(row[id])))}</b>`).join('<br>') + tooltipLines(input, row)),
        hovertemplate: `${escapeHover(dimensionTitle(locale, plan.axis.pill))}: %{x}<br>${escapeHover(field)}<br>%{customdata}<extra>${plan.series.length === 0 ? '' : escapeHover(key)}</extra>`,
      },
    ];
  });
  const layout: Partial<Layout> = {
    ...baseLayout(input, groups.length > 1, seriesTitle(input)),
    boxmode: 'group',
    scattermode: 'group',
    xaxis: dimensionAxis(input),
    yaxis: measureAxis(theme, field),
  };
  return { data, layout, mark: 'box' };
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/**
 * Builds the plotly figure of one chart kind. A kind that cannot draw the plan falls back to bars:
 * scatter with one measure, heatmap without a series, sankey with one dimension, and the kinds whose
 * figures the engine works out (box, Pareto, control) when the plan was made for another kind.
 * `kpi`, `table` and `pivot` are drawn outside plotly, so here they fall back to bars too. `mark`
 * says what was drawn.
 */
export function buildKindFigure(args: {
  readonly plan: ChartPlan;
  readonly rows: readonly ResultRow[];
  readonly kind: ChartKind;
  readonly locale: Locale;
  readonly theme: ChartTheme;
  readonly minSamples?: Readonly<Record<string, number>> | undefined;
}): Figure {
  const { kind, ...input } = args;
  const { measures, series, extras } = input.plan;
  switch (kind) {
    case 'bar':
    case 'bar_stacked':
    case 'histogram':
      return barFigure(input, kind);
    case 'bar_100':
      return percentBarFigure(input);
    case 'line':
    case 'area':
      return lineFigure(input, kind);
    case 'scatter':
      return measures.length >= 2 ? scatterFigure(input) : barFigure(input, 'bar');
    case 'pie':
    case 'donut':
      return pieFigure(input, kind);
    case 'heatmap':
      return series.length >= 1 ? heatmapFigure(input) : barFigure(input, 'bar');
    case 'pareto':
      return extras.runningShare === undefined ? barFigure(input, 'bar') : paretoFigure(input, extras.runningShare);
    case 'control':
      return extras.spread === undefined ? barFigure(input, 'bar') : controlFigure(input, extras.spread);
    case 'box':
      return extras.box === undefined ? barFigure(input, 'bar') : boxFigure(input, extras.box);
    case 'waterfall':
      return extras.total === undefined ? barFigure(input, 'bar') : waterfallFigure(input, extras.total);
    case 'funnel':
      return funnelFigure(input);
    case 'sankey':
      return series.length >= 1 ? sankeyFigure(input) : barFigure(input, 'bar');
    case 'kpi':
    case 'table':
    case 'pivot':
      return barFigure(input, 'bar');
  }
}

/** Builds the figure for a sheet's chart type: automatic draws lines along time and bars otherwise. */
export function buildFigure(args: {
  readonly plan: ChartPlan;
  readonly rows: readonly ResultRow[];
  readonly chartType: ChartType;
  readonly locale: Locale;
  readonly theme: ChartTheme;
}): Figure {
  const { chartType, ...input } = args;
  const kind = chartType === 'auto' ? (input.plan.axis.pill.timeUnit !== undefined ? 'line' : 'bar') : chartType;
  return buildKindFigure({ ...input, kind });
}
