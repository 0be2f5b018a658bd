/**
 * Explains a metric's change between two periods on a workbench table: the metric's compiled
 * aggregates give each period's sums for the scope and per segment of each dimension (SQL,
 * explain-sums.ts), a first pass of the explainer picks the dimensions and values that move most,
 * their pairs are summed too, and the explainer (shared/explain) does the rest.
 */
import type Database from 'better-sqlite3';
import type { ColumnType } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { explainChange } from '../../../shared/explain/explain-change';
import type {
  Breakdown,
  ChangeFigures,
  ExplainInput,
  ExplainMetric,
  ExplainResult,
  SegmentSums,
  SegmentValue,
} from '../../../shared/explain/explain-types';
import { compileMetric, variantMissing, type CompiledMetric, type MetricTable } from '../../../shared/metrics/compile-metric';
import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import { sqliteExpressionDialect } from '../../../shared/model/expression/expression-dialect';
import { shiftDate } from '../../../shared/query/compile-query';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { workbenchMetric } from '../metrics/workbench-metrics';
import { customerSourceFor } from '../model/customer-source';
import { pauseSourceFor } from '../model/pause-rule';
import { appliedRoles, tableModel } from '../model/semantic-model';
import { getTableSchema, listTables } from '../workbench/table-catalog';
import type { ExplainDimension, ExplainMetricRequest, ExplainMetricResult, ExplainPeriod } from '../../../shared/spec/explain-spec';
import { chosenDimensions, defaultDimensions } from './explain-dimensions';
import { NPS_OFFSET, dropPeriod, materializePeriod, sumPeriod, type BreakdownQuery, type PeriodBreakdownSums, type PeriodRows, type PeriodScope } from './explain-sums';

/** How many dimensions, and how many of each one's values, the pairs are formed from. */
export const PAIR_DIMENSIONS = 3;
export const PAIR_VALUES = 5;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkPeriod(period: ExplainPeriod, name: string): void {
  for (const [option, value] of [
    [`${name}.from`, period.from],
    [`${name}.to`, period.to],
  ] as const) {
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new RootwiseError('error.metrics.badDate', { option, value });
  }
  if (period.to < period.from) throw new RootwiseError('error.explain.badPeriod', { from: period.from, to: period.to });
}

const days = (p: ExplainPeriod): number => Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;

