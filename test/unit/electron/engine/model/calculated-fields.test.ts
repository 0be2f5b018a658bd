import { tableFromIPC } from 'apache-arrow';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { QuerySpec } from '../../../../../shared/spec/query-spec';
import { useDemoWorkbench } from '../../../../support/engine-workbench';

const demo = useDemoWorkbench({ rows: 3000, seed: 5 });

const sql = <T>(text: string): T[] => {
  const db = new Database(demo.workbenchPath, { readonly: true });
  try {
    return db.prepare(text).raw(true).all() as T[];
  } finally {
    db.close();
  }
};

describe('calculated fields', () => {
  it('are checked, profiled and saved, and listed with the table’s fields', async () => {
    const field = await demo.engine.setCalculatedField({ table: 'tickets', name: 'frt_minutes', label: '首响分钟', expression: 'MINUTES_BETWEEN(created_at, [首次响应时间])' });
    const nulls = sql<[number]>('SELECT COUNT(*) - COUNT(first_response_at) FROM tickets')[0]![0];
    expect(field).toMatchObject({ name: 'frt_minutes', type: 'real', kind: 'measure', nullCount: nulls, expression: 'MINUTES_BETWEEN(created_at, [首次响应时间])', label: { en: '首响分钟' } });
    const schema = await demo.engine.getTableSchema({ table: 'tickets' });
    expect(schema.fields.at(-1)).toEqual(field);
  });

  it('work in queries as dimensions, measures and filters, equal to the same SQL written by hand', async () => {
    await demo.engine.setCalculatedField({ table: 'tickets', name: 'urgency', expression: "IF(priority = 'P1' OR priority = 'P2', '紧急', '普通')" });
    await demo.engine.setCalculatedField({ table: 'tickets', name: 'frt_minutes', expression: 'MINUTES_BETWEEN(created_at, first_response_at)' });
    const spec: QuerySpec = {
      version: 1,
      table: 'tickets',
      dimensions: [{ field: 'urgency' }],
      measures: [{ aggregate: 'avg', field: 'frt_minutes' }, { aggregate: 'count' }],
      filters: [{ field: 'frt_minutes', op: 'gte', values: [0] }],
      sort: [],
    };
    const result = await demo.engine.query({ spec });
    const table = tableFromIPC(result.arrow);
    const values = (name: string): unknown[] => Array.from(table.getChild(name)!.toArray() as ArrayLike<unknown>);
    const expected = sql<[string, number, number]>(
      "SELECT CASE WHEN priority IN ('P1', 'P2') THEN '紧急' ELSE '普通' END AS u, AVG((julianday(first_response_at) - julianday(created_at)) * 1440), COUNT(*) FROM tickets WHERE first_response_at >= created_at GROUP BY u ORDER BY u",
    );
    expect(values('urgency')).toEqual(expected.map((r) => r[0]));
    expect(values('count')).toEqual(expected.map((r) => r[2]));
    values('avg_frt_minutes').forEach((v, i) => expect(v).toBeCloseTo(expected[i]![1], 6));
  });

  it('preview a formula’s first values without saving it', async () => {
    const preview = await demo.engine.previewFormula({ table: 'tickets', expression: "UPPER(LEFT(ticket_id, 1)) & '-' & TEXT(csat)", limit: 3 });
    const expected = sql<[string, number | null]>('SELECT ticket_id, csat FROM tickets LIMIT 3');
    expect(preview).toEqual({ type: 'text', values: expected.map(([id, csat]) => (csat === null ? null : `${id.slice(0, 1)}-${csat}`)) });
  });

  it('refuse aggregates, taken or malformed names and broken formulas, saying where, in both languages', async () => {
    await expect(demo.engine.setCalculatedField({ table: 'tickets', name: 'total', expression: 'SUM(csat)' })).rejects.toMatchObject({ key: 'error.model.calculatedAggregate' });
    await expect(demo.engine.setCalculatedField({ table: 'tickets', name: 'csat', expression: 'csat + 1' })).rejects.toMatchObject({ key: 'error.model.calculatedNameTaken' });
    await expect(demo.engine.setCalculatedField({ table: 'tickets', name: '1st', expression: 'csat + 1' })).rejects.toMatchObject({ key: 'error.model.calculatedName' });
    const broken = await demo.engine.previewFormula({ table: 'tickets', expression: 'csat + * 2' }).catch((e: unknown) => e);
    expect(broken).toMatchObject({ key: 'error.expression.unexpectedToken', params: { token: '*', column: 8 } });
    const unknown = await demo.engine.setCalculatedField({ table: 'tickets', name: 'x', expression: 'csat_score * 2' }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ key: 'error.expression.unknownField', params: { field: 'csat_score', column: 1 } });
    await demo.engine.removeCalculatedField({ table: 'tickets', name: 'urgency' });
    await expect(demo.engine.removeCalculatedField({ table: 'tickets', name: 'urgency' })).rejects.toMatchObject({ key: 'error.field.notFound' });
  });
});
