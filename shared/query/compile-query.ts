/**
 * Compiles a QuerySpec to parameterised SQL in three phases:
 *   1. normalize: check every field against the table schema, resolve types and the metrics of the
 *      catalogue (through the table's roles), apply defaults, work out comparison periods;
 *   2. build a query tree: dimensions, aggregates, predicates, grouping levels and order as data;
 *   3. generate SQL for a dialect: identifiers quoted by the dialect, every value bound.
 * Nothing from the spec is ever pasted into SQL text except through `quoteIdent`; formulas of the
 * metric catalogue go through the expression compiler, which binds their literals too.
 *
 * The SQL returns the sums each metric needs, not its value: `assembleRows` turns them into the
 * value, n and interval, so a ratio is a ratio of sums at every level, totals included.
 */
import type { CellValue, ColumnType, LocalizedText, ResultColumn } from '../api/types';
import { RootwiseError } from '../errors/rootwise-error';
import { compileMetric, rowSource, variantMissing, type CompiledMetric, type CustomerSource, type DerivedColumn } from '../metrics/compile-metric';
import type { PauseSource } from '../model/pause-rule';
import { catalogueMetric } from '../metrics/metric-catalogue';
import type { MetricDefinition } from '../metrics/metric-definition';
import { metricValue } from '../metrics/metric-statistics';
import { sqliteExpressionDialect, type ExpressionDialect, type SqlFragment } from '../model/expression/expression-dialect';
import type { AppliedRoles } from '../model/semantic-model';
import {
  GROUPING_COLUMN,
  MAX_QUERY_ROWS,
  QUERY_SPEC_VERSION,
  detailId,
  dimensionId,
  isMetricMeasure,
  measureId,
  type Aggregate,
  type FilterOp,
  type MeasureDetail,
  type FilterSpec,
  type MeasureRef,
  type QuerySpec,
  type ScalarValue,
  type TimeUnit,
} from '../spec/query-spec';
import { sqliteDialect, type SqlDialect } from './sql-dialect';

export interface SchemaField {
  readonly name: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
  /** A calculated field: its compiled formula, used wherever the field is. */
  readonly sql?: SqlFragment | undefined;
}

export interface QuerySchema {
  readonly table: string;
  readonly fields: readonly SchemaField[];
  /** The table's roles, for metrics of the catalogue (none: metrics are refused). */
  readonly roles?: AppliedRoles | undefined;
  /** Finds a metric's definition (a version of it, when asked); default: the built-in catalogue. */
  readonly metric?: ((id: string, version?: number) => MetricDefinition | undefined) | undefined;
  /** Where the tickets' waits for the customer are recorded (the workbench's pause rule). */
  readonly pauses?: PauseSource | undefined;
  /** The customer table the table's customer_id points at, with its churn date. */
  readonly customers?: CustomerSource | undefined;
}

export type BoundValue = string | number | null;

/** Where an output column's values come from in a row of the SQL result. */
export type OutputSource =
  | { readonly kind: 'column'; readonly index: number }
  | { readonly kind: 'metric'; readonly metric: CompiledMetric; readonly indexes: readonly number[]; readonly part: 'value' | 'n' | 'low' | 'high' }
  | { readonly kind: 'change'; readonly current: OutputSource; readonly previous: OutputSource; readonly relative: boolean }
  /** A figure over all the result's rows (see RowStatistics): filled in by `completeRowStatistics`. */
  | { readonly kind: 'rowStatistic'; readonly statistic: RowStatistic; readonly of: string }
  /** A measure's share of the listed measures' sum over the rows alike in the dimension `within`. */
  | { readonly kind: 'rowShare'; readonly of: string; readonly measures: readonly string[]; readonly within: string | undefined };

export type RowStatistic = Extract<MeasureDetail, 'running_share' | 'total' | 'mean' | 'sd' | 'lcl' | 'ucl'>;
const SPREAD_STATISTICS = ['mean', 'sd', 'lcl', 'ucl'] as const satisfies readonly RowStatistic[];

export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly BoundValue[];
  readonly columns: readonly ResultColumn[];
  /** One per column: how `assembleRows` computes it from a SQL row. */
  readonly sources: readonly OutputSource[];
  /** Rows asked for; the SQL fetches one more to tell whether the result was cut. */
  readonly limit: number;
  /** The query as data, for an engine that computes it without this SQL (the column store). */
  readonly tree: QueryTree;
}

// ---- phase 1: normalize -------------------------------------------------------------------

interface NormalizedDimension {
  readonly id: string;
  readonly field: SchemaField;
  readonly timeUnit: TimeUnit | undefined;
  readonly bin: number | undefined;
}

