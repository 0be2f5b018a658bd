import { useEffect, useRef, useState } from 'react';
import type { CellValue, ColumnType } from '../../../shared/api/types';
import { METRIC_UNITS, type MetricDefinition, type MetricDirection, type MetricFormula, type MetricInput, type MetricUnit } from '../../../shared/metrics/metric-definition';
import { FIELD_ROLES, ROLE_INFO, isFieldRole, type FieldRole } from '../../../shared/model/field-roles';
import { referencedFields } from '../../../shared/model/expression/compile-expression';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { useModalDialog } from '../../ui/use-modal-dialog';
import { checkFormula, renameFields, type FormulaField, type FormulaProblem } from './formula-assist';
import { FormulaInput } from './FormulaInput';
import { metricCommand } from './model-commands';
import { useModelStore } from './model-store';
import './model.css';

type FormulaKind = 'count' | 'ratio' | 'mean' | 'nps';
const KINDS: readonly FormulaKind[] = ['count', 'ratio', 'mean', 'nps'];
/** The formula texts each kind reads, in order; `where` may stay empty. */
const PARTS: Readonly<Record<FormulaKind, readonly ('where' | 'numerator' | 'denominator' | 'value' | 'score')[]>> = {
  count: ['where'],
  ratio: ['numerator', 'denominator'],
  mean: ['value', 'where'],
  nps: ['score'],
};
type Part = (typeof PARTS)[FormulaKind][number];
const DIRECTIONS: readonly MetricDirection[] = ['higher-is-better', 'lower-is-better', 'neutral'];
const TIME_ROLES = FIELD_ROLES.filter((r) => ROLE_INFO[r].kind === 'time');
/** In a metric's formulas the fields are roles, each with the type a field must have to play it. */
const ROLE_FIELDS: readonly FormulaField[] = FIELD_ROLES.map((role) => ({ name: role, type: ROLE_INFO[role].types[0]! }));

function formulaOf(kind: FormulaKind, texts: Readonly<Record<Part, string>>): MetricFormula {
  const where = texts.where.trim() === '' ? undefined : texts.where;
  switch (kind) {
    case 'count':
      return { kind, where };
    case 'ratio':
      return { kind, numerator: texts.numerator, denominator: texts.denominator };
    case 'mean':
      return { kind, value: texts.value, where };
    case 'nps':
      return { kind, score: texts.score };
  }
}

function textsOf(formula: MetricFormula | undefined): Record<Part, string> {
  const texts = { where: '', numerator: '', denominator: '', value: '', score: '' };
  if (formula === undefined) return texts;
  switch (formula.kind) {
    case 'count':
      return { ...texts, where: formula.where ?? '' };
    case 'ratio':
      return { ...texts, numerator: formula.numerator, denominator: formula.denominator };
    case 'mean':
    case 'quantile':
      return { ...texts, value: formula.value, where: formula.where ?? '' };
    case 'nps':
      return { ...texts, score: formula.score };
  }
}

/** The editor of a metric of the user's own: formulas on roles, checked in place and previewed
 * on the selected table's rows. */
export function MetricDialog() {
  const editor = useModelStore((s) => s.editor);
  const ref = useRef<HTMLDialogElement>(null);
  const open = editor?.kind === 'metric';
  const [metrics, setMetrics] = useState<readonly MetricDefinition[] | null>(null);
  const close = () => useModelStore.getState().openEditor(null);

  useModalDialog(ref, open);
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    void api()
      .listMetrics({})
      .then((list) => !cancelled && setMetrics(list));
    return () => {
      cancelled = true;
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="import-dialog model-dialog"
      data-testid="metric-dialog"
      aria-labelledby="metric-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      {open && metrics !== null && <MetricForm key={editor.id ?? ''} existing={metrics.find((m) => m.id === editor.id && !m.builtIn)} taken={new Set(metrics.map((m) => m.id))} onClose={close} />}
    </dialog>
  );
}

