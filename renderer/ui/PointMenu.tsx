import { useRef, type KeyboardEvent } from 'react';
import { Icon, type IconName } from './Icon';
import { Popover } from './Popover';

export interface PointMenuItem {
  readonly key: string;
  readonly text: string;
  readonly icon?: IconName | undefined;
  readonly checked?: boolean | undefined;
  readonly disabled?: boolean | undefined;
  readonly onSelect: () => void;
}

/** Arrow keys walk the items of a menu, as in any desktop menu. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  event.preventDefault();
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]:not(:disabled)'));
  const current = items.indexOf(document.activeElement as HTMLElement);
  const next = (current + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
  items[next]?.focus();
}

/** A menu opened at a point on the screen (a clicked mark, a right click): groups of items split by separators. */
export function PointMenu(props: {
  readonly at: { readonly x: number; readonly y: number };
  readonly title: string;
  readonly groups: readonly (readonly PointMenuItem[])[];
  readonly onClose: () => void;
  readonly testId?: string;
}) {
  const anchor = useRef<HTMLDivElement>(null);
  const groups = props.groups.filter((g) => g.length > 0);
  return (
    <>
      <div ref={anchor} className="point-menu-anchor" style={{ left: props.at.x, top: props.at.y }} />
      <Popover anchor={anchor} label={props.title} onClose={props.onClose} role="menu" testId={props.testId}>
        <div onKeyDown={moveFocus}>
          <div className="menu-title">{props.title}</div>
          {groups.map((group, g) => (
            <div key={g} role="group">
              {g > 0 && <div className="menu-separator" role="separator" />}
              {group.map((item, i) => (
                <button
                  key={item.key}
                  type="button"
                  role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
                  aria-checked={item.checked}
                  className="menu-item"
                  disabled={item.disabled}
                  data-autofocus={g === 0 && i === 0 ? true : undefined}
                  onClick={() => {
                    item.onSelect();
                    props.onClose();
                  }}
                >
                  <span className="menu-check">{item.icon !== undefined ? <Icon name={item.icon} size={14} /> : item.checked === true ? <Icon name="check" size={14} /> : null}</span>
                  {item.text}
                </button>
              ))}
            </div>
          ))}
        </div>
      </Popover>
    </>
  );
}
