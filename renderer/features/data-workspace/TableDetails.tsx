import type { TableSchema, TableSummary } from '../../../shared/api/types';
import { useT } from '../../i18n/locale-context';
import { FieldGlyph } from '../data-panel/FieldGlyph';

/** The right panel of Data: each field's type and how many values are empty or distinct. */
export function TableDetails({ schema, summary }: { readonly schema: TableSchema; readonly summary: TableSummary | undefined }) {
  const { t, label, number } = useT();
  return (
    <aside className="inspector" aria-label={t('data.schema')}>
      <div className="panel-header">
        <h2 className="section-title">{t('data.schema')}</h2>
      </div>
      <div className="inspector-scroll">
        {summary?.sourceFile != null && <p className="inspector-muted table-source">{t('data.source', { file: summary.sourceFile })}</p>}
        <table className="schema-table">
          <thead>
            <tr>
              <th scope="col">{t('data.fields')}</th>
              <th scope="col" className="num">
                {t('data.nulls')}
              </th>
              <th scope="col" className="num">
                {t('data.distinct')}
              </th>
            </tr>
          </thead>
          <tbody>
            {schema.fields.map((field) => (
              <tr key={field.name}>
                <td>
                  <div className="schema-field">
                    <FieldGlyph kind={field.kind} />
                    <div className="schema-field-text">
                      <span>{label(field.label)}</span>
                      <span className="schema-field-type">
                        {field.name} · {t(`type.${field.type}`)}
                      </span>
                    </div>
                  </div>
                </td>
                <td className="num">{number(field.nullCount, 0)}</td>
                <td className="num">{field.distinctExact ? '' : '≈ '}{number(field.distinctCount, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </aside>
  );
}
