// One import in a process of its own, so that its peak memory is the import's alone:
// `node bench-import.cjs FILE WORKBENCH` prints {"ms":…, "foldedMs":…, "rows":…, "peakRssMb":…}:
// the time until the import's report, and until its write-ahead log is folded into the file.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Engine } from '../../electron/engine/engine';

async function main(): Promise<void> {
  const [file, workbench] = process.argv.slice(2);
  if (file === undefined || workbench === undefined) throw new Error('usage: bench-import FILE WORKBENCH');
  const engine = new Engine({ workerScript: path.join(__dirname, 'job-worker.cjs') });
  await engine.createWorkbench({ path: workbench });
  const started = performance.now();
  const report = await engine.importFile({ source: { kind: 'path', path: file }, table: 'tickets' });
  const ms = performance.now() - started;
  // the job's thread folds the write-ahead log into the file once the report is out: waited for
  // here (a checkpoint of our own, tried until that one is over), to say how long the whole write took
  const db = new Database(workbench);
  // a checkpoint finding another under way says busy rather than waiting for it
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while ((db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]!.busy !== 0) Atomics.wait(pause, 0, 0, 10);
  db.close();
  const foldedMs = performance.now() - started;
  engine.close();
  // maxRSS covers every thread of the process: the engine, the job's writer and its reader
  console.log(JSON.stringify({ ms, foldedMs, rows: report.rows, rejected: report.rejected, peakRssMb: process.resourceUsage().maxRSS / 1024, types: report.columns.map((c) => c.format) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
