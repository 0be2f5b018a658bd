import { useMemo, useState } from 'react';
import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import type { BoardProblem } from '../../../shared/spec/board-spec';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { ModalDialog } from '../../ui/ModalDialog';
import { useEngineValue, useFieldValues } from './board-hooks';
import { boardValueText, monthPeriod, previousMonth } from '../../../shared/board/board-text';

/** A month of the metric's history, as the period pickers offer it. */
interface MonthFigure {
  readonly month: string;
  readonly value: number | null;
  readonly n: number;
}

/** The catalogue metrics the workbench's tables allow, each with its table (the first table that has it). */
function useMetricChoices(): readonly { readonly table: string; readonly metric: MetricDefinition }[] {
  const metrics = useWorkbenchStore((s) => s.metrics);
  const tables = useWorkbenchStore((s) => s.tables);
  return useMemo(() => {
    const seen = new Set<string>();
    const out: { table: string; metric: MetricDefinition }[] = [];
    for (const table of tables)
      for (const metric of metrics[table.name] ?? [])
        if (!seen.has(metric.id) && metric.variants.every((v) => v.formula.kind !== 'quantile')) {
          seen.add(metric.id);
          out.push({ table: table.name, metric });
        }
    return out;
  }, [metrics, tables]);
}

/** The metric per month over its table's history (null while it is read). */
function useMonths(table: string | undefined, metric: string | undefined): MonthFigure[] | null {
  const loaded = useEngineValue(table === undefined || metric === undefined ? null : JSON.stringify([table, metric]), async () => {
    const report = await api().computeMetrics({ table, metrics: [metric!], by: 'created_at:month' });
    return report.results
      .filter((r) => r.group !== null)
      .map((r) => ({ month: String(r.group).slice(0, 7), value: r.value, n: r.n }))
      .sort((a, b) => a.month.localeCompare(b.month));
  });
  return loaded.state === 'done' ? loaded.value : loaded.state === 'failed' ? [] : null;
}

/**
 * A new board starts from its problem: a metric, the period it moved in against the period before,
 * and optionally a scope (one field's value, e.g. 区域 = 华东).
 */
