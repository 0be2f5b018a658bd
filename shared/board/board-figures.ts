import type { Data, Layout, Shape } from 'plotly.js-dist-min';
import type { Locale } from '../i18n/messages';
import type { MetricUnit } from '../metrics/metric-definition';
import type { ActionFollowUp } from '../spec/board-spec';
import type { ChartTheme, Figure } from '../chart/chart-figure';
import { ALERT_COLOR, WATERFALL_COLORS, seriesColor } from '../chart/chart-palette';
import { boardValueText, effectText } from './board-text';
import type { WaterfallStep } from './explain-candidates';

function baseLayout(theme: ChartTheme): Partial<Layout> {
  return {
    font: { family: theme.font, size: 11, color: theme.textMuted },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    margin: { l: 44, r: 8, t: 8, b: 64, pad: 2 },
    showlegend: false,
    hovermode: 'closest',
    hoverlabel: { bgcolor: theme.panel, bordercolor: theme.border, font: { color: theme.text, family: theme.font, size: 12 } },
  };
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The change from the value before to the value after as a waterfall: the segments' effects in
 * between. The highlighted segment's bar is outlined. Plotly's closing bar is drawn from the same
 * steps, so it equals the opening value plus the effects (which add up to the change).
 */
export function waterfallFigure(
  steps: readonly WaterfallStep[],
  options: { readonly locale: Locale; readonly unit: MetricUnit; readonly theme: ChartTheme; readonly highlight: string | null; readonly title: string },
): Figure {
  const { locale, unit, theme } = options;
  const text = steps.map((s) => (s.measure === 'relative' ? effectText(locale, s.value, unit) : boardValueText(locale, s.value, unit)));
  const opening = steps[0]?.value ?? 0;
  const closing = steps.at(-1)?.value ?? 0;
  const relatives = steps.filter((s) => s.measure === 'relative').map((s) => s.value);
  let running = opening;
  let low = Math.min(opening, closing);
  let high = Math.max(opening, closing);
  for (const v of relatives) {
    running += v;
    low = Math.min(low, running);
    high = Math.max(high, running);
  }
  const pad = (high - low) * 0.25 || Math.abs(high) * 0.05 || 1;
  const data: Data[] = [
    {
      type: 'waterfall',
      x: steps.map((s) => s.label),
      // the closing bar is a total: plotly sums the steps before it, which is the value after
      y: steps.map((s) => s.value),
      measure: steps.map((s) => s.measure),
      text,
      textposition: 'outside',
      customdata: text,
      hovertemplate: `%{x}: <b>%{customdata}</b><extra></extra>`,
      increasing: { marker: { color: WATERFALL_COLORS.increasing } },
      decreasing: { marker: { color: WATERFALL_COLORS.decreasing } },
      totals: { marker: { color: WATERFALL_COLORS.total } },
      connector: { line: { color: theme.axis, width: 1 } },
      cliponaxis: false,
    },
  ];
  const index = options.highlight === null ? -1 : steps.findIndex((s) => s.segment === options.highlight);
  const shapes: Partial<Shape>[] =
    index < 0
      ? []
      : [{ type: 'rect', xref: 'x', yref: 'paper', x0: index - 0.5, x1: index + 0.5, y0: 0, y1: 1, fillcolor: theme.grid, opacity: 0.5, line: { width: 0 }, layer: 'below' }];
  return {
    data,
    layout: {
      ...baseLayout(theme),
      xaxis: { type: 'category', tickangle: -30, automargin: true, tickfont: { color: theme.text, size: 11 }, title: { text: escape(options.title), font: { size: 11, color: theme.textMuted } } },
      yaxis: { range: [low - pad, high + pad], gridcolor: theme.grid, zeroline: false, tickfont: { color: theme.textMuted, size: 10 } },
      shapes,
    },
    mark: 'waterfall',
  };
}

/** Before and after an action: the metric per bucket, the centre line and ±3σ limits of "before", and the day it took effect. */
export function followUpFigure(
  followUp: ActionFollowUp,
  options: { readonly locale: Locale; readonly unit: MetricUnit; readonly theme: ChartTheme; readonly words: { readonly before: string; readonly after: string; readonly mean: string; readonly limits: string } },
): Figure {
  const { theme, locale, unit } = options;
  const phase = (p: 'before' | 'after') => followUp.series.filter((s) => s.phase === p);
  const trace = (p: 'before' | 'after', color: string, name: string): Data => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x: phase(p).map((s) => s.bucket),
    y: phase(p).map((s) => s.value),
    customdata: phase(p).map((s) => [boardValueText(locale, s.value, unit), String(s.n)]),
    hovertemplate: `%{x}<br><b>%{customdata[0]}</b> · n %{customdata[1]}<extra>${escape(name)}</extra>`,
    line: { color, width: 2 },
    marker: {
      size: 6,
      color: phase(p).map((s) =>
        followUp.control !== null && s.value !== null && (s.value > followUp.control.upper || s.value < followUp.control.lower) ? ALERT_COLOR : color,
      ),
    },
    connectgaps: false,
  });
  const control = followUp.control;
  const shapes: Partial<Shape>[] = [
    { type: 'line', xref: 'x', yref: 'paper', x0: followUp.after.from, x1: followUp.after.from, y0: 0, y1: 1, line: { color: theme.axis, width: 1, dash: 'dot' } },
    ...(control === null
      ? []
      : [
          { type: 'line' as const, xref: 'paper' as const, yref: 'y' as const, x0: 0, x1: 1, y0: control.mean, y1: control.mean, line: { color: theme.textMuted, width: 1 } },
          { type: 'line' as const, xref: 'paper' as const, yref: 'y' as const, x0: 0, x1: 1, y0: control.upper, y1: control.upper, line: { color: ALERT_COLOR, width: 1, dash: 'dash' as const } },
          { type: 'line' as const, xref: 'paper' as const, yref: 'y' as const, x0: 0, x1: 1, y0: control.lower, y1: control.lower, line: { color: ALERT_COLOR, width: 1, dash: 'dash' as const } },
        ]),
  ];
  return {
    data: [trace('before', theme.textMuted, options.words.before), trace('after', seriesColor(0), options.words.after)],
    layout: {
      ...baseLayout(theme),
      margin: { l: 44, r: 8, t: 8, b: 32, pad: 2 },
      showlegend: true,
      legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { color: theme.text, size: 11 } },
      xaxis: { type: 'date', gridcolor: theme.grid, tickfont: { color: theme.textMuted, size: 10 } },
      yaxis: { gridcolor: theme.grid, zeroline: false, tickfont: { color: theme.textMuted, size: 10 } },
      shapes,
    },
    mark: 'control',
  };
}