type NormalizedMeasure =
  | { readonly kind: 'field'; readonly id: string; readonly aggregate: Aggregate; readonly field: SchemaField | undefined; readonly p: number | undefined }
  | { readonly kind: 'metric'; readonly id: string; readonly metric: CompiledMetric };

interface NormalizedFilter {
  readonly field: SchemaField;
  readonly op: FilterOp;
  readonly values: readonly BoundValue[];
  readonly by: NormalizedMeasure | undefined;
}

interface Period {
  readonly from: string;
  /** The day after the last day: periods are half-open. */
  readonly until: string;
}

interface NormalizedQuery {
  readonly table: string;
  readonly dimensions: readonly NormalizedDimension[];
  readonly measures: readonly NormalizedMeasure[];
  readonly filters: readonly NormalizedFilter[];
  readonly sort: readonly { readonly id: string; readonly direction: 'asc' | 'desc' }[];
  readonly limit: number;
  readonly compare: { readonly field: SchemaField; readonly current: Period; readonly previous: Period } | undefined;
  readonly totals: boolean;
  readonly rowStatistics: {
    readonly runningShare: ReadonlySet<string>;
    readonly total: ReadonlySet<string>;
    readonly spread: ReadonlySet<string>;
    readonly share: { readonly measures: readonly string[]; readonly within: string | undefined } | undefined;
  };
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
  last_days: 1,
  top: 1,
  bottom: 1,
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function bindValue(value: ScalarValue): BoundValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** A YYYY-MM-DD date moved by whole days, months or years (month ends clamp: 03-31 − 1 month = 02-29). */
export function shiftDate(date: string, days: number, months = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const targetMonth = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(targetMonth.getUTCFullYear(), targetMonth.getUTCMonth() + 1, 0)).getUTCDate();
  const shifted = new Date(Date.UTC(targetMonth.getUTCFullYear(), targetMonth.getUTCMonth(), Math.min(d, lastDay) + days));
  return shifted.toISOString().slice(0, 10);
}

function checkDate(value: string, field: string): void {
  if (!DATE.test(value) || shiftDate(value, 0) !== value) throw new RootwiseError('error.query.badDate', { field, value });
}

