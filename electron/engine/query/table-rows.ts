import type Database from 'better-sqlite3';
import type { CellValue, ColumnStats, HistogramBin, RowSortKey, TableRowsPage, ValueCount } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { compileRowFilter, fieldSql, type BoundValue, type SchemaField } from '../../../shared/query/compile-query';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import type { FilterSpec } from '../../../shared/spec/query-spec';
import { queryFields } from '../model/calculated-fields';
import { workbenchVersion } from '../workbench/workbench-version';

/** Row orders kept: a few (table, sort, filters) at once, each 8 bytes a row. */
const ORDER_CACHE_SIZE = 4;
const HISTOGRAM_BINS = 20;
export const TOP_VALUES = 10;
const NUMERIC = new Set(['integer', 'real', 'boolean']);
const TEMPORAL = new Set(['date', 'datetime']);
const UNIX_EPOCH_JULIAN_DAY = 2440587.5;

export interface ReadRowsRequest {
  readonly table: string;
  readonly offset?: number | undefined;
  readonly limit?: number | undefined;
  readonly sort?: readonly RowSortKey[] | undefined;
  readonly filters?: readonly FilterSpec[] | undefined;
}

export interface ColumnValuesRequest {
  readonly table: string;
  readonly field: string;
  readonly filters?: readonly FilterSpec[] | undefined;
  /** Only values whose text contains this (case-insensitive for Latin letters). */
  readonly search?: string | undefined;
  readonly limit?: number | undefined;
}

/** SQL text with its bound values, built left to right so the values line up with the `?`s. */
class SqlBuilder {
  readonly params: BoundValue[] = [];
  private readonly parts: string[] = [];

  add(text: string, params: readonly BoundValue[] = []): this {
    this.parts.push(text);
    this.params.push(...params);
    return this;
  }

  get sql(): string {
    return this.parts.join('');
  }
}

/** A name that reaches the rowid in this table: a column may be called `rowid` itself. */
function rowidName(fields: readonly SchemaField[]): string {
  const taken = new Set(fields.filter((f) => f.sql === undefined).map((f) => f.name.toLowerCase()));
  const free = ['rowid', '_rowid_', 'oid'].find((n) => !taken.has(n));
  if (free === undefined) throw new RootwiseError('error.dataView.noRowid');
  return free;
}

function julianDayToDate(day: number): string {
  return new Date(Math.round((day - UNIX_EPOCH_JULIAN_DAY) * 86_400_000)).toISOString().slice(0, 10);
}

/**
 * Reads pages of a table's rows in any order and under any filters. Sorting a million rows for
 * each page (ORDER BY … OFFSET) would take seconds a page, so the ordered rowids of each (table,
 * sort, filters) are computed once per workbench version and kept; a page is then its slice of
 * rowids, each read by its rowid.
 */
export class TableRowReader {
  /** Least recently used first. */
  private readonly orders = new Map<string, Float64Array>();

  constructor(private readonly db: Database.Database) {}

  private table(name: string): { readonly table: string; readonly fields: readonly SchemaField[]; readonly rowid: string } {
    const schema = queryFields(this.db, name);
    return { ...schema, rowid: rowidName(schema.fields) };
  }

  private field(fields: readonly SchemaField[], table: string, name: string): SchemaField {
    const field = fields.find((f) => f.name === name);
    if (field === undefined) throw new RootwiseError('error.field.notFound', { table, field: name });
    return field;
  }

  /** ` WHERE …` (or nothing) for the filters, plus `extra` conditions. */
  private where(builder: SqlBuilder, schema: { readonly table: string; readonly fields: readonly SchemaField[] }, filters: readonly FilterSpec[] | undefined, extra: readonly { readonly sql: string; readonly params: readonly BoundValue[] }[] = []): SqlBuilder {
    const filter = compileRowFilter(filters ?? [], { table: schema.table, fields: [...schema.fields] });
    const conditions = [...(filter === undefined ? [] : [filter]), ...extra];
    conditions.forEach((c, i) => builder.add(i === 0 ? ' WHERE ' : ' AND ', []).add(c.sql, c.params));
    return builder;
  }

