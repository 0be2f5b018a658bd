import type Database from 'better-sqlite3';
import type { CellValue } from '../../../shared/api/types';
import { metricValue } from '../../../shared/metrics/metric-statistics';
import { rowOrder, rowSource } from '../../../shared/metrics/compile-metric';
import type { SqlFragment } from '../../../shared/model/expression/expression-dialect';
import { rowSql, type BoundValue, type QueryTree, type SqlExpr, type SqlPredicate } from '../../../shared/query/compile-query';
import type { SqlDialect } from '../../../shared/query/sql-dialect';
import { compareSqlite } from '../../../shared/query/sqlite-order';

/**
 * A column store beside SQLite, for the query thread: the row-level values a query needs —
 * dimension buckets, filter predicates, the arguments of aggregates — are computed by SQLite once
 * (so every value has SQLite's own semantics) and kept as columns; grouping, aggregating,
 * percentiles and sorting then run over those columns in memory. Filters that compare a column
 * or a date bucket with values (=, IN, BETWEEN, IS NULL …) are tested in memory against the loaded
 * column, so a new value (a cross-filter click) needs no pass over the table; where SQLite would
 * convert a value by the column's affinity, the filter goes to SQLite as a column of its own.
 * Columns are kept per workbench version, so a model or data change starts afresh. Queries it cannot answer (period comparisons,
 * min and max, whose order across types is SQLite's) go to SQLite.
 */

/** A loaded column: numbers (NaN for NULL) when every value is a number, else dictionary codes (-1 for NULL). */
type Column = { readonly kind: 'numbers'; readonly values: Float64Array } | { readonly kind: 'codes'; readonly codes: Int32Array; readonly dictionary: readonly (string | number)[] };

/** At most this many bytes of columns are kept; the least recently used go first. */
const BUDGET_BYTES = 512 * 1024 * 1024;

const bytesOf = (column: Column): number => (column.kind === 'numbers' ? column.values.byteLength : column.codes.byteLength + column.dictionary.length * 32);

/**
 * Builds a column value by value: numbers until the first value that is not a number, then
 * dictionary codes (the numbers seen so far become dictionary entries).
 */
class ColumnBuilder {
  private numbers: Float64Array | undefined = new Float64Array(1 << 16);
  private codes: Int32Array | undefined;
  private readonly dictionary: (string | number)[] = [];
  private readonly index = new Map<string | number, number>();
  private length = 0;

  add(value: CellValue): void {
    if (this.numbers !== undefined) {
      if (value === null || typeof value === 'number') {
        if (this.length === this.numbers.length) this.numbers = grown(this.numbers, new Float64Array(this.numbers.length * 2));
        this.numbers[this.length++] = value ?? NaN;
        return;
      }
      this.toCodes(this.numbers);
    }
    if (this.length === this.codes!.length) this.codes = grown(this.codes!, new Int32Array(this.codes!.length * 2));
    this.codes![this.length++] = value === null ? -1 : this.codeOf(value);
  }

  build(): Column {
    if (this.numbers !== undefined) return { kind: 'numbers', values: this.numbers.slice(0, this.length) };
    return { kind: 'codes', codes: this.codes!.slice(0, this.length), dictionary: this.dictionary };
  }

  private codeOf(value: string | number): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.index.set(value, code);
    }
    return code;
  }

  private toCodes(numbers: Float64Array): void {
    this.codes = new Int32Array(numbers.length);
    for (let i = 0; i < this.length; i++) this.codes[i] = Number.isNaN(numbers[i]!) ? -1 : this.codeOf(numbers[i]!);
    this.numbers = undefined;
  }
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const valueAt = (column: Column, row: number): CellValue => {
  if (column.kind === 'numbers') {
    const v = column.values[row]!;
    return Number.isNaN(v) ? null : v;
  }
  const code = column.codes[row]!;
  return code < 0 ? null : column.dictionary[code]!;
};

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

/** Whether the column store can answer a tree: no comparison, aggregates it knows. */
export function columnStoreCanAnswer(tree: QueryTree): boolean {
  if (tree.periods !== undefined) return false;
  return tree.aggregates.every((a) => a.expr.kind === 'aggregate' && a.expr.fn !== 'min' && a.expr.fn !== 'max');
}