export function normalizeQuery(spec: QuerySpec, schema: QuerySchema, dialect: SqlDialect, expressionDialect: ExpressionDialect): NormalizedQuery {
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
    if (d.bin !== undefined && (!NUMERIC.has(field.type) || !(d.bin > 0) || !Number.isFinite(d.bin))) throw new RootwiseError('error.query.badBin', { field: field.name });
    return { id: dimensionId(d), field, timeUnit: d.timeUnit, bin: d.bin };
  });

  const measureOf = (m: MeasureRef): NormalizedMeasure => {
    if (isMetricMeasure(m)) {
      const definition = (schema.metric ?? ((id: string, version?: number) => (version === undefined || version === 1 ? catalogueMetric(id) : undefined)))(m.metric, m.version);
      if (definition === undefined) throw new RootwiseError('error.metrics.unknown', { metric: m.version === undefined ? m.metric : `${m.metric} v${m.version}` });
      const fieldTypes = new Map(schema.fields.map((f) => [f.name, f.type]));
      const table = { name: schema.table, roles: schema.roles ?? new Map(), fieldTypes, pauses: schema.pauses, customers: schema.customers };
      const compiled = compileMetric(definition, table, dialect, expressionDialect);
      if (compiled === undefined) {
        const needs = [...new Set(definition.variants.flatMap((v) => variantMissing(v, table)))];
        throw new RootwiseError('error.query.metricNeedsRoles', { metric: m.metric, table: schema.table, roles: needs.join(', ') });
      }
      return { kind: 'metric', id: measureId(m), metric: compiled };
    }
    if (m.field === undefined) {
      if (m.aggregate !== 'count') throw new RootwiseError('error.query.aggregateNeedsField', { aggregate: m.aggregate });
      return { kind: 'field', id: measureId(m), aggregate: 'count', field: undefined, p: undefined };
    }
    const field = fieldOf(m.field);
    const needsNumber = m.aggregate === 'sum' || m.aggregate === 'avg' || m.aggregate === 'median' || m.aggregate === 'percentile';
    if (needsNumber && !NUMERIC.has(field.type)) throw new RootwiseError('error.query.aggregateOnText', { field: field.name });
    const p = m.aggregate === 'percentile' ? (m.p ?? 50) : undefined;
    if (p !== undefined && !(p >= 0 && p <= 100)) throw new RootwiseError('error.query.badPercentile', { p });
    return { kind: 'field', id: measureId(m), aggregate: m.aggregate, field, p };
  };
  const measures = spec.measures.map(measureOf);

  const filters = spec.filters.map((f): NormalizedFilter => {
    const field = fieldOf(f.field);
    const arity = ARITY[f.op];
    const ok = arity === 'many' ? f.values.length > 0 : f.values.length === arity;
    if (!ok) {
      throw new RootwiseError('error.query.filterArity', { op: f.op, field: field.name, expected: arity === 'many' ? '1+' : arity, actual: f.values.length });
    }
    const ranked = f.op === 'top' || f.op === 'bottom' || f.op === 'last_days';
    if (ranked && !(typeof f.values[0] === 'number' && Number.isInteger(f.values[0]) && f.values[0] > 0)) {
      throw new RootwiseError('error.query.badCount', { op: f.op, field: field.name });
    }
    if (f.op === 'last_days' && !TEMPORAL.has(field.type)) throw new RootwiseError('error.query.timeUnitOnNonTemporal', { field: field.name, unit: f.op });
    return { field, op: f.op, values: f.values.map(bindValue), by: f.op === 'top' || f.op === 'bottom' ? measureOf(f.by ?? { aggregate: 'count' }) : undefined };
  });

  let compare: NormalizedQuery['compare'];
  if (spec.compare !== undefined) {
    const field = fieldOf(spec.compare.field);
    if (!TEMPORAL.has(field.type)) throw new RootwiseError('error.query.timeUnitOnNonTemporal', { field: field.name, unit: spec.compare.with });
    checkDate(spec.compare.from, field.name);
    checkDate(spec.compare.to, field.name);
    if (spec.compare.to < spec.compare.from) throw new RootwiseError('error.query.badPeriod', { from: spec.compare.from, to: spec.compare.to });
    const current = { from: spec.compare.from, until: shiftDate(spec.compare.to, 1) };
    const days = Math.round((Date.parse(current.until) - Date.parse(current.from)) / 86_400_000);
    const previous =
      spec.compare.with === 'previous_period'
        ? { from: shiftDate(current.from, -days), until: current.from }
        : { from: shiftDate(current.from, 0, -12), until: shiftDate(shiftDate(spec.compare.to, 0, -12), 1) };
    compare = { field, current, previous };
  }

  const outputIds = new Set([...dimensions.map((d) => d.id), ...measures.map((m) => m.id)]);
  const measureIds = (ids: readonly string[] | undefined): ReadonlySet<string> => {
    for (const id of ids ?? []) if (!measures.some((m) => m.id === id)) throw new RootwiseError('error.field.notFound', { table: schema.table, field: id });
    return new Set(ids);
  };
  const askedShare = spec.rowStatistics?.share;
  const within = askedShare?.within;
  if (within !== undefined && !dimensions.some((d) => d.id === within)) throw new RootwiseError('error.field.notFound', { table: schema.table, field: within });
  const rowStatistics = {
    runningShare: measureIds(spec.rowStatistics?.runningShare),
    total: measureIds(spec.rowStatistics?.total),
    spread: measureIds(spec.rowStatistics?.spread),
    share: askedShare === undefined ? undefined : { measures: [...measureIds(askedShare.measures)], within },
  };
  const asked = spec.sort.map((s) => {
    if (!outputIds.has(s.by)) throw new RootwiseError('error.field.notFound', { table: schema.table, field: s.by });
    return { id: s.by, direction: s.direction };
  });
  // the dimensions break ties, so equal values come in one order every time, whichever engine answers
  const sort = [...asked, ...dimensions.filter((d) => !asked.some((s) => s.id === d.id)).map((d) => ({ id: d.id, direction: 'asc' as const }))];

  return {
    table: schema.table,
    dimensions,
    measures,
    filters,
    sort,
    limit: Math.min(spec.limit ?? MAX_QUERY_ROWS, MAX_QUERY_ROWS),
    compare,
    totals: spec.totals === true && dimensions.length > 0,
    rowStatistics,
  };
}

// ---- phase 2: build a query tree ----------------------------------------------------------

export type SqlExpr =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'timeBucket'; readonly unit: TimeUnit; readonly arg: SqlExpr }
  | { readonly kind: 'bin'; readonly width: number; readonly arg: SqlExpr }
  | { readonly kind: 'aggregate'; readonly fn: Aggregate; readonly arg: SqlExpr | undefined; readonly p?: number | undefined }
  /** SQL already compiled from a formula of the catalogue, with its bound values. */
  | { readonly kind: 'fragment'; readonly fragment: SqlFragment }
  /** A column of the select list, by its alias. */
  | { readonly kind: 'alias'; readonly name: string }
  /** A metric's value from its sums. */
  | { readonly kind: 'metricValue'; readonly metric: CompiledMetric; readonly sums: readonly SqlExpr[] }
  | { readonly kind: 'null' };

