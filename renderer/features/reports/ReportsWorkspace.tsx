import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Locale } from '../../../shared/i18n/messages';
import type { ReportFormat } from '../../../shared/spec/report-spec';
import { WorkspaceLayout } from '../../app/WorkspaceLayout';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { Popover } from '../../ui/Popover';
import { RenamableTitle } from '../../ui/RenamableTitle';
import { ChartEmptyState } from '../chart/ChartEmptyState';
import { BlockEditor } from './BlockEditor';
import { ReportComposer } from './ReportComposer';
import { monthOf, setComparedWith, setPage, setReportPeriod } from './report-edits';
import { useReportStore } from './report-store';
import './reports.css';

const FORMATS: readonly ReportFormat[] = ['pdf', 'pptx', 'xlsx', 'html'];

/** The two ways to start a report, as a menu under the list's + button. */
function NewReportMenu({ onClose, anchor }: { readonly onClose: () => void; readonly anchor: RefObject<HTMLButtonElement | null> }) {
  const { t, locale } = useT();
  const create = useReportStore((s) => s.create);
  const run = (template: 'monthly-review' | 'blank') => {
    onClose();
    void create(template, locale);
  };
  return (
    <Popover anchor={anchor} label={t('reports.new')} onClose={onClose} role="menu" testId="report-new-menu">
      <div className="menu-title">{t('reports.new')}</div>
      <button type="button" role="menuitem" className="menu-item report-new-item" onClick={() => run('monthly-review')} data-testid="report-new-monthly">
        <Icon name="auto" size={14} />
        <span className="report-new-text">
          <span>{t('reports.new.monthly')}</span>
          <span className="menu-note">{t('reports.new.monthlyHint')}</span>
        </span>
      </button>
      <button type="button" role="menuitem" className="menu-item report-new-item" onClick={() => run('blank')} data-testid="report-new-blank">
        <Icon name="report" size={14} />
        <span className="report-new-text">
          <span>{t('reports.new.blank')}</span>
          <span className="menu-note">{t('reports.new.blankHint')}</span>
        </span>
      </button>
    </Popover>
  );
}

const dateText = (iso: string, locale: Locale): string => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));

/** The reports of the workbench, in the order they were made. */
function ReportList() {
  const { t, locale } = useT();
  const list = useReportStore((s) => s.list);
  const open = useReportStore((s) => s.open);
  const select = useReportStore((s) => s.select);
  const anchor = useRef<HTMLButtonElement>(null);
  const [menu, setMenu] = useState(false);
  return (
    <nav className="dash-list" aria-label={t('reports.list')}>
      <div className="panel-header">
        <h2 className="section-title">{t('reports.list')}</h2>
        <button ref={anchor} type="button" className="icon-btn" onClick={() => setMenu(true)} aria-haspopup="menu" aria-label={t('reports.new')} title={t('reports.new')} data-testid="report-new">
          <Icon name="plus" />
        </button>
      </div>
      {menu && <NewReportMenu anchor={anchor} onClose={() => setMenu(false)} />}
      {list.map((r) => (
        <button
          key={r.id}
          type="button"
          className={`dash-list-item report-list-item${open?.id === r.id ? ' is-active' : ''}`}
          aria-current={open?.id === r.id ? 'page' : undefined}
          onClick={() => void select(r.id)}
          data-testid="report-item"
        >
          <Icon name="report" size={14} />
          <span className="report-list-text">
            <span className="dash-list-name">{r.name}</span>
            <span className="report-list-meta">
              {t('reports.list.blocks', { n: r.blocks })} · {t('reports.list.updated', { time: dateText(r.updatedAt, locale) })}
            </span>
          </span>
        </button>
      ))}
    </nav>
  );
}

/** Export as PDF, PowerPoint, Excel or HTML; while one runs, its progress and a Cancel button. */
function ExportGroup() {
  const { t, locale } = useT();
  const job = useReportStore((s) => s.job);
  const exportAs = useReportStore((s) => s.exportAs);
  const cancelExport = useReportStore((s) => s.cancelExport);
  const tables = useWorkbenchStore((s) => s.tables);
  const anchor = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  // the cleaned tables an Excel export also carries, each on its own sheet
  const [withTables, setWithTables] = useState<readonly string[]>([]);
  if (job !== null) {
    const percent = job.total > 0 ? Math.round((job.done / job.total) * 100) : undefined;
    const formatName = t(`reports.export.${job.format}`);
    const text = percent === undefined ? t('reports.export.starting', { format: formatName }) : t('reports.export.running', { format: formatName, done: job.done, total: job.total });
    return (
      <div className="report-job" data-testid="report-export-progress">
        <div className="progress" role="progressbar" aria-label={text} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
        </div>
        <span className="report-job-text num">{text}</span>
        <button type="button" className="link-btn" disabled={job.cancelling} onClick={() => void cancelExport()} data-testid="report-export-cancel">
          {job.cancelling ? t('reports.export.cancelling') : t('reports.export.cancel')}
        </button>
      </div>
    );
  }
  return (
    <>
      <button ref={anchor} type="button" className="btn" onClick={() => setOpen(true)} aria-haspopup="menu" data-testid="report-export">
        <Icon name="export" />
        {t('reports.export')}
      </button>
      {open && (
        <Popover anchor={anchor} label={t('reports.export')} onClose={() => setOpen(false)} role="menu" testId="report-export-menu">
          {FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setOpen(false);
                void exportAs(format, locale, format === 'xlsx' ? withTables.filter((name) => tables.some((table) => table.name === name)) : []);
              }}
              data-testid={`report-export-${format}`}
            >
              {t(`reports.export.${format}`)}
            </button>
          ))}
          {tables.length > 0 && (
            <fieldset className="report-export-tables" data-testid="report-export-tables">
              <legend>{t('reports.export.withTables')}</legend>
              {tables.map((table) => (
                <label key={table.name} className="report-export-table">
                  <input
                    type="checkbox"
                    checked={withTables.includes(table.name)}
                    onChange={(event) => setWithTables((now) => (event.target.checked ? [...now, table.name] : now.filter((name) => name !== table.name)))}
                  />
                  <span>{table.label[locale]}</span>
                  <span className="report-export-table-rows num">{t('reports.export.tableRows', { rows: table.rowCount.toLocaleString(locale) })}</span>
                </label>
              ))}
            </fieldset>
          )}
        </Popover>
      )}
    </>
  );
}

