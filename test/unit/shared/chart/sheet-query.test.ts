import { describe, expect, it } from 'vitest';
import { performSheetAction } from '../../../../renderer/actions/sheet-actions';
import { sheetQuery, CHART_ROW_LIMIT } from '../../../../shared/chart/sheet-query';
import { EMPTY_SHEET, type FieldRef, type SheetState, type ShelfId } from '../../../../shared/chart/sheet-state';
import { querySpecSchema } from '../../../../shared/api/schemas';
import { channel, createdAt, csat, records, region } from '../../renderer/fields';

function place(...placements: [FieldRef, ShelfId][]): SheetState {
  return placements.reduce((sheet, [field, shelf]) => {
    const result = performSheetAction(sheet, 'addFieldToShelf', { field, shelf });
    if ('refusal' in result) throw new Error(result.refusal.key);
    return result.sheet;
  }, EMPTY_SHEET);
}

describe('sheet → query spec', () => {
  it('says what is missing before it can chart', () => {
    expect(sheetQuery(EMPTY_SHEET)).toEqual({ kind: 'empty', reason: 'noFields' });
    expect(sheetQuery(place([region, 'x']))).toEqual({ kind: 'empty', reason: 'needMeasure' });
    expect(sheetQuery(place([csat, 'y'], [channel, 'color']))).toEqual({ kind: 'empty', reason: 'needDimension' });
  });

  it('makes measures alone KPI cards, with their trend by month of the table’s date, newest months first', () => {
    const alone = sheetQuery(place([csat, 'y'], [records, 'y']));
    if (alone.kind !== 'kpi') throw new Error('expected KPI cards');
    expect(alone.plan.spec).toMatchObject({ table: 'tickets', dimensions: [], measures: [{ aggregate: 'avg', field: 'csat' }, { aggregate: 'count' }] });
    expect(alone.plan.trend).toBeUndefined();
    const trended = sheetQuery(place([csat, 'y']), 'created_at');
    if (trended.kind !== 'kpi') throw new Error('expected KPI cards');
    expect(trended.plan.trend).toMatchObject({ dimensions: [{ field: 'created_at', timeUnit: 'month' }], sort: [{ by: 'created_at_month', direction: 'desc' }], limit: 24 });
    expect(querySpecSchema.safeParse(trended.plan.trend).success).toBe(true);
  });

  it('puts a date on the axis, other dimensions in series, and passes the API schema', () => {
    let sheet = place([region, 'x'], [createdAt, 'x'], [csat, 'y'], [records, 'y'], [channel, 'filters']);
    const filtered = performSheetAction(sheet, 'setFilterValues', { index: 0, filter: { op: 'in', values: ['电话', '邮件'] } });
    if ('refusal' in filtered) throw new Error('refused');
    sheet = filtered.sheet;
    const query = sheetQuery(sheet);
    if (query.kind !== 'chart') throw new Error('expected a chart');
    expect(query.plan.spec).toEqual({
      version: 1,
      table: 'tickets',
      dimensions: [{ field: 'created_at', timeUnit: 'month' }, { field: 'region' }],
      measures: [{ aggregate: 'avg', field: 'csat' }, { aggregate: 'count' }],
      filters: [{ field: 'channel', op: 'in', values: ['电话', '邮件'] }],
      sort: [],
      limit: CHART_ROW_LIMIT,
    });
    expect(query.plan.axis.id).toBe('created_at_month');
    expect(query.plan.series.map((s) => s.id)).toEqual(['region']);
    expect(query.plan.measures.map((m) => m.id)).toEqual(['avg_csat', 'count']);
    expect(querySpecSchema.safeParse(query.plan.spec).success).toBe(true);
  });

  it('leaves out a filter pill whose values are not chosen yet', () => {
    const query = sheetQuery(place([region, 'x'], [csat, 'y'], [channel, 'filters']));
    expect(query.kind === 'chart' ? query.plan.spec.filters : undefined).toEqual([]);
  });

  it('adds the Size, Label and Tooltip measures to the query once each, and places them for the figure', () => {
    const sheet = place([region, 'x'], [records, 'y'], [csat, 'y'], [csat, 'size'], [records, 'label'], [csat, 'tooltip']);
    const query = sheetQuery(sheet);
    if (query.kind !== 'chart') throw new Error('expected a chart');
    // count and avg(csat) are on Rows already: each is one column
    expect(query.plan.spec.measures).toEqual([{ aggregate: 'count' }, { aggregate: 'avg', field: 'csat' }]);
    expect(query.plan.size?.id).toBe('avg_csat');
    expect(query.plan.labels.map((m) => m.id)).toEqual(['count']);
    expect(query.plan.tooltips.map((m) => m.id)).toEqual(['avg_csat']);
    expect(query.plan.measures.map((m) => m.id)).toEqual(['count', 'avg_csat']);
    expect(querySpecSchema.safeParse(query.plan.spec).success).toBe(true);
  });

  it('asks the engine for what a box plot, a Pareto, a control chart and a pivot table show', () => {
    const chart = (sheet: SheetState, kind: Parameters<typeof sheetQuery>[2]) => {
      const query = sheetQuery(sheet, undefined, kind);
      if (query.kind !== 'chart') throw new Error('expected a chart');
      expect(querySpecSchema.safeParse(query.plan.spec).success).toBe(true);
      return query.plan;
    };
    const box = chart(place([region, 'x'], [csat, 'y'], [records, 'tooltip']), 'box');
    expect(box.spec.measures).toEqual([...[0, 25, 50, 75, 100].map((p) => ({ aggregate: 'percentile', field: 'csat', p })), { aggregate: 'count' }]);
    expect(box.extras.box).toEqual({ min: 'p0_csat', q1: 'p25_csat', median: 'p50_csat', q3: 'p75_csat', max: 'p100_csat' });
    // a count has no values to spread: no box
    expect(chart(place([region, 'x'], [records, 'y']), 'box').extras.box).toBeUndefined();

    const pareto = chart(place([region, 'x'], [records, 'y']), 'pareto');
    expect(pareto.spec.sort).toEqual([{ by: 'count', direction: 'desc' }]);
    expect(pareto.spec.rowStatistics).toEqual({ runningShare: ['count'] });
    expect(pareto.extras.runningShare).toBe('count__running_share');

    const waterfall = chart(place([region, 'x'], [records, 'y']), 'waterfall');
    expect(waterfall.spec.rowStatistics).toEqual({ total: ['count'] });
    expect(waterfall.extras.total).toBe('count__total');

    // a 100 % bar's parts are shares of the Rows measures within each category of the axis (tooltips left out)
    const percent = chart(place([region, 'x'], [channel, 'color'], [records, 'y'], [csat, 'tooltip']), 'bar_100');
    expect(percent.spec.rowStatistics).toEqual({ share: { measures: ['count'], within: 'region' } });
    expect(percent.extras.share).toEqual({ count: 'count__share' });

    const control = chart(place([createdAt, 'x'], [csat, 'y']), 'control');
    expect(control.spec.rowStatistics).toEqual({ spread: ['avg_csat'] });
    expect(control.extras.spread).toEqual({ mean: 'avg_csat__mean', lcl: 'avg_csat__lcl', ucl: 'avg_csat__ucl' });

    const pivot = chart(place([region, 'x'], [channel, 'color'], [records, 'y']), 'pivot');
    expect(pivot.spec).toMatchObject({ dimensions: [{ field: 'region' }, { field: 'channel' }], totals: true });
    expect(pivot.extras.pivot?.across.id).toBe('region');
    expect(pivot.extras.pivot?.down.map((d) => d.id)).toEqual(['channel']);
    expect(pivot.extras.pivot?.rowTotals).toMatchObject({ dimensions: [{ field: 'channel' }], totals: true, measures: [{ aggregate: 'count' }] });
    expect(querySpecSchema.safeParse(pivot.extras.pivot?.rowTotals).success).toBe(true);

    // other kinds ask for the shelves only
    expect(chart(place([region, 'x'], [records, 'y']), 'bar').extras).toEqual({});
  });
});
