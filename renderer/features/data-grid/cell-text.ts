import type { CellValue } from '../../../shared/api/types';
import type { LocaleTools } from '../../i18n/locale-context';
import { NUMERIC_TYPES, type GridColumn } from './grid-source';

/** A cell's text in the grid: numbers grouped for the locale with up to 6 decimals; NULL is drawn apart. */
export function cellText(value: CellValue, number: LocaleTools['number']): string {
  if (value === null) return '';
  return typeof value === 'number' ? number(value, 6) : value;
}

export function isNumericColumn(column: GridColumn): boolean {
  return NUMERIC_TYPES.has(column.type);
}

/** A first width for a column, from its type and label. */
export function defaultWidth(column: GridColumn, label: string): number {
  const byType = column.type === 'datetime' ? 168 : column.type === 'date' ? 116 : NUMERIC_TYPES.has(column.type) ? 104 : 160;
  // room for the label, the sort arrow and the menu button
  let text = 0;
  for (let i = 0; i < label.length; i++) text += label.charCodeAt(i) >= 0x2e80 ? 13 : 7.5;
  return Math.round(Math.min(320, Math.max(byType, text + 56)));
}
