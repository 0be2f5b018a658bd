/**
 * Browsers cap an element's height (Chromium near 33.5 M px, Firefox near 17.9 M px), so a million
 * rows of 26 px cannot be laid out at their true height. Past MAX_SCROLL_HEIGHT the scroll range is
 * squeezed: the scrollbar spans MAX_SCROLL_HEIGHT and its position maps linearly onto the rows'
 * true offset, so the first and last rows stay reachable and a wheel step moves a little further.
 */
export const MAX_SCROLL_HEIGHT = 10_000_000;

export interface ScrollGeometry {
  /** The rows' true height. */
  readonly contentHeight: number;
  /** The height laid out for the scrollbar (at most MAX_SCROLL_HEIGHT). */
  readonly scrollHeight: number;
  /** The height of the rows' viewport (below the header). */
  readonly viewport: number;
}

export function scrollGeometry(rows: number, rowHeight: number, viewport: number, maxHeight = MAX_SCROLL_HEIGHT): ScrollGeometry {
  const contentHeight = rows * rowHeight;
  return { contentHeight, scrollHeight: Math.min(contentHeight, maxHeight), viewport: Math.max(0, viewport) };
}

/** The rows' true offset shown at the top of the viewport for a scroll position. */
export function contentOffset(g: ScrollGeometry, scrollTop: number): number {
  const scrollRange = g.scrollHeight - g.viewport;
  const contentRange = g.contentHeight - g.viewport;
  if (scrollRange <= 0 || contentRange <= 0) return 0;
  const clamped = Math.min(Math.max(0, scrollTop), scrollRange);
  return g.scrollHeight === g.contentHeight ? clamped : (clamped / scrollRange) * contentRange;
}

/** The scroll position that shows the rows' true offset `offset` at the top. */
export function scrollTopFor(g: ScrollGeometry, offset: number): number {
  const scrollRange = g.scrollHeight - g.viewport;
  const contentRange = g.contentHeight - g.viewport;
  if (scrollRange <= 0 || contentRange <= 0) return 0;
  const clamped = Math.min(Math.max(0, offset), contentRange);
  return g.scrollHeight === g.contentHeight ? clamped : (clamped / contentRange) * scrollRange;
}

/** The rows to render when the rows' true offset `offset` is at the viewport's top: the visible
 * ones plus `overscan` on each side, and where the first sits relative to the viewport's top. */
export function rowsAt(offset: number, viewport: number, rowHeight: number, rows: number, overscan: number): { readonly first: number; readonly last: number; readonly top: number } {
  if (rows === 0) return { first: 0, last: -1, top: 0 };
  const firstVisible = Math.min(rows - 1, Math.floor(offset / rowHeight));
  const lastVisible = Math.min(rows - 1, Math.floor((offset + Math.max(1, viewport) - 1) / rowHeight));
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(rows - 1, lastVisible + overscan);
  return { first, last, top: first * rowHeight - offset };
}

/** The true offset that brings row `row` fully into view, moving as little as possible. */
export function offsetToReveal(g: ScrollGeometry, current: number, row: number, rowHeight: number): number {
  const top = row * rowHeight;
  if (top < current) return top;
  if (top + rowHeight > current + g.viewport) return top + rowHeight - g.viewport;
  return current;
}
