import { create } from 'zustand';
import type { SemanticModel } from '../../../shared/model/semantic-model';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { useToastStore } from '../toasts/toast-store';
import { EMPTY_HISTORY, recorded, redoStep, undoStep, type ModelCommand, type ModelHistory } from './model-history';

/** Which editor is open over the Model view. */
export type ModelEditor =
  | { readonly kind: 'calculated'; readonly table: string; readonly name?: string | undefined }
  | { readonly kind: 'metric'; readonly id?: string | undefined }
  | null;

/** A drill path being put together: fields coarse to fine, and its name. */
export interface DrillDraft {
  readonly table: string;
  /** The path being changed; undefined for a new one. */
  readonly id?: number | undefined;
  readonly label: string;
  readonly fields: readonly string[];
}

interface ModelStore {
  readonly history: ModelHistory;
  /** A change or an undo under way: the buttons wait for it. */
  readonly busy: boolean;
  readonly selectedTable: string | undefined;
  readonly editor: ModelEditor;
  readonly drillDraft: DrillDraft | null;
  readonly setDrillDraft: (draft: DrillDraft | null) => void;
  readonly selectTable: (table: string) => void;
  readonly openEditor: (editor: ModelEditor) => void;
  /** Makes a change and records it for undo (unless `record` is false); false when the engine
   * refused it (the toast says why). */
  readonly perform: (command: ModelCommand, options?: { readonly record?: boolean }) => Promise<boolean>;
  readonly undo: () => Promise<void>;
  readonly redo: () => Promise<void>;
  /** A new workbench starts with an empty history. */
  readonly forget: () => void;
}

function showError(error: unknown): void {
  const failure = asApiCallError(error);
  useToastStore.getState().show({ tone: 'error', title: 'model.error.title', message: (locale) => failure.messageFor(locale) });
}

/** After every change the whole app reads the model again: field lists, metrics, charts. */
async function reload(): Promise<void> {
  await useWorkbenchStore.getState().refresh();
}

export const useModelStore = create<ModelStore>()((set, get) => {
  /** Runs one step; the history moves only when the engine did what was asked. */
  const step = async (work: () => Promise<void>, next: ModelHistory): Promise<boolean> => {
    if (get().busy) return false;
    set({ busy: true });
    try {
      await work();
      set({ history: next });
      return true;
    } catch (error) {
      showError(error);
      return false;
    } finally {
      set({ busy: false });
      await reload();
    }
  };
  return {
    history: EMPTY_HISTORY,
    busy: false,
    selectedTable: undefined,
    editor: null,
    drillDraft: null,
    setDrillDraft: (drillDraft) => set({ drillDraft }),
    selectTable: (selectedTable) => set({ selectedTable }),
    openEditor: (editor) => set({ editor }),
    perform: (command, options) => step(() => command.run(), options?.record === false ? get().history : recorded(get().history, command)),
    async undo() {
      const undo = undoStep(get().history);
      if (undo !== undefined) await step(() => undo.command.revert(), undo.history);
    },
    async redo() {
      const redo = redoStep(get().history);
      if (redo !== undefined) await step(() => redo.command.run(), redo.history);
    },
    forget: () => set({ history: EMPTY_HISTORY, selectedTable: undefined, editor: null, drillDraft: null }),
  };
});

/** The model as the workbench store last read it. */
export function useSemanticModel(): SemanticModel | null {
  return useWorkbenchStore((s) => s.model);
}

