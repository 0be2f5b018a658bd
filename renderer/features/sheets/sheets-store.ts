import { create } from 'zustand';
import type { ChartSummary } from '../../../shared/spec/chart-spec';
import { format, type Locale } from '../../../shared/i18n/messages';
import type { EditorState } from '../../actions/action-types';
import { api } from '../../api/client';
import { useEditorStore } from '../../state/editor-store';
import { EMPTY_SHEET } from '../../../shared/chart/sheet-state';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { useToastStore } from '../toasts/toast-store';
import { fromChartSpec, toChartSpec } from '../../../shared/chart/chart-spec-convert';

/** Changes are saved this long after the last one, so a burst of drags is one write. */
export const AUTOSAVE_DELAY_MS = 400;

export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'failed';

interface SheetsStore {
  /** The workbench's sheets (saved charts) in tab order; empty until a workbench is loaded. */
  readonly tabs: readonly ChartSummary[];
  readonly activeId: number | null;
  readonly status: SaveStatus;
  /** Reads the sheets of the open workbench and opens the first (making one in an empty workbench). */
  readonly load: (locale: Locale) => Promise<void>;
  readonly select: (id: number) => Promise<void>;
  readonly create: (locale: Locale) => Promise<void>;
  readonly rename: (id: number, name: string) => Promise<void>;
  readonly remove: (id: number, locale: Locale) => Promise<void>;
  /** Writes the open sheet now (autosave calls it after a pause). */
  readonly save: () => Promise<void>;
}

/** Each sheet's editor state (with its undo history) while the window is open. */
const editors = new Map<number, EditorState>();
let timer: number | undefined;
let loading = false;
/** The open sheet's writes, one after another: an autosave under way and a rename made meanwhile
 * land in the order they were made, so the rename is not undone by the older save. */
let writing: Promise<unknown> = Promise.resolve();
function queued<T>(write: () => Promise<T>): Promise<T> {
  const next = writing.then(write, write);
  writing = next.catch(() => undefined);
  return next;
}

const defaultName = (locale: Locale, tabs: readonly ChartSummary[]): string => {
  for (let n = tabs.length + 1; ; n++) {
    const name = format(locale, 'sheets.defaultName', { n: String(n) });
    if (!tabs.some((t) => t.name === name)) return name;
  }
};

function reportFailure(error: unknown): void {
  const failure = asApiCallError(error);
  useToastStore.getState().show({ tone: 'error', title: 'sheets.saveFailed', message: (locale) => failure.messageFor(locale) });
}

/** Shows a sheet in the editor: its kept state, or the saved chart with a fresh history. */
async function openInEditor(id: number): Promise<void> {
  const kept = editors.get(id);
  loading = true;
  try {
    if (kept !== undefined) {
      useEditorStore.setState(kept);
      return;
    }
    const chart = await api().getChart({ id });
    const { schemas, metrics } = useWorkbenchStore.getState();
    const opened = chart.spec.table === null ? fromChartSpec(chart.spec, undefined) : fromChartSpec(chart.spec, schemas[chart.spec.table], metrics[chart.spec.table]);
    if (opened.dropped.length > 0) {
      const names = opened.dropped.join(', ');
      useToastStore.getState().show({ tone: 'warning', title: 'sheets.fieldsMissing', message: (locale) => format(locale, 'sheets.fieldsMissingDetail', { fields: names }) });
    }
    useEditorStore.setState({ sheet: opened.sheet, past: [], future: [] });
  } finally {
    loading = false;
  }
}

export const useSheetsStore = create<SheetsStore>()((set, get) => ({
  tabs: [],
  activeId: null,
  status: 'saved',
  async load(locale) {
    editors.clear();
    window.clearTimeout(timer);
    try {
      const client = api();
      let tabs = await client.listCharts({});
      if (tabs.length === 0) {
        await client.saveChart({ name: defaultName(locale, []), spec: toChartSpec(EMPTY_SHEET) });
        tabs = await client.listCharts({});
      }
      set({ tabs, activeId: tabs[0]!.id, status: 'saved' });
      await openInEditor(tabs[0]!.id);
    } catch (error) {
      reportFailure(error);
    }
  },
  async select(id) {
    const { activeId } = get();
    if (id === activeId) return;
    if (get().status === 'unsaved') await get().save();
    if (activeId !== null) editors.set(activeId, pickEditor());
    set({ activeId: id });
    await openInEditor(id);
  },
  async create(locale) {
    try {
      if (get().status === 'unsaved') await get().save();
      const chart = await api().saveChart({ name: defaultName(locale, get().tabs), spec: toChartSpec(EMPTY_SHEET) });
      const { activeId } = get();
      if (activeId !== null) editors.set(activeId, pickEditor());
      set({ tabs: await api().listCharts({}), activeId: chart.id, status: 'saved' });
      await openInEditor(chart.id);
    } catch (error) {
      reportFailure(error);
    }
  },
  async rename(id, name) {
    const trimmed = name.trim();
    if (trimmed === '') return;
    // the tab shows its new name at once, and an autosave from now on writes it
    set({ tabs: get().tabs.map((t) => (t.id === id ? { ...t, name: trimmed } : t)) });
    try {
      await queued(async () => {
        const current = id === get().activeId ? toChartSpec(useEditorStore.getState().sheet) : (await api().getChart({ id })).spec;
        return api().saveChart({ id, name: trimmed, spec: current });
      });
      set({ tabs: await api().listCharts({}) });
    } catch (error) {
      reportFailure(error);
    }
  },
  async remove(id, locale) {
    try {
      window.clearTimeout(timer);
      await api().deleteChart({ id });
      editors.delete(id);
      const tabs = await api().listCharts({});
      if (tabs.length === 0) {
        set({ tabs: [], activeId: null });
        await get().load(locale);
        return;
      }
      const index = Math.max(0, get().tabs.findIndex((t) => t.id === id) - 1);
      const next = id === get().activeId ? tabs[Math.min(index, tabs.length - 1)]!.id : get().activeId;
      set({ tabs, activeId: next, status: 'saved' });
      if (next !== null && id !== next) await openInEditor(next);
    } catch (error) {
      reportFailure(error);
    }
  },
  async save() {
    window.clearTimeout(timer);
    const { activeId, tabs } = get();
    const tab = tabs.find((t) => t.id === activeId);
    if (tab === undefined) return;
    set({ status: 'saving' });
    try {
      // the name as it is when the write goes out (a rename may come while an earlier write is under way)
      const saved = await queued(() => api().saveChart({ id: tab.id, name: get().tabs.find((t) => t.id === tab.id)?.name ?? tab.name, spec: toChartSpec(useEditorStore.getState().sheet) }));
      set({ tabs: get().tabs.map((t) => (t.id === saved.id ? { ...t, kind: saved.spec.kind, table: saved.spec.table, updatedAt: saved.updatedAt } : t)), status: get().status === 'saving' ? 'saved' : get().status });
    } catch (error) {
      set({ status: 'failed' });
      reportFailure(error);
    }
  },
}));

function pickEditor(): EditorState {
  const { sheet, past, future } = useEditorStore.getState();
  return { sheet, past, future };
}

// autosave: every change of the open sheet is written shortly after it is made
useEditorStore.subscribe((state, previous) => {
  if (state.sheet === previous.sheet || loading || useSheetsStore.getState().activeId === null) return;
  useSheetsStore.setState({ status: 'unsaved' });
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void useSheetsStore.getState().save(), AUTOSAVE_DELAY_MS);
});
