import { useCallback, useMemo, useState } from 'react';
import { DataGrid } from '../data-grid/DataGrid';
import { resultSource } from '../data-grid/memory-source';
import { performAction } from '../../actions/perform-action';
import { useT } from '../../i18n/locale-context';
import { useEditorStore } from '../../state/editor-store';
import { sheetTable, type SheetState } from '../../../shared/chart/sheet-state';
import { drillPathsOf, useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { PointMenu, type PointMenuItem } from '../../ui/PointMenu';
import { openFilePicker } from '../import/import-files';
import { canDrillDown, canDrillUp, drillNeighbour, markText, markValues } from './chart-interactions';
import { ChartEmptyState } from './ChartEmptyState';
import { chartTitle } from './chart-summary';
import type { ChartMark } from './mark-selection';
import { SheetChartBody } from './SheetChartBody';
import { canTranspose } from '../../../shared/chart/transpose-figure';
import { useSheetKinds, useSheetPlan } from './use-sheet-plan';
import type { ChartQuery } from './use-chart-query';
import './chart.css';

type OpenMenu = { readonly kind: 'mark'; readonly mark: ChartMark; readonly at: { readonly x: number; readonly y: number } } | { readonly kind: 'chart'; readonly at: { readonly x: number; readonly y: number } };

const axisPill = (sheet: SheetState) => sheet.shelves.x.find((p) => p.timeUnit !== undefined) ?? sheet.shelves.x[0];

/** The chart actions of the open sheet (sort, swap axes, drill up), for the header, the context menu and the shortcuts. */
export function useChartCommands(): { readonly items: readonly (readonly PointMenuItem[])[] } {
  const { t } = useT();
  const sheet = useEditorStore((s) => s.sheet);
  const table = sheetTable(sheet)?.table;
  const schema = useWorkbenchStore((s) => (table === undefined ? undefined : s.schemas[table]));
  const paths = useWorkbenchStore((s) => drillPathsOf(s.model, table));
  const { kind } = useSheetKinds();
  const planned = useSheetPlan();
  const axis = axisPill(sheet);
  const previous = axis === undefined || axis.timeUnit !== undefined ? undefined : drillNeighbour(paths, schema, axis.field, -1);
  const charted = planned.kind === 'chart';
  return {
    items: [
      [
        { key: 'sort-desc', icon: 'sortDesc', text: t('chart.sortDesc'), checked: sheet.sort?.direction === 'desc', disabled: !charted, onSelect: () => performAction('setSort', { sort: 'desc' }) },
        { key: 'sort-asc', icon: 'sortAsc', text: t('chart.sortAsc'), checked: sheet.sort?.direction === 'asc', disabled: !charted, onSelect: () => performAction('setSort', { sort: 'asc' }) },
        { key: 'sort-none', text: t('chart.sortNone'), disabled: sheet.sort === undefined, onSelect: () => performAction('setSort', { sort: undefined }) },
      ],
      [
        { key: 'swap', icon: 'swap', text: t('chart.swapAxes'), checked: sheet.transposed === true, disabled: !charted || !canTranspose(kind), onSelect: () => performAction('swapAxes', {}) },
        { key: 'drill-up', icon: 'drillUp', text: t('chart.drillUp'), disabled: !charted || !canDrillUp(axis, previous), onSelect: () => performAction('drillUp', { previous }) },
      ],
    ],
  };
}

/** The chart card: a title, then the chart or the empty state that teaches the next step. */
export function ChartView({ query, trend }: { readonly query: ChartQuery; readonly trend: ChartQuery }) {
  const { t, locale } = useT();
  const sheet = useEditorStore((s) => s.sheet);
  const tables = useWorkbenchStore((s) => s.tables);
  const workbenchStatus = useWorkbenchStore((s) => s.status);
  const table = sheetTable(sheet)?.table;
  const schema = useWorkbenchStore((s) => (table === undefined ? undefined : s.schemas[table]));
  const paths = useWorkbenchStore((s) => drillPathsOf(s.model, table));
  const planned = useSheetPlan();
  const { kind } = useSheetKinds();
  const commands = useChartCommands();
  const [menu, setMenu] = useState<OpenMenu | undefined>(undefined);
  // the chart's result as rows in the data grid (sort, filter, statistics, copy) instead of the chart
  const [showData, setShowData] = useState(false);
  const answer = query.answer;
  const dataSource = useMemo(() => (answer?.ok === true ? resultSource(answer.key, answer.result.columns, answer.rows) : undefined), [answer]);
  const { pending } = query;
  const title = chartTitle(locale, sheet);

  const onMark = useCallback((mark: ChartMark, at: { readonly x: number; readonly y: number }) => setMenu({ kind: 'mark', mark, at }), []);

  let menuView = null;
  if (menu?.kind === 'mark') {
    const values = markValues(sheet, menu.mark);
    const text = markText(locale, values);
    const axisValue = values[0];
    const next = axisValue === undefined || axisValue.pill.timeUnit !== undefined ? undefined : drillNeighbour(paths, schema, axisValue.pill.field, 1);
    const datesOnly = values.every((v) => v.pill.timeUnit !== undefined);
    menuView = (
      <PointMenu
        at={menu.at}
        title={t('mark.menu', { value: text })}
        testId="mark-menu"
        onClose={() => setMenu(undefined)}
        groups={[
          [
            { key: 'keep', icon: 'filter', text: t('mark.keepOnly', { value: text }), onSelect: () => performAction('filterToMark', { values, mode: 'keep' }) },
            { key: 'exclude', icon: 'close', text: t('mark.exclude', { value: text }), disabled: datesOnly, onSelect: () => performAction('filterToMark', { values, mode: 'exclude' }) },
          ],
          axisValue === undefined || !canDrillDown(axisValue.pill, axisValue.value, next)
            ? []
            : [{ key: 'drill', icon: 'drillDown', text: t('mark.drillDown', { value: markText(locale, [axisValue]) }), onSelect: () => performAction('drillDown', { value: axisValue, next }) }],
        ]}
      />
    );
  } else if (menu?.kind === 'chart') {
    menuView = <PointMenu at={menu.at} title={t('chart.menu')} testId="chart-menu" onClose={() => setMenu(undefined)} groups={commands.items} />;
  }

  let body;
  if (workbenchStatus === 'ready' && tables.length === 0) {
    body = (
      <ChartEmptyState icon="upload" title={t('drop.title')} body={t('drop.body')}>
        <button type="button" className="btn btn-primary" onClick={openFilePicker}>
          <Icon name="import" />
          {t('toolbar.import')}
        </button>
      </ChartEmptyState>
    );
  } else if (showData && dataSource !== undefined && planned.kind !== 'empty') {
    body = (
      <div className="chart-data" data-testid="chart-data">
        <DataGrid key={dataSource.id} source={dataSource} label={t('chart.viewData')} />
      </div>
    );
  } else {
    body = <SheetChartBody sheet={sheet} planned={planned} kind={kind} query={query} trend={trend} label={t('chart.label', { summary: title ?? '' })} onMark={onMark} />;
  }

  const hasPills = title !== undefined || sheet.shelves.filters.length > 0;
  return (
    <section className="chart-card" aria-label={title ?? t('chart.empty.title')} aria-busy={pending}>
      <header className="chart-header">
        <h1 className="chart-title">{title ?? t('rail.analyze')}</h1>
        <div className="chart-header-side">
          {pending && planned.kind !== 'empty' && (
            <span className="chart-pending" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('chart.loading')}
            </span>
          )}
          {query.answer?.ok === true && query.answer.result.truncated && <span className="chart-note">{t('chart.truncated', { count: query.answer.result.rowCount })}</span>}
          <button
            type="button"
            className={`icon-btn${showData ? ' is-on' : ''}`}
            onClick={() => setShowData((shown) => !shown)}
            disabled={planned.kind === 'empty'}
            aria-label={t(showData ? 'chart.viewChart' : 'chart.viewData')}
            aria-pressed={showData}
            title={t(showData ? 'chart.viewChart' : 'chart.viewData')}
            data-testid="chart-view-data"
          >
            <Icon name="table" />
          </button>
          <button
            type="button"
            className={`icon-btn${sheet.sort !== undefined ? ' is-on' : ''}`}
            onClick={() => performAction('setSort', { sort: sheet.sort === undefined ? 'desc' : sheet.sort.direction === 'desc' ? 'asc' : undefined })}
            disabled={planned.kind !== 'chart'}
            aria-label={t(sheet.sort?.direction === 'desc' ? 'chart.sortAsc' : sheet.sort?.direction === 'asc' ? 'chart.sortNone' : 'chart.sortDesc')}
            title={t(sheet.sort?.direction === 'desc' ? 'chart.sortAsc' : sheet.sort?.direction === 'asc' ? 'chart.sortNone' : 'chart.sortDesc')}
            data-testid="chart-sort"
          >
            <Icon name={sheet.sort?.direction === 'asc' ? 'sortAsc' : 'sortDesc'} />
          </button>
          <button
            type="button"
            className={`icon-btn${sheet.transposed === true ? ' is-on' : ''}`}
            onClick={() => performAction('swapAxes', {})}
            disabled={planned.kind !== 'chart' || !canTranspose(kind)}
            aria-label={t('chart.swapAxes')}
            aria-pressed={sheet.transposed === true}
            title={t('chart.swapAxes')}
            data-testid="chart-swap"
          >
            <Icon name="swap" />
          </button>
          <button
            type="button"
            className="icon-btn"
            onClick={(e) => {
              const r = e.currentTarget.getBoundingClientRect();
              setMenu({ kind: 'chart', at: { x: r.left, y: r.bottom } });
            }}
            aria-label={t('chart.menu')}
            aria-haspopup="menu"
            title={t('chart.menu')}
            data-testid="chart-more"
          >
            <Icon name="more" />
          </button>
          <button type="button" className="icon-btn" onClick={() => performAction('clearShelves', {})} disabled={!hasPills} aria-label={t('shelf.clear')} title={t('shelf.clear')}>
            <Icon name="trash" />
          </button>
        </div>
      </header>
      <div
        className="chart-body"
        onContextMenu={(e) => {
          if (planned.kind !== 'chart') return;
          e.preventDefault();
          setMenu({ kind: 'chart', at: { x: e.clientX, y: e.clientY } });
        }}
      >
        {body}
      </div>
      {menuView}
    </section>
  );
}
