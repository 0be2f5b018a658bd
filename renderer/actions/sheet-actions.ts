import type { MessageKey } from '../../shared/i18n/messages';
import {
  SHELVES,
  isMeasureShelf,
  isMetric,
  isRecordCount,
  sheetTable,
  type FieldRef,
  type Pill,
  type SheetState,
  type ShelfId,
} from '../../shared/chart/sheet-state';
import { EMPTY_SHEET } from '../../shared/chart/sheet-state';
import { COARSER_UNIT, FINER_UNIT, bucketRange, markFilter, withFieldFilter } from './mark-filters';
import type { Refusal, SheetAction, SheetActionArgs, SheetActionName, SheetActionResult } from './action-types';

export const SHELF_LABEL: Readonly<Record<ShelfId, MessageKey>> = {
  x: 'shelf.x',
  y: 'shelf.y',
  color: 'shelf.color',
  size: 'shelf.size',
  label: 'shelf.label',
  tooltip: 'shelf.tooltip',
  filters: 'shelf.filters',
};

/** Shelves whose pills group rows share one namespace: region on Columns and on Color would collide. */
function shelfGroup(shelf: ShelfId): readonly ShelfId[] {
  return shelf === 'x' || shelf === 'color' ? ['x', 'color'] : [shelf];
}

/** Two pills with the same identity would produce the same output column. */
function pillIdentity(pill: Pill, shelf: ShelfId): string {
  if (isMeasureShelf(shelf)) return `m:${pill.aggregate ?? ''}:${pill.field}`;
  return shelf === 'filters' ? `f:${pill.field}` : `d:${pill.field}:${pill.timeUnit ?? ''}`;
}

/** The pill a field becomes on a shelf; a pill that moves keeps what still applies there. */
function placePill(ref: FieldRef, shelf: ShelfId, id: string, previous?: Pill): Pill {
  const base: Pill = {
    id,
    table: ref.table,
    tableLabel: ref.tableLabel,
    field: ref.field,
    label: ref.label,
    kind: ref.kind,
    type: ref.type,
    defaultAggregate: ref.defaultAggregate,
    ...(ref.metric === undefined ? {} : { metric: ref.metric }),
  };
  if (isMeasureShelf(shelf)) {
    // a metric aggregates by its own definition
    if (isMetric(ref)) return base;
    return { ...base, aggregate: previous?.aggregate ?? (isRecordCount(ref) ? 'count' : ref.defaultAggregate) };
  }
  if (shelf === 'filters') return base;
  return ref.kind === 'temporal' ? { ...base, timeUnit: previous?.timeUnit ?? 'month' } : base;
}

function refuse(key: MessageKey, params: Refusal['params']): SheetActionResult {
  return { refusal: { key, params } };
}

/** Checks that `pill` may sit on `shelf` of `sheet` (where the pill at `ignore` is being replaced). */
function checkPlacement(
  sheet: SheetState,
  pill: Pill,
  shelf: ShelfId,
  ignore?: { readonly shelf: ShelfId; readonly index: number },
): SheetActionResult | undefined {
  if (isRecordCount(pill) && !isMeasureShelf(shelf)) return refuse('shelf.countNotHere', {});
  if (isMetric(pill) && !isMeasureShelf(shelf)) return refuse('shelf.metricOnRows', { field: pill.label });
  // one size per mark
  if (shelf === 'size' && sheet.shelves.size.some((_, index) => !(ignore?.shelf === 'size' && ignore.index === index))) return refuse('shelf.sizeTaken', { field: pill.label });
  const current = sheetTable(sheet);
  if (current !== undefined && current.table !== pill.table) {
    return refuse('shelf.otherTable', { field: pill.label, table: pill.tableLabel, current: current.label });
  }
  const identity = pillIdentity(pill, shelf);
  for (const other of shelfGroup(shelf)) {
    const clash = sheet.shelves[other].some(
      (p, index) => !(ignore?.shelf === other && ignore.index === index) && pillIdentity(p, other) === identity,
    );
    if (clash) return refuse('shelf.duplicate', { field: pill.label, shelf: { message: SHELF_LABEL[other] } });
  }
  return undefined;
}

function withShelf(sheet: SheetState, shelf: ShelfId, pills: readonly Pill[]): SheetState {
  return { ...sheet, shelves: { ...sheet.shelves, [shelf]: pills } };
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((existing, i) => (i === index ? item : existing));
}

function addToShelf(sheet: SheetState, field: FieldRef, shelf: ShelfId): SheetActionResult {
  const pill = placePill(field, shelf, `p${sheet.nextPillId}`);
  const refusal = checkPlacement(sheet, pill, shelf);
  if (refusal !== undefined) return refusal;
  const next = withShelf(sheet, shelf, [...sheet.shelves[shelf], pill]);
  return { sheet: { ...next, nextPillId: sheet.nextPillId + 1 } };
}

