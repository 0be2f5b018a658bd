import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import { profileTable } from '../../../../../electron/engine/profile/table-profile';
import { profileToRows } from '../../../../../shared/format/profile-rows';
import { valuePattern } from '../../../../../electron/engine/profile/value-pattern';
import type { ColumnQualityProfile, TableProfile } from '../../../../../shared/spec/table-profile';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

let file = '';
let cleanup: () => void;
let importedTable = '';
let tickets: TableProfile;
let imported: TableProfile;
/** Rowids of the planted defects, ascending. */
const planted = { csat: [] as number[], resolved: [] as number[], firstResponse: [] as number[], reopen: [] as number[], blankIds: [] as number[] };

const ids = (db: Database.Database, sql: string): number[] => db.prepare(sql).pluck().all() as number[];

beforeAll(async () => {
  const made = tempDir();
  cleanup = made.cleanup;
  file = path.join(made.dir, 'demo.rootwise');
  const engine = new Engine({ workerScript: JOB_WORKER });
  await engine.createWorkbench({ path: file, demo: { rows: 3000, seed: 7 } });
  // the planted scores and counts leave the roles' ranges, so the suggester would drop them: a person confirmed them
  await engine.setFieldRoles({ table: 'tickets', roles: { csat: 'csat', reopen_count: 'reopen_count' } });
  const csv = path.join(made.dir, 'scores.csv');
  const lines = ['id,amount,note'];
  // 2 misfits in 100 values: the column stays integer (95 % must fit)
  for (let i = 1; i <= 100; i++) lines.push(`${i},${i === 4 ? 'abc' : i === 7 ? '12x' : String(i * 10)},n${i}`);
  lines.push('101,1,2,3');
  fs.writeFileSync(csv, lines.join('\n'));
  importedTable = (await engine.importFile({ source: { kind: 'path', path: csv } })).table;
  engine.close();

  const db = new Database(file);
  db.transaction(() => {
    planted.csat = ids(db, 'SELECT rowid FROM tickets WHERE csat IS NOT NULL ORDER BY rowid LIMIT 7 OFFSET 40');
    const scores = [11, 12, 13, 20, 50, 99, 99];
    planted.csat.forEach((rowid, i) => db.prepare('UPDATE tickets SET csat = ? WHERE rowid = ?').run(scores[i], rowid));
    planted.resolved = ids(db, 'SELECT rowid FROM tickets WHERE first_response_at IS NOT NULL AND resolved_at IS NOT NULL ORDER BY rowid LIMIT 5 OFFSET 100');
    for (const rowid of planted.resolved) db.prepare("UPDATE tickets SET resolved_at = datetime(created_at, '-1 hour') WHERE rowid = ?").run(rowid);
    planted.firstResponse = ids(db, 'SELECT rowid FROM tickets WHERE first_response_at IS NOT NULL AND resolved_at IS NOT NULL ORDER BY rowid LIMIT 2 OFFSET 300');
    for (const rowid of planted.firstResponse) db.prepare("UPDATE tickets SET first_response_at = datetime(created_at, '-10 minutes') WHERE rowid = ?").run(rowid);
    planted.reopen = [1500, 1600, 1700, 1800];
    for (const rowid of planted.reopen) db.prepare('UPDATE tickets SET reopen_count = -1 WHERE rowid = ?').run(rowid);
    planted.blankIds = [2000, 2001, 2002];
    ['', '   ', '\t'].forEach((blank, i) => db.prepare('UPDATE tickets SET ticket_id = ? WHERE rowid = ?').run(blank, planted.blankIds[i]));
    db.prepare("UPDATE tickets SET created_at = '2019-05-04 08:00:00' WHERE rowid = 7").run();
    // a phone column: mobile numbers, landlines, numbers with a country code, a few missing
    db.exec('ALTER TABLE tickets ADD COLUMN phone TEXT');
    db.prepare("INSERT INTO rw_columns (table_name, ordinal, name, label_en, label_zh, type) VALUES ('tickets', 19, 'phone', 'Phone', '电话', 'text')").run();
    db.exec(`UPDATE tickets SET phone = CASE
      WHEN rowid % 10 < 6 THEN '138' || printf('%08d', rowid)
      WHEN rowid % 10 < 8 THEN '010-' || printf('%08d', rowid)
      WHEN rowid % 10 = 8 THEN '+86 138' || printf('%08d', rowid)
      END`);
    db.exec("UPDATE tickets SET phone = '13800000000' WHERE rowid <= 5");
    db.exec("UPDATE tickets SET phone = ' ' WHERE rowid = 3000");
  })();
  db.close();

  const reader = new Database(file, { readonly: true });
  tickets = profileTable(reader, 'tickets');
  imported = profileTable(reader, importedTable);
  reader.close();
}, 120_000);
afterAll(() => cleanup());

