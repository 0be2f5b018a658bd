import { useMemo } from 'react';
import type { ActionStatus, BoardAction, BoardSpec } from '../../../shared/spec/board-spec';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { PlotlyChart } from '../chart/PlotlyChart';
import { useChartTheme } from '../chart/use-chart-theme';
import { addAction, findNode, nextId, removeAction, updateAction } from './board-edits';
import { followUpFigure } from '../../../shared/board/board-figures';
import { useEngineValue } from './board-hooks';
import { useBoardStore } from './board-store';
import { boardValueText } from '../../../shared/board/board-text';
import { useBoardMetric } from './ProblemBar';

const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in-progress', 'done', 'cancelled'];

/** What an action addresses, named for a menu: a cause's text, or a 5-Why step's with its cause. */
function nodeOptions(spec: BoardSpec, whyLabel: (n: number) => string): { readonly id: string; readonly text: string }[] {
  return [
    ...spec.causes.map((c) => ({ id: c.id, text: c.text })),
    ...spec.chains.flatMap((chain) => {
      const cause = spec.causes.find((c) => c.id === chain.causeId);
      return chain.steps.map((s, i) => ({ id: s.id, text: `${cause?.text ?? ''} › ${whyLabel(i + 1)}: ${s.answer}` }));
    }),
  ];
}

/** Did the action move its metric? Before and after its date in the board's scope, as a control chart with a verdict. */
function FollowUp({ action }: { readonly action: BoardAction }) {
  const { t, locale, number } = useT();
  const theme = useChartTheme();
  const spec = useBoardStore((s) => s.spec);
  const metric = useBoardMetric(spec === null ? undefined : { ...spec.problem, metric: action.metric });
  const problem = spec?.problem;
  const key = problem === undefined || action.effectiveFrom === null ? null : JSON.stringify([action.metric, action.effectiveFrom, problem.filters, problem.table]);
  const state = useEngineValue(key, () => api().followUpAction({ table: problem!.table, metric: action.metric, filters: problem!.filters, effectiveFrom: action.effectiveFrom! }));
  const unit = metric?.unit ?? 'count';
  const figure = useMemo(
    () =>
      state.state === 'done'
        ? followUpFigure(state.value, { locale, unit, theme, words: { before: t('board.followUp.before'), after: t('board.followUp.after'), mean: t('board.followUp.mean'), limits: t('board.followUp.limits') } })
        : null,
    // t follows the locale
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, locale, unit, theme],
  );
  if (action.effectiveFrom === null) return <p className="board-panel-empty">{t('board.followUp.needDate')}</p>;
  if (state.state === 'loading' || state.state === 'idle') return <div className="followup is-loading" aria-busy="true" />;
  if (state.state === 'failed')
    return (
      <p className="board-panel-problem" role="alert">
        {state.error.messageFor(locale)}
      </p>
    );
  const f = state.value;
  return (
    <div className="followup" data-testid="followup">
      <div className="followup-figures num">
        <span>
          {t('board.followUp.before')}: <b>{boardValueText(locale, f.before.value, unit)}</b> (n {number(f.before.n)})
        </span>
        <span>
          {t('board.followUp.after')}: <b>{boardValueText(locale, f.after.value, unit)}</b> (n {number(f.after.n)})
        </span>
        {f.pValue !== null && <span>{f.pValue < 0.001 ? 'p < 0.001' : `p = ${f.pValue.toFixed(3)}`}</span>}
        <span className={`followup-verdict is-${f.verdict}`} data-testid="followup-verdict">
          {t(`board.followUp.verdict.${f.verdict}`)}
        </span>
      </div>
      {figure !== null && (
        <div className="followup-chart">
          <PlotlyChart figure={figure} locale={locale} label={t('board.followUp.chart')} />
        </div>
      )}
      {f.control !== null && <p className="followup-note">{t('board.followUp.outside', { n: f.outside })}</p>}
    </div>
  );
}

