import type { ClientRect } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { ownDropId } from '../../../../../renderer/features/model/model-drag-data';
import { nextTarget, targetOrder } from '../../../../../renderer/features/model/model-keyboard-coordinates';

const rect = (left: number, top: number): ClientRect => ({ left, top, width: 100, height: 20, right: left + 100, bottom: top + 20 });

describe('keyboard dragging in the Model view', () => {
  const rects = new Map<string, ClientRect>([
    ['model-role:calls.created_at', rect(900, 100)],
    ['model-drop:tickets.ticket_id', rect(300, 140)],
    ['model-drop:calls.agent', rect(20, 300)],
    ['model-drop:calls.ticket_id', rect(20, 120)],
    ['model-role:calls.ticket_id', rect(900, 60)],
  ]);

  it('visits the targets down each column, left to right, skipping the row being dragged', () => {
    expect(targetOrder(rects, ownDropId('model-field:calls.agent'))).toEqual(['model-drop:calls.ticket_id', 'model-drop:tickets.ticket_id', 'model-role:calls.ticket_id', 'model-role:calls.created_at']);
    expect(ownDropId('model-field:a.b.c')).toBe('model-drop:a.b.c');
  });

  it('goes round in both directions, from the first or the last', () => {
    const order = ['a', 'b', 'c'];
    expect(nextTarget(order, undefined, true)).toBe('a');
    expect(nextTarget(order, undefined, false)).toBe('c');
    expect(nextTarget(order, 'c', true)).toBe('a');
    expect(nextTarget(order, 'a', false)).toBe('c');
    expect(nextTarget(order, 'gone', true)).toBe('a');
    expect(nextTarget([], undefined, true)).toBeUndefined();
  });
});
