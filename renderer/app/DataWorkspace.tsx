import { TableDetails } from '../features/data-workspace/TableDetails';
import { TableList } from '../features/data-workspace/TableList';
import { TableView } from '../features/data-workspace/TableView';
import { ChartEmptyState } from '../features/chart/ChartEmptyState';
import { useT } from '../i18n/locale-context';
import { useUiStore } from '../state/ui-store';
import { useWorkbenchStore } from '../state/workbench-store';
import { WorkspaceLayout } from './WorkspaceLayout';

/** The workbench's tables, a read-only preview of the selected one, and its fields. */
export function DataWorkspace() {
  const { t } = useT();
  const tables = useWorkbenchStore((s) => s.tables);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const chosen = useUiStore((s) => s.dataTable);
  const selected = tables.some((tb) => tb.name === chosen) ? chosen : tables[0]?.name;
  const schema = selected === undefined ? undefined : schemas[selected];
  const summary = tables.find((tb) => tb.name === selected);

  return (
    <WorkspaceLayout
      left={<TableList selected={selected} />}
      main={
        <div className="analyze-main">
          {schema === undefined ? (
            <div className="preview">
              <ChartEmptyState icon="upload" title={t('drop.title')} body={t('drop.body')} />
            </div>
          ) : (
            // a new table starts on its rows, whichever view the last one showed
            <TableView key={schema.table} schema={schema} rejectCount={summary?.rejectCount ?? 0} />
          )}
        </div>
      }
      right={schema === undefined ? null : <TableDetails schema={schema} summary={summary} />}
    />
  );
}
