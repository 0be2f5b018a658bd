// The cleaning figures of `npm run bench`: a 10-step recipe on a million dirty tickets and the
// clustering of a column's 100,000 distinct values, each in a process of its own (bench-recipe.cjs)
// so that its peak memory is its own, against the targets of the cleaning issue.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorkbenchFile } from '../../electron/engine/workbench/workbench-file';
import { writeDirtyTickets } from './dirty-tickets';

export interface CleanFigure {
  readonly name: string;
  readonly ms: number;
  readonly target: number;
  readonly note: string;
}

const RECIPE_TARGET_MS = 10_000;
const RECIPE_RSS_TARGET_MB = 400;
const CLUSTER_TARGET_MS = 5_000;

export function benchClean(options: { readonly root: string; readonly work: string; readonly rows: number; readonly accounts: number; readonly seed: number; readonly log: (line: string) => void }): CleanFigure[] {
  const workbench = path.join(options.work, 'dirty.rootwise');
  const made = performance.now();
  const opened = createWorkbenchFile(workbench, 'bench');
  writeDirtyTickets(opened.db, 'dirty_tickets', options.rows, options.seed, options.accounts);
  opened.db.close();
  options.log(`clean: ${options.rows.toLocaleString('en')} dirty tickets written in ${Math.round((performance.now() - made) / 1000)} s`);
  const script = path.join(options.root, 'dist', 'node', 'bench-recipe.cjs');

  const run = JSON.parse(execFileSync(process.execPath, [script, 'run', workbench], { encoding: 'utf8' })) as { ms: number; rowsIn: number; rowsOut: number; steps: number; clusters: number; peakRssMb: number };
  options.log(`clean: ${run.steps}-step recipe ${Math.round(run.ms)} ms, ${run.rowsIn} rows in, ${run.rowsOut} out, peak RSS ${Math.round(run.peakRssMb)} MB`);
  const clustered = JSON.parse(execFileSync(process.execPath, [script, 'cluster', workbench], { encoding: 'utf8' })) as { distinct: number; methods: { method: string; ms: number; clusters: number }[] };
  options.log(`clean: clustering ${clustered.distinct} distinct values: ${clustered.methods.map((m) => `${m.method} ${Math.round(m.ms)} ms (${m.clusters} clusters)`).join(', ')}`);

  const figures: CleanFigure[] = [
    {
      name: `${run.steps}-step recipe on ${options.rows.toLocaleString('en')} dirty tickets`,
      ms: run.ms,
      target: RECIPE_TARGET_MS,
      note: `trim, full-width to half-width, map values, merge the region's ${run.clusters} fingerprint clusters, dedupe by ticket id, parse dates, two derived columns, mask phones, filter; ${run.rowsIn.toLocaleString('en')} rows in, ${run.rowsOut.toLocaleString('en')} out, written as the clean table in one transaction through the job thread. Peak RSS of the whole process ${Math.round(run.peakRssMb)} MB (target ${RECIPE_RSS_TARGET_MB} MB)`,
    },
    ...clustered.methods.map((m) => ({
      name: `cluster a column of ${clustered.distinct.toLocaleString('en')} distinct values: ${m.method}`,
      ms: m.ms,
      target: CLUSTER_TARGET_MS,
      note: `through the API: count the column's values over ${options.rows.toLocaleString('en')} rows in SQLite, then cluster them; ${m.clusters.toLocaleString('en')} clusters proposed`,
    })),
  ];
  return figures;
}