export type SqlPredicate =
  | { readonly kind: 'compare'; readonly op: '=' | '<>' | '>' | '>=' | '<' | '<='; readonly left: SqlExpr; readonly value: BoundValue }
  | { readonly kind: 'in'; readonly negated: boolean; readonly left: SqlExpr; readonly values: readonly BoundValue[] }
  | { readonly kind: 'between'; readonly left: SqlExpr; readonly low: BoundValue; readonly high: BoundValue }
  | { readonly kind: 'null'; readonly negated: boolean; readonly left: SqlExpr }
  | { readonly kind: 'lastDays'; readonly left: SqlExpr; readonly days: number }
  /** The `count` values of `left` ranked first by `by` among the rows of `where`. */
  | { readonly kind: 'ranked'; readonly left: SqlExpr; readonly by: SqlExpr; readonly descending: boolean; readonly count: number; readonly where: readonly SqlPredicate[] };

export interface SelectItem {
  readonly expr: SqlExpr;
  readonly alias: string;
}

/** One grouping of the rows: detail rows (level 0), or subtotals rolling up the last `level` dimensions. */
export interface QueryLevel {
  readonly level: number;
  readonly dimensions: readonly SelectItem[];
  readonly groupBy: readonly SqlExpr[];
}

export interface QueryTree {
  readonly from: string;
  /** Columns the metrics need added to each row first (window functions, waits). */
  readonly derived: readonly DerivedColumn[];
  readonly levels: readonly QueryLevel[];
  readonly aggregates: readonly SelectItem[];
  readonly where: readonly SqlPredicate[];
  /** With a comparison: the current and the previous period's predicate; rows are joined on the dimensions. */
  readonly periods: { readonly current: SqlPredicate; readonly previous: SqlPredicate } | undefined;
  readonly orderBy: readonly { readonly expr: SqlExpr; readonly direction: 'asc' | 'desc' }[];
  readonly totals: boolean;
  readonly limit: number;
}

const COMPARE_OPS = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

const column = (name: string): SqlExpr => ({ kind: 'column', name });
/** A field as SQL: its column, or a calculated field's formula. */
const fieldExpr = (field: SchemaField): SqlExpr => (field.sql === undefined ? column(field.name) : { kind: 'fragment', fragment: field.sql });
const alias = (name: string): SqlExpr => ({ kind: 'alias', name });
const SUM_ALIAS = (measure: string, k: number): string => `${measure}__s${k}`;
const PREVIOUS_ALIAS = (alias: string): string => `${alias}__prev`;

/** The aggregate columns of a measure: one for a plain aggregate, a metric's sums otherwise. */
function aggregatesOf(m: NormalizedMeasure): SelectItem[] {
  if (m.kind === 'metric') {
    return m.metric.parts.map((part, k) => ({
      expr: { kind: 'aggregate', fn: part.fn, arg: part.arg === undefined ? undefined : { kind: 'fragment', fragment: part.arg }, p: part.p },
      alias: SUM_ALIAS(m.id, k),
    }));
  }
  return [{ expr: { kind: 'aggregate', fn: m.aggregate, arg: m.field === undefined ? undefined : fieldExpr(m.field), p: m.p }, alias: m.id }];
}

/** A measure's value as one SQL expression over its aggregates (for ranking and sorting). */
function valueExpr(m: NormalizedMeasure, parts: readonly SqlExpr[]): SqlExpr {
  return m.kind === 'field' ? parts[0]! : { kind: 'metricValue', metric: m.metric, sums: parts };
}

function dimensionExpr(d: NormalizedDimension): SqlExpr {
  const field = fieldExpr(d.field);
  if (d.bin !== undefined) return { kind: 'bin', width: d.bin, arg: field };
  return d.timeUnit === undefined ? field : { kind: 'timeBucket', unit: d.timeUnit, arg: field };
}

function periodPredicate(field: SchemaField, period: Period): SqlPredicate {
  return { kind: 'between', left: fieldExpr(field), low: period.from, high: period.until };
}

