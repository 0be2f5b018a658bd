import { useMemo } from 'react';
import { useT } from '../../i18n/locale-context';
import { useEditorStore } from '../../state/editor-store';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { openFilePicker } from '../import/import-files';
import { performAction } from '../../actions/perform-action';
import { buildKindFigure } from './chart-figure';
import { ChartEmptyState } from './ChartEmptyState';
import { chartTitle } from './chart-summary';
import { PlotlyChart } from './PlotlyChart';
import { useSheetKinds, useSheetPlan } from './use-sheet-plan';
import { KpiCards } from './KpiCards';
import { ResultTable } from './ResultTable';
import { PivotTable } from './PivotTable';
import type { ChartQuery } from './use-chart-query';
import { useChartTheme } from './use-chart-theme';
import './chart.css';

/** The chart card: a title, then the chart or the empty state that teaches the next step. */
export function ChartView({ query, trend }: { readonly query: ChartQuery; readonly trend: ChartQuery }) {
  const { t, locale } = useT();
  const sheet = useEditorStore((s) => s.sheet);
  const tables = useWorkbenchStore((s) => s.tables);
  const workbenchStatus = useWorkbenchStore((s) => s.status);
  const theme = useChartTheme();
  const planned = useSheetPlan();
  const { kind } = useSheetKinds();
  const { answer, pending } = query;
  const title = chartTitle(locale, sheet);

  const figure = useMemo(() => {
    if (planned.kind !== 'chart' || answer?.ok !== true) return undefined;
    const minSamples = Object.fromEntries(answer.result.columns.flatMap((c) => (c.metric === undefined || c.detail !== undefined ? [] : [[c.name, c.metric.minSample] as const])));
    return buildKindFigure({ plan: planned.plan, rows: answer.rows, kind, locale, theme, minSamples });
  }, [planned, answer, kind, locale, theme]);

  let body;
  if (workbenchStatus === 'ready' && tables.length === 0) {
    body = (
      <ChartEmptyState icon="upload" title={t('drop.title')} body={t('drop.body')}>
        <button type="button" className="btn btn-primary" onClick={openFilePicker}>
          <Icon name="import" />
          {t('toolbar.import')}
        </button>
      </ChartEmptyState>
    );
  } else if (planned.kind === 'empty') {
    const reason = planned.reason;
    body =
      reason === 'noFields' ? (
        <ChartEmptyState icon="analyze" title={t('chart.empty.title')} body={t('chart.empty.body')} />
      ) : (
        <ChartEmptyState
          icon={reason === 'needMeasure' ? 'hash' : 'text'}
          title={t('chart.empty.title')}
          body={t(reason === 'needMeasure' ? 'chart.empty.needMeasure' : 'chart.empty.needDimension')}
        />
      );
  } else if (answer?.ok === false) {
    body = <ChartEmptyState icon="alert" tone="error" title={t('chart.error.title')} body={answer.error.messageFor(locale)} />;
  } else if (planned.kind === 'kpi' && answer?.ok === true) {
    body = <KpiCards plan={planned.plan} answer={answer} trend={trend.answer} />;
  } else if (answer?.ok === true && answer.result.rowCount === 0) {
    body = <ChartEmptyState icon="filter" title={t('chart.empty.title')} body={t('chart.noRows')} />;
  } else if (planned.kind === 'chart' && kind === 'table' && answer?.ok === true) {
    body = <ResultTable plan={planned.plan} rows={answer.rows} columns={answer.result.columns} />;
  } else if (planned.kind === 'chart' && planned.plan.extras.pivot !== undefined && answer?.ok === true) {
    // a pivot table waits for its row totals too
    if (trend.answer?.ok === false) body = <ChartEmptyState icon="alert" tone="error" title={t('chart.error.title')} body={trend.answer.error.messageFor(locale)} />;
    else if (trend.answer?.ok === true) body = <PivotTable plan={planned.plan} pivot={planned.plan.extras.pivot} rows={answer.rows} rowTotals={trend.answer.rows} columns={answer.result.columns} />;
    else body = <div className="chart-loading">{t('chart.loading')}</div>;
  } else if (figure !== undefined) {
    body = <PlotlyChart figure={figure} locale={locale} label={t('chart.label', { summary: title ?? '' })} />;
  } else {
    body = <div className="chart-loading">{t('chart.loading')}</div>;
  }

  const hasPills = title !== undefined || sheet.shelves.filters.length > 0;
  return (
    <section className="chart-card" aria-label={title ?? t('chart.empty.title')} aria-busy={pending}>
      <header className="chart-header">
        <h1 className="chart-title">{title ?? t('rail.analyze')}</h1>
        <div className="chart-header-side">
          {pending && planned.kind !== 'empty' && (
            <span className="chart-pending" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('chart.loading')}
            </span>
          )}
          {answer?.ok === true && answer.result.truncated && (
            <span className="chart-note">{t('chart.truncated', { count: answer.result.rowCount })}</span>
          )}
          <button
            type="button"
            className="icon-btn"
            onClick={() => performAction('clearShelves', {})}
            disabled={!hasPills}
            aria-label={t('shelf.clear')}
            title={t('shelf.clear')}
          >
            <Icon name="trash" />
          </button>
        </div>
      </header>
      <div className="chart-body">{body}</div>
    </section>
  );
}
