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
  type Over,
} from '@dnd-kit/core';
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { useToastStore } from '../toasts/toast-store';
import { isModelDragData, isModelDropData, ownDropId, type ModelDragData, type ModelDropData } from './model-drag-data';
import { modelKeyboardCoordinates, resetModelKeyboardPosition } from './model-keyboard-coordinates';
import { dropField } from './model-drop';

/** As on the shelves: a mouse drop counts under the pointer, a keyboard drop where the field overlaps. */
const collisionDetection: CollisionDetection = (args) => {
  const hits = args.pointerCoordinates === null ? rectIntersection(args) : pointerWithin(args);
  // a field row is a drop target too: never land on the row being dragged; a step of the drafted
  // drill path wins over the path around it
  const step = (id: string | number): number => (String(id).startsWith('model-drill-at:') ? 0 : 1);
  return hits.filter((hit) => hit.id !== ownDropId(args.active.id)).sort((a, b) => step(a.id) - step(b.id));
};

const dragOf = (active: Active): ModelDragData | undefined => (isModelDragData(active.data.current) ? active.data.current : undefined);
const dropOf = (over: Over | null): ModelDropData | undefined => (isModelDropData(over?.data.current) ? over.data.current : undefined);

/** Drag and drop in the Model view: fields onto fields, role slots and drill paths. */
export function ModelDndContext({ children }: { readonly children: ReactNode }) {
  const { t, label } = useT();
  const [dragging, setDragging] = useState<ModelDragData | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] }, coordinateGetter: modelKeyboardCoordinates }),
  );

  const nameOf = (active: Active): string => {
    const data = dragOf(active);
    return data === undefined ? '' : label(data.label);
  };
  const targetName = (over: Over | null): string | undefined => {
    const drop = dropOf(over);
    if (drop === undefined) return undefined;
    if (drop.target === 'field') return label(drop.label);
    if (drop.target === 'role') return t(`role.${drop.role}`);
    return t('model.drill.title');
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dnd.start', { field: nameOf(active) }),
    onDragOver: ({ active, over }) => {
      const target = targetName(over);
      return target === undefined ? t('dnd.notOver', { field: nameOf(active) }) : t('dnd.over', { field: nameOf(active), shelf: target });
    },
    onDragEnd: ({ active, over }) => {
      const target = targetName(over);
      return target === undefined ? t('dnd.dropNowhere', { field: nameOf(active) }) : t('dnd.drop', { field: nameOf(active), shelf: target });
    },
    onDragCancel: ({ active }) => t('dnd.cancel', { field: nameOf(active) }),
  };

  const onDragEnd = ({ active, over, activatorEvent, delta }: DragEndEvent) => {
    setDragging(null);
    const data = dragOf(active);
    const landed = dropOf(over);
    if (data === undefined || landed === undefined || over === null) return;
    // on a step of a drill path: before it in its upper half, after it in the lower
    let drop = landed;
    if (landed.target === 'drill' && landed.index !== undefined) {
      const pointerY = activatorEvent instanceof PointerEvent || activatorEvent instanceof MouseEvent ? activatorEvent.clientY + delta.y : undefined;
      const translated = active.rect.current.translated;
      const y = pointerY ?? (translated === null ? over.rect.top : translated.top + translated.height / 2);
      if (y > over.rect.top + over.rect.height / 2) drop = { ...landed, index: landed.index + 1 };
    }
    const model = useWorkbenchStore.getState().model;
    void dropField(data, drop, model).then((notice) => {
      if (notice !== undefined) useToastStore.getState().show({ tone: notice.tone, message: (l) => notice.message(l) });
    });
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      // scroll a panel only when the pointer is right at its edge: dnd-kit's 20 % would scroll the
      // inspector away from under a drill path or a role slot near its bottom
      autoScroll={{ threshold: { x: 0.04, y: 0.04 } }}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('model.dnd.instructions') } }}
      onDragStart={({ active }) => {
        resetModelKeyboardPosition();
        setDragging(dragOf(active) ?? null);
      }}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
    >
      {children}
      <DragOverlay dropAnimation={null}>{dragging === null ? null : <div className="drag-chip model-drag-chip">{label(dragging.label)}</div>}</DragOverlay>
    </DndContext>
  );
}
