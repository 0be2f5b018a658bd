import type { Data, Layout } from 'plotly.js-dist-min';
import type { DrawnKind } from './sheet-state';
import type { Figure } from './chart-figure';

/** The kinds whose axes can swap: categories down the side, values along the bottom. */
const TRANSPOSABLE: ReadonlySet<DrawnKind> = new Set(['bar', 'bar_stacked', 'bar_100', 'line', 'area', 'scatter', 'histogram']);

export function canTranspose(kind: DrawnKind): boolean {
  return TRANSPOSABLE.has(kind);
}

const swapHover = (template: unknown): unknown => (typeof template === 'string' ? template.replace(/%\{([xy])\b/g, (_, axis: string) => `%{${axis === 'x' ? 'y' : 'x'}`) : template);

/**
 * Swaps a figure's axes: every trace's x and y (bars turn horizontal), the hover texts that name
 * them, and the two axes' layouts. The categories read top-down in the order they ran left to right.
 */
export function transposeFigure(figure: Figure): Figure {
  const data = figure.data.map((trace): Data => {
    const t = trace as Record<string, unknown>;
    const swapped: Record<string, unknown> = { ...t, x: t.y, y: t.x, hovertemplate: swapHover(t.hovertemplate) };
    if ('xhoverformat' in t || 'yhoverformat' in t) {
      swapped.xhoverformat = t.yhoverformat;
      swapped.yhoverformat = t.xhoverformat;
    }
    if (t.type === 'bar') swapped.orientation = 'h';
    if (t.fill === 'tozeroy') swapped.fill = 'tozerox';
    if (t.stackgroup !== undefined) swapped.orientation = 'h';
    return swapped;
  });
  const layout = figure.layout as Record<string, unknown>;
  const xaxis = (layout.yaxis ?? {}) as Record<string, unknown>;
  const yaxis = { ...((layout.xaxis ?? {}) as Record<string, unknown>), autorange: 'reversed' };
  return { ...figure, data, layout: { ...layout, xaxis, yaxis } as Partial<Layout> };
}
