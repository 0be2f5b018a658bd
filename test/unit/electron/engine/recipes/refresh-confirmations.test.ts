import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { RECIPE_SPEC_VERSION } from '../../../../../shared/spec/recipe-spec';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

let engine: Engine;
let file: string;
let cleanup: () => void;

const REGIONS = ['华东区', '华北', '华南', '华东'];
const pad = (n: number): string => String(n).padStart(4, '0');

/** October: 30 tickets. */
function october(): string {
  const lines = ['工单编号,客户编号,区域,满意度'];
  for (let i = 1; i <= 30; i++) lines.push(`T${pad(i)},C${1000 + i},${REGIONS[i % 4]},${(i % 5) + 1}`);
  return lines.join('\n');
}
/** November: 区域 renamed 片区 (a name no dictionary knows), a new column 备注, ten new tickets, one in a region never seen (西南). */
function november(): string {
  const lines = ['工单编号,客户编号,片区,满意度,备注'];
  for (let i = 31; i <= 40; i++) lines.push(`T${pad(i)},C${1000 + i},${i === 40 ? '西南' : REGIONS[i % 4]},${(i % 5) + 1},加急`);
  return lines.join('\n');
}
/** December: the same headers as November, reordered. */
function december(): string {
  return ['备注,片区,工单编号,满意度,客户编号', '复核,华北,T0041,4,C1041'].join('\n');
}

const bytes = (name: string, text: string) => ({ kind: 'bytes' as const, name, bytes: new TextEncoder().encode(text) });

const read = <T>(query: string): T[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
};

async function failure(work: Promise<unknown>): Promise<RootwiseError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof RootwiseError) return error;
    throw error;
  }
  throw new Error('expected a RootwiseError');
}

beforeAll(async () => {
  const made = tempDir();
  cleanup = made.cleanup;
  file = path.join(made.dir, 'confirm.rootwise');
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
      ],
    },
  });
  await engine.runRecipe({ source: 'tickets' });
}, 60_000);
afterAll(() => {
  engine.close();
  cleanup();
});

