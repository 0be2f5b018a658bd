import { useEffect, useState, type ReactNode } from 'react';
import type { CellValue, RowsPage, TableSchema } from '../../../shared/api/types';
import type { ApiCallError } from '../../../shared/errors/rootwise-error';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { PreviewHeader } from './PreviewHeader';
import { tabPanelProps } from './DataViewTabs';

const PREVIEW_ROWS = 200;

type Loaded = { readonly key: string; readonly page: RowsPage } | { readonly key: string; readonly error: ApiCallError };

function Cell({ value, numeric }: { readonly value: CellValue; readonly numeric: boolean }) {
  const { number } = useT();
  if (value === null) return <td className="cell-null">—</td>;
  if (typeof value === 'number') return <td className="num cell-number">{number(value, 6)}</td>;
  return <td className={numeric ? 'num cell-number' : undefined}>{value}</td>;
}

/** The first rows of a table, read-only, with the column labels of the current language. */
export function PreviewGrid(props: { readonly schema: TableSchema; readonly tabs?: ReactNode; readonly tabId?: string }) {
  const { schema } = props;
  const { t, label, locale } = useT();
  const revision = useWorkbenchStore((s) => s.revision);
  const key = `${revision}|${schema.table}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api()
      .previewRows({ table: schema.table, offset: 0, limit: PREVIEW_ROWS })
      .then(
        (page) => {
          if (live) setLoaded({ key, page });
        },
        (error: unknown) => {
          if (live) setLoaded({ key, error: asApiCallError(error) });
        },
      );
    return () => {
      live = false;
    };
  }, [key, schema.table]);

  const current = loaded?.key === key ? loaded : undefined;
  const fields = new Map(schema.fields.map((f) => [f.name, f]));

  return (
    <section className="preview" aria-label={t('data.preview')}>
      <PreviewHeader
        schema={schema}
        tabs={props.tabs}
        aside={
          current !== undefined &&
          'page' in current && <div className="preview-caption num">{t('data.previewCaption', { shown: current.page.rows.length, total: current.page.total })}</div>
        }
      />
      <div className="preview-scroll" data-testid="preview-grid" {...tabPanelProps(props.tabId)}>
        {current === undefined && <p className="panel-note">{t('data.loading')}</p>}
        {current !== undefined && 'error' in current && (
          <div className="preview-error" role="alert">
            <Icon name="alert" />
            {current.error.messageFor(locale)}
          </div>
        )}
        {current !== undefined && 'page' in current && (
          <table className="grid selectable">
            <thead>
              <tr>
                <th className="grid-rownum" scope="col">
                  #
                </th>
                {current.page.columns.map((column) => {
                  const field = fields.get(column);
                  return (
                    <th key={column} scope="col" title={column}>
                      {field === undefined ? column : label(field.label)}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {current.page.rows.map((row, i) => (
                <tr key={current.page.offset + i}>
                  <td className="grid-rownum num">{current.page.offset + i + 1}</td>
                  {row.map((value, c) => {
                    const type = fields.get(current.page.columns[c] ?? '')?.type;
                    return <Cell key={c} value={value} numeric={type === 'integer' || type === 'real'} />;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
