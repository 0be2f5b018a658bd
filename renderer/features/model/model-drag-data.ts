import type { LocalizedText } from '../../../shared/api/types';
import type { FieldRole } from '../../../shared/model/field-roles';

/** A field picked up from a table card, or a step of the drill path being drafted (`drillIndex`). */
export interface ModelDragData {
  readonly source: 'model-field';
  readonly table: string;
  readonly field: string;
  readonly label: LocalizedText;
  readonly drillIndex?: number;
}

/** Where a field can land: another table's field (a relationship), a role slot, a drill path. */
export type ModelDropData =
  | { readonly target: 'field'; readonly table: string; readonly field: string; readonly label: LocalizedText }
  | { readonly target: 'role'; readonly table: string; readonly role: FieldRole }
  /** The drill path being drafted: at the end, or at the place of one of its steps (`index`). */
  | { readonly target: 'drill'; readonly table: string; readonly index?: number };

export const modelFieldDragId = (table: string, field: string): string => `model-field:${table}.${field}`;
export const modelFieldDropId = (table: string, field: string): string => `model-drop:${table}.${field}`;
export const drillStepDragId = (table: string, field: string): string => `model-drill-step:${table}.${field}`;
export const drillStepDropId = (table: string, index: number): string => `model-drill-at:${table}:${index}`;

/**
 * The drafted path's fields with `field` put before the step at `index` of the path as it is
 * (`fields.length` or undefined: at the end), taken from where it was if it was there.
 */
export function placeDrillStep(fields: readonly string[], field: string, index: number | undefined): string[] {
  const from = fields.indexOf(field);
  const without = fields.filter((f) => f !== field);
  const before = index ?? fields.length;
  // the steps after the one taken out move up by one
  const at = Math.min(from >= 0 && from < before ? before - 1 : before, without.length);
  return [...without.slice(0, at), field, ...without.slice(at)];
}

export function isModelDragData(value: unknown): value is ModelDragData {
  return typeof value === 'object' && value !== null && (value as { source?: unknown }).source === 'model-field';
}

export function isModelDropData(value: unknown): value is ModelDropData {
  return typeof value === 'object' && value !== null && 'target' in value;
}

/** The drop target of the row a drag started from, which the drag must never land on. */
export const ownDropId = (dragId: string | number): string => String(dragId).replace(/^model-field:/, 'model-drop:');
