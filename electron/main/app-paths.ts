import path from 'node:path';

/** Where the built pieces sit relative to the main bundle (dist/node/main.cjs), packaged or not. */
export interface AppPaths {
  /** Vite's output: index.html and assets, served on the app scheme. */
  readonly rendererDir: string;
  readonly preloadScript: string;
  /** The engine's worker thread bundle. */
  readonly workerScript: string;
  /** The offline user guide, opened by Help > Documentation when it is there. It lives outside
   * app.asar (electron-builder's extraResources) because the system browser must read it. */
  readonly userDocs: string;
}

export function appPaths(mainBundleDir: string, packagedResourcesDir: string | null): AppPaths {
  const distDir = path.resolve(mainBundleDir, '..');
  const repoDir = path.resolve(distDir, '..');
  return {
    rendererDir: path.join(distDir, 'renderer'),
    preloadScript: path.join(distDir, 'preload', 'preload.cjs'),
    workerScript: path.join(mainBundleDir, 'job-worker.cjs'),
    userDocs: packagedResourcesDir === null ? path.join(repoDir, 'docs', 'user', 'index.html') : path.join(packagedResourcesDir, 'docs', 'index.html'),
  };
}
