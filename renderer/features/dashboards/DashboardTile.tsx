import { useMemo, type PointerEvent as ReactPointerEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { LocalizedText } from '../../../shared/api/types';
import type { ChartSpec } from '../../../shared/spec/chart-spec';
import type { FilterSpec } from '../../../shared/spec/query-spec';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { chartTitle } from '../chart/chart-summary';
import type { ChartMark } from '../chart/mark-selection';
import { SheetChartBody } from '../chart/SheetChartBody';
import { sheetKinds } from '../../../shared/chart/sheet-kind';
import { sheetQuery } from '../../../shared/chart/sheet-query';
import { useChartQuery } from '../chart/use-chart-query';
import { fromChartSpec } from '../../../shared/chart/chart-spec-convert';
import { withFilters } from '../../../shared/chart/plan-filters';

/** One chart of a dashboard: the chart spec drawn through the engine, with the dashboard's filters added. */
export function TileChart(props: {
  readonly spec: ChartSpec;
  readonly filters: readonly FilterSpec[];
  readonly label: string;
  readonly onMark?: ((mark: ChartMark, at: { readonly x: number; readonly y: number }) => void) | undefined;
}) {
  const { spec, filters } = props;
  const schema = useWorkbenchStore((s) => (spec.table === null ? undefined : s.schemas[spec.table]));
  const metrics = useWorkbenchStore((s) => (spec.table === null ? undefined : s.metrics[spec.table]));
  const sheet = useMemo(() => fromChartSpec(spec, schema, metrics ?? []).sheet, [spec, schema, metrics]);
  const timeField = schema?.fields.find((f) => f.kind === 'temporal')?.name;
  // the filters arrive as a new array on every render of the grid (a drag); their content decides
  const filtersKey = JSON.stringify(filters);
  const { kind } = useMemo(() => sheetKinds(sheet, schema), [sheet, schema]);
  const planned = useMemo(() => withFilters(sheetQuery(sheet, timeField, kind), JSON.parse(filtersKey) as FilterSpec[]), [sheet, timeField, kind, filtersKey]);
  const query = useChartQuery(planned.kind === 'empty' ? undefined : planned.plan.spec);
  // KPI cards' monthly trend, or a pivot table's row totals
  const trend = useChartQuery(planned.kind === 'kpi' ? planned.plan.trend : planned.kind === 'chart' ? planned.plan.extras.pivot?.rowTotals : undefined);
  return (
    <div className="tile-chart" aria-busy={query.pending} data-pending={query.pending ? 'true' : 'false'}>
      <SheetChartBody sheet={sheet} planned={planned} kind={kind} query={query} trend={trend} label={props.label} onMark={props.onMark} />
    </div>
  );
}

export interface TileFrameProps {
  readonly id: string;
  readonly spec: ChartSpec | undefined;
  /** The tile's own title (a generated tile's), else the chart's name or its summary. */
  readonly title: LocalizedText | string | undefined;
  readonly filters: readonly FilterSpec[];
  readonly crossFiltered: boolean;
  readonly style: React.CSSProperties;
  readonly dragging: boolean;
  readonly onMark: (mark: ChartMark, at: { readonly x: number; readonly y: number }) => void;
  readonly onMoveStart: (event: ReactPointerEvent<HTMLElement>) => void;
  readonly onResizeStart: (event: ReactPointerEvent<HTMLElement>) => void;
  readonly onKeyDown: (event: ReactKeyboardEvent<HTMLElement>) => void;
  readonly onRemove: () => void;
  readonly onOpen: (() => void) | undefined;
}

/** A tile's frame: title bar (drag to move), the chart, a corner to drag for size. */
export function DashboardTileFrame(props: TileFrameProps) {
  const { t, locale, label } = useT();
  const schema = useWorkbenchStore((s) => (props.spec?.table == null ? undefined : s.schemas[props.spec.table]));
  const metrics = useWorkbenchStore((s) => (props.spec?.table == null ? undefined : s.metrics[props.spec.table]));
  const summary = useMemo(() => (props.spec === undefined ? undefined : chartTitle(locale, fromChartSpec(props.spec, schema, metrics ?? []).sheet)), [props.spec, schema, metrics, locale]);
  const title = props.title === undefined ? summary : typeof props.title === 'string' ? props.title : label(props.title);
  return (
    <article
      className={`tile${props.dragging ? ' is-dragging' : ''}${props.crossFiltered ? ' is-cross-filtered' : ''}`}
      style={props.style}
      tabIndex={0}
      aria-label={title ?? t('dashboard.tile')}
      onKeyDown={props.onKeyDown}
      data-testid="dashboard-tile"
      data-tile={props.id}
    >
      <header className="tile-header" onPointerDown={props.onMoveStart} title={t('dashboard.dragToMove')}>
        <Icon name="grip" size={14} className="tile-grip" />
        <h2 className="tile-title">{title ?? t('dashboard.tile')}</h2>
        {props.crossFiltered && <span className="tile-badge">{t('dashboard.crossFiltered')}</span>}
        {props.onOpen !== undefined && (
          <button type="button" className="icon-btn tile-action" onPointerDown={(e) => e.stopPropagation()} onClick={props.onOpen} aria-label={t('dashboard.openSheet')} title={t('dashboard.openSheet')}>
            <Icon name="analyze" size={14} />
          </button>
        )}
        <button type="button" className="icon-btn tile-action" onPointerDown={(e) => e.stopPropagation()} onClick={props.onRemove} aria-label={t('dashboard.removeTile')} title={t('dashboard.removeTile')} data-testid="tile-remove">
          <Icon name="close" size={14} />
        </button>
      </header>
      <div className="tile-body">
        {props.spec === undefined ? (
          <p className="panel-note">{t('dashboard.chartMissing')}</p>
        ) : (
          <TileChart spec={props.spec} filters={props.filters} label={t('chart.label', { summary: title ?? '' })} onMark={props.onMark} />
        )}
      </div>
      <div className="tile-resize" onPointerDown={props.onResizeStart} title={t('dashboard.dragToResize')} aria-hidden="true">
        <Icon name="resize" size={12} />
      </div>
    </article>
  );
}
