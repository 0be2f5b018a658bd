import type { ColumnType, LocalizedText } from '../api/types';
import { RootwiseError } from '../errors/rootwise-error';
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { FieldRole } from '../model/field-roles';
import { ROLE_INFO } from '../model/field-roles';
import { compileExpression, EXPR_TYPE_OF_COLUMN, scopeOfFields, type ExprType } from '../model/expression/compile-expression';
import { sqliteDialect } from '../query/sql-dialect';
import type { RecipeStep } from '../spec/recipe-spec';

/**
 * What each recipe step reads and produces, and the schema after every step: the dataflow of a
 * recipe worked out before anything runs, so a step that needs a column an earlier step removed or
 * renamed is flagged in place and the UI can show the columns at any step.
 */

/** A column of the table between two steps. */
export interface StageColumn {
  readonly name: string;
  readonly type: ColumnType;
  /** The label shown for it: the source column's while the column is carried, else its name. */
  readonly label: LocalizedText;
  readonly role?: FieldRole | undefined;
}

export interface RecipeProblem {
  readonly stepId: string;
  readonly key: MessageKey;
  readonly params: MessageParams;
}

export interface StepFlow {
  readonly stepId: string;
  /** Columns the step needs from the schema before it. */
  readonly reads: readonly string[];
  /** Columns it makes or changes. */
  readonly produces: readonly string[];
  /** Columns gone after it. */
  readonly removes: readonly string[];
  /** The schema after the step (before it, for a disabled or broken step). */
  readonly schema: readonly StageColumn[];
  readonly problems: readonly RecipeProblem[];
}

export interface RecipeFlow {
  readonly steps: readonly StepFlow[];
  readonly output: readonly StageColumn[];
  readonly problems: readonly RecipeProblem[];
}

/** Other workbench tables' columns, for lookups and unions. */
export type TableColumns = (table: string) => readonly StageColumn[] | undefined;

/** Column names the recipe keeps for itself (the row order it carries between steps). */
export const RESERVED_COLUMN_PREFIX = '__rw';
export const ROW_ORDER_COLUMN = '__rw_row';

const MAX_NAME_LENGTH = 128;

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The stored column type of a formula's value. */
export function columnTypeOfExpr(type: ExprType): ColumnType {
  switch (type) {
    case 'number':
      return 'real';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    default:
      return 'text';
  }
}

/** A scope in which formulas of a step read the columns before it. */
export function stageScope(schema: readonly StageColumn[]) {
  return scopeOfFields(schema.map((c) => [c.name, { sql: sqliteDialect.quoteIdent(c.name), type: EXPR_TYPE_OF_COLUMN[c.type] }] as const));
}

/** Works out every step's reads, products and schema from the source's columns. */
export function analyzeRecipe(input: readonly StageColumn[], steps: readonly RecipeStep[], tables: TableColumns = () => undefined): RecipeFlow {
  let schema: readonly StageColumn[] = input;
  const flows: StepFlow[] = [];
  for (const step of steps) {
    const flow = stepFlow(step, schema, tables);
    flows.push(flow);
    if (step.enabled && flow.problems.length === 0) schema = flow.schema;
  }
  const problems = flows.flatMap((f, i) => (steps[i]!.enabled ? f.problems : []));
  return { steps: flows, output: schema, problems };
}

