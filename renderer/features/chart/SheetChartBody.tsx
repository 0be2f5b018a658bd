import { useMemo } from 'react';
import { useT } from '../../i18n/locale-context';
import type { DrawnKind, SheetState } from '../../../shared/chart/sheet-state';
import { buildKindFigure } from '../../../shared/chart/chart-figure';
import { ChartEmptyState } from './ChartEmptyState';
import { KpiCards } from './KpiCards';
import { markAt, type ChartMark } from './mark-selection';
import { PlotlyChart, type PlotClick } from './PlotlyChart';
import { ResultTable } from './ResultTable';
import { PivotTable } from './PivotTable';
import type { SheetQuery } from '../../../shared/chart/sheet-query';
import { transposeFigure, canTranspose } from '../../../shared/chart/transpose-figure';
import type { ChartQuery } from './use-chart-query';
import { useChartTheme } from './use-chart-theme';

export interface SheetChartBodyProps {
  readonly sheet: SheetState;
  readonly planned: SheetQuery;
  readonly kind: DrawnKind;
  readonly query: ChartQuery;
  readonly trend: ChartQuery;
  /** What the chart shows, for screen readers. */
  readonly label: string;
  /** A mark was clicked: its dimension values, and where on the screen, for a menu there. */
  readonly onMark?: ((mark: ChartMark, at: { readonly x: number; readonly y: number }) => void) | undefined;
}

/**
 * What a sheet draws, from its plan and the engine's answer: an empty state that says what is
 * missing, KPI cards, a table, or a plotly chart. The editor's chart card and dashboard tiles
 * both draw through this, so a chart looks the same wherever it is.
 */
export function SheetChartBody({ sheet, planned, kind, query, trend, label, onMark }: SheetChartBodyProps) {
  const { t, locale } = useT();
  const theme = useChartTheme();
  const { answer } = query;

  const figure = useMemo(() => {
    if (planned.kind !== 'chart' || answer?.ok !== true) return undefined;
    const minSamples = Object.fromEntries(answer.result.columns.flatMap((c) => (c.metric === undefined || c.detail !== undefined ? [] : [[c.name, c.metric.minSample] as const])));
    const drawn = buildKindFigure({ plan: planned.plan, rows: answer.rows, kind, locale, theme, minSamples });
    return sheet.transposed === true && canTranspose(kind) ? transposeFigure(drawn) : drawn;
  }, [planned, answer, kind, locale, theme, sheet.transposed]);

  const onClick = useMemo(() => {
    if (onMark === undefined || planned.kind !== 'chart' || answer?.ok !== true) return undefined;
    const { plan } = planned;
    const rows = answer.rows;
    return (click: PlotClick) => {
      const mark = markAt({ plan, rows, locale, transposed: sheet.transposed === true && canTranspose(kind) }, click);
      if (mark !== undefined) onMark(mark, click.at);
    };
  }, [onMark, planned, answer, locale, sheet.transposed, kind]);

  if (planned.kind === 'empty') {
    const reason = planned.reason;
    return reason === 'noFields' ? (
      <ChartEmptyState icon="analyze" title={t('chart.empty.title')} body={t('chart.empty.body')} />
    ) : (
      <ChartEmptyState icon={reason === 'needMeasure' ? 'hash' : 'text'} title={t('chart.empty.title')} body={t(reason === 'needMeasure' ? 'chart.empty.needMeasure' : 'chart.empty.needDimension')} />
    );
  }
  if (answer?.ok === false) return <ChartEmptyState icon="alert" tone="error" title={t('chart.error.title')} body={answer.error.messageFor(locale)} />;
  if (planned.kind === 'kpi' && answer?.ok === true) return <KpiCards plan={planned.plan} answer={answer} trend={trend.answer} />;
  if (answer?.ok === true && answer.result.rowCount === 0) return <ChartEmptyState icon="filter" title={t('chart.empty.title')} body={t('chart.noRows')} />;
  if (planned.kind === 'chart' && kind === 'table' && answer?.ok === true) return <ResultTable plan={planned.plan} rows={answer.rows} columns={answer.result.columns} />;
  if (planned.kind === 'chart' && planned.plan.extras.pivot !== undefined && answer?.ok === true) {
    // a pivot table waits for its row totals too
    if (trend.answer?.ok === false) return <ChartEmptyState icon="alert" tone="error" title={t('chart.error.title')} body={trend.answer.error.messageFor(locale)} />;
    if (trend.answer?.ok === true) return <PivotTable plan={planned.plan} pivot={planned.plan.extras.pivot} rows={answer.rows} rowTotals={trend.answer.rows} columns={answer.result.columns} />;
    return <div className="chart-loading">{t('chart.loading')}</div>;
  }
  if (figure !== undefined) return <PlotlyChart figure={figure} locale={locale} label={label} onClick={onClick} />;
  return <div className="chart-loading">{t('chart.loading')}</div>;
}
