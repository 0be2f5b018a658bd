import type { MessageKey } from '../../../shared/i18n/messages';
import type { StageColumn } from '../../../shared/recipe/recipe-dataflow';
import { RECIPE_SPEC_VERSION, type RecipeSpec, type RecipeStep, type RecipeStepBody, type RecipeStepKind } from '../../../shared/spec/recipe-spec';

/**
 * The edits the Clean workspace makes to a recipe, as pure functions of the spec: each gives the
 * next spec and the name of the change for undo ("Undo: add step"). The store saves the result as
 * the recipe's next version.
 */

export interface RecipeEdit {
  readonly label: MessageKey;
  readonly spec: RecipeSpec;
  /** The step to select after the edit. */
  readonly select?: string | undefined;
}

export function emptyRecipe(source: string, taken: readonly string[]): RecipeSpec {
  let output = `${source}_clean`;
  for (let n = 2; taken.some((t) => t.toLowerCase() === output.toLowerCase()); n++) output = `${source}_clean${n}`;
  return { version: RECIPE_SPEC_VERSION, source, output, steps: [] };
}

/** A step id not used in the recipe. */
export function newStepId(spec: RecipeSpec, kind: RecipeStepKind): string {
  const taken = new Set(spec.steps.map((s) => s.id));
  for (let n = spec.steps.length + 1; ; n++) {
    const id = `${kind}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Adds a step after `after` (at the end without it). */
export function addStep(spec: RecipeSpec, body: RecipeStepBody, after?: string): RecipeEdit {
  const step = { ...body, id: newStepId(spec, body.kind), enabled: true } as RecipeStep;
  const index = after === undefined ? spec.steps.length : spec.steps.findIndex((s) => s.id === after) + 1;
  const steps = [...spec.steps.slice(0, index), step, ...spec.steps.slice(index)];
  return { label: 'clean.edit.add', spec: { ...spec, steps }, select: step.id };
}

export function removeStep(spec: RecipeSpec, id: string): RecipeEdit {
  const index = spec.steps.findIndex((s) => s.id === id);
  const steps = spec.steps.filter((s) => s.id !== id);
  return { label: 'clean.edit.remove', spec: { ...spec, steps }, select: steps[Math.min(index, steps.length - 1)]?.id };
}

export function toggleStep(spec: RecipeSpec, id: string): RecipeEdit {
  return { label: 'clean.edit.toggle', spec: { ...spec, steps: spec.steps.map((s) => (s.id === id ? { ...s, enabled: !s.enabled } : s)) }, select: id };
}

/** Moves a step up (-1) or down (+1); at an end it stays. */
export function moveStep(spec: RecipeSpec, id: string, delta: -1 | 1): RecipeEdit {
  const from = spec.steps.findIndex((s) => s.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= spec.steps.length) return { label: 'clean.edit.move', spec, select: id };
  const steps = [...spec.steps];
  [steps[from], steps[to]] = [steps[to]!, steps[from]!];
  return { label: 'clean.edit.move', spec: { ...spec, steps }, select: id };
}

/** Moves a step to position `to` (an index into the steps), the others closing up, as a drag drops it. */
export function moveStepTo(spec: RecipeSpec, id: string, to: number): RecipeEdit {
  const from = spec.steps.findIndex((s) => s.id === id);
  if (from < 0 || to < 0 || to >= spec.steps.length || to === from) return { label: 'clean.edit.move', spec, select: id };
  const steps = spec.steps.filter((s) => s.id !== id);
  steps.splice(to, 0, spec.steps[from]!);
  return { label: 'clean.edit.move', spec: { ...spec, steps }, select: id };
}

/** Replaces a step's settings, keeping its id and switch. */
export function updateStep(spec: RecipeSpec, id: string, body: RecipeStepBody): RecipeEdit {
  return {
    label: 'clean.edit.change',
    spec: { ...spec, steps: spec.steps.map((s) => (s.id === id ? ({ ...body, id: s.id, enabled: s.enabled, note: s.note }) : s)) },
    select: id,
  };
}

export function renameOutput(spec: RecipeSpec, output: string): RecipeEdit {
  return { label: 'clean.edit.output', spec: { ...spec, output } };
}

/** Steps a column's menu offers, in the order it lists them. */
export const COLUMN_STEP_KINDS = ['trim', 'width', 'case', 'chineseScript', 'mapValues', 'cluster', 'split', 'extract', 'parseDates', 'retype', 'fillDown', 'fillMissing', 'mask', 'rename', 'drop'] as const satisfies readonly RecipeStepKind[];

/** Steps that do not start from one column. */
export const TABLE_STEP_KINDS = ['dedupe', 'filter', 'derive', 'merge', 'identity', 'unpivot', 'lookup', 'union'] as const satisfies readonly RecipeStepKind[];

const uniqueName = (wanted: string, columns: readonly StageColumn[]): string => {
  let name = wanted;
  for (let n = 2; columns.some((c) => c.name.toLowerCase() === name.toLowerCase()); n++) name = `${wanted}_${n}`;
  return name;
};

/** A step of `kind` on `column` with settings a user would start from. */
export function stepForColumn(kind: (typeof COLUMN_STEP_KINDS)[number], column: StageColumn, columns: readonly StageColumn[]): RecipeStepBody {
  switch (kind) {
    case 'trim':
      return { kind, columns: [column.name], inner: true };
    case 'width':
      return { kind, columns: [column.name], to: 'half' };
    case 'case':
      return { kind, columns: [column.name], to: 'title' };
    case 'chineseScript':
      return { kind, columns: [column.name], to: 'simplified' };
    case 'mapValues':
      return { kind, column: column.name, mapping: [] };
    case 'cluster':
      return { kind, column: column.name, method: 'fingerprint', clusters: [] };
    case 'split':
      return { kind, column: column.name, separator: ' ', into: [uniqueName(`${column.name}_1`, columns), uniqueName(`${column.name}_2`, columns)], keep: false };
    case 'extract':
      return { kind, column: column.name, pattern: '(\\d+)', into: uniqueName(`${column.name}_part`, columns) };
    case 'parseDates':
      return { kind, column: column.name, format: 'ymd', withTime: true };
    case 'retype':
      return { kind, column: column.name, type: column.type === 'text' ? 'integer' : 'text', format: column.type === 'text' ? 'integer' : 'text' };
    case 'fillDown':
      return { kind, columns: [column.name] };
    case 'fillMissing':
      return column.type === 'integer' || column.type === 'real' ? { kind, column: column.name, with: 'median' } : { kind, column: column.name, with: 'constant', value: '' };
    case 'mask':
      return { kind, column: column.name, method: 'mask', scope: 'value', kinds: [] };
    case 'rename':
      return { kind, column: column.name, to: uniqueName(`${column.name}_new`, columns) };
    case 'drop':
      return { kind, columns: [column.name] };
  }
}

/** A table-wide step with settings a user would start from. */
export function stepForTable(kind: (typeof TABLE_STEP_KINDS)[number], columns: readonly StageColumn[], tables: readonly string[]): RecipeStepBody {
  const first = columns[0]?.name ?? '';
  switch (kind) {
    case 'dedupe':
      return { kind, keys: [first], keep: 'first' };
    case 'filter':
      return { kind, expression: `${quoteField(first)} IS NOT NULL` };
    case 'derive':
      return { kind, into: uniqueName('new_column', columns), expression: quoteField(first) };
    case 'merge':
      return { kind, columns: columns.slice(0, 2).map((c) => c.name), separator: ' ', into: uniqueName('merged', columns), keep: true };
    case 'identity': {
      // the columns whose names say they hold a phone, an e-mail or an ID, else the first
      const personal = columns.filter((c) => /phone|mobile|tel|mail|id_?card|电话|手机|邮箱|身份证/i.test(c.name));
      return { kind, columns: (personal.length > 0 ? personal : columns.slice(0, 1)).map((c) => c.name), into: uniqueName('customer_key', columns), hash: false };
    }
    case 'unpivot':
      return { kind, columns: columns.slice(-2).map((c) => c.name), nameColumn: uniqueName('attribute', columns), valueColumn: uniqueName('value', columns) };
    case 'lookup':
      return { kind, table: tables[0] ?? '', on: [{ column: first, other: first }], columns: [] };
    case 'union':
      return { kind, tables: [] };
  }
}

/** A field as a formula writes it: bare when it is a plain name, else in square brackets. */
export function quoteField(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) ? name : `[${name.replace(/]/g, ']]')}]`;
}
