import { describe, expect, it } from 'vitest';
import { refusalMessage, type SheetActionArgs, type SheetActionName } from '../../../../renderer/actions/action-types';
import { naturalShelf, performSheetAction } from '../../../../renderer/actions/sheet-actions';
import { EMPTY_SHEET, type SheetState } from '../../../../shared/chart/sheet-state';
import { channel, createdAt, csat, customerSegment, records, region } from '../fields';

function apply<N extends SheetActionName>(sheet: SheetState, name: N, args: SheetActionArgs[N]): SheetState {
  const result = performSheetAction(sheet, name, args);
  if ('refusal' in result) throw new Error(`refused: ${result.refusal.key}`);
  return result.sheet;
}

function refusalOf<N extends SheetActionName>(sheet: SheetState, name: N, args: SheetActionArgs[N]) {
  const result = performSheetAction(sheet, name, args);
  if (!('refusal' in result)) throw new Error('expected a refusal');
  return result.refusal;
}

describe('sheet actions', () => {
  it('places measures with their default aggregate and dates by month', () => {
    let sheet = apply(EMPTY_SHEET, 'addFieldToShelf', { field: region, shelf: 'x' });
    sheet = apply(sheet, 'addFieldToShelf', { field: csat, shelf: 'y' });
    sheet = apply(sheet, 'addFieldToShelf', { field: createdAt, shelf: 'color' });
    expect(sheet.shelves.x.map((p) => p.field)).toEqual(['region']);
    expect(sheet.shelves.y[0]).toMatchObject({ field: 'csat', aggregate: 'avg' });
    expect(sheet.shelves.color[0]).toMatchObject({ field: 'created_at', timeUnit: 'month' });
    expect(new Set([sheet.shelves.x[0]!.id, sheet.shelves.y[0]!.id, sheet.shelves.color[0]!.id]).size).toBe(3);
  });

  it('refuses a field of another table, a duplicate, and records off Rows, saying why in both languages', () => {
    const sheet = apply(EMPTY_SHEET, 'addFieldToShelf', { field: region, shelf: 'x' });
    const other = refusalOf(sheet, 'addFieldToShelf', { field: customerSegment, shelf: 'color' });
    expect(other.key).toBe('shelf.otherTable');
    expect(refusalMessage(other, 'zh-CN')).toContain('客户类型');
    expect(refusalMessage(other, 'en')).toContain('Segment');
    expect(refusalOf(sheet, 'addFieldToShelf', { field: region, shelf: 'color' }).key).toBe('shelf.duplicate');
    expect(refusalOf(sheet, 'addFieldToShelf', { field: records, shelf: 'x' }).key).toBe('shelf.countNotHere');
  });

  it('moves a pill between shelves keeping what still applies, and removes it', () => {
    let sheet = apply(EMPTY_SHEET, 'addFieldToShelf', { field: createdAt, shelf: 'x' });
    sheet = apply(sheet, 'setTimeUnit', { shelf: 'x', index: 0, timeUnit: 'week' });
    sheet = apply(sheet, 'moveField', { from: 'x', index: 0, to: 'color' });
    expect(sheet.shelves.x).toEqual([]);
    expect(sheet.shelves.color[0]).toMatchObject({ field: 'created_at', timeUnit: 'week' });
    sheet = apply(sheet, 'removeField', { shelf: 'color', index: 0 });
    expect(sheet.shelves.color).toEqual([]);
  });

  it('changes aggregates, filters and chart type, and clears the shelves', () => {
    let sheet = apply(EMPTY_SHEET, 'addFieldToShelf', { field: csat, shelf: 'y' });
    sheet = apply(sheet, 'setAggregate', { index: 0, aggregate: 'max' });
    expect(sheet.shelves.y[0]!.aggregate).toBe('max');
    sheet = apply(sheet, 'addFieldToShelf', { field: channel, shelf: 'filters' });
    sheet = apply(sheet, 'setFilterValues', { index: 0, filter: { op: 'in', values: ['电话'] } });
    expect(sheet.shelves.filters[0]!.filter).toEqual({ op: 'in', values: ['电话'] });
    sheet = apply(sheet, 'setChartType', { chartType: 'line' });
    const cleared = apply(sheet, 'clearShelves', {});
    expect(cleared.shelves).toEqual(EMPTY_SHEET.shelves);
    expect(cleared.chartType).toBe('line');
  });

  it('puts a field on its natural shelf: measures on Rows, dates on Columns, a second dimension on Color', () => {
    expect(naturalShelf(EMPTY_SHEET, csat)).toBe('y');
    expect(naturalShelf(EMPTY_SHEET, createdAt)).toBe('x');
    expect(naturalShelf(EMPTY_SHEET, region)).toBe('x');
    const withRegion = apply(EMPTY_SHEET, 'addFieldToNaturalShelf', { field: region });
    expect(naturalShelf(withRegion, channel)).toBe('color');
  });

  it('measures on Size, Label and Tooltip as on Rows: aggregates, metrics, moves between shelves, one Size only', () => {
    let sheet = apply(EMPTY_SHEET, 'addFieldToShelf', { field: region, shelf: 'x' });
    sheet = apply(sheet, 'addFieldToShelf', { field: csat, shelf: 'y' });
    sheet = apply(sheet, 'addFieldToShelf', { field: csat, shelf: 'tooltip' });
    sheet = apply(sheet, 'addFieldToShelf', { field: records, shelf: 'size' });
    expect(sheet.shelves.tooltip[0]).toMatchObject({ field: 'csat', aggregate: 'avg' });
    expect(sheet.shelves.size[0]).toMatchObject({ aggregate: 'count' });
    sheet = apply(sheet, 'setAggregate', { shelf: 'tooltip', index: 0, aggregate: 'max' });
    expect(sheet.shelves.tooltip[0]!.aggregate).toBe('max');
    expect(sheet.shelves.y[0]!.aggregate).toBe('avg');
    // a tooltip dragged to Label keeps its aggregate; a dimension dragged to Label becomes measured
    sheet = apply(sheet, 'moveField', { from: 'tooltip', index: 0, to: 'label' });
    expect(sheet.shelves.label[0]).toMatchObject({ field: 'csat', aggregate: 'max' });
    expect(sheet.shelves.tooltip).toEqual([]);
    sheet = apply(sheet, 'moveField', { from: 'x', index: 0, to: 'label' });
    expect(sheet.shelves.label[1]).toMatchObject({ field: 'region', aggregate: region.defaultAggregate });
    const refusal = refusalOf(sheet, 'addFieldToShelf', { field: csat, shelf: 'size' });
    expect(refusal.key).toBe('shelf.sizeTaken');
    expect(refusalMessage(refusal, 'zh-CN')).toContain('“大小”只放一个字段');
    // replacing the one there is not a second one
    expect(apply(sheet, 'setAggregate', { shelf: 'size', index: 0, aggregate: 'count' }).shelves.size).toHaveLength(1);
    expect(apply(sheet, 'removeField', { shelf: 'size', index: 0 }).shelves.size).toEqual([]);
    expect(apply(sheet, 'clearShelves', {}).shelves).toEqual(EMPTY_SHEET.shelves);
  });
});
