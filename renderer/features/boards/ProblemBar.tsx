import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import type { BoardProblem } from '../../../shared/spec/board-spec';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { kpiChange } from '../../../shared/chart/kpi-format';
import { useBoardStore } from './board-store';
import { boardValueText, periodText, segmentText } from '../../../shared/board/board-text';
import { Sparkline } from './Sparkline';

/** The catalogue definition of a board's metric, from the tables' metric lists. */
export function useBoardMetric(problem: BoardProblem | undefined): MetricDefinition | undefined {
  const metrics = useWorkbenchStore((s) => s.metrics);
  if (problem === undefined) return undefined;
  const lists = problem.table === undefined ? Object.values(metrics) : [metrics[problem.table] ?? [], ...Object.values(metrics)];
  for (const list of lists) {
    const found = list.find((m) => m.id === problem.metric);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The field labels of the problem's table, for scope and segment texts. */
export function useFieldLabel(table: string | undefined): (field: string) => string {
  const { label } = useT();
  const schemas = useWorkbenchStore((s) => s.schemas);
  return (field) => {
    const schema = table === undefined ? Object.values(schemas).find((s) => s.fields.some((f) => f.name === field)) : schemas[table];
    const found = schema?.fields.find((f) => f.name === field);
    return found === undefined ? field : label(found.label);
  };
}

/**
 * The problem statement at the head of a board: the metric in its scope, both periods' values, the
 * change, n and whether the change is significant.
 */
export function ProblemBar() {
  const { t, locale, label, number } = useT();
  const spec = useBoardStore((s) => s.spec);
  const figures = useBoardStore((s) => s.figures);
  const metric = useBoardMetric(spec?.problem);
  const fieldLabel = useFieldLabel(spec?.problem.table);
  if (spec === null) return null;
  const { problem } = spec;
  const unit = metric?.unit ?? 'count';
  const change = figures === null ? undefined : kpiChange(locale, figures.b, figures.a, unit, metric?.direction);
  const significant = figures?.pValue !== null && figures?.pValue !== undefined && figures.pValue < 0.05;
  const split = figures === null ? undefined : figures.series.findIndex((s) => s.bucket >= problem.periodB.from);
  return (
    <section className="problem-bar" aria-label={t('board.problem.label')} data-testid="problem-bar">
      <div className="problem-what">
        <span className="problem-metric">{metric === undefined ? problem.metric : label(metric.name)}</span>
        <span className="problem-scope">{problem.filters.length === 0 ? t('board.problem.allRows') : segmentText(problem.filters, fieldLabel, t('board.emptyValue'))}</span>
        <span className="problem-periods num">
          {t('board.problem.periods', { after: periodText(problem.periodB), before: periodText(problem.periodA) })}
        </span>
      </div>
      {figures === null ? (
        <div className="problem-figures is-loading" aria-busy="true" />
      ) : (
        <div className="problem-figures num" data-testid="problem-figures">
          <div className="problem-value">
            <span className="problem-value-label">{periodText(problem.periodA)}</span>
            <span className="problem-value-number" data-testid="problem-value-a">{boardValueText(locale, figures.a, unit)}</span>
            <span className="problem-n">n {number(figures.nA)}</span>
          </div>
          <span className="problem-arrow" aria-hidden="true">
            →
          </span>
          <div className="problem-value">
            <span className="problem-value-label">{periodText(problem.periodB)}</span>
            <span className="problem-value-number" data-testid="problem-value-b">{boardValueText(locale, figures.b, unit)}</span>
            <span className="problem-n">n {number(figures.nB)}</span>
          </div>
          {change !== undefined && (
            <span className={`problem-change is-${change.tone}`} data-testid="problem-change">
              {change.text}
            </span>
          )}
          <span className={`explain-tag${significant ? ' is-significant' : ''}`} data-testid="problem-significance">
            {figures.pValue === null ? t('board.explain.notTestable') : significant ? t('board.problem.significant', { p: figures.pValue < 0.001 ? '< 0.001' : `= ${figures.pValue.toFixed(3)}` }) : t('board.problem.notSignificant', { p: figures.pValue.toFixed(2) })}
          </span>
          <Sparkline values={figures.series.map((s) => s.value)} width={120} height={28} label={t('board.problem.trend')} split={split === undefined || split < 0 ? undefined : split} />
        </div>
      )}
    </section>
  );
}
