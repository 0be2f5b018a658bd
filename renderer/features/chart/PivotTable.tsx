import type { ResultColumn } from '../../../shared/api/types';
import type { ResultRow } from '../../../shared/query/result-rows';
import { useT } from '../../i18n/locale-context';
import { valueText } from '../../../shared/chart/pill-text';
import { dimensionTitle, measureTitle } from '../../../shared/chart/chart-text';
import { kpiValueText } from '../../../shared/chart/kpi-format';
import { pivotLayout } from '../../../shared/chart/pivot-layout';
import type { ChartPlan, PivotExtras } from '../../../shared/chart/sheet-query';

/** Lines shown at once; a pivot this long is better filtered. */
export const PIVOT_LINES_SHOWN = 1000;

/**
 * A pivot table: the Columns field's values across, the other dimensions down, the measures in the
 * cells, with a subtotal after each outer group, each line's total on the right and the total line
 * at the bottom — every number as the engine returned it.
 */
export function PivotTable(props: {
  readonly plan: ChartPlan;
  readonly pivot: PivotExtras;
  readonly rows: readonly ResultRow[];
  readonly rowTotals: readonly ResultRow[];
  readonly columns: readonly ResultColumn[];
}) {
  const { plan, pivot } = props;
  const { t, locale, number } = useT();
  const layout = pivotLayout(pivot, plan.measures, props.rows, props.rowTotals, locale);
  const shown = layout.lines.slice(0, PIVOT_LINES_SHOWN);
  const many = plan.measures.length > 1;
  const units = plan.measures.map((m) => props.columns.find((c) => c.name === m.id)?.metric?.unit);
  const cell = (value: number | null, m: number) => (value === null ? '—' : units[m] === undefined ? number(value) : kpiValueText(locale, value, units[m]));
  const headerRows = many ? 2 : 1;
  const acrossTitle = dimensionTitle(locale, pivot.across.pill);

  return (
    <div className="result-table-wrap">
      <table className="result-table pivot-table" data-testid="pivot-table">
        <caption className="visually-hidden">{t('pivot.caption', { across: acrossTitle })}</caption>
        <thead>
          <tr className="pivot-across-title">
            <th scope="colgroup" colSpan={Math.max(1, pivot.down.length)} aria-hidden="true" />
            <th scope="colgroup" colSpan={layout.across.length * plan.measures.length}>
              {acrossTitle}
            </th>
            <th scope="colgroup" colSpan={plan.measures.length} aria-hidden="true" className="pivot-total" />
          </tr>
          <tr>
            {pivot.down.length === 0 && <th scope="col" rowSpan={headerRows} aria-hidden="true" />}
            {pivot.down.map((d) => (
              <th key={d.id} scope="col" rowSpan={headerRows}>
                {dimensionTitle(locale, d.pill)}
              </th>
            ))}
            {layout.across.map((a, i) => (
              <th key={i} scope="col" colSpan={plan.measures.length} className="is-number">
                {valueText(locale, a)}
              </th>
            ))}
            <th scope="col" colSpan={plan.measures.length} className="is-number pivot-total">
              {t('pivot.total')}
            </th>
          </tr>
          {many && (
            <tr>
              {[...layout.across, null].flatMap((_, i) =>
                plan.measures.map((m) => (
                  <th key={`${i}-${m.id}`} scope="col" className="is-number is-detail">
                    {measureTitle(locale, m.pill)}
                  </th>
                )),
              )}
            </tr>
          )}
        </thead>
        <tbody>
          {shown.map((line, r) => (
            <tr key={r} className={line.kind === 'detail' ? undefined : `pivot-${line.kind}`} data-line={line.kind}>
              {pivot.down.length === 0 && <th scope="row">{measureTitle(locale, plan.measures[0]!.pill)}</th>}
              {pivot.down.map((d, i) => {
                if (line.kind === 'total') return i === 0 ? <th key={d.id} scope="row" colSpan={pivot.down.length}>{t('pivot.grandTotal')}</th> : null;
                if (line.kind === 'subtotal' && i === line.kept) return <th key={d.id} scope="row">{t('pivot.subtotal')}</th>;
                const raw = line.headers[i] ?? null;
                return (
                  <th key={d.id} scope="row">
                    {i < line.kept || line.kind === 'detail' ? valueText(locale, raw) : ''}
                  </th>
                );
              })}
              {line.cells.flatMap((values, a) =>
                values.map((v, m) => (
                  <td key={`${a}-${m}`} className="is-number num">
                    {cell(v, m)}
                  </td>
                )),
              )}
              {line.total.map((v, m) => (
                <td key={`total-${m}`} className="is-number num pivot-total">
                  {cell(v, m)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {layout.lines.length > shown.length && <p className="result-table-note">{t('table.more', { shown: number(shown.length, 0), total: number(layout.lines.length, 0) })}</p>}
    </div>
  );
}
