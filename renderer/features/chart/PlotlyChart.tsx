import { useEffect, useRef } from 'react';
import Plotly, { type Config } from 'plotly.js-dist-min';
import type { Locale } from '../../../shared/i18n/messages';
import type { Figure } from './chart-figure';
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

/** The plotly surface. `Plotly.react` diffs updates; a ResizeObserver follows panel resizes. */
export function PlotlyChart({ figure, locale, label }: { readonly figure: Figure; readonly locale: Locale; readonly label: string }) {
  const node = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = node.current;
    if (el === null) return;
    void Plotly.react(el, figure.data, figure.layout, plotConfig(locale));
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

  return <div ref={node} className="plot" data-testid="chart" role="img" aria-label={label} />;
}
