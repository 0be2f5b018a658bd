import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, WORKBENCH_APPLICATION_ID, migrate } from '../../../../../electron/engine/workbench/migrations';
import { createWorkbenchFile, openWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { type RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { tempDir } from '../../../../support/paths';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function openError(file: string): Promise<RootwiseError> {
  try {
    (await openWorkbenchFile(file)).db.close();
  } catch (error) {
    return error as RootwiseError;
  }
  throw new Error('expected the open to fail');
}

describe('workbench file', () => {
  it('is one SQLite file in WAL mode with 16 KiB pages, foreign keys, an application id and the latest schema', async () => {
    const file = path.join(dir, 'a.rootwise');
    createWorkbenchFile(file, 'test').db.close();
    const { db } = await openWorkbenchFile(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('page_size', { simple: true })).toBe(16_384);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(WORKBENCH_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT value FROM rw_meta WHERE key = 'created_by'").pluck().get()).toBe('test');
    db.close();
  });

  it('refuses to overwrite an existing file', () => {
    const file = path.join(dir, 'a.rootwise');
    fs.writeFileSync(file, 'x');
    expect(() => createWorkbenchFile(file, 'test')).toThrow(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('refuses a file from a newer Rootwise with a clear message, leaving it untouched', async () => {
    const file = path.join(dir, 'new.rootwise');
    createWorkbenchFile(file, 'test').db.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    const error = await openError(file);
    expect(error.key).toBe('error.workbench.tooNew');
    expect(error.message).toContain(`file format ${LATEST_SCHEMA_VERSION + 5}; this app reads up to ${LATEST_SCHEMA_VERSION}`);
    expect(error.toPayload().message['zh-CN']).toContain('更新版本');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('backs up an older file before migrating it, and the backup is the old version', async () => {
    const file = path.join(dir, 'old.rootwise');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    migrate(raw, 1);
    raw.prepare("INSERT INTO rw_meta VALUES ('created_by', 'Rootwise 0.0.1')").run();
    raw.close();

    const opened = await openWorkbenchFile(file);
    expect(opened.migratedFrom).toEqual({ version: 1, backupPath: `${file}.v1.bak` });
    expect(opened.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(opened.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'rw_rejects'").pluck().get()).toBe(1);
    opened.db.close();

    const backup = new Database(`${file}.v1.bak`, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare("SELECT value FROM rw_meta WHERE key = 'created_by'").pluck().get()).toBe('Rootwise 0.0.1');
    expect(backup.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'rw_rejects'").pluck().get()).toBe(0);
    backup.close();
  });

  it('upgrades a version 8 file to root-cause boards, keeping its dashboards, with strict tables that cascade', async () => {
    const file = path.join(dir, 'v8.rootwise');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    migrate(raw, 8);
    raw.prepare("INSERT INTO rw_dashboards (name, spec, position, created_at, updated_at) VALUES ('周会', '{}', 0, 'then', 'then')").run();
    raw.close();

    const opened = await openWorkbenchFile(file);
    const { db } = opened;
    expect(opened.migratedFrom).toEqual({ version: 8, backupPath: `${file}.v8.bak` });
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    expect(db.prepare('SELECT name FROM rw_dashboards').pluck().all()).toEqual(['周会']);
    const strict = db.prepare("SELECT name FROM pragma_table_list WHERE name LIKE 'rw_board%' AND strict = 1 ORDER BY name").pluck().all();
    expect(strict).toEqual(['rw_board_attachments', 'rw_board_revisions', 'rw_boards']);
    db.prepare("INSERT INTO rw_boards (id, name, spec, revision, position, created_at, updated_at) VALUES (1, 'b', '{}', 1, 0, 'now', 'now')").run();
    db.prepare("INSERT INTO rw_board_revisions VALUES (1, 1, '{}', 'board created', 'now')").run();
    db.prepare("INSERT INTO rw_board_attachments (board_id, name, mime, bytes, created_at) VALUES (1, 'a.png', 'image/png', x'89504e47', 'now')").run();
    expect(() => db.prepare("INSERT INTO rw_board_revisions VALUES (2, 1, '{}', '', 'now')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO rw_board_attachments (board_id, name, mime, bytes, created_at) VALUES (1, 'a', 'x', 'text', 'now')").run()).toThrow(/BLOB/);
    db.prepare('DELETE FROM rw_boards WHERE id = 1').run();
    expect(db.prepare('SELECT (SELECT count(*) FROM rw_board_revisions) + (SELECT count(*) FROM rw_board_attachments)').pluck().get()).toBe(0);
    db.close();

    const backup = new Database(`${file}.v8.bak`, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(8);
    expect(backup.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'rw_boards'").pluck().get()).toBe(0);
    backup.close();
  });

  it('upgrades a version 9 file to reports, keeping its boards, with a strict table that knows its templates', async () => {
    const file = path.join(dir, 'v9.rootwise');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    migrate(raw, 9);
    raw.prepare("INSERT INTO rw_boards (name, spec, revision, position, created_at, updated_at) VALUES ('退款', '{}', 1, 0, 'then', 'then')").run();
    raw.close();

    const opened = await openWorkbenchFile(file);
    const { db } = opened;
    expect(opened.migratedFrom).toEqual({ version: 9, backupPath: `${file}.v9.bak` });
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(10);
    expect(db.prepare('SELECT name FROM rw_boards').pluck().all()).toEqual(['退款']);
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'rw_reports'").pluck().get()).toBe(1);
    const insert = db.prepare('INSERT INTO rw_reports (name, spec, template, position, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)');
    insert.run('月度复盘', '{}', 'monthly-review', 'now', 'now');
    insert.run('空白', '{}', null, 'now', 'now');
    expect(() => insert.run('x', '{}', 'weekly', 'now', 'now')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO rw_reports (name, spec, position, created_at, updated_at) VALUES ('x', '{}', 'first', 'now', 'now')").run()).toThrow(/INTEGER/);
    expect(db.prepare('SELECT template FROM rw_reports ORDER BY id').pluck().all()).toEqual(['monthly-review', null]);
    db.close();

    const backup = new Database(`${file}.v9.bak`, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(9);
    expect(backup.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'rw_reports'").pluck().get()).toBe(0);
    backup.close();
  });

  it('refuses files that are not Rootwise workbenches', async () => {
    const text = path.join(dir, 'notes.rootwise');
    fs.writeFileSync(text, 'this is not a database at all, just some text that is long enough to not be a header.\n'.repeat(20));
    expect((await openError(text)).key).toBe('error.workbench.notRootwise');
    const other = path.join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect((await openError(other)).key).toBe('error.workbench.notRootwise');
    expect((await openError(path.join(dir, 'missing.rootwise'))).key).toBe('error.workbench.notFound');
  });
});
