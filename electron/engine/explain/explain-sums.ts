import type { ExplainFilter } from '../../../shared/spec/explain-spec';
/**
 * The SQL side of the change explainer: one period's sums of a metric for the whole scope and per
 * segment of each dimension (or pair of dimensions), from the metric's own compiled aggregates.
 *
 * Each period's rows are read once (materializePeriod), then summed per breakdown (sumPeriod),
 * adding up each row's terms of the metric's aggregates. This works because every aggregate the explainer accepts is a
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
    // the column's affinity turns the values back into its type ("1" matches 1 in an integer column)
    parts.push(`${q(field)} IN (${present.map(() => '?').join(', ')})`);
    params.push(...present);
  }
  if (present.length < keep.length) parts.push(`${q(field)} IS NULL`);
  return parts.length === 0 ? '0' : `(${parts.join(' OR ')})`;
}

/** What a row adds to each aggregate: the sum's argument, 1 where a count's argument is not NULL, 1 for a count of rows. */
function rowTerms(compiled: CompiledMetric): { readonly sql: string; readonly params: readonly BoundValue[] }[] {
  return compiled.parts.map((part) => {
    if (part.fn === 'percentile') throw new Error('explain: a percentile does not add up over segments');
    if (part.arg === undefined) return { sql: '1', params: [] };
    const params = part.arg.params;
    return part.fn === 'sum' ? { sql: part.arg.sql, params } : { sql: `((${part.arg.sql}) IS NOT NULL)`, params };
  });
}

/** One period's rows, narrowed to the dimensions and the per-row terms, in a temporary table. */
export interface PeriodRows {
  readonly table: string;
  readonly alias: ReadonlyMap<string, string>;
  readonly width: number;
  readonly compiled: CompiledMetric;
  /** When two periods share one temporary table: the rows of this one (`p = 0`). */
  readonly part?: number | undefined;
}

let nextTemp = 0;

/**
 * Reads one period's rows once (after the filters) into a temporary table of the dimensions and
 * each aggregate's per-row term, which the breakdowns, singles and pairs, then add up. (Measured
 * on 95,000 rows and 8 dimensions: reading the wide table once and grouping the narrow rows takes
 * 0.7 s, grouping by all eight fields at once and adding up the cells 0.9 s, reading the rows into
 * JavaScript 0.65 s, most of it the driver's per-row cost; and the pairs would read the table again.)
 * The temporary table lives in the connection's temp database, writable even on a read-only file.
 */
export function materializePeriod(
  db: Database.Database,
  table: string,
  compiled: CompiledMetric,
  period: PeriodScope | undefined,
  filters: readonly ExplainFilter[],
  dimensions: readonly string[],
): PeriodRows {
  const alias = new Map(dimensions.map((d, i) => [d, `d${i}`]));
  const terms = rowTerms(compiled);
  const params: BoundValue[] = [];
  const source = rowSource(table, compiled.derived, sqliteDialect);
  const select = [...dimensions.map((d) => `${q(d)} AS ${alias.get(d)!}`), ...terms.map((t, i) => `${t.sql} AS t${i}`)];
  for (const t of terms) params.push(...t.params);
  params.push(...source.params);
  const where: string[] = [];
  if (period !== undefined) {
    where.push(`${q(compiled.timeField)} >= ? AND ${q(compiled.timeField)} < ?`);
    params.push(period.from, period.until);
  }
  for (const filter of filters) where.push(keepCondition(filter.field, filter.values.map((v) => (v === null ? null : String(v))), params));
  const name = `rw_explain_${process.pid}_${nextTemp++}`;
  db.prepare(`CREATE TEMP TABLE ${q(name)} AS SELECT ${select.join(', ')} FROM ${source.sql}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`).run(...params);
  return { table: name, alias, width: terms.length, compiled };
}

/**
 * Both periods of a flow metric read in one scan of the table into one temporary table, each row
 * marked with its period (`p`): on a million tickets this saves one full read of the wide table.
 * Undefined when the periods overlap or the metric compiles differently for each (a stock metric,
 * or terms that read the period), where each period needs its own read.
 */