/** Where a double-click or Enter puts a field: measures on Rows, dates on Columns, a second
 * dimension on Color so that it splits the bars rather than nesting them. */
export function naturalShelf(sheet: SheetState, field: FieldRef): ShelfId {
  if (field.kind === 'measure' || isRecordCount(field)) return 'y';
  if (field.kind === 'temporal') return 'x';
  if (sheet.shelves.x.length === 0) return 'x';
  return sheet.shelves.color.length === 0 ? 'color' : 'x';
}

const unchanged = (sheet: SheetState): SheetActionResult => ({ sheet });

const actions: { readonly [N in SheetActionName]: SheetAction<N> } = {
  addFieldToShelf: {
    name: 'addFieldToShelf',
    label: 'action.addFieldToShelf',
    trackInHistory: true,
    perform: (sheet, { field, shelf }) => addToShelf(sheet, field, shelf),
  },
  addFieldToNaturalShelf: {
    name: 'addFieldToNaturalShelf',
    label: 'action.addFieldToShelf',
    trackInHistory: true,
    perform: (sheet, { field }) => addToShelf(sheet, field, naturalShelf(sheet, field)),
  },
  moveField: {
    name: 'moveField',
    label: 'action.moveField',
    trackInHistory: true,
    perform(sheet, { from, index, to }) {
      const moving = sheet.shelves[from][index];
      if (moving === undefined || from === to) return unchanged(sheet);
      const pill = placePill(moving, to, moving.id, moving);
      const without = withShelf(sheet, from, sheet.shelves[from].filter((_, i) => i !== index));
      const refusal = checkPlacement(without, pill, to);
      if (refusal !== undefined) return refusal;
      return { sheet: withShelf(without, to, [...without.shelves[to], pill]) };
    },
  },
  removeField: {
    name: 'removeField',
    label: 'action.removeField',
    trackInHistory: true,
    perform(sheet, { shelf, index }) {
      if (sheet.shelves[shelf][index] === undefined) return unchanged(sheet);
      return { sheet: withShelf(sheet, shelf, sheet.shelves[shelf].filter((_, i) => i !== index)) };
    },
  },
  setAggregate: {
    name: 'setAggregate',
    label: 'action.setAggregate',
    trackInHistory: true,
    perform(sheet, { shelf = 'y', index, aggregate }) {
      const pill = sheet.shelves[shelf][index];
      if (pill === undefined || pill.aggregate === aggregate) return unchanged(sheet);
      const next: Pill = { ...pill, aggregate };
      const refusal = checkPlacement(sheet, next, shelf, { shelf, index });
      if (refusal !== undefined) return refusal;
      return { sheet: withShelf(sheet, shelf, replaceAt(sheet.shelves[shelf], index, next)) };
    },
  },
  setTimeUnit: {
    name: 'setTimeUnit',
    label: 'action.setTimeUnit',
    trackInHistory: true,
    perform(sheet, { shelf, index, timeUnit }) {
      const pill = sheet.shelves[shelf][index];
      if (pill === undefined || pill.kind !== 'temporal' || pill.timeUnit === timeUnit) return unchanged(sheet);
      const next: Pill = { ...pill, timeUnit };
      const refusal = checkPlacement(sheet, next, shelf, { shelf, index });
      if (refusal !== undefined) return refusal;
      return { sheet: withShelf(sheet, shelf, replaceAt(sheet.shelves[shelf], index, next)) };
    },
  },
  setFilterValues: {
    name: 'setFilterValues',
    label: 'action.setFilterValues',
    trackInHistory: true,
    perform(sheet, { index, filter }) {
      const pill = sheet.shelves.filters[index];
      if (pill === undefined) return unchanged(sheet);
      if (JSON.stringify(pill.filter) === JSON.stringify(filter)) return unchanged(sheet);
      return { sheet: withShelf(sheet, 'filters', replaceAt(sheet.shelves.filters, index, { ...pill, filter })) };
    },
  },
  setChartType: {
    name: 'setChartType',
    label: 'action.setChartType',
    trackInHistory: true,
    perform: (sheet, { chartType }) => (sheet.chartType === chartType ? unchanged(sheet) : { sheet: { ...sheet, chartType } }),
  },
  clearShelves: {
    name: 'clearShelves',
    label: 'action.clearShelves',
    trackInHistory: true,
    perform(sheet) {
      if (SHELVES.every((shelf) => sheet.shelves[shelf].length === 0)) return unchanged(sheet);
      return { sheet: { ...EMPTY_SHEET, chartType: sheet.chartType, nextPillId: sheet.nextPillId } };
    },
  },
  filterToMark: {
    name: 'filterToMark',
    label: 'action.filterToMark',
    trackInHistory: true,
    perform(sheet, { values, mode }) {
      let next = sheet;
      for (const mark of values) {
        const existing = sheet.shelves.filters.find((p) => p.field === mark.pill.field)?.filter;
        const filter = markFilter(mark, mode, existing);
        if (filter !== undefined) next = withFieldFilter(next, mark.pill, filter, false);
      }
      return next === sheet ? refuse('chart.cannotExcludeDates', {}) : { sheet: next };
    },
  },
  drillDown: {
    name: 'drillDown',
    label: 'action.drillDown',
    trackInHistory: true,
    perform(sheet, { value, next }) {
      const index = sheet.shelves.x.findIndex((p) => p.id === value.pill.id);
      const axis = sheet.shelves.x[index];
      if (axis === undefined) return unchanged(sheet);
      if (axis.timeUnit !== undefined) {
        const finer = FINER_UNIT[axis.timeUnit];
        const range = typeof value.value === 'string' ? bucketRange(axis.timeUnit, value.value) : undefined;
        if (finer === undefined || range === undefined || (finer === 'hour' && axis.type !== 'datetime')) return refuse('chart.noFinerLevel', { field: axis.label });
        const filtered = withFieldFilter(sheet, axis, { op: 'between', values: range }, true);
        return { sheet: withShelf(filtered, 'x', replaceAt(filtered.shelves.x, index, { ...axis, timeUnit: finer })) };
      }
      if (next === undefined) return refuse('chart.noFinerLevel', { field: axis.label });
      const filtered = withFieldFilter(sheet, axis, { op: 'in', values: [value.value] }, true);
      const pill = placePill(next, 'x', `p${filtered.nextPillId}`);
      const refusal = checkPlacement(filtered, pill, 'x', { shelf: 'x', index });
      if (refusal !== undefined) return refusal;
      return { sheet: { ...withShelf(filtered, 'x', replaceAt(filtered.shelves.x, index, pill)), nextPillId: filtered.nextPillId + 1 } };
    },
  },
  drillUp: {
    name: 'drillUp',
    label: 'action.drillUp',
    trackInHistory: true,
    perform(sheet, { previous }) {
      const index = sheet.shelves.x.findIndex((p) => p.timeUnit !== undefined);
      const at = index >= 0 ? index : 0;
      const axis = sheet.shelves.x[at];
      if (axis === undefined) return unchanged(sheet);
      const withoutDrill = (field: string): SheetState =>
        withShelf(sheet, 'filters', sheet.shelves.filters.filter((p) => !(p.field === field && p.drilled === true)));
      if (axis.timeUnit !== undefined) {
        const coarser = COARSER_UNIT[axis.timeUnit];
        if (coarser === undefined) return refuse('chart.noCoarserLevel', { field: axis.label });
        const next = withoutDrill(axis.field);
        return { sheet: withShelf(next, 'x', replaceAt(next.shelves.x, at, { ...axis, timeUnit: coarser })) };
      }
      if (previous === undefined) return refuse('chart.noCoarserLevel', { field: axis.label });
      const next = withoutDrill(previous.field);
      const pill = placePill(previous, 'x', `p${next.nextPillId}`);
      const refusal = checkPlacement(next, pill, 'x', { shelf: 'x', index: at });
      if (refusal !== undefined) return refusal;
      return { sheet: { ...withShelf(next, 'x', replaceAt(next.shelves.x, at, pill)), nextPillId: next.nextPillId + 1 } };
    },
  },
  setSort: {
    name: 'setSort',
    label: 'action.setSort',
    trackInHistory: true,
    perform(sheet, { sort }) {
      if (sheet.sort?.direction === sort) return unchanged(sheet);
      const { sort: _old, ...rest } = sheet;
      return { sheet: sort === undefined ? rest : { ...rest, sort: { direction: sort } } };
    },
  },
  swapAxes: {
    name: 'swapAxes',
    label: 'action.swapAxes',
    trackInHistory: true,
    perform(sheet) {
      const { transposed, ...rest } = sheet;
      return { sheet: transposed === true ? rest : { ...rest, transposed: true } };
    },
  },
};

export function sheetAction<N extends SheetActionName>(name: N): SheetAction<N> {
  return actions[name];
}

export function performSheetAction<N extends SheetActionName>(sheet: SheetState, name: N, args: SheetActionArgs[N]): SheetActionResult {
  return actions[name].perform(sheet, args);
}
