import { useEffect, useId, useRef, useState } from 'react';
import type { CellValue, ColumnType } from '../../../shared/api/types';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { useModalDialog } from '../../ui/use-modal-dialog';
import { checkFormula, type FormulaField } from './formula-assist';
import { FormulaInput } from './FormulaInput';
import { calculatedFieldCommand } from './model-commands';
import { useModelStore } from './model-store';
import './model.css';

const PREVIEW_ROWS = 10;
const PREVIEW_DELAY_MS = 250;

type Preview = { readonly state: 'idle' } | { readonly state: 'ready'; readonly type: ColumnType; readonly values: readonly CellValue[] } | { readonly state: 'failed'; readonly message: (locale: 'en' | 'zh-CN') => string };

/** The editor of a calculated field: its formula checked as it is typed, and its first values. */
export function CalculatedFieldDialog() {
  const editor = useModelStore((s) => s.editor);
  const close = () => useModelStore.getState().openEditor(null);
  const ref = useRef<HTMLDialogElement>(null);
  const open = editor?.kind === 'calculated';

  useModalDialog(ref, open);

  return (
    <dialog
      ref={ref}
      className="import-dialog model-dialog"
      data-testid="calculated-dialog"
      aria-labelledby="calculated-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      {/* a fresh form for every field opened */}
      {open && <CalculatedFieldForm key={`${editor.table}.${editor.name ?? ''}`} table={editor.table} name={editor.name} onClose={close} />}
    </dialog>
  );
}

function CalculatedFieldForm(props: { readonly table: string; readonly name: string | undefined; readonly onClose: () => void }) {
  const { t, label, locale } = useT();
  const schemas = useWorkbenchStore((s) => s.schemas);
  const tables = useWorkbenchStore((s) => s.tables);
  const perform = useModelStore((s) => s.perform);
  const busy = useModelStore((s) => s.busy);
  const [table, setTable] = useState(props.table);
  const existing = props.name === undefined ? undefined : schemas[table]?.fields.find((f) => f.name === props.name && f.expression !== undefined);
  const [name, setName] = useState(existing?.name ?? '');
  const [caption, setCaption] = useState(existing === undefined ? '' : label(existing.label));
  const [expression, setExpression] = useState(existing?.expression ?? '');
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const problemId = useId();

  // a calculated field reads the table's stored fields, not other calculated ones
  const fields: FormulaField[] = (schemas[table]?.fields ?? []).filter((f) => f.expression === undefined).map((f) => ({ name: f.name, type: f.type }));
  const check = expression.trim() === '' ? undefined : checkFormula(expression, fields, { rowLevel: true });
  const problem = check !== undefined && !check.ok ? check.problem : undefined;
  const valid = check?.ok === true;

  useEffect(() => {
    if (!valid) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      api()
        .previewFormula({ table, expression, limit: PREVIEW_ROWS })
        .then((result) => {
          if (!cancelled) setPreview({ state: 'ready', type: result.type, values: result.values });
        })
        .catch((error: unknown) => {
          const failure = asApiCallError(error);
          if (!cancelled) setPreview({ state: 'failed', message: (l) => failure.messageFor(l) });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [valid, table, expression]);

  const save = async () => {
    const before = existing === undefined ? undefined : { name: existing.name, label: label(existing.label), expression: existing.expression! };
    const after = { name: name.trim(), label: caption.trim() === '' ? undefined : caption.trim(), expression };
    if (await perform(calculatedFieldCommand(api(), table, before, after))) props.onClose();
  };
  const remove = async () => {
    if (existing === undefined) return;
    if (await perform(calculatedFieldCommand(api(), table, { name: existing.name, label: label(existing.label), expression: existing.expression! }, undefined))) props.onClose();
  };
  const nameOk = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name.trim());

  return (
    <form
      className="import-dialog-frame"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && nameOk) void save();
      }}
    >
      <header className="import-dialog-header">
        <div>
          <h2 className="import-dialog-title" id="calculated-dialog-title">
            {existing === undefined ? t('model.calc.newTitle') : t('model.calc.editTitle', { name: existing.name })}
          </h2>
          <p className="import-dialog-subtitle">{t('model.calc.subtitle')}</p>
        </div>
        <button type="button" className="icon-btn" aria-label={t('model.close')} onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div className="import-dialog-body model-calc-body">
        <div className="model-calc-grid">
          <label className="model-calc-label">
            <span>{t('model.calc.table')}</span>
            <select className="input" value={table} disabled={existing !== undefined} onChange={(e) => setTable(e.target.value)} data-testid="calc-table">
              {tables.map((tb) => (
                <option key={tb.name} value={tb.name}>
                  {label(tb.label)}
                </option>
              ))}
            </select>
          </label>
          <label className="model-calc-label">
            <span>{t('model.calc.name')}</span>
            <input className="input" value={name} disabled={existing !== undefined} onChange={(e) => setName(e.target.value)} placeholder="resolution_hours" data-testid="calc-name" aria-invalid={name !== '' && !nameOk} />
          </label>
          <label className="model-calc-label">
            <span>{t('model.calc.caption')}</span>
            <input className="input" value={caption} onChange={(e) => setCaption(e.target.value)} placeholder={t('model.calc.captionPlaceholder')} data-testid="calc-caption" />
          </label>
        </div>
        {name !== '' && !nameOk && <p className="model-calc-problem" role="alert">{t('error.model.calculatedName', { name })}</p>}
        <div className="model-calc-formula">
          <span className="model-calc-label-text" id={`${problemId}-label`}>
            {t('model.calc.formula')}
          </span>
          <FormulaInput value={expression} onChange={setExpression} fields={fields} problem={problem} label={t('model.calc.formula')} describedBy={problem === undefined ? undefined : problemId} />
          <p className="model-calc-help">{t('model.calc.help')}</p>
          {problem !== undefined && (
            <p className="model-calc-problem" id={problemId} role="alert" data-testid="formula-problem">
              <Icon name="alert" size={14} />
              {t(problem.key, problem.params)}
            </p>
          )}
        </div>
        <section className="model-calc-preview" aria-live="polite" data-testid="formula-preview">
          <h3 className="section-title">{t('model.calc.preview')}</h3>
          {!valid || preview.state === 'idle' ? (
            <p className="panel-note">{t('model.calc.previewEmpty')}</p>
          ) : preview.state === 'failed' ? (
            <p className="model-calc-problem">{preview.message(locale)}</p>
          ) : (
            <>
              <p className="model-calc-type" data-testid="formula-type">
                {t('model.calc.type', { type: t(`type.${preview.type}`) })}
              </p>
              <ol className="model-calc-values" data-testid="formula-values">
                {preview.values.map((v, i) => (
                  <li key={i} className={v === null ? 'is-null' : undefined}>
                    {v === null ? t('model.calc.null') : String(v)}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      </div>
      <footer className="import-dialog-footer">
        {existing !== undefined && (
          <button type="button" className="btn btn-danger model-calc-remove" disabled={busy} onClick={() => void remove()} data-testid="calc-remove">
            {t('model.calc.remove')}
          </button>
        )}
        <button type="button" className="btn" onClick={props.onClose}>
          {t('model.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || !valid || !nameOk} data-testid="calc-save">
          {t('model.calc.save')}
        </button>
      </footer>
    </form>
  );
}
