import { useDraggable, useDroppable, useDndContext } from '@dnd-kit/core';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { BoardCause } from '../../../shared/spec/board-spec';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { addCategory, addCause, editCauseText, nextId, removeCause, renameCategory, toggleCollapsed } from './board-edits';
import { useBoardStore } from './board-store';
import type { FishboneBoneLayout, FishboneCauseLayout, FishboneTextLine } from '../../../shared/board/fishbone-layout';
import type { Rect } from '../../../shared/board/fishbone-geometry';
import { boardLayout, windowMeasure, type BoardLayout } from './board-layout';
import { categoryName } from '../../../shared/board/board-view';
import { STATUS_LABEL } from '../../../shared/board/board-text';

/** What a cause dragged to another bone carries. */
export interface CauseDragData {
  readonly source: 'cause';
  readonly causeId: string;
}

const ZOOMS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2] as const;

/** The drawing's font: the app's, with the CJK font it ships. */
export const FISHBONE_FONT = '"Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';

/** Where a text box is being edited: a cause's text, a bone's name, or a new cause on a bone. */
type Editing = { readonly kind: 'cause'; readonly id: string } | { readonly kind: 'bone'; readonly id: string } | { readonly kind: 'new'; readonly boneId: string; readonly parentId: string | null } | null;

/** Wrapped lines, each at its own baseline. */
function TextLines({ lines, fontSize, className }: { readonly lines: readonly FishboneTextLine[]; readonly fontSize: number; readonly className: string }) {
  return (
    <text className={className} fontSize={fontSize}>
      {lines.map((line, i) => (
        <tspan key={i} x={line.x} y={line.y}>
          {line.text}
        </tspan>
      ))}
    </text>
  );
}

function CauseBox({ laid, fontSize, cause, selected, onSelect, onEdit, onToggle }: { readonly laid: FishboneCauseLayout; readonly fontSize: number; readonly cause: BoardCause; readonly selected: boolean; readonly onSelect: () => void; readonly onEdit: () => void; readonly onToggle: () => void }) {
  const { t } = useT();
  const data: CauseDragData = { source: 'cause', causeId: cause.id };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `cause:${cause.id}`, data });
  const { rect } = laid;
  const evidence = cause.evidence.length;
  return (
    <g
      ref={(el) => setNodeRef(el as unknown as HTMLElement | null)}
      className={`fishbone-cause is-${cause.status}${selected ? ' is-selected' : ''}${isDragging ? ' is-dragging' : ''}`}
      data-testid="fishbone-cause"
      data-cause={cause.id}
      {...listeners}
      {...attributes}
      tabIndex={-1}
      role="treeitem"
      aria-selected={selected}
      aria-label={`${cause.text} · ${t(STATUS_LABEL[cause.status])}`}
      onClick={(e) => {
        e.stopPropagation();
        onSelect();
      }}
      onDoubleClick={(e) => {
        e.stopPropagation();
        onEdit();
      }}
    >
      <polyline className="fishbone-connector" points={laid.connector.map((p) => `${p.x},${p.y}`).join(' ')} />
      <rect className="fishbone-cause-box" x={rect.x} y={rect.y} width={rect.width} height={rect.height} rx={4} />
      <rect className="fishbone-cause-status" x={rect.x} y={rect.y} width={3} height={rect.height} rx={1.5} />
      <TextLines className="fishbone-cause-text" lines={laid.lines} fontSize={fontSize} />
      {laid.badge !== null && (
        <g
          className="fishbone-collapsed"
          onClick={(e) => {
            e.stopPropagation();
            onToggle();
          }}
        >
          <title>{t('board.fishbone.hidden', { n: laid.hiddenDescendants })}</title>
          <rect x={laid.badge.rect.x} y={laid.badge.rect.y} width={laid.badge.rect.width} height={laid.badge.rect.height} rx={laid.badge.rect.height / 2} />
          <text x={laid.badge.rect.x + laid.badge.rect.width / 2} y={laid.badge.rect.y + laid.badge.rect.height / 2} textAnchor="middle" dominantBaseline="central" fontSize={fontSize * 0.8}>
            {laid.badge.text}
          </text>
        </g>
      )}
      {evidence > 0 && (
        <circle className="fishbone-evidence-dot" cx={rect.x + rect.width} cy={rect.y} r={3.5}>
          <title>{t('board.evidence.title', { n: evidence })}</title>
        </circle>
      )}
    </g>
  );
}

