import { describe, expect, it } from 'vitest';
import { CARD_HEADER, CARD_WIDTH, FIELD_ROW, CARD_PADDING, GAP_X, LABEL_HEIGHT, LABEL_WIDTH, cardHeight, fieldAnchor, layoutModel, linkPath, placeLabels } from '../../../../../renderer/features/model/model-layout';

const TABLES = [
  { name: 'calls', fieldCount: 6 },
  { name: 'customers', fieldCount: 6 },
  { name: 'surveys', fieldCount: 8 },
  { name: 'ticket_events', fieldCount: 5 },
  { name: 'tickets', fieldCount: 19 },
];
const LINKS = [
  { from: 'surveys', to: 'tickets' },
  { from: 'calls', to: 'tickets' },
  { from: 'ticket_events', to: 'tickets' },
  { from: 'tickets', to: 'customers' },
  { from: 'calls', to: 'customers' },
];

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the model canvas layout', () => {
  it('puts the most connected table alone in the middle column', () => {
    const layout = layoutModel(TABLES, LINKS);
    const tickets = layout.cards.find((c) => c.table === 'tickets')!;
    const middleX = layout.cards.filter((c) => c.x === tickets.x);
    expect(middleX.map((c) => c.table)).toEqual(['tickets']);
    expect(layout.cards.filter((c) => c.x < tickets.x).length).toBeGreaterThan(0);
    expect(layout.cards.filter((c) => c.x > tickets.x).length).toBeGreaterThan(0);
  });

  it('is the same whatever order the tables come in, never overlaps and fits its size', () => {
    const a = layoutModel(TABLES, LINKS);
    const b = layoutModel([...TABLES].reverse(), [...LINKS].reverse());
    expect(b).toEqual(a);
    for (const [i, card] of a.cards.entries()) {
      for (const other of a.cards.slice(i + 1)) expect(overlaps(card, other), `${card.table} / ${other.table}`).toBe(false);
      expect(card.x + card.width).toBeLessThanOrEqual(a.width);
      expect(card.y + card.height).toBeLessThanOrEqual(a.height);
      expect(card.height).toBe(cardHeight(TABLES.find((t) => t.name === card.table)!.fieldCount));
    }
  });

  it('lays out one table, and none', () => {
    expect(layoutModel([{ name: 'only', fieldCount: 2 }], []).cards).toEqual([{ table: 'only', x: 20, y: 20, width: CARD_WIDTH, height: cardHeight(2) }]);
    expect(layoutModel([], []).cards).toEqual([]);
  });

  it('anchors a line at the field’s row, on the side facing the other card', () => {
    const card = { table: 't', x: 100, y: 50, width: CARD_WIDTH, height: 300 };
    expect(fieldAnchor(card, 2, 1000)).toEqual({ x: 100 + CARD_WIDTH, y: 50 + CARD_HEADER + CARD_PADDING + 2 * FIELD_ROW + FIELD_ROW / 2 });
    expect(fieldAnchor(card, 0, 0).x).toBe(100);
    const path = linkPath({ x: 0, y: 0 }, { x: 200, y: 100 });
    expect(path.d.startsWith('M 0 0 C')).toBe(true);
    expect(path.mid).toEqual({ x: 100, y: 50 });
  });

  it('puts labels in the gap beside the card a line starts from, and moves touching ones apart', () => {
    const layout = layoutModel(TABLES, LINKS);
    const spots = placeLabels([
      { x: 300, y: 100, towardsX: 600 },
      { x: 300, y: 110, towardsX: 600 },
      { x: 700, y: 100, towardsX: 300 },
    ]);
    expect(spots[0]).toEqual({ x: 300 + GAP_X / 2, y: 100 });
    expect(spots[1]).toEqual({ x: 300 + GAP_X / 2, y: 110 + LABEL_HEIGHT });
    expect(spots[2]).toEqual({ x: 700 - GAP_X / 2, y: 100 });
    // on the demo's tables no label covers a card or another label
    const cards = new Map(layout.cards.map((c) => [c.table, c]));
    const starts = LINKS.map((link, i) => {
      const from = cards.get(link.from)!;
      const to = cards.get(link.to)!;
      const a = fieldAnchor(from, i, to.x + to.width / 2);
      return { ...a, towardsX: fieldAnchor(to, 0, from.x + from.width / 2).x };
    });
    const boxes = placeLabels(starts).map((p) => ({ x: p.x - LABEL_WIDTH / 2, y: p.y - LABEL_HEIGHT / 2, width: LABEL_WIDTH, height: LABEL_HEIGHT }));
    for (const [i, box] of boxes.entries()) {
      for (const card of layout.cards) expect(overlaps(box, card), `label ${i} over ${card.table}`).toBe(false);
      for (const other of boxes.slice(i + 1)) expect(overlaps(box, other)).toBe(false);
    }
  });
});
