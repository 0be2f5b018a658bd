import type { ReactNode } from 'react';
import type { TableSchema } from '../../../shared/api/types';
import { useT } from '../../i18n/locale-context';

/** The head of the Data preview: the table's name and size, a caption or pager, and the view tabs. */
export function PreviewHeader(props: { readonly schema: TableSchema; readonly aside?: ReactNode; readonly tabs?: ReactNode }) {
  const { t, label } = useT();
  const { schema } = props;
  return (
    <header className={`preview-header${props.tabs === undefined ? '' : ' has-tabs'}`}>
      <div className="preview-heading">
        <div>
          <h1 className="preview-title">{label(schema.label)}</h1>
          <div className="preview-meta num">
            {t('data.rows', { count: schema.rowCount })} · {t('data.columns', { count: schema.fields.length })}
          </div>
        </div>
        {props.aside}
      </div>
      {props.tabs}
    </header>
  );
}
