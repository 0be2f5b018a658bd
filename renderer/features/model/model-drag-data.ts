import type { LocalizedText } from '../../../shared/api/types';
import type { FieldRole } from '../../../shared/model/field-roles';

/** A field picked up from a table card. */
export interface ModelDragData {
  readonly source: 'model-field';
  readonly table: string;
  readonly field: string;
  readonly label: LocalizedText;
}

/** Where a field can land: another table's field (a relationship), a role slot, a drill path. */
export type ModelDropData =
  | { readonly target: 'field'; readonly table: string; readonly field: string; readonly label: LocalizedText }
  | { readonly target: 'role'; readonly table: string; readonly role: FieldRole }
  | { readonly target: 'drill'; readonly table: string };

export const modelFieldDragId = (table: string, field: string): string => `model-field:${table}.${field}`;
export const modelFieldDropId = (table: string, field: string): string => `model-drop:${table}.${field}`;

export function isModelDragData(value: unknown): value is ModelDragData {
  return typeof value === 'object' && value !== null && (value as { source?: unknown }).source === 'model-field';
}

export function isModelDropData(value: unknown): value is ModelDropData {
  return typeof value === 'object' && value !== null && 'target' in value;
}

/** The drop target of the row a drag started from, which the drag must never land on. */
export const ownDropId = (dragId: string | number): string => String(dragId).replace(/^model-field:/, 'model-drop:');
