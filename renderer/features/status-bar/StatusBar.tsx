import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { cancelImport } from '../import/import-files';
import { useImportStore } from '../import/import-store';
import './status-bar.css';

/** Rows and tables of the workbench on the left; background work, with Cancel, on the right. */
export function StatusBar() {
  const { t, locale } = useT();
  const info = useWorkbenchStore((s) => s.info);
  const status = useWorkbenchStore((s) => s.status);
  const error = useWorkbenchStore((s) => s.error);
  const job = useImportStore((s) => s.job);

  const lastImport =
    info?.lastImportAt == null
      ? undefined
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(info.lastImportAt.replace(' ', 'T')));
  const percent = job === null || job.total <= 0 ? undefined : Math.min(100, Math.round((job.done / job.total) * 100));

  return (
    <footer className="status-bar" data-testid="status-bar">
      <div className="status-left">
        {status === 'error' && error !== null ? (
          <span className="status-error">{error.messageFor(locale)}</span>
        ) : info === null ? (
          <span>{status === 'loading' ? t('data.loading') : t('data.noWorkbench')}</span>
        ) : (
          <>
            <span className="num" data-testid="status-rows">
              {t('status.rows', { count: info.totalRows, tables: info.tableCount })}
            </span>
            {lastImport !== undefined && (
              <>
                <span className="status-sep" aria-hidden="true">
                  ·
                </span>
                <span>{t('status.lastImport', { date: lastImport })}</span>
              </>
            )}
          </>
        )}
      </div>
      <div className="status-right" aria-live="polite">
        {job === null ? (
          <span className="status-ready">{t('status.ready')}</span>
        ) : (
          <div className="status-job" data-testid="status-job">
            <span className="status-job-name">{t('status.importing', { file: job.file })}</span>
            <span className="status-job-phase">{t(`progress.${job.phase}`)}</span>
            <div
              className={`progress${percent === undefined ? ' is-indeterminate' : ''}`}
              role="progressbar"
              aria-label={t('status.importing', { file: job.file })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
            >
              <div className="progress-fill" style={{ width: `${percent ?? 30}%` }} />
            </div>
            {percent !== undefined && <span className="num status-percent">{percent}%</span>}
            <button type="button" className="link-btn status-cancel" disabled={job.cancelling} onClick={() => void cancelImport(job.jobId)}>
              {t('status.cancel')}
            </button>
          </div>
        )}
      </div>
    </footer>
  );
}
