import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';
import type { SourceRefreshReport } from '../../../../shared/spec/recipe-preview';
import { RECIPE_SPEC_VERSION } from '../../../../shared/spec/recipe-spec';
import { JOB_WORKER, tempDir } from '../../../support/paths';
import { cli } from '../../../support/run-cli';

describe('rootwise import --into: the unattended monthly refresh', () => {
  let dir: string;
  let cleanup: () => void;
  let workbench: string;
  let november: string;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    workbench = path.join(dir, 'refresh.rootwise');
    const october = ['ticket_no,customer_no,region,score', ...Array.from({ length: 20 }, (_, i) => `T${100 + i},C${500 + i},${i % 2 === 0 ? '华东区' : '华北'},${(i % 5) + 1}`)].join('\n');
    // renamed and reordered headers, six new tickets, one region nobody mapped
    november = path.join(dir, 'november.csv');
    fs.writeFileSync(november, ['Customer No,Ticket No,Score,Region', ...Array.from({ length: 6 }, (_, i) => `C${510 + i},T${120 + i},${(i % 5) + 1},${i === 5 ? '西南' : '华东区'}`)].join('\n'));
    const engine = new Engine({ workerScript: JOB_WORKER });
    await engine.createWorkbench({ path: workbench });
    await engine.importFile({ source: { kind: 'bytes', name: 'tickets.csv', bytes: new TextEncoder().encode(october) }, table: 'tickets' });
    await engine.saveRecipe({
      spec: {
        version: RECIPE_SPEC_VERSION,
        source: 'tickets',
        output: 'tickets_clean',
        steps: [
          { id: 'region', enabled: true, kind: 'mapValues', column: 'region', mapping: [{ from: '华东区', to: '华东' }] },
          { id: 'key', enabled: true, kind: 'setRole', column: 'ticket_no', role: 'ticket_id' },
        ],
      },
    });
    await engine.runRecipe({ source: 'tickets' });
    engine.close();
  }, 60_000);
  afterAll(() => cleanup());

  it('prints the diff as one JSON report on a dry run and keeps nothing, then refreshes and says so in Chinese', async () => {
    const dry = await cli(['import', november, '--workbench', workbench, '--into', 'tickets', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout) as SourceRefreshReport;
    expect(report).toMatchObject({ source: 'tickets', committed: false, imported: { rows: 6 }, run: { output: 'tickets_clean', rowsOut: 26 } });
    expect(report.diff).toMatchObject({ rowsBefore: 20, rowsAfter: 26, key: 'ticket_no', rowsAdded: 6, rowsChanged: 0, uncovered: [{ column: 'region', values: [{ value: '西南', count: 1 }] }] });
    const count = (table: string): number => {
      const db = new Database(workbench, { readonly: true });
      try {
        return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    expect(count('tickets')).toBe(20);

    const kept = await cli(['import', november, '--workbench', workbench, '--into', 'tickets'], { LANG: 'zh_CN.UTF-8' });
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('november.csv 已追加到 tickets：6 行。');
    expect(kept.stdout).toContain('新增 6 行');
    expect(kept.stdout).toContain('region 中有 1 个新值没有映射覆盖：西南');
    expect(count('tickets')).toBe(26);
    expect(count('tickets_clean')).toBe(26);
  }, 60_000);

  it('refuses a source that is not a table, in the user’s language, with a non-zero exit', async () => {
    const failed = await cli(['import', november, '--workbench', workbench, '--into', 'nowhere']);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('There is no table called nowhere in this workbench.');
  });
});