function ReportHeader() {
  const { t } = useT();
  const open = useReportStore((s) => s.open);
  const status = useReportStore((s) => s.status);
  const rename = useReportStore((s) => s.rename);
  const remove = useReportStore((s) => s.remove);
  if (open === null) return null;
  return (
    <header className="dashboard-header">
      <RenamableTitle text={open.name} value={open.name} label={t('reports.rename')} hint={t('reports.renameHint')} testId="report-name" onRename={(name) => void rename(name)} />
      <span className="dashboard-status" role="status" data-testid="report-status">
        {t(status === 'failed' ? 'dashboard.saveFailed' : status === 'saved' ? 'dashboard.saved' : 'dashboard.saving')}
      </span>
      <div className="dashboard-actions">
        <ExportGroup />
        <button
          type="button"
          className="icon-btn"
          aria-label={t('reports.delete')}
          title={t('reports.delete')}
          onClick={() => {
            if (window.confirm(t('reports.deleteConfirm', { name: open.name }))) void remove(open.id);
          }}
          data-testid="report-delete"
        >
          <Icon name="trash" />
        </button>
      </div>
    </header>
  );
}

/** The report's month and the one it is compared with, the page size and orientation. */
function ReportSettings() {
  const { t } = useT();
  const spec = useReportStore((s) => s.spec);
  const edit = useReportStore((s) => s.edit);
  const month = (value: string): string | null => (/^\d{4}-\d{2}$/.test(value) ? value : null);
  return (
    <div className="report-settings" data-testid="report-settings">
      <label className="report-setting">
        <Icon name="calendar" size={14} />
        <span>{t('reports.settings.period')}</span>
        <input type="month" className="input" value={monthOf(spec.period) ?? ''} onChange={(e) => edit(setReportPeriod(month(e.target.value)))} data-testid="report-period" />
      </label>
      <label className="report-setting">
        <span>{t('reports.settings.previous')}</span>
        <input type="month" className="input" value={monthOf(spec.previous) ?? ''} onChange={(e) => edit(setComparedWith(month(e.target.value)))} data-testid="report-previous" />
      </label>
      <label className="report-setting">
        <span>{t('reports.settings.size')}</span>
        <select className="select" value={spec.page.size} onChange={(e) => edit(setPage({ size: e.target.value === 'Letter' ? 'Letter' : 'A4' }))}>
          <option value="A4">A4</option>
          <option value="Letter">{t('reports.settings.letter')}</option>
        </select>
      </label>
      <label className="report-setting">
        <span>{t('reports.settings.orientation')}</span>
        <select className="select" value={spec.page.orientation} onChange={(e) => edit(setPage({ orientation: e.target.value === 'portrait' ? 'portrait' : 'landscape' }))}>
          <option value="landscape">{t('reports.settings.landscape')}</option>
          <option value="portrait">{t('reports.settings.portrait')}</option>
        </select>
      </label>
    </div>
  );
}

/**
 * Reports: the list on the left; the open report's settings and its blocks in order in the middle;
 * the selected block's editor on the right. Edits save themselves; Export writes PDF, PowerPoint,
 * Excel or HTML through the engine.
 */
export function ReportsWorkspace() {
  const { t, locale } = useT();
  const revision = useWorkbenchStore((s) => s.revision);
  const loaded = useReportStore((s) => s.loaded);
  const open = useReportStore((s) => s.open);
  const blocks = useReportStore((s) => s.spec.blocks.length);
  const load = useReportStore((s) => s.load);
  const create = useReportStore((s) => s.create);

  // the list and the names blocks show are read again when the workspace opens or the data changes
  useEffect(() => {
    if (revision > 0) void load();
  }, [revision, load]);

  // an edit made just before leaving the workspace is written now, not lost to the next load
  useEffect(
    () => () => {
      if (useReportStore.getState().status === 'unsaved') void useReportStore.getState().save();
    },
    [],
  );

  let main;
  if (!loaded) main = <div className="chart-loading">{t('chart.loading')}</div>;
  else if (open === null)
    main = (
      <ChartEmptyState icon="report" title={t('reports.empty.title')} body={t('reports.empty.body')}>
        <div className="empty-actions">
          <button type="button" className="btn btn-primary" onClick={() => void create('monthly-review', locale)} data-testid="report-new-monthly-empty">
            <Icon name="auto" />
            {t('reports.new.monthly')}
          </button>
          <button type="button" className="btn" onClick={() => void create('blank', locale)} data-testid="report-new-blank-empty">
            <Icon name="plus" />
            {t('reports.new.blank')}
          </button>
        </div>
      </ChartEmptyState>
    );
  else
    main = (
      <>
        <ReportHeader />
        <ReportSettings />
        {blocks === 0 && <ChartEmptyState icon="report" title={t('reports.noBlocks.title')} body={t('reports.noBlocks.body')} />}
        <ReportComposer />
      </>
    );

  return <WorkspaceLayout left={<ReportList />} main={<div className="dashboard-main report-main">{main}</div>} right={<BlockEditor />} />;
}
