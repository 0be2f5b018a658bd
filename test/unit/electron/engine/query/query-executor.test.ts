import { tableFromIPC } from 'apache-arrow';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../../../../shared/api/types';
import type { QuerySpec } from '../../../../../shared/spec/query-spec';
import { useDemoWorkbench } from '../../../../support/engine-workbench';

const demo = useDemoWorkbench({ rows: 5000, seed: 11 });

const byChannel: QuerySpec = { version: 1, table: 'tickets', dimensions: [{ field: 'channel' }], measures: [{ aggregate: 'count' }, { metric: 'csat_mean' }], filters: [], sort: [] };
const column = (result: QueryResult, name: string): unknown[] => tableFromIPC(result.arrow).getChild(name)!.toArray() as unknown[];

describe('the query executor', () => {
  it('answers on its own thread with the rows SQLite gives, then answers the same question from memory', async () => {
    const first = await demo.engine.query({ spec: byChannel });
    const db = new Database(demo.workbenchPath, { readonly: true });
    const expected = db.prepare('SELECT channel, COUNT(*) AS n, AVG(csat) AS csat FROM tickets GROUP BY channel ORDER BY channel').all() as { channel: string; n: number; csat: number }[];
    db.close();
    expect(first.cached).toBeUndefined();
    expect([...column(first, 'count')]).toEqual(expected.map((r) => r.n));
    column(first, 'csat_mean').forEach((v, i) => expect(v).toBeCloseTo(expected[i]!.csat, 9));
    const again = await demo.engine.query({ spec: byChannel });
    expect(again.cached).toBe(true);
    expect(again.rowCount).toBe(first.rowCount);
    expect([...column(again, 'count')]).toEqual([...column(first, 'count')]);
  });

  it('asks again after the workbench changes: an import or a new calendar is a new version of the data', async () => {
    await demo.engine.query({ spec: byChannel });
    await demo.engine.importFile({ source: { kind: 'bytes', name: 'extra.csv', bytes: new TextEncoder().encode('a,b\n1,2\n') } });
    expect((await demo.engine.query({ spec: byChannel })).cached).toBeUndefined();

    const bh: QuerySpec = { ...byChannel, dimensions: [], measures: [{ metric: 'frt_bh_mean' }, { metric: 'frt_mean' }] };
    const before = await demo.engine.query({ spec: bh });
    expect(column(before, 'frt_bh_mean')[0]).not.toBeCloseTo(column(before, 'frt_mean')[0] as number, 3);
    const calendar = await demo.engine.getCalendar({});
    await demo.engine.setCalendar({ calendar: { ...calendar, id: 'open-24x7', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]), holidays: [], workdays: [] } });
    const after = await demo.engine.query({ spec: bh });
    // counted in a calendar that is always open, working minutes are calendar minutes
    expect(column(after, 'frt_bh_mean')[0]).toBeCloseTo(column(after, 'frt_mean')[0] as number, 6);
  });

  it('cancels a query that a newer one on the same channel replaces, and leaves other channels alone', async () => {
    const heavy: QuerySpec = { ...byChannel, dimensions: [{ field: 'customer_id' }, { field: 'agent' }], measures: [{ metric: 'frt_p90' }, { aggregate: 'count_distinct', field: 'ticket_id' }] };
    const older = demo.engine.query({ spec: heavy, channel: 'sheet-1' });
    const other = demo.engine.query({ spec: { ...heavy, limit: 10 }, channel: 'sheet-2' });
    const newer = demo.engine.query({ spec: { ...byChannel, limit: 3 }, channel: 'sheet-1' });
    await expect(older).rejects.toMatchObject({ key: 'error.query.superseded', message: 'A newer question replaced this one before it was answered.' });
    expect((await newer).rowCount).toBe(3);
    expect((await other).rowCount).toBe(10);
  });
});
