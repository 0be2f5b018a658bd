import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportTableCsv, setShareSafe, shareSafe, unmaskedPersonalColumns } from '../../../../../electron/engine/export/export-table';
import { saveRecipe } from '../../../../../electron/engine/recipes/recipe-store';
import { runRecipe } from '../../../../../electron/engine/recipes/run-recipe';
import { createTable, registerTable } from '../../../../../electron/engine/workbench/table-catalog';
import { createWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { RECIPE_SPEC_VERSION } from '../../../../../shared/spec/recipe-spec';
import { tempDir } from '../../../../support/paths';

let db: Database.Database;
let cleanup: () => void;

beforeEach(() => {
  const made = tempDir();
  cleanup = made.cleanup;
  db = createWorkbenchFile(path.join(made.dir, 'export.rootwise'), 'test').db;
  const columns = [
    { name: 'ticket', label: { en: 'ticket', 'zh-CN': '工单' }, type: 'text' as const },
    { name: 'phone', label: { en: 'phone', 'zh-CN': '电话' }, type: 'text' as const },
    { name: 'note', label: { en: 'note', 'zh-CN': '备注' }, type: 'text' as const },
  ];
  createTable(db, 'tickets', columns);
  const insert = db.prepare('INSERT INTO tickets VALUES (?, ?, ?)');
  for (let i = 0; i < 50; i++) insert.run(`T${i}`, `1381234${String(1000 + i)}`, i === 0 ? '=HYPERLINK("http://x")' : `备注，第 ${i} 条`);
  registerTable(db, { name: 'tickets', label: { en: 'Tickets', 'zh-CN': '工单' }, columns, sourceFile: 't.csv' }, 50);
});
afterEach(() => {
  db.close();
  cleanup();
});

// keep the BOM in the text, to see it is there
const text = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('exporting a table', () => {
  it('writes UTF-8 CSV with a BOM, every row in order, and neutralises formulas', () => {
    const lines = text(exportTableCsv(db, 'tickets')).split('\n');
    expect(lines[0]).toBe('\uFEFFticket,phone,note');
    expect(lines).toHaveLength(52);
    // a cell a spreadsheet would run gets a leading quote
    expect(lines[1]).toBe(`T0,13812341000,"'=HYPERLINK(""http://x"")"`);
    expect(lines[2]).toBe('T1,13812341001,备注，第 1 条');
  });

  it('in share-safe mode refuses personal data in the clear, naming the columns, and exports it once a recipe masked it', () => {
    expect(shareSafe(db)).toBe(false);
    setShareSafe(db, true);
    expect(unmaskedPersonalColumns(db, 'tickets')).toEqual([{ column: 'phone', kind: 'phone' }]);
    let error: unknown;
    try {
      exportTableCsv(db, 'tickets');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RootwiseError);
    expect((error as RootwiseError).params).toEqual({ table: 'tickets', columns: 'phone' });
    expect((error as RootwiseError).message).toContain('phone');

    saveRecipe(db, { version: RECIPE_SPEC_VERSION, source: 'tickets', output: 'tickets_clean', steps: [{ id: 'm', enabled: true, kind: 'mask', column: 'phone', method: 'hash', scope: 'value', kinds: [] }] });
    runRecipe(db, 'tickets');
    const lines = text(exportTableCsv(db, 'tickets_clean')).split('\n');
    expect(lines[2]).toMatch(/^T1,[0-9a-f]{16},/);
    setShareSafe(db, false);
    expect(text(exportTableCsv(db, 'tickets'))).toContain('13812341001');
  });
});
