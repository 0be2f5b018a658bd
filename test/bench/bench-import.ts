// One import in a process of its own, so that its peak memory is the import's alone:
// `node bench-import.cjs FILE WORKBENCH` prints {"ms":…, "rows":…, "peakRssMb":…}.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../../electron/engine/engine';

async function main(): Promise<void> {
  const [file, workbench] = process.argv.slice(2);
  if (file === undefined || workbench === undefined) throw new Error('usage: bench-import FILE WORKBENCH');
  const engine = new Engine({ workerScript: path.join(__dirname, 'job-worker.cjs') });
  await engine.createWorkbench({ path: workbench });
  const started = performance.now();
  const report = await engine.importFile({ source: { kind: 'path', path: file }, table: 'tickets' });
  const ms = performance.now() - started;
  engine.close();
  // maxRSS covers every thread of the process: the engine, the job's writer and its reader
  console.log(JSON.stringify({ ms, rows: report.rows, rejected: report.rejected, peakRssMb: process.resourceUsage().maxRSS / 1024, types: report.columns.map((c) => c.format) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
