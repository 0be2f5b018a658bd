import { useEffect, useRef, type ReactNode } from 'react';
import { TEXT_ENCODINGS, type ImportPreview, type ImportReport, type TableSchema, type TableSummary, type TextEncoding } from '../../../shared/api/types';
import { useT } from '../../i18n/locale-context';
import { useUiStore } from '../../state/ui-store';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { choiceFromKey, choiceKey, choiceLabelKey, choicesFor, DELIMITER_CHOICES } from './column-type-choices';
import { exportRejects } from './export-rejects';
import { cancelImport, ENCODING_LABEL } from './import-files';
import { useImportDialogStore, type PendingFile } from './import-dialog-store';
import { useImportStore } from './import-store';
import './import-dialog.css';

const MAX_HEADER_ROW = 30;

/** Header rows offered: the detected one and those around it. */
function headerRowChoices(preview: ImportPreview | null): number[] {
  const detected = preview?.headerRow ?? 0;
  return Array.from({ length: Math.max(MAX_HEADER_ROW, detected + 5) }, (_, i) => i);
}

/** The table an appended file most likely belongs to: the one sharing the most column names. */
export function closestTable(preview: ImportPreview | null, tables: readonly TableSummary[], schemas: Readonly<Record<string, TableSchema>>): string {
  const names = new Set((preview?.columns ?? []).map((c) => c.name));
  let best = tables[0]?.name ?? '';
  let bestShared = -1;
  for (const table of tables) {
    const shared = (schemas[table.name]?.fields ?? []).filter((f) => names.has(f.name)).length;
    if (shared > bestShared) [best, bestShared] = [table.name, shared];
  }
  return best;
}

function bytesLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The import dialog: for each file dropped or picked, a preview of how it will be read (encoding,
 * delimiter, header row, sheet, target table, each column's type — all overridable), then the
 * import with progress and cancel, then its report with the rejects one click away.
 */
export function ImportDialog() {
  const current = useImportDialogStore((s) => s.current);
  const closeAll = useImportDialogStore((s) => s.closeAll);
  const ref = useRef<HTMLDialogElement>(null);
  const open = current !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // the dialog itself takes focus, not its close button: Tab then walks through the choices
      dialog.querySelector<HTMLElement>('.import-dialog-frame')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="import-dialog"
      data-testid="import-dialog"
      aria-labelledby="import-dialog-title"
      onKeyDown={(event) => {
        // Ctrl+Enter (⌘+Enter) imports the previewed file, as a dialog's default action
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && current?.step.kind === 'preview') {
          event.preventDefault();
          void useImportDialogStore.getState().confirm();
        }
      }}
      onCancel={(event) => {
        // Escape: an import under way is cancelled from its own button, never by accident
        event.preventDefault();
        if (current?.step.kind !== 'importing') closeAll();
      }}
    >
      {current !== null && <DialogContent file={current} />}
    </dialog>
  );
}

function DialogContent({ file }: { readonly file: PendingFile }) {
  const { t } = useT();
  const { index, total, closeAll } = useImportDialogStore();
  const importing = file.step.kind === 'importing';
  return (
    <div className="import-dialog-frame" tabIndex={-1}>
      <header className="import-dialog-header">
        <div>
          <h2 id="import-dialog-title" className="import-dialog-title">
            {t('importDialog.title', { file: file.name })}
          </h2>
          <div className="import-dialog-subtitle num">
            {file.size === undefined ? '' : bytesLabel(file.size)}
            {total > 1 && ` · ${t('importDialog.fileOf', { index, total })}`}
          </div>
        </div>
        <button type="button" className="icon-btn" aria-label={t('importDialog.close')} disabled={importing} onClick={closeAll}>
          <Icon name="close" />
        </button>
      </header>
      {file.step.kind === 'report' ? <ReportBody report={file.step.report} /> : file.step.kind === 'importing' ? <ProgressBody file={file} /> : <PreviewBody file={file} />}
    </div>
  );
}

function Field(props: { readonly label: string; readonly htmlFor: string; readonly hint?: ReactNode; readonly children: ReactNode }) {
  return (
    <div className="import-field">
      <label className="import-field-label" htmlFor={props.htmlFor}>
        {props.label}
      </label>
      {props.children}
      {props.hint !== undefined && <span className="import-field-hint">{props.hint}</span>}
    </div>
  );
}

