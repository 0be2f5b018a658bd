import { describe, expect, it } from 'vitest';
import { CARD_HEADER, CARD_WIDTH, FIELD_ROW, CARD_PADDING, cardHeight, fieldAnchor, layoutModel, linkPath } from '../../../../../renderer/features/model/model-layout';

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
    expect(layoutModel([{ name: 'only', fieldCount: 2 }], []).cards).toEqual([{ table: 'only', x: 24, y: 24, width: CARD_WIDTH, height: cardHeight(2) }]);
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
});
