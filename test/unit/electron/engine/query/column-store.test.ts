import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import { registerModelFunctions } from '../../../../../electron/engine/model/workbench-calendar';
import { ColumnStore, MANY_GROUPS, columnStoreCanAnswer } from '../../../../../electron/engine/query/column-store';
import { compareSqlite } from '../../../../../shared/query/sqlite-order';
import { tableFromIPC } from 'apache-arrow';
import { compileForWorkbench, runQuery, sqlRows } from '../../../../../electron/engine/query/run-query';
import type { CellValue } from '../../../../../shared/api/types';
import { compileQuery, generateSql, type BoundValue, type QueryTree, type SqlExpr, type SqlPredicate } from '../../../../../shared/query/compile-query';
import { sqliteDialect } from '../../../../../shared/query/sql-dialect';
import type { QuerySpec, RowStatistics } from '../../../../../shared/spec/query-spec';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

let db: Database.Database;
let cleanup: () => void;

beforeAll(async () => {
  const made = tempDir();
  cleanup = made.cleanup;
  const file = path.join(made.dir, 'demo.rootwise');
  const engine = new Engine({ workerScript: JOB_WORKER });
  await engine.createWorkbench({ path: file, demo: { rows: 4000, seed: 3 } });
  await engine.setCalculatedField({ table: 'tickets', name: 'urgent', expression: "IF(priority = 'P1' OR priority = 'P2', '是', '否')" });
  engine.close();
  db = new Database(file, { readonly: true });
  registerModelFunctions(db);
}, 60_000);
afterAll(() => {
  db.close();
  cleanup();
});

