import { useT } from '../../i18n/locale-context';
import { useUiStore } from '../../state/ui-store';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import './data-workspace.css';

/** The left panel of Data: the workbench's tables, one selected for preview. */
export function TableList({ selected }: { readonly selected: string | undefined }) {
  const { t, label, number } = useT();
  const tables = useWorkbenchStore((s) => s.tables);
  const status = useWorkbenchStore((s) => s.status);
  const search = useUiStore((s) => s.fieldSearch).trim().toLowerCase();
  const setDataTable = useUiStore((s) => s.setDataTable);
  const shown = search === '' ? tables : tables.filter((tb) => [tb.name, tb.label.en, tb.label['zh-CN']].some((s) => s.toLowerCase().includes(search)));

  return (
    <nav className="table-list" aria-label={t('data.tables')}>
      <div className="panel-header">
        <h2 className="section-title">{t('data.tables')}</h2>
      </div>
      {status === 'ready' && tables.length === 0 && <p className="panel-note">{t('data.noTables')}</p>}
      <ul className="table-list-items">
        {shown.map((table) => (
          <li key={table.name}>
            <button
              type="button"
              className={`table-list-item${table.name === selected ? ' is-selected' : ''}`}
              aria-current={table.name === selected ? 'true' : undefined}
              onClick={() => setDataTable(table.name)}
              data-testid={`data-table-${table.name}`}
            >
              <Icon name="table" size={14} className="table-icon" />
              <span className="table-list-text">
                <span className="table-label">{label(table.label)}</span>
                <span className="table-list-meta num">
                  {t('data.rows', { count: table.rowCount })} · {t('data.columns', { count: table.columnCount })}
                </span>
              </span>
              {table.rejectCount > 0 && (
                <span className="count-badge num" title={t('data.rejects.badge', { count: table.rejectCount })} data-testid={`reject-badge-${table.name}`}>
                  <span aria-hidden="true">{number(table.rejectCount, 0)}</span>
                  <span className="visually-hidden">{t('data.rejects.badge', { count: table.rejectCount })}</span>
                </span>
              )}
              <span className="visually-hidden">{number(table.rowCount, 0)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
