/**
 * Compiles a QuerySpec to parameterised SQL in three phases:
 *   1. normalize: check every field against the table schema, resolve types, apply defaults;
 *   2. build a query tree: select items, predicates, grouping and order as data;
 *   3. generate SQL for a dialect: identifiers quoted by the dialect, every value bound.
 * Nothing from the spec is ever pasted into SQL text except through `quoteIdent`.
 */
import type { ColumnType, LocalizedText, ResultColumn } from '../api/types';
import { RootwiseError } from '../errors/rootwise-error';
import {
  MAX_QUERY_ROWS,
  dimensionId,
  measureId,
  type Aggregate,
  type FilterOp,
  type QuerySpec,
  type ScalarValue,
  type TimeUnit,
} from '../spec/query-spec';
import { sqliteDialect, type SqlDialect } from './sql-dialect';

export interface SchemaField {
  readonly name: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
}

export interface QuerySchema {
  readonly table: string;
  readonly fields: readonly SchemaField[];
}

export type BoundValue = string | number | null;

export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly BoundValue[];
  readonly columns: readonly ResultColumn[];
  /** Rows asked for; the SQL fetches one more to tell whether the result was cut. */
  readonly limit: number;
}

// ---- phase 1: normalize -------------------------------------------------------------------

interface NormalizedDimension {
  readonly id: string;
  readonly field: SchemaField;
  readonly timeUnit: TimeUnit | undefined;
}

interface NormalizedMeasure {
  readonly id: string;
  readonly aggregate: Aggregate;
  readonly field: SchemaField | undefined;
}

interface NormalizedFilter {
  readonly field: SchemaField;
  readonly op: FilterOp;
  readonly values: readonly BoundValue[];
}

interface NormalizedQuery {
  readonly table: string;
  readonly dimensions: readonly NormalizedDimension[];
  readonly measures: readonly NormalizedMeasure[];
  readonly filters: readonly NormalizedFilter[];
  readonly sort: readonly { readonly id: string; readonly direction: 'asc' | 'desc' }[];
  readonly limit: number;
}

const TEMPORAL: ReadonlySet<ColumnType> = new Set(['date', 'datetime']);
const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'real', 'boolean']);
const ARITY: Readonly<Record<FilterOp, number | 'many'>> = {
  in: 'many',
  not_in: 'many',
  eq: 1,
  neq: 1,
  gt: 1,
  gte: 1,
  lt: 1,
  lte: 1,
  between: 2,
  is_null: 0,
  not_null: 0,
};

function bindValue(value: ScalarValue): BoundValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

export function normalizeQuery(spec: QuerySpec, schema: QuerySchema): NormalizedQuery {
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const fieldOf = (name: string): SchemaField => {
    const field = byName.get(name);
    if (field === undefined) throw new RootwiseError('error.field.notFound', { table: schema.table, field: name });
    return field;
  };

  const dimensions = spec.dimensions.map((d): NormalizedDimension => {
    const field = fieldOf(d.field);
    if (d.timeUnit !== undefined && !TEMPORAL.has(field.type)) {
      throw new RootwiseError('error.query.timeUnitOnNonTemporal', { field: field.name, unit: d.timeUnit });
    }
    return { id: dimensionId(d), field, timeUnit: d.timeUnit };
  });

  const measures = spec.measures.map((m): NormalizedMeasure => {
    if (m.field === undefined) {
      if (m.aggregate !== 'count') throw new RootwiseError('error.query.aggregateNeedsField', { aggregate: m.aggregate });
      return { id: measureId(m), aggregate: 'count', field: undefined };
    }
    const field = fieldOf(m.field);
    const needsNumber = m.aggregate === 'sum' || m.aggregate === 'avg';
    if (needsNumber && !NUMERIC.has(field.type)) throw new RootwiseError('error.query.aggregateOnText', { field: field.name });
    return { id: measureId(m), aggregate: m.aggregate, field };
  });

  const filters = spec.filters.map((f): NormalizedFilter => {
    const field = fieldOf(f.field);
    const arity = ARITY[f.op];
    const ok = arity === 'many' ? f.values.length > 0 : f.values.length === arity;
    if (!ok) {
      throw new RootwiseError('error.query.filterArity', {
        op: f.op,
        field: field.name,
        expected: arity === 'many' ? '1+' : arity,
        actual: f.values.length,
      });
    }
    return { field, op: f.op, values: f.values.map(bindValue) };
  });

  const outputIds = new Set([...dimensions.map((d) => d.id), ...measures.map((m) => m.id)]);
  const sort =
    spec.sort.length > 0
      ? spec.sort.map((s) => {
          if (!outputIds.has(s.by)) throw new RootwiseError('error.field.notFound', { table: schema.table, field: s.by });
          return { id: s.by, direction: s.direction };
        })
      : dimensions.map((d) => ({ id: d.id, direction: 'asc' as const }));

  return { table: schema.table, dimensions, measures, filters, sort, limit: Math.min(spec.limit ?? MAX_QUERY_ROWS, MAX_QUERY_ROWS) };
}

// ---- phase 2: build a query tree ----------------------------------------------------------

export type SqlExpr =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'timeBucket'; readonly unit: TimeUnit; readonly arg: SqlExpr }
  | { readonly kind: 'aggregate'; readonly fn: Aggregate; readonly arg: SqlExpr | undefined };

export type SqlPredicate =
  | { readonly kind: 'compare'; readonly op: '=' | '<>' | '>' | '>=' | '<' | '<='; readonly left: SqlExpr; readonly value: BoundValue }
  | { readonly kind: 'in'; readonly negated: boolean; readonly left: SqlExpr; readonly values: readonly BoundValue[] }
  | { readonly kind: 'between'; readonly left: SqlExpr; readonly low: BoundValue; readonly high: BoundValue }
  | { readonly kind: 'null'; readonly negated: boolean; readonly left: SqlExpr };

