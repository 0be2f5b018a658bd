import type Database from 'better-sqlite3';
import type { CellValue } from '../../../shared/api/types';
import { metricValue } from '../../../shared/metrics/metric-statistics';
import { rowSource } from '../../../shared/metrics/compile-metric';
import type { SqlFragment } from '../../../shared/model/expression/expression-dialect';
import { rowSql, type QueryTree, type SqlExpr } from '../../../shared/query/compile-query';
import type { SqlDialect } from '../../../shared/query/sql-dialect';

/**
 * A column store beside SQLite, for the query thread: the row-level values a query needs —
 * dimension buckets, filter predicates, the arguments of aggregates — are computed by SQLite once
 * (so every value has SQLite's own semantics) and kept as columns; grouping, aggregating,
 * percentiles and sorting then run over those columns in memory. Columns are kept per workbench
 * version, so a model or data change starts afresh. Queries it cannot answer (subtotals, period
 * comparisons) go to SQLite.
 */

/** A loaded column: numbers (NaN for NULL) when every value is a number, else dictionary codes (-1 for NULL). */
type Column = { readonly kind: 'numbers'; readonly values: Float64Array } | { readonly kind: 'codes'; readonly codes: Int32Array; readonly dictionary: readonly (string | number)[] };

/** At most this many bytes of columns are kept; the least recently used go first. */
const BUDGET_BYTES = 512 * 1024 * 1024;

const bytesOf = (column: Column): number => (column.kind === 'numbers' ? column.values.byteLength : column.codes.byteLength + column.dictionary.length * 32);

function toColumn(values: readonly CellValue[]): Column {
  if (values.every((v) => v === null || typeof v === 'number')) {
    const numbers = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) numbers[i] = values[i] === null ? NaN : (values[i] as number);
    return { kind: 'numbers', values: numbers };
  }
  const index = new Map<string | number, number>();
  const dictionary: (string | number)[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    if (v === null) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { kind: 'codes', codes, dictionary };
}

const valueAt = (column: Column, row: number): CellValue => {
  if (column.kind === 'numbers') {
    const v = column.values[row]!;
    return Number.isNaN(v) ? null : v;
  }
  const code = column.codes[row]!;
  return code < 0 ? null : column.dictionary[code]!;
};

/** SQLite's order: NULL first, numbers, then text by code point (UTF-8 byte order). */
export function compareSqlite(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; ) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/** Kahan–Babuška–Neumaier summation, as SQLite's sum() does for reals. */
class ExactSum {
  private sum = 0;
  private compensation = 0;
  private seen = false;
  add(value: number): void {
    this.seen = true;
    const t = this.sum + value;
    this.compensation += Math.abs(this.sum) >= Math.abs(value) ? this.sum - t + value : value - t + this.sum;
    this.sum = t;
  }
  get value(): number | null {
    return this.seen ? this.sum + this.compensation : null;
  }
}

