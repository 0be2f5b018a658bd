import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { Popover } from '../../ui/Popover';
import { RenamableTitle } from '../../ui/RenamableTitle';
import { ChartEmptyState } from '../chart/ChartEmptyState';
import { useSheetsStore } from '../sheets/sheets-store';
import { WorkspaceLayout } from '../../app/WorkspaceLayout';
import { addTile, dashboardName } from './dashboard-edits';
import { useDashboardStore } from './dashboard-store';
import { DashboardCanvas } from './DashboardCanvas';
import { DashboardFilterBar } from './DashboardFilterBar';
import { AddToReportButton } from '../reports/AddToReport';
import './dashboards.css';

/** The dashboards of the workbench: the Service overview first, then the user's. */
function DashboardList() {
  const { t, locale } = useT();
  const list = useDashboardStore((s) => s.list);
  const open = useDashboardStore((s) => s.open);
  const select = useDashboardStore((s) => s.select);
  const create = useDashboardStore((s) => s.create);
  const openOverview = useDashboardStore((s) => s.openOverview);
  const hasOverview = list.some((d) => d.builtIn === 'service-overview');
  return (
    <nav className="dash-list" aria-label={t('dashboard.list')}>
      <div className="panel-header">
        <h2 className="section-title">{t('dashboard.list')}</h2>
        <button type="button" className="icon-btn" onClick={() => void create(locale)} aria-label={t('dashboard.new')} title={t('dashboard.new')} data-testid="dashboard-new">
          <Icon name="plus" />
        </button>
      </div>
      {!hasOverview && (
        <button type="button" className="dash-list-item is-suggestion" onClick={() => void openOverview(locale)} data-testid="dashboard-overview">
          <Icon name="auto" size={14} />
          <span>{t('dashboard.createOverview')}</span>
        </button>
      )}
      {list.map((d) => (
        <button
          key={d.id}
          type="button"
          className={`dash-list-item${open?.id === d.id ? ' is-active' : ''}`}
          aria-current={open?.id === d.id ? 'page' : undefined}
          onClick={() => void select(d.id)}
          data-testid="dashboard-item"
        >
          <Icon name={d.builtIn === 'service-overview' ? 'auto' : 'dashboard'} size={14} />
          <span className="dash-list-name">{dashboardName(d, t('dashboard.overviewName'))}</span>
          <span className="dash-list-count num">{d.tiles}</span>
        </button>
      ))}
    </nav>
  );
}

/** Adds a saved chart (a sheet of Analyze) as a tile. */
function AddTileButton() {
  const { t, label } = useT();
  const tabs = useSheetsStore((s) => s.tabs);
  const edit = useDashboardStore((s) => s.edit);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const anchor = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const usable = tabs.filter((tab) => tab.table !== null);
  return (
    <>
      <button ref={anchor} type="button" className="btn" onClick={() => setOpen(true)} aria-haspopup="menu" data-testid="dashboard-add-tile">
        <Icon name="plus" />
        {t('dashboard.addTile')}
      </button>
      {open && (
        <Popover anchor={anchor} label={t('dashboard.addTile')} onClose={() => setOpen(false)} role="menu" testId="dashboard-add-tile-menu">
          <div className="menu-title">{t('dashboard.addTileTitle')}</div>
          {usable.length === 0 && <p className="picker-note">{t('dashboard.noSheets')}</p>}
          {usable.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                edit(addTile({ chartId: tab.id }));
                setOpen(false);
              }}
            >
              <Icon name="analyze" size={14} />
              <span className="dash-sheet-name">{tab.name}</span>
              <span className="menu-note">{tab.table === null ? '' : label(schemas[tab.table]?.label ?? { en: tab.table, 'zh-CN': tab.table })}</span>
            </button>
          ))}
        </Popover>
      )}
    </>
  );
}

function DashboardHeader() {
  const { t, locale } = useT();
  const open = useDashboardStore((s) => s.open);
  const status = useDashboardStore((s) => s.status);
  const rename = useDashboardStore((s) => s.rename);
  const remove = useDashboardStore((s) => s.remove);
  const openOverview = useDashboardStore((s) => s.openOverview);
  if (open === null) return null;
  return (
    <header className="dashboard-header">
      <RenamableTitle
        text={dashboardName(open, t('dashboard.overviewName'))}
        value={open.name}
        label={t('dashboard.rename')}
        hint={t('dashboard.renameHint')}
        testId="dashboard-name"
        onRename={(name) => void rename(name)}
      />
      <span className="dashboard-status" role="status">
        {t(status === 'failed' ? 'dashboard.saveFailed' : status === 'saved' ? 'dashboard.saved' : 'dashboard.saving')}
      </span>
      <div className="dashboard-actions">
        <AddTileButton />
        <AddToReportButton testId="dashboard-add-to-report" blocks={() => [{ kind: 'dashboard', dashboardId: open.id, context: { filters: [], period: null } }]} />
        {open.builtIn === 'service-overview' && (
          <button type="button" className="btn btn-ghost" onClick={() => void openOverview(locale, true)} title={t('dashboard.regenerateHint')}>
            <Icon name="refresh" />
            {t('dashboard.regenerate')}
          </button>
        )}
        <button
          type="button"
          className="icon-btn"
          aria-label={t('dashboard.delete')}
          title={t('dashboard.delete')}
          onClick={() => {
            if (window.confirm(t('dashboard.deleteConfirm', { name: open.name }))) void remove(open.id);
          }}
        >
          <Icon name="trash" />
        </button>
      </div>
    </header>
  );
}

/** Dashboards: a list on the left, the open dashboard (filters, KPI header, grid of tiles) in the middle. */
export function DashboardsWorkspace() {
  const { t, locale } = useT();
  const revision = useWorkbenchStore((s) => s.revision);
  const loaded = useDashboardStore((s) => s.loaded);
  const open = useDashboardStore((s) => s.open);
  const spec = useDashboardStore((s) => s.spec);
  const load = useDashboardStore((s) => s.load);
  const create = useDashboardStore((s) => s.create);
  const openOverview = useDashboardStore((s) => s.openOverview);
  const crossFilter = useDashboardStore((s) => s.crossFilter);
  const setCrossFilter = useDashboardStore((s) => s.setCrossFilter);

  // the list and the tiles' saved charts are read again when the workspace opens or the data changes
  useEffect(() => {
    if (revision > 0) void load();
  }, [revision, load]);

  useEffect(() => {
    if (crossFilter === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) setCrossFilter(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [crossFilter, setCrossFilter]);

  let main;
  if (!loaded) main = <div className="chart-loading">{t('chart.loading')}</div>;
  else if (open === null)
    main = (
      <ChartEmptyState icon="dashboard" title={t('dashboard.empty.title')} body={t('dashboard.empty.body')}>
        <div className="empty-actions">
          <button type="button" className="btn btn-primary" onClick={() => void openOverview(locale)} data-testid="dashboard-overview-empty">
            <Icon name="auto" />
            {t('dashboard.createOverview')}
          </button>
          <button type="button" className="btn" onClick={() => void create(locale)}>
            <Icon name="plus" />
            {t('dashboard.new')}
          </button>
        </div>
      </ChartEmptyState>
    );
  else
    main = (
      <>
        <DashboardHeader />
        <DashboardFilterBar />
        {spec.tiles.length === 0 && spec.header === null ? <ChartEmptyState icon="dashboard" title={t('dashboard.noTiles.title')} body={t('dashboard.noTiles.body')} /> : <DashboardCanvas />}
      </>
    );

  return <WorkspaceLayout left={<DashboardList />} main={<div className="dashboard-main">{main}</div>} right={null} />;
}
