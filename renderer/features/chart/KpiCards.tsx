import type { ResultRow } from '../../../shared/query/result-rows';
import { useT } from '../../i18n/locale-context';
import { measureTitle } from '../../../shared/chart/chart-text';
import { kpiChange, kpiValueText } from '../../../shared/chart/kpi-format';
import type { KpiPlan, PlacedPill } from '../../../shared/chart/sheet-query';
import type { ChartAnswer } from './use-chart-query';

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** "2024-09" as the reader's language writes a month. */
function monthText(locale: string, bucket: unknown): string {
  const match = typeof bucket === 'string' ? /^(\d{4})-(\d{2})$/.exec(bucket) : null;
  if (match === null) return typeof bucket === 'string' || typeof bucket === 'number' ? String(bucket) : '—';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/** A small line of the monthly values, oldest on the left. */
function Sparkline({ values, label }: { readonly values: readonly (number | null)[]; readonly label: string }) {
  const points = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  if (points.length < 2) return null;
  const width = 160;
  const height = 36;
  const min = Math.min(...points.map((p) => p.v));
  const max = Math.max(...points.map((p) => p.v));
  const x = (i: number): number => (i / Math.max(1, values.length - 1)) * (width - 4) + 2;
  const y = (v: number): number => (max === min ? height / 2 : height - 3 - ((v - min) / (max - min)) * (height - 6));
  const last = points.at(-1)!;
  return (
    <svg className="kpi-sparkline" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
      <polyline fill="none" strokeWidth="1.5" points={points.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')} />
      <circle cx={x(last.i)} cy={y(last.v)} r="2.5" />
    </svg>
  );
}

function KpiCard({ measure, row, columns, trend, trendId }: { readonly measure: PlacedPill; readonly row: ResultRow | undefined; readonly columns: NonNullable<Extract<ChartAnswer, { ok: true }>['result']['columns']>; readonly trend: readonly ResultRow[]; readonly trendId: string | undefined }) {
  const { t, locale, number } = useT();
  const info = columns.find((c) => c.name === measure.id)?.metric;
  const title = measureTitle(locale, measure.pill);
  const value = numberOrNull(row?.[measure.id]);
  const n = numberOrNull(row?.[`${measure.id}__n`]);
  const low = numberOrNull(row?.[`${measure.id}__low`]);
  const high = numberOrNull(row?.[`${measure.id}__high`]);
  // the trend comes newest first
  const months = [...trend].reverse();
  const series = months.map((r) => numberOrNull(r[measure.id]));
  const latest = months.at(-1);
  const before = months.at(-2);
  const change = latest === undefined || before === undefined ? undefined : kpiChange(locale, numberOrNull(latest[measure.id]), numberOrNull(before[measure.id]), info?.unit, info?.direction);
  const lowN = info !== undefined && n !== null && n < info.minSample;

  return (
    <article className="kpi-card" data-testid={`kpi-${measure.id}`}>
      <h2 className="kpi-title" title={title}>
        {title}
      </h2>
      <p className="kpi-value num" data-testid="kpi-value">
        {kpiValueText(locale, value, info?.unit)}
      </p>
      {n !== null && (
        <p className={`kpi-sample${lowN ? ' is-low' : ''}`}>
          {t('kpi.sample', { n: number(n, 0), low: kpiValueText(locale, low, info?.unit), high: kpiValueText(locale, high, info?.unit) })}
          {lowN && <span className="kpi-low-n"> · {t('kpi.lowN')}</span>}
        </p>
      )}
      {trendId !== undefined && latest !== undefined && (
        <div className="kpi-trend">
          <Sparkline values={series} label={t('kpi.trend', { measure: title })} />
          <p className="kpi-month">
            {t('kpi.latest', { month: monthText(locale, latest[trendId]), value: kpiValueText(locale, numberOrNull(latest[measure.id]), info?.unit) })}
            {change !== undefined && before !== undefined && (
              <span className={`kpi-change is-${change.tone}`} data-testid="kpi-change">
                {' '}
                {change.text} {t('kpi.vsPrevious', { month: monthText(locale, before[trendId]) })}
              </span>
            )}
          </p>
        </div>
      )}
    </article>
  );
}

/** Measures without a dimension: one card each with the value, its n and interval, and the monthly trend. */
export function KpiCards({ plan, answer, trend }: { readonly plan: KpiPlan; readonly answer: Extract<ChartAnswer, { ok: true }>; readonly trend: ChartAnswer | undefined }) {
  const trendRows = trend?.ok === true ? trend.rows : [];
  return (
    <div className="kpi-cards" data-testid="kpi-cards">
      {plan.measures.map((measure) => (
        <KpiCard key={measure.pill.id} measure={measure} row={answer.rows[0]} columns={answer.result.columns} trend={trendRows} trendId={plan.trendId} />
      ))}
    </div>
  );
}
