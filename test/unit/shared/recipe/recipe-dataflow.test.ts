import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../../shared/api/types';
import { analyzeRecipe, type StageColumn } from '../../../../shared/recipe/recipe-dataflow';
import { needsWholeTable, planRecipe } from '../../../../shared/recipe/compile-recipe';
import type { RecipeStep, RecipeStepBody } from '../../../../shared/spec/recipe-spec';

const col = (name: string, type: ColumnType = 'text'): StageColumn => ({ name, type, label: { en: name, 'zh-CN': name } });
const INPUT = [col('ticket'), col('region'), col('csat', 'integer'), col('created'), col('phone')];
const OTHER = [col('region'), col('manager'), col('headcount', 'integer')];
const tables = (name: string) => (name === 'regions' ? OTHER : undefined);

let n = 0;
const step = (body: RecipeStepBody, enabled = true): RecipeStep => ({ ...body, id: `s${++n}`, enabled });

/** The schema after one step on INPUT, as name:type pairs, and its problems' keys. */
function after(body: RecipeStepBody): { readonly columns: string[]; readonly problems: string[]; readonly reads: readonly string[]; readonly produces: readonly string[] } {
  const flow = analyzeRecipe(INPUT, [step(body)], tables);
  const s = flow.steps[0]!;
  return { columns: s.schema.map((c) => `${c.name}:${c.type}`), problems: s.problems.map((p) => p.key), reads: s.reads, produces: s.produces };
}

describe('what each step does to the schema', () => {
  it.each<[string, RecipeStepBody, string[]]>([
    ['rename keeps the place', { kind: 'rename', column: 'region', to: '区域' }, ['ticket:text', '区域:text', 'csat:integer', 'created:text', 'phone:text']],
    ['drop', { kind: 'drop', columns: ['phone', 'created'] }, ['ticket:text', 'region:text', 'csat:integer']],
    ['retype', { kind: 'retype', column: 'csat', type: 'text', format: 'text' }, ['ticket:text', 'region:text', 'csat:text', 'created:text', 'phone:text']],
    ['parse dates with time', { kind: 'parseDates', column: 'created', format: 'ymd', withTime: true }, ['ticket:text', 'region:text', 'csat:integer', 'created:datetime', 'phone:text']],
    ['split, dropping the column', { kind: 'split', column: 'created', separator: ' ', into: ['day', 'time'], keep: false }, ['ticket:text', 'region:text', 'csat:integer', 'phone:text', 'day:text', 'time:text']],
    ['merge, keeping the columns', { kind: 'merge', columns: ['ticket', 'region'], separator: '-', into: 'key', keep: true }, ['ticket:text', 'region:text', 'csat:integer', 'created:text', 'phone:text', 'key:text']],
    ['extract', { kind: 'extract', column: 'phone', pattern: '(\\d{4})$', into: 'last4' }, ['ticket:text', 'region:text', 'csat:integer', 'created:text', 'phone:text', 'last4:text']],
    ['the mean of integers is a decimal', { kind: 'fillMissing', column: 'csat', with: 'mean' }, ['ticket:text', 'region:text', 'csat:real', 'created:text', 'phone:text']],
    ['mapping numbers to words makes text', { kind: 'mapValues', column: 'csat', mapping: [{ from: '5', to: '满意' }] }, ['ticket:text', 'region:text', 'csat:text', 'created:text', 'phone:text']],
    ['mapping numbers to numbers keeps the type', { kind: 'mapValues', column: 'csat', mapping: [{ from: '10', to: '5' }] }, ['ticket:text', 'region:text', 'csat:integer', 'created:text', 'phone:text']],
    ['derive takes the formula’s type', { kind: 'derive', into: 'happy', expression: 'csat >= 4' }, ['ticket:text', 'region:text', 'csat:integer', 'created:text', 'phone:text', 'happy:boolean']],
    ['masking a value leaves text', { kind: 'mask', column: 'csat', method: 'hash', scope: 'value', kinds: [] }, ['ticket:text', 'region:text', 'csat:text', 'created:text', 'phone:text']],
    ['dropping a personal column removes it', { kind: 'mask', column: 'phone', method: 'drop', scope: 'value', kinds: [] }, ['ticket:text', 'region:text', 'csat:integer', 'created:text']],
    ['unpivot of mixed types gives text values', { kind: 'unpivot', columns: ['csat', 'region'], nameColumn: 'field', valueColumn: 'value' }, ['ticket:text', 'created:text', 'phone:text', 'field:text', 'value:text']],
    ['pivot makes a column per value', { kind: 'pivot', nameColumn: 'region', valueColumn: 'csat', values: ['华东', '华北'] }, ['ticket:text', 'created:text', 'phone:text', '华东:integer', '华北:integer']],
    ['lookup brings typed columns', { kind: 'lookup', table: 'regions', on: [{ column: 'region', other: 'region' }], columns: [{ other: 'headcount', into: 'staff' }] }, ['ticket:text', 'region:text', 'csat:integer', 'created:text', 'phone:text', 'staff:integer']],
  ])('%s', (_name, body, columns) => {
    const result = after(body);
    expect(result.problems).toEqual([]);
    expect(result.columns).toEqual(columns);
  });

  it('says which columns a step reads and produces', () => {
    expect(after({ kind: 'derive', into: 'score', expression: 'csat * 2 + LEN(region)' })).toMatchObject({ reads: ['csat', 'region'], produces: ['score'] });
    expect(after({ kind: 'dedupe', keys: ['ticket'], keep: 'latest', latestBy: 'created' })).toMatchObject({ reads: ['ticket', 'created'], produces: [] });
  });

  it('gives a role to one column at a time', () => {
    const flow = analyzeRecipe(INPUT, [step({ kind: 'setRole', column: 'ticket', role: 'ticket_id' }), step({ kind: 'setRole', column: 'phone', role: 'ticket_id' })]);
    expect(flow.output.filter((c) => c.role === 'ticket_id').map((c) => c.name)).toEqual(['phone']);
  });
});

