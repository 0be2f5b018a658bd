import type { HistoryAction, HistoryActionName } from './action-types';

const isMod = (event: KeyboardEvent): boolean => event.ctrlKey || event.metaKey;

const undo: HistoryAction = {
  name: 'undo',
  label: 'action.undo',
  trackInHistory: false,
  keyTest: (event) => isMod(event) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z',
  canPerform: (state) => state.past.length > 0,
  perform(state) {
    const previous = state.past.at(-1);
    if (previous === undefined) return state;
    return {
      sheet: previous.sheet,
      past: state.past.slice(0, -1),
      future: [...state.future, { sheet: state.sheet, action: previous.action }],
    };
  },
};

const redo: HistoryAction = {
  name: 'redo',
  label: 'action.redo',
  trackInHistory: false,
  keyTest: (event) =>
    (isMod(event) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z') ||
    (event.ctrlKey && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'y'),
  canPerform: (state) => state.future.length > 0,
  perform(state) {
    const next = state.future.at(-1);
    if (next === undefined) return state;
    return {
      sheet: next.sheet,
      past: [...state.past, { sheet: state.sheet, action: next.action }],
      future: state.future.slice(0, -1),
    };
  },
};

export const HISTORY_ACTIONS: readonly HistoryAction[] = [undo, redo];

export function historyAction(name: HistoryActionName): HistoryAction {
  return name === 'undo' ? undo : redo;
}