function ActionCard({ action, open, onToggle }: { readonly action: BoardAction; readonly open: boolean; readonly onToggle: () => void }) {
  const { t, label } = useT();
  const spec = useBoardStore((s) => s.spec);
  const tableMetrics = useWorkbenchStore((s) => (spec?.problem.table === undefined ? undefined : s.metrics[spec.problem.table]));
  // the metrics the problem's table allows that can be compared before and after (not percentiles)
  const metricChoices = (tableMetrics ?? []).filter((m) => m.variants.every((v) => v.formula.kind !== 'quantile') || m.id === action.metric);
  const edit = useBoardStore((s) => s.edit);
  const selectNode = useBoardStore((s) => s.selectNode);
  if (spec === null) return null;
  const options = nodeOptions(spec, (n) => t('board.why.n', { n }));
  const target = action.addresses === null ? undefined : findNode(spec, action.addresses);
  const change = (c: Partial<Omit<BoardAction, 'id'>>) => edit(updateAction(action.id, c));
  return (
    <li className={`action-card${open ? ' is-open' : ''}`} data-testid="action-card">
      <button type="button" className="action-head" onClick={onToggle} aria-expanded={open}>
        <span className={`action-status is-${action.status}`}>{t(`board.actionStatus.${action.status}`)}</span>
        <span className="action-title">{action.title}</span>
        <span className="action-meta">{[action.owner, action.due].filter((x) => x !== null && x !== '').join(' · ')}</span>
      </button>
      {open && (
        <div className="action-body">
          <label className="board-field">
            <span>{t('board.actions.title')}</span>
            <input className="input" defaultValue={action.title} onBlur={(e) => e.target.value.trim() !== '' && change({ title: e.target.value.trim() })} data-testid="action-title" />
          </label>
          <div className="board-field-row">
            <label className="board-field">
              <span>{t('board.actions.kind')}</span>
              <select className="input" value={action.kind} onChange={(e) => change({ kind: e.target.value as BoardAction['kind'] })}>
                <option value="corrective">{t('board.actionKind.corrective')}</option>
                <option value="preventive">{t('board.actionKind.preventive')}</option>
              </select>
            </label>
            <label className="board-field">
              <span>{t('board.actions.status')}</span>
              <select className="input" value={action.status} onChange={(e) => change({ status: e.target.value as ActionStatus })} data-testid="action-status">
                {ACTION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`board.actionStatus.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="board-field-row">
            <label className="board-field">
              <span>{t('board.actions.owner')}</span>
              <input className="input" defaultValue={action.owner} onBlur={(e) => change({ owner: e.target.value.trim() })} data-testid="action-owner" />
            </label>
            <label className="board-field">
              <span>{t('board.actions.due')}</span>
              <input className="input" type="date" value={action.due ?? ''} onChange={(e) => change({ due: e.target.value === '' ? null : e.target.value })} data-testid="action-due" />
            </label>
          </div>
          <label className="board-field">
            <span>{t('board.actions.addresses')}</span>
            <select className="input" value={action.addresses ?? ''} onChange={(e) => change({ addresses: e.target.value === '' ? null : e.target.value })} data-testid="action-addresses">
              <option value="">—</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.text}
                </option>
              ))}
            </select>
          </label>
          {target !== undefined && (
            <button type="button" className="link-btn" onClick={() => selectNode(action.addresses)}>
              {t('board.actions.showCause')}
            </button>
          )}
          <label className="board-field">
            <span>{t('board.actions.metric')}</span>
            <select className="input" value={action.metric} onChange={(e) => change({ metric: e.target.value })} data-testid="action-metric">
              {metricChoices.length === 0 && <option value={action.metric}>{action.metric}</option>}
              {metricChoices.map((m) => (
                <option key={m.id} value={m.id}>
                  {label(m.name)}
                </option>
              ))}
            </select>
          </label>
          <label className="board-field">
            <span>{t('board.actions.effectiveFrom')}</span>
            <input className="input" type="date" value={action.effectiveFrom ?? ''} onChange={(e) => change({ effectiveFrom: e.target.value === '' ? null : e.target.value })} data-testid="action-effective" />
          </label>
          <h3 className="board-subtitle">{t('board.followUp.title')}</h3>
          <FollowUp action={action} />
          <button type="button" className="link-btn node-remove" onClick={() => edit(removeAction(action.id))}>
            {t('board.actions.remove')}
          </button>
        </div>
      )}
    </li>
  );
}

/** The board's corrective and preventive actions, each with its follow-up. */
export function ActionsPanel() {
  const { t } = useT();
  const spec = useBoardStore((s) => s.spec);
  const edit = useBoardStore((s) => s.edit);
  const focusAction = useBoardStore((s) => s.focusAction);
  const setTab = useBoardStore((s) => s.setTab);
  if (spec === null) return null;
  return (
    <section className="board-panel actions-panel" data-testid="actions-panel">
      <div className="panel-header">
        <h2 className="section-title">{t('board.actions.heading', { n: spec.actions.length })}</h2>
        <button
          type="button"
          className="btn"
          onClick={() => {
            const id = nextId(spec, 'action');
            edit(addAction({ kind: 'corrective', title: t('board.actions.newTitle'), owner: '', due: null, effectiveFrom: null, status: 'open', addresses: null, metric: spec.problem.metric }));
            setTab('actions', id);
          }}
          data-testid="action-add"
        >
          <Icon name="plus" />
          {t('board.actions.add')}
        </button>
      </div>
      {spec.actions.length === 0 ? (
        <p className="board-panel-empty">{t('board.actions.empty')}</p>
      ) : (
        <ul className="action-list">
          {spec.actions.map((a) => (
            <ActionCard key={a.id} action={a} open={focusAction === a.id} onToggle={() => setTab('actions', focusAction === a.id ? null : a.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