  /** The rowids of the rows under the filters, in the asked order (ties in rowid order). */
  rowOrder(request: ReadRowsRequest): Float64Array {
    const schema = this.table(request.table);
    const key = JSON.stringify([workbenchVersion(this.db), schema.table, request.sort ?? [], request.filters ?? []]);
    const cached = this.orders.get(key);
    if (cached !== undefined) {
      this.orders.delete(key);
      this.orders.set(key, cached);
      return cached;
    }
    const q = (name: string): string => sqliteDialect.quoteIdent(name);
    const builder = new SqlBuilder().add(`SELECT ${q(schema.rowid)} FROM ${q(schema.table)}`);
    this.where(builder, schema, request.filters);
    builder.add(' ORDER BY ');
    for (const key of request.sort ?? []) {
      const value = fieldSql(this.field(schema.fields, schema.table, key.field));
      builder.add(`${value.sql} ${key.direction === 'desc' ? 'DESC' : 'ASC'}, `, value.params);
    }
    builder.add(q(schema.rowid));
    const rowids = Float64Array.from(this.db.prepare(builder.sql).pluck(true).all(...builder.params) as number[]);
    this.orders.set(key, rowids);
    while (this.orders.size > ORDER_CACHE_SIZE) this.orders.delete(this.orders.keys().next().value!);
    return rowids;
  }

  readRows(request: ReadRowsRequest): TableRowsPage {
    const schema = this.table(request.table);
    const rowids = this.rowOrder(request);
    const offset = request.offset ?? 0;
    const end = Math.min(rowids.length, offset + (request.limit ?? 200));
    const q = (name: string): string => sqliteDialect.quoteIdent(name);
    const select = new SqlBuilder().add('SELECT ');
    schema.fields.forEach((field, i) => {
      const value = fieldSql(field);
      select.add(i === 0 ? value.sql : `, ${value.sql}`, value.params);
    });
    select.add(` FROM ${q(schema.table)} WHERE ${q(schema.rowid)} = ?`);
    const statement = this.db.prepare(select.sql).raw(true);
    const rows: CellValue[][] = [];
    for (let i = offset; i < end; i++) rows.push(statement.get(...select.params, rowids[i]) as CellValue[]);
    return { table: schema.table, columns: schema.fields.map((f) => f.name), rows, offset, total: rowids.length };
  }

  columnStats(request: { readonly table: string; readonly field: string; readonly filters?: readonly FilterSpec[] | undefined }): ColumnStats {
    const schema = this.table(request.table);
    const field = this.field(schema.fields, schema.table, request.field);
    const x = fieldSql(field);
    const q = (name: string): string => sqliteDialect.quoteIdent(name);
    const numeric = NUMERIC.has(field.type);
    const from = `FROM ${q(schema.table)}`;
    const summary = new SqlBuilder()
      .add('SELECT COUNT(*), COUNT(', []).add(x.sql, x.params)
      .add('), COUNT(DISTINCT ').add(x.sql, x.params)
      .add('), MIN(').add(x.sql, x.params)
      .add('), MAX(').add(x.sql, x.params)
      .add(')');
    if (numeric) summary.add(', AVG(').add(x.sql, x.params).add(')');
    else summary.add(', NULL');
    summary.add(` ${from}`);
    this.where(summary, schema, request.filters);
    const [rows, present, distinct, min, max, mean] = this.db.prepare(summary.sql).raw(true).get(...summary.params) as [number, number, number, CellValue, CellValue, number | null];
    const notNull = { sql: `${x.sql} IS NOT NULL`, params: x.params };

    let median: number | null = null;
    if (numeric && present > 0) {
      const middle = new SqlBuilder().add('SELECT ').add(x.sql, x.params).add(` ${from}`);
      this.where(middle, schema, request.filters, [notNull]).add(' ORDER BY 1 LIMIT ? OFFSET ?', [2 - (present % 2), Math.floor((present - 1) / 2)]);
      const values = this.db.prepare(middle.sql).pluck(true).all(...middle.params) as number[];
      median = values.reduce((sum, v) => sum + v, 0) / values.length;
    }

    return {
      table: schema.table,
      field: field.name,
      type: field.type,
      rows,
      nulls: rows - present,
      distinct,
      min,
      max,
      mean: numeric ? mean : null,
      median,
      topValues: this.columnValues({ ...request, limit: TOP_VALUES }).values,
      histogram: NUMERIC.has(field.type) || TEMPORAL.has(field.type) ? this.histogram(schema, field, request.filters, min, max, [notNull]) : null,
    };
  }

