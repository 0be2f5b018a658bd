/**
 * Explains a metric's change between two periods on a workbench table: the metric's compiled
 * aggregates give each period's sums for the scope and per segment of each dimension (SQL,
 * explain-sums.ts), a first pass of the explainer picks the dimensions and values that move most,
 * their pairs are summed too, and the explainer (shared/explain) does the rest.
 */
import type Database from 'better-sqlite3';
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
import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import { shiftDate } from '../../../shared/query/compile-query';
import type { ExplainDimension, ExplainMetricRequest, ExplainMetricResult, ExplainPeriod } from '../../../shared/spec/explain-spec';
import { chosenDimensions, defaultDimensions } from './explain-dimensions';
import { checkFilters, checkPeriod, compileFor, explainedMetric, metricSource, metricTable, periodDays } from './explain-metric-source';
import { dropPeriod, materializePeriod, materializePeriods, sumPeriod, type BreakdownQuery, type PeriodBreakdownSums, type PeriodRows, type PeriodScope } from './explain-sums';

/** How many dimensions, and how many of each one's values, the pairs are formed from. */
export const PAIR_DIMENSIONS = 3;
export const PAIR_VALUES = 5;

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
  const { metric, schema } = metricSource(db, request.metric, request.table, request.periodB);
  const table = schema.table;
  const compiledA = compileFor(db, metric, table, request.periodA);
  const compiledB = compileFor(db, metric, table, request.periodB);
  const { metric: kind, scale, offset } = explainedMetric(compiledA);

  const filters = request.filters ?? [];
  checkFilters(schema, filters);
  const dimensions =
    request.dimensions === undefined ? defaultDimensions(schema.fields, metricTable(db, table, undefined).roles) : chosenDimensions(table, schema.fields, request.dimensions);
  const names = dimensions.map((d) => d.field);

  const stock = compiledA.variant.stock === true;
  const scope = (p: ExplainPeriod): PeriodScope | undefined => (stock ? undefined : { from: p.from, until: shiftDate(p.to, 1) });
  const rows: PeriodRows[] = [];
  try {
    const scopeA = scope(request.periodA);
    const scopeB = scope(request.periodB);
    const both = scopeA === undefined || scopeB === undefined ? undefined : materializePeriods(db, table, [compiledA, compiledB], [scopeA, scopeB], filters, names);
    if (both !== undefined) rows.push(...both);
    else {
      rows.push(materializePeriod(db, table, compiledA, scopeA, filters, names));
      rows.push(materializePeriod(db, table, compiledB, scopeB, filters, names));
    }
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
    ...(kind.kind === 'additive' ? { exposure: { a: periodDays(request.periodA), b: periodDays(request.periodB) } } : {}),
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

