import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, HAS_SHARED_DATA, sharedData, tempDir } from '../../../support/paths';
import { cli } from '../../../support/run-cli';

describe('rootwise CLI', () => {
  let dir: string;
  let cleanup: () => void;
  let workbench: string;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    workbench = path.join(dir, 'demo.rootwise');
    const made = await cli(['demo', '--out', workbench, '--rows', '800', '--seed', '3']);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/5 tables, \d+ rows/);
  });
  afterAll(() => cleanup());

  it('queries a workbench with a spec file as JSON and as CSV, equal to SQLite', async () => {
    const spec = path.join(dir, 'spec.json');
    fs.writeFileSync(spec, JSON.stringify({ version: 1, table: 'tickets', dimensions: [{ field: 'channel' }], measures: [{ aggregate: 'count' }], filters: [], sort: [] }));
    const json = await cli(['query', '--workbench', workbench, '--spec', spec]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { rows: [string, number][]; rowCount: number };
    const db = new Database(workbench, { readonly: true });
    const expected = db.prepare('SELECT channel, COUNT(*) FROM tickets GROUP BY channel ORDER BY channel').raw(true).all();
    db.close();
    expect(parsed.rows).toEqual(expected);
    const csv = await cli(['query', '--workbench', workbench, '--spec', spec, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('channel,count');
    expect(csv.stdout.trim().split('\n')).toHaveLength(expected.length + 1);
  });

  it('prints every catalogue metric the roles allow, with value, unit and n, grouped and for a period, and lists the suggested roles it used', async () => {
    const text = await cli(['metrics', '--workbench', workbench, '--table', 'tickets']);
    expect(text.code).toBe(0);
    const db = new Database(workbench, { readonly: true });
    const tickets = db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
    expect(text.stdout).toMatch(new RegExp(`^ticket_volume +${tickets} +count +n=${tickets}$`, 'm'));
    expect(text.stdout).toMatch(/^nps +-?\d+\.\d\d +nps +n=\d+ +\[-?\d+\.\d\d, -?\d+\.\d\d\]$/m);
    expect(text.stderr).toContain('Using a suggested role nobody has confirmed: tickets.csat as csat (95% sure).');

    const csv = await cli(['metrics', '--workbench', workbench, '--table', 'tickets', '--metric', 'csat_mean,ticket_volume', '--by', 'channel', '--from', '2024-04-01', '--to', '2024-06-30', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('metric,group,value,unit,n,low,high,low_n,table,version');
    const expected = db
      .prepare("SELECT channel, AVG(csat), COUNT(csat) FROM tickets WHERE created_at >= '2024-04-01' AND created_at < '2024-07-01' GROUP BY channel ORDER BY channel")
      .raw(true)
      .all() as [string, number, number][];
    db.close();
    const csat = lines.slice(1).map((l) => l.split(',')).filter((cells) => cells[0] === 'csat_mean');
    expect(csat.map((cells) => cells[1])).toEqual(expected.map((r) => r[0]));
    csat.forEach((cells, i) => {
      expect(Number(cells[2])).toBeCloseTo(expected[i]![1], 9);
      expect(Number(cells[4])).toBe(expected[i]![2]);
    });

    const bad = await cli(['metrics', '--workbench', workbench, '--from', '2024-02-30x'], { LANG: 'zh_CN.UTF-8' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--from 需要 YYYY-MM-DD 格式的日期');
  });

  it.skipIf(!HAS_SHARED_DATA)('imports a real export and prints one JSON report', async () => {
    const result = await cli(['import', sharedData('tickets', 'nyc311_2022-05-01_924rows.csv'), '--workbench', workbench, '--table', 'nyc', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { table: string; rows: number; rejected: { rows: number; values: number }; columns: { name: string; type: string }[]; milliseconds: number };
    expect(report.table).toBe('nyc');
    expect(report.rows).toBe(924);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(report.columns).toHaveLength(41);
    expect(report.columns[0]).toEqual({ name: 'unique_key', label: 'Unique Key', type: 'integer', format: 'integer', rejected: 0, nullMarkers: 0 });
    // `05/01/2022 12:00:03 AM`: month-first with a 12-hour clock, decided from the data
    expect(report.columns.find((c) => c.name === 'created_date')).toMatchObject({ type: 'datetime', format: 'mdy' });
    expect(report.milliseconds).toBeGreaterThan(0);
  });

  it('appends next month with a chosen delimiter and encoding, reporting the reconciled columns', async () => {
    const october = path.join(dir, 'oct.txt');
    fs.writeFileSync(october, 'agent|handled\na1|10\na2|12\n');
    const first = await cli(['import', october, '--workbench', workbench, '--table', 'agents', '--delimiter', 'pipe', '--encoding', 'utf-8', '--json']);
    expect(first.code).toBe(0);
    const november = path.join(dir, 'nov.txt');
    fs.writeFileSync(november, 'handled|agent|team\n7|a3|华东\n');
    const second = await cli(['import', november, '--workbench', workbench, '--append', 'agents', '--delimiter', 'pipe', '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ table: 'agents', rows: 1, appended: { newColumns: ['team'], missingColumns: [], rowsBefore: 2, rowsAfter: 3 } });
    const db = new Database(workbench, { readonly: true });
    expect(db.prepare('SELECT agent, handled, team FROM agents ORDER BY rowid').raw(true).all()).toEqual([
      ['a1', 10, null],
      ['a2', 12, null],
      ['a3', 7, '华东'],
    ]);
    db.close();
    const bad = await cli(['import', november, '--workbench', workbench, '--delimiter', 'space']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--delimiter must be one of');
  });

  it('imports every sheet of a workbook as a table of its own, one JSON report per line', async () => {
    const book = new Workbook();
    book.addWorksheet('电话').addRows([['agent', 'calls'], ['李娜', 31], ['王强', 27]]);
    book.addWorksheet('邮件').addRows([['agent', 'mails'], ['李娜', 12]]);
    const file = path.join(dir, '渠道.xlsx');
    await book.xlsx.writeFile(file);
    const result = await cli(['import', file, '--workbench', workbench, '--all-sheets', '--json']);
    expect(result.code).toBe(0);
    const reports = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { table: string; sheet: string; rows: number });
    expect(reports.map((r) => [r.table, r.sheet, r.rows])).toEqual([
      ['渠道_电话', '电话', 2],
      ['渠道_邮件', '邮件', 1],
    ]);
  });

  it('sends errors to stderr in the user language with a non-zero exit code', async () => {
    const missing = await cli(['import', path.join(dir, 'nope.csv'), '--workbench', workbench], { LANG: 'zh_CN.UTF-8' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('不存在或无法读取');
    expect(missing.stdout).toBe('');
    const noWorkbench = await cli(['query', '--workbench', path.join(dir, 'none.rootwise'), '--spec', 'x.json']);
    expect(noWorkbench.code).toBe(1);
    expect(noWorkbench.stderr).toMatch(/^rootwise: /);
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage: rootwise');
    expect((await cli(['demo'])).stderr).toContain('--out is required');
  });

  it('serves on 127.0.0.1 with a per-run token and refuses requests without it', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--workbench', workbench], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /^Rootwise available at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const status = (target: string) =>
        new Promise<number>((resolve, reject) => http.get(target, (res) => resolve(res.statusCode ?? 0)).on('error', reject));
      const { origin, search } = new URL(url);
      expect(await status(`${origin}/`)).toBe(403);
      expect(await status(`${origin}/api/events`)).toBe(403);
      expect(await status(`${origin}/${search}`)).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
