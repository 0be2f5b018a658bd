import { useState, type ReactNode } from 'react';
import { COLUMN_TYPES, VALUE_FORMATS } from '../../../shared/api/types';
import { PII_KINDS } from '../../../shared/cleaning/pii';
import type { MessageKey } from '../../../shared/i18n/messages';
import { FIELD_ROLES } from '../../../shared/model/field-roles';
import type { StageColumn } from '../../../shared/recipe/recipe-dataflow';
import { DATE_FORMATS, type RecipeStep, type RecipeStepBody } from '../../../shared/spec/recipe-spec';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { useCleanStore } from './clean-store';
import { useClusterDialog } from './cluster-dialog-store';
import { columnsBefore } from './CleanWorkspace';
import { updateStep } from './recipe-edits';
import { stepKindKey } from './step-text';

type Body = RecipeStepBody;
/** The step's settings without its id, switch and note. */
function bodyOf(step: RecipeStep): Body {
  const { id: _id, enabled: _enabled, note: _note, ...body } = step;
  return body;
}

/** The selected step's settings, edited as a draft and applied as one undoable change. */
export function StepEditor({ step }: { readonly step: RecipeStep }) {
  const { t } = useT();
  const spec = useCleanStore((s) => s.spec)!;
  const state = useCleanStore((s) => s.state);
  const apply = useCleanStore((s) => s.apply);
  const [draft, setDraft] = useState<Body>(() => bodyOf(step));
  const columns = columnsBefore(step.id);
  const index = spec.steps.findIndex((s) => s.id === step.id);
  const problems = state?.flow?.steps[index]?.problems ?? [];
  const dirty = JSON.stringify(draft) !== JSON.stringify(bodyOf(step));
  const change = (next: Partial<Body>) => setDraft((d) => ({ ...d, ...next }) as Body);
  return (
    <form
      className="clean-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty) void apply(updateStep(spec, step.id, draft));
      }}
      data-testid="clean-editor"
    >
      <h3 className="section-title">{t('clean.editor.title', { n: index + 1, kind: t(stepKindKey(step.kind)) })}</h3>
      {problems.map((p, i) => (
        <p key={i} className="model-calc-problem" role="alert" data-testid="clean-step-problem">
          <Icon name="alert" size={14} />
          {t(p.key, p.params)}
        </p>
      ))}
      <div className="clean-editor-fields">
        <Fields draft={draft} change={change} columns={columns} step={step} />
      </div>
      <div className="clean-editor-footer">
        <button type="button" className="btn btn-quiet" disabled={!dirty} onClick={() => setDraft(bodyOf(step))}>
          {t('clean.editor.reset')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!dirty} data-testid="clean-editor-apply">
          {t('clean.editor.apply')}
        </button>
      </div>
    </form>
  );
}

function Field(props: { readonly label: MessageKey; readonly children: ReactNode; readonly wide?: boolean }) {
  const { t } = useT();
  return (
    <label className={`clean-field${props.wide === true ? ' is-wide' : ''}`}>
      <span className="clean-field-label">{t(props.label)}</span>
      {props.children}
    </label>
  );
}

