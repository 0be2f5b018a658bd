import type { ColumnType } from '../api/types';
import { EXPR_TYPE_OF_COLUMN, compileExpression, type CompiledExpression } from '../model/expression/compile-expression';
import type { ExpressionDialect, SqlFragment } from '../model/expression/expression-dialect';
import type { AppliedRoles } from '../model/semantic-model';
import type { SqlDialect } from '../query/sql-dialect';
import type { FieldRole } from '../model/field-roles';
import type { PauseSource } from '../model/pause-rule';
import type { DerivedField, MetricDefinition, MetricFormula, MetricVariant } from './metric-definition';
import type { MetricSums } from './metric-statistics';

/** One aggregate of a metric: a function over a row expression, so it can run in SQL or over columns. */
export interface MetricAggregate {
  readonly fn: 'sum' | 'count' | 'percentile';
  /** The row expression; absent for a count of all rows. */
  readonly arg: SqlFragment | undefined;
  readonly p?: number | undefined;
}

/** A metric made ready for one table: the aggregates to select, and how their results become sums. */
export interface CompiledMetric {
  readonly metric: MetricDefinition;
  readonly variant: MetricVariant;
  /** The field that places a row in time (the variant's time role on this table). */
  readonly timeField: string;
  /** The aggregates, in order: a function of a row expression (or of all rows: count without argument). */
  readonly parts: readonly MetricAggregate[];
  /** The same aggregates as SQL, in order. */
  readonly aggregates: readonly SqlFragment[];
  /** Columns to add to each row before aggregating (window functions, waits), by alias. */
  readonly derived: readonly DerivedColumn[];
  /** The sums of one result row, from the values of `aggregates` in the same order. */
  toSums(values: readonly (number | null)[]): MetricSums;
  /** The value as one SQL expression over the sums (for sorting and ranking); `sum(i)` writes the
   * i-th aggregate, and is called in the order the sums appear in the text, each at most once. */
  valueSql(sum: (i: number) => string): string;
}

/** A column added to each row before aggregating, with its bound values. */
export interface DerivedColumn {
  readonly alias: string;
  readonly sql: string;
  readonly params: SqlFragment['params'];
  /** A join the column reads (the waits of a ticket, its customer); the joined rows are grouped back to one per row of the table. */
  readonly join?: SqlFragment | undefined;
}

export interface MetricTable {
  /** The table's name (a stock metric's default moment is its latest time). */
  readonly name?: string | undefined;
  readonly roles: AppliedRoles;
  readonly fieldTypes: ReadonlyMap<string, ColumnType>;
  /** The moment stock metrics are measured at: a YYYY-MM-DD day (its start) the engine worked out. */
  readonly asOf?: string | undefined;
  /** Where the tickets' waits for the customer are recorded, when the workbench has a pause rule. */
  readonly pauses?: PauseSource | undefined;
  /** The customer table the table's customer_id points at, with its churn date. */
  readonly customers?: CustomerSource | undefined;
}

/** Where customers' churn is read: the churn date of the customer table that customer_id points
 * at, or, without one, a table of customer activity (orders, logins), where no activity in the
 * days after a complaint means the customer left. */
