import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import { RECIPE_SPEC_VERSION } from '../../../../../shared/spec/recipe-spec';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

let engine: Engine;
let file: string;
let cleanup: () => void;

const REGIONS = ['华东区', '华北', '华南', '华东'];
/** October's export: 30 tickets, each customer with one ticket. */
function october(): string {
  const lines = ['工单编号,客户编号,区域,创建时间,更新时间,满意度'];
  for (let i = 1; i <= 30; i++) lines.push(`T${String(i).padStart(4, '0')},C${String(1000 + i)},${REGIONS[i % 4]},2024-10-${String((i % 28) + 1).padStart(2, '0')} 09:00:00,2024-10-29 10:00:00,${(i % 5) + 1}`);
  return lines.join('\n');
}
/**
 * November's: columns reordered, 客户编号 renamed 用户ID and 创建时间 受理时间, a new column 工单来源;
 * T0030 exported again with a later update and a new score, tickets T0031–T0040 new, and one of
 * them in a region no mapping has seen (西南).
 */
function november(): string {
  const lines = ['用户ID,工单编号,工单来源,受理时间,区域,满意度,更新时间'];
  lines.push('C1030,T0030,App,2024-10-03 09:00:00,华南,5,2024-11-02 08:00:00');
  for (let i = 31; i <= 40; i++) lines.push(`C${String(1000 + i - 20)},T${String(i).padStart(4, '0')},${i % 2 === 0 ? 'App' : '电话'},2024-11-${String(i - 29).padStart(2, '0')} 09:00:00,${i === 40 ? '西南' : REGIONS[i % 4]},${(i % 5) + 1},2024-11-20 10:00:00`);
  return lines.join('\n');
}

const bytes = (name: string, text: string) => ({ kind: 'bytes' as const, name, bytes: new TextEncoder().encode(text) });

beforeAll(async () => {
  const made = tempDir();
  cleanup = made.cleanup;
  file = path.join(made.dir, 'refresh.rootwise');
  engine = new Engine({ workerScript: JOB_WORKER });
  await engine.createWorkbench({ path: file });
  await engine.importFile({ source: bytes('工单.csv', october()), table: 'tickets' });
  await engine.saveRecipe({
    spec: {
      version: RECIPE_SPEC_VERSION,
      source: 'tickets',
      output: 'tickets_clean',
      steps: [
        { id: 'map', enabled: true, kind: 'mapValues', column: '区域', mapping: [{ from: '华东区', to: '华东' }] },
        { id: 'key', enabled: true, kind: 'setRole', column: '工单编号', role: 'ticket_id' },
        { id: 'latest', enabled: true, kind: 'dedupe', keys: ['工单编号'], keep: 'latest', latestBy: '更新时间' },
      ],
    },
  });
  await engine.runRecipe({ source: 'tickets' });
}, 60_000);
afterAll(() => {
  engine.close();
  cleanup();
});

const read = <T>(query: string): T[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
};

describe('refreshing a source with next month’s export', () => {
  it('maps renamed and reordered columns, appends, replays the recipe and reports the diff; a dry run keeps nothing', async () => {
    const before = { source: read('SELECT * FROM tickets'), clean: read('SELECT * FROM tickets_clean ORDER BY rowid'), imports: read('SELECT id FROM rw_imports') };
    const report = await engine.refreshSource({ source: bytes('11月工单.csv', november()), into: 'tickets', dryRun: true });
    expect(report.committed).toBe(false);
    expect(Object.fromEntries(report.mapping.matched.map((m) => [m.incoming, m.column]))).toEqual({ 用户ID: '客户编号', 工单编号: '工单编号', 受理时间: '创建时间', 区域: '区域', 满意度: '满意度', 更新时间: '更新时间' });
    expect(report.mapping.matched.every((m) => m.confidence >= 0.8)).toBe(true);
    expect(report.mapping.asked.map((a) => a.incoming)).toEqual(['工单来源']);
    expect(report.mapping.missing).toEqual([]);
    expect(report.imported).toEqual({ rows: 11, rejectedRows: 0, rejectedValues: 0 });
    expect(report.run).toMatchObject({ rowsIn: 41, rowsOut: 40 });
    expect(report.diff).toEqual({
      rowsBefore: 30,
      rowsAfter: 40,
      key: '工单编号',
      rowsAdded: 10,
      // T0030 came again, updated: a new score and update time, and the new column filled
      rowsChanged: 1,
      changedCells: { 满意度: 1, 更新时间: 1 },
      uncovered: [{ stepId: 'map', column: '区域', values: [{ value: '西南', count: 1 }], total: 1 }],
    });
    // nothing kept
    expect(read('SELECT * FROM tickets')).toEqual(before.source);
    expect(read('SELECT * FROM tickets_clean ORDER BY rowid')).toEqual(before.clean);
    expect(read('SELECT id FROM rw_imports')).toEqual(before.imports);

    const kept = await engine.refreshSource({ source: bytes('11月工单.csv', november()), into: 'tickets' });
    expect(kept.committed).toBe(true);
    expect(kept.diff).toEqual(report.diff);
    expect(read<{ n: number }>('SELECT COUNT(*) AS n FROM tickets')[0]!.n).toBe(41);
    const t30 = read<Record<string, unknown>>("SELECT * FROM tickets_clean WHERE 工单编号 = 'T0030'");
    expect(t30).toHaveLength(1);
    expect(t30[0]).toMatchObject({ 满意度: 5, 更新时间: '2024-11-02 08:00:00', 区域: '华南', 工单来源: 'App' });
    // the import is recorded as any import is
    expect(read<{ n: number }>("SELECT COUNT(*) AS n FROM rw_imports WHERE table_name = 'tickets'")[0]!.n).toBe(2);
  }, 60_000);

  it('remembers confirmed renames, so the next file with the old or new header maps itself', async () => {
    const december = ['工单编号,用户ID,区域,受理时间,更新时间,满意度,工单来源', 'T0041,C1041,华北,2024-12-01 09:00:00,2024-12-02 09:00:00,4,App'].join('\n');
    const report = await engine.refreshSource({ source: bytes('12月工单.csv', december), into: 'tickets', dryRun: true });
    const 用户ID = report.mapping.matched.find((m) => m.incoming === '用户ID');
    expect(用户ID).toMatchObject({ column: '客户编号' });
    // one row is too few values to judge by and a synonym alone stays under the auto-accept
    // threshold (0.8): the header remembered from November carries it
    expect(用户ID!.confidence).toBeGreaterThanOrEqual(0.8);
  }, 60_000);
});
