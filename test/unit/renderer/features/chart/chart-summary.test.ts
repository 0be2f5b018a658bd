import { describe, expect, it } from 'vitest';
import { performSheetAction } from '../../../../../renderer/actions/sheet-actions';
import { chartTitle } from '../../../../../renderer/features/chart/chart-summary';
import { EMPTY_SHEET, type FieldRef, type SheetState, type ShelfId } from '../../../../../shared/chart/sheet-state';
import { channel, csat, records } from '../../fields';

function place(...placements: [FieldRef, ShelfId][]): SheetState {
  return placements.reduce((sheet, [field, shelf]) => {
    const result = performSheetAction(sheet, 'addFieldToShelf', { field, shelf });
    if ('refusal' in result) throw new Error(result.refusal.key);
    return result.sheet;
  }, EMPTY_SHEET);
}

describe('chart titles', () => {
  it('name a box plot by the spread of its field, in both languages, and other kinds by the aggregate', () => {
    const sheet = place([channel, 'x'], [csat, 'y']);
    expect(chartTitle('en', sheet)).toBe('Average of CSAT by Channel');
    const box: SheetState = { ...sheet, chartType: 'box' };
    expect(chartTitle('en', box)).toBe('Spread of CSAT by Channel');
    expect(chartTitle('zh-CN', box)).toBe('各渠道的满意度分布');
    // a count has no values to spread
    expect(chartTitle('en', { ...place([channel, 'x'], [records, 'y']), chartType: 'box' })).toBe('Number of records by Channel');
  });
});