export function NewBoardDialog(props: { readonly open: boolean; readonly onClose: () => void; readonly onCreate: (name: string, problem: BoardProblem) => void }) {
  const { t, label, number, locale } = useT();
  const choices = useMetricChoices();
  const schemas = useWorkbenchStore((s) => s.schemas);
  const [metricId, setMetricId] = useState('');
  const choice = choices.find((c) => c.metric.id === metricId) ?? choices[0];
  const months = useMonths(props.open ? choice?.table : undefined, choice?.metric.id);
  const [afterChoice, setAfter] = useState('');
  const [beforeChoice, setBefore] = useState('');
  const [scopeField, setScopeField] = useState('');
  const [scopeValue, setScopeValue] = useState('');
  const [name, setName] = useState('');
  const values = useFieldValues(props.open ? choice?.table : undefined, scopeField);

  // the latest month with data against the one before it, until the user picks others
  const has = (month: string) => months?.some((m) => m.month === month) === true;
  const latest = months?.at(-1)?.month ?? '';
  const after = has(afterChoice) ? afterChoice : latest;
  const before = has(beforeChoice) ? beforeChoice : latest === '' ? '' : previousMonth(latest);

  const fields = (choice === undefined ? [] : (schemas[choice.table]?.fields ?? [])).filter((f) => f.type === 'text' && f.distinctCount >= 2 && f.distinctCount <= 500);
  const metricName = choice === undefined ? '' : label(choice.metric.name);
  const scopeText = scopeField !== '' && scopeValue !== '' ? ` · ${scopeValue}` : '';
  const suggested = t('board.new.suggestedName', { metric: metricName, after, before }) + scopeText;
  const valid = choice !== undefined && after !== '' && before !== '' && after !== before;

  const create = () => {
    if (!valid) return;
    props.onCreate(name.trim() === '' ? suggested : name.trim(), {
      metric: choice.metric.id,
      table: choice.table,
      filters: scopeField !== '' && scopeValue !== '' ? [{ field: scopeField, values: [scopeValue] }] : [],
      periodA: monthPeriod(before),
      periodB: monthPeriod(after),
    });
  };

  const unit = choice?.metric.unit ?? 'count';
  const monthOption = (m: MonthFigure) => (
    <option key={m.month} value={m.month}>
      {m.month} · {boardValueText(locale, m.value, unit)} · n={number(m.n)}
    </option>
  );

  return (
    <ModalDialog open={props.open} className="import-dialog board-new-dialog" labelledBy="board-new-title" testId="board-new-dialog" onDismiss={props.onClose}>
      <div className="import-dialog-frame">
        <header className="import-dialog-header">
          <div>
            <h2 className="import-dialog-title" id="board-new-title">
              {t('board.new.title')}
            </h2>
            <p className="import-dialog-subtitle">{t('board.new.subtitle')}</p>
          </div>
          <button type="button" className="icon-btn" aria-label={t('model.close')} onClick={props.onClose}>
            <Icon name="close" />
          </button>
        </header>
        <div className="import-dialog-body board-new-body">
          {choices.length === 0 ? (
            <p className="board-new-empty">{t('board.new.noMetrics')}</p>
          ) : (
            <>
              <label className="board-field">
                <span>{t('board.new.metric')}</span>
                <select className="input" value={choice?.metric.id ?? ''} onChange={(e) => setMetricId(e.target.value)} data-testid="board-new-metric">
                  {choices.map((c) => (
                    <option key={c.metric.id} value={c.metric.id}>
                      {label(c.metric.name)}
                    </option>
                  ))}
                </select>
              </label>
              <div className="board-field-row">
                <label className="board-field">
                  <span>{t('board.new.after')}</span>
                  <select className="input" value={after} onChange={(e) => setAfter(e.target.value)} disabled={months === null} data-testid="board-new-after">
                    {(months ?? []).map(monthOption)}
                  </select>
                </label>
                <label className="board-field">
                  <span>{t('board.new.before')}</span>
                  <select className="input" value={before} onChange={(e) => setBefore(e.target.value)} disabled={months === null} data-testid="board-new-before">
                    {(months ?? []).map(monthOption)}
                  </select>
                </label>
              </div>
              <div className="board-field-row">
                <label className="board-field">
                  <span>{t('board.new.scopeField')}</span>
                  <select
                    className="input"
                    value={scopeField}
                    onChange={(e) => {
                      setScopeField(e.target.value);
                      setScopeValue('');
                    }}
                    data-testid="board-new-scope-field"
                  >
                    <option value="">{t('board.new.wholeTable')}</option>
                    {fields.map((f) => (
                      <option key={f.name} value={f.name}>
                        {label(f.label)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="board-field">
                  <span>{t('board.new.scopeValue')}</span>
                  <select className="input" value={scopeValue} onChange={(e) => setScopeValue(e.target.value)} disabled={scopeField === ''} data-testid="board-new-scope-value">
                    <option value="">—</option>
                    {values.map((v) => (
                      <option key={v} value={v}>
                        {v}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <label className="board-field">
                <span>{t('board.new.name')}</span>
                <input className="input" value={name} placeholder={suggested} onChange={(e) => setName(e.target.value)} data-testid="board-new-name" />
              </label>
              {months !== null && months.length === 0 && <p className="board-new-empty">{t('board.new.noMonths')}</p>}
            </>
          )}
        </div>
        <footer className="import-dialog-footer">
          <span />
          <button type="button" className="btn" onClick={props.onClose}>
            {t('filter.cancel')}
          </button>
          <button type="button" className="btn btn-primary" disabled={!valid} onClick={create} data-testid="board-new-create">
            {t('board.new.create')}
          </button>
        </footer>
      </div>
    </ModalDialog>
  );
}
