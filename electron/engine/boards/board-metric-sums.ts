/**
 * A board's metric read over windows of days, the way the change explainer reads it: the same
 * table, compiled metric, filters and sums (electron/engine/explain). A flow metric is summed per
 * day once and any window adds up its days; a stock metric (backlog) is measured at each window's
 * last day, one reading per window.
 */
import type Database from 'better-sqlite3';
import type { TableSchema } from '../../../shared/api/types';
import type { PeriodSums } from '../../../shared/explain/explain-types';
import { periodN, periodValue } from '../../../shared/explain/mix-rate-decomposition';
import type { CompiledMetric } from '../../../shared/metrics/compile-metric';
import type { MetricDefinition } from '../../../shared/metrics/metric-definition';
import { shiftDate } from '../../../shared/query/compile-query';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import type { ExplainFilter, ExplainPeriod } from '../../../shared/spec/explain-spec';
import { checkFilters, compileFor, explainedMetric, metricSource, type ExplainedMetric } from '../explain/explain-metric-source';
import { dropPeriod, materializePeriod, periodSums, sumPerDay, sumPeriod } from '../explain/explain-sums';

/** The explainer's sums of a segment or period without rows. */
export const EMPTY_SUMS: PeriodSums = { numerator: 0, denominator: 0, n: 0 };

/** A catalogue metric made ready to read on its table. */
export interface BoardMetric {
  readonly definition: MetricDefinition;
  readonly schema: TableSchema;
  /** Compiled once; a stock metric is compiled again for each moment it is read at. */
  readonly compiled: CompiledMetric;
  readonly explained: ExplainedMetric;
  readonly stock: boolean;
}

/** The metric on the named table (else the first with its roles, for `period`), with the filters checked; a percentile is refused. */
export function boardMetric(db: Database.Database, metricId: string, table: string | undefined, period: ExplainPeriod, filters: readonly ExplainFilter[]): BoardMetric {
  const { metric, schema } = metricSource(db, metricId, table, period);
  const compiled = compileFor(db, metric, schema.table, period);
  checkFilters(schema, filters);
  return { definition: metric, schema, compiled, explained: explainedMetric(compiled), stock: compiled.variant.stock === true };
}

/** Reads the metric's sums over a window of days, for the rows kept by the filters given when it was made. */
export type WindowReader = (from: string, to: string) => PeriodSums | undefined;

/**
 * A reader for windows inside `span`: a flow metric's days are summed once (one pass over the
 * table) and each window adds up its own; a stock metric is read at each window's last day.
 */
export function windowReader(db: Database.Database, m: BoardMetric, filters: readonly ExplainFilter[], span: ExplainPeriod): WindowReader {
  if (m.stock) return (_from, to) => stockSums(db, m, filters, to);
  const timeField = m.compiled.timeField;
  const rows = materializePeriod(db, m.schema.table, m.compiled, { from: span.from, until: shiftDate(span.to, 1) }, filters, [timeField]);
  let days: Map<string, number[]>;
  try {
    days = sumPerDay(db, rows, timeField);
  } finally {
    dropPeriod(db, rows);
  }
  return (from, to) => {
    let raw: number[] | undefined;
    for (const [day, values] of days) {
      if (day < from || day > to) continue;
      raw = raw === undefined ? [...values] : raw.map((v, i) => v + (values[i] ?? 0));
    }
    return raw === undefined ? undefined : periodSums(m.compiled.toSums(raw));
  };
}

/** A stock metric's sums at the end of `day` (its rows are not limited to a period). */
function stockSums(db: Database.Database, m: BoardMetric, filters: readonly ExplainFilter[], day: string): PeriodSums | undefined {
  const compiled = compileFor(db, m.definition, m.schema.table, { from: day, to: day });
  const rows = materializePeriod(db, m.schema.table, compiled, undefined, filters, []);
  try {
    return sumPeriod(db, rows, []).totals;
  } finally {
    dropPeriod(db, rows);
  }
}

/** The metric's value in its own unit (percent, NPS −100…100) from the explainer's sums; null without rows (a count is 0). */
export function unitValue(m: BoardMetric, sums: PeriodSums | undefined): number | null {
  const value = periodValue(m.explained.metric.kind, sums);
  return value === null ? null : value * m.explained.scale - m.explained.offset;
}

/** The rows a value stands on. */
export function sumsN(m: BoardMetric, sums: PeriodSums | undefined): number {
  return periodN(m.explained.metric.kind, sums);
}

/** The last day (YYYY-MM-DD) of the metric's time field in the whole table; null when it has no time. */
export function lastDataDay(db: Database.Database, m: BoardMetric): string | null {
  const field = sqliteDialect.quoteIdent(m.compiled.timeField);
  const row = db.prepare(`SELECT substr(MAX(${field}), 1, 10) AS day FROM ${sqliteDialect.quoteIdent(m.schema.table)}`).get() as { day: string | null };
  return row.day;
}

/** One bucket of a series: its label is its first day inside the span. */
export interface DayBucket {
  readonly bucket: string;
  readonly from: string;
  readonly to: string;
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The calendar days, weeks (Monday to Sunday) or months that cover `span`, each cut to it. */
export function calendarBuckets(span: ExplainPeriod, grain: 'day' | 'week' | 'month'): DayBucket[] {
  const buckets: DayBucket[] = [];
  let from = span.from;
  while (from <= span.to) {
    let end: string;
    if (grain === 'day') end = from;
    else if (grain === 'week') end = shiftDate(from, (7 - weekday(from)) % 7);
    else end = shiftDate(`${from.slice(0, 7)}-01`, -1, 1);
    const to = end < span.to ? end : span.to;
    buckets.push({ bucket: from, from, to });
    from = shiftDate(to, 1);
  }
  return buckets;
}
