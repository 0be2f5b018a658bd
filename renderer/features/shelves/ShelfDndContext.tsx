import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type Over,
} from '@dnd-kit/core';
import { useState, type ReactNode } from 'react';
import { SHELF_LABEL } from '../../actions/sheet-actions';
import { performAction } from '../../actions/perform-action';
import { useT } from '../../i18n/locale-context';
import { useEditorStore } from '../../state/editor-store';
import type { ShelfId } from '../../../shared/chart/sheet-state';
import { useUiStore } from '../../state/ui-store';
import { FieldGlyph } from '../data-panel/FieldGlyph';
import { isDragData, isDropData, type DragData } from './drag-data';
import { resetShelfKeyboardPosition, shelfKeyboardCoordinates } from './shelf-keyboard-coordinates';

/** A mouse drop counts only inside a shelf (outside removes a pill); a keyboard drag has no pointer,
 * so it counts where the dragged field overlaps a shelf (the arrow keys centre it on one). */
const collisionDetection: CollisionDetection = (args) => (args.pointerCoordinates === null ? rectIntersection(args) : pointerWithin(args));

function dragOf(active: Active): DragData | undefined {
  const data = active.data.current;
  return isDragData(data) ? data : undefined;
}

function shelfOf(over: Over | null): ShelfId | undefined {
  const data = over?.data.current;
  return isDropData(data) ? data.shelf : undefined;
}

/** After a field lands on Filters, its value picker opens so the filter can be chosen at once. */
function openNewFilter() {
  const added = useEditorStore.getState().sheet.shelves.filters.at(-1);
  if (added !== undefined) useUiStore.getState().setOpenPill({ pillId: added.id, mode: 'filter' });
}

export function ShelfDndContext({ children }: { readonly children: ReactNode }) {
  const { t, label } = useT();
  const [dragging, setDragging] = useState<DragData | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, {
      // Enter on a field adds it to its natural shelf, so only Space picks it up
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
      coordinateGetter: shelfKeyboardCoordinates,
    }),
  );

  const nameOf = (active: Active): string => {
    const data = dragOf(active);
    if (data === undefined) return '';
    return label(data.source === 'field' ? data.field.label : data.pill.label);
  };
  const shelfName = (over: Over | null): string | undefined => {
    const shelf = shelfOf(over);
    return shelf === undefined ? undefined : t(SHELF_LABEL[shelf]);
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dnd.start', { field: nameOf(active) }),
    onDragOver: ({ active, over }) => {
      const shelf = shelfName(over);
      return shelf === undefined ? t('dnd.notOver', { field: nameOf(active) }) : t('dnd.over', { field: nameOf(active), shelf });
    },
    onDragEnd: ({ active, over }) => {
      const shelf = shelfName(over);
      return shelf === undefined ? t('dnd.dropNowhere', { field: nameOf(active) }) : t('dnd.drop', { field: nameOf(active), shelf });
    },
    onDragCancel: ({ active }) => t('dnd.cancel', { field: nameOf(active) }),
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    const data = dragOf(active);
    resetShelfKeyboardPosition(data?.source === 'pill' ? data.shelf : undefined);
    setDragging(data ?? null);
    useUiStore.getState().setOpenPill(null);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const data = dragOf(active);
    const shelf = shelfOf(over);
    if (data === undefined) return;
    if (data.source === 'field') {
      if (shelf === undefined) return;
      if (performAction('addFieldToShelf', { field: data.field, shelf }) && shelf === 'filters') openNewFilter();
      return;
    }
    if (shelf === undefined) {
      performAction('removeField', { shelf: data.shelf, index: data.index });
      return;
    }
    if (shelf === data.shelf) return;
    if (performAction('moveField', { from: data.shelf, index: data.index, to: shelf }) && shelf === 'filters') openNewFilter();
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {dragging === null ? null : (
          <div className="drag-chip">
            <FieldGlyph kind={dragging.source === 'field' ? dragging.field.kind : dragging.pill.kind} metric={(dragging.source === 'field' ? dragging.field : dragging.pill).metric !== undefined} />
            {label(dragging.source === 'field' ? dragging.field.label : dragging.pill.label)}
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
