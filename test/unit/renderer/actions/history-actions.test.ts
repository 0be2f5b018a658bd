import { describe, expect, it } from 'vitest';
import type { EditorState } from '../../../../renderer/actions/action-types';
import { historyAction } from '../../../../renderer/actions/history-actions';
import { performSheetAction } from '../../../../renderer/actions/sheet-actions';
import { EMPTY_SHEET, type SheetState } from '../../../../shared/chart/sheet-state';
import { csat, region } from '../fields';

const key = (init: { key: string; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean }) =>
  ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...init }) as KeyboardEvent;

function sheetAfterAdding(sheet: SheetState): SheetState {
  const result = performSheetAction(sheet, 'addFieldToShelf', { field: region, shelf: 'x' });
  if ('refusal' in result) throw new Error('refused');
  return result.sheet;
}

describe('undo and redo', () => {
  it('step back and forth through the history and stop at its ends', () => {
    const first = sheetAfterAdding(EMPTY_SHEET);
    const second = performSheetAction(first, 'addFieldToShelf', { field: csat, shelf: 'y' });
    if ('refusal' in second) throw new Error('refused');
    let state: EditorState = {
      sheet: second.sheet,
      past: [
        { sheet: EMPTY_SHEET, action: 'addFieldToShelf' },
        { sheet: first, action: 'addFieldToShelf' },
      ],
      future: [],
    };
    const undo = historyAction('undo');
    const redo = historyAction('redo');
    expect(redo.canPerform(state)).toBe(false);
    state = undo.perform(state);
    expect(state.sheet).toBe(first);
    state = undo.perform(state);
    expect(state.sheet).toBe(EMPTY_SHEET);
    expect(undo.canPerform(state)).toBe(false);
    expect(undo.perform(state)).toBe(state);
    state = redo.perform(redo.perform(state));
    expect(state.sheet).toBe(second.sheet);
    expect(state.future).toEqual([]);
  });

  it('answer to Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y', () => {
    const undo = historyAction('undo');
    const redo = historyAction('redo');
    expect(undo.keyTest(key({ key: 'z', ctrlKey: true }))).toBe(true);
    expect(undo.keyTest(key({ key: 'z', metaKey: true }))).toBe(true);
    expect(undo.keyTest(key({ key: 'z' }))).toBe(false);
    expect(redo.keyTest(key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(redo.keyTest(key({ key: 'y', ctrlKey: true }))).toBe(true);
    expect(undo.keyTest(key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(false);
  });
});
