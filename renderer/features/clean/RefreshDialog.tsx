import { useRef, useState } from 'react';
import type { RefreshConfirmation, SourceRefreshReport } from '../../../shared/spec/recipe-preview';
import { format } from '../../../shared/i18n/messages';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { ModalDialog } from '../../ui/ModalDialog';
import { useToastStore } from '../toasts/toast-store';
import { useCleanStore } from './clean-store';
import { confirmationsOf, differsFrom, firstChoices, type RefreshChoices } from './refresh-choices';
import './mapping.css';

interface Review {
  readonly file: File;
  readonly report: SourceRefreshReport;
  readonly choices: RefreshChoices;
  /** The choices the dialog started with: what differs from them is the user's own. */
  readonly proposed: RefreshChoices;
  /** A trial run with changed choices is under way. */
  readonly updating: boolean;
}

type Stage =
  | { readonly kind: 'reading'; readonly file: string }
  | ({ readonly kind: 'review' } & Review)
  | ({ readonly kind: 'committing' } & Review)
  | { readonly kind: 'failed'; readonly message: string };

const confirmations = (review: Review): RefreshConfirmation[] => confirmationsOf(review.report, review.choices, review.proposed);

/**
 * Next month's export of the open source: the file is read and replayed as a dry run first, and
 * the dialog shows how its columns map onto the source's and how the clean table would change.
 * Each column's destination can be chosen; a change runs the trial again with the choices, and
 * "Append and replay" keeps the file with them (the source remembers them for its next files).
 */
export function RefreshButton() {
  const { t, locale } = useT();
  const source = useCleanStore((s) => s.source);
  const input = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  // only the latest trial run's answer is shown
  const trial = useRef(0);


  const refresh = async (file: File, dryRun: boolean, confirmed?: readonly RefreshConfirmation[]): Promise<SourceRefreshReport> =>
    api().refreshSource({ source: { kind: 'bytes', name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, into: source!, dryRun, confirmed });

  const fail = (error: unknown): void => setStage({ kind: 'failed', message: asApiCallError(error).messageFor(locale) });

  const retry = async (review: Review): Promise<void> => {
    const mine = ++trial.current;
    setStage({ kind: 'review', ...review, updating: true });
    try {
      const report = await refresh(review.file, true, confirmations(review));
      if (mine === trial.current) setStage({ kind: 'review', ...review, report, updating: false });
    } catch (error) {
      if (mine === trial.current) fail(error);
    }
  };

  const pick = async (file: File): Promise<void> => {
    const mine = ++trial.current;
    setStage({ kind: 'reading', file: file.name });
    try {
      const report = await refresh(file, true);
      if (mine !== trial.current) return;
      const choices = firstChoices(report);
      const review: Review = { file, report, choices, proposed: choices, updating: false };
      if (differsFrom(report, choices)) await retry(review);
      else setStage({ kind: 'review', ...review });
    } catch (error) {
      if (mine === trial.current) fail(error);
    }
  };
  const choose = (incoming: string, column: string | null): void => {
    if (stage?.kind !== 'review') return;
    void retry({ ...stage, choices: { ...stage.choices, [incoming]: column } });
  };
  const close = (): void => {
    trial.current += 1;
    setStage(null);
  };
  const commit = async (): Promise<void> => {
    if (stage?.kind !== 'review' || stage.updating) return;
    trial.current += 1;
    setStage({ ...stage, kind: 'committing' });
    try {
      const report = await refresh(stage.file, false, confirmations(stage));
      setStage(null);
      await useWorkbenchStore.getState().refresh();
      if (source !== undefined) await useCleanStore.getState().reload(source);
      useToastStore.getState().show({ tone: 'success', title: 'clean.refresh.doneTitle', message: (l) => format(l, 'clean.refresh.done', { file: report.file, rows: report.imported.rows, source: report.source }) });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,.tsv,.txt,.json,.jsonl,.xlsx"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file !== undefined) void pick(file);
        }}
        data-testid="clean-refresh-input"
      />
      <button type="button" className="btn" onClick={() => input.current?.click()} title={t('clean.refresh.hint')} data-testid="clean-refresh">
        <Icon name="import" size={14} />
        {t('clean.refresh.button')}
      </button>
      <ModalDialog
        open={stage !== null}
        className="import-dialog clean-refresh-dialog"
        labelledBy="refresh-title"
        testId="refresh-dialog"
        onDismiss={() => {
          if (stage?.kind !== 'committing') close();
        }}
      >
        {stage !== null && <RefreshBody stage={stage} onClose={close} onChoose={choose} onCommit={() => void commit()} />}
      </ModalDialog>
    </>
  );
}

