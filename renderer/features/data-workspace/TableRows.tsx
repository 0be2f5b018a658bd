import { useMemo, useState, type ReactNode } from 'react';
import type { TableSchema } from '../../../shared/api/types';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { DataGrid, type GridCounts } from '../data-grid/DataGrid';
import { tableSource } from '../data-grid/table-source';
import { PreviewHeader } from './PreviewHeader';
import { tabPanelProps } from './DataViewTabs';

/** Every row of a table in the data grid: scroll, sort, filter, profile and copy. */
export function TableRows(props: { readonly schema: TableSchema; readonly tabs?: ReactNode; readonly tabId?: string }) {
  const { schema } = props;
  const { t, label, number } = useT();
  const revision = useWorkbenchStore((s) => s.revision);
  const source = useMemo(() => tableSource(schema, revision), [schema, revision]);
  const [counts, setCounts] = useState<GridCounts>({ total: undefined, filtered: false });

  const caption =
    counts.total === undefined
      ? undefined
      : counts.filtered
        ? t('grid.captionFiltered', { shown: number(counts.total, 0), total: number(schema.rowCount, 0) })
        : t('grid.caption', { count: number(counts.total, 0) });

  return (
    <section className="preview" aria-label={t('data.preview')}>
      <PreviewHeader schema={schema} tabs={props.tabs} aside={caption !== undefined && <div className="preview-caption num" data-testid="grid-caption">{caption}</div>} />
      <div className="preview-grid-area" data-testid="preview-grid" {...tabPanelProps(props.tabId)}>
        <DataGrid source={source} onCounts={setCounts} label={t('grid.label', { table: label(schema.label) })} />
      </div>
    </section>
  );
}
