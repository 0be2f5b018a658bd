/**
 * Did an action move its metric? The metric in the board's scope over the days before the action
 * took effect against as many days from then on (cut at the data's last day), tested as the change
 * explainer tests a change, with a control chart of the buckets and a verdict.
 */
import type Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { explainChange } from '../../../shared/explain/explain-change';
import type { PeriodSums, Significance } from '../../../shared/explain/explain-types';
import type { MetricDirection } from '../../../shared/metrics/metric-definition';
import { shiftDate } from '../../../shared/query/compile-query';
import { FOLLOW_UP_DEFAULT_DAYS, FOLLOW_UP_MAX_DAYS, type ActionFollowUp, type ActionFollowUpRequest, type FollowUpVerdict } from '../../../shared/spec/board-spec';
import { checkDay, daysBetween } from '../explain/explain-metric-source';
import { EMPTY_SUMS, boardMetric, lastDataDay, sumsN, unitValue, windowReader, type BoardMetric, type DayBucket, type WindowReader } from './board-metric-sums';

/** "After" needs this many days of data, and this n, before a verdict other than too-early. */
export const MIN_AFTER_DAYS = 7;
export const MIN_AFTER_N = 30;

/** Buckets of `size` days counted from `effectiveFrom`, so no bucket holds days of both sides; cut to [from, to]. */
function alignedBuckets(effectiveFrom: string, size: number, from: string, to: string): DayBucket[] {
  const buckets: DayBucket[] = [];
  const first = Math.floor((daysBetween(effectiveFrom, from) - 1) / size);
  for (let k = first; ; k++) {
    const start = shiftDate(effectiveFrom, k * size);
    if (start > to) break;
    const end = shiftDate(start, size - 1);
    const bucketFrom = start < from ? from : start;
    buckets.push({ bucket: bucketFrom, from: bucketFrom, to: end < to ? end : to });
  }
  return buckets;
}

/** Centre line and ±3 standard deviations (n − 1) of the values; null for fewer than two. */
export function controlLimits(values: readonly number[]): ActionFollowUp['control'] {
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, upper: mean + 3 * sd, lower: mean - 3 * sd };
}

/**
 * The verdict (see ActionFollowUp): no-data without any data, or without rows on a side; too-early
 * while "after" has fewer than 7 days of data or n < 30; improved / worsened when the change is
 * significant in that direction; else no-change. A neutral metric has no better direction, so a
 * significant change of it is no-change too (its p-value and delta still say that it moved).
 */
export function followUpVerdict(f: {
  readonly hasData: boolean;
  readonly afterDays: number;
  readonly beforeN: number;
  readonly afterN: number;
  readonly delta: number | null;
  readonly significant: boolean;
  readonly direction: MetricDirection;
}): FollowUpVerdict {
  if (!f.hasData) return 'no-data';
  if (f.afterDays < MIN_AFTER_DAYS) return 'too-early';
  if (f.beforeN === 0 || f.afterN === 0 || f.delta === null) return 'no-data';
  if (f.afterN < MIN_AFTER_N) return 'too-early';
  if (!f.significant || f.direction === 'neutral' || f.delta === 0) return 'no-change';
  return f.delta > 0 === (f.direction === 'higher-is-better') ? 'improved' : 'worsened';
}

/** The test of after against before, by the metric's kind (a count's rate per day over each side's days). */
function testAfter(m: BoardMetric, before: PeriodSums | undefined, after: PeriodSums | undefined, days: { before: number; after: number }): Significance | null {
  if (days.after < 1) return null;
  const metric = m.explained.metric;
  return explainChange({
    metric,
    totals: { a: before ?? EMPTY_SUMS, b: after ?? EMPTY_SUMS },
    breakdowns: [],
    ...(metric.kind === 'additive' ? { exposure: { a: days.before, b: days.after } } : {}),
  }).total.significance;
}

/**
 * The metric (in the board's scope) over [effectiveFrom − days, effectiveFrom − 1] against
 * [effectiveFrom, effectiveFrom + days − 1], "after" cut at the last day of the metric's time field
 * in the table (when "after" has no day yet, its `to` is the day before its `from`). Buckets (a day,
 * or a week when days ≥ 28) are counted from effectiveFrom and carry their side; the control
 * limits come from the "before" buckets that hold rows (n > 0), and "after" buckets beyond them are
 * counted. A count metric's buckets are counts, so a bucket cut short by the data's end is low.
 */
export function followUpAction(db: Database.Database, req: ActionFollowUpRequest): ActionFollowUp {
  checkDay(req.effectiveFrom, 'effectiveFrom');
  const days = req.days ?? FOLLOW_UP_DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > FOLLOW_UP_MAX_DAYS) throw new RootwiseError('error.followUp.badDays', { days, max: FOLLOW_UP_MAX_DAYS });
  const effective = req.effectiveFrom;
  const before = { from: shiftDate(effective, -days), to: shiftDate(effective, -1) };
  const m = boardMetric(db, req.metric, req.table, { from: effective, to: shiftDate(effective, days - 1) }, req.filters);
  const lastDay = lastDataDay(db, m);
  const afterEnd = shiftDate(effective, days - 1);
  // a table without times has no day of "after"
  const clipped = lastDay === null ? shiftDate(effective, -1) : lastDay < afterEnd ? lastDay : afterEnd;
  const afterDays = Math.max(0, daysBetween(effective, clipped));
  const after = { from: effective, to: afterDays > 0 ? clipped : shiftDate(effective, -1) };

  const read: WindowReader = windowReader(db, m, req.filters, { from: before.from, to: afterDays > 0 ? after.to : before.to });
  const beforeSums = read(before.from, before.to);
  const afterSums = afterDays > 0 ? read(after.from, after.to) : undefined;
  const beforeValue = unitValue(m, beforeSums);
  const afterValue = afterDays > 0 ? unitValue(m, afterSums) : null;
  const beforeN = sumsN(m, beforeSums);
  const afterN = sumsN(m, afterSums);
  const delta = beforeValue !== null && afterValue !== null ? afterValue - beforeValue : null;
  const significance = testAfter(m, beforeSums, afterSums, { before: days, after: afterDays });

  const size = (req.grain ?? (days >= 28 ? 'week' : 'day')) === 'week' ? 7 : 1;
  const series = [
    ...alignedBuckets(effective, size, before.from, before.to).map((b) => ({ b, phase: 'before' as const })),
    ...(afterDays > 0 ? alignedBuckets(effective, size, after.from, after.to) : []).map((b) => ({ b, phase: 'after' as const })),
  ].map(({ b, phase }) => {
    const sums = read(b.from, b.to);
    return { bucket: b.bucket, value: unitValue(m, sums), n: sumsN(m, sums), phase };
  });
  const held = (p: 'before' | 'after') => series.filter((s) => s.phase === p && s.n > 0 && s.value !== null).map((s) => s.value!);
  const control = controlLimits(held('before'));
  const outside = control === null ? 0 : held('after').filter((v) => v > control.upper || v < control.lower).length;

  return {
    metric: { id: m.definition.id, direction: m.definition.direction },
    before: { ...before, value: beforeValue, n: beforeN },
    after: { ...after, value: afterValue, n: afterN },
    delta,
    pValue: significance?.pValue ?? null,
    significant: significance?.significant ?? false,
    series,
    control,
    outside,
    verdict: followUpVerdict({ hasData: lastDay !== null, afterDays, beforeN, afterN, delta, significant: significance?.significant ?? false, direction: m.definition.direction }),
  };
}
