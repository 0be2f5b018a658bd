import { useDndContext, useDroppable } from '@dnd-kit/core';
import { useT } from '../../i18n/locale-context';
import { SHELF_LABEL } from '../../actions/sheet-actions';
import { useEditorStore } from '../../state/editor-store';
import type { ShelfId } from '../../../shared/chart/sheet-state';
import { shelfDropId, type DropData } from './drag-data';
import { PillView } from './PillView';

export function Shelf({ shelf }: { readonly shelf: ShelfId }) {
  const { t } = useT();
  const pills = useEditorStore((s) => s.sheet.shelves[shelf]);
  const data: DropData = { shelf };
  const { setNodeRef, isOver } = useDroppable({ id: shelfDropId(shelf), data });
  const { active } = useDndContext();
  const title = t(SHELF_LABEL[shelf]);

  return (
    <div className={`shelf shelf-${shelf}`}>
      <div className="shelf-title" id={`shelf-title-${shelf}`}>
        {title}
      </div>
      <div
        ref={setNodeRef}
        className={`shelf-drop${isOver ? ' is-over' : ''}${active !== null ? ' is-armed' : ''}${pills.length === 0 ? ' is-empty' : ''}`}
        data-testid={`shelf-${shelf}`}
        role="list"
        aria-labelledby={`shelf-title-${shelf}`}
      >
        {pills.length === 0 && <span className="shelf-placeholder">{t('shelf.dropHere')}</span>}
        {pills.map((pill, index) => (
          <div role="listitem" key={pill.id} className="shelf-item">
            <PillView pill={pill} shelf={shelf} index={index} />
          </div>
        ))}
      </div>
    </div>
  );
}
