import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../../shared/api/types';
import { PageCache } from '../../../../../renderer/features/data-grid/page-cache';
import type { GridSource, GridView } from '../../../../../renderer/features/data-grid/grid-source';
import { memorySource } from '../../../../../renderer/features/data-grid/memory-source';

const ROWS: CellValue[][] = Array.from({ length: 1050 }, (_, i) => [i, i % 7 === 0 ? null : `v${i % 13}`]);
const columns = [
  { name: 'n', label: { en: 'n', 'zh-CN': 'n' }, type: 'integer' as const },
  { name: 'v', label: { en: 'v', 'zh-CN': 'v' }, type: 'text' as const },
];

/** A memory source that records the pages asked for. */
function counting(): { source: GridSource; asked: [number, number][] } {
  const inner = memorySource('m', columns, ROWS);
  const asked: [number, number][] = [];
  return {
    asked,
    source: { ...inner, readRows: (view, offset, limit) => (asked.push([offset, limit]), inner.readRows(view, offset, limit)) },
  };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const view: GridView = { sort: [{ field: 'n', direction: 'desc' }], filters: [] };

describe('the grid’s page cache', () => {
  it('fetches the first page to learn the total, then only the missing pages of a range, once', async () => {
    const { source, asked } = counting();
    const cache = new PageCache(source, view, 100);
    let heard = 0;
    cache.subscribe(() => heard++);
    cache.ensure(0, 40);
    expect(cache.isPending(10)).toBe(true);
    expect(cache.row(10)).toBeUndefined();
    await settle();
    expect(cache.total).toBe(1050);
    expect(cache.row(10)).toEqual([1039, 'v12']);
    cache.ensure(950, 1100);
    cache.ensure(980, 1049);
    await settle();
    expect(asked).toEqual([[0, 100], [900, 100], [1000, 100]]);
    expect(cache.row(1049)).toEqual([0, null]);
    expect(cache.row(1050)).toBeUndefined();
    expect(heard).toBe(3);
  });

  it('reads a range across kept and missing pages for a copy, in order', async () => {
    const { source, asked } = counting();
    const cache = new PageCache(source, view, 100);
    cache.ensure(0, 0);
    await settle();
    const rows = await cache.rows(95, 345);
    expect(rows).toHaveLength(251);
    expect(rows[0]).toEqual([1049 - 95, 'v5']);
    expect(rows.at(-1)).toEqual([1049 - 345, ROWS[1049 - 345]![1]]);
    expect(asked).toEqual([[0, 100], [100, 246]]);
  });

  it('drops the pages read longest ago, and stays silent once closed', async () => {
    const { source } = counting();
    const cache = new PageCache(source, { sort: [], filters: [] }, 10);
    cache.ensure(0, 0);
    await settle();
    cache.ensure(0, 1049);
    await settle();
    expect(cache.row(0)).toBeUndefined();
    expect(cache.row(1049)).toEqual([1049, ROWS[1049]![1]]);
    let heard = 0;
    cache.subscribe(() => heard++);
    cache.close();
    cache.ensure(0, 0);
    await settle();
    expect(heard).toBe(0);
    expect(cache.row(0)).toBeUndefined();
  });

  it('keeps a failed page’s error for the grid to show, and asks again later', async () => {
    const failing: GridSource = { ...memorySource('m', columns, ROWS), readRows: () => Promise.reject(new Error('disk gone')) };
    const cache = new PageCache(failing, view, 100);
    cache.ensure(0, 10);
    await settle();
    expect((cache.error as Error).message).toBe('disk gone');
    expect(cache.isPending(0)).toBe(false);
  });
});
