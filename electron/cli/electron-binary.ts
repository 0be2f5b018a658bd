import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

export interface FindElectronOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** Where to resolve the `electron` package from; defaults to this module, or the working directory. */
  readonly resolveFrom?: string;
}

/** Where the executable sits inside `electron/dist`, as electron's own install.js lays it out. */
const EXECUTABLE_IN_DIST: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
};

/**
 * Finds the Electron executable the way `require('electron')` would, without requiring it:
 * since Electron 45, `require('electron')` in plain Node starts a download when the binary is
 * missing, and this machine (like many CI machines) has no route to GitHub.
 */
export function findElectronBinary(options: FindElectronOptions = {}): ElectronBinary {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;

  const packageJsonPath = resolveElectronPackage(options.resolveFrom);
  if (packageJsonPath === undefined) {
    return { ok: false, reason: 'the electron package is not installed (npm install --save-dev electron)' };
  }
  const electronDir = path.dirname(packageJsonPath);
  const version = readVersion(packageJsonPath);
  const electron = version === undefined ? 'Electron' : `Electron ${version}`;

  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : EXECUTABLE_IN_DIST[platform];
  if (executable === undefined || executable === '') {
    return { ok: false, reason: `Electron publishes no binary for the platform ${platform}` };
  }

  const overrideDist = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (overrideDist !== undefined && overrideDist !== '') {
    const overridden = path.join(overrideDist, executable);
    return existsSync(overridden)
      ? { ok: true, path: overridden }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${overridden} does not exist` };
  }

  const distDir = path.join(electronDir, 'dist');
  if (!existsSync(distDir)) {
    return {
      ok: false,
      reason: `electron/dist is missing: the ${electron} binary was not downloaded (run "node node_modules/electron/install.js" on a machine that can reach GitHub)`,
    };
  }
  const binary = path.join(distDir, executable);
  if (!existsSync(binary)) {
    return { ok: false, reason: `electron/dist has no ${executable}: the ${electron} download is incomplete or for another platform` };
  }
  const distVersion = readDistVersion(distDir);
  if (distVersion !== undefined && version !== undefined && distVersion !== version) {
    return { ok: false, reason: `electron/dist holds Electron ${distVersion}, but the installed package is ${version}: download it again` };
  }
  return { ok: true, path: binary };
}

/** From `resolveFrom` when given; else from this module (the bundle in dist/node), then from the
 * working directory. */
function resolveElectronPackage(resolveFrom: string | undefined): string | undefined {
  const requires: NodeJS.Require[] = [];
  if (resolveFrom !== undefined) requires.push(createRequire(path.join(resolveFrom, 'noop.js')));
  else {
    // an ES module (vitest) has no CommonJS `require`
    if (typeof require === 'function') requires.push(require);
    requires.push(createRequire(path.join(process.cwd(), 'noop.js')));
  }
  for (const candidate of requires) {
    try {
      return candidate.resolve('electron/package.json');
    } catch {
      // not reachable from here; try the next place
    }
  }
  return undefined;
}

function readVersion(packageJsonPath: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  } catch {
    // fall through: the version only makes the messages clearer
  }
  return undefined;
}

function readDistVersion(distDir: string): string | undefined {
  try {
    return readFileSync(path.join(distDir, 'version'), 'utf8').trim().replace(/^v/, '');
  } catch {
    return undefined;
  }
}
