/**
 * The numbers behind a segment of a board's problem, frozen as evidence: the metric in the segment
 * in both periods, the segment's part of the scope's change as the change explainer splits it (the
 * segment against the rest of the scope), the test of its own change and a sparkline.
 */
import type Database from 'better-sqlite3';
import { explainChange } from '../../../shared/explain/explain-change';
import type { ExplainInput, PeriodSums } from '../../../shared/explain/explain-types';
import type { EvidenceSnapshot, SegmentSnapshotRequest } from '../../../shared/spec/board-spec';
import type { ExplainPeriod } from '../../../shared/spec/explain-spec';
import { checkPeriod, daysBetween, periodDays } from '../explain/explain-metric-source';
import { EMPTY_SUMS, boardMetric, calendarBuckets, sumsN, unitValue, windowReader, type BoardMetric } from './board-metric-sums';

/** Both periods together span at most this many days for weekly sparkline buckets (26 weeks); longer spans get months. */
export const WEEKLY_SPAN_DAYS = 26 * 7;

/** The one dimension the segment is split from the rest of the scope on. */
const SEGMENT = 'segment';

/** The days from the earlier period's start to the later one's end. */
function spanOf(a: ExplainPeriod, b: ExplainPeriod): ExplainPeriod {
  return { from: a.from < b.from ? a.from : b.from, to: a.to > b.to ? a.to : b.to };
}

/** The explainer's input for totals (and breakdowns), with the periods' days as the count test's exposure. */
function explainInput(m: BoardMetric, a: PeriodSums | undefined, b: PeriodSums | undefined, periods: { a: ExplainPeriod; b: ExplainPeriod }): Omit<ExplainInput, 'breakdowns'> {
  const metric = m.explained.metric;
  return {
    metric,
    totals: { a: a ?? EMPTY_SUMS, b: b ?? EMPTY_SUMS },
    ...(metric.kind === 'additive' ? { exposure: { a: periodDays(periods.a), b: periodDays(periods.b) } } : {}),
  };
}

/**
 * The board's metric in a segment of its scope (the problem's filters and the segment's), in
 * periods A and B with their n; the segment's effect on the scope's change (rate + mix, the
 * explainer's midpoint split of the segment against the rest of the scope) in the metric's unit and
 * its share of that change; the p-value of the segment's own change; and the metric in the segment
 * per bucket (labelled by its first day) from the earlier period's start to the later one's end.
 * A percentile metric is refused, as the explainer refuses it.
 */
export function snapshotSegment(db: Database.Database, req: SegmentSnapshotRequest): EvidenceSnapshot {
  const { problem, segment } = req;
  checkPeriod(problem.periodA, 'periodA');
  checkPeriod(problem.periodB, 'periodB');
  const inSegment = [...problem.filters, ...segment];
  const m = boardMetric(db, problem.metric, problem.table, problem.periodB, inSegment);
  const span = spanOf(problem.periodA, problem.periodB);
  const grain = req.grain ?? (daysBetween(span.from, span.to) <= WEEKLY_SPAN_DAYS ? 'week' : 'month');

  const scope = windowReader(db, m, problem.filters, span);
  const part = segment.length === 0 ? scope : windowReader(db, m, inSegment, span);
  const periods = { a: problem.periodA, b: problem.periodB };
  const segmentA = part(periods.a.from, periods.a.to);
  const segmentB = part(periods.b.from, periods.b.to);

  const own = explainChange({ ...explainInput(m, segmentA, segmentB, periods), breakdowns: [] }).total;
  const split = explainChange({
    ...explainInput(m, scope(periods.a.from, periods.a.to), scope(periods.b.from, periods.b.to), periods),
    breakdowns: [{ dimensions: [SEGMENT], segments: [{ values: [SEGMENT], ...(segmentA !== undefined ? { a: segmentA } : {}), ...(segmentB !== undefined ? { b: segmentB } : {}) }] }],
  });
  const item = split.dimensions[0]?.items.find((i) => !i.remainder);

  return {
    takenAt: new Date().toISOString(),
    a: unitValue(m, segmentA),
    b: unitValue(m, segmentB),
    nA: own.nA,
    nB: own.nB,
    effect: item === undefined ? null : item.effect * m.explained.scale,
    share: item?.share ?? null,
    pValue: own.significance?.pValue ?? null,
    series: calendarBuckets(span, grain).map((b) => {
      const sums = part(b.from, b.to);
      return { bucket: b.bucket, value: unitValue(m, sums), n: sumsN(m, sums) };
    }),
  };
}
