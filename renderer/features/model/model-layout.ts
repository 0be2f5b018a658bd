/**
 * Where the Model view draws its table cards and the lines between their fields. The layout is a
 * function of the tables and relationships only, so the canvas looks the same every time it opens:
 * the most connected table in the middle column, the others around it, by connections then name.
 */

export const CARD_WIDTH = 200;
export const CARD_HEADER = 40;
export const FIELD_ROW = 26;
export const CARD_PADDING = 6;
/** Wide enough for a relationship's label between two cards. */
export const GAP_X = 170;
export const GAP_Y = 28;
export const MARGIN = 20;

export interface LayoutTable {
  readonly name: string;
  readonly fieldCount: number;
}

export interface LayoutLink {
  readonly from: string;
  readonly to: string;
}

export interface CardBox {
  readonly table: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ModelLayout {
  readonly cards: readonly CardBox[];
  readonly width: number;
  readonly height: number;
}

export function cardHeight(fieldCount: number): number {
  return CARD_HEADER + fieldCount * FIELD_ROW + CARD_PADDING * 2;
}

/** Columns from the middle outwards: 1, 0, 2 for three. */
function columnOrder(columns: number): number[] {
  const middle = Math.floor((columns - 1) / 2);
  const order = [middle];
  for (let step = 1; order.length < columns; step++) {
    if (middle - step >= 0) order.push(middle - step);
    if (middle + step < columns && order.length < columns) order.push(middle + step);
  }
  return order;
}

export function layoutModel(tables: readonly LayoutTable[], links: readonly LayoutLink[]): ModelLayout {
  const degree = new Map<string, number>();
  for (const link of links) {
    degree.set(link.from, (degree.get(link.from) ?? 0) + 1);
    degree.set(link.to, (degree.get(link.to) ?? 0) + 1);
  }
  const ordered = [...tables].sort((a, b) => (degree.get(b.name) ?? 0) - (degree.get(a.name) ?? 0) || a.name.localeCompare(b.name));
  const columns = Math.min(3, Math.max(1, ordered.length));
  const order = columnOrder(columns);
  const heights = new Array<number>(columns).fill(MARGIN);
  const cards: CardBox[] = [];
  ordered.forEach((table, i) => {
    // the hub alone in the middle; the rest fill the shortest column, outer columns first on ties
    const column = i === 0 ? order[0]! : order.slice(columns > 1 ? 1 : 0).reduce((best, c) => (heights[c]! < heights[best]! ? c : best), order[columns > 1 ? 1 : 0]!);
    const height = cardHeight(table.fieldCount);
    cards.push({ table: table.name, x: MARGIN + column * (CARD_WIDTH + GAP_X), y: heights[column]!, width: CARD_WIDTH, height });
    heights[column] = heights[column]! + height + GAP_Y;
  });
  return {
    cards,
    width: MARGIN * 2 + columns * CARD_WIDTH + (columns - 1) * GAP_X,
    height: Math.max(...heights) - GAP_Y + MARGIN,
  };
}

/** Where a line meets a field's row: on the card's side that faces the other card. */
export function fieldAnchor(card: CardBox, fieldIndex: number, towardsX: number): { readonly x: number; readonly y: number } {
  const y = card.y + CARD_HEADER + CARD_PADDING + fieldIndex * FIELD_ROW + FIELD_ROW / 2;
  const right = towardsX >= card.x + card.width / 2;
  return { x: right ? card.x + card.width : card.x, y };
}

/** A gentle S-curve between two anchors, and its middle point for the label. */
export function linkPath(from: { readonly x: number; readonly y: number }, to: { readonly x: number; readonly y: number }): { readonly d: string; readonly mid: { readonly x: number; readonly y: number } } {
  // two cards in one column: both anchors on the right, the curve bows out into the gap
  const sameSide = from.x === to.x;
  const bend = sameSide ? 60 : Math.max(40, Math.abs(to.x - from.x) / 2);
  const out1 = from.x + (sameSide ? bend : to.x > from.x ? bend : -bend);
  const out2 = to.x + (sameSide ? bend : to.x > from.x ? -bend : bend);
  const d = `M ${from.x} ${from.y} C ${out1} ${from.y}, ${out2} ${to.y}, ${to.x} ${to.y}`;
  // a cubic Bézier's point at t = ½
  const mid = { x: (from.x + 3 * out1 + 3 * out2 + to.x) / 8, y: (from.y + to.y) / 2 };
  return { d, mid };
}

export const LABEL_WIDTH = 150;
export const LABEL_HEIGHT = 26;

/**
 * Where each relationship's label sits: in the gap beside the card the relationship starts from,
 * level with its field, so it never covers a card; labels that would touch move down one by one.
 */
export function placeLabels(anchors: readonly { readonly x: number; readonly y: number; readonly towardsX: number }[]): { readonly x: number; readonly y: number }[] {
  const wanted = anchors.map((a) => ({ x: a.x + (a.towardsX >= a.x ? GAP_X / 2 : -GAP_X / 2), y: a.y }));
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a]!.y - wanted[b]!.y || wanted[a]!.x - wanted[b]!.x || a - b);
  const placed: { x: number; y: number }[] = new Array<{ x: number; y: number }>(anchors.length);
  const done: { x: number; y: number }[] = [];
  for (const i of order) {
    const spot = { ...wanted[i]! };
    while (done.some((d) => Math.abs(d.x - spot.x) < LABEL_WIDTH && Math.abs(d.y - spot.y) < LABEL_HEIGHT)) spot.y += LABEL_HEIGHT;
    done.push(spot);
    placed[i] = spot;
  }
  return placed;
}