function BoneDrop({ bone, area, fontSize, label, onAdd, onRename }: { readonly bone: FishboneBoneLayout; readonly area: Rect; readonly fontSize: number; readonly label: string; readonly onAdd: () => void; readonly onRename: () => void }) {
  const { t } = useT();
  const { setNodeRef, isOver } = useDroppable({ id: `bone:${bone.id}`, data: { boneId: bone.id } });
  const { active } = useDndContext();
  const box = bone.label;
  return (
    <g className={`fishbone-bone${isOver ? ' is-over' : ''}${active !== null ? ' is-droppable' : ''}`} data-testid="fishbone-bone" data-bone={bone.id}>
      <rect ref={(el) => setNodeRef(el as unknown as HTMLElement | null)} className="fishbone-bone-area" x={area.x} y={area.y} width={area.width} height={area.height} rx={8} />
      <line className="fishbone-bone-line" x1={bone.line.x1} y1={bone.line.y1} x2={bone.line.x2} y2={bone.line.y2} />
      <g className="fishbone-bone-label" onDoubleClick={onRename}>
        <rect x={box.rect.x} y={box.rect.y} width={box.rect.width} height={box.rect.height} rx={box.rect.height / 2} />
        <TextLines className="fishbone-bone-text" lines={box.lines} fontSize={fontSize} />
      </g>
      <g
        className="fishbone-bone-add"
        role="button"
        aria-label={t('board.fishbone.addCause', { bone: label })}
        data-testid="fishbone-add-cause"
        onClick={(e) => {
          e.stopPropagation();
          onAdd();
        }}
      >
        <title>{t('board.fishbone.addCause', { bone: label })}</title>
        <circle cx={box.rect.x + box.rect.width + 12} cy={box.rect.y + box.rect.height / 2} r={9} />
        <path d={`M${box.rect.x + box.rect.width + 8} ${box.rect.y + box.rect.height / 2}h8M${box.rect.x + box.rect.width + 12} ${box.rect.y + box.rect.height / 2 - 4}v8`} />
      </g>
    </g>
  );
}

/** The order keyboard navigation walks: bones left to right, causes in layout order on each. */
function causeOrder(layout: BoardLayout): string[][] {
  return layout.bones.map((bone) => layout.causes.filter((c) => c.boneId === bone.id).map((c) => c.id));
}

/** The text box placed over the drawing where a cause, a bone or a new cause is being written. */
function EditBox({ at, initial, zoom, label, onDone }: { readonly at: { x: number; y: number; width: number; height: number }; readonly initial: string; readonly zoom: number; readonly label: string; readonly onDone: (text: string | null) => void }) {
  const [text, setText] = useState(initial);
  const done = useRef(false);
  const finish = (value: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(value);
  };
  return (
    <textarea
      className="fishbone-edit input"
      style={{ left: at.x * zoom, top: at.y * zoom, width: Math.max(160, at.width * zoom), minHeight: Math.max(30, at.height * zoom) }}
      value={text}
      aria-label={label}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => finish(text)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          finish(text);
        }
        if (e.key === 'Escape') {
          e.preventDefault();
          finish(null);
        }
      }}
      data-testid="fishbone-edit"
    />
  );
}

/**
 * The fishbone: the problem at the head, the bones with their causes laid out so no labels overlap
 * however many there are. Click selects, double-click (or Enter) edits in place, drag moves a cause
 * to another bone, + on a bone adds a cause; arrows walk the causes, Delete removes, Insert adds a
 * sub-cause, Space collapses; Ctrl + wheel or the buttons zoom.
 */
