import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CellValue, ColumnType } from '../../../../../shared/api/types';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { RECIPE_SPEC_VERSION, RECIPE_STEP_KINDS, ROW_DROPPING_KINDS, type RecipeStep, type RecipeStepBody } from '../../../../../shared/spec/recipe-spec';
import { droppedRowsSql } from '../../../../../shared/recipe/compile-recipe';
import { exportDroppedRows, listDroppedRows } from '../../../../../electron/engine/recipes/dropped-rows';
import { setShareSafe } from '../../../../../electron/engine/export/export-table';
import { saveRecipe } from '../../../../../electron/engine/recipes/recipe-store';
import { runRecipe } from '../../../../../electron/engine/recipes/run-recipe';
import { createTable, registerTable } from '../../../../../electron/engine/workbench/table-catalog';
import { createWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { bumpDataVersion } from '../../../../../electron/engine/workbench/workbench-version';
import { tempDir } from '../../../../support/paths';

let db: Database.Database;
let cleanup: () => void;

const COLUMNS: readonly { name: string; type: ColumnType }[] = [
  { name: 'ticket', type: 'text' },
  { name: 'customer', type: 'text' },
  { name: 'phone', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'updated', type: 'text' },
  { name: 'csat', type: 'integer' },
];
// 2,000 tickets exported twice over in part: ticket Tn appears again every 7th row with a later
// update; every 5th score is empty; names padded so a trim before the filter shows
const ROWS: readonly CellValue[][] = Array.from({ length: 2_000 }, (_, i) => {
  const repeat = i % 7 === 6;
  const ticket = repeat ? `T${i - 3}` : `T${i}`;
  return [ticket, ` 客户${i % 300} `, `1381234${String(1000 + (i % 9000)).padStart(4, '0')}`, i % 2 === 0 ? '华东' : '华北', `2024-03-${String(1 + (i % 28)).padStart(2, '0')} ${repeat ? '23' : '08'}:00`, i % 5 === 4 ? null : 1 + (i % 5)];
});

beforeEach(() => {
  const made = tempDir();
  cleanup = made.cleanup;
  db = createWorkbenchFile(path.join(made.dir, 'dropped.rootwise'), 'test').db;
  const columns = COLUMNS.map((c) => ({ ...c, label: { en: c.name, 'zh-CN': c.name } }));
  createTable(db, 'tickets', columns);
  const insert = db.prepare(`INSERT INTO tickets VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (const row of ROWS) insert.run(...row);
  })();
  registerTable(db, { name: 'tickets', label: { en: 'Tickets', 'zh-CN': '工单' }, columns, sourceFile: 'tickets.csv' }, ROWS.length);
});
afterEach(() => {
  db.close();
  cleanup();
});

let nextId = 0;
const step = (body: RecipeStepBody, enabled = true): RecipeStep => ({ ...body, id: `s${++nextId}`, enabled });
const save = (steps: readonly RecipeStep[]) => saveRecipe(db, { version: RECIPE_SPEC_VERSION, source: 'tickets', output: 'tickets_clean', steps });
const cell = (columns: readonly { name: string }[], values: readonly CellValue[], name: string): CellValue => values[columns.findIndex((c) => c.name === name)] ?? null;
const text = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('the rows a step drops', () => {
  it('lists a filter’s dropped rows over the whole source, as they entered the step, counted as a run drops them', () => {
    const trim = step({ kind: 'trim', columns: ['customer'], inner: false });
    const filter = step({ kind: 'filter', expression: 'csat IS NOT NULL AND csat >= 2' });
    save([trim, filter]);
    const page = listDroppedRows(db, 'tickets', filter.id, 0, 50);
    const report = runRecipe(db, 'tickets');
    expect(page.total).toBe(report.rowsIn - report.rowsOut);
    // scores 1 (i % 5 = 0) and empty (i % 5 = 4): 2 of every 5 rows
    expect(page.total).toBe(800);
    expect(page.rows).toHaveLength(50);
    expect(page.columns.map((c) => c.name)).toEqual(COLUMNS.map((c) => c.name));
    const first = page.rows[0]!;
    expect(first.sourceRow).toBe(1);
    expect(cell(page.columns, first.values, 'customer')).toBe('客户0'); // trimmed by the step before
    expect(cell(page.columns, first.values, 'csat')).toBe(1);
    expect(page.rows[1]!.sourceRow).toBe(5);
    expect(cell(page.columns, page.rows[1]!.values, 'csat')).toBeNull();
    // each listed row is the source row its number names
    for (const row of page.rows) {
      const source = db.prepare('SELECT csat FROM tickets WHERE rowid = ?').get(row.sourceRow) as { csat: number | null };
      expect(source.csat === null || source.csat < 2).toBe(true);
    }
  });

  it('lists a dedupe’s later duplicates keeping the first, and the earlier ones keeping the latest', () => {
    const first = step({ kind: 'dedupe', keys: ['ticket'], keep: 'first' });
    save([first]);
    const kept = listDroppedRows(db, 'tickets', first.id, 0, 1_000);
    const run = runRecipe(db, 'tickets');
    expect(kept.total).toBe(run.rowsIn - run.rowsOut);
    expect(kept.total).toBe(285); // rows 7, 14, … repeat a ticket three rows above
    expect(kept.rows[0]).toMatchObject({ sourceRow: 7 });
    expect(cell(kept.columns, kept.rows[0]!.values, 'ticket')).toBe('T3');
    expect(cell(kept.columns, kept.rows[0]!.values, 'updated')).toBe('2024-03-07 23:00');

    const latest = step({ kind: 'dedupe', keys: ['ticket'], keep: 'latest', latestBy: 'updated' });
    save([latest]);
    const older = listDroppedRows(db, 'tickets', latest.id, 0, 1_000);
    const again = runRecipe(db, 'tickets');
    expect(older.total).toBe(again.rowsIn - again.rowsOut);
    expect(older.total).toBe(285);
    // the later update of T3 is kept, so its first row (row 4, updated at 08:00) is the one dropped
    expect(older.rows[0]).toMatchObject({ sourceRow: 4 });
    expect(cell(older.columns, older.rows[0]!.values, 'updated')).toBe('2024-03-04 08:00');
  });

  it('adds up over several dropping steps to what a run drops', () => {
    const dedupe = step({ kind: 'dedupe', keys: ['ticket'], keep: 'first' });
    const filter = step({ kind: 'filter', expression: "region = '华东'" });
    save([dedupe, step({ kind: 'drop', columns: ['phone'] }), filter]);
    const a = listDroppedRows(db, 'tickets', dedupe.id, 0, 1).total;
    const b = listDroppedRows(db, 'tickets', filter.id, 0, 1);
    const report = runRecipe(db, 'tickets');
    expect(a + b.total).toBe(report.rowsIn - report.rowsOut);
    expect(b.columns.map((c) => c.name)).not.toContain('phone');
  });

  it('reads the source through a stage of the row numbers a dedupe keeps, when the last run left one', () => {
    const trim = step({ kind: 'trim', columns: ['customer'], inner: false });
    const dedupe = step({ kind: 'dedupe', keys: ['ticket'], keep: 'first' });
    const filter = step({ kind: 'filter', expression: 'csat >= 2' });
    save([trim, dedupe, filter]);
    const fromSource = listDroppedRows(db, 'tickets', filter.id, 0, 1_000);
    expect(fromSource.total).toBeGreaterThan(0);
    runRecipe(db, 'tickets');
    const stage = db.prepare('SELECT table_name FROM rw_recipe_stages WHERE source = ? AND segment = 0').pluck().get('tickets') as string;
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(stage)).toEqual(['__rw_row']);
    bumpDataVersion(db);
    expect(listDroppedRows(db, 'tickets', filter.id, 0, 1_000)).toEqual(fromSource);
    // a row number taken out of the stage shows that the list is read through it
    db.prepare(`DELETE FROM "${stage}" WHERE __rw_row = ?`).run(fromSource.rows[0]!.sourceRow);
    bumpDataVersion(db);
    const through = listDroppedRows(db, 'tickets', filter.id, 0, 1_000);
    expect(through.total).toBe(fromSource.total - 1);
    expect(through.rows.map((r) => r.sourceRow)).toEqual(fromSource.rows.slice(1).map((r) => r.sourceRow));
  });

  it('starts from the stage the last run kept while it is valid, finding the same rows as from the source', () => {
    const trim = step({ kind: 'trim', columns: ['customer'], inner: false });
    const dedupe = step({ kind: 'dedupe', keys: ['ticket'], keep: 'first' });
    const fill = step({ kind: 'fillDown', columns: ['region'] });
    const filter = step({ kind: 'filter', expression: 'csat >= 2' });
    save([trim, dedupe, fill, filter]);
    const fromSource = listDroppedRows(db, 'tickets', filter.id, 0, 1_000);
    const report = runRecipe(db, 'tickets');
    expect(listDroppedRows(db, 'tickets', dedupe.id, 0, 1).total + fromSource.total).toBe(report.rowsIn - report.rowsOut);
    // the stage after the dedupe (the one before it keeps only row numbers), marked so that what is read from it shows
    const stage = db.prepare('SELECT table_name FROM rw_recipe_stages WHERE source = ? AND segment = 1').pluck().get('tickets') as string;
    db.prepare(`UPDATE "${stage}" SET customer = customer || '*'`).run();
    bumpDataVersion(db);
    const fromStage = listDroppedRows(db, 'tickets', filter.id, 0, 1_000);
    expect(fromStage.total).toBe(fromSource.total);
    expect(fromStage.rows.map((r) => r.sourceRow)).toEqual(fromSource.rows.map((r) => r.sourceRow));
    expect(cell(fromStage.columns, fromStage.rows[0]!.values, 'customer')).toBe(`${String(cell(fromSource.columns, fromSource.rows[0]!.values, 'customer'))}*`);
    // a changed step before the stage makes it stale: the source is read again
    save([{ ...trim, inner: true } as RecipeStep, dedupe, fill, filter]);
    expect(cell(fromStage.columns, listDroppedRows(db, 'tickets', filter.id, 0, 1).rows[0]!.values, 'customer')).toBe('客户0');
  });

  it('pages through the dropped rows in source order, without gaps or repeats', () => {
    const filter = step({ kind: 'filter', expression: 'csat IS NOT NULL' });
    save([filter]);
    const seen: number[] = [];
    for (let offset = 0; ; offset += 150) {
      const page = listDroppedRows(db, 'tickets', filter.id, offset, 150);
      expect(page.offset).toBe(offset);
      expect(page.total).toBe(400);
      seen.push(...page.rows.map((r) => r.sourceRow));
      if (page.rows.length < 150) break;
    }
    expect(seen).toEqual(Array.from({ length: 400 }, (_, i) => 5 * i + 5));
    expect(listDroppedRows(db, 'tickets', filter.id, 400, 150).rows).toEqual([]);
  });

  it('follows edits of the recipe and new rows of the source', () => {
    const filter = step({ kind: 'filter', expression: 'csat IS NOT NULL' });
    save([filter]);
    expect(listDroppedRows(db, 'tickets', filter.id, 0, 10).total).toBe(400);
    save([{ ...filter, expression: 'csat >= 3' } as RecipeStep]);
    expect(listDroppedRows(db, 'tickets', filter.id, 0, 10).total).toBe(1_200);
    db.prepare('INSERT INTO tickets (ticket, csat) VALUES (?, ?)').run('T-new', 1);
    expect(listDroppedRows(db, 'tickets', filter.id, 0, 10).total).toBe(1_201);
  });

  it('lists an unpivot’s rows with every unpivoted cell empty, and nothing for steps that keep every row or are off', () => {
    const unpivot = step({ kind: 'unpivot', columns: ['csat'], nameColumn: 'field', valueColumn: 'value' });
    const trim = step({ kind: 'trim', columns: ['customer'], inner: false });
    const off = step({ kind: 'filter', expression: 'csat IS NOT NULL' }, false);
    save([trim, off, unpivot]);
    expect(listDroppedRows(db, 'tickets', unpivot.id, 0, 10).total).toBe(400);
    expect(listDroppedRows(db, 'tickets', trim.id, 0, 10)).toMatchObject({ total: 0, rows: [] });
    expect(listDroppedRows(db, 'tickets', off.id, 0, 10)).toMatchObject({ total: 0, rows: [] });
    expect(() => listDroppedRows(db, 'tickets', 'nope', 0, 10)).toThrow(RootwiseError);
  });

  it('exports every dropped row as CSV with its source row, and refuses personal data in share-safe mode', () => {
    const filter = step({ kind: 'filter', expression: 'csat IS NOT NULL' });
    save([filter]);
    const { name, bytes } = exportDroppedRows(db, 'tickets', filter.id);
    expect(name).toBe('tickets_step1_dropped.csv');
    const lines = text(bytes).split('\n');
    expect(lines[0]).toBe('\uFEFFsource_row,ticket,customer,phone,region,updated,csat');
    expect(lines).toHaveLength(400 + 2); // header, rows, the final newline
    expect(lines[1]).toBe('5,T4, 客户4 ,13812341004,华东,2024-03-05 08:00,');
    setShareSafe(db, true);
    expect(() => exportDroppedRows(db, 'tickets', filter.id)).toThrow(expect.objectContaining({ key: 'error.shareSafe.unmasked' }));
    save([step({ kind: 'mask', column: 'phone', method: 'mask', scope: 'value', kinds: [] }), filter]);
    expect(text(exportDroppedRows(db, 'tickets', filter.id).bytes)).toContain('source_row');
  });

  it('knows the dropped rows of exactly the steps the Clean workspace offers them for', () => {
    for (const kind of RECIPE_STEP_KINDS) {
      const body = { kind, columns: [], keys: [], keep: 'first', expression: '1 = 1', nameColumn: 'n', valueColumn: 'v' } as unknown as RecipeStep;
      expect(droppedRowsSql(body, []) !== undefined, kind).toBe(ROW_DROPPING_KINDS.has(kind));
    }
  });
});