/** Puts the k-th smallest value at index k, smaller ones before it and larger ones after (quickselect). */
function selectKth(values: Float64Array, k: number): void {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const pivot = values[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** The percentile SQLite's percentile() gives: linear between the two nearest ranks, found without a full sort. */
function percentileOf(values: Float64Array, p: number): number | null {
  if (values.length === 0) return null;
  const at = (p / 100) * (values.length - 1);
  const low = Math.floor(at);
  selectKth(values, low);
  const lowValue = values[low]!;
  if (low + 1 >= values.length || at === low) return lowValue;
  // the next rank is the smallest of the values after it
  let next = Infinity;
  for (let i = low + 1; i < values.length; i++) if (values[i]! < next) next = values[i]!;
  return lowValue + (next - lowValue) * (at - low);
}

/** Whether the column store can answer a tree: one grouping level, no comparison, aggregates it knows. */
export function columnStoreCanAnswer(tree: QueryTree): boolean {
  if (tree.levels.length !== 1 || tree.periods !== undefined) return false;
  return tree.aggregates.every((a) => a.expr.kind === 'aggregate' && a.expr.fn !== 'min' && a.expr.fn !== 'max');
}

export class ColumnStore {
  private version = -1;
  private readonly columns = new Map<string, Column>();
  private bytes = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly dialect: SqlDialect,
  ) {}

  /** The rows SQLite would return for the tree's SQL: dimensions, then aggregates, ordered and cut at limit + 1. */
  run(tree: QueryTree, version: number): CellValue[][] {
    if (version !== this.version) {
      this.columns.clear();
      this.bytes = 0;
      this.version = version;
    }
    const level = tree.levels[0]!;
    const source = rowSource(tree.from, tree.derived, this.dialect);
    const fragmentOf = (e: SqlExpr): SqlFragment => rowSql(tree, this.dialect, { expr: e });
    const dimensions = level.dimensions.map((d) => fragmentOf(d.expr));
    const predicates = tree.where.map((p) => rowSql(tree, this.dialect, { predicate: p }));
    const args = tree.aggregates.map((a) => (a.expr.kind === 'aggregate' && a.expr.arg !== undefined ? fragmentOf(a.expr.arg) : undefined));
    const wanted = [...dimensions, ...predicates, ...args.flatMap((a) => (a === undefined ? [] : [a]))];
    this.load(source, wanted);
    const column = (f: SqlFragment): Column => this.columns.get(this.key(source, f))!;

    // rows that pass every filter (a NULL predicate does not pass)
    const rowCount = this.rowCount(source);
    const filters = predicates.map(column);
    const passing: number[] = [];
    for (let row = 0; row < rowCount; row++) {
      let ok = true;
      for (const f of filters) {
        const v = valueAt(f, row);
        if (v === null || v === 0) {
          ok = false;
          break;
        }
      }
      if (ok) passing.push(row);
    }

    // groups by the dimensions' codes, combined into one number while they fit in 2^53
    const dimensionColumns = dimensions.map((d) => codesOf(column(d)));
    const radices = dimensionColumns.map((d) => d.cardinality + 1);
    const numericKeys = radices.reduce((product, r) => product * r, 1) < 2 ** 53;
    const groupOf = new Int32Array(rowCount).fill(-1);
    const groupKeys = new Map<number | string, number>();
    const groupRows: number[] = [];
    for (const row of passing) {
      let key: number | string = 0;
      if (numericKeys) {
        for (let d = 0; d < dimensionColumns.length; d++) key = (key) * radices[d]! + dimensionColumns[d]!.codes[row]! + 1;
      } else {
        key = '';
        for (const d of dimensionColumns) key += `${d.codes[row]},`;
      }
      let group = groupKeys.get(key);
      if (group === undefined) {
        group = groupRows.length;
        groupKeys.set(key, group);
        groupRows.push(row);
      }
      groupOf[row] = group;
    }
    // an aggregate of no rows still answers one row
    if (dimensions.length === 0 && groupRows.length === 0) groupRows.push(-1);
    const groups = groupRows.length;

    const aggregated: CellValue[][] = Array.from({ length: groups }, () => []);
    tree.aggregates.forEach((item, a) => {
      const e = item.expr as Extract<SqlExpr, { kind: 'aggregate' }>;
      const arg = args[a] === undefined ? undefined : column(args[a]);
      const results = aggregate(e, arg, passing, groupOf, groups);
      for (let g = 0; g < groups; g++) aggregated[g]!.push(results[g]!);
    });
    let rows: CellValue[][] = groupRows.map((first, g) => [...dimensionColumns.map((d) => (first < 0 ? null : d.value(first))), ...aggregated[g]!]);
    if (dimensions.length > 0 && tree.aggregates.length === 0) rows = rows.filter((_, g) => groupRows[g]! >= 0);

    const names = [...level.dimensions.map((d) => d.alias), ...tree.aggregates.map((a) => a.alias)];
    const order = tree.orderBy.map((o) => ({ value: sortValue(o.expr, names), descending: o.direction === 'desc' }));
    if (order.length > 0) {
      rows.sort((x, y) => {
        for (const o of order) {
          const a = o.value(x);
          const b = o.value(y);
          // NULLs last both ways, as the SQL asks (NULLS LAST ascending; SQLite's default descending)
          if (a === null || b === null) {
            if (a !== b) return a === null ? 1 : -1;
            continue;
          }
          const c = compareSqlite(a, b);
          if (c !== 0) return o.descending ? -c : c;
        }
        return 0;
      });
    }
    return rows.slice(0, tree.limit + 1);
  }

  private key(source: string, f: SqlFragment): string {
    return `${source}\u0000${f.sql}\u0000${JSON.stringify(f.params)}`;
  }

  private rowCount(source: string): number {
    const first = [...this.columns.entries()].find(([k]) => k.startsWith(`${source}\u0000`));
    if (first === undefined) return 0;
    return first[1].kind === 'numbers' ? first[1].values.length : first[1].codes.length;
  }

  /** Computes the missing columns in one pass over the table, in rowid order. */
  private load(source: string, fragments: readonly SqlFragment[]): void {
    const missing = new Map<string, SqlFragment>();
    for (const f of fragments) {
      const key = this.key(source, f);
      if (this.columns.has(key)) {
        // most recently used last
        const column = this.columns.get(key)!;
        this.columns.delete(key);
        this.columns.set(key, column);
      } else missing.set(key, f);
    }
    // a table with no column yet still needs its row count
    if (missing.size === 0 && this.rowCount(source) > 0) return;
    const list = [...missing.entries()];
    const select = list.length === 0 ? '1' : list.map(([, f]) => f.sql).join(', ');
    const rows = this.db
      .prepare(`SELECT ${select} FROM ${source}`)
      .raw(true)
      .all(...list.flatMap(([, f]) => f.params)) as CellValue[][];
    if (list.length === 0) {
      this.columns.set(this.key(source, { sql: '1', params: [] }), { kind: 'numbers', values: new Float64Array(rows.length).fill(1) });
      return;
    }
    list.forEach(([key], c) => {
      const column = toColumn(rows.map((r) => r[c] ?? null));
      this.columns.set(key, column);
      this.bytes += bytesOf(column);
    });
    for (const [key, column] of this.columns) {
      if (this.bytes <= BUDGET_BYTES) break;
      if (missing.has(key)) continue;
      this.columns.delete(key);
      this.bytes -= bytesOf(column);
    }
  }
}

/** A dimension as codes (-1 for NULL) that identify its values, and the value of a row. */
function codesOf(column: Column): { readonly codes: Int32Array; readonly cardinality: number; readonly value: (row: number) => CellValue } {
  if (column.kind === 'codes') return { codes: column.codes, cardinality: column.dictionary.length, value: (row) => valueAt(column, row) };
  const index = new Map<number, number>();
  const codes = new Int32Array(column.values.length);
  for (let i = 0; i < codes.length; i++) {
    const v = column.values[i]!;
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = index.size;
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { codes, cardinality: index.size, value: (row) => valueAt(column, row) };
}

function aggregate(e: Extract<SqlExpr, { kind: 'aggregate' }>, arg: Column | undefined, rows: readonly number[], groupOf: Int32Array, groups: number): CellValue[] {
  const out: CellValue[] = new Array<CellValue>(groups).fill(null);
  if (arg === undefined) {
    // COUNT(*)
    const counts = new Array<number>(groups).fill(0);
    for (const row of rows) counts[groupOf[row]!]!++;
    return counts;
  }
  switch (e.fn) {
    case 'count': {
      const counts = new Array<number>(groups).fill(0);
      for (const row of rows) if (valueAt(arg, row) !== null) counts[groupOf[row]!]!++;
      return counts;
    }
    case 'count_distinct': {
      const seen = Array.from({ length: groups }, () => new Set<CellValue>());
      for (const row of rows) {
        const v = valueAt(arg, row);
        if (v !== null) seen[groupOf[row]!]!.add(v);
      }
      return seen.map((s) => s.size);
    }
    case 'sum':
    case 'avg': {
      const sums = Array.from({ length: groups }, () => new ExactSum());
      const counts = new Array<number>(groups).fill(0);
      for (const row of rows) {
        const v = valueAt(arg, row);
        if (typeof v !== 'number') continue;
        sums[groupOf[row]!]!.add(v);
        counts[groupOf[row]!]!++;
      }
      return sums.map((s, g) => (e.fn === 'sum' ? s.value : counts[g] === 0 ? null : s.value! / counts[g]!));
    }
    case 'median':
    case 'percentile': {
      const sizes = new Int32Array(groups);
      for (const row of rows) if (typeof valueAt(arg, row) === 'number') sizes[groupOf[row]!]!++;
      const buckets = Array.from(sizes, (n) => new Float64Array(n));
      const filled = new Int32Array(groups);
      for (const row of rows) {
        const v = valueAt(arg, row);
        if (typeof v !== 'number') continue;
        const g = groupOf[row]!;
        buckets[g]![filled[g]!++] = v;
      }
      return buckets.map((b) => percentileOf(b, e.fn === 'median' ? 50 : (e.p ?? 50)));
    }
    default:
      return out;
  }
}

/** How an ORDER BY term reads an output row: a column by alias, or a metric's value from its sums. */
function sortValue(e: SqlExpr, names: readonly string[]): (row: readonly CellValue[]) => CellValue {
  if (e.kind === 'alias') {
    const index = names.indexOf(e.name);
    return (row) => row[index] ?? null;
  }
  if (e.kind === 'metricValue') {
    const indexes = e.sums.map((s) => (s.kind === 'alias' ? names.indexOf(s.name) : -1));
    return (row) => metricValue(e.metric.toSums(indexes.map((i) => (i < 0 ? null : (row[i] as number | null))))).value;
  }
  return () => null;
}
