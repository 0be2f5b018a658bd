import { useSyncExternalStore } from 'react';
import type { ChartTheme } from '../../../shared/chart/chart-figure';

const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(onChange: () => void): () => void {
  const query = darkQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const isDark = (): boolean => darkQuery().matches;

let cached: { dark: boolean; theme: ChartTheme } | undefined;

function readTheme(dark: boolean): ChartTheme {
  if (cached?.dark === dark) return cached.theme;
  const css = getComputedStyle(document.documentElement);
  const value = (name: string) => css.getPropertyValue(name).trim();
  const theme: ChartTheme = {
    text: value('--text'),
    textMuted: value('--text-muted'),
    grid: value('--chart-grid'),
    axis: value('--chart-axis'),
    panel: value('--panel'),
    border: value('--border-strong'),
    font: value('--font-ui'),
  };
  cached = { dark, theme };
  return theme;
}

/** The chart colours of the current OS theme; charts redraw when the OS switches light/dark. */
export function useChartTheme(): ChartTheme {
  const dark = useSyncExternalStore(subscribe, isDark);
  return readTheme(dark);
}
