// Bundles the Node side: the Electron main process, the sandboxed preload (one file, as a
// sandboxed preload must be), the `rootwise` CLI, the import worker and the benchmark.
// better-sqlite3 stays external (native addon); `electron` is provided by the runtime; exceljs is
// required at run time only when a workbook is imported (bundled in, it doubled every import's start).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3', 'exceljs', 'prebuild-install', '@electron/rebuild', '@duckdb/node-api', 'playwright-core'],
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      main: 'electron/main/main.ts',
      rootwise: 'electron/cli/rootwise.ts',
      'job-worker': 'electron/engine/jobs/job-worker.ts',
      'import-reader': 'electron/engine/import/reader-worker.ts',
      'query-worker': 'electron/engine/query/query-worker.ts',
      bench: 'test/bench/bench.ts',
      'bench-import': 'test/bench/bench-import.ts',
      'bench-recipe': 'test/bench/bench-recipe.ts',
    },
    outdir: 'dist/node',
    outExtension: { '.js': '.cjs' },
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/preload/preload.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
    sourcemap: false,
  }),
]);