function ColumnSelect(props: { readonly value: string; readonly columns: readonly StageColumn[]; readonly onChange: (name: string) => void; readonly testId?: string }) {
  const known = props.columns.some((c) => c.name === props.value);
  return (
    <select className="input" value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId}>
      {!known && <option value={props.value}>{props.value}</option>}
      {props.columns.map((c) => (
        <option key={c.name} value={c.name}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

/** The step's column, as most steps have one. */
function ColumnField(props: { readonly value: string; readonly columns: readonly StageColumn[]; readonly onChange: (name: string) => void }) {
  return (
    <Field label="clean.field.column">
      <ColumnSelect value={props.value} columns={props.columns} onChange={props.onChange} />
    </Field>
  );
}

function ColumnChecks(props: { readonly value: readonly string[]; readonly columns: readonly StageColumn[]; readonly onChange: (names: string[]) => void }) {
  const names = [...new Set([...props.columns.map((c) => c.name), ...props.value])];
  return (
    <div className="clean-checks">
      {names.map((name) => (
        <label key={name} className="clean-check">
          <input type="checkbox" checked={props.value.includes(name)} onChange={(e) => props.onChange(e.target.checked ? [...props.value, name] : props.value.filter((n) => n !== name))} />
          {name}
        </label>
      ))}
    </div>
  );
}

function Options<T extends string>(props: { readonly value: T; readonly options: readonly T[]; readonly text: (option: T) => string; readonly onChange: (value: T) => void; readonly testId?: string }) {
  return (
    <select className="input" value={props.value} onChange={(e) => props.onChange(e.target.value as T)} data-testid={props.testId}>
      {props.options.map((o) => (
        <option key={o} value={o}>
          {props.text(o)}
        </option>
      ))}
    </select>
  );
}

const list = (text: string): string[] =>
  text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A union's first mapping: each column from the other table's column of the same name, if any. */
function sameNames(columns: readonly StageColumn[], other: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(columns.map((c) => [c.name, other.find((o) => o.toLowerCase() === c.name.toLowerCase()) ?? null]));
}

function Fields({ draft, change, columns, step }: { readonly draft: Body; readonly change: (next: Partial<Body>) => void; readonly columns: readonly StageColumn[]; readonly step: RecipeStep }) {
  const { t } = useT();
  const tables = useWorkbenchStore((s) => s.tables);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const openCluster = useClusterDialog((s) => s.open);
  const spec = useCleanStore((s) => s.spec)!;
  switch (draft.kind) {
    case 'rename':
      return (
        <>
          <ColumnField value={draft.column} columns={columns} onChange={(column) => change({ column })} />
          <Field label="clean.field.newName">
            <input className="input" value={draft.to} onChange={(e) => change({ to: e.target.value })} data-testid="clean-field-to" />
          </Field>
        </>
      );
    case 'drop':
    case 'fillDown':
      return (
        <Field label="clean.field.columns" wide>
          <ColumnChecks value={draft.columns} columns={columns} onChange={(names) => change({ columns: names })} />
        </Field>
      );
    case 'trim':
      return (
        <>
          <Field label="clean.field.columns" wide>
            <ColumnChecks value={draft.columns} columns={columns.filter((c) => c.type === 'text')} onChange={(names) => change({ columns: names })} />
          </Field>
          <label className="clean-check">
            <input type="checkbox" checked={draft.inner} onChange={(e) => change({ inner: e.target.checked })} />
            {t('clean.field.inner')}
          </label>
        </>
      );
    case 'width':
    case 'chineseScript':
    case 'case': {
      const options = draft.kind === 'width' ? (['half', 'full'] as const) : draft.kind === 'chineseScript' ? (['simplified', 'traditional'] as const) : (['upper', 'lower', 'title'] as const);
      return (
        <>
          <Field label="clean.field.columns" wide>
            <ColumnChecks value={draft.columns} columns={columns.filter((c) => c.type === 'text')} onChange={(names) => change({ columns: names })} />
          </Field>
          <Field label="clean.field.to">
            <Options value={draft.to} options={options} text={(o) => t(`clean.to.${o}` as MessageKey)} onChange={(to) => change({ to })} />
          </Field>
        </>
      );
    }
    case 'retype':
      return (
        <>
          <ColumnField value={draft.column} columns={columns} onChange={(column) => change({ column })} />
          <Field label="clean.field.type">
            <Options value={draft.type} options={COLUMN_TYPES} text={(o) => t(`type.${o}`)} onChange={(type) => change({ type })} />
          </Field>
          <Field label="clean.field.format">
            <Options value={draft.format} options={VALUE_FORMATS} text={(o) => t(`format.${o}`)} onChange={(format) => change({ format })} />
          </Field>
        </>
      );
    case 'parseDates':
      return (
        <>
          <ColumnField value={draft.column} columns={columns} onChange={(column) => change({ column })} />
          <Field label="clean.field.format">
            <Options value={draft.format} options={DATE_FORMATS} text={(o) => t(`format.${o}`)} onChange={(format) => change({ format })} />
          </Field>
          <label className="clean-check">
            <input type="checkbox" checked={draft.withTime} onChange={(e) => change({ withTime: e.target.checked })} />
            {t('clean.field.withTime')}
          </label>
        </>
      );
    case 'setRole':
      return (
        <>
          <ColumnField value={draft.column} columns={columns} onChange={(column) => change({ column })} />
          <Field label="clean.field.role">
            <Options value={draft.role} options={FIELD_ROLES} text={(o) => t(`role.${o}`)} onChange={(role) => change({ role })} />
          </Field>
        </>
      );
    case 'split':
      return (
        <>
          <ColumnField value={draft.column} columns={columns} onChange={(column) => change({ column })} />
          <Field label="clean.field.separator">
            <input className="input" value={draft.separator} onChange={(e) => change({ separator: e.target.value })} />
          </Field>
          <Field label="clean.field.into" wide>
            <input className="input" value={draft.into.join(', ')} onChange={(e) => change({ into: list(e.target.value) })} />
          </Field>
          <label className="clean-check">
            <input type="checkbox" checked={draft.keep} onChange={(e) => change({ keep: e.target.checked })} />
            {t('clean.field.keep')}
          </label>
        </>
      );
    case 'merge':
      return (
        <>
          <Field label="clean.field.columns" wide>
            <ColumnChecks value={draft.columns} columns={columns} onChange={(names) => change({ columns: names })} />
          </Field>
          <Field label="clean.field.separator">
            <input className="input" value={draft.separator} onChange={(e) => change({ separator: e.target.value })} />
          </Field>
          <Field label="clean.field.newName">
            <input className="input" value={draft.into} onChange={(e) => change({ into: e.target.value })} />
          </Field>
          <label className="clean-check">
            <input type="checkbox" checked={draft.keep} onChange={(e) => change({ keep: e.target.checked })} />
            {t('clean.field.keep')}
          </label>
        </>
      );
    case 'extract':
      return (
        <>
          <ColumnField value={draft.column} columns={columns} onChange={(column) => change({ column })} />
          <Field label="clean.field.pattern" wide>
            <input className="input clean-mono" value={draft.pattern} onChange={(e) => change({ pattern: e.target.value })} />
          </Field>
          <Field label="clean.field.newName">
            <input className="input" value={draft.into} onChange={(e) => change({ into: e.target.value })} />
          </Field>
        </>
      );
    case 'fillMissing':
      return (
        <>
          <ColumnField value={draft.column} columns={columns} onChange={(column) => change({ column })} />
          <Field label="clean.field.fillWith">
            <Options value={draft.with} options={['constant', 'mean', 'median'] as const} text={(o) => t(`clean.fill.${o}`)} onChange={(w) => change({ with: w })} />
          </Field>
          {draft.with === 'constant' && (
            <Field label="clean.field.value">
              <input className="input" value={String(draft.value ?? '')} onChange={(e) => change({ value: e.target.value })} data-testid="clean-field-value" />
            </Field>
          )}
        </>
      );
    case 'mapValues':
      return (
        <>
          <ColumnField value={draft.column} columns={columns} onChange={(column) => change({ column })} />
          <div className="clean-mapping is-wide" data-testid="clean-mapping">
            <span className="clean-field-label">{t('clean.field.mapping')}</span>
            {draft.mapping.map((m, i) => (
              <div key={i} className="clean-mapping-row">
                <input className="input" value={m.from} aria-label={t('clean.field.from')} onChange={(e) => change({ mapping: draft.mapping.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)) })} data-testid="clean-map-from" />
                <Icon name="chevronRight" size={12} />
                <input className="input" value={m.to ?? ''} aria-label={t('clean.field.toValue')} onChange={(e) => change({ mapping: draft.mapping.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)) })} data-testid="clean-map-to" />
                <button type="button" className="icon-btn" aria-label={t('clean.field.removeRow')} onClick={() => change({ mapping: draft.mapping.filter((_, j) => j !== i) })}>
                  <Icon name="close" size={12} />
                </button>
              </div>
            ))}
            <button type="button" className="link-btn" onClick={() => change({ mapping: [...draft.mapping, { from: '', to: '' }] })} data-testid="clean-map-add">
              {t('clean.field.addRow')}
            </button>
          </div>
        </>
      );
    case 'cluster':
      return (
        <div className="clean-field is-wide">
          <span className="clean-field-label">{t('clean.field.clusters', { count: draft.clusters.length })}</span>
          <ul className="clean-cluster-summary">
            {draft.clusters.slice(0, 8).map((c, i) => (
              <li key={i}>
                {c.values.join(' · ')} <Icon name="chevronRight" size={11} /> <strong>{c.into}</strong>
              </li>
            ))}
          </ul>
          <button type="button" className="btn" onClick={() => openCluster({ column: draft.column, after: spec.steps[spec.steps.findIndex((s) => s.id === step.id) - 1]?.id, stepId: step.id })}>
            {t('clean.field.reviewClusters')}
          </button>
        </div>
      );
    case 'dedupe':
      return (
        <>
          <Field label="clean.field.keys" wide>
            <ColumnChecks value={draft.keys} columns={columns} onChange={(keys) => change({ keys })} />
          </Field>
          <Field label="clean.field.keep">
            <Options value={draft.keep} options={['first', 'latest'] as const} text={(o) => t(`clean.keep.${o}`)} onChange={(keep) => change({ keep, latestBy: keep === 'latest' ? (draft.latestBy ?? columns[0]?.name) : undefined })} />
          </Field>
          {draft.keep === 'latest' && (
            <Field label="clean.field.latestBy">
              <ColumnSelect value={draft.latestBy ?? ''} columns={columns} onChange={(latestBy) => change({ latestBy })} />
            </Field>
          )}
        </>
      );
    case 'filter':
      return (
        <Field label="clean.field.condition" wide>
          <textarea className="input clean-mono" rows={3} value={draft.expression} onChange={(e) => change({ expression: e.target.value })} data-testid="clean-field-expression" />
        </Field>
      );
    case 'derive':
      return (
        <>
          <Field label="clean.field.newName">
            <input className="input" value={draft.into} onChange={(e) => change({ into: e.target.value })} data-testid="clean-field-into" />
          </Field>
          <Field label="clean.field.formula" wide>
            <textarea className="input clean-mono" rows={3} value={draft.expression} onChange={(e) => change({ expression: e.target.value })} data-testid="clean-field-expression" />
          </Field>
        </>
      );
    case 'mask':
      return (
        <>
          <ColumnField value={draft.column} columns={columns} onChange={(column) => change({ column })} />
          <Field label="clean.field.method">
            <Options value={draft.method} options={['mask', 'hash', 'drop'] as const} text={(o) => t(`clean.mask.${o}`)} onChange={(method) => change({ method })} testId="clean-field-method" />
          </Field>
          <Field label="clean.field.scope">
            <Options value={draft.scope} options={['value', 'text'] as const} text={(o) => t(`clean.scope.${o}`)} onChange={(scope) => change({ scope, kinds: scope === 'text' && draft.kinds.length === 0 ? [...PII_KINDS] : draft.kinds })} />
          </Field>
          {draft.scope === 'text' && (
            <div className="clean-checks is-wide">
              {PII_KINDS.map((kind) => (
                <label key={kind} className="clean-check">
                  <input type="checkbox" checked={draft.kinds.includes(kind)} onChange={(e) => change({ kinds: e.target.checked ? [...draft.kinds, kind] : draft.kinds.filter((k) => k !== kind) })} />
                  {t(`clean.pii.${kind}`)}
                </label>
              ))}
            </div>
          )}
        </>
      );
    case 'identity':
      return (
        <>
          <Field label="clean.field.identityColumns" wide>
            <ColumnChecks value={draft.columns} columns={columns} onChange={(names) => change({ columns: names })} />
          </Field>
          <Field label="clean.field.newName">
            <input className="input" value={draft.into} onChange={(e) => change({ into: e.target.value })} />
          </Field>
          <label className="clean-check">
            <input type="checkbox" checked={draft.hash} onChange={(e) => change({ hash: e.target.checked })} />
            {t('clean.field.identityHash')}
          </label>
        </>
      );
    case 'unpivot':
      return (
        <>
          <Field label="clean.field.columns" wide>
            <ColumnChecks value={draft.columns} columns={columns} onChange={(names) => change({ columns: names })} />
          </Field>
          <Field label="clean.field.nameColumn">
            <input className="input" value={draft.nameColumn} onChange={(e) => change({ nameColumn: e.target.value })} />
          </Field>
          <Field label="clean.field.valueColumn">
            <input className="input" value={draft.valueColumn} onChange={(e) => change({ valueColumn: e.target.value })} />
          </Field>
        </>
      );
    case 'pivot':
      return (
        <>
          <Field label="clean.field.nameColumn">
            <ColumnSelect value={draft.nameColumn} columns={columns} onChange={(nameColumn) => change({ nameColumn })} />
          </Field>
          <Field label="clean.field.valueColumn">
            <ColumnSelect value={draft.valueColumn} columns={columns} onChange={(valueColumn) => change({ valueColumn })} />
          </Field>
          <Field label="clean.field.values" wide>
            <input className="input" value={draft.values.join(', ')} onChange={(e) => change({ values: list(e.target.value) })} />
          </Field>
        </>
      );
    case 'lookup': {
      const key = draft.on[0] ?? { column: columns[0]?.name ?? '', other: '' };
      return (
        <>
          <Field label="clean.field.table">
            <Options value={draft.table} options={tables.map((tb) => tb.name).filter((n) => n !== spec.source && n !== spec.output)} text={(o) => o} onChange={(table) => change({ table })} />
          </Field>
          <Field label="clean.field.matchColumn">
            <ColumnSelect value={key.column} columns={columns} onChange={(column) => change({ on: [{ ...key, column }] })} />
          </Field>
          <Field label="clean.field.matchOther">
            <input className="input" value={key.other} onChange={(e) => change({ on: [{ ...key, other: e.target.value }] })} />
          </Field>
          <Field label="clean.field.bring" wide>
            <input className="input" value={draft.columns.map((c) => c.other).join(', ')} onChange={(e) => change({ columns: list(e.target.value).map((other) => ({ other, into: other })) })} />
          </Field>
        </>
      );
    }
    case 'union':
      return (
        <Field label="clean.field.tables" wide>
          <div className="clean-checks">
            {tables
              .map((tb) => tb.name)
              .filter((n) => n !== spec.source && n !== spec.output)
              .map((name) => (
                <label key={name} className="clean-check">
                  <input
                    type="checkbox"
                    checked={draft.tables.some((x) => x.table === name)}
                    onChange={(e) =>
                      change({
                        tables: e.target.checked ? [...draft.tables, { table: name, columns: sameNames(columns, schemas[name]?.fields.map((f) => f.name) ?? []) }] : draft.tables.filter((x) => x.table !== name),
                      })
                    }
                  />
                  {name}
                </label>
              ))}
          </div>
          <span className="panel-note">{t('clean.field.unionHint')}</span>
        </Field>
      );
  }
}
