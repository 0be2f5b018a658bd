import { describe, expect, it } from 'vitest';
import { performSheetAction } from '../../../../renderer/actions/sheet-actions';
import { metricRef } from '../../../../shared/chart/field-refs';
import { fromChartSpec, toChartSpec } from '../../../../shared/chart/chart-spec-convert';
import { EMPTY_SHEET, type FieldRef, type SheetState, type ShelfId } from '../../../../shared/chart/sheet-state';
import type { FieldInfo, TableSchema } from '../../../../shared/api/types';
import { METRIC_CATALOGUE } from '../../../../shared/metrics/metric-catalogue';
import { channel, createdAt, csat, records, region } from '../../renderer/fields';

const info = (ref: FieldRef): FieldInfo => ({ name: ref.field, label: ref.label, type: ref.type, format: '', kind: ref.kind, defaultAggregate: ref.defaultAggregate, nullCount: 0, distinctCount: 5, distinctExact: true });
const schema: TableSchema = { table: 'tickets', label: region.tableLabel, rowCount: 100, fields: [region, channel, csat, createdAt].map(info) };
const csatMean = METRIC_CATALOGUE.find((m) => m.id === 'csat_mean')!;

function sheetOf(...steps: [string, Record<string, unknown>][]): SheetState {
  return steps.reduce((sheet, [name, args]) => {
    const result = performSheetAction(sheet, name as 'addFieldToShelf', args as never);
    if ('refusal' in result) throw new Error(result.refusal.key);
    return result.sheet;
  }, EMPTY_SHEET);
}

const place = (field: FieldRef, shelf: ShelfId): [string, Record<string, unknown>] => ['addFieldToShelf', { field, shelf }];

describe('sheets as saved charts', () => {
  it('keep references only and open again as the same sheet: fields, the record count, a metric at its version, filters of every kind, the kind', () => {
    const sheet = sheetOf(
      place(createdAt, 'x'),
      place(channel, 'color'),
      place(csat, 'y'),
      place(records, 'y'),
      place(metricRef(schema, csatMean), 'y'),
      place(region, 'filters'),
      ['setFilterValues', { index: 0, filter: { op: 'top', values: [3] } }],
      place(createdAt, 'filters'),
      ['setFilterValues', { index: 1, filter: { op: 'last_days', values: [30] } }],
      ['setChartType', { chartType: 'area' }],
    );
    const spec = toChartSpec(sheet);
    expect(spec).toEqual({
      version: 1,
      table: 'tickets',
      kind: 'area',
      shelves: {
        columns: [{ field: 'created_at', timeUnit: 'month' }],
        rows: [{ field: 'csat', aggregate: 'avg' }, { aggregate: 'count' }, { metric: 'csat_mean', version: 1 }],
        color: [{ field: 'channel' }],
        size: [],
        label: [],
        tooltip: [],
        filters: [
          { field: 'region', filter: { op: 'top', values: [3] } },
          { field: 'created_at', filter: { op: 'last_days', values: [30] } },
        ],
      },
    });
    const opened = fromChartSpec(spec, schema, [csatMean]);
    expect(opened.dropped).toEqual([]);
    expect(toChartSpec(opened.sheet)).toEqual(spec);
    expect(opened.sheet.shelves.y[2]).toMatchObject({ label: csatMean.name, metric: { id: 'csat_mean', version: 1 } });
  });

  it('leave out what the table no longer has and say which, and open a kind the sheet does not know as automatic', () => {
    const spec = toChartSpec(sheetOf(place(region, 'x'), place(csat, 'y'), place(metricRef(schema, csatMean), 'y')));
    const without = { ...schema, fields: schema.fields.filter((f) => f.name !== 'csat') };
    const opened = fromChartSpec({ ...spec, kind: 'pivot' }, without, []);
    expect(opened.dropped).toEqual(['csat', 'csat_mean']);
    expect(opened.sheet.shelves.x.map((p) => p.field)).toEqual(['region']);
    expect(opened.sheet.chartType).toBe('pivot');
    expect(fromChartSpec({ ...spec, kind: 'violin' as 'pivot' }, schema, []).sheet.chartType).toBe('auto');
  });

  it('keep the Size, Label and Tooltip shelves with their aggregates, and box plots and pivot tables as kinds', () => {
    const sheet = sheetOf(
      place(region, 'x'),
      place(csat, 'y'),
      place(records, 'size'),
      place(csat, 'label'),
      ['setAggregate', { shelf: 'label', index: 0, aggregate: 'max' }],
      place(metricRef(schema, csatMean), 'tooltip'),
      place(records, 'tooltip'),
      ['setChartType', { chartType: 'box' }],
    );
    const spec = toChartSpec(sheet);
    expect(spec.kind).toBe('box');
    expect(spec.shelves.size).toEqual([{ aggregate: 'count' }]);
    expect(spec.shelves.label).toEqual([{ field: 'csat', aggregate: 'max' }]);
    expect(spec.shelves.tooltip).toEqual([{ metric: 'csat_mean', version: 1 }, { aggregate: 'count' }]);
    const opened = fromChartSpec(spec, schema, [csatMean]);
    expect(opened.dropped).toEqual([]);
    expect(toChartSpec(opened.sheet)).toEqual(spec);
    expect(opened.sheet.shelves.label[0]).toMatchObject({ field: 'csat', aggregate: 'max' });
    expect(toChartSpec({ ...opened.sheet, chartType: 'pivot' }).kind).toBe('pivot');
  });
});
