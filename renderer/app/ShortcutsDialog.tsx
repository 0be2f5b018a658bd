import { useEffect, useRef } from 'react';
import { useT } from '../i18n/locale-context';
import { useUiStore } from '../state/ui-store';
import { Icon } from '../ui/Icon';
import { SHORTCUTS } from './platform-keys';

/** Help → Keyboard shortcuts: every shortcut of the app, by section. Escape or the button closes it. */
export function ShortcutsDialog() {
  const { t } = useT();
  const open = useUiStore((s) => s.shortcutsOpen);
  const setOpen = useUiStore((s) => s.setShortcutsOpen);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const node = dialog.current;
    if (node === null) return;
    if (open && !node.open) node.showModal();
    if (!open && node.open) node.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)} data-testid="shortcuts-dialog">
      <header className="shortcuts-header">
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <button type="button" className="icon-btn" aria-label={t('shortcuts.close')} onClick={() => setOpen(false)}>
          <Icon name="close" />
        </button>
      </header>
      <div className="shortcuts-body">
        {SHORTCUTS.map((section) => (
          <section key={section.section} className="shortcuts-section">
            <h3>{t(section.section)}</h3>
            <dl>
              {section.items.map((item) => (
                <div key={item.label + item.keys.join()} className="shortcuts-row">
                  <dt>{t(item.label)}</dt>
                  <dd>
                    {item.keys.map((key, i) => (
                      <kbd key={i}>{key}</kbd>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
