// `npm run bench`: Rootwise against the sqlite3 shell, measured in the same run on the same data.
// Prints each figure as a ratio against its anchor and rewrites docs/benchmarks.md.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../../electron/engine/engine';
import { generateDemoDataset } from '../../electron/engine/demo/generate-demo';
import { csvCell } from '../../electron/cli/csv-output';
import type { QuerySpec } from '../../shared/spec/query-spec';

const ROWS = Number(process.env['ROOTWISE_BENCH_ROWS'] ?? 200_000);
const REPEATS = 3;
const root = path.resolve(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwise-bench-'));

function sqlite3Binary(): string | undefined {
  const found = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? 'sqlite3' : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeIt(fn: () => Promise<void> | void): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** The demo tickets table written out as a plain UTF-8 CSV, the import benchmark's input. */
function writeTicketsCsv(file: string): number {
  const tickets = generateDemoDataset({ rows: ROWS, seed: 42 }).find((t) => t.name === 'tickets')!;
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, tickets.columns.map((c) => c.name).join(',') + '\n');
  let buffer: string[] = [];
  for (const row of tickets.rows()) {
    buffer.push(row.map(csvCell).join(','));
    if (buffer.length === 10_000) {
      fs.writeSync(out, buffer.join('\n') + '\n');
      buffer = [];
    }
  }
  if (buffer.length > 0) fs.writeSync(out, buffer.join('\n') + '\n');
  fs.closeSync(out);
  return fs.statSync(file).size;
}

interface Figure {
  readonly name: string;
  readonly rootwiseMs: number;
  readonly anchor: string;
  readonly anchorMs: number | undefined;
  readonly note: string;
}

async function main(): Promise<void> {
  const sqlite3 = sqlite3Binary();
  if (sqlite3 === undefined) console.log('The sqlite3 shell is missing, so anchors are not measured: install it with `apt-get install -y sqlite3`.');
  const csv = path.join(work, 'tickets.csv');
  const bytes = writeTicketsCsv(csv);
  console.log(`input: ${ROWS.toLocaleString('en')} tickets, ${(bytes / 1e6).toFixed(1)} MB CSV`);
  const figures: Figure[] = [];

  // 1. import: typed table + rejects + profile, in a worker, versus `.import --csv` (all TEXT, no checks)
  let n = 0;
  const importMs = await timeIt(async () => {
    const engine = new Engine({ workerScript: path.join(__dirname, 'job-worker.cjs') });
    await engine.createWorkbench({ path: path.join(work, `import-${n++}.rootwise`) });
    await engine.importFile({ source: { kind: 'path', path: csv }, table: 'tickets' });
    engine.close();
  });
  const anchorImportMs =
    sqlite3 === undefined
      ? undefined
      : await timeIt(() => {
          execFileSync(sqlite3, [path.join(work, `anchor-${n++}.db`), '-cmd', 'PRAGMA journal_mode=WAL', '.import --csv ' + csv + ' tickets']);
        });
  figures.push({ name: `import ${ROWS.toLocaleString('en')}-row tickets CSV`, rootwiseMs: importMs, anchor: 'sqlite3 shell `.import --csv`', anchorMs: anchorImportMs, note: 'Rootwise also infers types, converts dates, keeps rejects and profiles every column; the shell stores text only' });

  // 2. a group-by through the query engine (compile + run + Arrow) versus the same SQL in the shell
  const workbench = path.join(work, 'import-0.rootwise');
  const engine = new Engine({ workerScript: path.join(__dirname, 'job-worker.cjs') });
  await engine.openWorkbench({ path: workbench });
  const spec: QuerySpec = {
    version: 1,
    table: 'tickets',
    dimensions: [{ field: 'region' }, { field: 'created_at', timeUnit: 'month' }],
    measures: [{ aggregate: 'avg', field: 'csat' }, { aggregate: 'count' }],
    filters: [],
    sort: [],
  };
  await engine.query({ spec });
  const queryMs = await timeIt(async () => {
    await engine.query({ spec });
  });
  engine.close();
  let anchorQueryMs: number | undefined;
  if (sqlite3 !== undefined) {
    const sql = `SELECT region, strftime('%Y-%m', created_at) AS m, AVG(csat), COUNT(*) FROM tickets GROUP BY 1, 2 ORDER BY 1, 2;`;
    const timings: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      // SQL on stdin: the shell's timer only reports statements it reads itself
      const out = execFileSync(sqlite3, ['-cmd', '.timer on', workbench], { input: sql, encoding: 'utf8' });
      const real = /Run Time: real ([\d.]+)/.exec(out);
      if (real !== null) timings.push(Number(real[1]) * 1000);
    }
    anchorQueryMs = timings.length > 0 ? median(timings) : undefined;
  }
  figures.push({ name: 'group-by region × month: avg CSAT, count', rootwiseMs: queryMs, anchor: 'sqlite3 shell, same SQL (`.timer on`)', anchorMs: anchorQueryMs, note: 'Rootwise time includes compiling the spec and encoding Arrow' });

  // report
  const ratio = (f: Figure): string => (f.anchorMs === undefined ? 'n/a' : `${(f.rootwiseMs / f.anchorMs).toFixed(2)}×`);
  for (const f of figures) {
    console.log(`${f.name}: Rootwise ${f.rootwiseMs.toFixed(0)} ms, ${f.anchor} ${f.anchorMs === undefined ? 'n/a' : `${f.anchorMs.toFixed(0)} ms`}, ratio ${ratio(f)} (lower is better)`);
  }
  const sqliteVersion = sqlite3 === undefined ? 'not installed' : execFileSync(sqlite3, ['--version'], { encoding: 'utf8' }).split(' ')[0];
  const doc = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, sqlite3 shell ${sqliteVersion}).`,
    `Input: the demo generator's tickets table, ${ROWS.toLocaleString('en')} rows (${(bytes / 1e6).toFixed(1)} MB CSV, seed 42). Each figure is the median of ${REPEATS} runs; the anchor is measured in the same run. Ratio = Rootwise ÷ anchor: below 1 means Rootwise is faster.`,
    '',
    '| what | Rootwise | anchor | anchor time | ratio | note |',
    '|---|---:|---|---:|---:|---|',
    ...figures.map((f) => `| ${f.name} | ${f.rootwiseMs.toFixed(0)} ms | ${f.anchor} | ${f.anchorMs === undefined ? 'n/a' : `${f.anchorMs.toFixed(0)} ms`} | ${ratio(f)} | ${f.note} |`),
    '',
  ].join('\n');
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'docs', 'benchmarks.md'), doc);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
