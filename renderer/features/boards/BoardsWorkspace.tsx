import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/locale-context';
import { WorkspaceLayout } from '../../app/WorkspaceLayout';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { Popover } from '../../ui/Popover';
import { RenamableTitle } from '../../ui/RenamableTitle';
import { ChartEmptyState } from '../chart/ChartEmptyState';
import { ActionsPanel } from './ActionsPanel';
import { moveCause } from './board-edits';
import { exportBoard, type BoardExportFormat } from './board-export';
import { useBoardStore, type BoardTab } from './board-store';
import { segmentText } from '../../../shared/board/board-text';
import { ExplainerPanel, type CandidateDragData } from './ExplainerPanel';
import { FishboneView, type CauseDragData } from './FishboneView';
import { HistoryPanel } from './HistoryPanel';
import { NewBoardDialog } from './NewBoardDialog';
import { NodeInspector } from './NodeInspector';
import { AddToReportButton } from '../reports/AddToReport';
import { ProblemBar, useFieldLabel } from './ProblemBar';
import './boards.css';

/** The boards of the workbench, newest last. */
function BoardList({ onNew }: { readonly onNew: () => void }) {
  const { t } = useT();
  const list = useBoardStore((s) => s.list);
  const open = useBoardStore((s) => s.open);
  const select = useBoardStore((s) => s.select);
  return (
    <nav className="dash-list" aria-label={t('board.list')}>
      <div className="panel-header">
        <h2 className="section-title">{t('board.list')}</h2>
        <button type="button" className="icon-btn" onClick={onNew} aria-label={t('board.new.title')} title={t('board.new.title')} data-testid="board-new">
          <Icon name="plus" />
        </button>
      </div>
      {list.map((b) => (
        <button
          key={b.id}
          type="button"
          className={`dash-list-item${open?.id === b.id ? ' is-active' : ''}`}
          aria-current={open?.id === b.id ? 'page' : undefined}
          onClick={() => void select(b.id)}
          data-testid="board-item"
        >
          <Icon name="fishbone" size={14} />
          <span className="dash-list-name">{b.name}</span>
          <span className="dash-list-count num" title={t('board.list.causes', { n: b.causes })}>
            {b.causes}
          </span>
        </button>
      ))}
    </nav>
  );
}

function ExportMenu() {
  const { t, locale } = useT();
  const anchor = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const run = (format: BoardExportFormat) => {
    setOpen(false);
    void exportBoard(format, locale);
  };
  return (
    <>
      <button ref={anchor} type="button" className="btn" onClick={() => setOpen(true)} aria-haspopup="menu" data-testid="board-export">
        <Icon name="export" />
        {t('board.export')}
      </button>
      {open && (
        <Popover anchor={anchor} label={t('board.export')} onClose={() => setOpen(false)} role="menu" testId="board-export-menu">
          {(['svg', 'png', 'pdf'] as const).map((format) => (
            <button key={format} type="button" role="menuitem" className="menu-item" onClick={() => run(format)} data-testid={`board-export-${format}`}>
              {t(`board.export.${format}`)}
            </button>
          ))}
        </Popover>
      )}
    </>
  );
}

function BoardHeader() {
  const { t } = useT();
  const open = useBoardStore((s) => s.open);
  const status = useBoardStore((s) => s.status);
  const rename = useBoardStore((s) => s.rename);
  const remove = useBoardStore((s) => s.remove);
  if (open === null) return null;
  return (
    <header className="dashboard-header board-header">
      <RenamableTitle text={open.name} value={open.name} label={t('board.rename')} hint={t('dashboard.renameHint')} testId="board-name" onRename={(name) => void rename(name)} />
      <span className="dashboard-status" role="status" data-testid="board-status">
        {t(status === 'failed' ? 'dashboard.saveFailed' : status === 'saved' ? 'dashboard.saved' : 'dashboard.saving')}
      </span>
      <div className="dashboard-actions">
        <AddToReportButton testId="board-add-to-report" blocks={() => [{ kind: 'board', boardId: open.id }, { kind: 'explainer', boardId: open.id }]} />
        <ExportMenu />
        <button
          type="button"
          className="icon-btn"
          aria-label={t('board.delete')}
          title={t('board.delete')}
          onClick={() => {
            if (window.confirm(t('board.deleteConfirm', { name: open.name }))) void remove(open.id);
          }}
        >
          <Icon name="trash" />
        </button>
      </div>
    </header>
  );
}

