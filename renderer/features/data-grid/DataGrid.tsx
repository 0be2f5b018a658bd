import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { ColumnType, RowSortKey } from '../../../shared/api/types';
import { format } from '../../../shared/i18n/messages';
import { useT } from '../../i18n/locale-context';
import { asApiCallError } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { Popover } from '../../ui/Popover';
import { useToastStore } from '../toasts/toast-store';
import { defaultWidth, isNumericColumn } from './cell-text';
import { GridRow, type CellHandlers } from './GridRow';
import { ColumnFilterPanel } from './ColumnFilterPanel';
import { ColumnStatsPanel } from './ColumnStatsPanel';
import { otherFilters, toFilterSpecs, withFilter, type ColumnFilter } from './grid-filters';
import { clickSort } from './grid-sort';
import type { GridColumn, GridSource } from './grid-source';
import { PageCache } from './page-cache';
import { contentOffset, offsetToReveal, rowsAt, scrollGeometry, scrollTopFor } from './scroll-scaling';
import { inRange, moveSelection, selectionRange, toTsv, type GridSelection } from './selection';
import './data-grid.css';

export const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 30;
const OVERSCAN = 8;
const MIN_WIDTH = 56;
const FETCH_DELAY_MS = 40;
const COPY_SHORTCUT = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘C' : 'Ctrl+C';
/** Rows one copy may take: more would make text no spreadsheet opens gladly. */
export const COPY_LIMIT = 100_000;

type Menu = { readonly kind: 'column'; readonly field: string; readonly panel: 'menu' | 'filter' } | { readonly kind: 'cells'; readonly x: number; readonly y: number };

/** The number of rows under the grid's filters, once known; the grid reports it to its caption. */
export interface GridCounts {
  readonly total: number | undefined;
  readonly filtered: boolean;
}

/**
 * A grid over any number of rows: only the rows in view (and a few more) are in the page; pages
 * are fetched from the source as they come into view and kept. Sort by a header's click (Shift
 * adds a key), filter and profile a column from its menu, select cells with the mouse or keys and
 * copy them as tab-separated text. Sort, filters and widths belong to the grid: give it a `key`
 * per table (or result) so that another one starts afresh.
 */