function RefreshBody({
  stage,
  onClose,
  onChoose,
  onCommit,
}: {
  readonly stage: Stage;
  readonly onClose: () => void;
  readonly onChoose: (incoming: string, column: string | null) => void;
  readonly onCommit: () => void;
}) {
  const { t, number } = useT();
  const source = useCleanStore((s) => s.source);
  const review = stage.kind === 'review' || stage.kind === 'committing' ? stage : null;
  const report = review?.report ?? null;
  const diff = report?.diff ?? null;
  const updating = review?.updating === true;
  return (
    <div className="import-dialog-frame">
      <header className="import-dialog-header">
        <div>
          <h2 className="import-dialog-title" id="refresh-title">
            {t('clean.refresh.title', { source: source ?? '' })}
          </h2>
          <p className="import-dialog-subtitle">{stage.kind === 'reading' ? t('clean.refresh.reading', { file: stage.file }) : report !== null ? t('clean.refresh.subtitle', { file: report.file, rows: number(report.imported.rows, 0) }) : ''}</p>
        </div>
        <button type="button" className="icon-btn" aria-label={t('model.close')} onClick={onClose} disabled={stage.kind === 'committing'}>
          <Icon name="close" />
        </button>
      </header>
      <div className="import-dialog-body clean-refresh-body">
        {stage.kind === 'reading' && <div className="clean-loading" aria-busy="true" />}
        {stage.kind === 'failed' && (
          <p className="model-calc-problem" role="alert">
            {stage.message}
          </p>
        )}
        {report !== null && (
          <>
            <section aria-labelledby="refresh-columns">
              <h3 className="section-title" id="refresh-columns">
                {t('clean.refresh.columns')}
              </h3>
              <p className="clean-refresh-note">{t('clean.refresh.choicesNote')}</p>
              <table className="clean-cluster-table clean-refresh-mapping" data-testid="refresh-mapping">
                <thead>
                  <tr>
                    <th scope="col">{t('clean.refresh.incoming')}</th>
                    <th scope="col">{t('clean.refresh.column')}</th>
                    <th scope="col">{t('clean.refresh.confidence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.mapping.applied.map((applied) => (
                    <MappingRow key={applied.incoming} review={review!} applied={applied} disabled={stage.kind === 'committing'} onChoose={onChoose} />
                  ))}
                </tbody>
              </table>
              {report.mapping.missing.length > 0 && <p className="panel-note">{t('clean.refresh.missing', { columns: report.mapping.missing.join(', ') })}</p>}
            </section>
            <section aria-labelledby="refresh-diff" aria-busy={updating} className={updating ? 'is-updating' : undefined} data-testid="refresh-diff">
              <h3 className="section-title" id="refresh-diff">
                {t('clean.refresh.diff')}
              </h3>
              <p className="clean-refresh-note clean-refresh-updating" role="status">
                {updating ? t('clean.refresh.updating') : ''}
              </p>
              {diff === null || report.run === null ? (
                <p className="panel-note">{t('clean.refresh.noRecipe')}</p>
              ) : (
                <ul className="clean-refresh-facts">
                  <li>{t('clean.refresh.rows', { output: report.run.output, before: number(diff.rowsBefore, 0), after: number(diff.rowsAfter, 0) })}</li>
                  {diff.rowsAdded !== null && <li data-testid="refresh-added">{t('clean.refresh.added', { count: number(diff.rowsAdded, 0) })}</li>}
                  {diff.rowsChanged !== null && (
                    <li data-testid="refresh-changed">
                      {t('clean.refresh.changed', { count: number(diff.rowsChanged, 0), key: diff.key ?? '' })}
                      {Object.entries(diff.changedCells).map(([column, n]) => ` · ${column} ${number(n, 0)}`)}
                    </li>
                  )}
                  {diff.uncovered.map((u) => (
                    <li key={u.stepId} className="is-warning" data-testid="refresh-uncovered">
                      {t('clean.refresh.uncovered', { column: u.column, count: number(u.total, 0), values: u.values.map((v) => v.value).join('、') })}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </div>
      <footer className="import-dialog-footer">
        <button type="button" className="btn" onClick={onClose} disabled={stage.kind === 'committing'}>
          {t('model.cancel')}
        </button>
        <button type="button" className="btn btn-primary" disabled={stage.kind !== 'review' || updating} onClick={onCommit} data-testid="refresh-commit">
          {stage.kind === 'committing' ? t('clean.refresh.committing') : t('clean.refresh.commit')}
        </button>
      </footer>
    </div>
  );
}

const NEW = 'new';
const optionValue = (column: string | null): string => (column === null ? NEW : `column:${column}`);

/** One column of the file: where it goes (a select of the source's free columns, or a new column) and how sure the mapping was. */
function MappingRow({
  review,
  applied,
  disabled,
  onChoose,
}: {
  readonly review: Review;
  readonly applied: SourceRefreshReport['mapping']['applied'][number];
  readonly disabled: boolean;
  readonly onChoose: (incoming: string, column: string | null) => void;
}) {
  const { t, number } = useT();
  const { report, choices, proposed } = review;
  const { incoming } = applied;
  const matched = report.mapping.matched.find((m) => m.incoming === incoming);
  const asked = report.mapping.asked.find((a) => a.incoming === incoming);
  const choice = choices[incoming] ?? null;
  const taken = new Set(Object.entries(choices).flatMap(([other, column]) => (other !== incoming && column !== null ? [column] : [])));
  const free = report.mapping.columns.filter((column) => !taken.has(column));
  const percent = (confidence: number): string => number(confidence * 100, 0);
  const sure =
    matched !== undefined
      ? `${percent(matched.confidence)}%`
      : asked?.suggestedColumn != null
        ? t('clean.refresh.maybe', { column: asked.suggestedColumn, confidence: percent(asked.confidence) })
        : t('clean.refresh.unknown');
  const overruled = proposed[incoming] !== choice;
  return (
    <tr className={asked !== undefined ? 'is-asked' : undefined} data-testid={asked !== undefined ? 'refresh-asked' : 'refresh-matched'} data-incoming={incoming}>
      <td>{incoming}</td>
      <td>
        <select
          className="input clean-refresh-choice"
          value={optionValue(choice)}
          disabled={disabled}
          onChange={(e) => onChoose(incoming, e.target.value === NEW ? null : e.target.value.slice('column:'.length))}
          aria-label={t('clean.refresh.choose', { column: incoming })}
          data-testid="refresh-choice"
        >
          <option value={NEW}>{applied.isNew && choice === null ? t('clean.refresh.newColumnNamed', { column: applied.column }) : t('clean.refresh.newColumnOption')}</option>
          {free.map((column) => (
            <option key={column} value={optionValue(column)}>
              {column === asked?.suggestedColumn ? t('clean.refresh.suggestedOption', { column, confidence: percent(asked.confidence) }) : column}
            </option>
          ))}
        </select>
      </td>
      <td className="num">
        {sure}
        {overruled && <span className="clean-refresh-chosen"> · {t('clean.refresh.chosen')}</span>}
      </td>
    </tr>
  );
}
