import type { TableSchema } from '../../../shared/api/types';
import { useUiStore } from '../../state/ui-store';
import { DataViewTabs, dataViewTabId, type DataView } from './DataViewTabs';
import { TableRows } from './TableRows';
import { RejectsTable } from './RejectsTable';
import { QualityProfile } from './QualityProfile';

/** The selected table in Data: its rows, its quality profile and, when its imports rejected anything, the rejects. */
export function TableView({ schema, rejectCount }: { readonly schema: TableSchema; readonly rejectCount: number }) {
  const chosen: DataView = useUiStore((s) => s.dataView);
  const setView = useUiStore((s) => s.setDataView);
  const view = chosen === 'rejects' && rejectCount === 0 ? 'rows' : chosen;
  const tabs = <DataViewTabs view={view} rejectCount={rejectCount} onChange={setView} />;
  if (view === 'quality') return <QualityProfile key={schema.table} schema={schema} tabs={tabs} tabId={dataViewTabId('quality')} />;
  return view === 'rows' ? (
    <TableRows key={schema.table} schema={schema} tabs={tabs} tabId={dataViewTabId('rows')} />
  ) : (
    <RejectsTable schema={schema} tabs={tabs} tabId={dataViewTabId('rejects')} />
  );
}