function column(profile: TableProfile, name: string): ColumnQualityProfile {
  const found = profile.columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no column ${name}`);
  return found;
}

describe('valuePattern', () => {
  it('writes digits, letters and Han characters as classes and collapses long runs', () => {
    expect(valuePattern('13812345678')).toBe('9×11');
    expect(valuePattern('2024-03-05')).toBe('9999-99-99');
    expect(valuePattern('T0000001')).toBe('A9×7');
    expect(valuePattern('Ab-汉字 x')).toBe('Aa-汉汉 a');
    expect(valuePattern('4.5')).toBe('9.9');
    expect(valuePattern(-12)).toBe('-99');
    expect(valuePattern('𠀀𠀁好')).toBe('汉汉汉');
    expect(valuePattern('很'.repeat(60))).toBe('汉×60');
    expect(valuePattern('ab '.repeat(30))).toHaveLength(41);
  });
});

describe('profileTable on the demo tickets with planted defects', () => {
  it('counts empty ids as nulls and leaves them out of the distinct values', () => {
    const id = column(tickets, 'ticket_id');
    expect(tickets.rows).toBe(3000);
    expect([id.role, id.rows, id.nulls, id.distinct]).toEqual(['ticket_id', 3000, 3, 2997]);
    // every id is distinct: no frequent values to show
    expect(id.topValues).toEqual([]);
    expect(id.patterns).toEqual([{ pattern: 'A9×7', count: 2997, share: 1 }]);
    // a key's empty values weigh 1: 100 × (1 − 3/3000)
    expect(id.score).toBe(99.9);
  });

  it('finds the scores outside the role’s range, with their rowids, and the outliers', () => {
    const csat = column(tickets, 'csat');
    expect(csat.violations).toEqual([{ rule: 'score_range', message: 'profile.rule.scoreRange', params: { min: 0, max: 10 }, fields: ['csat'], count: 7, rowids: planted.csat.slice(0, 5) }]);
    expect(csat.numbers).toMatchObject({ max: 99, outliers: 7, outlierExamples: [99, 50, 20, 13, 12] });
    expect(csat.numbers?.upperFence).toBeLessThan(11);
  });

  it('finds negative counts', () => {
    const reopen = column(tickets, 'reopen_count');
    expect(reopen.violations.map((v) => [v.rule, v.count, v.rowids])).toEqual([['negative_count', 4, planted.reopen]]);
    expect(reopen.numbers?.min).toBe(-1);
  });

  it('checks the time roles against each other, under the later field, and skips a rule whose field is missing', () => {
    const resolved = column(tickets, 'resolved_at');
    expect(resolved.violations.map((v) => [v.rule, v.fields, v.count, v.rowids])).toEqual([
      ['resolved_before_created', ['created_at', 'resolved_at'], 5, planted.resolved],
      ['resolved_before_first_response', ['first_response_at', 'resolved_at'], 5, planted.resolved],
    ]);
    const firstResponse = column(tickets, 'first_response_at');
    expect(firstResponse.violations.map((v) => [v.rule, v.count, v.rowids])).toEqual([['first_response_before_created', 2, planted.firstResponse]]);
    expect(tickets.columns.flatMap((c) => c.violations).some((v) => v.rule === 'closed_before_created')).toBe(false);
    expect(column(tickets, 'created_at').dates?.min).toBe('2019-05-04 08:00:00');
    // a row breaking two rules counts once: 100 × (1 − (empty + 5) / 3000), empty times weigh 1
    const expected = Math.floor(1000 * (1 - (resolved.nulls + 5) / 3000) + 1e-6) / 10;
    expect(resolved.score).toBe(expected);
  });

  it('shapes a phone column it meets value by value, with SQL counting its distinct and frequent values', () => {
    const phone = column(tickets, 'phone');
    expect([phone.role, phone.nulls, phone.distinct]).toEqual([null, 301, 2695]);
    expect(phone.patterns).toEqual([
      { pattern: '9×11', count: 1799, share: 1799 / 2699 },
      { pattern: '999-9×8', count: 600, share: 600 / 2699 },
      { pattern: '+99 9×11', count: 300, share: 300 / 2699 },
    ]);
    expect(phone.topValues).toEqual([
      { value: '13800000000', count: 5 },
      { value: '+86 13800000008', count: 1 },
      { value: '+86 13800000018', count: 1 },
      { value: '+86 13800000028', count: 1 },
      { value: '+86 13800000038', count: 1 },
    ]);
  });

  it('scores a clean column 100 and the table below 100', () => {
    const channel = column(tickets, 'channel');
    expect([channel.nulls, channel.score]).toEqual([0, 100]);
    expect(channel.topValues.length).toBe(Math.min(5, channel.distinct));
    expect(channel.topValues.reduce((sum, v) => sum + v.count, 0)).toBeLessThanOrEqual(3000);
    expect(column(tickets, 'csat').score).toBeLessThan(100);
    expect(tickets.score).toBeLessThan(100);
    expect(tickets.score).toBeGreaterThan(0);
  });

  it('limits the samples to the option', () => {
    const db = new Database(file, { readonly: true });
    const small = profileTable(db, 'tickets', { sampleLimit: 2 });
    db.close();
    expect(column(small, 'csat').violations[0]?.rowids).toEqual(planted.csat.slice(0, 2));
    expect(column(small, 'phone').topValues.map((v) => v.value)).toEqual(['13800000000', '+86 13800000008']);
    expect(column(small, 'csat').numbers?.outlierExamples).toEqual([99, 50]);
  });
});

describe('profileTable on an imported file', () => {
  it('counts the values rejected at import by reason, and whole rejected rows apart', () => {
    const amount = column(imported, 'amount');
    expect(amount.type).toBe('integer');
    expect(amount.rejects).toEqual({ count: 2, byReason: [{ reason: 'reject.notInteger', count: 2 }] });
    expect(amount.nulls).toBe(2);
    // rejected values weigh 1, and are not counted again as empty: 100 × (1 − 2/100)
    expect(amount.score).toBe(98);
    expect(imported.rejectedRows).toBe(1);
    expect(column(imported, 'id').score).toBe(100);
    expect(column(imported, 'note').rejects.count).toBe(0);
  });
});

describe('profileToRows', () => {
  it('flattens the profile into column, measure and value lines in either language', () => {
    const en = profileToRows(tickets, 'en');
    const zh = profileToRows(tickets, 'zh-CN');
    expect(en.length).toBe(zh.length);
    expect(en[0]).toEqual({ column: '(whole table)', measure: 'Rows', value: 3000 });
    expect(zh).toContainEqual({ column: '满意度 (CSAT)', measure: '违反规则：评分超出 0–10', value: 7 });
    expect(en).toContainEqual({ column: 'Resolved at', measure: 'Rows breaking: Resolved before creation', value: planted.resolved.join(', ') });
    expect(en).toContainEqual({ column: 'Phone', measure: 'Pattern 1', value: '9×11 (1,799, 66.65%)' });
    expect(profileToRows(imported, 'zh-CN')).toContainEqual({ column: 'amount', measure: '导入时拒收：不是整数', value: 2 });
  });
});
