import { create } from 'zustand';
import type { JobProgress } from '../../../shared/api/types';
import { format, type MessageKey } from '../../../shared/i18n/messages';
import type { RecipePreview, RecipeState } from '../../../shared/spec/recipe-preview';
import type { RecipeRunReport, RecipeSpec } from '../../../shared/spec/recipe-spec';
import type { HistoryActionName } from '../../actions/action-types';
import { api } from '../../api/client';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { useToastStore } from '../toasts/toast-store';
import { emptyRecipe, type RecipeEdit } from './recipe-edits';

const HISTORY_LIMIT = 200;

interface HistoryEntry {
  readonly spec: RecipeSpec;
  readonly label: MessageKey;
  readonly select: string | undefined;
}

/** A recipe run under way: its progress, and whether a cancel was asked. */
export interface RecipeJob {
  readonly jobId: string;
  readonly done: number;
  readonly total: number;
  readonly cancelling: boolean;
}

interface CleanStore {
  /** The table whose recipe is open. */
  readonly source: string | undefined;
  readonly state: RecipeState | null;
  /** The recipe as edited: every edit is saved as the next version at once. */
  readonly spec: RecipeSpec | null;
  readonly selected: string | undefined;
  readonly preview: RecipePreview | null;
  readonly previewLoading: boolean;
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
  readonly saving: boolean;
  readonly job: RecipeJob | null;
  readonly open: (source: string) => Promise<void>;
  /** Reads the open recipe's state again (after a refresh appended rows and ran it). */
  readonly reload: (source: string) => Promise<void>;
  readonly start: () => Promise<void>;
  readonly apply: (edit: RecipeEdit) => Promise<void>;
  readonly select: (stepId: string | undefined) => void;
  readonly performHistory: (name: HistoryActionName) => void;
  readonly run: () => Promise<RecipeRunReport | undefined>;
  readonly cancelRun: () => Promise<void>;
  readonly report: (progress: JobProgress) => void;
  /** A new workbench starts with nothing open. */
  readonly forget: () => void;
}

function showError(error: unknown, title: MessageKey = 'clean.error.title'): void {
  const failure = asApiCallError(error);
  useToastStore.getState().show({ tone: 'error', title, message: (locale) => failure.messageFor(locale) });
}

let previewRequest = 0;

export const useCleanStore = create<CleanStore>()((set, get) => {
  /** Reads the preview of the selected step; a newer request wins over an older one. */
  const loadPreview = async (): Promise<void> => {
    const { spec, selected } = get();
    const request = ++previewRequest;
    if (spec === null || selected === undefined || !spec.steps.some((s) => s.id === selected)) {
      set({ preview: null, previewLoading: false });
      return;
    }
    set({ previewLoading: true });
    try {
      const preview = await api().previewRecipe({ spec, stepId: selected });
      if (request === previewRequest) set({ preview, previewLoading: false });
    } catch (error) {
      if (request !== previewRequest) return;
      set({ preview: null, previewLoading: false });
      showError(error);
    }
  };

  /** Saves a spec as the recipe's next version and shows what the engine makes of it. */
  const save = async (spec: RecipeSpec, select: string | undefined): Promise<boolean> => {
    set({ saving: true, spec, selected: select });
    try {
      const state = await api().saveRecipe({ spec });
      if (get().source === spec.source) set({ state });
      return true;
    } catch (error) {
      showError(error);
      return false;
    } finally {
      set({ saving: false });
      void loadPreview();
    }
  };

  return {
    source: undefined,
    state: null,
    spec: null,
    selected: undefined,
    preview: null,
    previewLoading: false,
    past: [],
    future: [],
    saving: false,
    job: null,
    async open(source) {
      if (get().source === source && get().state !== null) return;
      set({ source, state: null, spec: null, selected: undefined, preview: null, past: [], future: [] });
      try {
        const state = await api().getRecipe({ source });
        if (get().source !== source) return;
        const spec = state.recipe?.spec ?? null;
        set({ state, spec, selected: spec?.steps.at(-1)?.id });
        void loadPreview();
      } catch (error) {
        showError(error);
      }
    },
    async reload(source) {
      if (get().source !== source) return;
      try {
        const state = await api().getRecipe({ source });
        if (get().source === source) set({ state });
        void loadPreview();
      } catch (error) {
        showError(error);
      }
    },
    async start() {
      const { source } = get();
      if (source === undefined) return;
      const taken = useWorkbenchStore.getState().tables.map((t) => t.name);
      await save(emptyRecipe(source, taken), undefined);
    },
    async apply(edit) {
      const { spec, selected } = get();
      if (spec === null || edit.spec === spec) return;
      const entry: HistoryEntry = { spec, label: edit.label, select: selected };
      if (await save(edit.spec, edit.select ?? selected)) set({ past: [...get().past, entry].slice(-HISTORY_LIMIT), future: [] });
    },
    select(stepId) {
      set({ selected: stepId });
      void loadPreview();
    },
    performHistory(name) {
      const { spec, selected, past, future } = get();
      if (spec === null) return;
      const from = name === 'undo' ? past : future;
      const entry = from.at(-1);
      if (entry === undefined) return;
      const back: HistoryEntry = { spec, label: entry.label, select: selected };
      if (name === 'undo') set({ past: past.slice(0, -1), future: [...future, back] });
      else set({ future: future.slice(0, -1), past: [...past, back] });
      void save(entry.spec, entry.select);
    },
    async run() {
      const { source, job } = get();
      if (source === undefined || job !== null) return undefined;
      const jobId = `recipe-${Date.now().toString(36)}`;
      set({ job: { jobId, done: 0, total: 0, cancelling: false } });
      try {
        const report = await api().runRecipe({ source, jobId });
        const state = await api().getRecipe({ source });
        set({ state });
        await useWorkbenchStore.getState().refresh();
        useToastStore.getState().show({
          tone: 'success',
          title: 'clean.run.doneTitle',
          message: (locale) => format(locale, 'clean.run.done', { output: report.output, rowsIn: report.rowsIn, rowsOut: report.rowsOut, seconds: Math.max(0.1, Math.round(report.elapsedMs / 100) / 10) }),
        });
        return report;
      } catch (error) {
        showError(error, 'clean.run.failedTitle');
        return undefined;
      } finally {
        set({ job: null });
      }
    },
    async cancelRun() {
      const { job } = get();
      if (job === null) return;
      set({ job: { ...job, cancelling: true } });
      await api().cancelJob({ jobId: job.jobId });
    },
    report(progress) {
      const { job } = get();
      if (job === null || progress.jobId !== job.jobId || progress.phase !== 'writing') return;
      set({ job: { ...job, done: progress.done, total: progress.total } });
    },
    forget: () => set({ source: undefined, state: null, spec: null, selected: undefined, preview: null, past: [], future: [], job: null }),
  };
});
