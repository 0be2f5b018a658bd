import type { FieldRef, Pill, ShelfId } from '../../../shared/chart/sheet-state';

/** What travels with a drag: a field from the list, or a pill leaving its shelf. */
export type DragData =
  | { readonly source: 'field'; readonly field: FieldRef }
  | { readonly source: 'pill'; readonly shelf: ShelfId; readonly index: number; readonly pill: Pill };

export interface DropData {
  readonly shelf: ShelfId;
}

export const fieldDragId = (ref: Pick<FieldRef, 'table' | 'field'>): string => `field:${ref.table}.${ref.field}`;
export const pillDragId = (pill: Pick<Pill, 'id'>): string => `pill:${pill.id}`;
export const shelfDropId = (shelf: ShelfId): string => `shelf:${shelf}`;

export function isDragData(value: unknown): value is DragData {
  return typeof value === 'object' && value !== null && 'source' in value;
}

export function isDropData(value: unknown): value is DropData {
  return typeof value === 'object' && value !== null && 'shelf' in value;
}
