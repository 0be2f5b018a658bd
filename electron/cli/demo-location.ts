import os from 'node:os';
import path from 'node:path';

/** Where `rootwise serve` / `start` keep the demo workbench when no file is given. */
export function defaultDemoWorkbench(): string {
  const home = process.env['ROOTWISE_HOME'] ?? path.join(os.homedir(), '.rootwise');
  return path.join(home, 'demo.rootwise');
}
