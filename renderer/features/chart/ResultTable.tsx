import type { ResultColumn } from '../../../shared/api/types';
import type { ResultRow } from '../../../shared/query/result-rows';
import { useT } from '../../i18n/locale-context';
import { valueText } from '../../../shared/chart/pill-text';
import { dimensionTitle, measureTitle } from '../../../shared/chart/chart-text';
import { kpiValueText } from '../../../shared/chart/kpi-format';
import type { ChartPlan } from '../../../shared/chart/sheet-query';

/** Rows shown at once; the rest are a scroll of the result away, and the note says how many there are. */
export const TABLE_ROWS_SHOWN = 1000;

/** The chart's result as a table: dimensions first, then each measure (a metric with its n). */
export function ResultTable({ plan, rows, columns }: { readonly plan: ChartPlan; readonly rows: readonly ResultRow[]; readonly columns: readonly ResultColumn[] }) {
  const { t, locale, number } = useT();
  const dimensions = [plan.axis, ...plan.series];
  const shown = rows.slice(0, TABLE_ROWS_SHOWN);
  return (
    <div className="result-table-wrap">
      <table className="result-table" data-testid="result-table">
        <thead>
          <tr>
            {dimensions.map((d) => (
              <th key={d.id} scope="col">
                {dimensionTitle(locale, d.pill)}
              </th>
            ))}
            {plan.measures.map((m) => (
              <th key={m.id} scope="col" className="is-number">
                {measureTitle(locale, m.pill)}
              </th>
            ))}
            {plan.measures
              .filter((m) => m.pill.metric !== undefined)
              .map((m) => (
                <th key={`${m.id}__n`} scope="col" className="is-number is-detail">
                  {t('table.n', { measure: measureTitle(locale, m.pill) })}
                </th>
              ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, r) => (
            <tr key={r}>
              {dimensions.map((d) => {
                return <td key={d.id}>{valueText(locale, row[d.id] ?? null)}</td>;
              })}
              {plan.measures.map((m) => {
                const raw = row[m.id];
                const unit = columns.find((c) => c.name === m.id)?.metric?.unit;
                return (
                  <td key={m.id} className="is-number num">
                    {typeof raw === 'number' ? (unit === undefined ? number(raw) : kpiValueText(locale, raw, unit)) : '—'}
                  </td>
                );
              })}
              {plan.measures
                .filter((m) => m.pill.metric !== undefined)
                .map((m) => {
                  const n = row[`${m.id}__n`];
                  return (
                    <td key={`${m.id}__n`} className="is-number is-detail num">
                      {typeof n === 'number' ? number(n, 0) : '—'}
                    </td>
                  );
                })}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length && <p className="result-table-note">{t('table.more', { shown: number(shown.length, 0), total: number(rows.length, 0) })}</p>}
    </div>
  );
}
