import { describe, expect, it } from 'vitest';
import { planRecipe, sourceRelation } from '../../../../shared/recipe/compile-recipe';
import type { StageColumn } from '../../../../shared/recipe/recipe-dataflow';
import type { RecipeStep, RecipeStepBody } from '../../../../shared/spec/recipe-spec';

const input: StageColumn[] = [
  { name: 'created', type: 'text', label: { en: 'created', 'zh-CN': '创建时间' } },
  { name: 'csat', type: 'integer', label: { en: 'csat', 'zh-CN': '满意度' } },
];
const SOURCE = 'SELECT rowid AS "__rw_row", "tickets"."created", "tickets"."csat" FROM "tickets"';
let next = 0;
const step = (body: RecipeStepBody): RecipeStep => ({ ...body, id: `s${++next}`, enabled: true });

/** The SQL of a one-segment plan over the source: later steps wrap earlier ones, so they come first in the text. */
function segmentSql(steps: readonly RecipeStep[]): string {
  const plan = planRecipe(input, steps);
  expect(plan.segments).toHaveLength(1);
  return plan.segments[0]!.select(sourceRelation('tickets', input)).sql;
}

describe('how a segment is handed to SQLite', () => {
  it('fences a called function whose column a later step reads, so it runs once a row', () => {
    const parse = step({ kind: 'parseDates', column: 'created', format: 'ymd', withTime: true });
    const day = step({ kind: 'derive', into: 'day', expression: 'DATE(created)' });
    expect(segmentSql([parse, day])).toMatch(/date\([^]*rw_convert\([^]*LIMIT -1 OFFSET 0/);
    // nothing reads it later: no fence, SQLite flattens the steps into one pass
    expect(segmentSql([parse])).not.toContain('OFFSET 0');
  });

  it('applies a filter before the steps that do not write what it reads, as well as in its place', () => {
    const parse = step({ kind: 'parseDates', column: 'created', format: 'ymd', withTime: true });
    const keep = step({ kind: 'filter', expression: 'csat >= 4' });
    const sql = segmentSql([parse, keep]);
    // once on the source's rows, under the conversion, and once in its place
    expect(sql).toContain(`rw_convert("created", ?, ?) AS "created", "csat" AS "csat" FROM (SELECT * FROM (${SOURCE}) WHERE COALESCE((("csat" >= ?)), 0))`);
    expect(sql.match(/"csat" >= \?/g)).toHaveLength(2);
    // a filter on what a step wrote stays after it
    const onDate = step({ kind: 'filter', expression: "created >= '2024-03-01'" });
    const after = segmentSql([parse, onDate]);
    expect(after.match(/"created" >= \?/g)).toHaveLength(1);
    expect(after).not.toContain(`FROM (${SOURCE}) WHERE COALESCE`);
  });

  it('never moves a filter before the dedupe that starts its segment', () => {
    const dedupe = step({ kind: 'dedupe', keys: ['created'], keep: 'first' });
    const keep = step({ kind: 'filter', expression: 'csat >= 4' });
    const sql = segmentSql([dedupe, keep]);
    expect(sql.match(/"csat" >= \?/g)).toHaveLength(1);
    expect(sql).not.toContain(`FROM (${SOURCE}) WHERE COALESCE`);
  });
});
