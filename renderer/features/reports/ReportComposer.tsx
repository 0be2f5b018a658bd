import { closestCenter, DndContext, DragOverlay, KeyboardSensor, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ReportBlock, ReportBlockKind, ReportSpec } from '../../../shared/spec/report-spec';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon, type IconName } from '../../ui/Icon';
import { PointMenu, type PointMenuItem } from '../../ui/PointMenu';
import { api } from '../../api/client';
import { resetStepKeyboardPosition, stepKeyboardCoordinates } from '../clean/step-keyboard-coordinates';
import { addBlock, duplicateBlock, moveBlock, moveBlockTo, removeBlock, type NewReportBlock } from './report-edits';
import { useReportNames } from './report-names';
import { useReportStore, type ReportCatalog } from './report-store';
import { BLOCK_KIND_KEYS, blockChips, blockText } from './report-text';

export const BLOCK_ICONS: Readonly<Record<ReportBlockKind, IconName>> = {
  title: 'report',
  heading: 'heading',
  text: 'text',
  kpis: 'hash',
  chart: 'bar',
  dashboard: 'dashboard',
  table: 'table',
  board: 'fishbone',
  explainer: 'line',
  actions: 'check',
  pageBreak: 'pageBreak',
};

const MENU_GROUPS: readonly (readonly ReportBlockKind[])[] = [
  ['title', 'heading', 'text'],
  ['kpis', 'chart', 'table', 'dashboard'],
  ['board', 'explainer', 'actions'],
  ['pageBreak'],
];

/** The charts a table block can show: saved tables and pivots. */
export const tableCharts = (catalog: ReportCatalog) => catalog.charts.filter((c) => c.kind === 'table' || c.kind === 'pivot');

/** The catalogue metrics of the table with the most of them (the tickets table, once its roles are mapped). */
export function useKpiChoice(): { readonly table: string; readonly metrics: readonly string[] } | null {
  const metrics = useWorkbenchStore((s) => s.metrics);
  return useMemo(() => {
    const best = Object.entries(metrics).sort(([, a], [, b]) => b.length - a.length)[0];
    return best === undefined || best[1].length === 0 ? null : { table: best[0], metrics: best[1].map((m) => m.id) };
  }, [metrics]);
}

/** A new block of a kind with what it shows first (the first saved chart, dashboard or board; the editor changes it). */
function newBlock(kind: ReportBlockKind, spec: ReportSpec, name: string, catalog: ReportCatalog, kpi: ReturnType<typeof useKpiChoice>): NewReportBlock | null {
  const context = { filters: [], period: spec.period };
  switch (kind) {
    case 'title':
      return { kind, title: name, subtitle: '' };
    case 'heading':
      return { kind, text: '', level: 1 };
    case 'text':
      return { kind, markdown: '' };
    case 'kpis':
      return kpi === null ? null : { kind, table: kpi.table, metrics: kpi.metrics.slice(0, 4), context };
    case 'chart':
      return catalog.charts[0] === undefined ? null : { kind, chart: { chartId: catalog.charts[0].id }, context };
    case 'dashboard':
      return catalog.dashboards[0] === undefined ? null : { kind, dashboardId: catalog.dashboards[0].id, context };
    case 'board':
    case 'explainer':
      return catalog.boards[0] === undefined ? null : { kind, boardId: catalog.boards[0].id };
    case 'actions':
      return { kind, boardId: null };
    case 'pageBreak':
      return { kind };
    case 'table':
      return null;
  }
}

/** The Add block menu: every kind; a kind with nothing to show yet is greyed out. */
function AddBlockMenu(props: { readonly at: { readonly x: number; readonly y: number }; readonly index: number; readonly onClose: () => void }) {
  const { t } = useT();
  const spec = useReportStore((s) => s.spec);
  const open = useReportStore((s) => s.open);
  const catalog = useReportStore((s) => s.catalog);
  const add = useReportStore((s) => s.add);
  const kpi = useKpiChoice();
  const tables = tableCharts(catalog);
  const item = (kind: ReportBlockKind): PointMenuItem => {
    const block = newBlock(kind, spec, open?.name ?? '', catalog, kpi);
    const disabled = kind === 'table' ? tables.length === 0 : block === null;
    return {
      key: kind,
      text: t(kind === 'chart' ? 'reports.field.chart' : BLOCK_KIND_KEYS[kind]),
      icon: BLOCK_ICONS[kind],
      disabled,
      onSelect: () => {
        if (block !== null) add(addBlock(block, props.index));
        else if (tables[0] !== undefined)
          void api()
            .getChart({ id: tables[0].id })
            .then((chart) => add(addBlock({ kind: 'table', spec: chart.spec, title: { en: chart.name, 'zh-CN': chart.name }, context: { filters: [], period: spec.period } }, props.index)));
      },
    };
  };
  return <PointMenu at={props.at} title={t('reports.addBlock')} groups={MENU_GROUPS.map((g) => g.map(item))} onClose={props.onClose} testId="report-add-menu" />;
}

