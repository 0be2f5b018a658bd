/**
 * Where an explained metric's numbers come from: the workbench table it is computed on, the metric
 * compiled for that table and a period, and how the explainer sees its sums. Shared by the change
 * explainer and the root-cause boards (segment snapshots, action follow-ups) so that all of them
 * read a metric the same way.
 */
import type Database from 'better-sqlite3';
import type { ColumnType, TableSchema } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { ExplainMetric } from '../../../shared/explain/explain-types';
import { compileMetric, variantMissing, type CompiledMetric, type MetricTable } from '../../../shared/metrics/compile-metric';
import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import { sqliteExpressionDialect } from '../../../shared/model/expression/expression-dialect';
import { shiftDate } from '../../../shared/query/compile-query';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import type { ExplainFilter, ExplainPeriod } from '../../../shared/spec/explain-spec';
import { workbenchMetric } from '../metrics/workbench-metrics';
import { customerSourceFor } from '../model/customer-source';
import { pauseSourceFor } from '../model/pause-rule';
import { appliedRoles, tableModel } from '../model/semantic-model';
import { getTableSchema, listTables } from '../workbench/table-catalog';
import { NPS_OFFSET } from './explain-sums';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks one YYYY-MM-DD day of the calendar (not 2024-02-30); `option` names it in the error. */
export function checkDay(value: string, option: string): void {
  const time = Date.parse(`${value}T00:00:00Z`);
  // Date.parse takes 2024-02-30 for March 1st: the day must read back the same
  if (!DATE.test(value) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) throw new RootwiseError('error.metrics.badDate', { option, value });
}

/** Checks a period's days and that it does not end before it starts. */
export function checkPeriod(period: ExplainPeriod, name: string): void {
  checkDay(period.from, `${name}.from`);
  checkDay(period.to, `${name}.to`);
  if (period.to < period.from) throw new RootwiseError('error.explain.badPeriod', { from: period.from, to: period.to });
}

/** Days from `from` to `to`, both counted (0 or less when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The days of a period, both ends counted. */
export const periodDays = (p: ExplainPeriod): number => daysBetween(p.from, p.to);

export function metricTable(db: Database.Database, table: string, asOf: string | undefined): MetricTable {
  const schema = getTableSchema(db, table);
  return {
    name: schema.table,
    roles: appliedRoles(tableModel(db, schema.table)),
    fieldTypes: new Map<string, ColumnType>(schema.fields.map((f) => [f.name, f.type])),
    pauses: pauseSourceFor(db, schema.table),
    customers: customerSourceFor(db, schema.table),
    asOf,
  };
}

/** The table a metric is explained on when none is named: the first whose roles it needs, a ticket table first (as metrics are computed). */
export function tableFor(db: Database.Database, metric: MetricDefinition, period: ExplainPeriod): string {
  const tables = listTables(db).map((t) => t.name);
  const ranked = [...tables.filter((t) => metricTable(db, t, undefined).roles.has('ticket_id')), ...tables.filter((t) => !metricTable(db, t, undefined).roles.has('ticket_id'))];
  const found = ranked.find((t) => compileMetric(metric, metricTable(db, t, shiftDate(period.to, 1)), sqliteDialect, sqliteExpressionDialect) !== undefined);
  if (found !== undefined) return found;
  // none has the roles it needs: this throws the error naming the ones the first table lacks
  compileFor(db, metric, ranked[0] ?? '', period);
  return ranked[0] ?? '';
}

/** The metric compiled for one period (a stock metric is measured at the period's end); a percentile is refused. */
export function compileFor(db: Database.Database, metric: MetricDefinition, table: string, period: ExplainPeriod): CompiledMetric {
  const context = metricTable(db, table, shiftDate(period.to, 1));
  const compiled = compileMetric(metric, context, sqliteDialect, sqliteExpressionDialect);
  if (compiled === undefined) {
    const missing = metric.variants.map((v) => variantMissing(v, context)).sort((a, b) => a.length - b.length)[0] ?? [];
    throw new RootwiseError('error.query.metricNeedsRoles', { metric: metric.id, roles: missing.join(', '), table });
  }
  if (compiled.variant.formula.kind === 'quantile') throw new RootwiseError('error.explain.quantile', { metric: metric.id });
  return compiled;
}

/** How the explainer sees the metric, and how its values map back: value = explained × scale − offset. */
export interface ExplainedMetric {
  readonly metric: ExplainMetric;
  readonly scale: number;
  readonly offset: number;
}

export function explainedMetric(compiled: CompiledMetric): ExplainedMetric {
  switch (compiled.variant.formula.kind) {
    case 'count':
      return { metric: { kind: 'additive', test: 'count' }, scale: 1, offset: 0 };
    case 'ratio':
      // the explainer works on the fraction; the metric is a percentage
      return { metric: { kind: 'ratio', test: 'proportion' }, scale: 100, offset: 0 };
    case 'mean':
      return { metric: { kind: 'ratio', test: 'mean' }, scale: 1, offset: 0 };
    case 'nps':
      return { metric: { kind: 'ratio', test: 'mean' }, scale: 1, offset: NPS_OFFSET };
    case 'quantile':
      throw new RootwiseError('error.explain.quantile', { metric: compiled.metric.id });
  }
}

/** A catalogue metric and the table it is read from: the named one, else the first with the roles it needs (for `period`). */
export function metricSource(db: Database.Database, metricId: string, table: string | undefined, period: ExplainPeriod): { readonly metric: MetricDefinition; readonly schema: TableSchema } {
  const metric = workbenchMetric(db, metricId);
  if (metric === undefined) throw new RootwiseError('error.metrics.unknown', { metric: metricId });
  return { metric, schema: getTableSchema(db, table ?? tableFor(db, metric, period)) };
}

/** Every filter names a field of the table. */
export function checkFilters(schema: TableSchema, filters: readonly ExplainFilter[]): void {
  const fields = new Set(schema.fields.map((f) => f.name));
  for (const f of filters) if (!fields.has(f.field)) throw new RootwiseError('error.field.notFound', { table: schema.table, field: f.field });
}