function metricTable(db: Database.Database, table: string, asOf: string | undefined): MetricTable {
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
function tableFor(db: Database.Database, metric: MetricDefinition, period: ExplainPeriod): string {
  const tables = listTables(db).map((t) => t.name);
  const ranked = [...tables.filter((t) => metricTable(db, t, undefined).roles.has('ticket_id')), ...tables.filter((t) => !metricTable(db, t, undefined).roles.has('ticket_id'))];
  const found = ranked.find((t) => compileMetric(metric, metricTable(db, t, shiftDate(period.to, 1)), sqliteDialect, sqliteExpressionDialect) !== undefined);
  if (found !== undefined) return found;
  // none has the roles it needs: this throws the error naming the ones the first table lacks
  compileFor(db, metric, ranked[0] ?? '', period);
  return ranked[0] ?? '';
}

/** The metric compiled for one period (a stock metric is measured at the period's end). */
function compileFor(db: Database.Database, metric: MetricDefinition, table: string, period: ExplainPeriod): CompiledMetric {
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
function explainMetric(compiled: CompiledMetric): { metric: ExplainMetric; scale: number; offset: number } {
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

/** The segments of breakdown k from both periods' sums. */
function breakdownOf(dimensions: readonly string[], k: number, a: PeriodBreakdownSums, b: PeriodBreakdownSums): Breakdown {
  const segments = new Map<string, { values: SegmentValue[]; a?: SegmentSums['a']; b?: SegmentSums['b'] }>();
  for (const [key, s] of a.breakdowns[k]!) segments.set(key, { values: s.values, a: s.sums });
  for (const [key, s] of b.breakdowns[k]!) segments.set(key, { ...(segments.get(key) ?? { values: s.values }), b: s.sums });
  return { dimensions, segments: [...segments.values()] };
}

/**
 * The dimensions and values the pairs are made of: the dimensions with the value whose share of
 * the change most exceeds its share of the rows (a ranking by summed surprise would favour
 * dimensions with many small, noisy values; one by effect alone, a value that holds nearly every
 * row), and each one's values with the largest effects.
 */
function pairPlan(first: ExplainResult, dimensions: readonly string[]): BreakdownQuery[] {
  const excess = excessOf(first);
  const leading = [...first.dimensions]
    .filter((d) => dimensions.includes(d.dimension))
    .sort((x, y) => excess(y) - excess(x) || (x.dimension < y.dimension ? -1 : x.dimension > y.dimension ? 1 : 0))
    .slice(0, PAIR_DIMENSIONS)
    .map((d) => d.dimension);
  const keep = new Map(
    leading.map((d) => {
      const items = first.dimensions.find((x) => x.dimension === d)!.items.filter((i) => !i.remainder);
      return [d, items.slice(0, PAIR_VALUES).map((i) => i.values[0] ?? null)];
    }),
  );
  const plan: BreakdownQuery[] = [];
  for (let i = 0; i < leading.length; i++) {
    for (let j = i + 1; j < leading.length; j++) {
      const x = leading[i]!;
      const y = leading[j]!;
      plan.push({ dimensions: [x, y], keep: [keep.get(x)!, keep.get(y)!] });
    }
  }
  return plan;
}

/** Per dimension: the largest |share of the change| − share of the rows (mean of A and B) of its values. */
function excessOf(first: ExplainResult): (d: ExplainResult['dimensions'][number]) => number {
  const delta = first.total.delta ?? 0;
  const { nA, nB } = first.total;
  return (d) =>
    Math.max(
      0,
      ...d.items
        .filter((i) => !i.remainder)
        .map((i) => (delta === 0 ? 0 : Math.abs(i.effect / delta)) - ((nA > 0 ? i.nA / nA : 0) + (nB > 0 ? i.nB / nB : 0)) / 2),
    );
}

/** A result in the metric's unit: values × scale − offset, changes × scale (shares, tests and ratios stay). */
function scaleResult(result: ExplainResult, scale: number, offset: number): ExplainResult {
  if (scale === 1 && offset === 0) return result;
  const value = (v: number | null): number | null => (v === null ? null : v * scale - offset);
  const change = (v: number | null): number | null => (v === null ? null : v * scale);
  const figures = <T extends ChangeFigures>(f: T): T => ({ ...f, a: value(f.a), b: value(f.b), delta: change(f.delta) });
  return {
    ...result,
    total: figures(result.total),
    dimensions: result.dimensions.map((d) => ({
      ...d,
      rate: d.rate * scale,
      mix: d.mix * scale,
      items: d.items.map((i) => ({ ...figures(i), effect: i.effect * scale, rate: i.rate * scale, mix: i.mix * scale })),
    })),
    adtributor: result.adtributor.map((d) => ({ ...d, elements: d.elements.map((e) => ({ ...figures(e), effect: e.effect * scale })) })),
    combinations: result.combinations.map((c) => ({ ...figures(c), effect: c.effect * scale })),
  };
}

/**
 * The change of a metric from period A to period B on one table, split over its dimensions (and
 * pairs of the leading ones), ranked, with the combinations that explain it. Values, effects and
 * deltas are in the metric's unit (percentages for shares, −100…100 for NPS).
 */
export function explainMetricChange(db: Database.Database, request: ExplainMetricRequest): ExplainMetricResult {
  checkPeriod(request.periodA, 'periodA');
  checkPeriod(request.periodB, 'periodB');
  const metric = workbenchMetric(db, request.metric);
  if (metric === undefined) throw new RootwiseError('error.metrics.unknown', { metric: request.metric });
  const schema = getTableSchema(db, request.table ?? tableFor(db, metric, request.periodB));
  const table = schema.table;
  const compiledA = compileFor(db, metric, table, request.periodA);
  const compiledB = compileFor(db, metric, table, request.periodB);
  const { metric: kind, scale, offset } = explainMetric(compiledA);

  const fields = new Set(schema.fields.map((f) => f.name));
  const filters = request.filters ?? [];
  for (const f of filters) if (!fields.has(f.field)) throw new RootwiseError('error.field.notFound', { table, field: f.field });
  const dimensions =
    request.dimensions === undefined ? defaultDimensions(schema.fields, metricTable(db, table, undefined).roles) : chosenDimensions(table, schema.fields, request.dimensions);
  const names = dimensions.map((d) => d.field);

  const stock = compiledA.variant.stock === true;
  const scope = (p: ExplainPeriod): PeriodScope | undefined => (stock ? undefined : { from: p.from, until: shiftDate(p.to, 1) });
  const rows: PeriodRows[] = [];
  try {
    rows.push(materializePeriod(db, table, compiledA, scope(request.periodA), filters, names));
    rows.push(materializePeriod(db, table, compiledB, scope(request.periodB), filters, names));
    const run = (queries: readonly BreakdownQuery[]): { a: PeriodBreakdownSums; b: PeriodBreakdownSums } => ({ a: sumPeriod(db, rows[0]!, queries), b: sumPeriod(db, rows[1]!, queries) });
    return explainFromSums(request, run, names, kind, { scale, offset }, metric, table, dimensions);
  } finally {
    for (const r of rows) dropPeriod(db, r);
  }
}

/** The explanation from the periods' sums: the singles, a first pass that picks the pairs, the pairs, the final pass in the metric's unit. */
function explainFromSums(
  request: ExplainMetricRequest,
  run: (queries: readonly BreakdownQuery[]) => { a: PeriodBreakdownSums; b: PeriodBreakdownSums },
  names: readonly string[],
  kind: ExplainMetric,
  { scale, offset }: { scale: number; offset: number },
  metric: MetricDefinition,
  table: string,
  dimensions: readonly ExplainDimension[],
): ExplainMetricResult {
  const singles = names.map((d): BreakdownQuery => ({ dimensions: [d] }));
  const first = run(singles);
  const empty = { numerator: 0, denominator: 0, n: 0 };
  const base: ExplainInput = {
    metric: kind,
    totals: { a: first.a.totals ?? empty, b: first.b.totals ?? empty },
    breakdowns: singles.map((s, k) => breakdownOf(s.dimensions, k, first.a, first.b)),
    ...(kind.kind === 'additive' ? { exposure: { a: days(request.periodA), b: days(request.periodB) } } : {}),
  };
  let input = base;
  let pairs: (readonly [string, string])[] = [];
  if (request.pairs !== false && names.length >= 2) {
    const firstPass = explainChange(base, request.options);
    if (firstPass.status === 'ok') {
      const plan = pairPlan(firstPass, names);
      if (plan.length > 0) {
        const second = run(plan);
        input = { ...base, breakdowns: [...base.breakdowns, ...plan.map((p, k) => breakdownOf(p.dimensions, k, second.a, second.b))] };
        pairs = plan.map((p) => [p.dimensions[0]!, p.dimensions[1]!] as const);
      }
    }
  }
  const result = scaleResult(explainChange(input, request.options), scale, offset);
  return {
    ...result,
    table,
    metric: { id: metric.id, version: metric.version, name: metric.name, unit: metric.unit, direction: metric.direction },
    periodA: request.periodA,
    periodB: request.periodB,
    dimensionLabels: dimensions,
    pairs,
  };
}