export function buildQueryTree(query: NormalizedQuery): QueryTree {
  const plain = query.filters.filter((f) => f.by === undefined);
  const simplePredicate = (filter: NormalizedFilter): SqlPredicate => {
    const left = fieldExpr(filter.field);
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
      case 'last_days':
        return { kind: 'lastDays', left, days: Number(first) };
      case 'top':
      case 'bottom':
        throw new RootwiseError('error.internal', { detail: 'a ranked filter is not a simple predicate' });
      default:
        return { kind: 'compare', op: COMPARE_OPS[filter.op], left, value: first };
    }
  };
  const basePredicates = plain.map(simplePredicate);
  const ranked = query.filters.flatMap((f): SqlPredicate[] => {
    if (f.by === undefined) return [];
    const parts = aggregatesOf(f.by).map((a) => a.expr);
    return [{ kind: 'ranked', left: fieldExpr(f.field), by: valueExpr(f.by, parts), descending: f.op === 'top', count: Number(f.values[0]), where: basePredicates }];
  });

  const dimensionItems = query.dimensions.map((d) => ({ expr: dimensionExpr(d), alias: d.id }));
  const levelCount = query.totals ? query.dimensions.length : 0;
  const levels: QueryLevel[] = [];
  for (let level = 0; level <= levelCount; level++) {
    const kept = dimensionItems.length - level;
    levels.push({
      level,
      dimensions: dimensionItems.map((item, i) => (i < kept ? item : { expr: { kind: 'null' }, alias: item.alias })),
      groupBy: dimensionItems.slice(0, kept).map((item) => item.expr),
    });
  }

  const aggregates = query.measures.flatMap(aggregatesOf);
  const byId = new Map(query.measures.map((m) => [m.id, m]));
  const orderBy = query.sort.map((s) => {
    const measure = byId.get(s.id);
    // a metric sorts by its value, worked out from its sums' aliases
    if (measure?.kind === 'metric') return { expr: valueExpr(measure, aggregatesOf(measure).map((a) => alias(a.alias))), direction: s.direction };
    return { expr: alias(s.id), direction: s.direction };
  });
  const derived = [...query.measures, ...query.filters.flatMap((f) => (f.by === undefined ? [] : [f.by]))].flatMap((m) => (m.kind === 'metric' ? m.metric.derived : []));
  return {
    from: query.table,
    derived,
    levels,
    aggregates,
    where: [...basePredicates, ...ranked],
    periods: query.compare === undefined ? undefined : { current: periodPredicate(query.compare.field, query.compare.current), previous: periodPredicate(query.compare.field, query.compare.previous) },
    orderBy,
    totals: query.totals,
    limit: query.limit,
  };
}

// ---- phase 3: generate SQL ----------------------------------------------------------------

/** Writes parts of a query tree as SQL, collecting their bound values in the order written. */
function sqlWriter(
  tree: QueryTree,
  dialect: SqlDialect,
): { params: BoundValue[]; bind: (value: BoundValue) => string; expr: (e: SqlExpr) => string; predicate: (p: SqlPredicate) => string; source: () => string } {
  const params: BoundValue[] = [];
  const bind = (value: BoundValue): string => {
    params.push(value);
    return '?';
  };
  const source = (): string => {
    const made = rowSource(tree.from, tree.derived, dialect);
    params.push(...made.params);
    return made.sql;
  };
  const q = (name: string): string => dialect.quoteIdent(name);
  const expr = (e: SqlExpr): string => {
    switch (e.kind) {
      case 'column':
        return q(e.name);
      case 'timeBucket':
        return dialect.timeBucket(e.unit, expr(e.arg));
      case 'bin':
        return dialect.bin(expr(e.arg), e.width);
      case 'aggregate':
        return dialect.aggregate(e.fn, e.arg === undefined ? undefined : expr(e.arg), e.p);
      case 'fragment':
        params.push(...e.fragment.params);
        return e.fragment.sql;
      case 'alias':
        return q(e.name);
      case 'metricValue':
        // the metric writes its sums in order, each once, so their bound values line up
        return e.metric.valueSql((i) => expr(e.sums[i]!));
      case 'null':
        return 'NULL';
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
      // each text is written in the order it appears, so that its bound values are pushed in that order
      case 'lastDays': {
        const left = expr(p.left);
        const start = dialect.lastDaysStart(expr(p.left), tree.from);
        params.push(p.days);
        return `${left} >= ${start}`;
      }
      case 'ranked': {
        const outer = expr(p.left);
        const inner = [`SELECT ${expr(p.left)} FROM ${source()}`];
        if (p.where.length > 0) inner.push(`WHERE ${p.where.map(predicate).join(' AND ')}`);
        inner.push(`GROUP BY ${expr(p.left)} ORDER BY ${expr(p.by)} ${p.descending ? 'DESC' : 'ASC'}${dialect.nullsLast(p.descending ? 'desc' : 'asc')} LIMIT ${bind(p.count)}`);
        return `${outer} IN (${inner.join(' ')})`;
      }
    }
  };
  return { params, bind, expr, predicate, source };
}

