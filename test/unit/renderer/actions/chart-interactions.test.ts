import { describe, expect, it } from 'vitest';
import type { SheetActionArgs, SheetActionName } from '../../../../renderer/actions/action-types';
import { bucketRange } from '../../../../renderer/actions/mark-filters';
import { performSheetAction } from '../../../../renderer/actions/sheet-actions';
import { sheetQuery } from '../../../../shared/chart/sheet-query';
import { EMPTY_SHEET, type FieldRef, type SheetState } from '../../../../shared/chart/sheet-state';
import { channel, createdAt, records, region } from '../fields';

function apply<N extends SheetActionName>(sheet: SheetState, name: N, args: SheetActionArgs[N]): SheetState {
  const result = performSheetAction(sheet, name, args);
  if ('refusal' in result) throw new Error(`refused: ${result.refusal.key}`);
  return result.sheet;
}

const refusal = <N extends SheetActionName>(sheet: SheetState, name: N, args: SheetActionArgs[N]): string => {
  const result = performSheetAction(sheet, name, args);
  return 'refusal' in result ? result.refusal.key : 'applied';
};

const city: FieldRef = { ...region, field: 'city', label: { en: 'City', 'zh-CN': '城市' } };

function chart(...dimensions: FieldRef[]): SheetState {
  let sheet = EMPTY_SHEET;
  for (const d of dimensions) sheet = apply(sheet, 'addFieldToShelf', { field: d, shelf: d === channel ? 'color' : 'x' });
  return apply(sheet, 'addFieldToShelf', { field: records, shelf: 'y' });
}

describe('date buckets as ranges', () => {
  it('covers each bucket the engine names, to its last second', () => {
    expect(bucketRange('year', '2024')).toEqual(['2024-01-01', '2024-12-31 23:59:59']);
    expect(bucketRange('quarter', '2024-Q1')).toEqual(['2024-01-01', '2024-03-31 23:59:59']);
    expect(bucketRange('month', '2024-02')).toEqual(['2024-02-01', '2024-02-29 23:59:59']);
    expect(bucketRange('month', '2023-02')).toEqual(['2023-02-01', '2023-02-28 23:59:59']);
    expect(bucketRange('week', '2024-12-30')).toEqual(['2024-12-30', '2025-01-05 23:59:59']);
    expect(bucketRange('day', '2024-09-05')).toEqual(['2024-09-05', '2024-09-05 23:59:59']);
    expect(bucketRange('hour', '2024-09-05 14:00')).toEqual(['2024-09-05 14:00:00', '2024-09-05 14:59:59']);
    expect(bucketRange('weekday', '3')).toBeUndefined();
    expect(bucketRange('month', 'Sept')).toBeUndefined();
  });
});

describe('chart interactions', () => {
  it('keeps only or leaves out the values of a clicked mark, on the fields filter pills', () => {
    const sheet = chart(region, channel);
    const [axis, series] = [sheet.shelves.x[0]!, sheet.shelves.color[0]!];
    const kept = apply(sheet, 'filterToMark', { values: [{ pill: axis, value: '华东' }, { pill: series, value: '电话' }], mode: 'keep' });
    expect(kept.shelves.filters.map((p) => [p.field, p.filter])).toEqual([
      ['region', { op: 'in', values: ['华东'] }],
      ['channel', { op: 'in', values: ['电话'] }],
    ]);
    expect(sheetQuery(kept).kind === 'chart' && sheetQuery(kept)).toMatchObject({ plan: { spec: { filters: [{ field: 'region', op: 'in', values: ['华东'] }, { field: 'channel', op: 'in', values: ['电话'] }] } } });
    // excluding twice collects the values
    const once = apply(sheet, 'filterToMark', { values: [{ pill: axis, value: '华东' }], mode: 'exclude' });
    const twice = apply(once, 'filterToMark', { values: [{ pill: axis, value: '华北' }], mode: 'exclude' });
    expect(twice.shelves.filters[0]!.filter).toEqual({ op: 'not_in', values: ['华东', '华北'] });
  });

  it('keeps a date bucket as its range and refuses to leave one out', () => {
    const sheet = chart(createdAt);
    const month = sheet.shelves.x[0]!;
    expect(apply(sheet, 'filterToMark', { values: [{ pill: month, value: '2024-09' }], mode: 'keep' }).shelves.filters[0]!.filter).toEqual({ op: 'between', values: ['2024-09-01', '2024-09-30 23:59:59'] });
    expect(refusal(sheet, 'filterToMark', { values: [{ pill: month, value: '2024-09' }], mode: 'exclude' })).toBe('chart.cannotExcludeDates');
  });

  it('drills a date down into a month and back up, taking the drill filter away again', () => {
    const sheet = chart(createdAt);
    const down = apply(sheet, 'drillDown', { value: { pill: sheet.shelves.x[0]!, value: '2024-09' } });
    expect(down.shelves.x[0]).toMatchObject({ field: 'created_at', timeUnit: 'day' });
    expect(down.shelves.filters[0]).toMatchObject({ field: 'created_at', drilled: true, filter: { op: 'between', values: ['2024-09-01', '2024-09-30 23:59:59'] } });
    const up = apply(down, 'drillUp', {});
    expect(up.shelves.x[0]).toMatchObject({ timeUnit: 'month' });
    expect(up.shelves.filters).toEqual([]);
    expect(refusal(apply(apply(up, 'drillUp', {}), 'drillUp', {}), 'drillUp', {})).toBe('chart.noCoarserLevel');
  });

  it('drills along a drill path (region → city) with the value kept as a filter, and up again', () => {
    const sheet = chart(region);
    const down = apply(sheet, 'drillDown', { value: { pill: sheet.shelves.x[0]!, value: '华东' }, next: city });
    expect(down.shelves.x.map((p) => p.field)).toEqual(['city']);
    expect(down.shelves.filters[0]).toMatchObject({ field: 'region', drilled: true, filter: { op: 'in', values: ['华东'] } });
    const up = apply(down, 'drillUp', { previous: region });
    expect(up.shelves.x.map((p) => p.field)).toEqual(['region']);
    expect(up.shelves.filters).toEqual([]);
    expect(refusal(sheet, 'drillDown', { value: { pill: sheet.shelves.x[0]!, value: '华东' } })).toBe('chart.noFinerLevel');
  });

  it('sorts by the first measure through the query, and swaps axes, each undoable as its own step', () => {
    const sheet = chart(region);
    const sorted = apply(sheet, 'setSort', { sort: 'desc' });
    const planned = sheetQuery(sorted);
    if (planned.kind !== 'chart') throw new Error('a chart');
    expect(planned.plan.spec.sort).toEqual([{ by: 'count', direction: 'desc' }]);
    expect(planned.plan.sortedBy).toEqual({ measure: 'count', direction: 'desc' });
    expect(apply(sorted, 'setSort', { sort: undefined }).sort).toBeUndefined();
    const swapped = apply(sheet, 'swapAxes', {});
    expect(swapped.transposed).toBe(true);
    expect(apply(swapped, 'swapAxes', {}).transposed).toBeUndefined();
  });
});
