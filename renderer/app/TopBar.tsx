import { useCallback } from 'react';
import { sheetAction } from '../actions/sheet-actions';
import { IMPORT_ACCEPT, importFiles, registerFilePicker } from '../features/import/import-files';
import { useModelStore } from '../features/model/model-store';
import { useT } from '../i18n/locale-context';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { useWorkbenchStore } from '../state/workbench-store';
import { Icon } from '../ui/Icon';
import { SHORTCUT_TEXT } from './platform-keys';
import { useDashboardStore } from '../features/dashboards/dashboard-store';
import { useBoardStore } from '../features/boards/board-store';
import { useReportStore } from '../features/reports/report-store';
import { useCleanStore } from '../features/clean/clean-store';
import type { MessageKey } from '../../shared/i18n/messages';

/** App and workbench name, field search, Import, undo/redo and the language switch. */
export function TopBar() {
  const { t, locale, setLocale } = useT();
  const info = useWorkbenchStore((s) => s.info);
  const search = useUiStore((s) => s.fieldSearch);
  const setSearch = useUiStore((s) => s.setFieldSearch);
  const workspace = useUiStore((s) => s.workspace);
  const lastSheetDone = useEditorStore((s) => s.past.at(-1)?.action);
  const nextSheetRedo = useEditorStore((s) => s.future.at(-1)?.action);
  const lastDashboardDone = useDashboardStore((s) => s.past.at(-1)?.label);
  const nextDashboardRedo = useDashboardStore((s) => s.future.at(-1)?.label);
  const performSheetHistory = useEditorStore((s) => s.performHistory);
  const performDashboardHistory = useDashboardStore((s) => s.performHistory);
  const setShortcutsOpen = useUiStore((s) => s.setShortcutsOpen);
  // in the Model view the buttons undo and redo model changes instead of the sheet's
  const modelUndo = useModelStore((s) => s.history.past.at(-1));
  const modelRedo = useModelStore((s) => s.history.future.at(-1));
  const modelBusy = useModelStore((s) => s.busy);
  const inModel = workspace === 'model';
  const onDashboard = workspace === 'dashboards';
  const pickerRef = useCallback((input: HTMLInputElement | null) => registerFilePicker(input), []);

  // undo and redo act on what the workspace edits: the sheet in Analyze, the model in Model, the
  // dashboard in Dashboards, the recipe in Clean
  const cleanUndo = useCleanStore((s) => s.past.at(-1)?.label);
  const cleanRedo = useCleanStore((s) => s.future.at(-1)?.label);
  const cleanSaving = useCleanStore((s) => s.saving);
  const inClean = workspace === 'clean';
  const onBoard = workspace === 'boards';
  const boardUndo = useBoardStore((s) => s.past.at(-1)?.label);
  const boardRedo = useBoardStore((s) => s.future.at(-1)?.label);
  const onReport = workspace === 'reports';
  const reportUndo = useReportStore((s) => s.past.at(-1)?.label);
  const reportRedo = useReportStore((s) => s.future.at(-1)?.label);
  const sheetText = (action: typeof lastSheetDone) => (action === undefined ? undefined : t(sheetAction(action).label));
  const keyText = (key: MessageKey | undefined) => (key === undefined ? undefined : t(key));
  const undoAction = inModel
    ? modelUndo === undefined
      ? undefined
      : t(modelUndo.label, modelUndo.params)
    : onDashboard
      ? keyText(lastDashboardDone)
      : inClean
        ? keyText(cleanUndo)
        : onBoard
          ? keyText(boardUndo)
          : onReport
            ? keyText(reportUndo)
            : sheetText(lastSheetDone);
  const redoAction = inModel
    ? modelRedo === undefined
      ? undefined
      : t(modelRedo.label, modelRedo.params)
    : onDashboard
      ? keyText(nextDashboardRedo)
      : inClean
        ? keyText(cleanRedo)
        : onBoard
          ? keyText(boardRedo)
          : onReport
            ? keyText(reportRedo)
            : sheetText(nextSheetRedo);
  const undoTitle = undoAction === undefined ? t('toolbar.nothingToUndo') : `${t('toolbar.undoAction', { action: undoAction })} (${SHORTCUT_TEXT.undo})`;
  const redoTitle = redoAction === undefined ? t('toolbar.nothingToRedo') : `${t('toolbar.redoAction', { action: redoAction })} (${SHORTCUT_TEXT.redo})`;
  const historyHere = workspace === 'analyze' || onDashboard || onBoard || onReport || (inModel && !modelBusy) || (inClean && !cleanSaving);
  const runHistory = (name: 'undo' | 'redo'): void => {
    if (inModel) void useModelStore.getState()[name]();
    else if (onDashboard) performDashboardHistory(name);
    else if (inClean) useCleanStore.getState().performHistory(name);
    else if (onBoard) useBoardStore.getState().performHistory(name);
    else if (onReport) useReportStore.getState().performHistory(name);
    else performSheetHistory(name);
  };
  const nextLocale = locale === 'zh-CN' ? 'en' : 'zh-CN';

  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="logo" size={14} />
        </span>
        <span className="brand-name">{t('app.name')}</span>
        {info !== null && (
          <>
            <span className="brand-sep" aria-hidden="true">
              ·
            </span>
            <span className="brand-workbench" title={info.path} data-testid="workbench-name">
              {info.name}
            </span>
          </>
        )}
      </div>

      <div className="top-search" role="search">
        <Icon name="search" size={14} className="top-search-icon" />
        <input
          className="top-search-input"
          type="search"
          value={search}
          placeholder={t('toolbar.search')}
          aria-label={t('toolbar.search')}
          data-testid="field-search"
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setSearch('');
          }}
        />
      </div>

      <div className="top-actions">
        <button type="button" className="btn" onClick={() => document.getElementById('import-input')?.click()}>
          <Icon name="import" />
          {t('toolbar.import')}
        </button>
        <input
          ref={pickerRef}
          id="import-input"
          className="visually-hidden"
          type="file"
          multiple
          accept={IMPORT_ACCEPT}
          tabIndex={-1}
          aria-label={t('toolbar.chooseFiles')}
          data-testid="import-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length > 0) void importFiles(files);
          }}
        />
        <div className="top-divider" aria-hidden="true" />
        <button
          type="button"
          className="icon-btn"
          aria-label={t('toolbar.undo')}
          title={undoTitle}
          disabled={undoAction === undefined || !historyHere}
          onClick={() => runHistory('undo')}
          data-testid="undo"
        >
          <Icon name="undo" />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('toolbar.redo')}
          title={redoTitle}
          disabled={redoAction === undefined || !historyHere}
          onClick={() => runHistory('redo')}
          data-testid="redo"
        >
          <Icon name="redo" />
        </button>
        <button type="button" className="icon-btn" aria-label={t('shortcuts.open')} title={t('shortcuts.open')} onClick={() => setShortcutsOpen(true)} data-testid="shortcuts-open">
          <Icon name="keyboard" />
        </button>
        <div className="top-divider" aria-hidden="true" />
        <button
          type="button"
          className="lang-switch"
          data-testid="language-switch"
          aria-label={t(nextLocale === 'en' ? 'toolbar.switchToEnglish' : 'toolbar.switchToChinese')}
          title={t(nextLocale === 'en' ? 'toolbar.switchToEnglish' : 'toolbar.switchToChinese')}
          onClick={() => setLocale(nextLocale)}
        >
          <span className={locale === 'zh-CN' ? 'is-on' : undefined} lang="zh-CN">
            中
          </span>
          <span className={locale === 'en' ? 'is-on' : undefined} lang="en">
            EN
          </span>
        </button>
      </div>
    </header>
  );
}
