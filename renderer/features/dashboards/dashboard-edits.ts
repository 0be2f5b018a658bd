import type { MessageKey } from '../../../shared/i18n/messages';
import type { ChartFilter } from '../../../shared/spec/chart-spec';
import { compactTiles, freePlace, placeTile, type DashboardFilter, type DashboardSpec, type DashboardTile, type TileChart } from '../../../shared/spec/dashboard-spec';

/** The names the Service overview is generated with; while it keeps one, it shows in the reader's language. */
const OVERVIEW_NAMES: ReadonlySet<string> = new Set(['Service overview', '服务总览']);

/** A dashboard's name as shown: the built-in overview's in the reader's language unless the user renamed it. */
export function dashboardName(dashboard: { readonly name: string; readonly builtIn: 'service-overview' | null }, overviewName: string): string {
  return dashboard.builtIn === 'service-overview' && OVERVIEW_NAMES.has(dashboard.name) ? overviewName : dashboard.name;
}

/** A change of a dashboard, as the undo list names it. */
export interface DashboardEdit {
  readonly label: MessageKey;
  readonly apply: (spec: DashboardSpec) => DashboardSpec;
}

/** The size a new tile gets: half the width, five rows. */
export const NEW_TILE = { w: 6, h: 5 } as const;

function nextTileId(spec: DashboardSpec): string {
  const used = new Set(spec.tiles.map((t) => t.id));
  for (let n = spec.tiles.length + 1; ; n++) if (!used.has(`tile-${n}`)) return `tile-${n}`;
}

export function addTile(chart: TileChart): DashboardEdit {
  return {
    label: 'dashboard.action.addTile',
    apply(spec) {
      const at = freePlace(spec.tiles, NEW_TILE.w, NEW_TILE.h);
      return { ...spec, tiles: [...spec.tiles, { id: nextTileId(spec), chart, ...at, ...NEW_TILE }] };
    },
  };
}

/** Puts a tile at a new place or size; the others make room and the grid packs upwards. */
export function layoutTile(tile: DashboardTile): DashboardEdit {
  return {
    label: 'dashboard.action.layout',
    apply: (spec) => ({ ...spec, tiles: compactTiles(placeTile(spec.tiles, tile)) }),
  };
}

export function removeTile(id: string): DashboardEdit {
  return {
    label: 'dashboard.action.removeTile',
    apply: (spec) => ({ ...spec, tiles: compactTiles(spec.tiles.filter((t) => t.id !== id)) }),
  };
}

/** Sets the filter on a field (replacing one already there), or removes it with `undefined`. */
export function setDashboardFilter(table: string, field: string, filter: ChartFilter | undefined): DashboardEdit {
  return {
    label: filter === undefined ? 'dashboard.action.removeFilter' : 'dashboard.action.setFilter',
    apply(spec) {
      const others = spec.filters.filter((f) => f.field !== field);
      const at = spec.filters.findIndex((f) => f.field === field);
      if (filter === undefined) return { ...spec, filters: others };
      const next: DashboardFilter = { table, field, filter };
      return { ...spec, filters: at < 0 ? [...spec.filters, next] : spec.filters.map((f, i) => (i === at ? next : f)) };
    },
  };
}
