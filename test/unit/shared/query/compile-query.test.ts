import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { assembleRows, compileQuery, completeRowStatistics, type QuerySchema } from '../../../../shared/query/compile-query';
import { querySpecSchema } from '../../../../shared/api/schemas';
import { ApiCallError, type RootwiseError } from '../../../../shared/errors/rootwise-error';
import type { QuerySpec } from '../../../../shared/spec/query-spec';

const schema: QuerySchema = {
  table: 'tickets',
  fields: [
    { name: 'region', label: { en: 'Region', 'zh-CN': '地区' }, type: 'text' },
    { name: 'channel', label: { en: 'Channel', 'zh-CN': '渠道' }, type: 'text' },
    { name: 'csat', label: { en: 'CSAT', 'zh-CN': '满意度' }, type: 'integer' },
    { name: 'created_at', label: { en: 'Created', 'zh-CN': '创建时间' }, type: 'datetime' },
    { name: 'vip', label: { en: 'VIP', 'zh-CN': 'VIP' }, type: 'boolean' },
  ],
};

function spec(partial: Partial<QuerySpec>): QuerySpec {
  return { version: 1, table: 'tickets', dimensions: [], measures: [], filters: [], sort: [], ...partial };
}

describe('compileQuery', () => {
  it('groups a measure by a dimension with bound limit', () => {
    const compiled = compileQuery(spec({ dimensions: [{ field: 'region' }], measures: [{ aggregate: 'avg', field: 'csat' }] }), schema);
    expect(compiled.sql).toBe(
      'SELECT "region" AS "region", AVG("csat") AS "avg_csat" FROM "tickets" GROUP BY "region" ORDER BY "region" ASC NULLS LAST LIMIT ?',
    );
    expect(compiled.params).toEqual([100_001]);
    expect(compiled.columns.map((c) => [c.name, c.role, c.type])).toEqual([
      ['region', 'dimension', 'text'],
      ['avg_csat', 'measure', 'real'],
    ]);
  });

  it('buckets a datetime by month and binds every filter value', () => {
    const compiled = compileQuery(
      spec({
        dimensions: [{ field: 'created_at', timeUnit: 'month' }],
        measures: [{ aggregate: 'count' }],
        filters: [
          { field: 'region', op: 'in', values: ['四川', '广东'] },
          { field: 'vip', op: 'eq', values: [true] },
          { field: 'csat', op: 'between', values: [1, 3] },
          { field: 'channel', op: 'not_null', values: [] },
        ],
        limit: 12,
      }),
      schema,
    );
    expect(compiled.sql).toBe(
      `SELECT strftime('%Y-%m', "created_at") AS "created_at_month", COUNT(*) AS "count" FROM "tickets" ` +
        `WHERE "region" IN (?, ?) AND "vip" = ? AND "csat" BETWEEN ? AND ? AND "channel" IS NOT NULL ` +
        `GROUP BY strftime('%Y-%m', "created_at") ORDER BY "created_at_month" ASC NULLS LAST LIMIT ?`,
    );
    expect(compiled.params).toEqual(['四川', '广东', 1, 1, 3, 13]);
  });

  it('quotes identifiers so a hostile field name cannot escape', () => {
    const hostile: QuerySchema = { table: 'x"; DROP TABLE t; --', fields: [{ name: 'a"b', label: { en: 'a', 'zh-CN': 'a' }, type: 'text' }] };
    const compiled = compileQuery({ ...spec({ dimensions: [{ field: 'a"b' }] }), table: hostile.table }, hostile);
    expect(compiled.sql).toBe('SELECT DISTINCT "a""b" AS "a""b" FROM "x""; DROP TABLE t; --" ORDER BY "a""b" ASC NULLS LAST LIMIT ?');
  });

  it('refuses unknown fields, time units on text, sums of text and wrong filter arity with bilingual errors', () => {
    const attempt = (s: QuerySpec): RootwiseError => {
      try {
        compileQuery(s, schema);
      } catch (error) {
        return error as RootwiseError;
      }
      throw new Error('expected a RootwiseError');
    };
    expect(attempt(spec({ dimensions: [{ field: 'nope' }] })).key).toBe('error.field.notFound');
    expect(attempt(spec({ dimensions: [{ field: 'region', timeUnit: 'month' }] })).key).toBe('error.query.timeUnitOnNonTemporal');
    expect(attempt(spec({ measures: [{ aggregate: 'sum', field: 'region' }] })).key).toBe('error.query.aggregateOnText');
    expect(attempt(spec({ measures: [{ aggregate: 'avg' }] })).key).toBe('error.query.aggregateNeedsField');
    const arity = attempt(spec({ filters: [{ field: 'csat', op: 'between', values: [1] }] }));
    expect(arity.key).toBe('error.query.filterArity');
    expect(arity.toPayload().message['zh-CN']).toContain('需要 2 个值');
    expect(new ApiCallError(arity.toPayload()).messageFor('en')).toContain('needs 2 value(s), got 1');
  });

  it('produces SQL that SQLite runs and whose week buckets start on Monday', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE tickets (region TEXT, channel TEXT, csat INTEGER, created_at TEXT, vip INTEGER)');
    const insert = db.prepare('INSERT INTO tickets VALUES (?, ?, ?, ?, ?)');
    insert.run('四川', '电话', 2, '2024-10-02 09:00:00', 1); // Wednesday
    insert.run('四川', '电话', 4, '2024-10-06 23:59:59', 0); // Sunday, same ISO week
    insert.run('广东', '邮件', 5, '2024-10-07 00:00:00', 0); // Monday, next week
    const compiled = compileQuery(spec({ dimensions: [{ field: 'created_at', timeUnit: 'week' }], measures: [{ aggregate: 'count' }, { aggregate: 'avg', field: 'csat' }] }), schema);
    expect(db.prepare(compiled.sql).raw(true).all(...compiled.params)).toEqual([
      ['2024-09-30', 2, 3],
      ['2024-10-07', 1, 5],
    ]);
    const quarter = compileQuery(spec({ dimensions: [{ field: 'created_at', timeUnit: 'quarter' }], measures: [{ aggregate: 'count' }] }), schema);
    expect(db.prepare(quarter.sql).raw(true).all(...quarter.params)).toEqual([['2024-Q4', 3]]);
  });

  it('adds the row statistics asked for beside their measure and works them out over the detail rows in row order', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE tickets (region TEXT, channel TEXT, csat INTEGER, created_at TEXT, vip INTEGER)');
    const insert = db.prepare('INSERT INTO tickets VALUES (?, ?, ?, ?, ?)');
    for (const [region, n] of [['四川', 6], ['广东', 3], ['浙江', 1]] as const) for (let i = 0; i < n; i++) insert.run(region, '电话', 4, '2024-10-02', 0);
    const asked = spec({ dimensions: [{ field: 'region' }], measures: [{ aggregate: 'count' }], sort: [{ by: 'count', direction: 'desc' }], totals: true, rowStatistics: { runningShare: ['count'], spread: ['count'] } });
    expect(querySpecSchema.safeParse(asked).success).toBe(true);
    const compiled = compileQuery(asked, schema);
    expect(compiled.columns.map((c) => c.name)).toEqual(['region', 'count', 'count__running_share', 'count__mean', 'count__sd', 'count__lcl', 'count__ucl', '__grouping']);
    expect(compiled.columns[2]!.detail).toEqual({ of: 'count', kind: 'running_share' });
    const rows = completeRowStatistics(compiled, assembleRows(compiled, db.prepare(compiled.sql).raw(true).all(...compiled.params) as (string | number | null)[][]));
    // 6, 3, 1 of 10: 60 %, 90 %, 100 %; mean 10/3; population σ √(38/9); the grand total row takes no part
    const sd = Math.sqrt(38 / 9);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['四川', 6, 60],
      ['广东', 3, 90],
      ['浙江', 1, 100],
      [null, 10, null],
    ]);
    expect(rows[0]![3]).toBeCloseTo(10 / 3, 12);
    expect(rows[2]![4]).toBeCloseTo(sd, 12);
    expect(rows[1]![5]).toBeCloseTo(10 / 3 - 3 * sd, 12);
    expect(rows[1]![6]).toBeCloseTo(10 / 3 + 3 * sd, 12);
    expect(rows[3]!.slice(3, 7)).toEqual([null, null, null, null]);
  });

  it('adds a measure’s total over the detail rows, the same on each and absent from the totals', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE tickets (region TEXT, channel TEXT, csat INTEGER, created_at TEXT, vip INTEGER)');
    const insert = db.prepare('INSERT INTO tickets VALUES (?, ?, ?, ?, ?)');
    for (const [region, csat] of [['四川', 5], ['四川', 3], ['广东', null], ['浙江', 2]] as const) insert.run(region, '电话', csat, '2024-10-02', 0);
    const asked = spec({ dimensions: [{ field: 'region' }], measures: [{ aggregate: 'sum', field: 'csat' }], totals: true, rowStatistics: { total: ['sum_csat'] } });
    expect(querySpecSchema.safeParse(asked).success).toBe(true);
    const compiled = compileQuery(asked, schema);
    expect(compiled.columns.map((c) => c.name)).toEqual(['region', 'sum_csat', 'sum_csat__total', '__grouping']);
    const rows = completeRowStatistics(compiled, assembleRows(compiled, db.prepare(compiled.sql).raw(true).all(...compiled.params) as (string | number | null)[][]));
    // 广东 has no CSAT (NULL) and adds nothing: 8 + 2 = 10 on each detail row
    expect(rows.filter((r) => r[3] === 0).map((r) => [r[0], r[2]])).toEqual([
      ['四川', 10],
      ['广东', 10],
      ['浙江', 10],
    ]);
    expect(rows.find((r) => r[3] === 1)![2]).toBeNull();
  });

  it('refuses row statistics of a measure the spec does not have', () => {
    expect(() => compileQuery(spec({ dimensions: [{ field: 'region' }], measures: [{ aggregate: 'count' }], rowStatistics: { spread: ['avg_csat'] } }), schema)).toThrow(/avg_csat/);
  });
});