export function materializePeriods(
  db: Database.Database,
  table: string,
  compiled: readonly [CompiledMetric, CompiledMetric],
  periods: readonly [PeriodScope, PeriodScope],
  filters: readonly ExplainFilter[],
  dimensions: readonly string[],
): readonly [PeriodRows, PeriodRows] | undefined {
  const [a, b] = periods;
  if (a.from < b.until && b.from < a.until) return undefined;
  const terms = rowTerms(compiled[0]);
  if (JSON.stringify(terms) !== JSON.stringify(rowTerms(compiled[1])) || compiled[0].timeField !== compiled[1].timeField) return undefined;
  const alias = new Map(dimensions.map((d, i) => [d, `d${i}`]));
  const time = q(compiled[0].timeField);
  const params: BoundValue[] = [a.from, a.until];
  const select = [`CASE WHEN ${time} >= ? AND ${time} < ? THEN 0 ELSE 1 END AS p`, ...dimensions.map((d) => `${q(d)} AS ${alias.get(d)!}`), ...terms.map((t, i) => `${t.sql} AS t${i}`)];
  for (const t of terms) params.push(...t.params);
  const source = rowSource(table, compiled[0].derived, sqliteDialect);
  params.push(...source.params);
  const where = [`((${time} >= ? AND ${time} < ?) OR (${time} >= ? AND ${time} < ?))`];
  params.push(a.from, a.until, b.from, b.until);
  for (const filter of filters) where.push(keepCondition(filter.field, filter.values.map((v) => (v === null ? null : String(v))), params));
  const name = `rw_explain_${process.pid}_${nextTemp++}`;
  db.prepare(`CREATE TEMP TABLE ${q(name)} AS SELECT ${select.join(', ')} FROM ${source.sql} WHERE ${where.join(' AND ')}`).run(...params);
  return [
    { table: name, alias, width: terms.length, compiled: compiled[0], part: 0 },
    { table: name, alias, width: terms.length, compiled: compiled[1], part: 1 },
  ];
}

export function dropPeriod(db: Database.Database, rows: PeriodRows): void {
  db.prepare(`DROP TABLE IF EXISTS temp.${q(rows.table)}`).run();
}

/** A period's totals and the segments of each breakdown, in one statement over its rows. */
export function sumPeriod(db: Database.Database, rows: PeriodRows, breakdowns: readonly BreakdownQuery[]): PeriodBreakdownSums {
  const params: BoundValue[] = [];
  const sums = Array.from({ length: rows.width }, (_, i) => `SUM(t${i})`).join(', ');
  const width = Math.max(1, ...breakdowns.map((b) => b.dimensions.length));
  const valueColumns = (aliases: readonly string[]): string => Array.from({ length: width }, (_, i) => aliases[i] ?? 'NULL').join(', ');
  const from = `temp.${q(rows.table)}`;
  const part = rows.part === undefined ? [] : [`p = ${rows.part}`];
  const selects = [`SELECT -1, ${valueColumns([])}, ${sums} FROM ${from}${part.length > 0 ? ` WHERE ${part[0]!}` : ''}`];
  breakdowns.forEach((b, k) => {
    const aliases = b.dimensions.map((d) => rows.alias.get(d)!);
    const conditions = [
      ...part,
      ...b.dimensions.flatMap((d, i) => {
        const keep = b.keep?.[i];
        return keep === undefined ? [] : [keepCondition(rows.alias.get(d)!, keep, params)];
      }),
    ];
    selects.push(`SELECT ${k}, ${valueColumns(aliases)}, ${sums} FROM ${from}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''} GROUP BY ${aliases.join(', ')}`);
  });

  let totals: PeriodSums | undefined;
  const result = breakdowns.map(() => new Map<string, { values: SegmentValue[]; sums: PeriodSums }>());
  for (const row of db.prepare(selects.join(' UNION ALL ')).raw(true).all(...params) as CellValue[][]) {
    const k = Number(row[0]);
    const made = periodSums(rows.compiled.toSums(row.slice(1 + width).map((v) => (v === null ? null : Number(v)))));
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

/**
 * A flow metric's aggregates per day of `timeField` (its first ten characters, YYYY-MM-DD), as
 * the raw values the compiled metric's `toSums` reads. Each is a sum or a count, so the days of
 * any window add up to the window's aggregates.
 */
export function sumPerDay(db: Database.Database, rows: PeriodRows, timeField: string): Map<string, number[]> {
  const alias = rows.alias.get(timeField);
  if (alias === undefined) throw new Error(`explain: ${timeField} is not among the period's columns`);
  const sums = Array.from({ length: rows.width }, (_, i) => `TOTAL(t${i})`).join(', ');
  const days = new Map<string, number[]>();
  const part = rows.part === undefined ? '' : ` AND p = ${rows.part}`;
  for (const row of db.prepare(`SELECT substr(${alias}, 1, 10), ${sums} FROM temp.${q(rows.table)} WHERE ${alias} IS NOT NULL${part} GROUP BY 1`).raw(true).all() as CellValue[][]) {
    days.set(String(row[0]), row.slice(1).map((v) => Number(v ?? 0)));
  }
  return days;
}
