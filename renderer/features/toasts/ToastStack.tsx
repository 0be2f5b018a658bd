import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { useToastStore } from './toast-store';
import './toasts.css';

export function ToastStack() {
  const { t, locale } = useT();
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="toast-stack" aria-live="polite" aria-relevant="additions">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.tone}`}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <Icon name={toast.tone === 'success' ? 'check' : toast.tone === 'info' ? 'info' : 'alert'} className="toast-icon" />
          <div className="toast-body">
            {toast.title !== undefined && <div className="toast-title">{t(toast.title)}</div>}
            <div className="toast-message selectable">{toast.message(locale)}</div>
          </div>
          <button type="button" className="icon-btn toast-close" aria-label={t('error.dismiss')} onClick={() => dismiss(toast.id)}>
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
