import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { JOB_WORKER, tempDir } from './paths';

export interface EngineWorkbench {
  readonly engine: Engine;
  /** The temporary folder holding the workbench `wb.rootwise`. */
  readonly dir: string;
  readonly workbenchPath: string;
}

/** A real engine on a fresh, empty workbench file for every test, removed afterwards. */
export function useEngineWorkbench(): EngineWorkbench {
  let current: { engine: Engine; dir: string; cleanup: () => void } | undefined;
  beforeEach(async () => {
    const { dir, cleanup } = tempDir();
    const engine = new Engine({ workerScript: JOB_WORKER });
    await engine.createWorkbench({ path: path.join(dir, 'wb.rootwise') });
    current = { engine, dir, cleanup };
  });
  afterEach(() => {
    current?.engine.close();
    current?.cleanup();
    current = undefined;
  });
  const now = (): { engine: Engine; dir: string } => {
    if (current === undefined) throw new Error('the engine workbench exists only inside a test');
    return current;
  };
  return {
    get engine() {
      return now().engine;
    },
    get dir() {
      return now().dir;
    },
    get workbenchPath() {
      return path.join(now().dir, 'wb.rootwise');
    },
  };
}

/** A real engine on a demo workbench shared by the tests of one file, created once and removed afterwards. */
export function useDemoWorkbench(demo: { readonly rows: number; readonly seed: number }): EngineWorkbench {
  let current: { engine: Engine; dir: string; cleanup: () => void } | undefined;
  beforeAll(async () => {
    const { dir, cleanup } = tempDir();
    const engine = new Engine({ workerScript: JOB_WORKER });
    await engine.createWorkbench({ path: path.join(dir, 'demo.rootwise'), demo });
    current = { engine, dir, cleanup };
  }, 60_000);
  afterAll(() => {
    current?.engine.close();
    current?.cleanup();
    current = undefined;
  });
  const now = (): { engine: Engine; dir: string } => {
    if (current === undefined) throw new Error('the demo workbench exists only inside the tests of its file');
    return current;
  };
  return {
    get engine() {
      return now().engine;
    },
    get dir() {
      return now().dir;
    },
    get workbenchPath() {
      return path.join(now().dir, 'demo.rootwise');
    },
  };
}
