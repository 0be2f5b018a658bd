import type { TableSchema } from '../api/types';
import { EMPTY_CHART_SPEC, isMetricItem, type ChartFilter, type ChartItem, type ChartShelf, type ChartSpec } from '../spec/chart-spec';
import type { MetricDefinition } from '../metrics/metric-definition';
import { fieldRef, metricRef, recordCountRef } from './field-refs';
import { CHART_TYPES, EMPTY_SHEET, isMeasureShelf, isRecordCount, sheetTable, type ChartType, type Pill, type PillFilter, type SheetState, type ShelfId } from './sheet-state';

/** Where each shelf of the sheet is kept in a saved chart. */
const SAVED_SHELF: Readonly<Record<ShelfId, ChartShelf>> = { x: 'columns', y: 'rows', color: 'color', size: 'size', label: 'label', tooltip: 'tooltip', filters: 'filters' };

function toItem(shelf: ShelfId, pill: Pill): ChartItem {
  if (pill.metric !== undefined) return { metric: pill.metric.id, version: pill.metric.version };
  if (isRecordCount(pill)) return { aggregate: 'count' };
  return {
    field: pill.field,
    ...(isMeasureShelf(shelf) ? { aggregate: pill.aggregate ?? pill.defaultAggregate } : {}),
    ...(pill.timeUnit === undefined ? {} : { timeUnit: pill.timeUnit }),
    ...(pill.filter === undefined ? {} : { filter: pill.filter }),
  };
}

/** The sheet as the workbench keeps it: references only. */
export function toChartSpec(sheet: SheetState): ChartSpec {
  const shelves = { ...EMPTY_CHART_SPEC.shelves };
  for (const [shelf, saved] of Object.entries(SAVED_SHELF) as [ShelfId, ChartShelf][]) shelves[saved] = sheet.shelves[shelf].map((pill) => toItem(shelf, pill));
  const options = { ...(sheet.sort === undefined ? {} : { sort: sheet.sort.direction }), ...(sheet.transposed === true ? { transposed: true } : {}) };
  return { ...EMPTY_CHART_SPEC, table: sheetTable(sheet)?.table ?? null, kind: sheet.chartType, shelves, ...(Object.keys(options).length === 0 ? {} : { options }) };
}

/** A saved filter as a pill holds it (a top-N ranked by another measure is ranked by count here;
 * a saved exclusion list stays one). */
function pillFilter(filter: ChartFilter): PillFilter | undefined {
  switch (filter.op) {
    case 'between':
      return { op: 'between', values: [String(filter.values[0]), String(filter.values[1])] };
    case 'last_days':
      return { op: 'last_days', values: filter.values };
    case 'top':
    case 'bottom':
      return { op: filter.op, values: filter.values };
    case 'in':
      return { op: 'in', values: filter.values };
    case 'not_in':
      return { op: 'not_in', values: filter.values };
  }
}

export interface OpenedSheet {
  readonly sheet: SheetState;
  /** Items the sheet could not place: fields no longer in the table, or kinds of item it does not hold yet. */
  readonly dropped: readonly string[];
}

/** A saved chart as a sheet, its fields described by the table's schema and its metrics by the catalogue. */
export function fromChartSpec(spec: ChartSpec, schema: TableSchema | undefined, metrics: readonly MetricDefinition[] = []): OpenedSheet {
  const dropped: string[] = [];
  let nextPillId = 1;
  const shelves: Record<ShelfId, Pill[]> = { x: [], y: [], color: [], size: [], label: [], tooltip: [], filters: [] };
  for (const [shelf, saved] of Object.entries(SAVED_SHELF) as [ShelfId, ChartShelf][]) {
    for (const item of spec.shelves[saved]) {
      if (isMetricItem(item)) {
        const definition = metrics.find((m) => m.id === item.metric);
        if (schema === undefined || definition === undefined) dropped.push(item.metric);
        // the chart keeps the version it was made with
        else shelves[shelf].push({ ...metricRef(schema, definition), metric: { id: item.metric, version: item.version }, id: `p${nextPillId++}` });
        continue;
      }
      if (schema === undefined) {
        dropped.push(item.field ?? 'count');
        continue;
      }
      if (item.field === undefined) {
        shelves[shelf].push({ ...recordCountRef(schema), id: `p${nextPillId++}`, aggregate: 'count' });
        continue;
      }
      const info = schema.fields.find((f) => f.name === item.field);
      if (info === undefined) {
        dropped.push(item.field);
        continue;
      }
      const filter = item.filter === undefined ? undefined : pillFilter(item.filter);
      shelves[shelf].push({
        ...fieldRef(schema, info),
        id: `p${nextPillId++}`,
        ...(item.aggregate === undefined ? {} : { aggregate: item.aggregate }),
        ...(item.timeUnit === undefined ? {} : { timeUnit: item.timeUnit }),
        ...(filter === undefined ? {} : { filter }),
      });
    }
  }
  // a kind the sheet does not know (a newer version's) opens as "automatic"
  const chartType: ChartType = (CHART_TYPES as readonly string[]).includes(spec.kind) ? spec.kind : 'auto';
  const sort = spec.options?.sort === undefined ? {} : { sort: { direction: spec.options.sort } };
  const transposed = spec.options?.transposed === true ? { transposed: true } : {};
  return { sheet: { ...EMPTY_SHEET, shelves, chartType, nextPillId, ...sort, ...transposed }, dropped };
}