export function DataGrid(props: { readonly source: GridSource; readonly onCounts?: (counts: GridCounts) => void; readonly label: string }) {
  const { source } = props;
  const { t, label, number, locale } = useT();
  const [sort, setSort] = useState<readonly RowSortKey[]>([]);
  const [filters, setFilters] = useState<readonly ColumnFilter[]>([]);
  const [widths, setWidths] = useState<Readonly<Record<string, number>>>({});
  const [selection, setSelection] = useState<GridSelection | undefined>(undefined);
  const [menu, setMenu] = useState<Menu | undefined>(undefined);
  const [statsField, setStatsField] = useState<string | undefined>(undefined);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [viewportHeight, setViewportHeight] = useState(400);
  const [, setTick] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const menuAnchor = useRef<HTMLDivElement>(null);
  const headerRefs = useRef(new Map<string, HTMLDivElement>());
  const columnAnchor = useRef<HTMLElement | null>(null);
  // a position set by the keyboard: the scrollbar, squeezed, cannot always land on it exactly
  const pinned = useRef<{ readonly scrollTop: number; readonly offset: number } | undefined>(undefined);
  const dragging = useRef(false);
  const lastTotal = useRef<number | undefined>(undefined);

  const columns = source.columns;
  const types = useMemo(() => new Map<string, ColumnType>(columns.map((c) => [c.name, c.type])), [columns]);
  const filterSpecs = useMemo(() => toFilterSpecs(filters, types), [filters, types]);
  const viewKey = JSON.stringify([source.id, sort, filterSpecs]);

  const cache = useMemo(() => new PageCache(source, { sort, filters: filterSpecs }), [viewKey]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    const off = cache.subscribe(() => setTick((n) => n + 1));
    return () => {
      off();
      cache.close();
    };
  }, [cache]);

  useLayoutEffect(() => {
    const node = scroller.current;
    if (node === null) return;
    const measure = () => setViewportHeight(Math.max(0, node.clientHeight - HEADER_HEIGHT));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  const total = cache.total ?? lastTotal.current ?? 0;
  if (cache.total !== undefined) lastTotal.current = cache.total;
  const geometry = scrollGeometry(total, ROW_HEIGHT, viewportHeight);
  const offset = pinned.current !== undefined && Math.abs(pinned.current.scrollTop - scroll.top) < 1 ? pinned.current.offset : contentOffset(geometry, scroll.top);
  const { first, last, top: layerTop } = rowsAt(offset, viewportHeight, ROW_HEIGHT, total, OVERSCAN);

  // while the scrollbar is dragged through many pages, ask only for those where it comes to rest
  useEffect(() => {
    if (cache.total === undefined) {
      cache.ensure(first, Math.max(first, last));
      return;
    }
    const timer = window.setTimeout(() => cache.ensure(first, Math.max(first, last)), FETCH_DELAY_MS);
    return () => window.clearTimeout(timer);
    // the total arriving with the first page lets the rest of the range be asked for
  }, [cache, first, last, cache.total]);

  const { onCounts } = props;
  useEffect(() => {
    onCounts?.({ total: cache.total, filtered: filters.length > 0 });
  }, [onCounts, cache.total, filters.length]);

  const columnWidth = (c: GridColumn): number => widths[c.name] ?? defaultWidth(c, label(c.label));
  const rowNumberWidth = Math.max(52, number(total, 0).length * 7 + 22);
  const totalWidth = rowNumberWidth + columns.reduce((sum, c) => sum + columnWidth(c), 0);

  const onScroll = () => {
    const node = scroller.current;
    if (node === null) return;
    setScroll({ top: node.scrollTop, left: node.scrollLeft });
  };

  /** Scrolls so that a cell is in view. */
  const reveal = (row: number, col: number) => {
    const node = scroller.current;
    if (node === null) return;
    const target = offsetToReveal(geometry, offset, row, ROW_HEIGHT);
    if (target !== offset) {
      node.scrollTop = scrollTopFor(geometry, target);
      pinned.current = { scrollTop: node.scrollTop, offset: target };
    }
    let left = rowNumberWidth;
    for (let i = 0; i < col; i++) left += columnWidth(columns[i]!);
    const right = left + columnWidth(columns[col]!);
    if (left - rowNumberWidth < node.scrollLeft) node.scrollLeft = left - rowNumberWidth;
    else if (right > node.scrollLeft + node.clientWidth) node.scrollLeft = right - node.clientWidth;
    setScroll({ top: node.scrollTop, left: node.scrollLeft });
  };

  const show = useToastStore((s) => s.show);
  const copy = useCallback(
    async (withHeader: boolean) => {
      if (selection === undefined) return;
      const range = selectionRange(selection);
      const bottom = Math.min(range.bottom, range.top + COPY_LIMIT - 1);
      try {
        const picked = (await cache.rows(range.top, bottom)).map((row) => row.slice(range.left, range.right + 1));
        const header = withHeader ? columns.slice(range.left, range.right + 1).map((c) => label(c.label)) : undefined;
        await navigator.clipboard.writeText(toTsv(picked, header));
        const cut = bottom < range.bottom;
        const cells = picked.length * (range.right - range.left + 1);
        show({
          tone: cut ? 'warning' : 'success',
          message: (l) => (cut ? format(l, 'grid.copy.cut', { count: picked.length }) : format(l, 'grid.copy.done', { rows: picked.length, cells })),
        });
      } catch (error) {
        show({ tone: 'error', title: 'grid.copy.failed', message: (l) => asApiCallError(error).messageFor(l) });
      }
    },
    [selection, cache, columns, label, show],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const primary = event.ctrlKey || event.metaKey;
    if (primary && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      void copy(false);
      return;
    }
    if (total === 0 || columns.length === 0) return;
    if (selection === undefined && event.key.startsWith('Arrow')) {
      event.preventDefault();
      const start = { row: Math.floor(offset / ROW_HEIGHT), col: 0 };
      setSelection({ anchor: start, focus: start });
      return;
    }
    if (selection === undefined) return;
    const next = moveSelection(selection, { key: event.key, shift: event.shiftKey, primary }, { rows: total, cols: columns.length, pageRows: Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1) });
    if (next === undefined) return;
    event.preventDefault();
    setSelection(next);
    reveal(next.focus.row, next.focus.col);
  };

  const handlerRef = useRef<CellHandlers | null>(null);
  const handlers = useMemo<CellHandlers>(
    () => ({
      down: (event, row, col) => handlerRef.current?.down(event, row, col),
      enter: (row, col) => handlerRef.current?.enter(row, col),
      menu: (event, row, col) => handlerRef.current?.menu(event, row, col),
    }),
    [],
  );
  const onCellPointerDown = (event: ReactPointerEvent<HTMLDivElement>, row: number, col: number) => {
    if (event.button !== 0) return;
    scroller.current?.focus({ preventScroll: true });
    const at = { row, col };
    setSelection((s) => (event.shiftKey && s !== undefined ? { anchor: s.anchor, focus: at } : { anchor: at, focus: at }));
    dragging.current = true;
    const stop = () => {
      dragging.current = false;
      window.removeEventListener('pointerup', stop);
    };
    window.addEventListener('pointerup', stop);
  };
  const onCellPointerEnter = (row: number, col: number) => {
    if (dragging.current) setSelection((s) => (s === undefined ? s : { anchor: s.anchor, focus: { row, col } }));
  };
  const onContextMenu = (event: MouseEvent<HTMLDivElement>, row: number, col: number) => {
    event.preventDefault();
    if (selection === undefined || !inRange(selectionRange(selection), row, col)) setSelection({ anchor: { row, col }, focus: { row, col } });
    setMenu({ kind: 'cells', x: event.clientX, y: event.clientY });
  };

  useEffect(() => {
    handlerRef.current = { down: onCellPointerDown, enter: onCellPointerEnter, menu: onContextMenu };
  });

  const startResize = (event: ReactPointerEvent<HTMLDivElement>, column: GridColumn) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = columnWidth(column);
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => setWidths((w) => ({ ...w, [column.name]: Math.max(MIN_WIDTH, Math.round(startWidth + e.clientX - startX)) }));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  const setColumnFilter = (field: string, filter: ColumnFilter | undefined) => {
    setFilters((f) => withFilter(f, field, filter));
    setSelection(undefined);
    setMenu(undefined);
    pinned.current = undefined;
    if (scroller.current !== null) scroller.current.scrollTop = 0;
  };
  const changeSort = (next: readonly RowSortKey[]) => {
    setSort(next);
    setSelection(undefined);
    pinned.current = undefined;
    if (scroller.current !== null) scroller.current.scrollTop = 0;
  };

  const range = selection === undefined ? undefined : selectionRange(selection);
  const menuColumn = menu?.kind === 'column' ? columns.find((c) => c.name === menu.field) : undefined;
  const statsColumn = statsField === undefined ? undefined : columns.find((c) => c.name === statsField);
  const chips = filters.map((f) => {
    const column = columns.find((c) => c.name === f.field);
    const name = column === undefined ? f.field : label(column.label);
    const valueText = (v: number | string | null) => (v === null ? '' : typeof v === 'number' ? number(v, 6) : v);
    const text =
      f.kind === 'values'
        ? f.values.length <= 2
          ? f.values.map(valueText).join(', ')
          : t('grid.filter.values', { count: f.values.length })
        : f.from !== null && f.to !== null
          ? t('shelf.range', { from: valueText(f.from), to: valueText(f.to) })
          : f.from !== null
            ? t('grid.filter.atLeast', { value: valueText(f.from) })
            : t('grid.filter.atMost', { value: valueText(f.to) });
    return { field: f.field, name, text };
  });

  const widthList = columns.map(columnWidth);
  const widthKey = widthList.join(',');
  const stableWidths = useMemo(() => widthKey.split(',').map(Number), [widthKey]);
  const numeric = useMemo(() => columns.map(isNumericColumn), [columns]);
  const rendered = [];
  for (let index = first; index <= last; index++) {
    const inRows = range !== undefined && index >= range.top && index <= range.bottom;
    rendered.push(
      <GridRow
        key={index}
        index={index}
        row={cache.row(index)}
        height={ROW_HEIGHT}
        widths={stableWidths}
        numeric={numeric}
        rowNumberWidth={rowNumberWidth}
        selectedFrom={inRows ? range.left : -1}
        selectedTo={inRows ? range.right : -1}
        focusCol={selection !== undefined && selection.focus.row === index ? selection.focus.col : -1}
        handlers={handlers}
      />,
    );
  }

  const clearAll = () => {
    setFilters([]);
    setSelection(undefined);
  };

  return (
    <div className="dg" data-testid="data-grid">
      {chips.length > 0 && (
        <div className="dg-chips" aria-label={t('grid.filters')} data-testid="grid-chips">
          <Icon name="filter" className="dg-chips-icon" />
          {chips.map((chip) => (
            <span key={chip.field} className="dg-chip" data-testid="grid-chip">
              <span className="dg-chip-name">{chip.name}</span>
              <span className="dg-chip-text">{chip.text}</span>
              <button type="button" className="dg-chip-remove" aria-label={t('grid.filter.remove', { field: chip.name })} title={t('grid.filter.remove', { field: chip.name })} onClick={() => setColumnFilter(chip.field, undefined)}>
                <Icon name="close" size={12} />
              </button>
            </span>
          ))}
          <button type="button" className="link-btn dg-chips-clear" onClick={clearAll}>
            {t('grid.filter.clearAll')}
          </button>
          <span className="dg-chips-count num" data-testid="grid-filtered-count">
            {cache.total === undefined ? t('data.loading') : t('grid.filteredCount', { count: number(cache.total, 0) })}
          </span>
        </div>
      )}
      <div className="dg-body">
        <div
          ref={scroller}
          className="dg-scroll"
          role="grid"
          aria-label={props.label}
          aria-rowcount={total + 1}
          aria-colcount={columns.length + 1}
          aria-multiselectable
          tabIndex={0}
          onScroll={onScroll}
          onKeyDown={onKeyDown}
          data-testid="grid-scroll"
        >
          <div className="dg-canvas" style={{ height: HEADER_HEIGHT + geometry.scrollHeight, width: totalWidth }}>
            <div role="row" aria-rowindex={1} className="dg-header" style={{ height: HEADER_HEIGHT, width: totalWidth }}>
              <div role="columnheader" className="dg-corner" style={{ width: rowNumberWidth }}>
                #
              </div>
              {columns.map((column) => {
                const key = sort.findIndex((s) => s.field === column.name);
                const direction = key < 0 ? undefined : sort[key]!.direction;
                const filtered = filters.some((f) => f.field === column.name);
                const name = label(column.label);
                return (
                  <div
                    key={column.name}
                    ref={(node) => {
                      if (node === null) headerRefs.current.delete(column.name);
                      else headerRefs.current.set(column.name, node);
                    }}
                    role="columnheader"
                    aria-sort={key !== 0 || direction === undefined ? undefined : direction === 'asc' ? 'ascending' : 'descending'}
                    className={`dg-th${isNumericColumn(column) ? ' is-number' : ''}`}
                    style={{ width: columnWidth(column) }}
                    data-field={column.name}
                  >
                    <button
                      type="button"
                      className="dg-th-label"
                      title={t('grid.sortHint', { field: name })}
                      onClick={(e) => changeSort(clickSort(sort, column.name, e.shiftKey))}
                      data-testid="grid-sort"
                    >
                      <span className="dg-th-text">{name}</span>
                      {direction !== undefined && (
                        <span className="dg-sort" aria-label={t(direction === 'asc' ? 'grid.sortedAsc' : 'grid.sortedDesc')} data-direction={direction}>
                          {direction === 'asc' ? '↑' : '↓'}
                          {sort.length > 1 && <sub>{key + 1}</sub>}
                        </span>
                      )}
                    </button>
                    {filtered && <Icon name="filter" size={12} className="dg-th-filtered" />}
                    <button
                      type="button"
                      className="dg-th-menu"
                      aria-label={t('grid.columnMenu', { field: name })}
                      aria-haspopup="menu"
                      aria-expanded={menu?.kind === 'column' && menu.field === column.name}
                      onClick={() => {
                        columnAnchor.current = headerRefs.current.get(column.name) ?? null;
                        setMenu({ kind: 'column', field: column.name, panel: 'menu' });
                      }}
                      data-testid="grid-column-menu"
                    >
                      <Icon name="caretDown" size={14} />
                    </button>
                    <div className="dg-resize" role="separator" aria-orientation="vertical" aria-label={t('grid.resize', { field: name })} onPointerDown={(e) => startResize(e, column)} />
                  </div>
                );
              })}
            </div>
            <div className="dg-rows" style={{ top: HEADER_HEIGHT, transform: `translateY(${scroll.top + layerTop}px)`, width: totalWidth }}>
              {rendered}
            </div>
          </div>
          {cache.total === 0 && (
            <div className="dg-empty" data-testid="grid-empty">
              <p>{filters.length > 0 ? t('grid.noMatches') : t('grid.noRows')}</p>
              {filters.length > 0 && (
                <button type="button" className="btn" onClick={clearAll}>
                  {t('grid.filter.clearAll')}
                </button>
              )}
            </div>
          )}
          {cache.error !== undefined && (
            <div className="preview-error dg-error" role="alert">
              <Icon name="alert" />
              {asApiCallError(cache.error).messageFor(locale)}
            </div>
          )}
        </div>
        {statsColumn !== undefined && <ColumnStatsPanel source={source} column={statsColumn} filters={filterSpecs} onClose={() => setStatsField(undefined)} />}
      </div>

      {menu?.kind === 'column' && menuColumn !== undefined && (
        <Popover anchor={columnAnchor} label={t('grid.columnMenu', { field: label(menuColumn.label) })} role={menu.panel === 'menu' ? 'menu' : 'dialog'} className={menu.panel === 'filter' ? 'picker-popover' : undefined} onClose={() => setMenu(undefined)} testId="grid-menu">
          {menu.panel === 'menu' ? (
            <>
              <div className="menu-title">{label(menuColumn.label)}</div>
              <button type="button" role="menuitem" className="menu-item" onClick={() => (changeSort([{ field: menuColumn.name, direction: 'asc' }]), setMenu(undefined))}>
                {t('grid.sortAsc')}
              </button>
              <button type="button" role="menuitem" className="menu-item" onClick={() => (changeSort([{ field: menuColumn.name, direction: 'desc' }]), setMenu(undefined))}>
                {t('grid.sortDesc')}
              </button>
              {sort.some((s) => s.field === menuColumn.name) && (
                <button type="button" role="menuitem" className="menu-item" onClick={() => (changeSort(sort.filter((s) => s.field !== menuColumn.name)), setMenu(undefined))}>
                  {t('grid.sortNone')}
                </button>
              )}
              <div className="menu-separator" />
              <button type="button" role="menuitem" className="menu-item" onClick={() => setMenu({ ...menu, panel: 'filter' })} data-testid="grid-menu-filter">
                <Icon name="filter" size={14} />
                {t('grid.filterColumn')}
              </button>
              {filters.some((f) => f.field === menuColumn.name) && (
                <button type="button" role="menuitem" className="menu-item" onClick={() => setColumnFilter(menuColumn.name, undefined)}>
                  {t('grid.filter.removeShort')}
                </button>
              )}
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                onClick={() => {
                  setStatsField(menuColumn.name);
                  setMenu(undefined);
                }}
                data-testid="grid-menu-stats"
              >
                <Icon name="analyze" size={14} />
                {t('grid.statsColumn')}
              </button>
            </>
          ) : (
            <ColumnFilterPanel
              source={source}
              column={menuColumn}
              others={toFilterSpecs(otherFilters(filters, menuColumn.name), types)}
              current={filters.find((f) => f.field === menuColumn.name)}
              onApply={(filter) => setColumnFilter(menuColumn.name, filter)}
              onCancel={() => setMenu(undefined)}
            />
          )}
        </Popover>
      )}
      {menu?.kind === 'cells' && (
        <>
          <div ref={menuAnchor} className="dg-menu-anchor" style={{ left: menu.x, top: menu.y }} />
          <Popover anchor={menuAnchor} label={t('grid.cellMenu')} role="menu" onClose={() => setMenu(undefined)} testId="grid-cell-menu">
            <button type="button" role="menuitem" className="menu-item" onClick={() => (void copy(false), setMenu(undefined))} data-testid="grid-copy">
              {t('grid.copy')}
              <span className="dg-shortcut">{COPY_SHORTCUT}</span>
            </button>
            <button type="button" role="menuitem" className="menu-item" onClick={() => (void copy(true), setMenu(undefined))} data-testid="grid-copy-header">
              {t('grid.copyWithHeader')}
            </button>
          </Popover>
        </>
      )}
    </div>
  );
}
