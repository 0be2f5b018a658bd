import type { KeyboardCoordinateGetter } from '@dnd-kit/core';
import { SHELVES, type ShelfId } from '../../../shared/chart/sheet-state';
import { shelfDropId } from './drag-data';

const ORDER = SHELVES.map(shelfDropId);

/** The shelf the current keyboard drag was last moved to; -1 before the first arrow key. */
let position = -1;

/** A pill starts from its own shelf; a field from the list starts before Columns. */
export function resetShelfKeyboardPosition(from?: ShelfId): void {
  position = from === undefined ? -1 : SHELVES.indexOf(from);
}

/** Arrow keys jump from shelf to shelf (Columns → Rows → Color → Filters) instead of nudging by pixels. */
export const shelfKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const forward = event.code === 'ArrowRight' || event.code === 'ArrowDown';
  const backward = event.code === 'ArrowLeft' || event.code === 'ArrowUp';
  if (!forward && !backward) return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects } = context;
  if (collisionRect === null) return undefined;
  const nextIndex = position === -1 ? (forward ? 0 : ORDER.length - 1) : (position + (forward ? 1 : -1) + ORDER.length) % ORDER.length;
  const rect = droppableRects.get(ORDER[nextIndex] ?? '');
  if (rect === undefined) return undefined;
  position = nextIndex;
  return {
    x: rect.left + rect.width / 2 - collisionRect.width / 2,
    y: rect.top + rect.height / 2 - collisionRect.height / 2,
  };
};