export interface QueryTree {
  readonly select: readonly { readonly expr: SqlExpr; readonly alias: string }[];
  readonly from: string;
  readonly where: readonly SqlPredicate[];
  readonly groupBy: readonly SqlExpr[];
  readonly orderBy: readonly { readonly alias: string; readonly direction: 'asc' | 'desc' }[];
  readonly limit: number;
}

const COMPARE_OPS = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function predicateOf(filter: NormalizedFilter): SqlPredicate {
  const left: SqlExpr = { kind: 'column', name: filter.field.name };
  const [first = null, second = null] = filter.values;
  switch (filter.op) {
    case 'in':
    case 'not_in':
      return { kind: 'in', negated: filter.op === 'not_in', left, values: filter.values };
    case 'between':
      return { kind: 'between', left, low: first, high: second };
    case 'is_null':
    case 'not_null':
      return { kind: 'null', negated: filter.op === 'not_null', left };
    default:
      return { kind: 'compare', op: COMPARE_OPS[filter.op], left, value: first };
  }
}

export function buildQueryTree(query: NormalizedQuery): QueryTree {
  const dimensionExprs = query.dimensions.map((d): SqlExpr => {
    const column: SqlExpr = { kind: 'column', name: d.field.name };
    return d.timeUnit === undefined ? column : { kind: 'timeBucket', unit: d.timeUnit, arg: column };
  });
  const measureExprs = query.measures.map(
    (m): SqlExpr => ({ kind: 'aggregate', fn: m.aggregate, arg: m.field === undefined ? undefined : { kind: 'column', name: m.field.name } }),
  );
  return {
    select: [
      ...query.dimensions.map((d, i) => ({ expr: dimensionExprs[i]!, alias: d.id })),
      ...query.measures.map((m, i) => ({ expr: measureExprs[i]!, alias: m.id })),
    ],
    from: query.table,
    where: query.filters.map(predicateOf),
    groupBy: dimensionExprs,
    orderBy: query.sort.map((s) => ({ alias: s.id, direction: s.direction })),
    limit: query.limit,
  };
}

// ---- phase 3: generate SQL ----------------------------------------------------------------

export function generateSql(tree: QueryTree, dialect: SqlDialect): { sql: string; params: BoundValue[] } {
  const params: BoundValue[] = [];
  const bind = (value: BoundValue): string => {
    params.push(value);
    return '?';
  };
  const expr = (e: SqlExpr): string => {
    switch (e.kind) {
      case 'column':
        return dialect.quoteIdent(e.name);
      case 'timeBucket':
        return dialect.timeBucket(e.unit, expr(e.arg));
      case 'aggregate':
        return dialect.aggregate(e.fn, e.arg === undefined ? undefined : expr(e.arg));
    }
  };
  const predicate = (p: SqlPredicate): string => {
    switch (p.kind) {
      case 'compare':
        return `${expr(p.left)} ${p.op} ${bind(p.value)}`;
      case 'in':
        return `${expr(p.left)} ${p.negated ? 'NOT IN' : 'IN'} (${p.values.map(bind).join(', ')})`;
      case 'between':
        return `${expr(p.left)} BETWEEN ${bind(p.low)} AND ${bind(p.high)}`;
      case 'null':
        return `${expr(p.left)} IS ${p.negated ? 'NOT ' : ''}NULL`;
    }
  };

  const parts = [`SELECT ${tree.select.map((s) => `${expr(s.expr)} AS ${dialect.quoteIdent(s.alias)}`).join(', ')}`];
  parts.push(`FROM ${dialect.quoteIdent(tree.from)}`);
  if (tree.where.length > 0) parts.push(`WHERE ${tree.where.map(predicate).join(' AND ')}`);
  if (tree.groupBy.length > 0 && tree.select.some((s) => s.expr.kind === 'aggregate')) {
    parts.push(`GROUP BY ${tree.groupBy.map(expr).join(', ')}`);
  } else if (tree.groupBy.length > 0) {
    // dimensions alone: one row per distinct combination
    parts[0] = parts[0]!.replace(/^SELECT /, 'SELECT DISTINCT ');
  }
  if (tree.orderBy.length > 0) {
    parts.push(`ORDER BY ${tree.orderBy.map((o) => `${dialect.quoteIdent(o.alias)} ${o.direction.toUpperCase()}${dialect.nullsLast(o.direction)}`).join(', ')}`);
  }
  parts.push(`LIMIT ${bind(tree.limit + 1)}`);
  return { sql: parts.join(' '), params };
}

function resultColumns(query: NormalizedQuery): ResultColumn[] {
  return [
    ...query.dimensions.map(
      (d): ResultColumn => ({
        name: d.id,
        label: d.field.label,
        role: 'dimension',
        // a bucketed date comes back as its bucket label
        type: d.timeUnit === undefined ? d.field.type : 'text',
      }),
    ),
    ...query.measures.map(
      (m): ResultColumn => ({
        name: m.id,
        label: m.field?.label ?? { en: 'Number of records', 'zh-CN': '记录数' },
        role: 'measure',
        type: m.aggregate === 'count' || m.aggregate === 'count_distinct' ? 'integer' : m.aggregate === 'avg' ? 'real' : (m.field?.type ?? 'real'),
      }),
    ),
  ];
}

export function compileQuery(spec: QuerySpec, schema: QuerySchema, dialect: SqlDialect = sqliteDialect): CompiledQuery {
  const normalized = normalizeQuery(spec, schema);
  const { sql, params } = generateSql(buildQueryTree(normalized), dialect);
  return { sql, params, columns: resultColumns(normalized), limit: normalized.limit };
}
