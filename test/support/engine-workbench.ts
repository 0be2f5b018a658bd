import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { JOB_WORKER, tempDir } from './paths';

export interface EngineWorkbench {
  readonly engine: Engine;
  /** The temporary folder holding the workbench. */
  readonly dir: string;
  readonly workbenchPath: string;
}

/** A real engine on a workbench file in a temporary folder, made before and removed after each
 * test (`per: 'test'`) or once for the tests of a file (`per: 'file'`). */
function useWorkbench(file: string, per: 'test' | 'file', demo?: { readonly rows: number; readonly seed: number }): EngineWorkbench {
  let current: { engine: Engine; dir: string; cleanup: () => void } | undefined;
  const setUp = async (): Promise<void> => {
    const { dir, cleanup } = tempDir();
    const engine = new Engine({ workerScript: JOB_WORKER });
    await engine.createWorkbench({ path: path.join(dir, file), demo });
    current = { engine, dir, cleanup };
  };
  const tearDown = (): void => {
    current?.engine.close();
    current?.cleanup();
    current = undefined;
  };
  if (per === 'test') {
    beforeEach(setUp);
    afterEach(tearDown);
  } else {
    beforeAll(setUp, 60_000);
    afterAll(tearDown);
  }
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
      return path.join(now().dir, file);
    },
  };
}

/** A real engine on a fresh, empty workbench file (`wb.rootwise`) for every test, removed afterwards. */
export function useEngineWorkbench(): EngineWorkbench {
  return useWorkbench('wb.rootwise', 'test');
}

/** A real engine on a demo workbench shared by the tests of one file, created once and removed afterwards. */
export function useDemoWorkbench(demo: { readonly rows: number; readonly seed: number }): EngineWorkbench {
  return useWorkbench('demo.rootwise', 'file', demo);
}