describe('problems found before anything runs', () => {
  it.each<[string, RecipeStepBody, string]>([
    ['a missing column', { kind: 'trim', columns: ['nowhere'], inner: true }, 'error.recipe.missingColumn'],
    ['text work on numbers', { kind: 'width', columns: ['csat'], to: 'half' }, 'error.recipe.notText'],
    ['a name taken', { kind: 'rename', column: 'region', to: 'TICKET' }, 'error.recipe.nameTaken'],
    ['a reserved name', { kind: 'derive', into: '__rw_secret', expression: '1' }, 'error.recipe.reservedName'],
    ['a broken pattern', { kind: 'extract', column: 'phone', pattern: '(\\d', into: 'x' }, 'error.recipe.badPattern'],
    ['the median of text', { kind: 'fillMissing', column: 'region', with: 'median' }, 'error.recipe.notNumber'],
    ['latest without a column', { kind: 'dedupe', keys: ['ticket'], keep: 'latest' }, 'error.recipe.latestBy'],
    ['a filter that is not true or false', { kind: 'filter', expression: 'csat + 1' }, 'error.recipe.filterNotBoolean'],
    ['an aggregate in a row formula', { kind: 'derive', into: 'total', expression: 'SUM(csat)' }, 'error.recipe.aggregateFormula'],
    ['a formula that does not parse', { kind: 'filter', expression: 'csat >' }, 'error.expression.unexpectedEnd'],
    ['a table that is not there', { kind: 'lookup', table: 'nowhere', on: [{ column: 'region', other: 'region' }], columns: [] }, 'error.table.notFound'],
    ['a role the type cannot take', { kind: 'setRole', column: 'region', role: 'csat' }, 'error.model.roleType'],
    ['dropping every column', { kind: 'drop', columns: ['ticket', 'region', 'csat', 'created', 'phone'] }, 'error.recipe.noColumnsLeft'],
  ])('%s', (_name, body, key) => {
    expect(after(body).problems).toContain(key);
  });

  it('flags the step that reads a column an earlier step renamed, and keeps the schema before it', () => {
    const steps = [step({ kind: 'rename', column: 'region', to: '区域' }), step({ kind: 'trim', columns: ['region'], inner: true }), step({ kind: 'trim', columns: ['区域'], inner: true })];
    const flow = analyzeRecipe(INPUT, steps);
    expect(flow.problems.map((p) => [p.stepId, p.key])).toEqual([[steps[1]!.id, 'error.recipe.missingColumn']]);
    expect(flow.steps[1]!.schema).toEqual(flow.steps[0]!.schema);
    expect(flow.steps[2]!.problems).toEqual([]);
  });

  it('skips a disabled step: its problems do not count and the next step sees the schema before it', () => {
    const steps = [step({ kind: 'drop', columns: ['region'] }, false), step({ kind: 'trim', columns: ['region'], inner: true })];
    const flow = analyzeRecipe(INPUT, steps);
    expect(flow.problems).toEqual([]);
  });
});

describe('the plan', () => {
  it('nests row-wise steps into one segment and starts a segment at each whole-table step', () => {
    const steps = [
      step({ kind: 'trim', columns: ['region'], inner: true }),
      step({ kind: 'mapValues', column: 'region', mapping: [] }),
      step({ kind: 'dedupe', keys: ['ticket'], keep: 'first' }),
      step({ kind: 'derive', into: 'x', expression: 'csat + 1' }),
      step({ kind: 'fillMissing', column: 'csat', with: 'median' }),
      step({ kind: 'fillMissing', column: 'region', with: 'constant', value: '未知' }),
    ];
    const plan = planRecipe(INPUT, steps);
    expect(plan.segments.map((s) => s.stepIds)).toEqual([[steps[0]!.id, steps[1]!.id], [steps[2]!.id, steps[3]!.id], [steps[4]!.id, steps[5]!.id]]);
    expect(steps.map(needsWholeTable)).toEqual([false, false, true, false, true, false]);
  });

  it('binds every value the user typed instead of writing it into the SQL', () => {
    const plan = planRecipe(INPUT, [step({ kind: 'mapValues', column: 'region', mapping: [{ from: "East'; DROP TABLE t; --", to: '华东' }] })]);
    const select = plan.segments[0]!.select({ sql: 'SELECT * FROM t', params: [] });
    expect(select.sql).not.toContain('DROP TABLE');
    expect(select.params).toContain("East'; DROP TABLE t; --");
  });
});
