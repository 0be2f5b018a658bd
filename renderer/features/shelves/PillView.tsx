import { useDraggable } from '@dnd-kit/core';
import { useRef, type KeyboardEvent } from 'react';
import { performAction } from '../../actions/perform-action';
import { useT } from '../../i18n/locale-context';
import { isMeasureShelf, isMetric, isRecordCount, type Pill, type ShelfId } from '../../../shared/chart/sheet-state';
import { useUiStore } from '../../state/ui-store';
import { Icon } from '../../ui/Icon';
import { FieldGlyph } from '../data-panel/FieldGlyph';
import { pillDragId, type DragData } from './drag-data';
import { FilterValuePicker } from './FilterValuePicker';
import { PillMenu } from './PillMenu';
import { pillTag } from '../../../shared/chart/pill-text';

function hasOptions(pill: Pill, shelf: ShelfId): boolean {
  if (shelf === 'filters') return true;
  // a metric aggregates by its own definition: nothing to choose
  if (isMeasureShelf(shelf)) return !isRecordCount(pill) && !isMetric(pill);
  return pill.kind === 'temporal';
}

/** A field on a shelf: drag it to another shelf (or off the shelves to remove it), click it for options. */
export function PillView({ pill, shelf, index }: { readonly pill: Pill; readonly shelf: ShelfId; readonly index: number }) {
  const { t, label, locale } = useT();
  const openMode = useUiStore((s) => (s.openPill?.pillId === pill.id ? s.openPill.mode : null));
  const setOpenPill = useUiStore((s) => s.setOpenPill);
  const anchor = useRef<HTMLDivElement>(null);
  const data: DragData = { source: 'pill', shelf, index, pill };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: pillDragId(pill), data });

  const name = label(pill.label);
  const tag = pillTag(locale, pill, shelf);
  const options = hasOptions(pill, shelf);
  const remove = () => performAction('removeField', { shelf, index });
  const open = () => setOpenPill({ pillId: pill.id, mode: shelf === 'filters' ? 'filter' : 'menu' });
  const close = () => setOpenPill(null);
  const role = isMeasureShelf(shelf) ? 'measure' : 'dimension';

  return (
    <div
      ref={anchor}
      className={`pill pill-${role}${shelf === 'filters' ? ' pill-filter' : ''}${isDragging ? ' is-dragging' : ''}`}
      data-testid={`pill-${shelf}-${index}`}
    >
      <button
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        type="button"
        className="pill-main"
        aria-haspopup={options ? (shelf === 'filters' ? 'dialog' : 'menu') : undefined}
        aria-expanded={options ? openMode !== null : undefined}
        aria-keyshortcuts="Delete"
        title={`${name}${tag === undefined ? '' : ` · ${tag}`} — ${t('shelf.pillHelp')}`}
        onClick={options ? open : undefined}
        onKeyDown={(event: KeyboardEvent<HTMLButtonElement>) => {
          if (event.key === 'Delete' || event.key === 'Backspace') {
            event.preventDefault();
            remove();
            return;
          }
          const startKeyboardDrag = listeners?.onKeyDown as ((e: KeyboardEvent<HTMLButtonElement>) => void) | undefined;
          startKeyboardDrag?.(event);
        }}
      >
        <FieldGlyph kind={pill.kind} metric={pill.metric !== undefined} />
        <span className="pill-label">{name}</span>
        {tag !== undefined && <span className="pill-tag">{tag}</span>}
        {options && <Icon name="caretDown" size={12} className="pill-caret" />}
      </button>
      <button type="button" className="pill-remove" aria-label={t('shelf.remove', { field: name })} title={t('shelf.remove', { field: name })} onClick={remove}>
        <Icon name="close" size={12} />
      </button>
      {openMode === 'menu' && <PillMenu pill={pill} shelf={shelf} index={index} anchor={anchor} onClose={close} />}
      {openMode === 'filter' && <FilterValuePicker pill={pill} onApply={(filter) => performAction('setFilterValues', { index, filter })} anchor={anchor} onClose={close} />}
    </div>
  );
}
