import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../../../electron/engine/import/import-file';
import { configureConnection, createWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { CLI, DIST_NODE, tempDir } from '../../../../support/paths';

let dir = '';
let cleanup = (): void => undefined;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

/** A plain CSV of `rows` rows, big enough that its import takes a while. */
function bigCsv(rows: number): string {
  const file = path.join(dir, 'big.csv');
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'id,name,amount,created_at\n');
  for (let from = 0; from < rows; from += 50_000) {
    const block: string[] = [];
    for (let i = from; i < Math.min(rows, from + 50_000); i++) block.push(`${i},客户${i % 977},${(i % 1000) / 10},2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`);
    fs.writeSync(out, `${block.join('\n')}\n`);
  }
  fs.closeSync(out);
  return file;
}

function newWorkbench(): string {
  const workbench = path.join(dir, 'wb.rootwise');
  createWorkbenchFile(workbench, 'test').db.close();
  return workbench;
}

function tablesOf(workbench: string): { tables: unknown[]; imports: number; check: string } {
  const db = new Database(workbench, { readonly: true });
  try {
    return {
      tables: db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'rw\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").pluck().all(),
      imports: db.prepare('SELECT COUNT(*) FROM rw_imports').pluck().get() as number,
      check: db.pragma('quick_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('an import is all or nothing', () => {
  it('on a full disk: SQLite refuses the pages, the transaction rolls back, and the message says so in both languages', async () => {
    const workbench = newWorkbench();
    const db = new Database(workbench);
    configureConnection(db);
    // the file may grow by a few pages only: as if the disk were full
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 30}`);
    const error = await importFile(db, {
      source: { kind: 'path', path: bigCsv(20_000) },
      readerScript: path.join(DIST_NODE, 'import-reader.cjs'),
      cancel: new SharedArrayBuffer(4),
      onProgress: () => undefined,
      checkCancelled: () => undefined,
    }).catch((e: unknown) => e);
    db.close();
    expect(error).toMatchObject({ key: 'error.import.diskFull', params: { file: 'big.csv' } });
    expect(tablesOf(workbench)).toEqual({ tables: [], imports: 0, check: 'ok' });
  });

  it('when the process is killed in the middle of writing, the workbench opens as it was', async () => {
    const workbench = newWorkbench();
    const csv = bigCsv(600_000);
    const child = spawn(process.execPath, [CLI, 'import', csv, '--workbench', workbench], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // wait until rows are being written (the write-ahead log grows), then kill without warning
    const wal = `${workbench}-wal`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(fs.existsSync(wal) && fs.statSync(wal).size > 4 * 1024 * 1024)) await new Promise((r) => setTimeout(r, 20));
    expect(fs.statSync(wal).size).toBeGreaterThan(4 * 1024 * 1024);
    child.kill('SIGKILL');
    await exited;
    expect(tablesOf(workbench)).toEqual({ tables: [], imports: 0, check: 'ok' });
  });

  it('a quote never closed in 9 M characters (26 MB) of Chinese text is refused with its line by the reader thread, within its heap cap', async () => {
    const workbench = newWorkbench();
    const file = path.join(dir, 'open-quote.csv');
    fs.writeFileSync(file, `a,b\n1,2\n3,"${'客户反馈处理意见'.repeat(9).concat('\n').repeat(120_000)}`);
    const db = new Database(workbench);
    configureConnection(db);
    const error = await importFile(db, {
      source: { kind: 'path', path: file },
      readerScript: path.join(DIST_NODE, 'import-reader.cjs'),
      cancel: new SharedArrayBuffer(4),
      onProgress: () => undefined,
      checkCancelled: () => undefined,
    }).catch((e: unknown) => e);
    db.close();
    expect(error).toMatchObject({ payload: { key: 'error.import.recordTooLarge', params: { file: 'open-quote.csv', line: 3 } } });
    expect(tablesOf(workbench)).toEqual({ tables: [], imports: 0, check: 'ok' });
  });
});