export type CustomerSource =
  | { readonly kind: 'churnDate'; readonly table: string; readonly key: string; readonly churned: string }
  | { readonly kind: 'activity'; readonly table: string; readonly key: string; readonly activity: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;


/** The roles a derived column reads. */
function derivedRoles(d: DerivedField): FieldRole[] {
  switch (d.kind) {
    case 'daysSincePrevious':
      return [d.partition, d.order];
    case 'pausedMinutes':
      return ['ticket_id', 'created_at', d.end];
    case 'churnAfterFirstComplaint':
      return ['customer_id', 'created_at'];
  }
}

/** What a variant lacks on a table: roles, and (as the role of the other table) a customer table's churned_at. */
export function variantMissing(v: MetricVariant, table: Pick<MetricTable, 'roles' | 'pauses' | 'customers'>): FieldRole[] {
  const missing = [...new Set([...v.requires, v.timeRole, ...(v.derived ?? []).flatMap(derivedRoles)])].filter((role) => !table.roles.has(role));
  if ((v.derived ?? []).some((d) => d.kind === 'churnAfterFirstComplaint') && table.customers === undefined) missing.push('churned_at');
  return missing;
}

/** The first variant of a metric whose roles the table has (and, for waits, whose pause rule it has). */
export function chooseVariant(metric: MetricDefinition, table: Pick<MetricTable, 'roles' | 'pauses' | 'customers'>): MetricVariant | undefined {
  return metric.variants.find((v) => variantMissing(v, table).length === 0 && (v.derived ?? []).every((d) => d.kind !== 'pausedMinutes' || table.pauses !== undefined));
}

/** The column that keeps a row source in the table's row order (derived columns reorder rows). */
export const ROW_ORDER_ALIAS = '__rw_row';

/**
 * The rows a query reads: the table, or the table with derived columns added (a window over all
 * its rows, the waits joined from another table and summed per row) and its rowid kept as
 * ROW_ORDER_ALIAS. Grouping back by rowid also keeps SQLite from copying a derived column's SQL
 * into every expression that reads it.
 */
export function rowSource(table: string, derived: readonly DerivedColumn[], dialect: SqlDialect): SqlFragment {
  const seen = new Map(derived.map((d) => [d.alias, d]));
  if (seen.size === 0) return { sql: dialect.quoteIdent(table), params: [] };
  const t = dialect.quoteIdent(table);
  const columns = [...seen.values()].map((d) => `${d.sql} AS ${dialect.quoteIdent(d.alias)}`);
  const joins = new Map([...seen.values()].flatMap((d) => (d.join === undefined ? [] : [[d.join.sql, d.join] as const])));
  const sql = [`(SELECT ${t}.*, ${t}.rowid AS ${dialect.quoteIdent(ROW_ORDER_ALIAS)}, ${columns.join(', ')} FROM ${t}`, ...[...joins.values()].map((j) => j.sql)];
  if (joins.size > 0) sql.push(`GROUP BY ${t}.rowid`);
  return { sql: `${sql.join(' ')})`, params: [...[...seen.values()].flatMap((d) => d.params), ...[...joins.values()].flatMap((j) => j.params)] };
}

/** What orders a row source's rows as the table's: its rowid, or the kept one. */
export function rowOrder(derived: readonly DerivedColumn[], dialect: SqlDialect): string {
  return derived.length === 0 ? 'rowid' : dialect.quoteIdent(ROW_ORDER_ALIAS);
}

/** A derived column as SQL for a table; `expr` compiles a formula over the table's roles. */
function derivedSql(d: DerivedField, table: MetricTable, dialect: SqlDialect, expr: (text: string) => CompiledExpression): DerivedColumn {
  const alias = `__${d.name}`;
  const field = (role: FieldRole): string => table.roles.get(role)!;
  const name = table.name ?? '';
  if (d.kind === 'daysSincePrevious') return { alias, sql: dialect.daysSincePrevious(dialect.quoteIdent(field(d.partition)), dialect.quoteIdent(field(d.order))), params: [] };
  if (d.kind === 'churnAfterFirstComplaint') {
    const customers = table.customers!;
    const complaint = expr(d.complaint);
    const made = dialect.firstComplaintChurn({
      table: name,
      customer: field('customer_id'),
      created: field('created_at'),
      complaint: complaint.sql,
      withinDays: d.withinDays,
      churn: customers.kind === 'churnDate' ? { kind: 'churnDate' } : { kind: 'activity', table: customers.table, key: customers.key, time: customers.activity },
    });
    return {
      alias,
      sql: made.sql,
      // the complaint is written once per place it appears
      params: made.complaintAt.flatMap(() => complaint.params),
      ...(customers.kind === 'churnDate'
        ? { join: { sql: dialect.customersJoin({ table: name, customer: field('customer_id'), customers: customers.table, key: customers.key, churned: customers.churned }), params: [] } }
        : {}),
    };
  }
  const { rule, ticketKey } = table.pauses!;
  return {
    alias: `${alias}_${d.business ? 'business' : 'calendar'}_${d.end}`,
    sql: dialect.waitedMinutes({ table: name, start: field('created_at'), end: field(d.end), business: d.business }),
    params: [],
    join: {
      sql: dialect.waitsJoin({ table: name, ticketKey, events: rule.table, eventKey: rule.keyField, eventTime: rule.timeField, eventStatus: rule.statusField, statusCount: rule.statuses.length }),
      params: [...rule.statuses],
    },
  };
}

const num = (value: number | null | undefined): number => value ?? 0;

/**
 * Compiles a metric's variant for a table: its row expressions are compiled with the table's roles
 * as their fields (role name → the field that plays it), then wrapped in the aggregates of the
 * formula's kind. Returns undefined when the table lacks the roles of every variant.
 */
export function compileMetric(metric: MetricDefinition, table: MetricTable, dialect: SqlDialect, expressionDialect: ExpressionDialect): CompiledMetric | undefined {
  const variant = chooseVariant(metric, table);
  if (variant === undefined) return undefined;
  const roleScope = {
    resolve: (name: string) => {
      const field = table.roles.get(name as never);
      const type = field === undefined ? undefined : table.fieldTypes.get(field);
      return field === undefined || type === undefined ? undefined : { sql: dialect.quoteIdent(field), type: EXPR_TYPE_OF_COLUMN[type] };
    },
  };
  const derived = (variant.derived ?? []).map((d) => ({ name: d.name, ...derivedSql(d, table, dialect, (text) => compileExpression(text, roleScope, expressionDialect)) }));
  const timeField = table.roles.get(variant.timeRole)!;
  // the first instant after the period: the start of a day the engine computed (checked here
  // again), or just after the latest time in the table; no user text reaches the SQL
  const asOf =
    table.asOf !== undefined && DAY.test(table.asOf)
      ? `'${table.asOf} 00:00:00'`
      : `(SELECT datetime(MAX(${dialect.quoteIdent(timeField)}), '+1 second') FROM ${dialect.quoteIdent(table.name ?? '')})`;
  const scope = {
    resolve: (name: string) => {
      if (name === 'AS_OF' && variant.stock === true) return { sql: asOf, type: 'datetime' as const };
      const made = derived.find((d) => d.name === name);
      if (made !== undefined) return { sql: dialect.quoteIdent(made.alias), type: 'number' as const };
      return roleScope.resolve(name);
    },
  };
  const expr = (text: string): CompiledExpression => compileExpression(text, scope, expressionDialect);
  const { parts, toSums, valueSql } = aggregatesOf(variant.formula, expr);
  const aggregates = parts.map((part) => aggregateSql(part, dialect));
  return { metric, variant, timeField, parts, aggregates, toSums, valueSql, derived: derived.map(({ alias, sql, params, join }) => ({ alias, sql, params, join })) };
}

/** `value` where `where` holds, NULL elsewhere. */
function guarded(value: CompiledExpression | SqlFragment, where: CompiledExpression | undefined): SqlFragment {
  if (where === undefined) return value;
  return { sql: `CASE WHEN ${where.sql} THEN ${value.sql} END`, params: [...where.params, ...value.params] };
}


const sum = (arg: SqlFragment): MetricAggregate => ({ fn: 'sum', arg });
const count = (arg: SqlFragment | undefined): MetricAggregate => ({ fn: 'count', arg });
const wrapArg = (fn: (sql: string) => string, fragment: SqlFragment): SqlFragment => ({ sql: fn(fragment.sql), params: fragment.params });

function aggregatesOf(formula: MetricFormula, expr: (text: string) => CompiledExpression): Pick<CompiledMetric, 'parts' | 'toSums' | 'valueSql'> {
  switch (formula.kind) {
    case 'count': {
      const where = formula.where === undefined ? undefined : expr(formula.where);
      return {
        parts: [where === undefined ? count(undefined) : sum(wrapArg((s) => `CASE WHEN ${s} THEN 1 ELSE 0 END`, where))],
        toSums: ([n]) => ({ kind: 'count', count: num(n) }),
        valueSql: (part) => part(0),
      };
    }
    case 'ratio':
      return {
        parts: [sum(expr(formula.numerator)), sum(expr(formula.denominator))],
        toSums: ([numerator, denominator]) => ({ kind: 'ratio', numerator: num(numerator), denominator: num(denominator) }),
        valueSql: (part) => `(100.0 * ${part(0)} / NULLIF(${part(1)}, 0))`,
      };
    case 'mean': {
      const value = guarded(expr(formula.value), formula.where === undefined ? undefined : expr(formula.where));
      return {
        parts: [sum(value), count(value), sum({ sql: `(${value.sql}) * (${value.sql})`, params: [...value.params, ...value.params] })],
        toSums: ([total, n, sumOfSquares]) => ({ kind: 'mean', sum: num(total), count: num(n), sumOfSquares: num(sumOfSquares) }),
        valueSql: (part) => `(1.0 * ${part(0)} / NULLIF(${part(1)}, 0))`,
      };
    }
    case 'quantile': {
      const value = guarded(expr(formula.value), formula.where === undefined ? undefined : expr(formula.where));
      return {
        parts: [{ fn: 'percentile', arg: value, p: formula.p }, count(value)],
        toSums: ([value, n]) => ({ kind: 'quantile', value: value ?? null, count: num(n) }),
        valueSql: (part) => part(0),
      };
    }
    case 'nps': {
      const score = expr(formula.score);
      return {
        parts: [sum(wrapArg((s) => `CASE WHEN ${s} >= 9 THEN 1 ELSE 0 END`, score)), sum(wrapArg((s) => `CASE WHEN ${s} <= 6 THEN 1 ELSE 0 END`, score)), count(score)],
        toSums: ([promoters, detractors, n]) => ({ kind: 'nps', promoters: num(promoters), detractors: num(detractors), count: num(n) }),
        valueSql: (part) => `(100.0 * (${part(0)} - ${part(1)}) / NULLIF(${part(2)}, 0))`,
      };
    }
  }
}

/** A metric's aggregate as SQL for a dialect. */
export function aggregateSql(part: MetricAggregate, dialect: SqlDialect): SqlFragment {
  return { sql: dialect.aggregate(part.fn, part.arg?.sql, part.p), params: part.arg?.params ?? [] };
}
