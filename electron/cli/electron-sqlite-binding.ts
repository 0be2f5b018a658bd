import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type SqliteBinding = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/**
 * better-sqlite3 is a V8 addon: the build made for Node cannot load in Electron. `rootwise start`
 * keeps a second copy built for the installed Electron in node_modules/.cache and hands it to the
 * engine (`nativeBinding`), leaving the Node build that the tests use untouched. It tries the
 * prebuilt binary first (prebuild-install), then a local build against Electron's headers
 * (@electron/rebuild); both need a network once, and say so when they cannot reach it.
 */
export function ensureElectronSqliteBinding(electronVersion: string): SqliteBinding {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  } catch {
    return { ok: false, reason: 'better-sqlite3 is not installed' };
  }
  const cacheRoot = path.join(path.dirname(packageDir), '.cache', 'rootwise', `electron-${electronVersion}-${process.arch}`);
  const moduleDir = path.join(cacheRoot, 'node_modules', 'better-sqlite3');
  const binding = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return { ok: true, path: binding };

  fs.rmSync(cacheRoot, { recursive: true, force: true });
  fs.cpSync(packageDir, moduleDir, { recursive: true, filter: (source) => !source.startsWith(path.join(packageDir, 'build')) });
  fs.writeFileSync(path.join(cacheRoot, 'package.json'), JSON.stringify({ name: 'rootwise-electron-sqlite', private: true }));

  const attempts: string[] = [];
  const tryTool = (label: string, script: () => string, args: string[], cwd: string): boolean => {
    let resolved: string;
    try {
      resolved = script();
    } catch {
      attempts.push(`${label} is not installed`);
      return false;
    }
    console.log(`Preparing better-sqlite3 for Electron ${electronVersion} (${label})…`);
    const run = spawnSync(process.execPath, [resolved, ...args], { cwd, encoding: 'utf8', timeout: 10 * 60_000 });
    if (fs.existsSync(binding)) return true;
    const detail = `${run.stderr}${run.stdout}`.trim().split('\n').filter((l) => l.trim() !== '').at(-1) ?? `exit ${run.status ?? 'unknown'}`;
    attempts.push(`${label}: ${detail}`);
    return false;
  };

  const ok =
    tryTool('prebuild-install', () => require.resolve('prebuild-install/bin.js', { paths: [packageDir] }), ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`], moduleDir) ||
    tryTool('@electron/rebuild', () => require.resolve('@electron/rebuild/lib/cli.js'), ['--version', electronVersion, '--module-dir', cacheRoot, '--only', 'better-sqlite3', '--force'], cacheRoot);
  if (ok) return { ok: true, path: binding };
  return { ok: false, reason: `better-sqlite3 could not be built for Electron ${electronVersion} (${attempts.join('; ')})` };
}

/** The installed Electron's version, read from its package without loading it. */
export function installedElectronVersion(): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version?: string };
    return manifest.version;
  } catch {
    return undefined;
  }
}
