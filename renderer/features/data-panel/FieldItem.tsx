import { useDraggable } from '@dnd-kit/core';
import type { KeyboardEvent } from 'react';
import { performAction } from '../../actions/perform-action';
import { useT } from '../../i18n/locale-context';
import { isRecordCount, type FieldRef } from '../../../shared/chart/sheet-state';
import { fieldDragId, type DragData } from '../shelves/drag-data';
import { FieldGlyph } from './FieldGlyph';

export function FieldItem({ field, muted }: { readonly field: FieldRef; readonly muted: boolean }) {
  const { t, label } = useT();
  const data: DragData = { source: 'field', field };
  const kindLabel = t(field.kind === 'temporal' ? 'kind.temporal' : field.kind === 'measure' ? 'kind.measure' : 'kind.dimension');
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: fieldDragId(field),
    data,
    attributes: { roleDescription: kindLabel },
  });
  const add = () => performAction('addFieldToNaturalShelf', { field });
  const typeLabel = isRecordCount(field) ? 'COUNT(*)' : field.metric !== undefined ? t('data.metricHint') : `${field.field} · ${t(`type.${field.type}`)}`;

  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      className={`field-item${isDragging ? ' is-dragging' : ''}${muted ? ' is-muted' : ''}`}
      data-testid={`field-${field.table}.${field.field}`}
      title={`${label(field.label)} — ${typeLabel}`}
      onDoubleClick={add}
      onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          add();
          return;
        }
        const startKeyboardDrag = listeners?.onKeyDown as ((e: KeyboardEvent<HTMLDivElement>) => void) | undefined;
        startKeyboardDrag?.(event);
      }}
    >
      <FieldGlyph kind={field.kind} metric={field.metric !== undefined} />
      <span className={`field-label${isRecordCount(field) ? ' is-virtual' : ''}`}>{label(field.label)}</span>
    </div>
  );
}
