import { useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { AddToReportButton } from '../reports/AddToReport';
import { ExportChartButton } from '../reports/ExportChart';
import { useSheetsStore } from './sheets-store';
import './sheets.css';

/** The sheets of the workbench as tabs under the chart: switch, add, rename (double-click or F2), delete; saving is automatic. */
export function SheetTabs() {
  const { t, locale } = useT();
  const tabs = useSheetsStore((s) => s.tabs);
  const activeId = useSheetsStore((s) => s.activeId);
  const status = useSheetsStore((s) => s.status);
  const { select, create, rename, remove } = useSheetsStore.getState();
  const [editing, setEditing] = useState<number | null>(null);

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, id: number, index: number) => {
    if (event.key === 'F2') {
      event.preventDefault();
      setEditing(id);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      if (next !== undefined) {
        void select(next.id);
        document.getElementById(`sheet-tab-${next.id}`)?.focus();
      }
    }
  };

  return (
    <div className="sheet-tabs">
      <div className="sheet-tab-list" role="tablist" aria-label={t('sheets.label')}>
        {tabs.map((tab, index) => (
          <div key={tab.id} className={`sheet-tab${tab.id === activeId ? ' is-active' : ''}`}>
            {editing === tab.id ? (
              <input
                className="sheet-tab-name-input"
                aria-label={t('sheets.rename')}
                defaultValue={tab.name}
                maxLength={200}
                autoFocus
                onFocus={(e) => e.currentTarget.select()}
                onBlur={(e) => {
                  setEditing(null);
                  void rename(tab.id, e.currentTarget.value);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') e.currentTarget.blur();
                  if (e.key === 'Escape') setEditing(null);
                }}
              />
            ) : (
              <button
                type="button"
                id={`sheet-tab-${tab.id}`}
                role="tab"
                aria-selected={tab.id === activeId}
                tabIndex={tab.id === activeId ? 0 : -1}
                className="sheet-tab-button"
                title={t('sheets.rename')}
                onClick={() => void select(tab.id)}
                onDoubleClick={() => setEditing(tab.id)}
                onKeyDown={(e) => onTabKey(e, tab.id, index)}
              >
                {tab.name}
              </button>
            )}
            {tab.id === activeId && editing !== tab.id && (
              <button
                type="button"
                className="sheet-tab-close"
                aria-label={`${t('sheets.delete')}: ${tab.name}`}
                title={t('sheets.delete')}
                onClick={() => {
                  if (window.confirm(t('sheets.deleteConfirm', { name: tab.name }))) void remove(tab.id, locale);
                }}
              >
                <Icon name="close" />
              </button>
            )}
          </div>
        ))}
        <button type="button" className="sheet-tab-new" aria-label={t('sheets.new')} title={t('sheets.new')} onClick={() => void create(locale)}>
          <Icon name="plus" />
        </button>
      </div>
      <ExportChartButton chartId={activeId} />
      <AddToReportButton className="btn btn-ghost sheet-add-report" testId="sheet-add-to-report" blocks={() => (activeId === null ? null : [{ kind: 'chart', chart: { chartId: activeId }, context: { filters: [], period: null } }])} />
      <span className={`sheet-save-status is-${status}`} role="status">
        {t(`sheets.status.${status}`)}
      </span>
    </div>
  );
}
