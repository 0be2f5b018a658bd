import type { RowSortKey } from '../../../shared/api/types';

/**
 * The sort after a click on a column's header: asc → desc → none. A plain click sorts by that
 * column alone; with Shift it adds the column as the next key (or turns its own key).
 */
export function clickSort(sort: readonly RowSortKey[], field: string, add: boolean): RowSortKey[] {
  const current = sort.find((s) => s.field === field);
  const next: RowSortKey | undefined = current === undefined ? { field, direction: 'asc' } : current.direction === 'asc' ? { field, direction: 'desc' } : undefined;
  if (!add) return next === undefined ? [] : [next];
  if (current === undefined) return [...sort, next!];
  return next === undefined ? sort.filter((s) => s.field !== field) : sort.map((s) => (s.field === field ? next : s));
}
