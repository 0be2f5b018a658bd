import type { ClientRect, KeyboardCoordinateGetter, UniqueIdentifier } from '@dnd-kit/core';
import { ownDropId } from './model-drag-data';

/** Where the current keyboard drag was last moved to; undefined before the first arrow key. */
let current: UniqueIdentifier | undefined;

export function resetModelKeyboardPosition(): void {
  current = undefined;
}

/** The drop targets in reading order: down each column (cards, then role slots), left to right. */
export function targetOrder(rects: ReadonlyMap<UniqueIdentifier, ClientRect>, exclude: UniqueIdentifier): UniqueIdentifier[] {
  return [...rects.entries()]
    .filter(([id]) => id !== exclude)
    .sort(([, a], [, b]) => Math.round(a.left) - Math.round(b.left) || a.top - b.top)
    .map(([id]) => id);
}

/** The target after (or before) the current one, going round. */
export function nextTarget(order: readonly UniqueIdentifier[], from: UniqueIdentifier | undefined, forward: boolean): UniqueIdentifier | undefined {
  if (order.length === 0) return undefined;
  const index = from === undefined ? -1 : order.indexOf(from);
  if (index === -1) return forward ? order[0] : order.at(-1);
  return order[(index + (forward ? 1 : -1) + order.length) % order.length];
}

/** Arrow keys move a picked-up field from one drop target to the next (another table's field, a
 * role, the drill path) instead of nudging it by pixels. */
export const modelKeyboardCoordinates: KeyboardCoordinateGetter = (event, { active, context }) => {
  const forward = event.code === 'ArrowRight' || event.code === 'ArrowDown';
  const backward = event.code === 'ArrowLeft' || event.code === 'ArrowUp';
  if (!forward && !backward) return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects } = context;
  if (collisionRect === null) return undefined;
  const target = nextTarget(targetOrder(droppableRects, ownDropId(active)), current, forward);
  const rect = target === undefined ? undefined : droppableRects.get(target);
  if (target === undefined || rect === undefined) return undefined;
  current = target;
  return { x: rect.left + rect.width / 2 - collisionRect.width / 2, y: rect.top + rect.height / 2 - collisionRect.height / 2 };
};