/**
 * A dimension with more distinct values than this is grouped by SQLite: its groups are nearly its
 * rows, so the column store would build a dictionary of every value and a row per group, where
 * SQLite's sorter keeps only the rows asked for (a scatter by ticket id at 1 M tickets: 1.1 s in
 * SQLite against 3.9 s to load the columns and 1.2 s each time after).
 */
export const MANY_GROUPS = 50_000;

/** The rows columns are loaded from: a table or a row source with derived columns, and what orders it. */
interface Source {
  readonly id: string;
  readonly sql: string;
  readonly params: SqlFragment['params'];
  readonly order: string;
}

export class ColumnStore {
  private version = -1;
  private readonly columns = new Map<string, Column>();
  private readonly affinities = new Map<string, ReadonlyMap<string, Affinity>>();
  private readonly distinctCounts = new Map<string, ReadonlyMap<string, number>>();
  private bytes = 0;
  private loads = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly dialect: SqlDialect,
  ) {}

  /** Whether the store should answer the tree: it can, and no dimension is a column with too many
   * distinct values (as the import counted them) to group in memory. */
  answers(tree: QueryTree, version: number): boolean {
    if (!columnStoreCanAnswer(tree)) return false;
    this.startVersion(version);
    return tree.levels[0]!.dimensions.every((d) => d.expr.kind !== 'column' || this.distinctCount(tree.from, d.expr.name) <= MANY_GROUPS);
  }

  /** The rows SQLite would return for the tree's SQL: dimensions, then aggregates, ordered and cut at limit + 1. */
  run(tree: QueryTree, version: number): CellValue[][] {
    this.startVersion(version);
    const made = rowSource(tree.from, tree.derived, this.dialect);
    const source: Source = { ...made, id: `${made.sql}\u0001${JSON.stringify(made.params)}`, order: rowOrder(tree.derived, this.dialect) };
    const fragmentOf = (e: SqlExpr): SqlFragment => rowSql(tree, this.dialect, { expr: e });
    const dimensions = tree.levels[0]!.dimensions.map((d) => fragmentOf(d.expr));
    const filters = tree.where.map((p): { readonly fragment: SqlFragment; readonly test?: ValueTest } => {
      const test = this.memoryTest(tree.from, p);
      return test === undefined ? { fragment: rowSql(tree, this.dialect, { predicate: p }) } : { fragment: fragmentOf(test.left), test: test.test };
    });
    const args = tree.aggregates.map((a) => (a.expr.kind === 'aggregate' && a.expr.arg !== undefined ? fragmentOf(a.expr.arg) : undefined));
    const wanted = [...dimensions, ...filters.map((f) => f.fragment), ...args.flatMap((a) => (a === undefined ? [] : [a]))];
    this.load(source, wanted);
    const column = (f: SqlFragment): Column => this.columns.get(this.key(source, f))!;

    const rowCount = this.rowCount(source);
    const selected = selectRows(
      filters.map((f) => rowTest(column(f.fragment), f.test)),
      rowCount,
    );
    const names = [...tree.levels[0]!.dimensions.map((d) => d.alias), ...tree.aggregates.map((a) => a.alias)];
    const order = tree.orderBy.map((o) => ({ value: sortValue(o.expr, names), descending: o.direction === 'desc' }));
    const compare = (x: (i: number) => CellValue, y: (i: number) => CellValue): number => {
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
    };
    const rows: CellValue[][] = [];
    // subtotals: each level groups by the dimensions it keeps (the leading ones) and leaves the others NULL
    for (const level of tree.levels) {
      const kept = dimensions.length - level.level;
      const grouping = groupRows(dimensions.slice(0, kept).map((d) => codesOf(column(d))), selected);
      // an aggregate of no rows still answers one row
      const groups = kept === 0 ? Math.max(grouping.groups, 1) : grouping.groups;

      // the non-NULL counts a pass finds, for a later COUNT of the same column (a mean's n)
      const counted = new Map<Column, Float64Array>();
      const bucketed = new Map<Column, Float64Array[]>();
      const aggregated = tree.aggregates.map((item, a) => {
        const e = item.expr as Extract<SqlExpr, { kind: 'aggregate' }>;
        return aggregate(e, args[a] === undefined ? undefined : column(args[a]), selected, grouping.groupIds, groups, counted, bucketed);
      });
      const dimensionColumns = dimensions.map(column);
      const cellOf = (g: number): ((i: number) => CellValue) => {
        const first = g < grouping.groups ? selected[grouping.firstIndex[g]!]! : -1;
        return (i) => (i < dimensionColumns.length ? (first < 0 || i >= kept ? null : valueAt(dimensionColumns[i]!, first)) : aggregated[i - dimensionColumns.length]![g]!);
      };
      const rowOf = (g: number): CellValue[] => {
        const cell = cellOf(g);
        const row = names.map((_, i) => cell(i));
        if (tree.totals) row.push(level.level);
        return row;
      };
      if (tree.levels.length === 1) {
        // one level: order the groups, then build only the rows returned (a million groups cut to
        // a hundred thousand need not become a million rows)
        let picked = Array.from({ length: groups }, (_, g) => g);
        if (order.length > 0) {
          const cells = picked.map(cellOf);
          picked.sort((x, y) => compare(cells[x]!, cells[y]!));
        }
        picked = picked.slice(0, tree.limit + 1);
        return picked.map(rowOf);
      }
      for (let g = 0; g < groups; g++) rows.push(rowOf(g));
    }

    const levelAt = names.length;
    // subtotal levels come after the detail rows, as the SQL orders them
    rows.sort((x, y) => (x[levelAt] as number) - (y[levelAt] as number) || compare((i) => x[i] ?? null, (i) => y[i] ?? null));
    return rows.slice(0, tree.limit + 1);
  }

  /** A data or model change starts afresh. */
  private startVersion(version: number): void {
    if (version === this.version) return;
    this.columns.clear();
    this.affinities.clear();
    this.distinctCounts.clear();
    this.bytes = 0;
    this.version = version;
  }

  /** A column's distinct values as its import counted them; 0 when unknown (a derived table). */
  private distinctCount(table: string, name: string): number {
    let counts = this.distinctCounts.get(table);
    if (counts === undefined) {
      const rows = this.db.prepare('SELECT name, distinct_count FROM rw_columns WHERE table_name = ?').raw(true).all(table) as [string, number][];
      counts = new Map(rows);
      this.distinctCounts.set(table, counts);
    }
    return counts.get(name) ?? 0;
  }

  /** How many columns SQLite has computed for this store (each one pass over a table). */
  get columnsLoaded(): number {
    return this.loads;
  }

  /**
   * A filter tested in memory on the values of its left side, when that gives what SQLite gives:
   * the left side is a column whose affinity would not convert the values (text values on a TEXT
   * column, numbers on a numeric one) or a bucket or bin, which has no affinity.
   */
  private memoryTest(from: string, p: SqlPredicate): { readonly left: SqlExpr; readonly test: ValueTest } | undefined {
    if (p.kind === 'ranked' || p.kind === 'lastDays') return undefined;
    const affinity = p.left.kind === 'column' ? this.affinityOf(from, p.left.name) : p.left.kind === 'timeBucket' || p.left.kind === 'bin' ? 'none' : undefined;
    if (affinity === undefined) return undefined;
    const bound = p.kind === 'compare' ? [p.value] : p.kind === 'in' ? p.values : p.kind === 'between' ? [p.low, p.high] : [];
    if (!bound.every((v) => v === null || unconverted(affinity, v))) return undefined;
    return { left: p.left, test: valueTest(p) };
  }

  /** A column's affinity as SQLite reads its declared type; undefined for a name the table does not declare. */
  private affinityOf(table: string, name: string): Affinity | undefined {
    let affinities = this.affinities.get(table);
    if (affinities === undefined) {
      const columns = this.db.prepare(`SELECT name, type FROM pragma_table_xinfo(?)`).all(table) as { name: string; type: string }[];
      affinities = new Map(columns.map((c) => [c.name, affinityOfType(c.type)]));
      this.affinities.set(table, affinities);
    }
    return affinities.get(name);
  }

  private key(source: Source, f: SqlFragment): string {
    return `${source.id}\u0000${f.sql}\u0000${JSON.stringify(f.params)}`;
  }

  private rowCount(source: Source): number {
    const first = [...this.columns.entries()].find(([k]) => k.startsWith(`${source.id}\u0000`));
    if (first === undefined) return 0;
    return first[1].kind === 'numbers' ? first[1].values.length : first[1].codes.length;
  }

  /** Computes the missing columns in one pass over the table, in rowid order. */
  private load(source: Source, fragments: readonly SqlFragment[]): void {
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
    // row by row, so that no row outlives its step (a whole result would be old garbage to collect)
    const builders = list.length === 0 ? [new ColumnBuilder()] : list.map(() => new ColumnBuilder());
    // in the table's row order, so that columns loaded at different times line up (a plain scan
    // may read a covering index instead, in the index's order)
    const statement = this.db.prepare(`SELECT ${select} FROM ${source.sql} ORDER BY ${source.order}`).raw(true);
    for (const row of statement.iterate(...list.flatMap(([, f]) => f.params), ...source.params) as IterableIterator<CellValue[]>) {
      for (let c = 0; c < builders.length; c++) builders[c]!.add(row[c] ?? null);
    }
    const keys = list.length === 0 ? [this.key(source, { sql: '1', params: [] })] : list.map(([key]) => key);
    this.loads += list.length;
    keys.forEach((key, c) => {
      const column = builders[c]!.build();
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

/** A dimension as codes (-1 for NULL) that identify its values. */
interface Codes {
  readonly codes: Int32Array;
  readonly cardinality: number;
  /** The value of each code. */
  readonly values: readonly (string | number)[];
}

/** Codes of numeric columns, made once per column. */
const codeViews = new WeakMap<Column, Codes>();
function codesOf(column: Column): Codes {
  if (column.kind === 'codes') return { codes: column.codes, cardinality: column.dictionary.length, values: column.dictionary };
  const made = codeViews.get(column);
  if (made !== undefined) return made;
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
  const view = { codes, cardinality: index.size, values: [...index.keys()] };
  codeViews.set(column, view);
  return view;
}

/** The rows that pass every filter, in row order. */
function selectRows(filters: readonly RowTest[], rowCount: number): Int32Array {
  const selected = new Int32Array(rowCount);
  let n = 0;
  if (filters.length === 0) {
    for (let row = 0; row < rowCount; row++) selected[row] = row;
    return selected;
  }
  for (let row = 0; row < rowCount; row++) {
    let ok = true;
    for (const f of filters) {
      // a predicate column: NaN (NULL) and 0 fail (!NaN is true); codes: the value's code passes or not
      if (f.kind === 'truth' ? !f.values[row] : f.passes[f.codes[row]! + 1] === 0) {
        ok = false;
        break;
      }
    }
    if (ok) selected[n++] = row;
  }
  return selected.subarray(0, n);
}

/** A filter over the rows: a column SQLite computed the predicate into, or a pass/fail per code of a value column (index 0 for NULL). */
type RowTest = { readonly kind: 'truth'; readonly values: Float64Array } | { readonly kind: 'codes'; readonly codes: Int32Array; readonly passes: Uint8Array };

function rowTest(column: Column, test: ValueTest | undefined): RowTest {
  if (test === undefined) return { kind: 'truth', values: numbersOf(column) };
  const { codes, values } = column.kind === 'codes' ? { codes: column.codes, values: column.dictionary } : codesOf(column);
  const passes = new Uint8Array(values.length + 1);
  passes[0] = test(null) ? 1 : 0;
  values.forEach((v, code) => (passes[code + 1] = test(v) ? 1 : 0));
  return { kind: 'codes', codes, passes };
}

/** SQLite's column affinities, of which only TEXT and the numeric ones convert compared values. */
type Affinity = 'text' | 'numeric' | 'none';

/** The affinity SQLite gives a declared type (section 3.1 of its datatype documentation). */
function affinityOfType(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'numeric';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('BLOB') || t === '') return 'none';
  return 'numeric';
}

/** Whether a bound value compared with a column of this affinity is compared as it is. */
function unconverted(affinity: Affinity, value: string | number): boolean {
  if (affinity === 'none') return true;
  return affinity === 'text' ? typeof value === 'string' : typeof value === 'number';
}

/** Whether a value passes a filter, as SQLite decides it (a NULL result fails). */
type ValueTest = (value: CellValue) => boolean;

function valueTest(p: Exclude<SqlPredicate, { kind: 'ranked' | 'lastDays' }>): ValueTest {
  const equal = (v: CellValue, b: BoundValue): boolean => v !== null && b !== null && compareSqlite(v, b) === 0;
  switch (p.kind) {
    case 'null':
      return (v) => (v === null) !== p.negated;
    case 'compare': {
      const { op, value } = p;
      return (v) => {
        if (v === null || value === null) return false;
        const c = compareSqlite(v, value);
        return op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      };
    }
    case 'in': {
      const { values, negated } = p;
      // x IN () is false and x NOT IN () true, even for NULL; otherwise a NULL on either side makes a miss NULL
      if (values.length === 0) return () => negated;
      const listHasNull = values.includes(null);
      return (v) => {
        if (v === null) return false;
        const found = values.some((b) => equal(v, b));
        return negated ? !found && !listHasNull : found;
      };
    }
    case 'between': {
      const { low, high } = p;
      return (v) => v !== null && low !== null && high !== null && compareSqlite(v, low) >= 0 && compareSqlite(v, high) <= 0;
    }
  }
}

/** Dense group tables up to this many cells; more combinations are grouped through a hash map. */
const DENSE_GROUPS = 1 << 22;

/**
 * The group of each selected row (numbered by first appearance) and the index in the selection of
 * each group's first row. Dimension codes are combined into one number: a direct table when the
 * combinations are few, a map while they fit in 2^53, else a string key.
 */
function groupRows(dimensions: readonly Codes[], selected: Int32Array): { readonly groupIds: Int32Array; readonly groups: number; readonly firstIndex: number[] } {
  const groupIds = new Int32Array(selected.length);
  const firstIndex: number[] = [];
  if (dimensions.length === 0) {
    if (selected.length > 0) firstIndex.push(0);
    return { groupIds, groups: firstIndex.length, firstIndex };
  }
  const radices = dimensions.map((d) => d.cardinality + 1);
  const combinations = radices.reduce((product, r) => product * r, 1);
  const keyAt = (row: number): number => {
    let key = 0;
    for (let d = 0; d < dimensions.length; d++) key = key * radices[d]! + dimensions[d]!.codes[row]! + 1;
    return key;
  };
  if (combinations <= DENSE_GROUPS) {
    const table = new Int32Array(combinations).fill(-1);
    // one and two dimensions (the usual charts) without the general loop over dimensions
    const first = dimensions[0]!.codes;
    const second = dimensions.length === 2 ? dimensions[1]!.codes : undefined;
    const radix = radices[1] ?? 1;
    for (let i = 0; i < selected.length; i++) {
      const row = selected[i]!;
      const key = dimensions.length === 1 ? first[row]! + 1 : second !== undefined ? (first[row]! + 1) * radix + second[row]! + 1 : keyAt(row);
      let group = table[key]!;
      if (group < 0) {
        group = firstIndex.length;
        table[key] = group;
        firstIndex.push(i);
      }
      groupIds[i] = group;
    }
    return { groupIds, groups: firstIndex.length, firstIndex };
  }
  const groupOfKey = new Map<number | string, number>();
  const numericKeys = combinations < 2 ** 53;
  for (let i = 0; i < selected.length; i++) {
    const row = selected[i]!;
    let key: number | string;
    if (numericKeys) key = keyAt(row);
    else {
      key = '';
      for (const d of dimensions) key += `${d.codes[row]},`;
    }
    let group = groupOfKey.get(key);
    if (group === undefined) {
      group = firstIndex.length;
      groupOfKey.set(key, group);
      firstIndex.push(i);
    }
    groupIds[i] = group;
  }
  return { groupIds, groups: firstIndex.length, firstIndex };
}

/** A column's numeric reading: its numbers, or for dictionary codes the values that are numbers (NaN for text and NULL). */
const numericViews = new WeakMap<Column, Float64Array>();
function numbersOf(column: Column): Float64Array {
  if (column.kind === 'numbers') return column.values;
  let view = numericViews.get(column);
  if (view === undefined) {
    const byCode = column.dictionary.map((v) => (typeof v === 'number' ? v : NaN));
    view = new Float64Array(column.codes.length);
    for (let i = 0; i < view.length; i++) {
      const code = column.codes[i]!;
      view[i] = code < 0 ? NaN : byCode[code]!;
    }
    numericViews.set(column, view);
  }
  return view;
}

/** The selected rows' values in selection order: the column itself when every row is selected. */
function gathered<T extends Float64Array | Int32Array>(values: T, selected: Int32Array, make: (n: number) => T): T {
  if (selected.length === values.length) return values;
  const out = make(selected.length);
  for (let i = 0; i < selected.length; i++) out[i] = values[selected[i]!]!;
  return out;
}

const floats = (n: number): Float64Array => new Float64Array(n);
const ints = (n: number): Int32Array => new Int32Array(n);

/** One aggregate per group over the selected rows (`groupIds` in selection order). */
function aggregate(e: Extract<SqlExpr, { kind: 'aggregate' }>, arg: Column | undefined, selected: Int32Array, groupIds: Int32Array, groups: number, counted: Map<Column, Float64Array>, bucketed: Map<Column, Float64Array[]>): CellValue[] {
  const n = selected.length;
  if (arg === undefined) {
    // COUNT(*)
    const counts = new Float64Array(groups);
    for (let i = 0; i < n; i++) counts[groupIds[i]!]!++;
    return Array.from(counts);
  }
  switch (e.fn) {
    case 'count': {
      const known = counted.get(arg);
      if (known !== undefined) return Array.from(known);
      const counts = new Float64Array(groups);
      if (arg.kind === 'codes') {
        const codes = gathered(arg.codes, selected, ints);
        for (let i = 0; i < n; i++) if (codes[i]! >= 0) counts[groupIds[i]!]!++;
      } else {
        const values = gathered(arg.values, selected, floats);
        for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) counts[groupIds[i]!]!++;
      }
      return Array.from(counts);
    }
    case 'count_distinct': {
      const codes = gathered(codesOf(arg).codes, selected, ints);
      const seen = Array.from({ length: groups }, () => new Set<number>());
      for (let i = 0; i < n; i++) {
        const code = codes[i]!;
        if (code >= 0) seen[groupIds[i]!]!.add(code);
      }
      return seen.map((s) => s.size);
    }
    case 'sum':
    case 'avg': {
      // Kahan–Babuška–Neumaier summation, as SQLite's sum() does for reals
      const values = gathered(numbersOf(arg), selected, floats);
      const sums = new Float64Array(groups);
      const compensations = new Float64Array(groups);
      const counts = new Float64Array(groups);
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        if (Number.isNaN(v)) continue;
        const g = groupIds[i]!;
        const sum = sums[g]!;
        const t = sum + v;
        compensations[g]! += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
        sums[g] = t;
        counts[g]!++;
      }
      // a column of dictionary codes counts its text too, which a sum skips
      if (arg.kind === 'numbers') counted.set(arg, counts);
      return Array.from(sums, (sum, g) => {
        if (counts[g] === 0) return null;
        const total = sum + compensations[g]!;
        return e.fn === 'sum' ? total : total / counts[g]!;
      });
    }
    case 'median':
    case 'percentile': {
      // the groups' values, gathered once for every percentile of the column (selection reorders but keeps them)
      const known = bucketed.get(arg);
      if (known !== undefined) return known.map((b) => percentileOf(b, e.fn === 'median' ? 50 : (e.p ?? 50)));
      const values = gathered(numbersOf(arg), selected, floats);
      const sizes = new Int32Array(groups);
      for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) sizes[groupIds[i]!]!++;
      if (arg.kind === 'numbers') counted.set(arg, Float64Array.from(sizes));
      const buckets = Array.from(sizes, (size) => new Float64Array(size));
      const filled = new Int32Array(groups);
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        if (Number.isNaN(v)) continue;
        const g = groupIds[i]!;
        buckets[g]![filled[g]!++] = v;
      }
      bucketed.set(arg, buckets);
      return buckets.map((b) => percentileOf(b, e.fn === 'median' ? 50 : (e.p ?? 50)));
    }
    default:
      return new Array<CellValue>(groups).fill(null);
  }
}

/** How an ORDER BY term reads an output row: a column by alias, or a metric's value from its sums. */
function sortValue(e: SqlExpr, names: readonly string[]): (cell: (i: number) => CellValue) => CellValue {
  if (e.kind === 'alias') {
    const index = names.indexOf(e.name);
    return (cell) => cell(index);
  }
  if (e.kind === 'metricValue') {
    const indexes = e.sums.map((s) => (s.kind === 'alias' ? names.indexOf(s.name) : -1));
    return (cell) => metricValue(e.metric.toSums(indexes.map((i) => (i < 0 ? null : (cell(i) as number | null))))).value;
  }
  return () => null;
}
