import { describe, expect, it } from 'vitest';
import { performSheetAction } from '../../../../../renderer/actions/sheet-actions';
import { sheetQuery, CHART_ROW_LIMIT } from '../../../../../renderer/features/chart/sheet-query';
import { EMPTY_SHEET, type FieldRef, type SheetState, type ShelfId } from '../../../../../renderer/state/sheet-state';
import { querySpecSchema } from '../../../../../shared/api/schemas';
import { channel, createdAt, csat, records, region } from '../../fields';

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
});
