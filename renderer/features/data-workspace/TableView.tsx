import type { TableSchema } from '../../../shared/api/types';
import { useUiStore } from '../../state/ui-store';
import { DataViewTabs, dataViewTabId, type DataView } from './DataViewTabs';
import { TableRows } from './TableRows';
import { RejectsTable } from './RejectsTable';

/** The selected table in Data: its rows and, when its imports rejected anything, a tab with the rejects. */
export function TableView({ schema, rejectCount }: { readonly schema: TableSchema; readonly rejectCount: number }) {
  const view: DataView = useUiStore((s) => s.dataView);
  const setView = useUiStore((s) => s.setDataView);
  if (rejectCount === 0) return <TableRows key={schema.table} schema={schema} />;
  const tabs = <DataViewTabs view={view} rejectCount={rejectCount} onChange={setView} />;
  return view === 'rows' ? (
    <TableRows key={schema.table} schema={schema} tabs={tabs} tabId={dataViewTabId('rows')} />
  ) : (
    <RejectsTable schema={schema} tabs={tabs} tabId={dataViewTabId('rejects')} />
  );
}
