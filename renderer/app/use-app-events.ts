import { useEffect } from 'react';
import type { MenuCommand } from '../../shared/api/types';
import type { Locale } from '../../shared/i18n/messages';
import { HISTORY_ACTIONS } from '../actions/history-actions';
import { api } from '../api/client';
import { openFilePicker } from '../features/import/import-files';
import { useImportStore } from '../features/import/import-store';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { drillPathsOf, useWorkbenchStore } from '../state/workbench-store';
import { useImportDialogStore } from '../features/import/import-dialog-store';
import { performAction } from '../actions/perform-action';
import { drillNeighbour } from '../features/chart/chart-interactions';
import { useDashboardStore } from '../features/dashboards/dashboard-store';
import { isModAlt } from './platform-keys';
import { useModelStore } from '../features/model/model-store';
import { useCleanStore } from '../features/clean/clean-store';
import { useBoardStore } from '../features/boards/board-store';
import { useReportStore } from '../features/reports/report-store';

function runMenuCommand(command: MenuCommand, setLocale: (locale: Locale) => void): void {
  switch (command) {
    case 'undo':
    case 'redo':
      performHistory(command);
      return;
    case 'import':
      openFilePicker();
      return;
    case 'localeEn':
      setLocale('en');
      return;
    case 'localeZh':
      setLocale('zh-CN');
      return;
    default:
      // new/open/save/export/about are handled by the desktop shell itself
      return;
  }
}

/** Undo and redo act on the history of the workspace in front: the sheet's, the model's or the dashboard's. */
function performHistory(command: 'undo' | 'redo'): void {
  const workspace = useUiStore.getState().workspace;
  if (workspace === 'analyze') useEditorStore.getState().performHistory(command);
  else if (workspace === 'model') void useModelStore.getState()[command]();
  else if (workspace === 'dashboards') useDashboardStore.getState().performHistory(command);
  else if (workspace === 'clean') useCleanStore.getState().performHistory(command);
  else if (workspace === 'boards') useBoardStore.getState().performHistory(command);
  else if (workspace === 'reports') useReportStore.getState().performHistory(command);
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** Loads the workbench and follows the engine: workbench changes, job progress and menu commands. */
export function useEngineEvents(setLocale: (locale: Locale) => void): void {
  useEffect(() => {
    const client = api();
    const refresh = () => void useWorkbenchStore.getState().refresh();
    refresh();
    const unsubscribe = [
      client.on('onDidChangeWorkbench', refresh),
      client.on('onDidReportProgress', (progress) => {
        if (progress.kind === 'recipe') useCleanStore.getState().report(progress);
        else useImportStore.getState().report(progress);
      }),
      client.on('onDidRequestCommand', ({ command }) => runMenuCommand(command, setLocale)),
      client.on('onDidRequestImport', ({ paths }) => void useImportDialogStore.getState().openPaths(paths)),
    ];
    return () => unsubscribe.forEach((off) => off());
  }, [setLocale]);
}

/** The chart's shortcuts: sort, swap axes, drill up (see SHORTCUTS). Answers whether one applied. */
function chartShortcut(event: KeyboardEvent): boolean {
  const sheet = useEditorStore.getState().sheet;
  if (isModAlt(event, 'ArrowDown')) performAction('setSort', { sort: 'desc' });
  else if (isModAlt(event, 'ArrowUp')) performAction('setSort', { sort: 'asc' });
  else if (isModAlt(event, 'x')) performAction('swapAxes', {});
  else if (isModAlt(event, 'u')) {
    const axis = sheet.shelves.x.find((p) => p.timeUnit !== undefined) ?? sheet.shelves.x[0];
    const { schemas, model } = useWorkbenchStore.getState();
    const previous = axis === undefined || axis.timeUnit !== undefined ? undefined : drillNeighbour(drillPathsOf(model, axis.table), schemas[axis.table], axis.field, -1);
    performAction('drillUp', { previous });
  } else return false;
  return true;
}

/** Undo and redo, the chart's and the dashboard's shortcuts and Help (F1), unless a text field wants the keys for itself. */
export function useHistoryShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (event.key === 'F1' || ((event.ctrlKey || event.metaKey) && event.key === '/')) {
        event.preventDefault();
        useUiStore.getState().setShortcutsOpen(true);
        return;
      }
      if (typingIn(event.target)) return;
      const workspace = useUiStore.getState().workspace;
      const action = HISTORY_ACTIONS.find((a) => a.keyTest(event));
      if (workspace === 'data') return;
      if (action === undefined) {
        if (workspace !== 'analyze') return;
        if (chartShortcut(event)) event.preventDefault();
        return;
      }
      event.preventDefault();
      performHistory(action.name);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