describe('confirming the columns of a refresh', () => {
  it('asks about a renamed column, applies the user’s choice to the trial run and remembers it once committed', async () => {
    const unconfirmed = await engine.refreshSource({ source: bytes('11月.csv', november()), into: 'tickets', dryRun: true });
    expect(unconfirmed.mapping.asked.map((a) => a.incoming)).toEqual(['片区', '备注']);
    // the values say 片区 is 区域, but values alone never decide: it is asked, with the suggestion
    expect(unconfirmed.mapping.asked[0]).toMatchObject({ suggestedColumn: '区域' });
    expect(unconfirmed.mapping.applied.find((a) => a.incoming === '片区')).toEqual({ incoming: '片区', column: '片区', isNew: true, confirmed: false });
    expect(unconfirmed.mapping.missing).toEqual(['区域']);
    expect(unconfirmed.mapping.columns).toEqual(['工单编号', '客户编号', '区域', '满意度']);
    // 区域 stays empty in the new rows, so its mapping step meets nothing new
    expect(unconfirmed.diff?.uncovered).toEqual([]);

    const confirmed = [
      { incoming: '片区', column: '区域' },
      { incoming: '备注', column: null },
    ];
    const trial = await engine.refreshSource({ source: bytes('11月.csv', november()), into: 'tickets', dryRun: true, confirmed });
    expect(trial.committed).toBe(false);
    expect(trial.mapping.applied).toEqual([
      { incoming: '工单编号', column: '工单编号', isNew: false, confirmed: false },
      { incoming: '客户编号', column: '客户编号', isNew: false, confirmed: false },
      { incoming: '片区', column: '区域', isNew: false, confirmed: true },
      { incoming: '满意度', column: '满意度', isNew: false, confirmed: false },
      { incoming: '备注', column: '备注', isNew: true, confirmed: true },
    ]);
    expect(trial.mapping.missing).toEqual([]);
    // the new rows' regions now reach the mapping step, which has never seen 西南
    expect(trial.diff).toMatchObject({ rowsBefore: 30, rowsAfter: 40, rowsAdded: 10, uncovered: [{ column: '区域', values: [{ value: '西南', count: 1 }], total: 1 }] });
    expect(read("SELECT * FROM rw_meta WHERE key = 'source_memory:tickets'")).toEqual([]);

    const kept = await engine.refreshSource({ source: bytes('11月.csv', november()), into: 'tickets', confirmed });
    expect(kept.committed).toBe(true);
    expect(read<{ 区域: string; 备注: string }>("SELECT 区域, 备注 FROM tickets WHERE 工单编号 = 'T0032'")).toEqual([{ 区域: '华东区', 备注: '加急' }]);
    expect(read<{ n: number }>('SELECT COUNT(*) AS n FROM tickets WHERE 区域 IS NULL')[0]!.n).toBe(0);
    expect(read<{ 区域: string }>("SELECT 区域 FROM tickets_clean WHERE 工单编号 = 'T0032'")).toEqual([{ 区域: '华东' }]);
  }, 60_000);

  it('maps the next file with the confirmed headers by itself, and asks nothing', async () => {
    const report = await engine.refreshSource({ source: bytes('12月.csv', december()), into: 'tickets', dryRun: true });
    expect(report.mapping.asked).toEqual([]);
    expect(Object.fromEntries(report.mapping.matched.map((m) => [m.incoming, m.column]))).toEqual({ 备注: '备注', 片区: '区域', 工单编号: '工单编号', 满意度: '满意度', 客户编号: '客户编号' });
    expect(report.mapping.matched.find((m) => m.incoming === '片区')!.confidence).toBeGreaterThanOrEqual(0.8);
  }, 60_000);

  it('lets the user overrule an accepted match, and refuses a choice that cannot be', async () => {
    const report = await engine.refreshSource({ source: bytes('12月.csv', december()), into: 'tickets', dryRun: true, confirmed: [{ incoming: '满意度', column: null }] });
    expect(report.mapping.applied.find((a) => a.incoming === '满意度')).toEqual({ incoming: '满意度', column: '满意度_2', isNew: true, confirmed: true });
    expect(report.mapping.missing).toEqual(['满意度']);
    // taking an accepted match's column sends that one to a new column
    const swapped = await engine.refreshSource({ source: bytes('12月.csv', december()), into: 'tickets', dryRun: true, confirmed: [{ incoming: '备注', column: '区域' }] });
    expect(swapped.mapping.applied.filter((a) => a.incoming === '备注' || a.incoming === '片区')).toEqual([
      { incoming: '备注', column: '区域', isNew: false, confirmed: true },
      { incoming: '片区', column: '片区', isNew: true, confirmed: false },
    ]);

    const unknown = await failure(engine.refreshSource({ source: bytes('12月.csv', december()), into: 'tickets', dryRun: true, confirmed: [{ incoming: '片区', column: '大区' }] }));
    expect(unknown.key).toBe('error.refresh.noColumn');
    const twice = await failure(
      engine.refreshSource({
        source: bytes('12月.csv', december()),
        into: 'tickets',
        dryRun: true,
        confirmed: [
          { incoming: '片区', column: '区域' },
          { incoming: '备注', column: '区域' },
        ],
      }),
    );
    expect(twice.key).toBe('error.refresh.sameColumn');
    const absent = await failure(engine.refreshSource({ source: bytes('12月.csv', december()), into: 'tickets', dryRun: true, confirmed: [{ incoming: '区域', column: '区域' }] }));
    expect(absent.key).toBe('error.refresh.noIncoming');
    expect(read<{ n: number }>('SELECT COUNT(*) AS n FROM tickets')[0]!.n).toBe(40);
  }, 60_000);
});
