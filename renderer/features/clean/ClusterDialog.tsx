import { useEffect, useState } from 'react';
import type { ValueCluster } from '../../../shared/cleaning/cluster-values';
import type { ClusterMethodName, RecipeStepBody } from '../../../shared/spec/recipe-spec';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { ModalDialog } from '../../ui/ModalDialog';
import { useCleanStore } from './clean-store';
import { useClusterDialog, type ClusterTarget } from './cluster-dialog-store';
import { addStep, updateStep } from './recipe-edits';

const METHODS: readonly ClusterMethodName[] = ['fingerprint', 'ngramFingerprint', 'editDistance'];

/** One proposed merge as the user edits it: whether it is taken and the value it becomes. */
interface Choice {
  readonly cluster: ValueCluster;
  readonly accepted: boolean;
  readonly into: string;
}

/**
 * Proposes merges of near-duplicate values in a column, as OpenRefine does: each cluster with its
 * values and their counts, taken or left, merged into the most frequent value or one typed in.
 * Accepting adds (or updates) a cluster step.
 */
export function ClusterDialog() {
  const target = useClusterDialog((s) => s.target);
  const close = useClusterDialog((s) => s.close);
  return (
    <ModalDialog open={target !== null} className="import-dialog clean-cluster-dialog" labelledBy="cluster-dialog-title" testId="cluster-dialog" onDismiss={close}>
      {target !== null && <ClusterForm key={`${target.column}.${target.after ?? ''}.${target.stepId ?? ''}`} target={target} onClose={close} />}
    </ModalDialog>
  );
}

function ClusterForm({ target, onClose }: { readonly target: ClusterTarget; readonly onClose: () => void }) {
  const { t, number, locale } = useT();
  const spec = useCleanStore((s) => s.spec)!;
  const apply = useCleanStore((s) => s.apply);
  const editing = spec.steps.find((s) => s.id === target.stepId);
  const [method, setMethod] = useState<ClusterMethodName>(editing?.kind === 'cluster' ? editing.method : 'fingerprint');
  // the answer for one method; another method's answer shows as loading until its own arrives
  const [answer, setAnswer] = useState<{ readonly method: ClusterMethodName; readonly choices: readonly Choice[]; readonly distinct: number; readonly failure: string | null } | null>(null);
  const current = answer?.method === method ? answer : null;
  const choices = current === null || current.failure !== null ? null : current.choices;
  const distinct = current?.distinct ?? 0;
  const failure = current?.failure ?? null;

  // the values as they reach the cluster step: before it when editing, else after the step it follows
  const beforeStep = target.stepId ?? spec.steps[spec.steps.findIndex((s) => s.id === target.after) + 1]?.id;
  useEffect(() => {
    let cancelled = false;
    void api()
      .clusterRecipeValues({ spec, beforeStep, column: target.column, method })
      .then((found) => {
        if (!cancelled) setAnswer({ method, distinct: found.distinct, failure: null, choices: found.clusters.map((cluster) => ({ cluster, accepted: true, into: cluster.canonical })) });
      })
      .catch((error: unknown) => {
        if (!cancelled) setAnswer({ method, distinct: 0, choices: [], failure: asApiCallError(error).messageFor(locale) });
      });
    return () => {
      cancelled = true;
    };
    // the spec changes only by this dialog's own apply, which closes it
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, target.column, beforeStep]);

  const taken = (choices ?? []).filter((c) => c.accepted && c.into.trim() !== '');
  const merge = () => {
    const body: RecipeStepBody = { kind: 'cluster', column: target.column, method, clusters: taken.map((c) => ({ values: c.cluster.values.map((v) => v.value), into: c.into.trim() })) };
    void apply(editing === undefined ? addStep(spec, body, target.after) : updateStep(spec, editing.id, body));
    onClose();
  };
  const set = (i: number, change: Partial<Choice>) => setAnswer((a) => (a === null ? a : { ...a, choices: a.choices.map((c, j) => (j === i ? { ...c, ...change } : c)) }));

  return (
    <form
      className="import-dialog-frame"
      onSubmit={(e) => {
        e.preventDefault();
        merge();
      }}
    >
      <header className="import-dialog-header">
        <div>
          <h2 className="import-dialog-title" id="cluster-dialog-title">
            {t('clean.cluster.title', { column: target.column })}
          </h2>
          <p className="import-dialog-subtitle">{t('clean.cluster.subtitle')}</p>
        </div>
        <button type="button" className="icon-btn" aria-label={t('model.close')} onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div className="import-dialog-body clean-cluster-body">
        <div className="clean-cluster-methods" role="radiogroup" aria-label={t('clean.cluster.method')}>
          {METHODS.map((m) => (
            <label key={m} className={`clean-chip${m === method ? ' is-on' : ''}`}>
              <input type="radio" name="cluster-method" value={m} checked={m === method} onChange={() => setMethod(m)} data-testid={`cluster-method-${m}`} />
              {t(`clean.cluster.method.${m}`)}
            </label>
          ))}
        </div>
        <p className="panel-note">{t(`clean.cluster.methodHint.${method}`)}</p>
        {failure !== null ? (
          <p className="model-calc-problem" role="alert">
            {failure}
          </p>
        ) : choices === null ? (
          <div className="clean-loading" aria-busy="true" />
        ) : choices.length === 0 ? (
          <p className="clean-cluster-none" data-testid="cluster-none">
            {t('clean.cluster.none', { distinct: number(distinct, 0) })}
          </p>
        ) : (
          <>
            <p className="panel-note" data-testid="cluster-count">
              {t('clean.cluster.found', { count: number(choices.length, 0), distinct: number(distinct, 0) })}
            </p>
            <table className="clean-cluster-table">
              <thead>
                <tr>
                  <th scope="col">{t('clean.cluster.take')}</th>
                  <th scope="col">{t('clean.cluster.values')}</th>
                  <th scope="col">{t('clean.cluster.rows')}</th>
                  <th scope="col">{t('clean.cluster.into')}</th>
                </tr>
              </thead>
              <tbody>
                {choices.map((c, i) => (
                  <tr key={i} data-testid="cluster-row">
                    <td>
                      <input type="checkbox" checked={c.accepted} onChange={(e) => set(i, { accepted: e.target.checked })} aria-label={t('clean.cluster.takeNamed', { value: c.into })} />
                    </td>
                    <td>
                      <ul className="clean-cluster-values">
                        {c.cluster.values.map((v) => (
                          <li key={v.value}>
                            <button type="button" className="link-btn" onClick={() => set(i, { into: v.value })} title={t('clean.cluster.useValue')}>
                              {v.value === '' ? t('clean.preview.empty') : v.value}
                            </button>
                            <span className="clean-cluster-n num">{number(v.count, 0)}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="num">{number(c.cluster.totalRows, 0)}</td>
                    <td>
                      <input className="input" value={c.into} onChange={(e) => set(i, { into: e.target.value })} aria-label={t('clean.cluster.into')} data-testid="cluster-into" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
      <footer className="import-dialog-footer">
        <button type="button" className="btn" onClick={onClose}>
          {t('model.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={taken.length === 0} data-testid="cluster-apply">
          {t('clean.cluster.apply', { count: taken.length })}
        </button>
      </footer>
    </form>
  );
}
