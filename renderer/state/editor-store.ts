import { create } from 'zustand';
import type {
  EditorState,
  HistoryActionName,
  Refusal,
  SheetActionArgs,
  SheetActionName,
} from '../actions/action-types';
import { historyAction } from '../actions/history-actions';
import { sheetAction } from '../actions/sheet-actions';
import { EMPTY_SHEET } from '../../shared/chart/sheet-state';

const HISTORY_LIMIT = 200;

interface EditorStore extends EditorState {
  /** Runs a sheet action; answers the refusal when the action declined, so the caller can say why. */
  readonly perform: <N extends SheetActionName>(name: N, args: SheetActionArgs[N]) => Refusal | undefined;
  readonly performHistory: (name: HistoryActionName) => void;
}

export const useEditorStore = create<EditorStore>()((set, get) => ({
  sheet: EMPTY_SHEET,
  past: [],
  future: [],
  perform(name, args) {
    const action = sheetAction(name);
    const state = get();
    const result = action.perform(state.sheet, args);
    if ('refusal' in result) return result.refusal;
    if (result.sheet === state.sheet) return undefined;
    if (!action.trackInHistory) {
      set({ sheet: result.sheet });
      return undefined;
    }
    set({
      sheet: result.sheet,
      past: [...state.past, { sheet: state.sheet, action: name }].slice(-HISTORY_LIMIT),
      future: [],
    });
    return undefined;
  },
  performHistory(name) {
    const action = historyAction(name);
    const state = get();
    if (!action.canPerform(state)) return;
    const next = action.perform(state);
    set({ sheet: next.sheet, past: next.past, future: next.future });
  },
}));