function stepFlow(step: RecipeStep, before: readonly StageColumn[], tables: TableColumns): StepFlow {
  const problems: RecipeProblem[] = [];
  const problem = (key: MessageKey, params: MessageParams = {}): void => {
    problems.push({ stepId: step.id, key, params });
  };
  const find = (name: string): StageColumn | undefined => before.find((c) => sameName(c.name, name));
  const need = (names: readonly string[]): void => {
    for (const name of names) if (find(name) === undefined) problem('error.recipe.missingColumn', { column: name });
  };
  const needText = (names: readonly string[]): void => {
    for (const name of names) {
      const column = find(name);
      if (column !== undefined && column.type !== 'text') problem('error.recipe.notText', { column: name });
    }
  };
  /** A new column's name must be usable and not taken (unless `replacing` frees it). */
  const newName = (name: string, replacing: readonly string[] = []): void => {
    if (name.trim() === '' || name.length > MAX_NAME_LENGTH) problem('error.recipe.badName', { column: name });
    else if (name.toLowerCase().startsWith(RESERVED_COLUMN_PREFIX)) problem('error.recipe.reservedName', { column: name });
    else if (find(name) !== undefined && !replacing.some((r) => sameName(r, name))) problem('error.recipe.nameTaken', { column: name });
  };
  const label = (name: string): LocalizedText => ({ en: name, 'zh-CN': name });
  const replaced = (name: string, change: Partial<StageColumn>): StageColumn[] => before.map((c) => (sameName(c.name, name) ? { ...c, ...change } : c));
  const without = (names: readonly string[]): StageColumn[] => before.filter((c) => !names.some((n) => sameName(n, c.name)));
  const added = (columns: readonly StageColumn[], base: readonly StageColumn[] = before): StageColumn[] => [...base, ...columns];

  let reads: readonly string[] = [];
  let produces: readonly string[] = [];
  let removes: readonly string[] = [];
  let after: readonly StageColumn[] = before;

  switch (step.kind) {
    case 'rename': {
      reads = [step.column];
      need(reads);
      newName(step.to, [step.column]);
      produces = [step.to];
      removes = sameName(step.column, step.to) ? [] : [step.column];
      after = before.map((c) => (sameName(c.name, step.column) ? { ...c, name: step.to } : c));
      break;
    }
    case 'drop': {
      reads = step.columns;
      need(reads);
      removes = step.columns;
      after = without(step.columns);
      if (after.length === 0) problem('error.recipe.noColumnsLeft');
      break;
    }
    case 'retype': {
      reads = [step.column];
      need(reads);
      produces = [step.column];
      after = replaced(step.column, { type: step.type });
      break;
    }
    case 'parseDates': {
      reads = [step.column];
      need(reads);
      needText(reads);
      produces = [step.column];
      after = replaced(step.column, { type: step.withTime ? 'datetime' : 'date' });
      break;
    }
    case 'setRole': {
      reads = [step.column];
      need(reads);
      const column = find(step.column);
      if (column !== undefined && !ROLE_INFO[step.role].types.includes(column.type)) problem('error.model.roleType', { field: step.column, role: `role.${step.role}`, type: `type.${column.type}` });
      // a role is held by one column of the table
      after = before.map((c) => (sameName(c.name, step.column) ? { ...c, role: step.role } : c.role === step.role ? { ...c, role: undefined } : c));
      break;
    }
    case 'trim':
    case 'width':
    case 'chineseScript':
    case 'case': {
      reads = step.columns;
      need(reads);
      needText(reads);
      produces = step.columns;
      break;
    }
    case 'split': {
      reads = [step.column];
      need(reads);
      needText(reads);
      if (step.separator === '') problem('error.recipe.emptySeparator');
      if (step.into.length < 2) problem('error.recipe.splitInto');
      const replacing = step.keep ? [] : [step.column];
      step.into.forEach((name) => newName(name, replacing));
      if (new Set(step.into.map((n) => n.toLowerCase())).size !== step.into.length) problem('error.recipe.nameTaken', { column: step.into.join(', ') });
      produces = step.into;
      removes = step.keep ? [] : [step.column];
      after = added(
        step.into.map((name) => ({ name, type: 'text' as const, label: label(name) })),
        step.keep ? before : without([step.column]),
      );
      break;
    }
    case 'merge': {
      reads = step.columns;
      need(reads);
      if (step.columns.length < 2) problem('error.recipe.mergeColumns');
      newName(step.into, step.keep ? [] : step.columns);
      produces = [step.into];
      removes = step.keep ? [] : step.columns;
      after = added([{ name: step.into, type: 'text', label: label(step.into) }], step.keep ? before : without(step.columns));
      break;
    }
    case 'extract': {
      reads = [step.column];
      need(reads);
      newName(step.into);
      if (!validPattern(step.pattern)) problem('error.recipe.badPattern', { pattern: step.pattern });
      produces = [step.into];
      after = added([{ name: step.into, type: 'text', label: label(step.into) }]);
      break;
    }
    case 'fillDown': {
      reads = step.columns;
      need(reads);
      produces = step.columns;
      break;
    }
    case 'fillMissing': {
      reads = [step.column];
      need(reads);
      const column = find(step.column);
      if (step.with !== 'constant' && column !== undefined && column.type !== 'integer' && column.type !== 'real') problem('error.recipe.notNumber', { column: step.column });
      if (step.with === 'constant' && (step.value === undefined || step.value === '')) problem('error.recipe.noFillValue', { column: step.column });
      produces = [step.column];
      // a mean fills an integer column with fractions
      if (step.with === 'mean' && column?.type === 'integer') after = replaced(step.column, { type: 'real' });
      break;
    }
    case 'mapValues':
    case 'cluster': {
      reads = [step.column];
      need(reads);
      produces = [step.column];
      const column = find(step.column);
      // replacing numbers or dates with other text makes the column text
      const targets = step.kind === 'mapValues' ? step.mapping.map((m) => m.to) : step.clusters.map((c) => c.into);
      if (column !== undefined && column.type !== 'text' && targets.some((t) => t !== null && !fitsType(t, column.type))) after = replaced(step.column, { type: 'text' });
      break;
    }
    case 'dedupe': {
      reads = [...step.keys, ...(step.keep === 'latest' && step.latestBy !== undefined ? [step.latestBy] : [])];
      need(reads);
      if (step.keep === 'latest' && step.latestBy === undefined) problem('error.recipe.latestBy');
      break;
    }
    case 'filter':
    case 'derive': {
      try {
        const compiled = compileExpression(step.expression, stageScope(before));
        reads = compiled.fields;
        if (compiled.aggregate) problem('error.recipe.aggregateFormula');
        if (step.kind === 'filter') {
          if (compiled.type !== 'boolean' && compiled.type !== 'null') problem('error.recipe.filterNotBoolean');
        } else {
          newName(step.into);
          produces = [step.into];
          after = added([{ name: step.into, type: columnTypeOfExpr(compiled.type), label: label(step.into) }]);
        }
      } catch (error) {
        if (!(error instanceof RootwiseError)) throw error;
        problem(error.key, error.params);
      }
      break;
    }
    case 'mask': {
      reads = [step.column];
      need(reads);
      if (step.kinds.length === 0 && step.scope === 'text') problem('error.recipe.noPiiKinds');
      if (step.method === 'drop' && step.scope === 'value') {
        removes = [step.column];
        after = without([step.column]);
      } else {
        produces = [step.column];
        after = replaced(step.column, { type: 'text' });
      }
      break;
    }
    case 'identity': {
      reads = step.columns;
      need(reads);
      newName(step.into);
      produces = [step.into];
      after = added([{ name: step.into, type: 'text', label: label(step.into), role: undefined }]);
      break;
    }
    case 'unpivot': {
      reads = step.columns;
      need(reads);
      if (step.columns.length === 0) problem('error.recipe.unpivotColumns');
      const rest = without(step.columns);
      for (const name of [step.nameColumn, step.valueColumn]) {
        if (rest.some((c) => sameName(c.name, name))) problem('error.recipe.nameTaken', { column: name });
        else newName(name, step.columns);
      }
      const types = new Set(step.columns.map((n) => find(n)?.type ?? 'text'));
      const valueType: ColumnType = types.size === 1 ? [...types][0]! : 'text';
      produces = [step.nameColumn, step.valueColumn];
      removes = step.columns;
      after = [...rest, { name: step.nameColumn, type: 'text', label: label(step.nameColumn) }, { name: step.valueColumn, type: valueType, label: label(step.valueColumn) }];
      break;
    }
    case 'pivot': {
      reads = [step.nameColumn, step.valueColumn];
      need(reads);
      if (step.values.length === 0) problem('error.recipe.pivotValues');
      const rest = without(reads);
      for (const value of step.values) {
        if (rest.some((c) => sameName(c.name, value))) problem('error.recipe.nameTaken', { column: value });
        else newName(value, reads);
      }
      const valueType = find(step.valueColumn)?.type ?? 'text';
      produces = step.values;
      removes = reads;
      after = [...rest, ...step.values.map((v) => ({ name: v, type: valueType, label: label(v) }))];
      break;
    }
    case 'lookup': {
      reads = step.on.map((o) => o.column);
      need(reads);
      const other = tables(step.table);
      if (other === undefined) problem('error.table.notFound', { table: step.table });
      const otherColumn = (name: string): StageColumn | undefined => other?.find((c) => sameName(c.name, name));
      if (other !== undefined) for (const name of [...step.on.map((o) => o.other), ...step.columns.map((c) => c.other)]) if (otherColumn(name) === undefined) problem('error.field.notFound', { table: step.table, field: name });
      if (step.on.length === 0) problem('error.recipe.lookupKeys');
      step.columns.forEach((c) => newName(c.into));
      produces = step.columns.map((c) => c.into);
      after = added(step.columns.map((c) => ({ name: c.into, type: otherColumn(c.other)?.type ?? 'text', label: otherColumn(c.other)?.label ?? label(c.into) })));
      break;
    }
    case 'union': {
      for (const t of step.tables) {
        const other = tables(t.table);
        if (other === undefined) {
          problem('error.table.notFound', { table: t.table });
          continue;
        }
        for (const [target, source] of Object.entries(t.columns)) {
          if (find(target) === undefined) problem('error.recipe.missingColumn', { column: target });
          if (source !== null && !other.some((c) => sameName(c.name, source))) problem('error.field.notFound', { table: t.table, field: source });
        }
      }
      if (step.tables.length === 0) problem('error.recipe.unionTables');
      break;
    }
  }
  return { stepId: step.id, reads, produces, removes, schema: problems.length === 0 ? after : before, problems };
}

/** Whether a replacement value still fits a typed column (a mapped number stays a number). */
function fitsType(value: string, type: ColumnType): boolean {
  switch (type) {
    case 'integer':
    case 'boolean':
      return /^-?\d+$/.test(value);
    case 'real':
      return value.trim() !== '' && Number.isFinite(Number(value));
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value);
    case 'text':
      return true;
  }
}

function validPattern(pattern: string): boolean {
  if (pattern === '' || pattern.length > 500) return false;
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
