import { useRef, useState } from 'react';
import type { SourceRefreshReport } from '../../../shared/spec/recipe-preview';
import { format } from '../../../shared/i18n/messages';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { useModalDialog } from '../../ui/use-modal-dialog';
import { useToastStore } from '../toasts/toast-store';
import { useCleanStore } from './clean-store';

type Stage =
  | { readonly kind: 'reading'; readonly file: string }
  | { readonly kind: 'review'; readonly file: File; readonly report: SourceRefreshReport }
  | { readonly kind: 'committing'; readonly file: File; readonly report: SourceRefreshReport }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Next month's export of the open source: the file is read and replayed as a dry run first, and
 * the dialog shows how its columns map onto the source's and how the clean table would change;
 * only "Append and replay" keeps it.
 */
export function RefreshButton() {
  const { t, locale } = useT();
  const source = useCleanStore((s) => s.source);
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [stage, setStage] = useState<Stage | null>(null);

  useModalDialog(dialog, stage !== null);

  const refresh = async (file: File, dryRun: boolean): Promise<SourceRefreshReport> =>
    api().refreshSource({ source: { kind: 'bytes', name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, into: source!, dryRun });

  const pick = async (file: File): Promise<void> => {
    setStage({ kind: 'reading', file: file.name });
    try {
      setStage({ kind: 'review', file, report: await refresh(file, true) });
    } catch (error) {
      setStage({ kind: 'failed', message: asApiCallError(error).messageFor(locale) });
    }
  };
  const commit = async (): Promise<void> => {
    if (stage?.kind !== 'review') return;
    setStage({ ...stage, kind: 'committing' });
    try {
      const report = await refresh(stage.file, false);
      setStage(null);
      await useWorkbenchStore.getState().refresh();
      if (source !== undefined) await useCleanStore.getState().reload(source);
      useToastStore.getState().show({ tone: 'success', title: 'clean.refresh.doneTitle', message: (l) => format(l, 'clean.refresh.done', { file: report.file, rows: report.imported.rows, source: report.source }) });
    } catch (error) {
      setStage({ kind: 'failed', message: asApiCallError(error).messageFor(locale) });
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
      <dialog
        ref={dialog}
        className="import-dialog clean-refresh-dialog"
        aria-labelledby="refresh-title"
        data-testid="refresh-dialog"
        onCancel={(e) => {
          e.preventDefault();
          if (stage?.kind !== 'committing') setStage(null);
        }}
      >
        {stage !== null && <RefreshBody stage={stage} onClose={() => setStage(null)} onCommit={() => void commit()} />}
      </dialog>
    </>
  );
}

function RefreshBody({ stage, onClose, onCommit }: { readonly stage: Stage; readonly onClose: () => void; readonly onCommit: () => void }) {
  const { t, number } = useT();
  const source = useCleanStore((s) => s.source);
  const report = stage.kind === 'review' || stage.kind === 'committing' ? stage.report : null;
  const diff = report?.diff ?? null;
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
              <table className="clean-cluster-table" data-testid="refresh-mapping">
                <thead>
                  <tr>
                    <th scope="col">{t('clean.refresh.incoming')}</th>
                    <th scope="col">{t('clean.refresh.column')}</th>
                    <th scope="col">{t('clean.refresh.confidence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.mapping.matched.map((m) => (
                    <tr key={m.incoming} data-testid="refresh-matched">
                      <td>{m.incoming}</td>
                      <td>{m.column}</td>
                      <td className="num">{number(m.confidence * 100, 0)}%</td>
                    </tr>
                  ))}
                  {report.mapping.asked.map((a) => (
                    <tr key={a.incoming} className="is-asked" data-testid="refresh-asked">
                      <td>{a.incoming}</td>
                      <td>{t('clean.refresh.newColumn')}</td>
                      <td className="num">{a.suggestedColumn === null ? '' : t('clean.refresh.maybe', { column: a.suggestedColumn, confidence: number(a.confidence * 100, 0) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {report.mapping.missing.length > 0 && <p className="panel-note">{t('clean.refresh.missing', { columns: report.mapping.missing.join(', ') })}</p>}
            </section>
            <section aria-labelledby="refresh-diff" data-testid="refresh-diff">
              <h3 className="section-title" id="refresh-diff">
                {t('clean.refresh.diff')}
              </h3>
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
        <button type="button" className="btn btn-primary" disabled={stage.kind !== 'review'} onClick={onCommit} data-testid="refresh-commit">
          {stage.kind === 'committing' ? t('clean.refresh.committing') : t('clean.refresh.commit')}
        </button>
      </footer>
    </div>
  );
}