const TABS: readonly { readonly id: BoardTab; readonly label: 'board.tab.explain' | 'board.tab.node' | 'board.tab.actions' | 'board.tab.history' }[] = [
  { id: 'explain', label: 'board.tab.explain' },
  { id: 'node', label: 'board.tab.node' },
  { id: 'actions', label: 'board.tab.actions' },
  { id: 'history', label: 'board.tab.history' },
];

function BoardSide() {
  const { t } = useT();
  const tab = useBoardStore((s) => s.tab);
  const setTab = useBoardStore((s) => s.setTab);
  const open = useBoardStore((s) => s.open);
  if (open === null) return <p className="board-panel-empty">{t('board.side.empty')}</p>;
  return (
    <div className="board-side">
      <div className="board-tabs" role="tablist" aria-label={t('board.side.label')}>
        {TABS.map((x) => (
          <button key={x.id} type="button" role="tab" aria-selected={tab === x.id} className={`board-tab${tab === x.id ? ' is-active' : ''}`} onClick={() => setTab(x.id)} data-testid={`board-tab-${x.id}`}>
            {t(x.label)}
          </button>
        ))}
      </div>
      <div className="board-side-body" role="tabpanel">
        {tab === 'explain' ? <ExplainerPanel /> : tab === 'node' ? <NodeInspector /> : tab === 'actions' ? <ActionsPanel /> : <HistoryPanel />}
      </div>
    </div>
  );
}

/**
 * Root-cause boards: the list on the left; the problem, its fishbone and 5-Why chains in the middle;
 * the change explainer, the selected node, the actions and the history on the right. Candidates
 * drag from the explainer onto a bone; causes drag between bones.
 */
export function BoardsWorkspace() {
  const { t } = useT();
  const revision = useWorkbenchStore((s) => s.revision);
  const loaded = useBoardStore((s) => s.loaded);
  const open = useBoardStore((s) => s.open);
  const spec = useBoardStore((s) => s.spec);
  const load = useBoardStore((s) => s.load);
  const create = useBoardStore((s) => s.create);
  const edit = useBoardStore((s) => s.edit);
  const dropCandidate = useBoardStore((s) => s.dropCandidate);
  const [creating, setCreating] = useState(false);
  const fieldLabel = useFieldLabel(spec?.problem.table);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor));

  useEffect(() => {
    if (revision > 0) void load();
  }, [revision, load]);

  const onDragEnd = (event: DragEndEvent) => {
    const over = event.over?.data.current as { readonly boneId?: string } | undefined;
    const data = event.active.data.current as CandidateDragData | CauseDragData | undefined;
    if (over?.boneId === undefined || data === undefined) return;
    if (data.source === 'candidate') dropCandidate(data.candidate, over.boneId, segmentText(data.candidate.segment, fieldLabel, t('board.emptyValue')));
    else edit(moveCause(data.causeId, over.boneId));
  };

  let main;
  if (!loaded) main = <div className="chart-loading">{t('chart.loading')}</div>;
  else if (open === null)
    main = (
      <ChartEmptyState icon="fishbone" title={t('board.empty.title')} body={t('board.empty.body')}>
        <div className="empty-actions">
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="board-new-empty">
            <Icon name="plus" />
            {t('board.new.title')}
          </button>
        </div>
      </ChartEmptyState>
    );
  else
    main = (
      <>
        <BoardHeader />
        <ProblemBar />
        <FishboneView />
      </>
    );

  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <WorkspaceLayout left={<BoardList onNew={() => setCreating(true)} />} main={<div className="dashboard-main board-main">{main}</div>} right={<BoardSide />} />
      <NewBoardDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreate={(name, problem) => {
          setCreating(false);
          void create(name, problem);
        }}
      />
    </DndContext>
  );
}
