import path from 'node:path';
import type { RootwiseApi } from '../../shared/api/contract';
import type { WorkbenchInfo } from '../../shared/api/types';
import { DEFAULT_DEMO_OPTIONS } from '../engine/demo/demo-dataset';

export const WORKBENCH_EXTENSION = '.rootwise';
export const DEMO_WORKBENCH_FILE = 'demo.rootwise';

export function isWorkbenchPath(candidate: string): boolean {
  return candidate.toLowerCase().endsWith(WORKBENCH_EXTENSION);
}

/**
 * The workbench named on a command line. argv holds the executable, Chromium and Node flags, the
 * app path when Electron runs unpackaged (`electron dist/node/main.cjs`), then the files, so the
 * first argument that is not a flag and names a `.rootwise` file is the one.
 */
export function workbenchPathFromArgv(argv: readonly string[], workingDirectory: string): string | undefined {
  const named = argv.slice(1).find((arg) => !arg.startsWith('-') && isWorkbenchPath(arg));
  return named === undefined ? undefined : path.resolve(workingDirectory, named);
}

export interface StartupPlan {
  /** From the command line or the OS (open-file); tried first. */
  readonly requested: string | undefined;
  /** Newest first. */
  readonly recent: readonly string[];
  readonly demoPath: string;
  readonly exists: (file: string) => boolean;
}

/**
 * Opens what the user asked for, else the newest recent workbench that still exists, else the demo
 * workbench (created on first use, opened afterwards). A file that fails is reported and the next
 * choice is tried, so the window never starts empty because one file went bad.
 */
export async function openStartupWorkbench(
  api: Pick<RootwiseApi, 'openWorkbench' | 'createWorkbench'>,
  plan: StartupPlan,
  reportError: (error: unknown) => void,
): Promise<WorkbenchInfo | null> {
  const tried = new Set<string>();
  const open = async (file: string): Promise<WorkbenchInfo | null> => {
    tried.add(path.resolve(file));
    try {
      return await api.openWorkbench({ path: file });
    } catch (error) {
      reportError(error);
      return null;
    }
  };

  if (plan.requested !== undefined) {
    const opened = await open(plan.requested);
    if (opened !== null) return opened;
  }
  const recent = plan.recent.find((file) => !tried.has(path.resolve(file)) && plan.exists(file));
  if (recent !== undefined) {
    const opened = await open(recent);
    if (opened !== null) return opened;
  }
  if (tried.has(path.resolve(plan.demoPath))) return null;
  if (plan.exists(plan.demoPath)) return open(plan.demoPath);
  try {
    return await api.createWorkbench({ path: plan.demoPath, demo: DEFAULT_DEMO_OPTIONS });
  } catch (error) {
    reportError(error);
    return null;
  }
}
