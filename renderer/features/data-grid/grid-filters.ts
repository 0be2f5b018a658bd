import type { CellValue, ColumnType } from '../../../shared/api/types';
import type { FilterSpec } from '../../../shared/spec/query-spec';

/** What a user chose for one column in the grid: some of its values, or a range (either end open). */
export type ColumnFilter =
  | { readonly field: string; readonly kind: 'values'; readonly values: readonly CellValue[] }
  | { readonly field: string; readonly kind: 'range'; readonly from: number | string | null; readonly to: number | string | null };

/** The column filters as query filters. A datetime range ends at the end of its last day. */
export function toFilterSpecs(filters: readonly ColumnFilter[], types: ReadonlyMap<string, ColumnType>): FilterSpec[] {
  return filters.flatMap((f): FilterSpec[] => {
    if (f.kind === 'values') return [{ field: f.field, op: 'in', values: [...f.values] }];
    const out: FilterSpec[] = [];
    if (f.from !== null) out.push({ field: f.field, op: 'gte', values: [f.from] });
    if (f.to !== null) out.push({ field: f.field, op: 'lte', values: [types.get(f.field) === 'datetime' && typeof f.to === 'string' && f.to.length === 10 ? `${f.to} 23:59:59` : f.to] });
    return out;
  });
}

/** The column filters except the one on `field`: a column's value list counts under the others. */
export function otherFilters(filters: readonly ColumnFilter[], field: string): ColumnFilter[] {
  return filters.filter((f) => f.field !== field);
}

/** Puts a column's filter in place of its previous one (or removes it, given undefined), keeping the order chips were added in. */
export function withFilter(filters: readonly ColumnFilter[], field: string, filter: ColumnFilter | undefined): ColumnFilter[] {
  const at = filters.findIndex((f) => f.field === field);
  if (filter === undefined) return filters.filter((f) => f.field !== field);
  if (at < 0) return [...filters, filter];
  return filters.map((f, i) => (i === at ? filter : f));
}