/** One row-level expression or predicate of a tree as SQL with its own bound values (for column loads). */
export function rowSql(tree: QueryTree, dialect: SqlDialect, item: { readonly expr: SqlExpr } | { readonly predicate: SqlPredicate }): SqlFragment {
  const writer = sqlWriter(tree, dialect);
  const sql = 'expr' in item ? writer.expr(item.expr) : writer.predicate(item.predicate);
  return { sql, params: writer.params };
}

export function generateSql(tree: QueryTree, dialect: SqlDialect): { sql: string; params: BoundValue[] } {
  const { params, bind, expr, predicate, source } = sqlWriter(tree, dialect);
  const q = (name: string): string => dialect.quoteIdent(name);
  // periods are half-open: [from, until)
  const periodSql = (p: SqlPredicate): string => (p.kind === 'between' ? `${expr(p.left)} >= ${bind(p.low)} AND ${expr(p.left)} < ${bind(p.high)}` : predicate(p));

  const aggregateSelect = (level: QueryLevel, period: SqlPredicate | undefined, withGrouping: boolean): string => {
    const items = [...level.dimensions, ...tree.aggregates].map((s) => `${expr(s.expr)} AS ${q(s.alias)}`);
    if (withGrouping) items.push(`${level.level} AS ${q(GROUPING_COLUMN)}`);
    const parts = [`SELECT ${items.join(', ')}`, `FROM ${source()}`];
    const where = [...tree.where.map(predicate), ...(period === undefined ? [] : [periodSql(period)])];
    if (where.length > 0) parts.push(`WHERE ${where.join(' AND ')}`);
    if (level.groupBy.length > 0 && tree.aggregates.length > 0) parts.push(`GROUP BY ${level.groupBy.map(expr).join(', ')}`);
    else if (level.groupBy.length > 0) parts[0] = parts[0]!.replace(/^SELECT /, 'SELECT DISTINCT ');
    return parts.join(' ');
  };

  const levelSelect = (level: QueryLevel): string => {
    if (tree.periods === undefined) return aggregateSelect(level, undefined, tree.totals);
    const current = aggregateSelect(level, tree.periods.current, tree.totals);
    const previous = aggregateSelect(level, tree.periods.previous, false);
    const join = level.dimensions.length === 0 ? '1' : level.dimensions.map((d) => `c.${q(d.alias)} IS p.${q(d.alias)}`).join(' AND ');
    const previousItems = tree.aggregates.map((a) => `p.${q(a.alias)} AS ${q(PREVIOUS_ALIAS(a.alias))}`);
    return `SELECT c.*${previousItems.length > 0 ? `, ${previousItems.join(', ')}` : ''} FROM (${current}) c LEFT JOIN (${previous}) p ON ${join}`;
  };

  const order = tree.orderBy.map((o) => `${expr(o.expr)} ${o.direction.toUpperCase()}${dialect.nullsLast(o.direction)}`);
  const wrapped = tree.totals || tree.periods !== undefined;
  if (!wrapped) {
    const sql = [levelSelect(tree.levels[0]!)];
    if (order.length > 0) sql.push(`ORDER BY ${order.join(', ')}`);
    sql.push(`LIMIT ${bind(tree.limit + 1)}`);
    return { sql: sql.join(' '), params };
  }
  const body = tree.levels.map(levelSelect).join(' UNION ALL ');
  const outerOrder = tree.totals ? [`${q(GROUPING_COLUMN)} ASC`, ...order] : order;
  const sql = [`SELECT * FROM (${body})`];
  if (outerOrder.length > 0) sql.push(`ORDER BY ${outerOrder.join(', ')}`);
  sql.push(`LIMIT ${bind(tree.limit + 1)}`);
  return { sql: sql.join(' '), params };
}

// ---- output columns -------------------------------------------------------------------------

const COUNT_LABEL: LocalizedText = { en: 'Number of records', 'zh-CN': '记录数' };

function measureType(m: NormalizedMeasure & { kind: 'field' }): ColumnType {
  if (m.aggregate === 'count' || m.aggregate === 'count_distinct') return 'integer';
  if (m.aggregate === 'avg' || m.aggregate === 'median' || m.aggregate === 'percentile') return 'real';
  return m.field?.type ?? 'real';
}

