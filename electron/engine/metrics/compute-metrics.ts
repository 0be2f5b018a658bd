import type Database from 'better-sqlite3';
import type { CellValue, ColumnType } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { isFieldRole, type FieldRole } from '../../../shared/model/field-roles';
import type { TableModel } from '../../../shared/model/semantic-model';
import { compileMetric, rowSource, variantMissing, type CompiledMetric, type MetricTable } from '../../../shared/metrics/compile-metric';
import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import type { MetricReport, MetricRequest, MetricResult } from '../../../shared/metrics/metric-report';
import { metricValue } from '../../../shared/metrics/metric-statistics';
import { shiftDate, type BoundValue } from '../../../shared/query/compile-query';
import { sqliteExpressionDialect, type SqlFragment } from '../../../shared/model/expression/expression-dialect';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { TIME_UNITS, type TimeUnit } from '../../../shared/spec/query-spec';
import { appliedRoles, tableModel } from '../model/semantic-model';
import { workbenchMetrics } from './workbench-metrics';
import { pauseModel, pauseSourceFor } from '../model/pause-rule';
import { customerSourceFor } from '../model/customer-source';
import { getTableSchema, listTables } from '../workbench/table-catalog';

const q = (identifier: string): string => sqliteDialect.quoteIdent(identifier);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface TableContext {
  readonly model: TableModel;
  readonly metricTable: MetricTable;
}

function tableContext(db: Database.Database, table: string): TableContext {
  const model = tableModel(db, table);
  const schema = getTableSchema(db, table);
  return {
    model,
    metricTable: { name: schema.table, roles: appliedRoles(model), fieldTypes: new Map<string, ColumnType>(schema.fields.map((f) => [f.name, f.type])), pauses: pauseSourceFor(db, schema.table),
      customers: customerSourceFor(db, schema.table),
    },
  };
}

/** Tables most likely to be the home of ticket metrics first: tickets with a key and a creation time. */
function rank(context: TableContext): number {
  const roles = context.metricTable.roles;
  return (roles.has('ticket_id') && roles.has('created_at') ? 1000 : 0) + roles.size;
}

/** The day after a YYYY-MM-DD date, so that `to` includes its whole day. */
const dayAfter = (date: string): string => shiftDate(date, 1);

function checkDate(value: string | undefined, option: string): void {
  if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) throw new RootwiseError('error.metrics.badDate', { option, value });
}

/** `by` on one table: a role or field name, with a grain for dates. */
function groupExpression(by: string, context: TableContext): string | undefined {
  const [name = '', grain] = by.split(':');
  const field = isFieldRole(name) && context.metricTable.roles.has(name) ? context.metricTable.roles.get(name)! : name;
  const type = context.metricTable.fieldTypes.get(field);
  if (type === undefined) return undefined;
  if (grain === undefined) return q(field);
  if (!(TIME_UNITS as readonly string[]).includes(grain)) throw new RootwiseError('error.metrics.badGrain', { by, grains: TIME_UNITS.join(', ') });
  if (type !== 'date' && type !== 'datetime') throw new RootwiseError('error.query.timeUnitOnNonTemporal', { field, unit: grain });
  return sqliteDialect.timeBucket(grain as TimeUnit, q(field));
}

interface Batch {
  readonly context: TableContext;
  readonly timeField: string;
  /** Stock metrics read all rows: their formula compares each row with the moment itself. */
  readonly stock: boolean;
  readonly metrics: CompiledMetric[];
}

/**
 * Computes catalogue metrics on the workbench: each metric on the table whose roles it needs (the
 * ticket table first), all metrics of one table and time role in one scan, grouped by `by` when
 * asked. Every value comes with its n and interval, from sums, so groups and totals agree.
 */
