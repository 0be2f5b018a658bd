import type { CellValue, ColumnStats, HistogramBin, ResultColumn, ValueCount } from '../../../shared/api/types';
import type { ResultRow } from '../../../shared/query/result-rows';
import type { FilterSpec, ScalarValue } from '../../../shared/spec/query-spec';
import { NUMERIC_TYPES, TEMPORAL_TYPES, type ColumnValues, type GridColumn, type GridPage, type GridSource, type GridView } from './grid-source';
import { compareSqlite } from '../../../shared/query/sqlite-order';

type Row = readonly CellValue[];

const HISTOGRAM_BINS = 20;
const TOP_VALUES = 10;
const DAY_MS = 86_400_000;


const bound = (value: ScalarValue): CellValue => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

/** A filter as SQL would apply it to a value (NULL passes only `is_null`). */
function passes(filter: FilterSpec, value: CellValue): boolean {
  const [first = null, second = null] = filter.values.map(bound);
  if (filter.op === 'is_null') return value === null;
  if (filter.op === 'not_null') return value !== null;
  if (value === null) return false;
  switch (filter.op) {
    case 'in':
      return filter.values.some((v) => compareSqlite(value, bound(v)) === 0);
    case 'not_in':
      return !filter.values.some((v) => v !== null && compareSqlite(value, bound(v)) === 0);
    case 'eq':
      return first !== null && compareSqlite(value, first) === 0;
    case 'neq':
      return first !== null && compareSqlite(value, first) !== 0;
    case 'gt':
      return first !== null && compareSqlite(value, first) > 0;
    case 'gte':
      return first !== null && compareSqlite(value, first) >= 0;
    case 'lt':
      return first !== null && compareSqlite(value, first) < 0;
    case 'lte':
      return first !== null && compareSqlite(value, first) <= 0;
    case 'between':
      return first !== null && second !== null && compareSqlite(value, first) >= 0 && compareSqlite(value, second) <= 0;
    default:
      // last_days and top/bottom need the whole column and a query: the grid never makes them
      throw new Error(`The filter ${filter.op} is not available on rows in memory.`);
  }
}