function outputs(query: NormalizedQuery, tree: QueryTree): { columns: ResultColumn[]; sources: OutputSource[] } {
  const names = [...tree.levels[0]!.dimensions.map((d) => d.alias), ...tree.aggregates.map((a) => a.alias)];
  if (tree.totals) names.push(GROUPING_COLUMN);
  if (tree.periods !== undefined) names.push(...tree.aggregates.map((a) => PREVIOUS_ALIAS(a.alias)));
  const indexOf = (alias: string): number => names.indexOf(alias);

  const columns: ResultColumn[] = [];
  const sources: OutputSource[] = [];
  query.dimensions.forEach((d) => {
    columns.push({ name: d.id, label: d.field.label, role: 'dimension', type: d.timeUnit !== undefined ? 'text' : d.bin !== undefined ? 'real' : d.field.type });
    sources.push({ kind: 'column', index: indexOf(d.id) });
  });
  for (const m of query.measures) {
    const aliases = aggregatesOf(m).map((a) => a.alias);
    const value = (previous: boolean): OutputSource =>
      m.kind === 'metric'
        ? { kind: 'metric', metric: m.metric, indexes: aliases.map((a) => indexOf(previous ? PREVIOUS_ALIAS(a) : a)), part: 'value' }
        : { kind: 'column', index: indexOf(previous ? PREVIOUS_ALIAS(m.id) : m.id) };
    if (m.kind === 'metric') {
      const definition = m.metric.metric;
      const metric = { id: definition.id, version: definition.version, unit: definition.unit, direction: definition.direction, minSample: definition.minSample };
      columns.push({ name: m.id, label: definition.name, role: 'measure', type: definition.unit === 'count' ? 'integer' : 'real', metric });
      sources.push(value(false));
      for (const part of ['n', 'low', 'high'] as const) {
        columns.push({ name: detailId(m.id, part), label: definition.name, role: 'measure', type: part === 'n' ? 'integer' : 'real', detail: { of: m.id, kind: part } });
        sources.push({ kind: 'metric', metric: m.metric, indexes: aliases.map(indexOf), part });
      }
    } else {
      columns.push({ name: m.id, label: m.field?.label ?? COUNT_LABEL, role: 'measure', type: measureType(m) });
      sources.push(value(false));
    }
    if (tree.periods !== undefined) {
      const label = columns.find((c) => c.name === m.id)!.label;
      const type = columns.find((c) => c.name === m.id)!.type;
      columns.push({ name: detailId(m.id, 'previous'), label, role: 'measure', type, detail: { of: m.id, kind: 'previous' } });
      sources.push(value(true));
      columns.push({ name: detailId(m.id, 'delta'), label, role: 'measure', type: 'real', detail: { of: m.id, kind: 'delta' } });
      sources.push({ kind: 'change', current: value(false), previous: value(true), relative: false });
      columns.push({ name: detailId(m.id, 'delta_pct'), label, role: 'measure', type: 'real', detail: { of: m.id, kind: 'delta_pct' } });
      sources.push({ kind: 'change', current: value(false), previous: value(true), relative: true });
    }
    const statistics: RowStatistic[] = [...(query.rowStatistics.runningShare.has(m.id) ? ['running_share' as const] : []), ...(query.rowStatistics.total.has(m.id) ? ['total' as const] : []), ...(query.rowStatistics.spread.has(m.id) ? SPREAD_STATISTICS : [])];
    const label = columns.find((c) => c.name === m.id)!.label;
    for (const statistic of statistics) {
      columns.push({ name: detailId(m.id, statistic), label, role: 'measure', type: 'real', detail: { of: m.id, kind: statistic } });
      sources.push({ kind: 'rowStatistic', statistic, of: m.id });
    }
    const share = query.rowStatistics.share;
    if (share?.measures.includes(m.id) === true) {
      columns.push({ name: detailId(m.id, 'share'), label, role: 'measure', type: 'real', detail: { of: m.id, kind: 'share' } });
      sources.push({ kind: 'rowShare', of: m.id, measures: share.measures, within: share.within });
    }
  }
  if (tree.totals) {
    columns.push({ name: GROUPING_COLUMN, label: { en: 'Subtotal level', 'zh-CN': '小计层级' }, role: 'dimension', type: 'integer' });
    sources.push({ kind: 'column', index: indexOf(GROUPING_COLUMN) });
  }
  return { columns, sources };
}

