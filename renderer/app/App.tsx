import { useEffect } from 'react';
import { FileDropOverlay } from '../features/import/FileDropOverlay';
import { ImportDialog } from '../features/import/ImportDialog';
import { CalculatedFieldDialog } from '../features/model/CalculatedFieldDialog';
import { MetricDialog } from '../features/model/MetricDialog';
import { useModelStore } from '../features/model/model-store';
import { ModelWorkspace } from '../features/model/ModelWorkspace';
import { CleanWorkspace } from '../features/clean/CleanWorkspace';
import { useCleanStore } from '../features/clean/clean-store';
import { ShelfDndContext } from '../features/shelves/ShelfDndContext';
import { useSheetsStore } from '../features/sheets/sheets-store';
import { StatusBar } from '../features/status-bar/StatusBar';
import { ToastStack } from '../features/toasts/ToastStack';
import { useT } from '../i18n/locale-context';
import { useUiStore } from '../state/ui-store';
import { useWorkbenchStore } from '../state/workbench-store';
import { AnalyzeWorkspace } from './AnalyzeWorkspace';
import { DataWorkspace } from './DataWorkspace';
import { DashboardsWorkspace } from '../features/dashboards/DashboardsWorkspace';
import { BoardsWorkspace } from '../features/boards/BoardsWorkspace';
import { ReportsWorkspace } from '../features/reports/ReportsWorkspace';
import { ShortcutsDialog } from './ShortcutsDialog';
import { TopBar } from './TopBar';
import { useEngineEvents, useHistoryShortcuts } from './use-app-events';
import { WorkspaceRail } from './WorkspaceRail';
import './app.css';

export function App() {
  const { t, locale, setLocale } = useT();
  const workspace = useUiStore((s) => s.workspace);
  const workbenchName = useWorkbenchStore((s) => s.info?.name);
  const workbenchPath = useWorkbenchStore((s) => (s.status === 'ready' ? (s.info?.path ?? null) : undefined));
  useEngineEvents(setLocale);
  useHistoryShortcuts();

  // each workbench opens on its own sheets (the first made for a new one)
  useEffect(() => {
    if (workbenchPath === undefined || workbenchPath === null) return;
    // undo steps belong to the workbench they were made in
    useModelStore.getState().forget();
    useCleanStore.getState().forget();
    void useSheetsStore.getState().load(locale);
    // the locale only names a first sheet; switching language must not reload the sheets
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workbenchPath]);

  useEffect(() => {
    // the product keeps its Latin name beside the Chinese one, so windows are findable in any language
    const product = locale === 'en' ? t('app.name') : `${t('app.name')} · Rootwise`;
    document.title = workbenchName === undefined ? product : `${workbenchName} — ${product}`;
  }, [t, locale, workbenchName]);

  return (
    <ShelfDndContext>
      <div className="app">
        <TopBar />
        <div className="app-body">
          <WorkspaceRail />
          {workspace === 'analyze' ? <AnalyzeWorkspace /> : workspace === 'dashboards' ? <DashboardsWorkspace /> : workspace === 'boards' ? <BoardsWorkspace /> : workspace === 'reports' ? <ReportsWorkspace /> : workspace === 'model' ? <ModelWorkspace /> : workspace === 'clean' ? <CleanWorkspace /> : <DataWorkspace />}
        </div>
        <StatusBar />
      </div>
      <ToastStack />
      <FileDropOverlay />
      <ImportDialog />
      <ShortcutsDialog />
      <CalculatedFieldDialog />
      <MetricDialog />
    </ShelfDndContext>
  );
}
