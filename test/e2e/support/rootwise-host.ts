import { execFileSync, type ChildProcess } from 'node:child_process';
import { test } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveWorkbench } from '../../support/serve-workbench';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'node', 'rootwise.cjs');

export interface RunningRootwise {
  readonly url: string;
  readonly workbenchPath: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
  /** Runs SQL on the workbench file itself, read-only, beside the running app. */
  sql<T>(query: string, ...params: unknown[]): T[];
}

/**
 * Makes a demo (or empty) workbench with `rootwise demo` (`rootwise new`) and serves it with `rootwise serve`, reading the
 * `Rootwise available at …` line the host prints — the same commands a user runs.
 */
export async function startRootwise(options: { rows?: number; seed?: number; empty?: boolean } = {}): Promise<RunningRootwise> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwise-e2e-'));
  const workbenchPath = path.join(dir, options.empty === true ? 'empty.rootwise' : 'demo.rootwise');
  if (options.empty === true) execFileSync(process.execPath, [CLI, 'new', workbenchPath], { stdio: 'pipe' });
  else execFileSync(process.execPath, [CLI, 'demo', '--out', workbenchPath, '--rows', String(options.rows ?? 5000), '--seed', String(options.seed ?? 42)], { stdio: 'pipe' });
  const { url, child } = await serveWorkbench(CLI, workbenchPath, dir, 30_000);
  return {
    url,
    workbenchPath,
    process: child,
    sql<T>(query: string, ...params: unknown[]): T[] {
      const db = new Database(workbenchPath, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(query).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Serves one workbench for all the tests of a spec file: started before the first test, stopped
 * after the last. Returns an accessor for use inside the tests.
 */
export function useServedWorkbench(options: Parameters<typeof startRootwise>[0] = {}): () => RunningRootwise {
  let host: RunningRootwise | undefined;
  test.beforeAll(async () => {
    host = await startRootwise(options);
  });
  test.afterAll(async () => {
    await host?.stop();
  });
  return () => {
    if (host === undefined) throw new Error('the served workbench starts in beforeAll');
    return host;
  };
}