const base = { version: 1 as const, table: 'tickets', filters: [], sort: [] };
/** Specs across the engine's features; each is answered by SQLite and by the column store. */
const SPECS: readonly (readonly [string, QuerySpec])[] = [
  ['count by channel', { ...base, dimensions: [{ field: 'channel' }], measures: [{ aggregate: 'count' }] }],
  ['metrics by region × channel', { ...base, dimensions: [{ field: 'region' }, { field: 'channel' }], measures: [{ aggregate: 'count' }, { metric: 'csat_mean' }, { metric: 'resolution_p90' }, { metric: 'nps' }] }],
  ['monthly medians', { ...base, dimensions: [{ field: 'created_at', timeUnit: 'month' }], measures: [{ aggregate: 'count' }, { metric: 'frt_median' }, { metric: 'frt_bh_p90' }] }],
  ['top agents by FCR', { ...base, dimensions: [{ field: 'agent' }], measures: [{ metric: 'fcr_rate' }], filters: [{ field: 'created_at', op: 'between', values: ['2024-03-01', '2024-09-30 23:59:59'] }], sort: [{ by: 'fcr_rate', direction: 'desc' }, { by: 'agent', direction: 'asc' }], limit: 20 }],
  ['last 90 days of one channel', { ...base, dimensions: [{ field: 'region' }], measures: [{ aggregate: 'count' }, { metric: 'csat_mean' }], filters: [{ field: 'channel', op: 'eq', values: ['电话'] }, { field: 'created_at', op: 'last_days', values: [90] }] }],
  ['plain aggregates, a bin and a weekday', { ...base, dimensions: [{ field: 'transfer_count', bin: 2 }, { field: 'created_at', timeUnit: 'weekday' }], measures: [{ aggregate: 'sum', field: 'csat' }, { aggregate: 'avg', field: 'csat' }, { aggregate: 'count_distinct', field: 'agent' }, { aggregate: 'median', field: 'ces' }, { aggregate: 'percentile', field: 'nps', p: 75 }] }],
  ['filters of every kind', { ...base, dimensions: [{ field: 'team' }], measures: [{ aggregate: 'count' }], filters: [{ field: 'priority', op: 'in', values: ['P1', 'P2', 'P3'] }, { field: 'csat', op: 'not_null', values: [] }, { field: 'reopen_count', op: 'lt', values: [2] }, { field: 'category', op: 'not_in', values: ['投诉建议'] }] }],
  ['a calculated field and a top-N filter', { ...base, dimensions: [{ field: 'urgent' }, { field: 'product' }], measures: [{ metric: 'transfer_rate' }], filters: [{ field: 'product', op: 'top', values: [3], by: { metric: 'csat_mean' } }] }],
  ['repeat contacts and the backlog', { ...base, dimensions: [{ field: 'channel' }], measures: [{ metric: 'repeat_contact_rate' }, { metric: 'backlog' }] }],
  ['no dimension', { ...base, dimensions: [], measures: [{ aggregate: 'count' }, { metric: 'transfer_2plus_share' }, { metric: 'ces_mean' }] }],
  ['no row passes', { ...base, dimensions: [], measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'csat' }, { metric: 'csat_mean' }], filters: [{ field: 'channel', op: 'eq', values: ['信鸽'] }] }],
  ['one row per ticket, cut by the limit', { ...base, dimensions: [{ field: 'ticket_id' }], measures: [{ aggregate: 'avg', field: 'csat' }, { aggregate: 'avg', field: 'nps' }], limit: 500 }],
  ['one row per ticket, sorted by a measure', { ...base, dimensions: [{ field: 'ticket_id' }], measures: [{ aggregate: 'sum', field: 'reopen_count' }], sort: [{ by: 'sum_reopen_count', direction: 'desc' }, { by: 'ticket_id', direction: 'desc' }], limit: 300 }],
  ['dimensions only', { ...base, dimensions: [{ field: 'team' }, { field: 'priority' }], measures: [] }],
  ['several percentiles and counts of one column', { ...base, dimensions: [{ field: 'priority' }], measures: [{ metric: 'frt_median' }, { metric: 'frt_p90' }, { metric: 'frt_mean' }, { aggregate: 'percentile', field: 'ces', p: 25 }, { aggregate: 'median', field: 'ces' }, { aggregate: 'count', field: 'ces' }] }],
  ['a calculated field with bound values under a top-N filter', { ...base, dimensions: [{ field: 'channel' }], measures: [{ aggregate: 'count' }], filters: [{ field: 'urgent', op: 'top', values: [1], by: { aggregate: 'count' } }] }],
  ['churn after a first complaint (a window and the customers joined)', { ...base, dimensions: [{ field: 'region' }], measures: [{ metric: 'churn_after_complaint' }, { metric: 'resolution_bh_median' }] }],
  ['a box plot’s five numbers by channel × priority', { ...base, dimensions: [{ field: 'channel' }, { field: 'priority' }], measures: [0, 25, 50, 75, 100].map((p) => ({ aggregate: 'percentile' as const, field: 'ces', p })) }],
  ['subtotals and a grand total of a metric and a count', { ...base, dimensions: [{ field: 'region' }, { field: 'channel' }], measures: [{ aggregate: 'count' }, { metric: 'csat_mean' }, { aggregate: 'median', field: 'csat' }], totals: true }],
  ['subtotals sorted by a measure, under a filter', { ...base, dimensions: [{ field: 'priority' }, { field: 'team' }, { field: 'created_at', timeUnit: 'quarter' }], measures: [{ aggregate: 'sum', field: 'reopen_count' }], filters: [{ field: 'channel', op: 'neq', values: ['邮件'] }], sort: [{ by: 'sum_reopen_count', direction: 'desc' }], totals: true }],
  ['waits for the customer left out (the demo’s status events)', { ...base, dimensions: [{ field: 'channel' }], measures: [{ metric: 'resolution_bh_mean' }, { metric: 'resolution_bh_p90' }, { metric: 'repeat_contact_rate' }] }],
];

