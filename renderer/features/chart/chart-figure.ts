import type { Data, Layout } from 'plotly.js-dist-min';
import { format, formatNumber, type Locale } from '../../../shared/i18n/messages';
import type { TimeUnit } from '../../../shared/spec/query-spec';
import type { ResultRow } from '../../api/arrow';
import type { ChartType } from '../../state/sheet-state';
import { valueText } from '../shelves/pill-text';
import { seriesColor, CATEGORICAL_PALETTE } from './chart-palette';
import { dimensionTitle, measureTitle } from './chart-text';
import type { ChartPlan, PlacedPill } from './sheet-query';

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
  readonly mark: 'bar' | 'line';
}

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

function axisValue(locale: Locale, axis: PlacedPill, raw: string | number | null): string | number {
  if (raw === null || raw === '') return format(locale, 'chart.null');
  if (axis.pill.timeUnit === 'quarter' && typeof raw === 'string') return quarterLabel(locale, raw);
  return raw;
}

/** Sorts data values as the reader's language does (pinyin for Chinese, numbers by value); empty last. */
function localeOrder(locale: Locale): (a: string | number | null, b: string | number | null) => number {
  const collator = new Intl.Collator(locale, { numeric: true });
  return (a, b) => {
    if (a === null || a === '') return b === null || b === '' ? 0 : 1;
    if (b === null || b === '') return -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return collator.compare(String(a), String(b));
  };
}

function seriesKey(locale: Locale, series: readonly PlacedPill[], row: ResultRow): string {
  return series.map((s) => valueText(locale, row[s.id] ?? null)).join(' · ');
}

function numberOrNull(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Builds the plotly figure for a result: one trace per measure and series, bars or lines. */
export function buildFigure(args: {
  readonly plan: ChartPlan;
  readonly rows: readonly ResultRow[];
  readonly chartType: ChartType;
  readonly locale: Locale;
  readonly theme: ChartTheme;
}): Figure {
  const { plan, rows, chartType, locale, theme } = args;
  const { axis, series, measures } = plan;
  const unit = axis.pill.timeUnit;
  const dateAxis = isDateUnit(unit);
  const mark = chartType === 'auto' ? (unit !== undefined ? 'line' : 'bar') : chartType;

  const order = localeOrder(locale);
  const byKey = new Map<string, { readonly raw: readonly (string | number | null)[]; readonly rows: ResultRow[] }>();
  for (const row of rows) {
    const key = seriesKey(locale, series, row);
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, { raw: series.map((s) => row[s.id] ?? null), rows: [row] });
    else group.rows.push(row);
  }
  const groups = new Map(
    [...byKey.entries()].sort(([, a], [, b]) => a.raw.reduce<number>((c, value, i) => (c !== 0 ? c : order(value, b.raw[i] ?? null)), 0)).map(([key, g]) => [key, g.rows]),
  );

  // dates keep the engine's chronological order; other categories sort for the reader's language
  const rawCategories = [...new Set(rows.map((row) => row[axis.id] ?? null))];
  const categories = dateAxis ? undefined : (unit === undefined ? rawCategories.sort(order) : rawCategories).map((raw) => axisValue(locale, axis, raw));
  const hoverDate = dateAxis ? (unit === 'week' ? format(locale, 'chart.weekHover') : DATE_FORMATS[locale][unit].hover) : undefined;
  const axisTitle = dimensionTitle(locale, axis.pill);
  const manyPoints = rows.length / Math.max(1, groups.size) > 60;

  const data: Data[] = [];
  for (const measure of measures) {
    const title = measureTitle(locale, measure.pill);
    for (const [key, groupRows] of groups) {
      const name = series.length === 0 ? title : measures.length > 1 ? `${title} · ${key}` : key;
      const color = seriesColor(data.length);
      const y = groupRows.map((row) => numberOrNull(row[measure.id]));
      const common = {
        name,
        x: groupRows.map((row) => axisValue(locale, axis, row[axis.id] ?? null)),
        y,
        customdata: y.map((v) => (v === null ? '—' : formatNumber(locale, v))),
        hovertemplate: `${escapeHover(axisTitle)}: %{x}<br>${escapeHover(title)}: <b>%{customdata}</b><extra>${series.length === 0 ? '' : escapeHover(key)}</extra>`,
        ...(hoverDate === undefined ? {} : { xhoverformat: hoverDate }),
      };
      if (mark === 'bar') {
        data.push({ ...common, type: 'bar', marker: { color, line: { width: 0 } } });
      } else {
        data.push({
          ...common,
          type: 'scatter',
          mode: manyPoints ? 'lines' : 'lines+markers',
          line: { color, width: 2, shape: 'linear' },
          marker: { color, size: 5 },
          connectgaps: false,
        });
      }
    }
  }

  const legendTitle = series.map((s) => dimensionTitle(locale, s.pill)).join(' · ');
  const axisFont = { color: theme.text, size: 12, family: theme.font };
  const layout: Partial<Layout> = {
    font: { family: theme.font, size: 12, color: theme.textMuted },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    margin: { l: 12, r: 16, t: 12, b: 12, pad: 4 },
    colorway: [...CATEGORICAL_PALETTE],
    separators: '.,',
    barmode: 'group',
    bargap: 0.35,
    bargroupgap: 0.06,
    hovermode: 'closest',
    hoverlabel: { bgcolor: theme.panel, bordercolor: theme.border, font: { color: theme.text, family: theme.font, size: 12 } },
    showlegend: data.length > 1,
    legend: {
      orientation: 'h',
      x: 0,
      xanchor: 'left',
      y: 1.02,
      yanchor: 'bottom',
      font: { color: theme.text, size: 12 },
      ...(legendTitle === '' ? {} : { title: { text: legendTitle, font: { color: theme.textMuted, size: 12 } } }),
    },
    xaxis: {
      title: { text: axisTitle, font: axisFont, standoff: 12 },
      type: dateAxis ? 'date' : 'category',
      automargin: true,
      showgrid: false,
      showline: true,
      linecolor: theme.axis,
      ticks: '',
      tickfont: { color: theme.textMuted },
      ...(dateAxis ? { tickformat: DATE_FORMATS[locale][unit].tick } : { categoryorder: 'array' as const, categoryarray: categories }),
    },
    yaxis: {
      title: { text: measures.map((m) => measureTitle(locale, m.pill)).join(' / '), font: axisFont, standoff: 12 },
      automargin: true,
      gridcolor: theme.grid,
      zerolinecolor: theme.axis,
      tickformat: ',.2~f',
      tickfont: { color: theme.textMuted },
      rangemode: mark === 'bar' ? 'tozero' : 'normal',
    },
  };
  return { data, layout, mark };
}
