import { useEffect, useRef } from 'react';
import Plotly from 'plotly.js-strict-dist-min';
import type { Config, PlotlyHTMLElement, PlotMouseEvent } from 'plotly.js-dist-min';
import type { Locale } from '../../../shared/i18n/messages';
import type { Figure } from '../../../shared/chart/chart-figure';
import { plotlyLocaleZhCn } from './plotly-locale-zh-cn';

Plotly.register(plotlyLocaleZhCn);

function plotConfig(locale: Locale): Partial<Config> {
  return {
    locale,
    displaylogo: false,
    displayModeBar: 'hover',
    // every remaining button works offline; none links out
    modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'],
    toImageButtonOptions: { format: 'png', filename: 'rootwise-chart', scale: 2 },
    scrollZoom: false,
    doubleClick: 'reset',
    responsive: false,
  };
}

/** A click on a mark: what plotly knows of the point, and where the pointer was. */
export interface PlotClick {
  readonly x: unknown;
  readonly y: unknown;
  /** Pie and funnel-like marks name their slice. */
  readonly label: unknown;
  readonly traceName: string | undefined;
  readonly at: { readonly x: number; readonly y: number };
}

function plotClick(event: PlotMouseEvent): PlotClick | undefined {
  const point = event.points[0];
  if (point === undefined) return undefined;
  const mouse = event.event as MouseEvent | undefined;
  const loose = point as unknown as { readonly label?: unknown };
  return { x: point.x, y: point.y, label: loose.label, traceName: point.data.name, at: { x: mouse?.clientX ?? 0, y: mouse?.clientY ?? 0 } };
}

/** The plotly surface. `Plotly.react` diffs updates; a ResizeObserver follows panel resizes. */
export function PlotlyChart({ figure, locale, label, onClick }: { readonly figure: Figure; readonly locale: Locale; readonly label: string; readonly onClick?: ((click: PlotClick) => void) | undefined }) {
  const node = useRef<HTMLDivElement>(null);
  const clickHandler = useRef(onClick);
  useEffect(() => {
    clickHandler.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = node.current;
    if (el === null) return;
    void Plotly.react(el, figure.data, figure.layout, plotConfig(locale)).then((plot: PlotlyHTMLElement) => {
      // bound once per surface; the ref always calls the newest handler
      if (el.dataset.clickBound === 'true') return;
      el.dataset.clickBound = 'true';
      plot.on('plotly_click', (event: PlotMouseEvent) => {
        const click = plotClick(event);
        if (click !== undefined) clickHandler.current?.(click);
      });
    });
  }, [figure, locale]);

  useEffect(() => {
    const el = node.current;
    if (el === null) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        Plotly.Plots.resize(el);
      });
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      Plotly.purge(el);
    };
  }, []);

  return <div ref={node} className={`plot${onClick === undefined ? '' : ' is-clickable'}`} data-testid="chart" role="img" aria-label={label} />;
}
