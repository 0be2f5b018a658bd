import { describe, expect, it } from 'vitest';
import { toFilterSpecs, withFilter, type ColumnFilter } from '../../../../../renderer/features/data-grid/grid-filters';
import { clickSort } from '../../../../../renderer/features/data-grid/grid-sort';
import { MAX_SCROLL_HEIGHT, contentOffset, offsetToReveal, rowsAt, scrollGeometry, scrollTopFor } from '../../../../../renderer/features/data-grid/scroll-scaling';
import { moveSelection, selectionRange, toTsv, type GridSelection } from '../../../../../renderer/features/data-grid/selection';

describe('scroll scaling', () => {
  it('lays out small tables at their true height, one pixel a pixel', () => {
    const g = scrollGeometry(1000, 26, 520);
    expect(g.scrollHeight).toBe(26_000);
    expect(contentOffset(g, 1234)).toBe(1234);
    expect(scrollTopFor(g, 1234)).toBe(1234);
    expect(rowsAt(1234, 520, 26, 1000, 5)).toEqual({ first: 42, last: 72, top: 42 * 26 - 1234 });
  });

  it('squeezes a million rows under the browsers’ height cap and still reaches the first and last rows', () => {
    const g = scrollGeometry(1_000_000, 26, 520);
    expect(g.contentHeight).toBe(26_000_000);
    expect(g.scrollHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(contentOffset(g, 0)).toBe(0);
    const end = contentOffset(g, g.scrollHeight - g.viewport);
    expect(end).toBe(g.contentHeight - g.viewport);
    const last = rowsAt(end, 520, 26, 1_000_000, 0);
    expect(last.last).toBe(999_999);
    expect(last.top + (last.last - last.first + 1) * 26).toBe(520);
    // beyond the range the browser never scrolls; asked anyway, it stays at the end
    expect(contentOffset(g, 99_000_000)).toBe(end);
    expect(contentOffset(g, scrollTopFor(g, 13_000_000))).toBeCloseTo(13_000_000, 6);
  });

  it('reveals a row with the smallest move', () => {
    const g = scrollGeometry(100, 20, 200);
    expect(offsetToReveal(g, 400, 25, 20)).toBe(400);
    expect(offsetToReveal(g, 400, 10, 20)).toBe(200);
    expect(offsetToReveal(g, 400, 40, 20)).toBe(620);
  });
});

describe('selection', () => {
  const at = (row: number, col: number): GridSelection => ({ anchor: { row, col }, focus: { row, col } });
  const size = { rows: 1000, cols: 5, pageRows: 20 };

  it('moves like a spreadsheet and stays inside the grid', () => {
    expect(moveSelection(at(0, 0), { key: 'ArrowUp', shift: false, primary: false }, size)).toEqual(at(0, 0));
    expect(moveSelection(at(3, 4), { key: 'ArrowRight', shift: false, primary: false }, size)).toEqual(at(3, 4));
    expect(moveSelection(at(3, 2), { key: 'PageDown', shift: false, primary: false }, size)).toEqual(at(23, 2));
    expect(moveSelection(at(990, 2), { key: 'PageDown', shift: false, primary: false }, size)).toEqual(at(999, 2));
    expect(moveSelection(at(500, 2), { key: 'End', shift: false, primary: true }, size)).toEqual(at(999, 4));
    expect(moveSelection(at(500, 2), { key: 'Home', shift: false, primary: true }, size)).toEqual(at(0, 0));
    expect(moveSelection(at(500, 2), { key: 'Home', shift: false, primary: false }, size)).toEqual(at(500, 0));
    expect(moveSelection(at(500, 2), { key: 'x', shift: false, primary: false }, size)).toBeUndefined();
  });

  it('grows a range with Shift from where it started, in any direction', () => {
    const grown = moveSelection(moveSelection(at(5, 3), { key: 'ArrowDown', shift: true, primary: false }, size)!, { key: 'ArrowLeft', shift: true, primary: false }, size)!;
    expect(grown).toEqual({ anchor: { row: 5, col: 3 }, focus: { row: 6, col: 2 } });
    expect(selectionRange({ anchor: { row: 9, col: 1 }, focus: { row: 2, col: 4 } })).toEqual({ top: 2, bottom: 9, left: 1, right: 4 });
  });

  it('copies as TSV that spreadsheets paste cell for cell', () => {
    expect(toTsv([[1, 'a', null], [2.5, 'tab\there', 'say "hi"\nbye']], ['n', '名称', 'note'])).toBe('n\t名称\tnote\n1\ta\t\n2.5\t"tab\there"\t"say ""hi""\nbye"');
    expect(toTsv([])).toBe('');
  });
});

describe('sort clicks and column filters', () => {
  it('turns a column asc → desc → none, and adds a key with Shift', () => {
    expect(clickSort([], 'a', false)).toEqual([{ field: 'a', direction: 'asc' }]);
    expect(clickSort([{ field: 'a', direction: 'asc' }], 'a', false)).toEqual([{ field: 'a', direction: 'desc' }]);
    expect(clickSort([{ field: 'a', direction: 'desc' }], 'a', false)).toEqual([]);
    expect(clickSort([{ field: 'a', direction: 'asc' }], 'b', false)).toEqual([{ field: 'b', direction: 'asc' }]);
    expect(clickSort([{ field: 'a', direction: 'asc' }], 'b', true)).toEqual([{ field: 'a', direction: 'asc' }, { field: 'b', direction: 'asc' }]);
    expect(clickSort([{ field: 'a', direction: 'asc' }, { field: 'b', direction: 'desc' }], 'b', true)).toEqual([{ field: 'a', direction: 'asc' }]);
  });

  it('makes query filters of value lists and open or closed ranges, a datetime range to the end of its day', () => {
    const filters: ColumnFilter[] = [
      { field: 'channel', kind: 'values', values: ['电话', '邮件'] },
      { field: 'csat', kind: 'range', from: 2, to: null },
      { field: 'created_at', kind: 'range', from: '2024-03-01', to: '2024-03-31' },
    ];
    const types = new Map([['channel', 'text' as const], ['csat', 'integer' as const], ['created_at', 'datetime' as const]]);
    expect(toFilterSpecs(filters, types)).toEqual([
      { field: 'channel', op: 'in', values: ['电话', '邮件'] },
      { field: 'csat', op: 'gte', values: [2] },
      { field: 'created_at', op: 'gte', values: ['2024-03-01'] },
      { field: 'created_at', op: 'lte', values: ['2024-03-31 23:59:59'] },
    ]);
    const replaced = withFilter(filters, 'channel', { field: 'channel', kind: 'values', values: ['邮件'] });
    expect(replaced.map((f) => f.field)).toEqual(['channel', 'csat', 'created_at']);
    expect(withFilter(filters, 'csat', undefined).map((f) => f.field)).toEqual(['channel', 'created_at']);
  });
});
