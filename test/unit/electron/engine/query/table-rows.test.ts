import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue, RowSortKey } from '../../../../../shared/api/types';
import { parseRequest } from '../../../../../shared/api/schemas';
import type { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import type { FilterSpec } from '../../../../../shared/spec/query-spec';
import { useDemoWorkbench } from '../../../../support/engine-workbench';

const wb = useDemoWorkbench({ rows: 3000, seed: 7 });
let db: Database.Database;

beforeAll(async () => {
  await wb.engine.setCalculatedField({ table: 'tickets', name: 'urgent', expression: "IF(priority = 'P1' OR priority = 'P2', '是', '否')" });
  db = new Database(wb.workbenchPath, { readonly: true });
}, 60_000);
afterAll(() => db.close());

const COLUMNS = 'ticket_id, customer_id, channel, category, product, region, agent, team, priority, created_at, first_response_at, resolved_at, status, reopen_count, transfer_count, csat, nps, ces, comment';
const URGENT = "(CASE WHEN priority = 'P1' OR priority = 'P2' THEN '是' ELSE '否' END)";
const q = (name: string): string => (name === 'urgent' ? URGENT : `"${name}"`);

function sqlPage(where: string, params: readonly CellValue[], sort: readonly RowSortKey[], offset: number, limit: number): CellValue[][] {
  const order = [...sort.map((s) => `${q(s.field)} ${s.direction.toUpperCase()}`), 'rowid'].join(', ');
  return db
    .prepare(`SELECT ${COLUMNS}, ${URGENT} FROM tickets ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .raw(true)
    .all(...params, limit, offset) as CellValue[][];
}

const count = (where: string, params: readonly CellValue[]): number => db.prepare(`SELECT COUNT(*) FROM tickets ${where}`).pluck().get(...params) as number;

describe('readRows', () => {
  it('pages the table in rowid order with calculated fields as columns, and the total', async () => {
    const first = await wb.engine.readRows({ table: 'tickets', offset: 0, limit: 50 });
    expect(first.columns).toEqual([...COLUMNS.split(', '), 'urgent']);
    expect(first.total).toBe(3000);
    expect(first.rows).toEqual(sqlPage('', [], [], 0, 50));
    const last = await wb.engine.readRows({ table: 'tickets', offset: 2990, limit: 50 });
    expect(last.rows).toEqual(sqlPage('', [], [], 2990, 50));
    expect(last.rows).toHaveLength(10);
    expect((await wb.engine.readRows({ table: 'tickets', offset: 5000, limit: 50 })).rows).toEqual([]);
  });

  it.each<readonly [string, readonly RowSortKey[]]>([
    ['a text column', [{ field: 'agent', direction: 'asc' }]],
    ['numbers with NULLs, descending', [{ field: 'csat', direction: 'desc' }]],
    ['two keys, a date last', [{ field: 'channel', direction: 'asc' }, { field: 'created_at', direction: 'desc' }]],
    ['a calculated field', [{ field: 'urgent', direction: 'asc' }, { field: 'nps', direction: 'asc' }]],
  ])('sorted by %s, every page equals ORDER BY … , rowid', async (_name, sort) => {
    for (const offset of [0, 1234, 2950]) {
      const page = await wb.engine.readRows({ table: 'tickets', offset, limit: 100, sort });
      expect(page.rows).toEqual(sqlPage('', [], sort, offset, 100));
    }
  });

  it.each<readonly [string, readonly FilterSpec[], string, readonly CellValue[]]>([
    ['a value list', [{ field: 'channel', op: 'in', values: ['电话', '邮件'] }], 'WHERE channel IN (?, ?)', ['电话', '邮件']],
    ['a number range and NULLs out', [{ field: 'csat', op: 'between', values: [2, 4] }, { field: 'nps', op: 'not_null', values: [] }], 'WHERE csat BETWEEN ? AND ? AND nps IS NOT NULL', [2, 4]],
    ['a date range', [{ field: 'created_at', op: 'gte', values: ['2024-03-01'] }, { field: 'created_at', op: 'lte', values: ['2024-05-31 23:59:59'] }], 'WHERE created_at >= ? AND created_at <= ?', ['2024-03-01', '2024-05-31 23:59:59']],
    ['a calculated field', [{ field: 'urgent', op: 'eq', values: ['是'] }], `WHERE ${URGENT} = ?`, ['是']],
    ['a quote in a value, bound, not pasted', [{ field: 'region', op: 'eq', values: ["华东' OR 1=1 --"] }], 'WHERE region = ?', ["华东' OR 1=1 --"]],
  ])('filtered by %s: the total equals COUNT(*) and pages equal SQLite’s', async (_name, filters, where, params) => {
    const sort: RowSortKey[] = [{ field: 'region', direction: 'desc' }];
    const page = await wb.engine.readRows({ table: 'tickets', offset: 0, limit: 200, sort, filters });
    expect(page.total).toBe(count(where, params));
    expect(page.rows).toEqual(sqlPage(where, params, sort, 0, 200));
    if (page.total > 0) expect(page.total).toBeLessThan(3000);
  });

  it('answers from the data as it is now after a change, not from the kept order', async () => {
    const sort: RowSortKey[] = [{ field: 'urgent', direction: 'desc' }];
    await wb.engine.readRows({ table: 'tickets', limit: 10, sort });
    await wb.engine.setCalculatedField({ table: 'tickets', name: 'urgent', expression: "IF(priority = 'P1', '是', '否')" });
    try {
      const page = await wb.engine.readRows({ table: 'tickets', limit: 3000, sort, filters: [{ field: 'urgent', op: 'eq', values: ['是'] }] });
      expect(page.total).toBe(count("WHERE priority = 'P1'", []));
      expect(page.rows.every((row) => row[8] === 'P1')).toBe(true);
    } finally {
      await wb.engine.setCalculatedField({ table: 'tickets', name: 'urgent', expression: "IF(priority = 'P1' OR priority = 'P2', '是', '否')" });
    }
  });

  it('refuses unknown fields with a bilingual error, and pages over the limit at the schema', async () => {
    const error = (await wb.engine.readRows({ table: 'tickets', sort: [{ field: 'nope', direction: 'asc' }] }).catch((e: unknown) => e)) as RootwiseError;
    expect(error.key).toBe('error.field.notFound');
    expect(error.toPayload().message['zh-CN']).toContain('nope');
    expect(parseRequest('readRows', { table: 'tickets', limit: 100_000 }).ok).toBe(false);
    expect(parseRequest('readRows', { table: 'tickets', sort: [{ field: 'csat', direction: 'up' }] }).ok).toBe(false);
    expect(parseRequest('columnStats', { table: 'tickets', field: 'csat', filters: [{ field: 'csat', op: 'eq', values: [1] }] }).ok).toBe(true);
  });
});

describe('columnStats', () => {
  const filters: FilterSpec[] = [{ field: 'channel', op: 'neq', values: ['邮件'] }];
  const where = "WHERE channel <> '邮件'";

  it('gives a number column’s counts, range, mean, median, top values and histogram as SQL does', async () => {
    const stats = await wb.engine.columnStats({ table: 'tickets', field: 'nps', filters });
    const sql = db.prepare(`SELECT COUNT(*) AS n, COUNT(nps) AS present, COUNT(DISTINCT nps) AS d, MIN(nps) AS lo, MAX(nps) AS hi, AVG(nps) AS mean FROM tickets ${where}`).get() as { n: number; present: number; d: number; lo: number; hi: number; mean: number };
    expect(stats).toMatchObject({ rows: sql.n, nulls: sql.n - sql.present, distinct: sql.d, min: sql.lo, max: sql.hi, type: 'integer' });
    expect(stats.mean).toBeCloseTo(sql.mean, 12);
    const values = db.prepare(`SELECT nps FROM tickets ${where} AND nps IS NOT NULL ORDER BY nps`).pluck().all() as number[];
    const mid = values.length / 2;
    expect(stats.median).toBe(values.length % 2 === 1 ? values[Math.floor(mid)] : (values[mid - 1]! + values[mid]!) / 2);
    const top = db.prepare(`SELECT nps AS value, COUNT(*) AS count FROM tickets ${where} AND nps IS NOT NULL GROUP BY nps ORDER BY count DESC, nps LIMIT 10`).all();
    expect(stats.topValues).toEqual(top);
    // NPS is 0–10: a bar per whole value, each with the rows SQL counts
    expect(stats.histogram).toHaveLength(11);
    for (const bin of stats.histogram!) expect(bin.count).toBe(count(`${where} AND nps >= ? AND nps < ?`, [bin.from, bin.to]));
  });

  it('gives a text column’s distinct count and most frequent values, with no mean or histogram', async () => {
    const stats = await wb.engine.columnStats({ table: 'tickets', field: 'agent' });
    expect(stats.distinct).toBe(db.prepare('SELECT COUNT(DISTINCT agent) FROM tickets').pluck().get());
    expect(stats.topValues).toEqual(db.prepare('SELECT agent AS value, COUNT(*) AS count FROM tickets WHERE agent IS NOT NULL GROUP BY agent ORDER BY count DESC, agent LIMIT 10').all());
    expect(stats.mean).toBeNull();
    expect(stats.median).toBeNull();
    expect(stats.histogram).toBeNull();
  });

  it('bins a datetime column by days, the bars adding up to its values', async () => {
    const stats = await wb.engine.columnStats({ table: 'tickets', field: 'created_at', filters });
    const sql = db.prepare(`SELECT MIN(created_at) AS lo, MAX(created_at) AS hi, COUNT(created_at) AS present FROM tickets ${where}`).get() as Record<string, string | number>;
    expect([stats.min, stats.max]).toEqual([sql.lo, sql.hi]);
    const histogram = stats.histogram!;
    expect(histogram.length).toBeGreaterThan(1);
    expect(histogram.length).toBeLessThanOrEqual(20);
    expect(histogram[0]!.from).toBe(String(sql.lo).slice(0, 10));
    expect(histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(sql.present);
    const third = histogram[2]!;
    expect(third.count).toBe(count(`${where} AND date(created_at) >= ? AND date(created_at) < ?`, [third.from, third.to]));
  });

  it('bins a real column into 20 equal bars over its range', async () => {
    await wb.engine.setCalculatedField({ table: 'tickets', name: 'score', expression: 'csat / 3' });
    const stats = await wb.engine.columnStats({ table: 'tickets', field: 'score' });
    const values = db.prepare('SELECT csat / 3.0 FROM tickets WHERE csat IS NOT NULL').pluck().all() as number[];
    expect(stats.type).toBe('real');
    expect(stats.histogram).toHaveLength(20);
    expect(stats.histogram!.reduce((sum, bin) => sum + bin.count, 0)).toBe(values.length);
    expect(stats.histogram!.at(-1)!.to).toBeCloseTo(Math.max(...values), 12);
  });
});

describe('columnValues', () => {
  it('lists values with their counts under the other filters, searched', async () => {
    const all = await wb.engine.columnValues({ table: 'tickets', field: 'category', filters: [{ field: 'channel', op: 'eq', values: ['电话'] }] });
    expect(all.values).toEqual(db.prepare("SELECT category AS value, COUNT(*) AS count FROM tickets WHERE channel = '电话' AND category IS NOT NULL GROUP BY category ORDER BY count DESC, category").all());
    expect(all.distinct).toBe(all.values.length);
    const some = all.values[0]!.value as string;
    const searched = await wb.engine.columnValues({ table: 'tickets', field: 'category', search: some.slice(0, 2) });
    expect(searched.values.length).toBeGreaterThan(0);
    expect(searched.values.every((v) => String(v.value).includes(some.slice(0, 2)))).toBe(true);
    expect((await wb.engine.columnValues({ table: 'tickets', field: 'agent', limit: 3 })).values).toHaveLength(3);
  });
});
