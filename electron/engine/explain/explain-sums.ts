/**
 * The SQL side of the change explainer: one period's sums of a metric for the whole scope and per
 * segment of each dimension (or pair of dimensions), from the metric's own compiled aggregates.
 *
 * One statement per period and per set of breakdowns: the period's rows (after the filters) are
 * first grouped by every dimension at once into cells (one scan of the table, materialized), then
 * each breakdown adds up the cells. This works because every aggregate the explainer accepts is a
 * sum or a count, so it adds up over any grouping.
 */
import type Database from 'better-sqlite3';
import type { CellValue } from '../../../shared/api/types';
import type { PeriodSums, SegmentValue } from '../../../shared/explain/explain-types';
import { rowSource, type CompiledMetric } from '../../../shared/metrics/compile-metric';
import type { MetricSums } from '../../../shared/metrics/metric-statistics';
import type { BoundValue } from '../../../shared/query/compile-query';
import { sqliteDialect } from '../../../shared/query/sql-dialect';

const q = (identifier: string): string => sqliteDialect.quoteIdent(identifier);

/** Rows kept by a filter: the field's value is one of `values` (null: the field is empty). */
export interface ExplainFilter {
  readonly field: string;
  readonly values: readonly (string | number | null)[];
}

/** The rows of one period: `from` ≤ time < `until` (absent for a stock metric, which reads every row). */
export interface PeriodScope {
  readonly from: string;
  readonly until: string;
}

/** A breakdown to sum: its dimensions, and per dimension the values to keep (absent: all). */
export interface BreakdownQuery {
  readonly dimensions: readonly string[];
  readonly keep?: readonly (readonly SegmentValue[] | undefined)[] | undefined;
}

export interface PeriodBreakdownSums {
  readonly totals: PeriodSums | undefined;
  /** Per breakdown in the order asked: the segments with rows, keyed by their values. */
  readonly breakdowns: readonly Map<string, { readonly values: SegmentValue[]; readonly sums: PeriodSums }>[];
}

/** What NPS values are shifted by for the explainer (see periodSums). */
export const NPS_OFFSET = 100;

/** The explainer's sums from a metric's: a mean of +100 / 0 / −100 per score for NPS (shifted by NPS_OFFSET). */
export function periodSums(sums: MetricSums): PeriodSums | undefined {
  switch (sums.kind) {
    case 'count':
      return sums.count === 0 ? undefined : { numerator: sums.count, n: sums.count };
    case 'ratio':
      return sums.denominator === 0 && sums.numerator === 0 ? undefined : { numerator: sums.numerator, denominator: sums.denominator };
    case 'mean':
      return sums.count === 0 ? undefined : { numerator: sums.sum, denominator: sums.count, sumOfSquares: sums.sumOfSquares, n: sums.count };
    case 'nps': {
      // +100 / 0 / −100 per score, shifted by NPS_OFFSET to 200 / 100 / 0: the surprise of the
      // ranking needs non-negative sums, and no effect or test moves with the shift
      if (sums.count === 0) return undefined;
      const passives = sums.count - sums.promoters - sums.detractors;
      return { numerator: 200 * sums.promoters + 100 * passives, denominator: sums.count, sumOfSquares: 40_000 * sums.promoters + 10_000 * passives, n: sums.count };
    }
    case 'quantile':
      throw new Error('explain: a percentile does not add up over segments');
  }
}

/** A stable key for a segment's values (null apart from every string). */
export const segmentKey = (values: readonly SegmentValue[]): string => JSON.stringify(values);

function normalise(value: CellValue): SegmentValue {
  return value === null ? null : String(value);
}

function keepCondition(field: string, keep: readonly SegmentValue[], params: BoundValue[]): string {
  const present = keep.filter((v): v is string => v !== null);
  const parts: string[] = [];
  if (present.length > 0) {
    parts.push(`CAST(${q(field)} AS TEXT) IN (${present.map(() => '?').join(', ')})`);
    params.push(...present);
  }
  if (present.length < keep.length) parts.push(`${q(field)} IS NULL`);
  return parts.length === 0 ? '0' : `(${parts.join(' OR ')})`;
}

/**
 * One period's sums: the totals of the scope and the segments of each breakdown, in one statement
 * that scans the table once.
 */
export function queryPeriodSums(
  db: Database.Database,
  table: string,
  compiled: CompiledMetric,
  period: PeriodScope | undefined,
  filters: readonly ExplainFilter[],
  breakdowns: readonly BreakdownQuery[],
): PeriodBreakdownSums {
  const dims = [...new Set(breakdowns.flatMap((b) => b.dimensions))];
  const dimAlias = new Map(dims.map((d, i) => [d, `d${i}`]));
  const params: BoundValue[] = [];
  const source = rowSource(table, compiled.derived, sqliteDialect);
  const cellSelect = [...dims.map((d) => `${q(d)} AS ${dimAlias.get(d)!}`), ...compiled.aggregates.map((a, i) => `${a.sql} AS s${i}`)];
  for (const a of compiled.aggregates) params.push(...a.params);
  params.push(...source.params);
  const where: string[] = [];
  if (period !== undefined) {
    where.push(`${q(compiled.timeField)} >= ? AND ${q(compiled.timeField)} < ?`);
    params.push(period.from, period.until);
  }
  for (const filter of filters) where.push(keepCondition(filter.field, filter.values.map((v) => (v === null ? null : String(v))), params));
  const cells = [
    `SELECT ${cellSelect.join(', ')} FROM ${source.sql}`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    dims.length > 0 ? `GROUP BY ${dims.map((d) => dimAlias.get(d)!).join(', ')}` : '',
  ].join(' ');

  const sums = compiled.aggregates.map((_, i) => `SUM(s${i})`).join(', ');
  const width = Math.max(1, ...breakdowns.map((b) => b.dimensions.length));
  const valueColumns = (aliases: readonly string[]): string => Array.from({ length: width }, (_, i) => aliases[i] ?? 'NULL').join(', ');
  const selects = [`SELECT -1, ${valueColumns([])}, ${sums} FROM cells`];
  breakdowns.forEach((b, k) => {
    const aliases = b.dimensions.map((d) => dimAlias.get(d)!);
    const conditions = b.dimensions.flatMap((d, i) => {
      const keep = b.keep?.[i];
      return keep === undefined ? [] : [keepCondition(dimAlias.get(d)!, keep, params)];
    });
    selects.push(`SELECT ${k}, ${valueColumns(aliases)}, ${sums} FROM cells${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''} GROUP BY ${aliases.join(', ')}`);
  });
  const sql = `WITH cells AS MATERIALIZED (${cells}) ${selects.join(' UNION ALL ')}`;
  const rows = db.prepare(sql).raw(true).all(...params) as CellValue[][];

  let totals: PeriodSums | undefined;
  const result = breakdowns.map(() => new Map<string, { values: SegmentValue[]; sums: PeriodSums }>());
  for (const row of rows) {
    const k = Number(row[0]);
    const parts = row.slice(1 + width).map((v) => (v === null ? null : Number(v)));
    const made = periodSums(compiled.toSums(parts));
    if (made === undefined) continue;
    if (k < 0) {
      totals = made;
      continue;
    }
    const values = row.slice(1, 1 + breakdowns[k]!.dimensions.length).map(normalise);
    result[k]!.set(segmentKey(values), { values, sums: made });
  }
  return { totals, breakdowns: result };
}