export function FishboneView() {
  const { t, locale } = useT();
  const spec = useBoardStore((s) => s.spec);
  const selected = useBoardStore((s) => s.selected);
  const selectNode = useBoardStore((s) => s.selectNode);
  const edit = useBoardStore((s) => s.edit);
  // null: fit the drawing to the frame's width (at most 150 %), until the user zooms
  const [chosenZoom, setZoom] = useState<number | null>(null);
  const [frameWidth, setFrameWidth] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const frame = useRef<HTMLDivElement>(null);
  // the effect at the fish's head: the board's name, which states the problem
  const effect = useBoardStore((s) => s.open?.name ?? '');
  const layout = useMemo(() => (spec === null ? null : boardLayout(spec, { effect, boneName: (c) => categoryName(c, t), measure: windowMeasure(FISHBONE_FONT) })), [spec, effect, t]);

  const hasLayout = layout !== null;
  const fitZoom = layout === null || frameWidth === 0 ? 1 : Math.max(0.5, Math.min(1.5, (frameWidth - 24) / layout.width));
  const zoom = chosenZoom ?? fitZoom;
  const fitZoomRef = useRef(fitZoom);
  useEffect(() => {
    fitZoomRef.current = fitZoom;
  }, [fitZoom]);

  useEffect(() => {
    const el = frame.current;
    if (el === null) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      setZoom((z) => step(z ?? fitZoomRef.current, event.deltaY < 0 ? 1 : -1));
    };
    const observer = new ResizeObserver(() => setFrameWidth(el.clientWidth));
    observer.observe(el);
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      el.removeEventListener('wheel', onWheel);
    };
  }, [hasLayout]);

  if (spec === null || layout === null) return null;
  const causes = new Map(spec.causes.map((c) => [c.id, c]));
  const order = causeOrder(layout);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (editing !== null) return;
    const at = selected === null ? undefined : order.findIndex((ids) => ids.includes(selected));
    const move = (boneIndex: number, index: number) => {
      const ids = order[boneIndex];
      const id = ids?.[Math.max(0, Math.min(ids.length - 1, index))];
      if (id !== undefined) selectNode(id);
    };
    if (['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(event.key)) {
      event.preventDefault();
      if (at === undefined || at < 0) {
        const first = order.findIndex((ids) => ids.length > 0);
        if (first >= 0) move(first, 0);
        return;
      }
      const index = order[at]!.indexOf(selected!);
      if (event.key === 'ArrowDown') move(at, index + 1);
      else if (event.key === 'ArrowUp') move(at, index - 1);
      else {
        const direction = event.key === 'ArrowRight' ? 1 : -1;
        for (let b = at + direction; b >= 0 && b < order.length; b += direction)
          if (order[b]!.length > 0) {
            move(b, Math.min(index, order[b]!.length - 1));
            break;
          }
      }
      return;
    }
    if (selected === null || !causes.has(selected)) return;
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      setEditing({ kind: 'cause', id: selected });
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      edit(removeCause(selected));
      selectNode(null);
    } else if (event.key === 'Insert' || event.key === '+') {
      event.preventDefault();
      setEditing({ kind: 'new', boneId: causes.get(selected)!.categoryId, parentId: selected });
    } else if (event.key === ' ') {
      event.preventDefault();
      edit(toggleCollapsed(selected));
    }
  };

  const editBox = (() => {
    if (editing === null) return null;
    if (editing.kind === 'cause') {
      const laid = layout.causes.find((c) => c.id === editing.id);
      const cause = causes.get(editing.id);
      if (laid === undefined || cause === undefined) return null;
      return (
        <EditBox
          at={laid.rect}
          initial={cause.text}
          zoom={zoom}
          label={t('board.node.text')}
          onDone={(text) => {
            setEditing(null);
            if (text !== null && text.trim() !== '' && text.trim() !== cause.text) edit(editCauseText(cause.id, text));
            frame.current?.focus();
          }}
        />
      );
    }
    const bone = layout.bones.find((b) => b.id === (editing.kind === 'bone' ? editing.id : editing.boneId));
    if (bone === undefined) return null;
    const category = spec.categories.find((c) => c.id === bone.id)!;
    if (editing.kind === 'bone')
      return (
        <EditBox
          at={bone.label.rect}
          initial={categoryName(category, t)}
          zoom={zoom}
          label={t('board.fishbone.renameBone')}
          onDone={(text) => {
            setEditing(null);
            if (text !== null && text.trim() !== categoryName(category, t)) edit(renameCategory(bone.id, text));
          }}
        />
      );
    const parent = editing.parentId === null ? undefined : layout.causes.find((c) => c.id === editing.parentId);
    const at = parent === undefined ? { ...bone.label.rect, y: bone.label.rect.y + (bone.side === 'top' ? bone.label.rect.height + 4 : -34) } : { ...parent.rect, y: parent.rect.y + parent.rect.height + 4 };
    return (
      <EditBox
        at={at}
        initial=""
        zoom={zoom}
        label={t('board.fishbone.newCause')}
        onDone={(text) => {
          setEditing(null);
          if (text !== null && text.trim() !== '') {
            const id = nextId(spec, 'cause');
            edit(addCause(bone.id, text, { parentId: editing.parentId }));
            selectNode(id);
          }
          frame.current?.focus();
        }}
      />
    );
  })();

  return (
    <section className="fishbone" aria-label={t('board.fishbone.label')} data-testid="fishbone">
      <div className="fishbone-toolbar">
        <button type="button" className="btn btn-quiet" onClick={() => edit(addCategory(t('board.fishbone.newBone')))} data-testid="fishbone-add-bone">
          <Icon name="plus" />
          {t('board.fishbone.addBone')}
        </button>
        <span className="fishbone-hint">{t('board.fishbone.hint')}</span>
        <div className="fishbone-zoom" role="group" aria-label={t('board.fishbone.zoom')}>
          <button type="button" className="icon-btn" onClick={() => setZoom(step(zoom, -1))} aria-label={t('board.fishbone.zoomOut')} title={t('board.fishbone.zoomOut')}>
            <Icon name="zoomOut" />
          </button>
          <button type="button" className="btn btn-quiet num fishbone-zoom-value" onClick={() => setZoom(null)} title={t('board.fishbone.zoomReset')} data-testid="fishbone-zoom">
            {Math.round(zoom * 100)}%
          </button>
          <button type="button" className="icon-btn" onClick={() => setZoom(step(zoom, 1))} aria-label={t('board.fishbone.zoomIn')} title={t('board.fishbone.zoomIn')}>
            <Icon name="zoomIn" />
          </button>
        </div>
      </div>
      <div
        ref={frame}
        className="fishbone-frame"
        tabIndex={0}
        role="tree"
        aria-label={t('board.fishbone.label')}
        onKeyDown={onKeyDown}
        onClick={() => selectNode(null)}
        data-testid="fishbone-frame"
      >
        <div className="fishbone-canvas" style={{ width: layout.width * zoom, height: layout.height * zoom }}>
          <svg style={{ fontFamily: FISHBONE_FONT }} width={layout.width * zoom} height={layout.height * zoom} viewBox={`0 0 ${layout.width} ${layout.height}`} lang={locale} data-testid="fishbone-svg">
            <line className="fishbone-spine" x1={layout.spine.x1} y1={layout.spine.y1} x2={layout.spine.x2} y2={layout.spine.y2} />
            {layout.bones.map((bone) => {
              const category = spec.categories.find((c) => c.id === bone.id);
              if (category === undefined) return null;
              return (
                <BoneDrop
                  key={bone.id}
                  bone={bone}
                  area={layout.areas.get(bone.id)!}
                  fontSize={layout.boneFontSize}
                  label={categoryName(category, t)}
                  onAdd={() => setEditing({ kind: 'new', boneId: bone.id, parentId: null })}
                  onRename={() => setEditing({ kind: 'bone', id: bone.id })}
                />
              );
            })}
            {layout.causes.map((laid) => {
              const cause = causes.get(laid.id);
              if (cause === undefined) return null;
              return (
                <CauseBox
                  key={laid.id}
                  laid={laid}
                  fontSize={layout.fontSize}
                  cause={cause}
                  selected={selected === laid.id}
                  onSelect={() => {
                    selectNode(laid.id);
                    frame.current?.focus();
                  }}
                  onEdit={() => setEditing({ kind: 'cause', id: laid.id })}
                  onToggle={() => edit(toggleCollapsed(laid.id))}
                />
              );
            })}
            <g className="fishbone-head" data-testid="fishbone-head">
              <rect className="fishbone-head-shape" x={layout.head.rect.x} y={layout.head.rect.y} width={layout.head.rect.width} height={layout.head.rect.height} rx={10} />
              <TextLines className="fishbone-head-text" lines={layout.head.lines} fontSize={layout.headFontSize} />
            </g>
          </svg>
          {editBox}
        </div>
      </div>
    </section>
  );
}

/** The next zoom step above (or below) the current zoom, which may lie between steps when fitted. */
export function step(zoom: number, by: 1 | -1): number {
  if (by > 0) return ZOOMS.find((z) => z > zoom + 1e-9) ?? ZOOMS[ZOOMS.length - 1]!;
  return [...ZOOMS].reverse().find((z) => z < zoom - 1e-9) ?? ZOOMS[0];
}
