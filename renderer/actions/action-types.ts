import type { LocalizedText } from '../../shared/api/types';
import type { Locale, MessageKey } from '../../shared/i18n/messages';
import { format } from '../../shared/i18n/messages';
import type { Aggregate, TimeUnit } from '../../shared/spec/query-spec';
import type { ChartType, FieldRef, MeasureShelfId, PillFilter, SheetState, ShelfId } from '../../shared/chart/sheet-state';
import type { MarkValue } from './mark-filters';

/** Why an action did not change anything, to be told to the user in their language. */
export interface Refusal {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string | LocalizedText | { readonly message: MessageKey }>>;
}

export function refusalMessage(refusal: Refusal, locale: Locale): string {
  const params = Object.fromEntries(
    Object.entries(refusal.params).map(([name, value]) => {
      if (typeof value === 'string') return [name, value];
      if ('message' in value) return [name, format(locale, value.message)];
      return [name, value[locale]];
    }),
  );
  return format(locale, refusal.key, params);
}

/** The arguments of every sheet action, by name. */
export interface SheetActionArgs {
  addFieldToShelf: { readonly field: FieldRef; readonly shelf: ShelfId };
  addFieldToNaturalShelf: { readonly field: FieldRef };
  moveField: { readonly from: ShelfId; readonly index: number; readonly to: ShelfId };
  removeField: { readonly shelf: ShelfId; readonly index: number };
  /** On Rows unless another measure shelf is named. */
  setAggregate: { readonly shelf?: MeasureShelfId | undefined; readonly index: number; readonly aggregate: Aggregate };
  setTimeUnit: { readonly shelf: ShelfId; readonly index: number; readonly timeUnit: TimeUnit };
  setFilterValues: { readonly index: number; readonly filter: PillFilter | undefined };
  setChartType: { readonly chartType: ChartType };
  clearShelves: Record<string, never>;
  /** Keep only (or leave out) the values of a clicked mark. */
  filterToMark: { readonly values: readonly MarkValue[]; readonly mode: 'keep' | 'exclude' };
  /** Into a mark of the axis: a date to the next finer unit, a field of a drill path to the next field (`next`). */
  drillDown: { readonly value: MarkValue; readonly next?: FieldRef | undefined };
  /** Back up one level: a date to the coarser unit, a drill path's field to the one before (`previous`). */
  drillUp: { readonly previous?: FieldRef | undefined };
  setSort: { readonly sort: 'asc' | 'desc' | undefined };
  swapAxes: Record<string, never>;
}

export type SheetActionName = keyof SheetActionArgs;

export type SheetActionResult = { readonly sheet: SheetState } | { readonly refusal: Refusal };

/** One user command on the sheet (model: excalidraw's Action): a name, a label, and a pure perform. */
export interface SheetAction<N extends SheetActionName = SheetActionName> {
  readonly name: N;
  readonly label: MessageKey;
  /** Whether doing it can be undone; every change of what the chart shows can. */
  readonly trackInHistory: boolean;
  perform(sheet: SheetState, args: SheetActionArgs[N]): SheetActionResult;
}

/** A step back or forward through the sheet's history. */
export interface HistoryEntry {
  readonly sheet: SheetState;
  /** The action that led from this entry's sheet to the next, named on the undo/redo buttons. */
  readonly action: SheetActionName;
}

export interface EditorState {
  readonly sheet: SheetState;
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
}

export type HistoryActionName = 'undo' | 'redo';

/** Undo and redo: they act on the history itself, so they take the whole editor state. */
export interface HistoryAction {
  readonly name: HistoryActionName;
  readonly label: MessageKey;
  readonly trackInHistory: false;
  /** The keyboard shortcut, tested against a keydown outside text fields. */
  keyTest(event: KeyboardEvent): boolean;
  canPerform(state: EditorState): boolean;
  perform(state: EditorState): EditorState;
}
