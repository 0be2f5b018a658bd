import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue, RowSortKey } from '../../../../../shared/api/types';
import type { FilterSpec } from '../../../../../shared/spec/query-spec';
import { memorySource, resultSource } from '../../../../../renderer/features/data-grid/memory-source';
import { resultRows } from '../../../../../shared/query/result-rows';
import type { GridSource } from '../../../../../renderer/features/data-grid/grid-source';
import { useDemoWorkbench } from '../../../../support/engine-workbench';

// the rows of a real demo table held in memory must answer exactly as the engine answers over the table
const wb = useDemoWorkbench({ rows: 1500, seed: 5 });
let memory: GridSource;
let rows: readonly (readonly CellValue[])[];
let db: Database.Database;

beforeAll(async () => {
  const schema = await wb.engine.getTableSchema({ table: 'tickets' });
  rows = (await wb.engine.readRows({ table: 'tickets', limit: 2000 })).rows;
  memory = memorySource('result', schema.fields.map((f) => ({ name: f.name, label: f.label, type: f.type })), rows);
  db = new Database(wb.workbenchPath, { readonly: true });
});
afterAll(() => db.close());

const VIEWS: readonly (readonly [string, { sort: RowSortKey[]; filters: FilterSpec[] }])[] = [
  ['as they are', { sort: [], filters: [] }],
  ['by text, then numbers with NULLs descending', { sort: [{ field: 'region', direction: 'asc' }, { field: 'csat', direction: 'desc' }], filters: [] }],
  ['by a datetime, under a value list', { sort: [{ field: 'created_at', direction: 'desc' }], filters: [{ field: 'channel', op: 'in', values: ['电话', '在线客服'] }] }],
  ['under a range and NULLs out', { sort: [{ field: 'nps', direction: 'asc' }], filters: [{ field: 'nps', op: 'between', values: [3, 8] }, { field: 'csat', op: 'not_null', values: [] }] }],
  ['under gte/lte on dates and not_in', { sort: [{ field: 'agent', direction: 'desc' }], filters: [{ field: 'created_at', op: 'gte', values: ['2024-04-01'] }, { field: 'created_at', op: 'lte', values: ['2024-06-30 23:59:59'] }, { field: 'priority', op: 'not_in', values: ['P1'] }] }],
  ['only NULLs', { sort: [], filters: [{ field: 'csat', op: 'is_null', values: [] }] }],
];

describe('the in-memory grid source', () => {
  it.each(VIEWS)('pages rows %s exactly as the engine does', async (_name, view) => {
    const total = (await wb.engine.readRows({ table: 'tickets', limit: 1, ...view })).total;
    expect(total).toBeGreaterThan(10);
    for (const offset of [0, Math.floor(total / 2)]) {
      const mine = await memory.readRows(view, offset, 300);
      const engine = await wb.engine.readRows({ table: 'tickets', offset, limit: 300, ...view });
      expect(mine.total).toBe(total);
      expect(mine.rows).toEqual(engine.rows);
    }
  });

  it.each(['csat', 'nps', 'agent', 'created_at', 'resolved_at'])('profiles %s as the engine does', async (field) => {
    const filters: FilterSpec[] = [{ field: 'channel', op: 'neq', values: ['邮件'] }];
    const mine = await memory.columnStats(field, filters);
    const engine = await wb.engine.columnStats({ table: 'tickets', field, filters });
    expect({ ...mine, table: 'tickets', mean: null }).toEqual({ ...engine, mean: null });
    if (engine.mean === null) expect(mine.mean).toBeNull();
    else expect(mine.mean).toBeCloseTo(engine.mean, 9);
  });

  it('lists values with counts, searched and cut, as the engine does', async () => {
    const filters: FilterSpec[] = [{ field: 'region', op: 'eq', values: ['华东'] }];
    expect(await memory.columnValues('category', filters, '', 5)).toEqual(await wb.engine.columnValues({ table: 'tickets', field: 'category', filters, limit: 5 }));
    expect(await memory.columnValues('agent', [], '王', 500)).toEqual(await wb.engine.columnValues({ table: 'tickets', field: 'agent', search: '王', limit: 500 }));
  });

  it('refuses filters that need the whole table, as a rejected page', async () => {
    await expect(memory.readRows({ sort: [], filters: [{ field: 'created_at', op: 'last_days', values: [7] }] }, 0, 10)).rejects.toThrow(/last_days/);
    await expect(memory.columnStats('nope', [])).rejects.toThrow(/nope/);
  });

  it('reads a query result’s Arrow rows as a grid source', async () => {
    const result = await wb.engine.query({ spec: { version: 1, table: 'tickets', dimensions: [{ field: 'region' }], measures: [{ aggregate: 'count' }, { aggregate: 'avg', field: 'csat' }], filters: [], sort: [] } });
    const source = resultSource('by-region', result.columns, resultRows(result));
    expect(source.columns.map((c) => c.name)).toEqual(['region', 'count', 'avg_csat']);
    const page = await source.readRows({ sort: [{ field: 'count', direction: 'desc' }], filters: [] }, 0, 100);
    const sql = db.prepare('SELECT region, COUNT(*) AS n FROM tickets GROUP BY region ORDER BY n DESC, region').raw(true).all() as [string, number][];
    expect(page.total).toBe(sql.length);
    expect(page.rows.map((r) => r[1])).toEqual(sql.map((r) => r[1]));
    expect((await source.columnStats('count', [])).max).toBe(sql[0]![1]);
  });
});