/** A thin place between two blocks that opens the Add block menu for that place. */
function Inserter({ index, onOpen }: { readonly index: number; readonly onOpen: (index: number, at: { x: number; y: number }) => void }) {
  const { t } = useT();
  return (
    <button
      type="button"
      className="report-inserter"
      aria-label={t('reports.addBlockAt', { n: index + 1 })}
      title={t('reports.addBlockAt', { n: index + 1 })}
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        onOpen(index, { x: box.left + box.width / 2 - 90, y: box.bottom });
      }}
    >
      <Icon name="plus" size={12} />
    </button>
  );
}

/**
 * The report's blocks in order, each a card saying what it shows and the period and filters its
 * numbers use. Cards move by their handle (the mouse, or Space and the arrow keys), by Alt+↑/↓ or
 * their buttons; Delete removes the focused card; every change is one edit that undo takes back.
 */
export function ReportComposer() {
  const { t } = useT();
  const spec = useReportStore((s) => s.spec);
  const [menu, setMenu] = useState<{ index: number; at: { x: number; y: number } } | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const openMenu = (index: number, at: { x: number; y: number }) => setMenu({ index, at });
  return (
    <div className="report-composer">
      <BlockDndContext spec={spec}>
        <ol className="report-blocks" aria-label={t('reports.blocks')} data-testid="report-blocks">
          {spec.blocks.map((block, i) => (
            <BlockCard key={block.id} block={block} index={i} count={spec.blocks.length} inserter={i > 0 ? <Inserter index={i} onOpen={openMenu} /> : null} />
          ))}
        </ol>
      </BlockDndContext>
      <button
        ref={addRef}
        type="button"
        className="btn report-add"
        aria-haspopup="menu"
        onClick={() => {
          const box = addRef.current?.getBoundingClientRect();
          openMenu(spec.blocks.length, box === undefined ? { x: 0, y: 0 } : { x: box.left, y: box.bottom });
        }}
        data-testid="report-add-block"
      >
        <Icon name="plus" size={14} />
        {t('reports.addBlock')}
      </button>
      {menu !== null && <AddBlockMenu at={menu.at} index={menu.index} onClose={() => setMenu(null)} />}
    </div>
  );
}

