import { create } from 'zustand';

export type Workspace = 'analyze' | 'data' | 'clean' | 'model' | 'dashboards' | 'boards' | 'reports';

export const PANEL_LIMITS = { min: 200, max: 480 } as const;
const PANELS_KEY = 'rootwise.panels';

interface PanelWidths {
  readonly left: number;
  readonly right: number;
}

function storedPanels(): PanelWidths {
  const fallback = { left: 260, right: 280 };
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PANELS_KEY) ?? 'null');
    if (typeof parsed === 'object' && parsed !== null && 'left' in parsed && 'right' in parsed) {
      const { left, right } = parsed as Record<string, unknown>;
      if (typeof left === 'number' && typeof right === 'number') return { left: clampPanel(left), right: clampPanel(right) };
    }
  } catch {
    // a damaged or missing value falls back to the default widths
  }
  return fallback;
}

export function clampPanel(width: number): number {
  return Math.round(Math.min(PANEL_LIMITS.max, Math.max(PANEL_LIMITS.min, width)));
}

/** Which pill has its options open, and which kind of options. */
export interface OpenPill {
  readonly pillId: string;
  readonly mode: 'menu' | 'filter';
}

interface UiStore {
  readonly workspace: Workspace;
  readonly panels: PanelWidths;
  readonly fieldSearch: string;
  /** Tables whose fields are shown; undefined means "the first table only". */
  readonly expandedTables: readonly string[] | undefined;
  readonly dataTable: string | undefined;
  readonly openPill: OpenPill | null;
  readonly setWorkspace: (workspace: Workspace) => void;
  readonly setPanelWidth: (side: keyof PanelWidths, width: number) => void;
  readonly setFieldSearch: (text: string) => void;
  readonly setExpandedTables: (tables: readonly string[]) => void;
  readonly setDataTable: (table: string) => void;
  readonly setOpenPill: (open: OpenPill | null) => void;
  /** Which view of the Data workspace's table shows: its rows or its rejects. */
  readonly dataView: 'rows' | 'quality' | 'rejects';
  readonly setDataView: (view: 'rows' | 'quality' | 'rejects') => void;
  /** Opens the Data workspace on a table's rejects (from an import report). */
  readonly showRejects: (table: string) => void;
  /** Help → Keyboard shortcuts is open. */
  readonly shortcutsOpen: boolean;
  readonly setShortcutsOpen: (open: boolean) => void;
}

export const useUiStore = create<UiStore>()((set, get) => ({
  workspace: 'analyze',
  panels: storedPanels(),
  fieldSearch: '',
  expandedTables: undefined,
  dataTable: undefined,
  openPill: null,
  setWorkspace: (workspace) => set({ workspace }),
  setPanelWidth(side, width) {
    const panels = { ...get().panels, [side]: clampPanel(width) };
    set({ panels });
    try {
      localStorage.setItem(PANELS_KEY, JSON.stringify(panels));
    } catch {
      // widths then last for this session only
    }
  },
  setFieldSearch: (fieldSearch) => set({ fieldSearch }),
  setExpandedTables: (expandedTables) => set({ expandedTables }),
  setDataTable: (dataTable) => set({ dataTable, dataView: 'rows' }),
  setOpenPill: (openPill) => set({ openPill }),
  dataView: 'rows',
  setDataView: (dataView) => set({ dataView }),
  showRejects: (table) => set({ workspace: 'data', dataTable: table, dataView: 'rejects' }),
  shortcutsOpen: false,
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
}));