  private histogram(schema: { readonly table: string; readonly fields: readonly SchemaField[] }, field: SchemaField, filters: readonly FilterSpec[] | undefined, min: CellValue, max: CellValue, extra: readonly { readonly sql: string; readonly params: readonly BoundValue[] }[]): HistogramBin[] {
    if (min === null || max === null) return [];
    const x = fieldSql(field);
    const temporal = TEMPORAL.has(field.type);
    // dates are binned by whole days: their julian day number at midnight
    const value = temporal ? { sql: `julianday(date(${x.sql}))`, params: x.params } : x;
    const low = temporal ? (this.db.prepare('SELECT julianday(date(?))').pluck(true).get(min) as number) : Number(min);
    const high = temporal ? (this.db.prepare('SELECT julianday(date(?))').pluck(true).get(max) as number) : Number(max);
    const whole = temporal || field.type === 'integer' || field.type === 'boolean';
    // whole values in a narrow range get a bar each; otherwise HISTOGRAM_BINS equal bars (whole-sized for whole values)
    const span = whole ? high - low + 1 : high - low;
    const width = span === 0 ? 1 : whole ? Math.max(1, Math.ceil(span / HISTOGRAM_BINS)) : span / HISTOGRAM_BINS;
    const count = span === 0 ? 1 : Math.ceil(span / width - 1e-9);
    const query = new SqlBuilder().add('SELECT MIN(CAST((').add(value.sql, value.params).add(' - ?) / ? AS INTEGER), ?) AS bin, COUNT(*)', [low, width, count - 1]);
    query.add(` FROM ${sqliteDialect.quoteIdent(schema.table)}`);
    this.where(query, schema, filters, extra).add(' GROUP BY bin ORDER BY bin');
    const counts = new Map((this.db.prepare(query.sql).raw(true).all(...query.params) as [number, number][]).map(([bin, n]) => [bin, n]));
    const edge = (k: number): number | string => {
      const at = low + k * width;
      if (temporal) return julianDayToDate(at);
      return whole ? at : k === count ? high : at;
    };
    return Array.from({ length: count }, (_, k) => ({ from: edge(k), to: edge(k + 1), count: counts.get(k) ?? 0 }));
  }

  /** The values of a field under the filters with their row counts, most first, and how many distinct values match. */
  columnValues(request: ColumnValuesRequest): { readonly values: readonly ValueCount[]; readonly distinct: number } {
    const schema = this.table(request.table);
    const field = this.field(schema.fields, schema.table, request.field);
    const x = fieldSql(field);
    const extra = [{ sql: `${x.sql} IS NOT NULL`, params: x.params }];
    const search = request.search?.trim() ?? '';
    if (search !== '') extra.push({ sql: `instr(lower(CAST(${x.sql} AS TEXT)), lower(?)) > 0`, params: [...x.params, search] });
    const from = ` FROM ${sqliteDialect.quoteIdent(schema.table)}`;
    const list = new SqlBuilder().add('SELECT ').add(x.sql, x.params).add(' AS value, COUNT(*) AS count').add(from);
    this.where(list, schema, request.filters, extra).add(' GROUP BY value ORDER BY count DESC, value LIMIT ?', [request.limit ?? 200]);
    const values = this.db.prepare(list.sql).all(...list.params) as ValueCount[];
    const distinctQuery = new SqlBuilder().add('SELECT COUNT(DISTINCT ').add(x.sql, x.params).add(')').add(from);
    this.where(distinctQuery, schema, request.filters, extra);
    const distinct = this.db.prepare(distinctQuery.sql).pluck(true).get(...distinctQuery.params) as number;
    return { values, distinct };
  }
}