function BlockDndContext({ spec, children }: { readonly spec: ReportSpec; readonly children: ReactNode }) {
  const { t } = useT();
  const edit = useReportStore((s) => s.edit);
  const names = useReportNames();
  const [dragging, setDragging] = useState<ReportBlock | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: stepKeyboardCoordinates }));
  const place = (id: UniqueIdentifier | undefined): number => spec.blocks.findIndex((b) => b.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('reports.dnd.start', { n: place(active.id) }),
    onDragOver: ({ active, over }) => (over === null ? undefined : t('reports.dnd.over', { n: place(active.id), to: place(over.id) })),
    onDragEnd: ({ active, over }) => (over === null ? t('reports.dnd.cancel', { n: place(active.id) }) : t('reports.dnd.drop', { n: place(active.id), to: place(over.id) })),
    onDragCancel: ({ active }) => t('reports.dnd.cancel', { n: place(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (over === null || over.id === active.id) return;
    edit(moveBlockTo(String(active.id), place(over.id) - 1));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('reports.dnd.instructions') } }}
      onDragStart={({ active }) => {
        resetStepKeyboardPosition(active.id);
        setDragging(spec.blocks.find((b) => b.id === active.id) ?? null);
      }}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {dragging === null ? null : (
          <div className="report-card report-card-overlay is-selected">
            <span className="report-card-kind">
              <Icon name={BLOCK_ICONS[dragging.kind]} size={14} />
              {t(BLOCK_KIND_KEYS[dragging.kind])}
            </span>
            <span className="report-card-text">{blockText(dragging, names, t)}</span>
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}

function BlockCard(props: { readonly block: ReportBlock; readonly index: number; readonly count: number; readonly inserter: ReactNode }) {
  const { t } = useT();
  const { block, index, count } = props;
  const selected = useReportStore((s) => s.selected === block.id);
  const selectBlock = useReportStore((s) => s.selectBlock);
  const edit = useReportStore((s) => s.edit);
  const names = useReportNames();
  const drag = useDraggable({ id: block.id });
  const drop = useDroppable({ id: block.id });
  const mainRef = useRef<HTMLButtonElement>(null);
  const spec = useReportStore((s) => s.spec);
  const from = drop.active === null ? -1 : spec.blocks.findIndex((b) => b.id === drop.active!.id);
  const target = drop.isOver && from >= 0 && from !== index ? (from > index ? ' is-drop-before' : ' is-drop-after') : '';
  const chips = blockChips(block, names, t);
  const text = blockText(block, names, t);
  const move = (delta: -1 | 1) => {
    edit(moveBlock(block.id, delta));
    // the card is drawn again at its new place; keep the keyboard on it
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-block-id="${block.id}"] .report-card-main`)?.focus());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== mainRef.current) return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      move(event.key === 'ArrowUp' ? -1 : 1);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      edit(removeBlock(block.id));
    }
  };
  return (
    <>
      {props.inserter !== null && <li className="report-inserter-row">{props.inserter}</li>}
      <li
        ref={(node) => {
          drag.setNodeRef(node);
          drop.setNodeRef(node);
        }}
        className={`report-card${selected ? ' is-selected' : ''}${drag.isDragging ? ' is-dragging' : ''}${block.kind === 'pageBreak' ? ' is-break' : ''}${target}`}
        data-testid="report-block"
        data-kind={block.kind}
        data-block-id={block.id}
        onKeyDown={onKeyDown}
      >
        <button type="button" className="report-card-grip" {...drag.attributes} {...drag.listeners} aria-label={t('reports.block.drag', { n: index + 1 })} title={t('reports.block.drag', { n: index + 1 })}>
          <Icon name="grip" size={12} />
        </button>
        <button ref={mainRef} type="button" className="report-card-main" onClick={() => selectBlock(block.id)} aria-current={selected ? 'true' : undefined} data-testid="report-block-main">
          <span className="report-card-kind" data-testid="report-block-kind">
            <Icon name={BLOCK_ICONS[block.kind]} size={14} />
            {t(BLOCK_KIND_KEYS[block.kind])}
          </span>
          <span className={`report-card-text${text === '' ? ' is-empty' : ''}`} data-testid="report-block-text">
            {text === '' ? t('reports.text.empty') : text}
          </span>
          {chips.length > 0 && (
            <span className="report-card-chips">
              {chips.map((chip, i) => (
                <span key={i} className={`report-chip${i === 0 ? ' is-period' : ''}`} data-testid="report-chip">
                  {i === 0 && 'context' in block && <Icon name="calendar" size={11} />}
                  {i > 0 && <Icon name="filter" size={11} />}
                  {chip}
                </span>
              ))}
            </span>
          )}
        </button>
        <span className="report-card-actions">
          <button type="button" className="icon-btn" disabled={index === 0} onClick={() => move(-1)} aria-label={t('reports.block.up')} title={t('reports.block.up')} data-testid="report-block-up">
            <Icon name="chevronUp" size={13} />
          </button>
          <button type="button" className="icon-btn" disabled={index === count - 1} onClick={() => move(1)} aria-label={t('reports.block.down')} title={t('reports.block.down')} data-testid="report-block-down">
            <Icon name="chevronDown" size={13} />
          </button>
          <button type="button" className="icon-btn" onClick={() => edit(duplicateBlock(block.id))} aria-label={t('reports.block.duplicate')} title={t('reports.block.duplicate')}>
            <Icon name="copy" size={13} />
          </button>
          <button type="button" className="icon-btn" onClick={() => edit(removeBlock(block.id))} aria-label={t('reports.block.remove')} title={t('reports.block.remove')} data-testid="report-block-remove">
            <Icon name="trash" size={13} />
          </button>
        </span>
      </li>
    </>
  );
}
