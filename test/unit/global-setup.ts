import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Unit and contract tests drive the real job worker and CLI bundles, so build them first
 * (`npm test` has built everything already; this keeps `npx vitest` working on its own). */
export default function setup(): void {
  const root = path.resolve(__dirname, '..', '..');
  // for quick iterations on an already built tree
  if (process.env['ROOTWISE_SKIP_BUILD'] === '1') return;
  execFileSync(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root, stdio: 'inherit' });
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
}
