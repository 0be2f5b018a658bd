import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CellValue, ColumnType } from '../../../../../shared/api/types';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { RECIPE_SPEC_VERSION, type RecipeStep, type RecipeStepBody } from '../../../../../shared/spec/recipe-spec';
import { analyzeSavedRecipe, getRecipe, recipeHistory, saveRecipe } from '../../../../../electron/engine/recipes/recipe-store';
import { runRecipe } from '../../../../../electron/engine/recipes/run-recipe';
import { stageRelation } from '../../../../../electron/engine/recipes/preview-recipe';
import { PiiMasker, loadChineseScript } from '../../../../../electron/engine/recipes/recipe-functions';
import { createTable, getTableSchema, registerTable } from '../../../../../electron/engine/workbench/table-catalog';
import { createWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { tempDir } from '../../../../support/paths';

let db: Database.Database;
let cleanup: () => void;

const COLUMNS: readonly { name: string; type: ColumnType }[] = [
  { name: 'ticket', type: 'text' },
  { name: 'customer', type: 'text' },
  { name: 'phone', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'channel', type: 'text' },
  { name: 'created', type: 'text' },
  { name: 'csat', type: 'integer' },
  { name: 'note', type: 'text' },
];
// an export as consultants get it: padded names, full-width letters, three spellings of one
// region, a repeated ticket, an empty score, a phone in free text, dates written with slashes
const ROWS: readonly CellValue[][] = [
  ['T1', ' 张三 ', '13812345678', '华东区', '电话', '2024/3/5 14:02', 5, '客户电话 13812345678 要求回访'],
  ['T2', '李四', '139-0000-1111', '华东', 'ＥＭＡＩＬ', '2024/3/6 9:00', null, null],
  ['T2', '李四', '139-0000-1111', '华东', 'ＥＭＡＩＬ', '2024/3/6 9:00', null, '重复导出'],
  ['T3', '王五', null, 'East China', '在线', '2024/3/7 10:30', 3, '网點 台灣'],
  ['T4', '赵六', '+86 138 1234 5678', '华北', '电话', 'not a date', 4, null],
];

beforeAll(() => loadChineseScript());
beforeEach(() => {
  const made = tempDir();
  cleanup = made.cleanup;
  db = createWorkbenchFile(path.join(made.dir, 'recipes.rootwise'), 'test').db;
  const columns = COLUMNS.map((c) => ({ ...c, label: { en: c.name, 'zh-CN': c.name } }));
  createTable(db, 'tickets', columns);
  const insert = db.prepare(`INSERT INTO tickets VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  for (const row of ROWS) insert.run(...row);
  registerTable(db, { name: 'tickets', label: { en: 'Tickets', 'zh-CN': '工单' }, columns, sourceFile: 'tickets.csv' }, ROWS.length);
  const regions = [{ name: 'region', label: { en: 'region', 'zh-CN': '区域' }, type: 'text' as const }, { name: 'manager', label: { en: 'manager', 'zh-CN': '经理' }, type: 'text' as const }];
  createTable(db, 'regions', regions);
  db.prepare('INSERT INTO regions VALUES (?, ?), (?, ?), (?, ?)').run('华东', '周经理', '华北', '吴经理', '华东', '另一位');
  registerTable(db, { name: 'regions', label: { en: 'Regions', 'zh-CN': '区域' }, columns: regions, sourceFile: 'regions.csv' }, 3);
});
afterEach(() => {
  db.close();
  cleanup();
});

let nextId = 0;
const step = (body: RecipeStepBody, enabled = true): RecipeStep => ({ ...body, id: `s${++nextId}`, enabled });

function save(steps: readonly RecipeStep[], output = 'tickets_clean') {
  return saveRecipe(db, { version: RECIPE_SPEC_VERSION, source: 'tickets', output, steps });
}

/** Runs steps on the export and returns the clean table's rows as objects. */
function cleaned(...bodies: RecipeStepBody[]): Record<string, CellValue>[] {
  save(bodies.map((b) => step(b)));
  runRecipe(db, 'tickets');
  return db.prepare('SELECT * FROM tickets_clean ORDER BY rowid').all() as Record<string, CellValue>[];
}

const column = (rows: readonly Record<string, CellValue>[], name: string): CellValue[] => rows.map((r) => r[name] ?? null);

describe('each step on a real workbench file', () => {
  it('renames, drops and retypes, counting values that do not fit as empty', () => {
    const rows = cleaned({ kind: 'rename', column: 'csat', to: '满意度' }, { kind: 'drop', columns: ['note'] }, { kind: 'retype', column: '满意度', type: 'text', format: 'text' });
    expect(Object.keys(rows[0]!)).toEqual(['ticket', 'customer', 'phone', 'region', 'channel', 'created', '满意度']);
    expect(column(rows, '满意度')).toEqual(['5', null, null, '3', '4']);
    expect(getTableSchema(db, 'tickets_clean').fields.find((f) => f.name === '满意度')!.type).toBe('text');
  });

  it('parses slashed dates as datetimes; a value that is not a date becomes NULL', () => {
    const rows = cleaned({ kind: 'parseDates', column: 'created', format: 'ymd', withTime: true });
    expect(column(rows, 'created')).toEqual(['2024-03-05 14:02:00', '2024-03-06 09:00:00', '2024-03-06 09:00:00', '2024-03-07 10:30:00', null]);
    expect(getTableSchema(db, 'tickets_clean').fields.find((f) => f.name === 'created')!.type).toBe('datetime');
  });

  it('trims, turns full-width letters half-width, changes case and script', () => {
    const rows = cleaned(
      { kind: 'trim', columns: ['customer'], inner: true },
      { kind: 'width', columns: ['channel'], to: 'half' },
      { kind: 'case', columns: ['channel'], to: 'title' },
      { kind: 'chineseScript', columns: ['note'], to: 'simplified' },
    );
    expect(column(rows, 'customer')).toEqual(['张三', '李四', '李四', '王五', '赵六']);
    expect(column(rows, 'channel')).toEqual(['电话', 'Email', 'Email', '在线', '电话']);
    expect(rows[3]!['note']).toBe('网点 台湾');
  });

  it('maps values and merges accepted clusters; values no mapping covers stay', () => {
    const rows = cleaned(
      { kind: 'mapValues', column: 'region', mapping: [{ from: 'East China', to: '华东' }] },
      { kind: 'cluster', column: 'region', method: 'fingerprint', clusters: [{ values: ['华东区', '华东'], into: '华东' }] },
    );
    expect(column(rows, 'region')).toEqual(['华东', '华东', '华东', '华东', '华北']);
  });

  it('splits, merges and extracts', () => {
    const rows = cleaned(
      { kind: 'split', column: 'created', separator: ' ', into: ['day', 'time'], keep: true },
      { kind: 'merge', columns: ['ticket', 'region'], separator: '·', into: 'label', keep: false },
      { kind: 'extract', column: 'note', pattern: '(1\\d{10})', into: 'note_phone' },
    );
    expect(column(rows, 'day')).toEqual(['2024/3/5', '2024/3/6', '2024/3/6', '2024/3/7', 'not']);
    expect(column(rows, 'time')).toEqual(['14:02', '9:00', '9:00', '10:30', 'a date']);
    expect(column(rows, 'label')).toEqual(['T1·华东区', 'T2·华东', 'T2·华东', 'T3·East China', 'T4·华北']);
    expect(column(rows, 'note_phone')).toEqual(['13812345678', null, null, null, null]);
    expect(Object.keys(rows[0]!)).not.toContain('ticket');
  });

  it('fills down in the source’s order and fills missing numbers with the median or mean', () => {
    expect(column(cleaned({ kind: 'fillDown', columns: ['note'] }), 'note')).toEqual(['客户电话 13812345678 要求回访', '客户电话 13812345678 要求回访', '重复导出', '网點 台灣', '网點 台灣']);
    // 5, 3, 4 are filled: the median is 4, the mean 4
    expect(column(cleaned({ kind: 'fillMissing', column: 'csat', with: 'median' }), 'csat')).toEqual([5, 4, 4, 3, 4]);
    expect(column(cleaned({ kind: 'fillMissing', column: 'phone', with: 'constant', value: '未留电话' }), 'phone')).toEqual(['13812345678', '139-0000-1111', '139-0000-1111', '未留电话', '+86 138 1234 5678']);
  });

  it('dedupes by key, keeping the first or the latest row', () => {
    expect(column(cleaned({ kind: 'dedupe', keys: ['ticket'], keep: 'first' }), 'note')).toEqual(['客户电话 13812345678 要求回访', null, '网點 台灣', null]);
    expect(column(cleaned({ kind: 'dedupe', keys: ['ticket'], keep: 'latest', latestBy: 'note' }), 'note')).toEqual(['客户电话 13812345678 要求回访', '重复导出', '网點 台灣', null]);
    // every column: the two T2 rows differ in their note, so both stay
    expect(cleaned({ kind: 'dedupe', keys: [], keep: 'first' })).toHaveLength(5);
  });

  it('filters and derives with the model’s formulas', () => {
    const rows = cleaned({ kind: 'derive', into: 'happy', expression: 'IF(csat >= 4, "是", "否")' }, { kind: 'filter', expression: 'csat IS NOT NULL' });
    expect(column(rows, 'ticket')).toEqual(['T1', 'T3', 'T4']);
    expect(column(rows, 'happy')).toEqual(['是', '否', '是']);
  });

  it('masks, hashes with the workbench’s secret so equal numbers stay joinable, or drops', () => {
    const masked = cleaned({ kind: 'mask', column: 'phone', method: 'mask', scope: 'value', kinds: [] }, { kind: 'mask', column: 'note', method: 'mask', scope: 'text', kinds: ['phone'] });
    const phones = column(masked, 'phone');
    expect(phones[3]).toBeNull();
    expect(phones.map((p) => (p === null ? null : String(p).slice(-4)))).toEqual(['5678', '1111', '1111', null, '5678']);
    expect(masked[0]!['phone']).not.toContain('138123');
    expect(masked[0]!['note']).toMatch(/^客户电话 \*+5678 要求回访$/);

    const hashed = cleaned({ kind: 'mask', column: 'phone', method: 'hash', scope: 'value', kinds: [] });
    const secret = (db.prepare("SELECT value FROM rw_meta WHERE key = 'pii_secret'").get() as { value: string }).value;
    const expected = new PiiMasker(secret).hash('13812345678');
    // written three ways, one number: one hash
    expect(hashed[0]!['phone']).toBe(expected);
    expect(hashed[4]!['phone']).toBe(expected);
    expect(hashed[1]!['phone']).not.toBe(expected);
    expect(hashed[0]!['phone']).toMatch(/^[0-9a-f]{16}$/);

    expect(Object.keys(cleaned({ kind: 'mask', column: 'phone', method: 'drop', scope: 'value', kinds: [] })[0]!)).not.toContain('phone');
  });

  it('makes a customer key from whichever column holds a phone, e-mail or ID, so one person gets one key across sources', () => {
    const rows = cleaned({ kind: 'identity', columns: ['phone', 'note'], into: 'customer_key', hash: false });
    // 13812345678 and +86 138 1234 5678 are one caller; T3 has no phone, and its note holds none either
    expect(column(rows, 'customer_key')).toEqual(['phone:13812345678', 'phone:13900001111', 'phone:13900001111', null, 'phone:13812345678']);
    const hashed = cleaned({ kind: 'identity', columns: ['phone'], into: 'customer_key', hash: true });
    const secret = (db.prepare("SELECT value FROM rw_meta WHERE key = 'pii_secret'").get() as { value: string }).value;
    expect(hashed[0]!['customer_key']).toBe(new PiiMasker(secret).hash('phone:13812345678'));
    expect(hashed[4]!['customer_key']).toBe(hashed[0]!['customer_key']);

    // another source writes the same callers its own way: the keys join the two
    const calls = [{ name: 'caller', label: { en: 'caller', 'zh-CN': '来电号码' }, type: 'text' as const }];
    createTable(db, 'calls', calls);
    db.prepare('INSERT INTO calls VALUES (?), (?), (?)').run('0086-138-1234-5678', '(139) 0000 1111', 'unknown');
    registerTable(db, { name: 'calls', label: { en: 'Calls', 'zh-CN': '通话' }, columns: calls, sourceFile: 'calls.csv' }, 3);
    saveRecipe(db, { version: RECIPE_SPEC_VERSION, source: 'calls', output: 'calls_clean', steps: [step({ kind: 'identity', columns: ['caller'], into: 'customer_key', hash: true })] });
    runRecipe(db, 'calls');
    const joined = db.prepare('SELECT COUNT(*) AS n FROM calls_clean c JOIN tickets_clean t ON t.customer_key = c.customer_key').get() as { n: number };
    // the first call matches T1 and T4, the second T2 and its repeat
    expect(joined.n).toBe(4);
  });

  it('unpivots columns into rows and pivots them back', () => {
    const long = cleaned({ kind: 'drop', columns: ['customer', 'phone', 'region', 'created', 'note'] }, { kind: 'unpivot', columns: ['channel', 'csat'], nameColumn: 'field', valueColumn: 'value' });
    // T2's empty score gives no row; text and numbers in one column make it text
    expect(long.map((r) => [r['ticket'], r['field'], r['value']])).toEqual([
      ['T1', 'channel', '电话'],
      ['T1', 'csat', '5'],
      ['T2', 'channel', 'ＥＭＡＩＬ'],
      ['T2', 'channel', 'ＥＭＡＩＬ'],
      ['T3', 'channel', '在线'],
      ['T3', 'csat', '3'],
      ['T4', 'channel', '电话'],
      ['T4', 'csat', '4'],
    ]);
    expect(getTableSchema(db, 'tickets_clean').fields.map((f) => f.type)).toEqual(['text', 'text', 'text']);
    const wide = cleaned(
      { kind: 'drop', columns: ['customer', 'phone', 'region', 'created', 'note'] },
      { kind: 'unpivot', columns: ['channel', 'csat'], nameColumn: 'field', valueColumn: 'value' },
      { kind: 'pivot', nameColumn: 'field', valueColumn: 'value', values: ['channel', 'csat'] },
    );
    expect(wide.map((r) => [r['ticket'], r['channel'], r['csat']])).toEqual([
      ['T1', '电话', '5'],
      ['T2', 'ＥＭＡＩＬ', null],
      ['T3', '在线', '3'],
      ['T4', '电话', '4'],
    ]);
  });

  it('looks up the first matching row of another table, never multiplying rows, and appends other tables', () => {
    const looked = cleaned(
      { kind: 'cluster', column: 'region', method: 'fingerprint', clusters: [{ values: ['华东区', 'East China'], into: '华东' }] },
      { kind: 'lookup', table: 'regions', on: [{ column: 'region', other: 'region' }], columns: [{ other: 'manager', into: 'manager' }] },
    );
    expect(column(looked, 'manager')).toEqual(['周经理', '周经理', '周经理', '周经理', '吴经理']);
    const appended = cleaned({ kind: 'union', tables: [{ table: 'regions', columns: { region: 'region', note: 'manager' } }] });
    expect(appended).toHaveLength(8);
    expect(appended.slice(5).map((r) => [r['ticket'], r['region'], r['note']])).toEqual([
      [null, '华东', '周经理'],
      [null, '华北', '吴经理'],
      [null, '华东', '另一位'],
    ]);
  });

  it('gives the clean table the roles of setRole steps', () => {
    cleaned({ kind: 'parseDates', column: 'created', format: 'ymd', withTime: true }, { kind: 'setRole', column: 'created', role: 'created_at' }, { kind: 'setRole', column: 'ticket', role: 'ticket_id' });
    const roles = db.prepare("SELECT role, field FROM rw_field_roles WHERE table_name = 'tickets_clean' ORDER BY role").all();
    expect(roles).toEqual([
      { role: 'created_at', field: 'created' },
      { role: 'ticket_id', field: 'ticket' },
    ]);
  });
});

describe('a recipe as a whole', () => {
  it('never modifies the import and keeps every saved version', () => {
    const before = db.prepare('SELECT * FROM tickets ORDER BY rowid').raw(true).all();
    cleaned({ kind: 'trim', columns: ['customer'], inner: false }, { kind: 'dedupe', keys: ['ticket'], keep: 'first' });
    cleaned({ kind: 'drop', columns: ['note'] });
    expect(db.prepare('SELECT * FROM tickets ORDER BY rowid').raw(true).all()).toEqual(before);
    expect(recipeHistory(db, 'tickets').map((r) => r.version)).toEqual([2, 1]);
    expect(getRecipe(db, 'tickets', 1)!.spec.steps.map((s) => s.kind)).toEqual(['trim', 'dedupe']);
  });

  it('flags a step that reads a column an earlier step removed, and refuses to run it', () => {
    const steps = [step({ kind: 'rename', column: 'region', to: '区域' }), step({ kind: 'trim', columns: ['region'], inner: true })];
    const saved = save(steps);
    const flow = analyzeSavedRecipe(db, saved.spec);
    expect(flow.problems).toEqual([{ stepId: steps[1]!.id, key: 'error.recipe.missingColumn', params: { column: 'region' } }]);
    expect(flow.steps[0]!.schema.map((c) => c.name)).toContain('区域');
    const error = (() => {
      try {
        runRecipe(db, 'tickets');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(RootwiseError);
    expect((error as RootwiseError).key).toBe('error.recipe.broken');
    expect((error as RootwiseError).params).toEqual({ count: 1, step: 2 });
    // a disabled broken step is skipped
    save([steps[0]!, { ...steps[1]!, enabled: false }]);
    expect(runRecipe(db, 'tickets').rowsOut).toBe(5);
  });

  it('leaves the workbench as it was when cancelled', () => {
    cleaned({ kind: 'trim', columns: ['customer'], inner: false });
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    const clean = db.prepare('SELECT * FROM tickets_clean').raw(true).all();
    save([step({ kind: 'dedupe', keys: ['ticket'], keep: 'first' }), step({ kind: 'drop', columns: ['note'] })]);
    expect(() =>
      runRecipe(db, 'tickets', {
        checkCancelled: () => {
          throw new Error('cancelled');
        },
      }),
    ).toThrow('cancelled');
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(tables);
    expect(db.prepare('SELECT * FROM tickets_clean').raw(true).all()).toEqual(clean);
    expect(db.prepare('SELECT COUNT(*) FROM rw_recipe_stages').pluck().get()).toBe(0);
  });

  it('starts from the last unchanged stage after an edit further down, with the result of a fresh run', () => {
    const head = [step({ kind: 'trim', columns: ['customer'], inner: true }), step({ kind: 'dedupe', keys: ['ticket'], keep: 'first' })];
    save([...head, step({ kind: 'drop', columns: ['note'] })]);
    const first = runRecipe(db, 'tickets');
    expect(first).toMatchObject({ segments: 2, reusedSegments: 0, rowsIn: 5, rowsOut: 4 });
    save([...head, step({ kind: 'drop', columns: ['phone'] })]);
    const second = runRecipe(db, 'tickets');
    expect(second.reusedSegments).toBe(1);
    const edited = db.prepare('SELECT * FROM tickets_clean ORDER BY rowid').all();
    // the same recipe from nothing
    db.exec('DELETE FROM rw_recipe_stages');
    expect(runRecipe(db, 'tickets').reusedSegments).toBe(0);
    expect(db.prepare('SELECT * FROM tickets_clean ORDER BY rowid').all()).toEqual(edited);
    // new rows in the import make the stage stale
    db.prepare(`INSERT INTO tickets VALUES (${COLUMNS.map(() => '?').join(', ')})`).run('T9', '孙七', null, '华南', '电话', '2024/3/9 08:00', 5, null);
    expect(runRecipe(db, 'tickets')).toMatchObject({ reusedSegments: 0, rowsOut: 5 });
  });

  it('keeps the model built on the clean table when it runs again', () => {
    cleaned({ kind: 'trim', columns: ['customer'], inner: false });
    db.prepare("INSERT INTO rw_field_roles (table_name, role, field, confirmed_at) VALUES ('tickets_clean', 'region', 'region', 'x')").run();
    cleaned({ kind: 'trim', columns: ['customer'], inner: true });
    expect(db.prepare("SELECT field FROM rw_field_roles WHERE table_name = 'tickets_clean' AND role = 'region'").pluck().get()).toBe('region');
    expect(getTableSchema(db, 'tickets_clean').rowCount).toBe(5);
  });

  it('counts the clean table’s nulls and distinct values, carrying the source’s count for a column no step wrote', () => {
    cleaned({ kind: 'trim', columns: ['customer'], inner: true }, { kind: 'dedupe', keys: ['ticket'], keep: 'first' });
    const counts = Object.fromEntries(
      (db.prepare("SELECT name, null_count, distinct_count, distinct_exact FROM rw_columns WHERE table_name = 'tickets_clean'").all() as { name: string; null_count: number; distinct_count: number; distinct_exact: number }[]).map((c) => [c.name, [c.null_count, c.distinct_count, c.distinct_exact]]),
    );
    // written by a step: counted exactly (' 张三 ' became 张三)
    expect(counts['customer']).toEqual([0, 4, 1]);
    // no step wrote the note: the import's 3 distinct notes carried, marked inexact as a row was dropped (truly 2 now)
    expect(counts['note']).toEqual([2, 3, 0]);
    expect(counts['csat']).toEqual([1, 3, 0]);
  });

  it('works a run of text steps on a category column out once per value, with the result the steps give row by row', () => {
    // 400 rows: the region has a few spellings (a dictionary), the customer 400 (row by row)
    const insert = db.prepare('INSERT INTO tickets (ticket, customer, region, channel) VALUES (?, ?, ?, ?)');
    const spellings = [' 华东区 ', 'ＥＡＳＴ', 'east', '华北', null, ''];
    for (let i = 0; i < 400; i++) insert.run(`X${i}`, ` ｃｕｓｔ ${i} `, spellings[i % spellings.length], i % 2 === 0 ? 'ＷＥＢ' : 'web');
    const steps = [
      step({ kind: 'trim', columns: ['region', 'customer', 'channel'], inner: true }),
      step({ kind: 'width', columns: ['region', 'customer'], to: 'half' }),
      // reads the region between two of its steps: its chain ends before this
      step({ kind: 'derive', into: 'region_seen', expression: 'region' }),
      step({ kind: 'case', columns: ['region', 'customer', 'channel'], to: 'upper' }),
      step({ kind: 'mapValues', column: 'region', mapping: [{ from: 'EAST', to: '华东' }, { from: '华东区', to: '华东' }], otherwise: '其他' }),
      step({ kind: 'filter', expression: "channel IN ('WEB', 'ＷＥＢ')" }),
    ];
    save(steps);
    runRecipe(db, 'tickets');
    const run = db.prepare('SELECT ticket, customer, region, region_seen, channel FROM tickets_clean ORDER BY rowid').all() as Record<string, CellValue>[];
    const spec = getRecipe(db, 'tickets')!.spec;
    const rowByRow = stageRelation(db, spec, spec.steps.length);
    const expected = db.prepare(`SELECT ticket, customer, region, region_seen, channel FROM (${rowByRow.sql.sql}) ORDER BY __rw_row`).all(...rowByRow.sql.params) as Record<string, CellValue>[];
    expect(run).toEqual(expected);
    expect(run.length).toBe(400);
    expect(run.slice(0, 6).map((r) => [r['region_seen'], r['region']])).toEqual([
      ['华东区', '华东'],
      ['EAST', '华东'],
      ['east', '华东'],
      ['华北', '其他'],
      [null, '其他'],
      [null, '其他'],
    ]);
    expect(run[0]!['customer']).toBe('CUST 0');
  });

  it('keeps only the row numbers a dedupe keeps after row-wise steps, reading the source again through them', () => {
    db.prepare(`INSERT INTO tickets VALUES (${COLUMNS.map(() => '?').join(', ')})`).run(' T3 ', '王五', null, '华东', '电话', '2024/3/8 10:30', 2, '后来的');
    const steps = [
      // the key changes before the dedupe: ' T3 ' is T3 once trimmed
      step({ kind: 'trim', columns: ['ticket', 'customer'], inner: true }),
      step({ kind: 'dedupe', keys: ['ticket'], keep: 'latest', latestBy: 'created' }),
      step({ kind: 'parseDates', column: 'created', format: 'ymd', withTime: true }),
      step({ kind: 'fillDown', columns: ['note'] }),
      step({ kind: 'filter', expression: 'csat IS NOT NULL' }),
    ];
    save(steps);
    expect(runRecipe(db, 'tickets')).toMatchObject({ segments: 3, rowsIn: 6, rowsOut: 3 });
    const stages = db.prepare("SELECT segment, table_name FROM rw_recipe_stages WHERE source = 'tickets' ORDER BY segment").all() as { segment: number; table_name: string }[];
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(stages[0]!.table_name)).toEqual(['__rw_row']);
    expect(db.prepare(`SELECT __rw_row FROM ${stages[0]!.table_name} ORDER BY 1`).pluck().all()).toEqual([1, 2, 5, 6]);
    const run = db.prepare('SELECT * FROM tickets_clean ORDER BY rowid').all();
    const spec = getRecipe(db, 'tickets')!.spec;
    const rowByRow = stageRelation(db, spec, spec.steps.length);
    const names = COLUMNS.map((c) => `"${c.name}"`).join(', ');
    expect(run).toEqual(db.prepare(`SELECT ${names} FROM (${rowByRow.sql.sql}) ORDER BY __rw_row`).all(...rowByRow.sql.params));
    expect(column(run as Record<string, CellValue>[], 'ticket')).toEqual(['T1', 'T4', 'T3']);
    // an edit after the dedupe reuses the row numbers and gives what a fresh run gives
    save([...steps.slice(0, 2), step({ kind: 'parseDates', column: 'created', format: 'ymd', withTime: false }), ...steps.slice(3)]);
    expect(runRecipe(db, 'tickets')).toMatchObject({ reusedSegments: 1, rowsOut: 3 });
    const edited = db.prepare('SELECT * FROM tickets_clean ORDER BY rowid').all();
    db.exec('DELETE FROM rw_recipe_stages');
    expect(runRecipe(db, 'tickets').reusedSegments).toBe(0);
    expect(db.prepare('SELECT * FROM tickets_clean ORDER BY rowid').all()).toEqual(edited);
  });

  it('will not write over the import or a table it did not make', () => {
    expect(() => save([], 'tickets')).toThrow(RootwiseError);
    expect(() => save([], 'regions')).toThrow(/regions/);
  });
});