export function computeMetrics(db: Database.Database, request: MetricRequest): MetricReport {
  checkDate(request.from, '--from');
  checkDate(request.to, '--to');
  const catalogue = workbenchMetrics(db);
  const wanted: MetricDefinition[] =
    request.metrics === undefined
      ? catalogue
      : request.metrics.map((id) => {
          const found = catalogue.find((m) => m.id === id);
          if (found === undefined) throw new RootwiseError('error.metrics.unknown', { metric: id });
          return found;
        });
  const names = request.table === undefined ? listTables(db).map((t) => t.name) : [getTableSchema(db, request.table).table];
  const contexts = names.map((name) => tableContext(db, name)).sort((a, b) => rank(b) - rank(a));

  const batches = new Map<string, Batch>();
  const unavailable: MetricReport['unavailable'][number][] = [];
  for (const metric of wanted) {
    let placed = false;
    for (const context of contexts) {
      const compiled = compileMetric(metric, { ...context.metricTable, asOf: request.to === undefined ? undefined : dayAfter(request.to) }, sqliteDialect, sqliteExpressionDialect);
      if (compiled === undefined) continue;
      if (request.by !== undefined && groupExpression(request.by, context) === undefined) continue;
      const stock = compiled.variant.stock === true;
      const key = `${context.model.table}\u0000${compiled.timeField}\u0000${stock}`;
      const batch = batches.get(key) ?? { context, timeField: compiled.timeField, stock, metrics: [] };
      batch.metrics.push(compiled);
      batches.set(key, batch);
      placed = true;
      break;
    }
    if (!placed) {
      // the roles missing from the way of computing it that comes closest, on the best table
      const table = contexts[0]?.metricTable ?? { roles: new Map<FieldRole, string>() };
      const missing = metric.variants.map((v) => variantMissing(v, table)).sort((a, b) => a.length - b.length)[0] ?? [];
      unavailable.push({ metric: metric.id, missing });
    }
  }

  const results: MetricResult[] = [];
  for (const batch of batches.values()) results.push(...runBatch(db, batch, request));
  const order = new Map(wanted.map((m, i) => [m.id, i]));
  results.sort((a, b) => order.get(a.metric)! - order.get(b.metric)!);

  const used = new Set(results.flatMap((r) => Object.keys(r.fields).map((role) => `${r.table}\u0000${role}`)));
  const suggestedRolesUsed = contexts.flatMap((c) =>
    c.model.roles
      .filter((r) => r.source === 'suggested' && r.field !== null && used.has(`${c.model.table}\u0000${r.role}`))
      .map((r) => ({ table: c.model.table, role: r.role, field: r.field!, confidence: r.confidence })),
  );
  const pauses = pauseModel(db);
  const paused = pauses.rule !== undefined && (pauses.source === 'confirmed' || pauses.source === 'suggested') && results.some((r) => r.paused) ? { rule: pauses.rule, source: pauses.source } : null;
  return { by: request.by ?? null, from: request.from ?? null, to: request.to ?? null, results, unavailable, suggestedRolesUsed, pauses: paused };
}

function runBatch(db: Database.Database, batch: Batch, request: MetricRequest): MetricResult[] {
  const { context, timeField } = batch;
  const params: BoundValue[] = [];
  const select: string[] = [];
  const group = request.by === undefined ? undefined : groupExpression(request.by, context)!;
  if (group !== undefined) select.push(`${group} AS g`);
  const columns: SqlFragment[] = batch.metrics.flatMap((m) => m.aggregates);
  for (const column of columns) {
    select.push(column.sql);
    params.push(...column.params);
  }
  const source = rowSource(context.model.table, batch.metrics.flatMap((m) => m.derived), sqliteDialect);
  params.push(...source.params);
  const where: string[] = [];
  if (request.from !== undefined && !batch.stock) {
    where.push(`${q(timeField)} >= ?`);
    params.push(request.from);
  }
  if (request.to !== undefined && !batch.stock) {
    where.push(`${q(timeField)} < ?`);
    params.push(dayAfter(request.to));
  }
  const sql = [
    `SELECT ${select.join(', ')} FROM ${source.sql}`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    group !== undefined ? 'GROUP BY g ORDER BY g' : '',
  ].join(' ');
  const rows = db.prepare(sql).raw(true).all(...params) as CellValue[][];
  const results: MetricResult[] = [];
  for (const row of rows) {
    let at = group === undefined ? 0 : 1;
    for (const compiled of batch.metrics) {
      const values = row.slice(at, at + compiled.aggregates.length).map((v) => (v === null ? null : Number(v)));
      at += compiled.aggregates.length;
      const value = metricValue(compiled.toSums(values));
      const fields: Partial<Record<FieldRole, string>> = Object.fromEntries([...compiled.variant.requires, compiled.variant.timeRole].map((role) => [role, context.metricTable.roles.get(role)!]));
      const customers = context.metricTable.customers;
      if (customers !== undefined && compiled.variant.derived?.some((d) => d.kind === 'churnAfterFirstComplaint') === true) {
        if (customers.kind === 'churnDate') fields.churned_at = `${customers.table}.${customers.churned}`;
        else fields.activity_at = `${customers.table}.${customers.activity}`;
      }
      results.push({
        metric: compiled.metric.id,
        version: compiled.metric.version,
        name: compiled.metric.name,
        unit: compiled.metric.unit,
        direction: compiled.metric.direction,
        table: context.model.table,
        fields,
        group: group === undefined ? null : (row[0] ?? null),
        ...value,
        lowN: value.n < compiled.metric.minSample,
        paused: compiled.variant.derived?.some((d) => d.kind === 'pausedMinutes') === true,
      });
    }
  }
  return results;
}

/** What the field panel lists under a table: the metrics its roles allow, and the roles the others lack. */
export interface TableMetrics {
  readonly available: readonly MetricDefinition[];
  readonly unavailable: readonly { readonly metric: string; readonly missing: readonly FieldRole[] }[];
}

/** The catalogue metrics one table can compute (as charts on it ask for them), and what the rest need. */
export function tableMetrics(db: Database.Database, table: string): TableMetrics {
  const context = tableContext(db, getTableSchema(db, table).table);
  const available: MetricDefinition[] = [];
  const unavailable: { metric: string; missing: FieldRole[] }[] = [];
  for (const metric of workbenchMetrics(db)) {
    if (compileMetric(metric, context.metricTable, sqliteDialect, sqliteExpressionDialect) !== undefined) available.push(metric);
    else unavailable.push({ metric: metric.id, missing: metric.variants.map((v) => variantMissing(v, context.metricTable)).sort((a, b) => a.length - b.length)[0] ?? [] });
  }
  return { available, unavailable };
}
