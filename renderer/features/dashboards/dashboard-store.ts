import { create } from 'zustand';
import type { LocalizedText } from '../../../shared/api/types';
import { format, type Locale, type MessageKey } from '../../../shared/i18n/messages';
import type { SavedChart } from '../../../shared/spec/chart-spec';
import { EMPTY_DASHBOARD_SPEC, isSavedChartTile, type DashboardSpec, type DashboardSummary, type SavedDashboard } from '../../../shared/spec/dashboard-spec';
import type { HistoryActionName } from '../../actions/action-types';
import { api } from '../../api/client';
import { documentSwitcher, documentToShow } from '../../state/open-document';
import { asApiCallError } from '../../state/workbench-store';
import { useToastStore } from '../toasts/toast-store';
import type { DashboardEdit } from './dashboard-edits';

/** Changes are saved this long after the last one, so a drag or a burst of edits is one write. */
export const DASHBOARD_AUTOSAVE_MS = 400;
const HISTORY_LIMIT = 200;

/** A value clicked in one tile, filtering every other tile that has the field. */
export interface CrossFilter {
  readonly sourceTile: string;
  readonly table: string;
  readonly values: readonly { readonly field: string; readonly label: LocalizedText; readonly text: string; readonly filter: { readonly op: 'in'; readonly values: readonly (string | number | null)[] } | { readonly op: 'between'; readonly values: readonly [string, string] } }[];
}

interface HistoryEntry {
  readonly spec: DashboardSpec;
  readonly label: MessageKey;
}

type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'failed';

interface DashboardStore {
  readonly list: readonly DashboardSummary[];
  readonly loaded: boolean;
  readonly open: SavedDashboard | null;
  /** The open dashboard as edited (saved shortly after every change). */
  readonly spec: DashboardSpec;
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
  readonly status: SaveStatus;
  readonly crossFilter: CrossFilter | null;
  /** The saved charts the tiles show, by id (a sheet edited in Analyze shows here as saved). */
  readonly charts: Readonly<Record<number, SavedChart>>;
  readonly load: () => Promise<void>;
  readonly select: (id: number) => Promise<void>;
  readonly create: (locale: Locale) => Promise<void>;
  /** Opens the Service overview, generating it the first time (or again with `regenerate`). */
  readonly openOverview: (locale: Locale, regenerate?: boolean) => Promise<void>;
  readonly rename: (name: string) => Promise<void>;
  readonly remove: (id: number) => Promise<void>;
  readonly edit: (edit: DashboardEdit) => void;
  readonly performHistory: (name: HistoryActionName) => void;
  readonly setCrossFilter: (filter: CrossFilter | null) => void;
  readonly save: () => Promise<void>;
}

let timer: number | undefined;

function reportFailure(error: unknown): void {
  const failure = asApiCallError(error);
  useToastStore.getState().show({ tone: 'error', title: 'dashboard.failed', message: (locale) => failure.messageFor(locale) });
}

async function chartsOf(spec: DashboardSpec): Promise<Record<number, SavedChart>> {
  const ids = [...new Set(spec.tiles.flatMap((t) => (isSavedChartTile(t.chart) ? [t.chart.chartId] : [])))];
  const charts = await Promise.all(ids.map((id) => api().getChart({ id }).catch(() => undefined)));
  return Object.fromEntries(charts.flatMap((c) => (c === undefined ? [] : [[c.id, c] as const])));
}

const defaultName = (locale: Locale, list: readonly DashboardSummary[]): string => {
  for (let n = list.length + 1; ; n++) {
    const name = format(locale, 'dashboard.defaultName', { n: String(n) });
    if (!list.some((d) => d.name === name)) return name;
  }
};

