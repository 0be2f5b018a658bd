import type { KeyboardCoordinateGetter, UniqueIdentifier } from '@dnd-kit/core';

/** The step the current keyboard drag was last moved over; undefined before the first arrow key. */
let current: UniqueIdentifier | undefined;

export function resetStepKeyboardPosition(start: UniqueIdentifier | undefined): void {
  current = start;
}

/** The up and down arrow keys move a picked-up step over the step above or below it (not by
 * pixels), so that each press is one place in the recipe. */
export const stepKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const down = event.code === 'ArrowDown' || event.code === 'ArrowRight';
  const up = event.code === 'ArrowUp' || event.code === 'ArrowLeft';
  if (!down && !up) return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects } = context;
  if (collisionRect === null) return undefined;
  const order = [...droppableRects.entries()].sort(([, a], [, b]) => a.top - b.top).map(([id]) => id);
  const index = current === undefined ? -1 : order.indexOf(current);
  const next = order[Math.min(order.length - 1, Math.max(0, index + (down ? 1 : -1)))];
  const rect = next === undefined ? undefined : droppableRects.get(next);
  if (next === undefined || rect === undefined) return undefined;
  current = next;
  return { x: rect.left + rect.width / 2 - collisionRect.width / 2, y: rect.top + rect.height / 2 - collisionRect.height / 2 };
};