function MetricForm(props: { readonly existing: MetricDefinition | undefined; readonly taken: ReadonlySet<string>; readonly onClose: () => void }) {
  const { t } = useT();
  const { existing } = props;
  const perform = useModelStore((s) => s.perform);
  const busy = useModelStore((s) => s.busy);
  const variant = existing?.variants[0];
  const [id, setId] = useState(existing?.id ?? '');
  const [nameEn, setNameEn] = useState(existing?.name.en ?? '');
  const [nameZh, setNameZh] = useState(existing?.name['zh-CN'] ?? '');
  const [unit, setUnit] = useState<MetricUnit>(existing?.unit ?? 'percent');
  const [direction, setDirection] = useState<MetricDirection>(existing?.direction ?? 'higher-is-better');
  const [timeRole, setTimeRole] = useState<FieldRole>(variant?.timeRole ?? 'created_at');
  const [kind, setKind] = useState<FormulaKind>(variant === undefined || variant.formula.kind === 'quantile' ? 'ratio' : variant.formula.kind);
  const [texts, setTexts] = useState<Record<Part, string>>(textsOf(variant?.formula));

  const parts = PARTS[kind];
  const checks = parts.map((part) => (texts[part].trim() === '' ? undefined : checkFormula(texts[part], ROLE_FIELDS, { rowLevel: true })));
  const complete = parts.every((part, i) => (part === 'where' ? checks[i] === undefined || checks[i].ok : checks[i]?.ok === true));
  const idOk = /^[a-z][a-z0-9_]{0,63}$/.test(id) && (existing !== undefined || !props.taken.has(id));
  const named = nameEn.trim() !== '' || nameZh.trim() !== '';

  const save = async () => {
    const roles = new Set<FieldRole>([timeRole]);
    for (const part of parts) if (texts[part].trim() !== '') for (const name of referencedFields(texts[part])) if (isFieldRole(name)) roles.add(name);
    const en = nameEn.trim() === '' ? nameZh.trim() : nameEn.trim();
    const zh = nameZh.trim() === '' ? nameEn.trim() : nameZh.trim();
    const input: MetricInput = {
      id,
      name: { en, 'zh-CN': zh },
      description: existing?.description ?? { en, 'zh-CN': zh },
      unit,
      direction,
      minSample: existing?.minSample ?? 30,
      variants: [{ requires: [...roles], timeRole, formula: formulaOf(kind, texts) }],
    };
    const command = metricCommand(api(), existing, input);
    if (await perform(command)) props.onClose();
  };

  return (
    <form
      className="import-dialog-frame"
      onSubmit={(e) => {
        e.preventDefault();
        if (complete && idOk && named) void save();
      }}
    >
      <header className="import-dialog-header">
        <div>
          <h2 className="import-dialog-title" id="metric-dialog-title">
            {existing === undefined ? t('model.metric.newTitle') : t('model.metric.editTitle', { name: existing.name.en })}
          </h2>
          <p className="import-dialog-subtitle">{t('model.metric.subtitle')}</p>
        </div>
        <button type="button" className="icon-btn" aria-label={t('model.close')} onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div className="import-dialog-body model-calc-body">
        <div className="model-calc-grid">
          <label className="model-calc-label">
            <span>{t('model.metric.id')}</span>
            <input className="input" value={id} disabled={existing !== undefined} onChange={(e) => setId(e.target.value)} placeholder="low_csat_rate" data-testid="metric-id" aria-invalid={id !== '' && !idOk} />
          </label>
          <label className="model-calc-label">
            <span>{t('model.metric.nameEn')}</span>
            <input className="input" value={nameEn} onChange={(e) => setNameEn(e.target.value)} data-testid="metric-name-en" />
          </label>
          <label className="model-calc-label">
            <span>{t('model.metric.nameZh')}</span>
            <input className="input" value={nameZh} onChange={(e) => setNameZh(e.target.value)} data-testid="metric-name-zh" />
          </label>
          <label className="model-calc-label">
            <span>{t('model.metric.kind')}</span>
            <select className="input" value={kind} onChange={(e) => setKind(e.target.value as FormulaKind)} data-testid="metric-kind">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`model.metric.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="model-calc-label">
            <span>{t('model.metric.unit')}</span>
            <select className="input" value={unit} onChange={(e) => setUnit(e.target.value as MetricUnit)}>
              {METRIC_UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`model.metric.unit.${u}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="model-calc-label">
            <span>{t('model.metric.direction')}</span>
            <select className="input" value={direction} onChange={(e) => setDirection(e.target.value as MetricDirection)}>
              {DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`model.metric.direction.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="model-calc-label">
            <span>{t('model.metric.timeRole')}</span>
            <select className="input" value={timeRole} onChange={(e) => setTimeRole(e.target.value as FieldRole)}>
              {TIME_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {id !== '' && !idOk && (
          <p className="model-calc-problem" role="alert">
            {t(props.taken.has(id) ? 'model.metric.idTaken' : 'model.metric.idRule', { id })}
          </p>
        )}
        <p className="model-calc-help">{t('model.metric.rolesHint')}</p>
        {parts.map((part, i) => {
          const check = checks[i];
          return (
            <MetricPart key={`${kind}.${part}`} part={part} text={texts[part]} onChange={(text) => setTexts({ ...texts, [part]: text })} problem={check !== undefined && !check.ok ? check.problem : undefined} valid={check?.ok === true} />
          );
        })}
      </div>
      <footer className="import-dialog-footer">
        {existing === undefined && <p className="model-metric-note">{t('model.metric.versionNote')}</p>}
        <button type="button" className="btn" onClick={props.onClose}>
          {t('model.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || !complete || !idOk || !named} data-testid="metric-save">
          {t('model.calc.save')}
        </button>
      </footer>
    </form>
  );
}

type Preview = { readonly state: 'idle' } | { readonly state: 'missing'; readonly roles: readonly FieldRole[] } | { readonly state: 'ready'; readonly type: ColumnType; readonly values: readonly CellValue[] } | { readonly state: 'failed'; readonly message: (l: 'en' | 'zh-CN') => string };

/** One formula of the metric, with its first values on the selected table (roles read through the
 * fields that play them there). */
function MetricPart(props: { readonly part: Part; readonly text: string; readonly onChange: (text: string) => void; readonly problem: FormulaProblem | undefined; readonly valid: boolean }) {
  const { t, label, locale } = useT();
  const model = useWorkbenchStore((s) => s.model);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const tables = useWorkbenchStore((s) => s.tables);
  const chosen = useModelStore((s) => s.selectedTable);
  // the table the Model view shows: the one picked, else the first
  const table = model?.tables.find((tm) => tm.table === chosen) ?? model?.tables.find((tm) => tm.table === tables[0]?.name);
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const { text, valid } = props;

  useEffect(() => {
    if (!valid || table === undefined) return;
    const applied = new Map(table.roles.filter((r) => r.applied && r.field !== null).map((r) => [r.role as string, r.field!]));
    const missing = referencedFields(text).filter((name): name is FieldRole => isFieldRole(name) && !applied.has(name));
    let cancelled = false;
    const timer = window.setTimeout(() => {
      if (missing.length > 0) {
        setPreview({ state: 'missing', roles: missing });
        return;
      }
      api()
        .previewFormula({ table: table.table, expression: renameFields(text, (name) => applied.get(name)), limit: 10 })
        .then((r) => !cancelled && setPreview({ state: 'ready', type: r.type, values: r.values }))
        .catch((error: unknown) => {
          const failure = asApiCallError(error);
          if (!cancelled) setPreview({ state: 'failed', message: (l) => failure.messageFor(l) });
        });
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [valid, text, table]);

  const tableLabel = table === undefined ? '' : label(schemas[table.table]?.label ?? table.label);
  return (
    <div className="model-calc-formula" data-testid={`metric-part-${props.part}`}>
      <span className="model-calc-label-text">{t(`model.metric.part.${props.part}`)}</span>
      <FormulaInput value={text} onChange={props.onChange} fields={ROLE_FIELDS} problem={props.problem} label={t(`model.metric.part.${props.part}`)} />
      {props.problem !== undefined && (
        <p className="model-calc-problem" role="alert" data-testid="formula-problem">
          <Icon name="alert" size={14} />
          {t(props.problem.key, props.problem.params)}
        </p>
      )}
      {valid && preview.state === 'missing' && <p className="panel-note model-metric-preview">{t('model.metric.previewMissing', { table: tableLabel, roles: preview.roles.map((r) => t(`role.${r}`)).join(', ') })}</p>}
      {valid && preview.state === 'failed' && <p className="model-calc-problem">{preview.message(locale)}</p>}
      {valid && preview.state === 'ready' && (
        <div className="model-metric-preview" data-testid="metric-preview">
          <span className="model-calc-type">{t('model.metric.previewOn', { table: tableLabel })}</span>
          <ol className="model-calc-values">
            {preview.values.map((v, i) => (
              <li key={i} className={v === null ? 'is-null' : undefined}>
                {v === null ? t('model.calc.null') : String(v)}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
