import type { KeyboardEvent, RefObject } from 'react';
import { performAction } from '../../actions/perform-action';
import { useT } from '../../i18n/locale-context';
import { aggregatesFor, isMeasureShelf, timeUnitsFor, type Pill, type ShelfId } from '../../../shared/chart/sheet-state';
import { Popover } from '../../ui/Popover';
import { Icon } from '../../ui/Icon';

/** Arrow keys walk the items of a menu, as in any desktop menu. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  event.preventDefault();
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]'));
  const current = items.indexOf(document.activeElement as HTMLElement);
  const next = (current + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
  items[next]?.focus();
}

/** Aggregate choices for a measure, time units for a date. */
export function PillMenu(props: {
  readonly pill: Pill;
  readonly shelf: ShelfId;
  readonly index: number;
  readonly anchor: RefObject<HTMLElement | null>;
  readonly onClose: () => void;
}) {
  const { t, label } = useT();
  const { pill, shelf, index, onClose } = props;
  const choose = (apply: () => void) => {
    apply();
    onClose();
  };
  const items =
    isMeasureShelf(shelf)
      ? aggregatesFor(pill).map((aggregate) => ({
          key: aggregate,
          text: t(`agg.${aggregate}`),
          checked: pill.aggregate === aggregate,
          apply: () => performAction('setAggregate', { shelf, index, aggregate }),
        }))
      : timeUnitsFor(pill).map((timeUnit) => ({
          key: timeUnit,
          text: t(`time.${timeUnit}`),
          checked: pill.timeUnit === timeUnit,
          apply: () => performAction('setTimeUnit', { shelf, index, timeUnit }),
        }));

  return (
    <Popover anchor={props.anchor} label={t('shelf.options', { field: label(pill.label) })} onClose={onClose} role="menu" testId="pill-menu">
      <div onKeyDown={moveFocus}>
        <div className="menu-title">{t(isMeasureShelf(shelf) ? 'shelf.aggregate' : 'shelf.timeUnit')}</div>
        {items.map((item) => (
          <button
            key={item.key}
            type="button"
            role="menuitemradio"
            aria-checked={item.checked}
            className="menu-item"
            data-autofocus={item.checked ? true : undefined}
            onClick={() => choose(item.apply)}
          >
            <span className="menu-check">{item.checked && <Icon name="check" size={14} />}</span>
            {item.text}
          </button>
        ))}
        <div className="menu-separator" role="separator" />
        <button
          type="button"
          role="menuitem"
          className="menu-item"
          onClick={() => choose(() => performAction('removeField', { shelf, index }))}
        >
          <span className="menu-check">
            <Icon name="trash" size={14} />
          </span>
          {t('shelf.remove', { field: label(pill.label) })}
        </button>
      </div>
    </Popover>
  );
}
