import { useCallback, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { compactTiles, isSavedChartTile, placeTile, DASHBOARD_COLUMNS, type DashboardTile } from '../../../shared/spec/dashboard-spec';
import { useT } from '../../i18n/locale-context';
import { useUiStore } from '../../state/ui-store';
import { useWorkbenchStore } from '../../state/workbench-store';
import { bucketRange } from '../../actions/mark-filters';
import { markText } from '../chart/chart-interactions';
import type { ChartMark } from '../chart/mark-selection';
import { useSheetsStore } from '../sheets/sheets-store';
import { layoutTile, removeTile } from './dashboard-edits';
import { useDashboardStore, type CrossFilter } from './dashboard-store';
import { DashboardTileFrame, TileChart } from './DashboardTile';
import { tileFilters } from './tile-query';

/** Height of one grid row and the gap between tiles, in pixels. */
export const ROW_HEIGHT = 56;
export const GRID_GAP = 12;

interface Drag {
  readonly tileId: string;
  readonly mode: 'move' | 'resize';
  readonly startX: number;
  readonly startY: number;
  readonly origin: DashboardTile;
  readonly moved: DashboardTile;
}

/** The cross-filter a clicked mark sets: each of its dimension values (a date bucket as its range). */
function crossFilterOf(tileId: string, table: string, mark: ChartMark, locale: 'en' | 'zh-CN'): CrossFilter | null {
  const values = mark.values.flatMap(({ dimension, value }): CrossFilter['values'][number][] => {
    const { pill } = dimension;
    const text = markText(locale, [{ pill, value }]);
    if (pill.timeUnit !== undefined) {
      const range = typeof value === 'string' ? bucketRange(pill.timeUnit, value) : undefined;
      return range === undefined ? [] : [{ field: pill.field, label: pill.label, text, filter: { op: 'between' as const, values: range } }];
    }
    return [{ field: pill.field, label: pill.label, text, filter: { op: 'in' as const, values: [value] } }];
  });
  return values.length === 0 ? null : { sourceTile: tileId, table, values };
}

/** The dashboard's KPI header and its grid of tiles; tiles move and resize by dragging or with Alt+arrows. */
export function DashboardCanvas() {
  const { t, locale } = useT();
  const spec = useDashboardStore((s) => s.spec);
  const charts = useDashboardStore((s) => s.charts);
  const crossFilter = useDashboardStore((s) => s.crossFilter);
  const edit = useDashboardStore((s) => s.edit);
  const setCrossFilter = useDashboardStore((s) => s.setCrossFilter);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const grid = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | undefined>(undefined);

  const tiles = useMemo(() => (drag === undefined ? spec.tiles : compactTiles(placeTile(spec.tiles, drag.moved), drag.tileId)), [spec.tiles, drag]);
  const rows = tiles.reduce((bottom, tile) => Math.max(bottom, tile.y + tile.h), 0);

  const cellSize = (): { readonly col: number; readonly row: number } => {
    const width = grid.current?.clientWidth ?? 1200;
    return { col: (width - GRID_GAP * (DASHBOARD_COLUMNS - 1)) / DASHBOARD_COLUMNS + GRID_GAP, row: ROW_HEIGHT + GRID_GAP };
  };

  const startDrag = (tile: DashboardTile, mode: Drag['mode']) => (event: ReactPointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const target = event.currentTarget;
    const begin: Drag = { tileId: tile.id, mode, startX: event.clientX, startY: event.clientY, origin: tile, moved: tile };
    setDrag(begin);
    const onMove = (e: PointerEvent) => {
      const size = cellSize();
      const dx = Math.round((e.clientX - begin.startX) / size.col);
      const dy = Math.round((e.clientY - begin.startY) / size.row);
      const moved =
        mode === 'move'
          ? { ...tile, x: Math.min(DASHBOARD_COLUMNS - tile.w, Math.max(0, tile.x + dx)), y: Math.max(0, tile.y + dy) }
          : { ...tile, w: Math.min(DASHBOARD_COLUMNS - tile.x, Math.max(2, tile.w + dx)), h: Math.max(2, tile.h + dy) };
      setDrag((current) => (current === undefined || (current.moved.x === moved.x && current.moved.y === moved.y && current.moved.w === moved.w && current.moved.h === moved.h) ? current : { ...current, moved }));
    };
    const onUp = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerup', onUp);
      target.removeEventListener('pointercancel', onUp);
      setDrag((current) => {
        if (current !== undefined) queueMicrotask(() => edit(layoutTile(current.moved)));
        return undefined;
      });
    };
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerup', onUp);
    target.addEventListener('pointercancel', onUp);
  };

  const onTileKey = (tile: DashboardTile) => (event: ReactKeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      edit(removeTile(tile.id));
      return;
    }
    if (!event.altKey) return;
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const [dx, dy] = step as [number, number];
    const next = event.shiftKey ? { ...tile, w: Math.max(2, tile.w + dx), h: Math.max(2, tile.h + dy) } : { ...tile, x: Math.max(0, tile.x + dx), y: Math.max(0, tile.y + dy) };
    edit(layoutTile(next));
    const node = event.currentTarget;
    requestAnimationFrame(() => node.focus());
  };

  const onMark = useCallback(
    (tileId: string, table: string | null) => (mark: ChartMark) => {
      if (table === null) return;
      const next = crossFilterOf(tileId, table, mark, locale);
      const same = crossFilter !== null && next !== null && crossFilter.sourceTile === tileId && JSON.stringify(crossFilter.values) === JSON.stringify(next.values);
      setCrossFilter(same ? null : next);
    },
    [crossFilter, locale, setCrossFilter],
  );

  const openSheet = (chartId: number) => () => {
    useUiStore.getState().setWorkspace('analyze');
    void useSheetsStore.getState().select(chartId);
  };

  const header = spec.header;
  return (
    <div className="dashboard-canvas">
      {header !== null && (
        <section className="dashboard-kpis" aria-label={t('dashboard.kpis')} data-testid="dashboard-kpis">
          <TileChart spec={header} filters={tileFilters({ tileId: '__header', schema: header.table === null ? undefined : schemas[header.table], filters: spec.filters, crossFilter })} label={t('dashboard.kpis')} />
        </section>
      )}
      <div
        ref={grid}
        className={`dashboard-grid${drag !== undefined ? ' is-dragging' : ''}`}
        style={{ gridTemplateColumns: `repeat(${DASHBOARD_COLUMNS}, minmax(0, 1fr))`, gridAutoRows: `${ROW_HEIGHT}px`, gap: `${GRID_GAP}px`, minHeight: rows * (ROW_HEIGHT + GRID_GAP) }}
        data-testid="dashboard-grid"
      >
        {tiles.map((tile) => {
          const chartSpec = isSavedChartTile(tile.chart) ? charts[tile.chart.chartId]?.spec : tile.chart.spec;
          const title = isSavedChartTile(tile.chart) ? charts[tile.chart.chartId]?.name : tile.chart.title;
          const table = chartSpec?.table ?? null;
          const filters = tileFilters({ tileId: tile.id, schema: table === null ? undefined : schemas[table], filters: spec.filters, crossFilter });
          const crossFiltered = crossFilter !== null && crossFilter.sourceTile !== tile.id && filters.length > spec.filters.filter((f) => table !== null && schemas[table]?.fields.some((fi) => fi.name === f.field) === true).length;
          return (
            <DashboardTileFrame
              key={tile.id}
              id={tile.id}
              spec={chartSpec}
              title={title}
              filters={filters}
              crossFiltered={crossFiltered}
              dragging={drag?.tileId === tile.id}
              style={{ gridColumn: `${tile.x + 1} / span ${tile.w}`, gridRow: `${tile.y + 1} / span ${tile.h}` }}
              onMark={onMark(tile.id, table)}
              onMoveStart={startDrag(tile, 'move')}
              onResizeStart={startDrag(tile, 'resize')}
              onKeyDown={onTileKey(tile)}
              onRemove={() => edit(removeTile(tile.id))}
              onOpen={isSavedChartTile(tile.chart) ? openSheet(tile.chart.chartId) : undefined}
            />
          );
        })}
      </div>
    </div>
  );
}