function numberOrNull(value: CellValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function sourceValue(source: OutputSource, row: readonly CellValue[]): CellValue {
  switch (source.kind) {
    case 'column':
      return row[source.index] ?? null;
    case 'metric': {
      const sums = source.metric.toSums(source.indexes.map((i) => numberOrNull(row[i])));
      return metricValue(sums)[source.part];
    }
    case 'change': {
      const current = numberOrNull(sourceValue(source.current, row));
      const previous = numberOrNull(sourceValue(source.previous, row));
      if (current === null || previous === null) return null;
      if (!source.relative) return current - previous;
      return previous === 0 ? null : (100 * (current - previous)) / Math.abs(previous);
    }
    case 'rowStatistic':
    case 'rowShare':
      return null;
  }
}

/** The output rows of a compiled query from the rows its SQL returned. */
export function assembleRows(compiled: Pick<CompiledQuery, 'sources'>, rows: readonly (readonly CellValue[])[]): CellValue[][] {
  return rows.map((row) => compiled.sources.map((source) => sourceValue(source, row)));
}

// ---- phase 4: figures over the result's rows ------------------------------------------------

/**
 * Fills in the row statistics (see RowStatistics) of rows made by `assembleRows` and cut at the
 * limit. It runs after the rows are assembled because a metric's value exists only then, so
 * whichever engine found the rows (SQLite or the column store), the figures are worked out here,
 * once, by the engine. Subtotal rows neither count nor get a value.
 */
export function completeRowStatistics(compiled: Pick<CompiledQuery, 'columns' | 'sources'>, rows: CellValue[][]): CellValue[][] {
  const grouping = compiled.columns.findIndex((c) => c.name === GROUPING_COLUMN);
  const detail = rows.filter((row) => grouping < 0 || row[grouping] === 0);
  compiled.sources.forEach((source, column) => {
    if (source.kind === 'rowShare') {
      const within = source.within === undefined ? -1 : compiled.columns.findIndex((c) => c.name === source.within);
      const parts = source.measures.map((id) => compiled.columns.findIndex((c) => c.name === id));
      const keyOf = (row: readonly CellValue[]): string => (within < 0 ? '' : JSON.stringify(row[within] ?? null));
      const totals = new Map<string, number>();
      for (const row of detail) {
        const sum = parts.reduce((s, p) => s + (numberOrNull(row[p]) ?? 0), 0);
        totals.set(keyOf(row), (totals.get(keyOf(row)) ?? 0) + sum);
      }
      const of = compiled.columns.findIndex((c) => c.name === source.of);
      for (const row of detail) {
        const value = numberOrNull(row[of]);
        const total = totals.get(keyOf(row)) ?? 0;
        row[column] = value === null || total === 0 ? null : (100 * value) / total;
      }
      return;
    }
    if (source.kind !== 'rowStatistic') return;
    const of = compiled.columns.findIndex((c) => c.name === source.of);
    const values = detail.map((row) => numberOrNull(row[of]));
    const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (source.statistic === 'total') {
      const total = known.reduce((sum, v) => sum + v, 0);
      for (const row of detail) row[column] = total;
      return;
    }
    if (source.statistic === 'running_share') {
      const total = known.reduce((sum, v) => sum + v, 0);
      let running = 0;
      detail.forEach((row, i) => {
        running += values[i] ?? 0;
        row[column] = total === 0 ? null : (100 * running) / total;
      });
      return;
    }
    const mean = known.length === 0 ? null : known.reduce((sum, v) => sum + v, 0) / known.length;
    const sd = mean === null ? null : Math.sqrt(known.reduce((sum, v) => sum + (v - mean) ** 2, 0) / known.length);
    const value = mean === null || sd === null ? null : { mean, sd, lcl: mean - 3 * sd, ucl: mean + 3 * sd }[source.statistic];
    for (const row of detail) row[column] = value;
  });
  return rows;
}

export function compileQuery(spec: QuerySpec, schema: QuerySchema, dialect: SqlDialect = sqliteDialect, expressionDialect: ExpressionDialect = sqliteExpressionDialect): CompiledQuery {
  const normalized = normalizeQuery(spec, schema, dialect, expressionDialect);
  const tree = buildQueryTree(normalized);
  const { sql, params } = generateSql(tree, dialect);
  const { columns, sources } = outputs(normalized, tree);
  return { sql, params, columns, sources, limit: normalized.limit, tree };
}

/**
 * The row predicate of `filters` on a table, as a query with them would write it (calculated
 * fields by their formula, every value bound), for reading the table's rows themselves; undefined
 * when there are no filters.
 */
export function compileRowFilter(
  filters: readonly FilterSpec[],
  schema: QuerySchema,
  dialect: SqlDialect = sqliteDialect,
  expressionDialect: ExpressionDialect = sqliteExpressionDialect,
): SqlFragment | undefined {
  if (filters.length === 0) return undefined;
  const normalized = normalizeQuery({ version: QUERY_SPEC_VERSION, table: schema.table, dimensions: [], measures: [], filters, sort: [] }, schema, dialect, expressionDialect);
  const tree = buildQueryTree(normalized);
  const writer = sqlWriter(tree, dialect);
  const sql = tree.where.map((p) => `(${writer.predicate(p)})`).join(' AND ');
  return { sql, params: writer.params };
}

/** A field's value in a row as SQL: its quoted column, or a calculated field's formula. */
export function fieldSql(field: SchemaField, dialect: SqlDialect = sqliteDialect): SqlFragment {
  return field.sql ?? { sql: dialect.quoteIdent(field.name), params: [] };
}
