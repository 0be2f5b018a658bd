import type { Locale } from '../../../shared/i18n/messages';
import { format } from '../../../shared/i18n/messages';
import type { TableSchema } from '../../../shared/api/types';
import type { DrillPath } from '../../../shared/model/semantic-model';
import type { MarkValue } from '../../actions/mark-filters';
import { COARSER_UNIT, FINER_UNIT, bucketRange } from '../../actions/mark-filters';
import type { FieldRef, Pill, SheetState } from '../../../shared/chart/sheet-state';
import { fieldRef } from '../../../shared/chart/field-refs';
import { valueText } from '../../../shared/chart/pill-text';
import type { ChartMark } from './mark-selection';

/** The field after (or before) `field` on one of the table's drill paths, as a field to place. */
export function drillNeighbour(paths: readonly DrillPath[], schema: TableSchema | undefined, field: string, step: 1 | -1): FieldRef | undefined {
  if (schema === undefined) return undefined;
  for (const path of paths) {
    const at = path.fields.indexOf(field);
    const name = at < 0 ? undefined : path.fields[at + step];
    const info = name === undefined ? undefined : schema.fields.find((f) => f.name === name);
    if (info !== undefined) return fieldRef(schema, info);
  }
  return undefined;
}

/** The mark's values as the sheet's pills hold them (the pills the clicked row was grouped by). */
export function markValues(sheet: SheetState, mark: ChartMark): MarkValue[] {
  const pills = [...sheet.shelves.x, ...sheet.shelves.color];
  return mark.values.flatMap(({ dimension, value }) => {
    const pill = pills.find((p) => p.id === dimension.pill.id);
    return pill === undefined ? [] : [{ pill, value }];
  });
}

/** A mark's values as the reader sees them: "华东 · 电话", a quarter as 2024 Q3. */
export function markText(locale: Locale, values: readonly MarkValue[]): string {
  return values
    .map(({ pill, value }) => {
      if (pill.timeUnit === 'quarter' && typeof value === 'string') {
        const m = /^(\d{4})-Q([1-4])$/.exec(value);
        if (m !== null) return format(locale, 'chart.quarterLabel', { year: m[1]!, quarter: m[2]! });
      }
      return valueText(locale, value);
    })
    .join(' · ');
}

/** Whether the axis pill can drill down into one of its values: a date to a finer unit, a field along a drill path. */
export function canDrillDown(axis: Pill, value: MarkValue['value'], next: FieldRef | undefined): boolean {
  if (axis.timeUnit !== undefined) {
    const finer = FINER_UNIT[axis.timeUnit];
    if (finer === undefined || (finer === 'hour' && axis.type !== 'datetime')) return false;
    return typeof value === 'string' && bucketRange(axis.timeUnit, value) !== undefined;
  }
  return next !== undefined;
}

/** Whether the sheet's axis can go up a level. */
export function canDrillUp(axis: Pill | undefined, previous: FieldRef | undefined): boolean {
  if (axis === undefined) return false;
  if (axis.timeUnit !== undefined) return COARSER_UNIT[axis.timeUnit] !== undefined;
  return previous !== undefined;
}
