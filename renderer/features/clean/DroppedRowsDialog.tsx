import { useEffect, useState } from 'react';
import type { CellValue } from '../../../shared/api/types';
import type { DroppedRows } from '../../../shared/spec/recipe-preview';
import { ROW_DROPPING_KINDS } from '../../../shared/spec/recipe-spec';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { saveFile } from '../../ui/save-file';
import { ModalDialog } from '../../ui/ModalDialog';
import { ChartEmptyState } from '../chart/ChartEmptyState';
import { useToastStore } from '../toasts/toast-store';
import { useCleanStore } from './clean-store';
import { stepKindKey } from './step-text';
import './dropped-rows.css';

/** Rows of a page of the dialog. */
export const DROPPED_PAGE_ROWS = 100;
/** How long the recipe must stay unchanged before its dropped rows are counted. */
const ASK_AFTER_MS = 300;

/**
 * How many rows a step of the open recipe drops over the whole source, asked again whenever the
 * saved recipe changes; undefined while it is worked out (the query thread runs the steps before
 * it once), null when the step drops no rows by its kind.
 */
export function useDroppedTotal(stepId: string | undefined): number | null | undefined {
  const source = useCleanStore((s) => s.source);
  const spec = useCleanStore((s) => s.spec);
  const version = useCleanStore((s) => s.state?.recipe?.version);
  const step = spec?.steps.find((s) => s.id === stepId);
  const drops = step !== undefined && ROW_DROPPING_KINDS.has(step.kind);
  const [answer, setAnswer] = useState<{ readonly key: string; readonly total: number } | null>(null);
  const key = `${source ?? ''}\u0000${stepId ?? ''}\u0000${version ?? ''}`;
  useEffect(() => {
    if (!drops || source === undefined || stepId === undefined || version === undefined) return;
    let cancelled = false;
    // edits in quick succession ask once: over a large source each answer runs the steps before
    const timer = setTimeout(() => {
      void api()
        .listDroppedRows({ source, stepId, offset: 0, limit: 1 })
        .then((page) => !cancelled && setAnswer({ key, total: page.total }))
        // the step's preview says what is wrong with it
        .catch(() => undefined);
    }, ASK_AFTER_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [drops, source, stepId, version, key]);
  if (!drops) return null;
  return answer?.key === key ? answer.total : undefined;
}

/**
 * Every row a step of the recipe drops, over the whole source, a page at a time: each row as it
 * entered the step with its row number in the imported table, and the lot exportable as CSV.
 */
export function DroppedRowsDialog(props: { readonly stepId: string | null; readonly onClose: () => void }) {
  return (
    <ModalDialog open={props.stepId !== null} className="import-dialog clean-dropped-dialog" labelledBy="dropped-dialog-title" testId="dropped-dialog" onDismiss={props.onClose}>
      {props.stepId !== null && <DroppedRowsBody key={props.stepId} stepId={props.stepId} onClose={props.onClose} />}
    </ModalDialog>
  );
}

const cellText = (value: CellValue | undefined): string => (value === null || value === undefined ? '' : String(value));

function DroppedRowsBody({ stepId, onClose }: { readonly stepId: string; readonly onClose: () => void }) {
  const { t, number, label, locale } = useT();
  const source = useCleanStore((s) => s.source)!;
  const spec = useCleanStore((s) => s.spec)!;
  const index = spec.steps.findIndex((s) => s.id === stepId);
  const step = spec.steps[index];
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<DroppedRows | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api()
      .listDroppedRows({ source, stepId, offset, limit: DROPPED_PAGE_ROWS })
      .then((answer) => {
        if (cancelled) return;
        setPage(answer);
        setFailure(null);
      })
      .catch((error: unknown) => !cancelled && setFailure(asApiCallError(error).messageFor(locale)));
    return () => {
      cancelled = true;
    };
  }, [source, stepId, offset, locale]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { name, bytes } = await api().exportDroppedRows({ source, stepId });
      saveFile(name, bytes);
    } catch (error) {
      const failed = asApiCallError(error);
      useToastStore.getState().show({ tone: 'error', title: 'clean.export.failedTitle', message: (l) => failed.messageFor(l) });
    } finally {
      setExporting(false);
    }
  };

  const total = page?.total ?? 0;
  const shown = page?.offset === offset ? page : null;
  const last = Math.min(offset + DROPPED_PAGE_ROWS, total);
  return (
    <div className="import-dialog-frame">
      <header className="import-dialog-header">
        <div>
          <h2 className="import-dialog-title" id="dropped-dialog-title">
            {t('clean.dropped.title', { n: index + 1, kind: step === undefined ? '' : t(stepKindKey(step.kind)) })}
          </h2>
          <p className="import-dialog-subtitle" data-testid="dropped-total">
            {page === null ? t('clean.dropped.loading') : t('clean.dropped.subtitle', { count: number(total, 0), source })}
          </p>
        </div>
        <button type="button" className="icon-btn" aria-label={t('model.close')} onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div className="import-dialog-body clean-dropped-body" aria-busy={shown === null && failure === null}>
        {failure !== null ? (
          <p className="model-calc-problem" role="alert">
            {failure}
          </p>
        ) : page === null ? (
          <div className="clean-loading" aria-busy="true" />
        ) : total === 0 ? (
          <ChartEmptyState icon="filter" title={t('clean.dropped.empty.title')} body={t('clean.dropped.empty.body', { source })} />
        ) : (
          <div className="clean-grid-wrap clean-dropped-grid">
            <table className="clean-grid" aria-label={t('clean.dropped.title', { n: index + 1, kind: step === undefined ? '' : t(stepKindKey(step.kind)) })} aria-rowcount={total + 1}>
              <thead>
                <tr>
                  <th scope="col" className="clean-rownum clean-dropped-rownum" title={t('clean.dropped.sourceRowHint')}>
                    {t('clean.dropped.sourceRow')}
                  </th>
                  {page.columns.map((c) => (
                    <th key={c.name} scope="col">
                      <span className="clean-dropped-col">
                        <span className="clean-col-name">{c.name}</span>
                        {label(c.label) !== c.name && <span className="clean-col-label">{label(c.label)}</span>}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className={shown === null ? 'is-stale' : undefined}>
                {page.rows.map((row, r) => (
                  <tr key={row.sourceRow} aria-rowindex={page.offset + r + 2} data-testid="dropped-row">
                    <td className="clean-rownum num" data-testid="dropped-source-row">
                      {row.sourceRow}
                    </td>
                    {page.columns.map((c, i) => {
                      const value = row.values[i];
                      return (
                        <td key={c.name} className={`${value === null || value === undefined ? 'is-null' : ''}${typeof value === 'number' ? ' num' : ''}`} title={cellText(value)}>
                          {cellText(value)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <footer className="import-dialog-footer clean-dropped-footer">
        {total > 0 && (
          <nav className="clean-dropped-pager" aria-label={t('clean.dropped.range', { from: number(offset + 1, 0), to: number(last, 0), total: number(total, 0) })}>
            <button type="button" className="btn" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - DROPPED_PAGE_ROWS))} data-testid="dropped-previous">
              <Icon name="chevronLeft" size={13} />
              {t('clean.dropped.previous')}
            </button>
            <span className="clean-dropped-range num" data-testid="dropped-range" aria-live="polite">
              {t('clean.dropped.range', { from: number(offset + 1, 0), to: number(last, 0), total: number(total, 0) })}
            </span>
            <button type="button" className="btn" disabled={last >= total} onClick={() => setOffset(offset + DROPPED_PAGE_ROWS)} data-testid="dropped-next">
              {t('clean.dropped.next')}
              <Icon name="chevronRight" size={13} />
            </button>
          </nav>
        )}
        <button type="button" className="btn" onClick={() => void exportCsv()} disabled={total === 0 || exporting} data-testid="dropped-export">
          {t('clean.export')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('model.close')}
        </button>
      </footer>
    </div>
  );
}