function same(a: CellValue, b: CellValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

describe('the column store', () => {
  it.each(SPECS)('gives the rows SQLite gives: %s', (_name, spec) => {
    const compiled = compileForWorkbench(db, spec);
    expect(columnStoreCanAnswer(compiled.tree)).toBe(true);
    const fromSqlite = sqlRows(db, compiled);
    const store = new ColumnStore(db, sqliteDialect);
    const fromColumns = sqlRows(db, compiled, { store, version: 1 });
    expect(fromColumns.length).toBe(fromSqlite.length);
    fromSqlite.forEach((row, r) => {
      row.forEach((value, c) => {
        if (!same(value, fromColumns[r]![c] ?? null)) expect.fail(`row ${r}, column ${c}: SQLite ${String(value)}, columns ${String(fromColumns[r]![c])}`);
      });
    });
    // asked again, it answers from the columns it kept
    expect(sqlRows(db, compiled, { store, version: 1 })).toEqual(fromColumns);
  });

  it('finds percentiles without sorting that equal SQLite’s, with ties, one value, and the ends', () => {
    const memory = new Database(':memory:');
    memory.exec('CREATE TABLE t (g TEXT, v REAL)');
    const insert = memory.prepare('INSERT INTO t VALUES (?, ?)');
    let seed = 7;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let i = 0; i < 3000; i++) insert.run(`g${Math.floor(next() * 6)}`, next() < 0.1 ? null : Math.floor(next() * 20) / 2);
    insert.run('single', 4.5);
    const schema = { table: 't', fields: [{ name: 'g', label: { en: 'g', 'zh-CN': 'g' }, type: 'text' as const }, { name: 'v', label: { en: 'v', 'zh-CN': 'v' }, type: 'real' as const }] };
    const store = new ColumnStore(memory, sqliteDialect);
    for (const p of [0, 1, 10, 33.3, 50, 90, 99, 100]) {
      const compiled = compileQuery({ version: 1, table: 't', dimensions: [{ field: 'g' }], measures: [{ aggregate: 'percentile', field: 'v', p }], filters: [], sort: [] }, schema);
      const fromSqlite = memory.prepare(compiled.sql).raw(true).all(...compiled.params) as CellValue[][];
      expect(store.run(compiled.tree, 1), `p${p}`).toEqual(fromSqlite);
    }
    memory.close();
  });

  it('lines up columns loaded at different times even where SQLite would read a covering index in its own order', async () => {
    const made = tempDir();
    const file = path.join(made.dir, 'indexed.rootwise');
    const engine = new Engine({ workerScript: JOB_WORKER });
    await engine.createWorkbench({ path: file, demo: { rows: 2000, seed: 5 } });
    // a relationship indexes the key it points at: here the tickets' customer ids
    await engine.addRelationship({ from: { table: 'customers', field: 'customer_id' }, to: { table: 'tickets', field: 'customer_id' } });
    engine.close();
    const indexed = new Database(file, { readonly: true });
    registerModelFunctions(indexed);
    try {
      const plan = indexed.prepare('EXPLAIN QUERY PLAN SELECT "customer_id" FROM "tickets"').all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('COVERING INDEX');
      const store = new ColumnStore(indexed, sqliteDialect);
      // the channels first, then the customer ids alone
      for (const measures of [[{ aggregate: 'count' as const }], [{ aggregate: 'count_distinct' as const, field: 'customer_id' }]]) {
        const compiled = compileForWorkbench(indexed, { ...base, dimensions: [{ field: 'channel' }], measures });
        expect(sqlRows(indexed, compiled, { store, version: 1 })).toEqual(sqlRows(indexed, compiled));
      }
    } finally {
      indexed.close();
      made.cleanup();
    }
  }, 60_000);

  it('leaves a dimension with more distinct values than it groups in memory to SQLite', () => {
    const memory = new Database(':memory:');
    memory.exec('CREATE TABLE t (id TEXT, g TEXT, v REAL); CREATE TABLE rw_columns (table_name TEXT, name TEXT, distinct_count INTEGER)');
    const insert = memory.prepare('INSERT INTO t VALUES (?, ?, ?)');
    memory.transaction(() => {
      for (let i = 0; i < MANY_GROUPS + 10; i++) insert.run(`T${String(i).padStart(6, '0')}`, `g${i % 7}`, i % 5);
    })();
    memory.prepare('INSERT INTO rw_columns VALUES (?, ?, ?), (?, ?, ?)').run('t', 'id', MANY_GROUPS + 10, 't', 'g', 7);
    const text = { en: 'x', 'zh-CN': 'x' };
    const schema = { table: 't', fields: [{ name: 'id', label: text, type: 'text' as const }, { name: 'g', label: text, type: 'text' as const }, { name: 'v', label: text, type: 'real' as const }] };
    const store = new ColumnStore(memory, sqliteDialect);
    const byId = compileQuery({ version: 1, table: 't', dimensions: [{ field: 'id' }], measures: [{ aggregate: 'avg', field: 'v' }], filters: [], sort: [], limit: 1000 }, schema);
    const byGroup = compileQuery({ version: 1, table: 't', dimensions: [{ field: 'g' }], measures: [{ aggregate: 'avg', field: 'v' }], filters: [], sort: [] }, schema);
    expect(store.answers(byId.tree, 1)).toBe(false);
    expect(store.answers(byGroup.tree, 1)).toBe(true);
    const rows = sqlRows(memory, byId, { store, version: 1 });
    expect(rows).toHaveLength(1001);
    expect(rows[0]).toEqual(['T000000', 0]);
    expect(store.columnsLoaded).toBe(0);
    sqlRows(memory, byGroup, { store, version: 1 });
    expect(store.columnsLoaded).toBe(2);
    memory.close();
  });

  it('answers subtotals itself and leaves period comparisons to SQLite', () => {
    expect(columnStoreCanAnswer(compileForWorkbench(db, { ...base, dimensions: [{ field: 'channel' }], measures: [{ aggregate: 'count' }], totals: true }).tree)).toBe(true);
    expect(
      columnStoreCanAnswer(compileForWorkbench(db, { ...base, dimensions: [], measures: [{ aggregate: 'count' }], compare: { field: 'created_at', from: '2024-10-01', to: '2024-10-31', with: 'previous_period' } }).tree),
    ).toBe(false);
  });

  it.each([
    ['a Pareto’s running share in descending order', { ...base, dimensions: [{ field: 'category' }], measures: [{ aggregate: 'count' }], sort: [{ by: 'count', direction: 'desc' as const }], rowStatistics: { runningShare: ['count'] } }],
    ['a control chart’s mean and limits of a metric by day', { ...base, dimensions: [{ field: 'created_at', timeUnit: 'day' as const }], measures: [{ metric: 'csat_mean' }], rowStatistics: { spread: ['csat_mean'] } }],
    ['both, cut by the limit, with subtotals left out', { ...base, dimensions: [{ field: 'agent' }, { field: 'channel' }], measures: [{ aggregate: 'avg', field: 'csat' }], sort: [{ by: 'avg_csat', direction: 'desc' as const }], limit: 25, totals: true, rowStatistics: { runningShare: ['avg_csat'], spread: ['avg_csat'] } }],
  ] satisfies readonly (readonly [string, QuerySpec])[])('works out row statistics that agree whichever engine found the rows: %s', (_name, spec) => {
    const rowsOf = (arrow: Uint8Array): Record<string, CellValue>[] => tableFromIPC(arrow).toArray().map((r: { toJSON(): Record<string, CellValue> }) => r.toJSON());
    const fromSqlite = rowsOf(runQuery(db, spec).arrow);
    const fromColumns = rowsOf(runQuery(db, spec, { store: new ColumnStore(db, sqliteDialect), version: 1 }).arrow);
    expect(fromColumns.length).toBe(fromSqlite.length);
    fromSqlite.forEach((row, r) => {
      for (const [name, value] of Object.entries(row)) {
        if (!same(value, fromColumns[r]![name] ?? null)) expect.fail(`row ${r}, ${name}: SQLite ${String(value)}, columns ${String(fromColumns[r]![name])}`);
      }
    });
    // and they are what the rows say, worked out here by hand
    const detail = fromSqlite.filter((row) => row.__grouping === undefined || row.__grouping === 0) as Record<string, number | null>[];
    const measure = spec.measures[0]!;
    const id = 'metric' in measure ? measure.metric : measure.aggregate === 'count' ? 'count' : `${measure.aggregate}_${measure.field}`;
    const values = detail.map((row) => row[id] ?? null);
    const known = values.filter((v): v is number => v !== null);
    const statistics: RowStatistics = spec.rowStatistics;
    if (statistics.runningShare !== undefined) {
      const total = known.reduce((a, b) => a + b, 0);
      expect(detail[0]![`${id}__running_share`]).toBeCloseTo((100 * values[0]!) / total, 9);
      expect(detail.at(-1)![`${id}__running_share`]).toBeCloseTo(100, 9);
      const shares = detail.map((row) => row[`${id}__running_share`]!);
      expect(shares.every((share, i) => i === 0 || share >= shares[i - 1]! - 1e-9)).toBe(true);
    }
    if (statistics.spread !== undefined) {
      const mean = known.reduce((a, b) => a + b, 0) / known.length;
      const sd = Math.sqrt(known.reduce((a, b) => a + (b - mean) ** 2, 0) / known.length);
      expect(sd).toBeGreaterThan(0);
      for (const row of detail) {
        expect(row[`${id}__mean`]).toBeCloseTo(mean, 9);
        expect(row[`${id}__sd`]).toBeCloseTo(sd, 9);
        expect(row[`${id}__ucl`]).toBeCloseTo(mean + 3 * sd, 9);
        expect(row[`${id}__lcl`]).toBeCloseTo(mean - 3 * sd, 9);
      }
    }
    for (const row of fromSqlite) if (row.__grouping !== undefined && row.__grouping !== 0) expect(row[`${id}__running_share`] ?? row[`${id}__mean`]).toBeNull();
  });

  it('tests filters in memory exactly as SQLite does, across affinities, NULLs and mixed types', () => {
    const mixed = new Database(':memory:');
    try {
      mixed.exec('CREATE TABLE t (id INTEGER, tx TEXT, i INTEGER, r REAL, u, d TEXT)');
      const insert = mixed.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)');
      const rows: CellValue[][] = [
        ['a', 1, 1.5, 5, '2024-03-01 08:00:00'],
        ['B', 2, 2, '5', '2024-03-31 23:59:59'],
        ['电话', 'abc', null, 'abc', '2024-04-01'],
        ['5', null, 'x', null, null],
        ['10', 3.5, -0.5, 2.5, '2023-12-31 23:00:00'],
        [null, '7', 7, '', '2024-02-29 12:00:00'],
        ['😀x', 0, 0, 0, 'not a date'],
        ['', -3, 1e20, '电话', '2024-03-15'],
      ];
      rows.forEach((row, id) => insert.run(id, ...row));
      const left: Record<string, SqlExpr> = {
        tx: { kind: 'column', name: 'tx' },
        i: { kind: 'column', name: 'i' },
        r: { kind: 'column', name: 'r' },
        u: { kind: 'column', name: 'u' },
        d: { kind: 'column', name: 'd' },
        month: { kind: 'timeBucket', unit: 'month', arg: { kind: 'column', name: 'd' } },
        bin: { kind: 'bin', width: 2, arg: { kind: 'column', name: 'r' } },
      };
      const bounds: BoundValue[] = [null, 5, '5', 'a', '电话', 2, 1.5, 'abc', '2024-03', '2024-03-01', 0, '', 7, '7'];
      const predicates: SqlPredicate[] = [];
      for (const l of Object.values(left)) {
        predicates.push({ kind: 'null', negated: false, left: l }, { kind: 'null', negated: true, left: l });
        predicates.push({ kind: 'in', negated: false, left: l, values: [] }, { kind: 'in', negated: true, left: l, values: [] });
        bounds.forEach((b, k) => {
          for (const op of ['=', '<>', '<', '<=', '>', '>='] as const) predicates.push({ kind: 'compare', op, left: l, value: b });
          const pair = [b, bounds[(k + 3) % bounds.length]!];
          predicates.push({ kind: 'in', negated: false, left: l, values: pair }, { kind: 'in', negated: true, left: l, values: pair });
          predicates.push({ kind: 'between', left: l, low: pair[0]!, high: pair[1]! }, { kind: 'between', left: l, low: pair[1]!, high: pair[0]! });
        });
      }
      const store = new ColumnStore(mixed, sqliteDialect);
      const tree = (where: SqlPredicate): QueryTree => ({
        from: 't',
        derived: [],
        levels: [{ level: 0, dimensions: [{ expr: { kind: 'column', name: 'id' }, alias: 'id' }], groupBy: [{ kind: 'column', name: 'id' }] }],
        aggregates: [{ expr: { kind: 'aggregate', fn: 'count', arg: undefined }, alias: 'n' }],
        where: [where],
        periods: undefined,
        orderBy: [{ expr: { kind: 'alias', name: 'id' }, direction: 'asc' }],
        totals: false,
        limit: 100,
      });
      for (const p of predicates) {
        const t = tree(p);
        const sql = generateSql(t, sqliteDialect);
        const expected = mixed.prepare(sql.sql).raw(true).all(...sql.params);
        if (JSON.stringify(store.run(t, 1)) !== JSON.stringify(expected)) expect.fail(`${sql.sql} with ${JSON.stringify(sql.params)}: SQLite ${JSON.stringify(expected)}, columns ${JSON.stringify(store.run(t, 1))}`);
      }
      // only the values' columns were read, and one column for each filter SQLite had to convert (a number on the TEXT column, text on the numeric ones)
      const converted = predicates.filter((p) => {
        const values = p.kind === 'compare' ? [p.value] : p.kind === 'in' ? p.values : p.kind === 'between' ? [p.low, p.high] : [];
        const column = p.left.kind === 'column' ? p.left.name : '';
        return values.some((v) => v !== null && (column === 'tx' || column === 'd' ? typeof v === 'number' : column === 'i' || column === 'r' ? typeof v === 'string' : false));
      });
      expect(converted.length).toBeGreaterThan(100);
      expect(store.columnsLoaded).toBe(1 + Object.keys(left).length + new Set(converted.map((p) => JSON.stringify(generateSql(tree(p), sqliteDialect)))).size);
    } finally {
      mixed.close();
    }
  });

  it('answers a cross-filter on a loaded column without another pass over the table', () => {
    const store = new ColumnStore(db, sqliteDialect);
    const ask = (spec: QuerySpec): CellValue[][] => {
      const compiled = compileForWorkbench(db, spec);
      const rows = sqlRows(db, compiled, { store, version: 1 });
      expect(rows).toEqual(sqlRows(db, compiled));
      return rows;
    };
    ask({ ...base, dimensions: [{ field: 'channel' }], measures: [{ aggregate: 'count' }] });
    ask({ ...base, dimensions: [{ field: 'region' }], measures: [{ aggregate: 'avg', field: 'csat' }], filters: [{ field: 'channel', op: 'in', values: ['电话'] }] });
    const loaded = store.columnsLoaded;
    for (const channel of ['邮件', '在线', '微信', '无此渠道']) ask({ ...base, dimensions: [{ field: 'region' }], measures: [{ aggregate: 'avg', field: 'csat' }], filters: [{ field: 'channel', op: 'in', values: [channel] }] });
    ask({ ...base, dimensions: [{ field: 'region' }], measures: [{ aggregate: 'avg', field: 'csat' }], filters: [{ field: 'created_at', op: 'between', values: ['2024-05-01', '2024-05-31 23:59:59'] }] });
    expect(store.columnsLoaded).toBe(loaded + 1);
  });

  it('gives each row its share of its category’s whole for 100 % bars, whichever engine found the rows', () => {
    const spec: QuerySpec = { ...base, dimensions: [{ field: 'region' }, { field: 'channel' }], measures: [{ aggregate: 'count' }, { aggregate: 'sum', field: 'reopen_count' }], rowStatistics: { share: { measures: ['count', 'sum_reopen_count'], within: 'region' } } };
    const rowsOf = (arrow: Uint8Array): Record<string, number | string | null>[] => tableFromIPC(arrow).toArray().map((r: { toJSON(): Record<string, number | string | null> }) => r.toJSON());
    const fromSqlite = rowsOf(runQuery(db, spec).arrow);
    expect(rowsOf(runQuery(db, spec, { store: new ColumnStore(db, sqliteDialect), version: 1 }).arrow)).toEqual(fromSqlite);
    // by hand from plain counts: the whole of a region is its tickets plus its reopens
    const wholes = new Map(
      (db.prepare('SELECT region, COUNT(*) + TOTAL(reopen_count) AS whole FROM tickets GROUP BY region').all() as { region: string; whole: number }[]).map((r) => [r.region, r.whole]),
    );
    expect(fromSqlite.length).toBeGreaterThan(10);
    for (const row of fromSqlite) {
      expect(row['count__share']).toBeCloseTo((100 * (row['count'] as number)) / wholes.get(row['region'] as string)!, 9);
      expect(row['sum_reopen_count__share']).toBeCloseTo((100 * (row['sum_reopen_count'] as number)) / wholes.get(row['region'] as string)!, 9);
    }
    expect(() => compileForWorkbench(db, { ...spec, rowStatistics: { share: { measures: ['count'], within: 'team' } } })).toThrow();
  });

  it('orders as SQLite does: NULL, numbers, then text by code point', () => {
    const values: CellValue[] = ['b', 'a', 10, 2, null, '华东', '𠀀', '\uffff', ''];
    const sqlite = db.prepare(`SELECT v FROM (${values.map(() => 'SELECT ? AS v').join(' UNION ALL ')}) ORDER BY v`).pluck().all(...values) as CellValue[];
    expect([...values].sort(compareSqlite)).toEqual(sqlite);
  });
});
