import type { LocalizedText } from '../api/types';
import type { ChartFilter, ChartSpec } from './chart-spec';

/**
 * A dashboard as the workbench keeps it: tiles on a 12-column grid, each a saved chart (which
 * follows the sheet when it is edited) or a chart of its own (the generated Service overview's),
 * an optional KPI header, and filters that apply to every tile whose table has the field.
 */
export const DASHBOARD_SPEC_VERSION = 1;

/** Columns of the layout grid; a tile's x and w count these. */
export const DASHBOARD_COLUMNS = 12;
/** The most rows a tile may span, and the deepest row it may start on. */
export const DASHBOARD_MAX_ROWS = 200;

export type TileChart = { readonly chartId: number } | { readonly spec: ChartSpec; readonly title: LocalizedText };

export interface DashboardTile {
  /** Stable within the dashboard (cross-filters and focus keep to it while the layout changes). */
  readonly id: string;
  readonly chart: TileChart;
  /** Column 0–11, row ≥ 0, width in columns, height in rows. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A dashboard filter: applies to every tile whose table has a field of this name. */
export interface DashboardFilter {
  readonly field: string;
  /** Where the field was picked (its label and type come from there). */
  readonly table: string;
  readonly filter: ChartFilter;
}

export interface DashboardSpec {
  readonly version: typeof DASHBOARD_SPEC_VERSION;
  /** Measures only (KPI cards with the change on the month before), drawn above the tiles. */
  readonly header: ChartSpec | null;
  readonly tiles: readonly DashboardTile[];
  readonly filters: readonly DashboardFilter[];
}

export interface SavedDashboard {
  readonly id: number;
  readonly name: string;
  readonly spec: DashboardSpec;
  /** 'service-overview' for the one generated from the roles; null for the user's own. */
  readonly builtIn: 'service-overview' | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type DashboardSummary = Omit<SavedDashboard, 'spec'> & { readonly tiles: number };

export const EMPTY_DASHBOARD_SPEC: DashboardSpec = { version: DASHBOARD_SPEC_VERSION, header: null, tiles: [], filters: [] };

export function isSavedChartTile(chart: TileChart): chart is { readonly chartId: number } {
  return 'chartId' in chart;
}

const overlaps = (a: DashboardTile, b: DashboardTile): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Puts `moved` where it is asked to go and pushes every tile it then overlaps downwards, repeatedly,
 * until no two tiles overlap; then lifts every tile as high as it can go (the grid packs upwards,
 * as dashboard grids do). Deterministic: the same layout and move always give the same result.
 */
export function placeTile(tiles: readonly DashboardTile[], moved: DashboardTile): DashboardTile[] {
  const clamp = (t: DashboardTile): DashboardTile => {
    const w = Math.min(DASHBOARD_COLUMNS, Math.max(1, Math.round(t.w)));
    const h = Math.min(DASHBOARD_MAX_ROWS, Math.max(1, Math.round(t.h)));
    return { ...t, w, h, x: Math.min(DASHBOARD_COLUMNS - w, Math.max(0, Math.round(t.x))), y: Math.min(DASHBOARD_MAX_ROWS, Math.max(0, Math.round(t.y))) };
  };
  const fixed = clamp(moved);
  const others = tiles.filter((t) => t.id !== fixed.id).map(clamp).sort((a, b) => a.y - b.y || a.x - b.x);
  const placed: DashboardTile[] = [fixed];
  for (const tile of others) {
    let next = tile;
    for (let guard = 0; guard < 1000; guard += 1) {
      const hit = placed.find((p) => overlaps(p, next));
      if (hit === undefined) break;
      next = { ...next, y: hit.y + hit.h };
    }
    placed.push(next);
  }
  // the tiles keep their order in the dashboard (the order keyboard focus walks)
  const byId = new Map(compactTiles(placed, fixed.id).map((t) => [t.id, t]));
  return [...tiles.filter((t) => byId.has(t.id)).map((t) => byId.get(t.id)!), ...(tiles.some((t) => t.id === fixed.id) ? [] : [byId.get(fixed.id)!])];
}

/** Lifts tiles upwards into free space, top to bottom; `pinned` (the tile being moved) stays put. */
export function compactTiles(tiles: readonly DashboardTile[], pinned?: string): DashboardTile[] {
  const order = [...tiles].sort((a, b) => a.y - b.y || a.x - b.x);
  const done: DashboardTile[] = order.filter((t) => t.id === pinned);
  for (const tile of order) {
    if (tile.id === pinned) continue;
    let next = { ...tile, y: 0 };
    for (let guard = 0; guard < 10_000; guard += 1) {
      const hit = done.find((p) => overlaps(p, next));
      if (hit === undefined) break;
      next = { ...next, y: hit.y + hit.h };
    }
    done.push(next);
  }
  const byId = new Map(done.map((t) => [t.id, t]));
  return tiles.map((t) => byId.get(t.id)!);
}

/** Where a new tile of this size goes: the first free place reading the grid row by row. */
export function freePlace(tiles: readonly DashboardTile[], w: number, h: number): { readonly x: number; readonly y: number } {
  const width = Math.min(DASHBOARD_COLUMNS, Math.max(1, w));
  for (let y = 0; y < DASHBOARD_MAX_ROWS; y += 1) {
    for (let x = 0; x + width <= DASHBOARD_COLUMNS; x += 1) {
      const probe: DashboardTile = { id: '', chart: { chartId: 0 }, x, y, w: width, h };
      if (!tiles.some((t) => overlaps(t, probe))) return { x, y };
    }
  }
  return { x: 0, y: tiles.reduce((bottom, t) => Math.max(bottom, t.y + t.h), 0) };
}