export const useDashboardStore = create<DashboardStore>()((set, get) => {
  const show = async (dashboard: SavedDashboard): Promise<void> => {
    const charts = await chartsOf(dashboard.spec);
    set({ open: dashboard, spec: dashboard.spec, past: [], future: [], status: 'saved', crossFilter: null, charts, list: await api().listDashboards({}) });
  };
  const flush = async (): Promise<void> => {
    if (get().status === 'unsaved') await get().save();
  };
  const switchTo = documentSwitcher({ flush, show, fail: (error) => reportFailure(error) });
  return {
    list: [],
    loaded: false,
    open: null,
    spec: EMPTY_DASHBOARD_SPEC,
    past: [],
    future: [],
    status: 'saved',
    crossFilter: null,
    charts: {},
    async load() {
      window.clearTimeout(timer);
      try {
        const list = await api().listDashboards({});
        set({ list, loaded: true });
        const first = documentToShow(list, get().open);
        if (first === undefined) set({ open: null, spec: EMPTY_DASHBOARD_SPEC, past: [], future: [], crossFilter: null });
        else await show(await api().getDashboard({ id: first.id }));
      } catch (error) {
        set({ loaded: true });
        reportFailure(error);
      }
    },
    async select(id) {
      if (get().open?.id === id) return;
      await switchTo(() => api().getDashboard({ id }));
    },
    async create(locale) {
      await switchTo(() => api().saveDashboard({ name: defaultName(locale, get().list), spec: EMPTY_DASHBOARD_SPEC }));
    },
    async openOverview(locale, regenerate) {
      await switchTo(() => api().serviceOverview({ locale, regenerate }));
    },
    async rename(name) {
      const open = get().open;
      const trimmed = name.trim();
      if (open === null || trimmed === '' || trimmed === open.name) return;
      try {
        const saved = await api().saveDashboard({ id: open.id, name: trimmed, spec: get().spec });
        set({ open: saved, list: await api().listDashboards({}) });
      } catch (error) {
        reportFailure(error);
      }
    },
    async remove(id) {
      window.clearTimeout(timer);
      try {
        await api().deleteDashboard({ id });
        const list = await api().listDashboards({});
        set({ list, status: 'saved' });
        if (get().open?.id === id) {
          const next = list[0];
          if (next === undefined) set({ open: null, spec: EMPTY_DASHBOARD_SPEC, past: [], future: [], crossFilter: null });
          else await show(await api().getDashboard({ id: next.id }));
        }
      } catch (error) {
        reportFailure(error);
      }
    },
    edit(edit) {
      const { spec, past, open } = get();
      if (open === null) return;
      const next = edit.apply(spec);
      if (JSON.stringify(next) === JSON.stringify(spec)) return;
      set({ spec: next, past: [...past, { spec, label: edit.label }].slice(-HISTORY_LIMIT), future: [], status: 'unsaved' });
      // a tile just added may show a chart not loaded yet
      void chartsOf(next).then((charts) => {
        if (Object.keys(charts).some((id) => get().charts[Number(id)] === undefined)) set({ charts: { ...get().charts, ...charts } });
      });
      scheduleSave();
    },
    performHistory(name) {
      const { spec, past, future } = get();
      if (name === 'undo') {
        const previous = past.at(-1);
        if (previous === undefined) return;
        set({ spec: previous.spec, past: past.slice(0, -1), future: [...future, { spec, label: previous.label }], status: 'unsaved' });
      } else {
        const next = future.at(-1);
        if (next === undefined) return;
        set({ spec: next.spec, future: future.slice(0, -1), past: [...past, { spec, label: next.label }], status: 'unsaved' });
      }
      scheduleSave();
    },
    setCrossFilter: (crossFilter) => set({ crossFilter }),
    async save() {
      window.clearTimeout(timer);
      const { open, spec } = get();
      if (open === null) return;
      set({ status: 'saving' });
      try {
        const saved = await api().saveDashboard({ id: open.id, name: open.name, spec });
        set({ open: saved, status: get().status === 'saving' ? 'saved' : get().status, list: get().list.map((d) => (d.id === saved.id ? { ...d, tiles: saved.spec.tiles.length, updatedAt: saved.updatedAt } : d)) });
      } catch (error) {
        set({ status: 'failed' });
        reportFailure(error);
      }
    },
  };
});

function scheduleSave(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void useDashboardStore.getState().save(), DASHBOARD_AUTOSAVE_MS);
}
