import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../../shared/api/types';
import { bumpWorkbenchVersion } from '../../../../../electron/engine/workbench/workbench-version';
import { useDemoWorkbench } from '../../../../support/engine-workbench';

// a demo made at a million rows takes over a minute here; doubling a small one's tickets is the same SQLite table at that size
const wb = useDemoWorkbench({ rows: 2000, seed: 11 });
let db: Database.Database;
let rows = 0;

beforeAll(() => {
  db = new Database(wb.workbenchPath);
  db.transaction(() => {
    for (let i = 0; i < 9; i++) db.exec('INSERT INTO tickets SELECT * FROM tickets');
    rows = db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
    db.prepare("UPDATE rw_tables SET row_count = ? WHERE name = 'tickets'").run(rows);
    bumpWorkbenchVersion(db);
  })();
}, 60_000);
afterAll(() => db.close());

const COLUMNS = 'ticket_id, customer_id, channel, category, product, region, agent, team, priority, created_at, first_response_at, resolved_at, status, reopen_count, transfer_count, csat, nps, ces, comment';

describe('readRows on a million rows', () => {
  it('answers pages anywhere, sorted and filtered, each in milliseconds once the order is kept', async () => {
    expect(rows).toBe(1_024_000);
    const sort = [{ field: 'agent', direction: 'desc' as const }, { field: 'csat', direction: 'asc' as const }];
    const filters = [{ field: 'priority', op: 'in' as const, values: ['P2', 'P3'] }];
    const started = performance.now();
    const first = await wb.engine.readRows({ table: 'tickets', offset: 0, limit: 100, sort, filters });
    const ordered = performance.now() - started;
    expect(first.total).toBe(db.prepare("SELECT COUNT(*) FROM tickets WHERE priority IN ('P2', 'P3')").pluck().get());
    expect(ordered).toBeLessThan(8000);

    const sql = db.prepare(`SELECT ${COLUMNS} FROM tickets WHERE priority IN ('P2', 'P3') ORDER BY agent DESC, csat ASC, rowid LIMIT 100 OFFSET ?`).raw(true);
    const times: number[] = [];
    for (const offset of [first.total - 100, Math.floor(first.total / 2), 777_777 % first.total, 100]) {
      const at = performance.now();
      const page = await wb.engine.readRows({ table: 'tickets', offset, limit: 100, sort, filters });
      times.push(performance.now() - at);
      expect(page.rows).toEqual(sql.all(offset) as CellValue[][]);
    }
    expect(Math.max(...times)).toBeLessThan(50);

    const unsorted = await wb.engine.readRows({ table: 'tickets', offset: rows - 5, limit: 100 });
    expect(unsorted.total).toBe(rows);
    expect(unsorted.rows).toEqual(db.prepare(`SELECT ${COLUMNS} FROM tickets ORDER BY rowid LIMIT 5 OFFSET ?`).raw(true).all(rows - 5));
  }, 60_000);
});