function PreviewBody({ file }: { readonly file: PendingFile }) {
  const { t, number, locale } = useT();
  const { setReading, setTarget, setColumnType, confirm, next, importEverySheet } = useImportDialogStore();
  const tables = useWorkbenchStore((s) => s.tables);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const step = file.step.kind === 'preview' ? file.step : undefined;
  const preview = step?.preview ?? null;
  const delimited = preview?.dialect.format === 'delimited';
  const sheets = preview?.dialect.sheets ?? [];
  const appendable = tables.length > 0;

  return (
    <>
      <div className="import-dialog-body">
        <div className="import-settings">
          <fieldset className="import-target">
            <legend className="import-field-label">{t('importDialog.into')}</legend>
            <label className="import-radio">
              <input
                type="radio"
                name="import-target"
                checked={file.target.mode === 'new'}
                onChange={() => void setTarget({ mode: 'new', table: preview?.suggestedTable ?? '', edited: false })}
              />
              {t('importDialog.newTable')}
            </label>
            {file.target.mode === 'new' && (
              <input
                className="input"
                aria-label={t('importDialog.tableName')}
                data-testid="import-table-name"
                value={file.target.table}
                onChange={(event) => void setTarget({ mode: 'new', table: event.target.value, edited: true })}
              />
            )}
            <label className={appendable ? 'import-radio' : 'import-radio is-disabled'} title={appendable ? undefined : t('importDialog.noTables')}>
              <input
                type="radio"
                name="import-target"
                disabled={!appendable}
                data-testid="import-append"
                checked={file.target.mode === 'append'}
                onChange={() => void setTarget({ mode: 'append', table: closestTable(preview, tables, schemas) })}
              />
              {t('importDialog.appendTo')}
            </label>
            {file.target.mode === 'append' && (
              <select
                className="input select"
                aria-label={t('importDialog.appendTable')}
                data-testid="import-append-table"
                value={file.target.table}
                onChange={(event) => void setTarget({ mode: 'append', table: event.target.value })}
              >
                {tables.map((table) => (
                  <option key={table.name} value={table.name}>
                    {table.name}
                  </option>
                ))}
              </select>
            )}
          </fieldset>

          <div className="import-reading">
            {preview?.dialect.format !== 'xlsx' && (
              <Field
                label={t('importDialog.encoding')}
                htmlFor="import-encoding"
                hint={preview === null ? undefined : file.reading.encoding === undefined ? t('importDialog.detected', { percent: Math.round(preview.encoding.confidence * 100) }) : t('importDialog.chosen')}
              >
                <select
                  id="import-encoding"
                  className="input select"
                  data-testid="import-encoding"
                  value={file.reading.encoding ?? preview?.encoding.name ?? 'utf-8'}
                  onChange={(event) => void setReading({ encoding: event.target.value as TextEncoding })}
                >
                  {TEXT_ENCODINGS.map((encoding) => (
                    <option key={encoding} value={encoding}>
                      {ENCODING_LABEL[encoding]}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            {delimited && (
              <Field label={t('importDialog.delimiter')} htmlFor="import-delimiter">
                <select
                  id="import-delimiter"
                  className="input select"
                  data-testid="import-delimiter"
                  value={file.reading.delimiter ?? preview.dialect.delimiter ?? ','}
                  onChange={(event) => void setReading({ delimiter: DELIMITER_CHOICES.find((d) => d.value === event.target.value)?.value })}
                >
                  {DELIMITER_CHOICES.map((d) => (
                    <option key={d.label} value={d.value}>
                      {t(d.label)}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            {sheets.length > 1 && (
              <Field label={t('importDialog.sheet')} htmlFor="import-sheet">
                <select
                  id="import-sheet"
                  className="input select"
                  data-testid="import-sheet"
                  value={file.reading.sheet ?? preview?.dialect.sheet ?? ''}
                  onChange={(event) => void setReading({ sheet: event.target.value, skipRows: undefined })}
                >
                  {sheets.map((sheet) => (
                    <option key={sheet} value={sheet}>
                      {sheet}
                    </option>
                  ))}
                </select>
                <button type="button" className="link-btn import-every-sheet" data-testid="import-all-sheets" onClick={() => void importEverySheet()}>
                  {t('importDialog.everySheet', { count: sheets.length })}
                </button>
              </Field>
            )}
            {preview?.dialect.format !== 'json' && preview?.dialect.format !== 'jsonl' && (
              <Field
                label={t('importDialog.headerRow')}
                htmlFor="import-header-row"
                hint={preview !== null && preview.titleRows.length > 0 ? t('importDialog.titleRowsAbove', { count: preview.titleRows.length }) : undefined}
              >
                <select
                  id="import-header-row"
                  className="input select"
                  data-testid="import-header-row"
                  value={file.reading.skipRows ?? preview?.headerRow ?? 0}
                  onChange={(event) => void setReading({ skipRows: Number(event.target.value) })}
                >
                  {headerRowChoices(preview).map((row) => (
                    <option key={row} value={row}>
                      {t('importDialog.headerRowValue', { row: row + 1 })}
                    </option>
                  ))}
                </select>
              </Field>
            )}
          </div>
        </div>

        {step?.cancelled === true && (
          <p className="import-note is-info" role="status">
            <Icon name="info" /> {t('importDialog.cancelled')}
          </p>
        )}
        {step?.error !== null && step?.error !== undefined && (
          <p className="import-note is-error" role="alert" data-testid="import-error">
            <Icon name="alert" /> {step.error.messageFor(locale)}
          </p>
        )}
        {preview !== null && preview.encoding.replacements > 0 && (
          <p className="import-note is-warning" role="status">
            <Icon name="alert" /> {t('importDialog.replacements', { count: preview.encoding.replacements })}
          </p>
        )}
        {preview !== null && preview.encoding.replacements === 0 && preview.encoding.confidence < 0.8 && file.reading.encoding === undefined && (
          <p className="import-note is-warning" role="status">
            <Icon name="info" /> {t('importDialog.lowConfidence')}
          </p>
        )}
        {preview !== null && preview.missingColumns.length > 0 && (
          <p className="import-note is-info" role="status">
            <Icon name="info" /> {t('importDialog.missing', { columns: preview.missingColumns.join(', ') })}
          </p>
        )}

        {preview === null ? (
          step?.loading === true && <div className="import-loading">{t('importDialog.loading')}</div>
        ) : (
          <PreviewGrid file={file} preview={preview} onType={setColumnType} />
        )}
        {preview !== null && (
          <p className="import-footnote">
            {t('importDialog.previewRows', { count: number(preview.rows.length, 0) })} · {t('importDialog.typesNote')}
          </p>
        )}
      </div>
      <footer className="import-dialog-footer">
        <button type="button" className="btn" onClick={() => void next()}>
          {t('importDialog.skipFile')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="import-confirm"
          disabled={preview === null || step?.loading === true || (file.target.mode === 'append' && file.target.table === '')}
          onClick={() => void confirm()}
        >
          {t('importDialog.import')}
        </button>
      </footer>
    </>
  );
}

function PreviewGrid(props: { readonly file: PendingFile; readonly preview: ImportPreview; readonly onType: (column: string, choice: ReturnType<typeof choiceFromKey>) => void }) {
  const { t } = useT();
  const { file, preview } = props;
  return (
    <div className="import-grid-scroll">
      <table className="import-grid" data-testid="import-preview">
        <thead>
          <tr>
            <th className="import-grid-index" aria-hidden="true" />
            {preview.columns.map((column) => {
              const detected = { type: column.type, format: column.format };
              const chosen = file.columnTypes[column.name] ?? detected;
              const locked = column.target !== undefined && column.isNew !== true;
              return (
                <th key={column.name} scope="col">
                  <div className="import-col-label" title={column.label}>
                    {column.label}
                  </div>
                  {column.target !== undefined && (
                    <div className={column.isNew === true ? 'import-col-target is-new' : 'import-col-target'}>
                      {column.isNew === true ? t('importDialog.newColumn') : t('importDialog.goesTo', { column: column.target })}
                    </div>
                  )}
                  <select
                    className="input select select-compact"
                    aria-label={t('importDialog.columnType', { column: column.label })}
                    data-testid={`import-type-${column.name}`}
                    disabled={locked}
                    value={choiceKey(chosen)}
                    onChange={(event) => {
                      const choice = choiceFromKey(event.target.value);
                      props.onType(column.name, choice !== undefined && choiceKey(choice) === choiceKey(detected) ? undefined : choice);
                    }}
                  >
                    {choicesFor(detected).map((choice) => (
                      <option key={choiceKey(choice)} value={choiceKey(choice)}>
                        {t(choiceLabelKey(choice))}
                      </option>
                    ))}
                  </select>
                  {column.ambiguous !== undefined && file.columnTypes[column.name] === undefined && (
                    <div className="import-col-warning" role="note">
                      <Icon name="alert" size={12} /> {t('importDialog.ambiguous')}
                    </div>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr key={r}>
              <td className="import-grid-index num">{preview.headerRow + r + 2}</td>
              {preview.columns.map((column, c) => (
                <td key={column.name} title={row[c]}>
                  {row[c] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProgressBody({ file }: { readonly file: PendingFile }) {
  const { t, number } = useT();
  const job = useImportStore((s) => s.job);
  const fraction = job === null || job.total === 0 ? 0 : Math.min(1, job.done / job.total);
  return (
    <>
      <div className="import-dialog-body import-progress" data-testid="import-progress">
        <div className="import-progress-title">{t('importDialog.importing', { file: file.name })}</div>
        <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
          <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
        </div>
        <div className="import-progress-detail num">
          {job !== null &&
            t('importDialog.progress', {
              done: number(job.done / 1e6, 1),
              total: number(job.total / 1e6, 1),
              rows: number(job.rows ?? 0, 0),
            })}
          {job?.etaSeconds !== undefined && ` · ${t('importDialog.timeLeft', { seconds: job.etaSeconds })}`}
        </div>
      </div>
      <footer className="import-dialog-footer">
        <button type="button" className="btn" data-testid="import-cancel" disabled={job?.cancelling === true || job === null} onClick={() => job !== null && void cancelImport(job.jobId)}>
          {t('importDialog.cancelImport')}
        </button>
      </footer>
    </>
  );
}

function ReportBody({ report }: { readonly report: ImportReport }) {
  const { t, locale, number, label } = useT();
  const { next, queue } = useImportDialogStore();
  const showRejects = useUiStore((s) => s.showRejects);
  const rejected = report.rejected.rows + report.rejected.values;
  const appended = report.appended;
  return (
    <>
      <div className="import-dialog-body" data-testid="import-report">
        <div className="import-report-title">
          <Icon name="check" className="import-report-icon" />
          {appended === undefined
            ? t('importDialog.doneTitle', { rows: number(report.rows, 0), table: report.table })
            : t('importDialog.appendedTitle', { rows: number(report.rows, 0), table: report.table, total: number(appended.rowsAfter, 0) })}
        </div>
        <ul className="import-report-facts">
          <li>{rejected === 0 ? t('importDialog.nothingRejected') : t('importDialog.rejectedSummary', { rows: number(report.rejected.rows, 0), values: number(report.rejected.values, 0) })}</li>
          {report.encoding.name !== 'utf-8' && <li>{t('status.readAs', { encoding: ENCODING_LABEL[report.encoding.name] })}</li>}
          {report.encoding.replacements > 0 && <li className="is-warning">{t('status.replacements', { count: report.encoding.replacements })}</li>}
          {report.skipped.titleRows.length + report.skipped.notes.length > 0 && (
            <li>{t('status.skippedLines', { count: report.skipped.titleRows.length + report.skipped.notes.length })}</li>
          )}
          {appended !== undefined && appended.newColumns.length > 0 && <li>{t('importDialog.newColumns', { columns: appended.newColumns.join(', ') })}</li>}
          {appended !== undefined && appended.missingColumns.length > 0 && <li>{t('importDialog.missing', { columns: appended.missingColumns.join(', ') })}</li>}
          {appended !== undefined && appended.renamed.length > 0 && (
            <li>{t('importDialog.renamed', { pairs: appended.renamed.map((r) => `${r.from} → ${r.to}`).join(', ') })}</li>
          )}
        </ul>
        <div className="import-grid-scroll is-short">
          <table className="import-grid import-report-columns">
            <thead>
              <tr>
                <th scope="col">{t('importDialog.column')}</th>
                <th scope="col">{t('importDialog.type')}</th>
                <th scope="col" className="num">
                  {t('importDialog.rejected')}
                </th>
                <th scope="col" className="num">
                  {t('importDialog.nullMarkers')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.columns.map((column) => (
                <tr key={column.name}>
                  <td>{label(column.label)}</td>
                  <td>{t(choiceLabelKey(column))}</td>
                  <td className={column.rejected > 0 ? 'num is-warning' : 'num'}>{number(column.rejected, 0)}</td>
                  <td className="num">{number(column.nullMarkers, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <footer className="import-dialog-footer">
        {rejected > 0 && (
          <>
            <button type="button" className="btn" data-testid="import-export-rejects" onClick={() => void exportRejects({ importId: report.importId }, report.table, locale)}>
              {t('importDialog.exportRejects')}
            </button>
            <button
              type="button"
              className="btn"
              data-testid="import-view-rejects"
              onClick={() => {
                showRejects(report.table);
                void next();
              }}
            >
              {t('importDialog.viewRejects')}
            </button>
          </>
        )}
        <button type="button" className="btn btn-primary" data-testid="import-done" onClick={() => void next()}>
          {queue.length > 0 ? t('importDialog.next') : t('importDialog.done')}
        </button>
      </footer>
    </>
  );
}