function dayNumber(value: CellValue): number {
  return Math.floor(Date.parse(`${String(value).slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Equal-width bars from min to max, as the engine draws them (a bar per whole value or day when they are few). */
function histogram(values: readonly CellValue[], column: GridColumn): HistogramBin[] {
  if (values.length === 0) return [];
  const temporal = TEMPORAL_TYPES.has(column.type);
  const numbers = values.map((v) => (temporal ? dayNumber(v) : Number(v)));
  let low = Infinity;
  let high = -Infinity;
  for (const n of numbers) {
    if (n < low) low = n;
    if (n > high) high = n;
  }
  const whole = temporal || column.type === 'integer' || column.type === 'boolean';
  const span = whole ? high - low + 1 : high - low;
  const width = span === 0 ? 1 : whole ? Math.max(1, Math.ceil(span / HISTOGRAM_BINS)) : span / HISTOGRAM_BINS;
  const count = span === 0 ? 1 : Math.ceil(span / width - 1e-9);
  const counts = new Array<number>(count).fill(0);
  for (const n of numbers) counts[Math.min(Math.trunc((n - low) / width), count - 1)]! += 1;
  const edge = (k: number): number | string => {
    const at = low + k * width;
    if (temporal) return dayText(at);
    return whole ? at : k === count ? high : at;
  };
  return counts.map((n, k) => ({ from: edge(k), to: edge(k + 1), count: n }));
}

/** A synchronous answer as a promise: a throw becomes a rejection, as over the API. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * Rows already in memory (a query result's) as a grid source: sorted, filtered and profiled here
 * with SQLite's rules, so the grid behaves as it does over a workbench table.
 */
export function memorySource(id: string, columns: readonly GridColumn[], rows: readonly Row[]): GridSource {
  const indexOf = (field: string): number => {
    const index = columns.findIndex((c) => c.name === field);
    if (index < 0) throw new Error(`No column ${field}.`);
    return index;
  };
  const filtered = (filters: readonly FilterSpec[]): readonly Row[] => {
    if (filters.length === 0) return rows;
    const tests = filters.map((f) => ({ f, at: indexOf(f.field) }));
    return rows.filter((row) => tests.every(({ f, at }) => passes(f, row[at] ?? null)));
  };
  let last: { readonly key: string; readonly rows: readonly Row[] } | undefined;
  const viewRows = (view: GridView): readonly Row[] => {
    const key = JSON.stringify(view);
    if (last?.key === key) return last.rows;
    const keys = view.sort.map((s) => ({ at: indexOf(s.field), sign: s.direction === 'desc' ? -1 : 1 }));
    const chosen = filtered(view.filters);
    // a stable sort keeps ties in the rows' own order, as the engine keeps them in rowid order
    const ordered = keys.length === 0 ? chosen : [...chosen].sort((a, b) => {
      for (const { at, sign } of keys) {
        const c = compareSqlite(a[at] ?? null, b[at] ?? null);
        if (c !== 0) return sign * c;
      }
      return 0;
    });
    last = { key, rows: ordered };
    return ordered;
  };
  const valueCounts = (field: string, filters: readonly FilterSpec[], search: string): ValueCount[] => {
    const at = indexOf(field);
    const needle = search.trim().toLowerCase();
    const counts = new Map<CellValue, number>();
    for (const row of filtered(filters)) {
      const value = row[at] ?? null;
      if (value === null || (needle !== '' && !String(value).toLowerCase().includes(needle))) continue;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || compareSqlite(a.value, b.value));
  };

  return {
    id,
    columns,
    readRows: (view, offset, limit): Promise<GridPage> =>
      settle(() => {
        const ordered = viewRows(view);
        return { rows: ordered.slice(offset, offset + limit), total: ordered.length };
      }),
    columnValues: (field, filters, search, limit): Promise<ColumnValues> =>
      settle(() => {
        const all = valueCounts(field, filters, search);
        return { values: all.slice(0, limit), distinct: all.length };
      }),
    columnStats: (field, filters): Promise<ColumnStats> => settle(() => {
      const at = indexOf(field);
      const column = columns[at]!;
      const chosen = filtered(filters);
      const values = chosen.map((row) => row[at] ?? null).filter((v): v is string | number => v !== null);
      const sorted = [...values].sort(compareSqlite);
      const numeric = NUMERIC_TYPES.has(column.type);
      const mid = Math.floor((sorted.length - 1) / 2);
      const median = !numeric || sorted.length === 0 ? null : sorted.length % 2 === 1 ? Number(sorted[mid]) : (Number(sorted[mid]) + Number(sorted[mid + 1])) / 2;
      return {
        table: id,
        field,
        type: column.type,
        rows: chosen.length,
        nulls: chosen.length - values.length,
        distinct: new Set(values).size,
        min: sorted[0] ?? null,
        max: sorted.at(-1) ?? null,
        mean: !numeric || values.length === 0 ? null : values.reduce<number>((sum, v) => sum + Number(v), 0) / values.length,
        median,
        topValues: valueCounts(field, filters, '').slice(0, TOP_VALUES),
        histogram: NUMERIC_TYPES.has(column.type) || TEMPORAL_TYPES.has(column.type) ? histogram(values, column) : null,
      };
    }),
  };
}

/** A query result's rows (decoded from its Arrow bytes) as a grid source; `id` names the result, so a new one starts afresh. */
export function resultSource(id: string, columns: readonly ResultColumn[], rows: readonly ResultRow[]): GridSource {
  const names = columns.map((c) => c.name);
  return memorySource(
    id,
    columns.map((c) => ({ name: c.name, label: c.label, type: c.type })),
    rows.map((row) => names.map((name) => row[name] ?? null)),
  );
}
