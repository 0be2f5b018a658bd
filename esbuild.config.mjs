// Bundles the Node side: the Electron main process, the sandboxed preload (one file, as a
// sandboxed preload must be), the `rootwise` CLI, the job and import workers and the benchmark.
// better-sqlite3 stays external (native addon); `electron` is provided by the runtime; exceljs is
// required at run time only when a workbook is imported (bundled in, it doubled every import's start).
// Run from the sources, report exports find plotly and the font in node_modules (see report-assets.ts).
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3', 'exceljs', 'prebuild-install', '@electron/rebuild', '@duckdb/node-api', 'playwright-core', 'plotly.js-dist-min/plotly.min.js', '@fontsource/noto-sans-sc/400.css'],
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      main: 'electron/main/main.ts',
      rootwise: 'electron/cli/rootwise.ts',
      'job-worker': 'electron/engine/jobs/job-worker.ts',
      'import-worker': 'electron/engine/jobs/import-worker.ts',
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

// What exported HTML and PDF reports inline (electron/engine/reports/report-assets.ts): plotly's
// script and the woff2 pieces of the app's font in the weights reports use.
const assets = 'dist/node/report-assets';
fs.mkdirSync(path.join(assets, 'fonts', 'files'), { recursive: true });
fs.copyFileSync('node_modules/plotly.js-dist-min/plotly.min.js', path.join(assets, 'plotly.min.js'));
for (const weight of [400, 500]) {
  const css = fs.readFileSync(`node_modules/@fontsource/noto-sans-sc/${weight}.css`, 'utf8');
  fs.writeFileSync(path.join(assets, 'fonts', `${weight}.css`), css);
  for (const [, file] of css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)/g)) fs.copyFileSync(`node_modules/@fontsource/noto-sans-sc/files/${file}`, path.join(assets, 'fonts', 'files', file));
}
