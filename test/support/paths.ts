import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DIST_NODE = path.join(REPO_ROOT, 'dist', 'node');
export const JOB_WORKER = path.join(DIST_NODE, 'job-worker.cjs');
export const CLI = path.join(DIST_NODE, 'rootwise.cjs');

/** The team's real public data (../shared/data beside the repo); tests that need it skip, saying so, when it is absent. */
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
export const HAS_SHARED_DATA = fs.existsSync(path.join(SHARED_DATA, 'SOURCES.md'));
if (!HAS_SHARED_DATA) console.warn(`[rootwise tests] ${SHARED_DATA} is absent: tests on the shared real data are skipped.`);

export function sharedData(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}

/** A fresh temporary folder per call, removed by the returned cleanup. */
export function tempDir(prefix = 'rootwise-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
