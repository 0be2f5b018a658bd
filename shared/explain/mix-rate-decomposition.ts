/**
 * Splits a metric's change between two periods over the segments of one dimension.
 *
 * Ratio metric R = N / D, segment i with weight w_i = D_i / D and rate r_i = N_i / D_i, so
 * R = Σ w_i r_i. With Δx = x_B − x_A and x̄ = (x_A + x_B) / 2 (the midpoint, so A and B play
 * symmetric parts and no interaction term is left over):
 *
 *     w_iB r_iB − w_iA r_iA = w̄_i Δr_i + r̄_i Δw_i                         (exact)
 *
 * and since Σ Δw_i = 0 (the weights add up to 1 in both periods), any constant can be taken from
 * r̄_i in the second term; taking the overall midpoint R̄ = (R_A + R_B) / 2:
 *
 *     rate_i = w̄_i Δr_i                  the segment's own value changing
 *     mix_i  = (r̄_i − R̄) Δw_i            volume moving towards (Δw > 0) or away from the segment,
 *                                        good for R when the segment is above the mean
 *     Σ_i (rate_i + mix_i) = R_B − R_A   exactly.
 *
 * A segment with rows in one period only has no rate change (its missing rate is taken equal to
 * the other), so it is all mix: a new segment gives (r_iB − R̄) w_iB. The identity still holds
 * because its absent period has w = 0.
 *
 * Additive metric V = Σ N_i: effect_i = rate_i = N_iB − N_iA, mix_i = 0.
 *
 * Every segment's effect depends only on its own sums and the totals, so a pair breakdown holding
 * only some cells is decomposed the same way; a one-dimension breakdown that does not cover the
 * totals gets a remainder segment so that its parts still add up.
 */
import { testChange } from './change-significance';
import type { Breakdown, ChangeFigures, DecompositionItem, DimensionDecomposition, ExplainInput, ExplainOptions, ExplainTest, PeriodSums, SegmentSums, SegmentValue } from './explain-types';
import { compareValues } from './segment-order';

/** What every segment is measured against: the totals and the settings. */
export interface ChangeFrame {
  readonly kind: 'ratio' | 'additive';
  readonly test: ExplainTest;
  readonly totalA: PeriodSums;
  readonly totalB: PeriodSums;
  readonly valueA: number | null;
  readonly valueB: number | null;
  /** R̄ for a ratio, unused for an additive metric. */
  readonly midpoint: number;
  /** null when either value is. */
  readonly delta: number | null;
  readonly exposure: { readonly a: number; readonly b: number };
  readonly alpha: number;
  readonly minN: number;
}

export interface SegmentEffect {
  readonly effect: number;
  readonly rate: number;
  readonly mix: number;
}

/** A segment with its sums, its effect and its figures, before it is shaped for a result. */
export interface AnalysedSegment extends SegmentEffect {
  readonly values: readonly SegmentValue[];
  readonly remainder: boolean;
  readonly a: PeriodSums | undefined;
  readonly b: PeriodSums | undefined;
  readonly figures: ChangeFigures;
}

function denominator(kind: ChangeFrame['kind'], sums: PeriodSums | undefined): number {
  if (sums === undefined) return 0;
  return kind === 'ratio' ? (sums.denominator ?? 0) : 1;
}

/** The metric's value for one period's sums; null for a ratio without rows. */
export function periodValue(kind: ChangeFrame['kind'], sums: PeriodSums | undefined): number | null {
  if (kind === 'additive') return sums?.numerator ?? 0;
  const d = denominator(kind, sums);
  return sums !== undefined && d > 0 ? sums.numerator / d : null;
}

export function periodN(kind: ChangeFrame['kind'], sums: PeriodSums | undefined): number {
  if (sums === undefined) return 0;
  return sums.n ?? (kind === 'ratio' ? (sums.denominator ?? 0) : sums.numerator);
}

function defaultTest(input: ExplainInput): ExplainTest {
  if (input.metric.test !== undefined) return input.metric.test;
  if (input.metric.kind === 'additive') return 'count';
  return input.totals.a.sumOfSquares !== undefined && input.totals.b.sumOfSquares !== undefined ? 'mean' : 'proportion';
}

function checkSums(kind: ChangeFrame['kind'], sums: PeriodSums | undefined, where: string): void {
  if (sums === undefined) return;
  const numbers = [sums.numerator, sums.denominator, sums.sumOfSquares, sums.n];
  if (numbers.some((x) => x !== undefined && !Number.isFinite(x))) throw new Error(`explain: a non-finite sum in ${where}`);
  if (kind === 'ratio') {
    if (sums.denominator === undefined) throw new Error(`explain: a ratio metric needs a denominator in ${where}`);
    if (sums.denominator < 0) throw new Error(`explain: a negative denominator in ${where}`);
    if (sums.denominator === 0 && sums.numerator !== 0) throw new Error(`explain: a numerator without a denominator in ${where}`);
  }
}

export function changeFrame(input: ExplainInput, options: ExplainOptions = {}): ChangeFrame {
  const kind = input.metric.kind;
  checkSums(kind, input.totals.a, 'the totals of A');
  checkSums(kind, input.totals.b, 'the totals of B');
  const valueA = periodValue(kind, input.totals.a);
  const valueB = periodValue(kind, input.totals.b);
  const exposure = input.exposure ?? { a: 1, b: 1 };
  if (!(exposure.a > 0 && exposure.b > 0)) throw new Error('explain: exposures must be positive');
  return {
    kind,
    test: defaultTest(input),
    totalA: input.totals.a,
    totalB: input.totals.b,
    valueA,
    valueB,
    midpoint: valueA !== null && valueB !== null ? (valueA + valueB) / 2 : 0,
    delta: valueA !== null && valueB !== null ? valueB - valueA : null,
    exposure,
    alpha: options.alpha ?? 0.05,
    minN: options.minN ?? 30,
  };
}

/** One segment's rate and mix effect on the total change (see the header). */
export function segmentEffect(frame: ChangeFrame, a: PeriodSums | undefined, b: PeriodSums | undefined): SegmentEffect {
  if (frame.kind === 'additive') {
    const effect = (b?.numerator ?? 0) - (a?.numerator ?? 0);
    return { effect, rate: effect, mix: 0 };
  }
  const totalDA = denominator('ratio', frame.totalA);
  const totalDB = denominator('ratio', frame.totalB);
  const rateA = periodValue('ratio', a);
  const rateB = periodValue('ratio', b);
  if (rateA === null && rateB === null) return { effect: 0, rate: 0, mix: 0 };
  const rA = rateA ?? rateB!;
  const rB = rateB ?? rateA!;
  const wA = totalDA > 0 ? denominator('ratio', a) / totalDA : 0;
  const wB = totalDB > 0 ? denominator('ratio', b) / totalDB : 0;
  const rate = ((wA + wB) / 2) * (rB - rA);
  const mix = ((rA + rB) / 2 - frame.midpoint) * (wB - wA);
  return { effect: rate + mix, rate, mix };
}

/** Values, n and the test of a change, for a segment or the totals. */
export function changeFigures(frame: ChangeFrame, a: PeriodSums | undefined, b: PeriodSums | undefined): ChangeFigures {
  const valueA = periodValue(frame.kind, a);
  const valueB = periodValue(frame.kind, b);
  const nA = periodN(frame.kind, a);
  const nB = periodN(frame.kind, b);
  const present = (s: PeriodSums | undefined) => (s !== undefined && denominator(frame.kind, s) > 0 ? s : undefined);
  return {
    a: valueA,
    b: valueB,
    delta: valueA !== null && valueB !== null ? valueB - valueA : null,
    nA,
    nB,
    significance: testChange(frame.test, present(a), present(b), frame.exposure, frame.alpha),
    lowN: frame.kind === 'ratio' ? Math.min(nA, nB) < frame.minN : nA + nB < frame.minN,
  };
}

function close(x: number, total: number): boolean {
  return Math.abs(x) <= 1e-9 * Math.max(1, Math.abs(total));
}

function addSums(sums: readonly (PeriodSums | undefined)[]): { numerator: number; denominator: number; sumOfSquares: number | undefined; n: number } {
  let numerator = 0;
  let denominatorSum = 0;
  let squares: number | undefined = 0;
  let n = 0;
  for (const s of sums) {
    if (s === undefined) continue;
    numerator += s.numerator;
    denominatorSum += s.denominator ?? 0;
    squares = squares === undefined || s.sumOfSquares === undefined ? undefined : squares + s.sumOfSquares;
    n += s.n ?? 0;
  }
  return { numerator, denominator: denominatorSum, sumOfSquares: squares, n };
}

/** The rows of the totals that the segments do not cover, or undefined when they cover them all. */
function remainderSums(frame: ChangeFrame, total: PeriodSums, segments: readonly (PeriodSums | undefined)[], dimension: string): PeriodSums | undefined {
  const covered = addSums(segments);
  const numerator = total.numerator - covered.numerator;
  const rest = frame.kind === 'ratio' ? (total.denominator ?? 0) - covered.denominator : 0;
  const restIsEmpty = close(numerator, total.numerator) && (frame.kind === 'additive' || close(rest, total.denominator ?? 0));
  if (restIsEmpty) return undefined;
  // a rest within rounding of zero is no excess, only float sums that disagree in the last bits
  if (frame.kind === 'ratio' && rest < 0 && !close(rest, total.denominator ?? 0)) throw new Error(`explain: the segments of ${dimension} exceed the totals`);
  const squares = total.sumOfSquares !== undefined && covered.sumOfSquares !== undefined ? total.sumOfSquares - covered.sumOfSquares : undefined;
  const explicitN = segments.every((s) => s === undefined || s.n !== undefined) && total.n !== undefined;
  return {
    numerator,
    ...(frame.kind === 'ratio' ? { denominator: Math.max(0, rest) } : {}),
    ...(squares !== undefined ? { sumOfSquares: squares } : {}),
    ...(explicitN ? { n: total.n - covered.n } : {}),
  };
}

/** Within one breakdown: a single value is its own key (null and strings stay apart in a Set). */
function segmentKey(values: readonly SegmentValue[]): SegmentValue {
  return values.length === 1 ? values[0]! : JSON.stringify(values);
}

/** The figures as a fresh object. Spelled out here and in `decompositionItem`: spreading them
 * took half of the explainer's time on thousands of segments. */
export function copyFigures(f: ChangeFigures): ChangeFigures {
  return { a: f.a, b: f.b, delta: f.delta, nA: f.nA, nB: f.nB, significance: f.significance, lowN: f.lowN };
}

function analyse(frame: ChangeFrame, values: readonly SegmentValue[], remainder: boolean, a: PeriodSums | undefined, b: PeriodSums | undefined): AnalysedSegment {
  const { effect, rate, mix } = segmentEffect(frame, a, b);
  return { values, remainder, a, b, effect, rate, mix, figures: changeFigures(frame, a, b) };
}

/** Every segment of a breakdown with its effect; a one-dimension breakdown gets its remainder. */
export function analyseBreakdown(frame: ChangeFrame, breakdown: Breakdown): AnalysedSegment[] {
  const name = breakdown.dimensions.join(' × ');
  const seen = new Set<SegmentValue>();
  const analysed: AnalysedSegment[] = [];
  for (const segment of breakdown.segments) {
    if (segment.values.length !== breakdown.dimensions.length) throw new Error(`explain: a segment of ${name} has ${segment.values.length} values`);
    const key = segmentKey(segment.values);
    if (seen.has(key)) throw new Error(`explain: the segment ${JSON.stringify(segment.values)} of ${name} appears twice`);
    seen.add(key);
    checkSums(frame.kind, segment.a, name);
    checkSums(frame.kind, segment.b, name);
    analysed.push(analyse(frame, segment.values, false, segment.a, segment.b));
  }
  if (breakdown.dimensions.length === 1) {
    const restA = remainderSums(frame, frame.totalA, breakdown.segments.map((s: SegmentSums) => s.a), name);
    const restB = remainderSums(frame, frame.totalB, breakdown.segments.map((s: SegmentSums) => s.b), name);
    if (restA !== undefined || restB !== undefined) analysed.push(analyse(frame, [], true, restA, restB));
  }
  return analysed;
}

/** |effect| descending, then the remainder last among equals, then by key. */
export function compareByEffect(x: { readonly effect: number; readonly remainder: boolean; readonly values: readonly SegmentValue[] }, y: typeof x): number {
  return Math.abs(y.effect) - Math.abs(x.effect) || Number(x.remainder) - Number(y.remainder) || compareValues(x.values, y.values);
}

export function decompositionItem(frame: ChangeFrame, segment: AnalysedSegment): DecompositionItem {
  const f = segment.figures;
  return {
    a: f.a,
    b: f.b,
    delta: f.delta,
    nA: f.nA,
    nB: f.nB,
    significance: f.significance,
    lowN: f.lowN,
    values: segment.values,
    remainder: segment.remainder,
    effect: segment.effect,
    rate: segment.rate,
    mix: segment.mix,
    share: frame.delta !== null && frame.delta !== 0 ? segment.effect / frame.delta : null,
  };
}

/** The waterfall of one dimension: its items by |effect| and the sums of rate and mix. */
export function decomposeDimension(frame: ChangeFrame, dimension: string, segments: readonly AnalysedSegment[]): DimensionDecomposition {
  let rate = 0;
  let mix = 0;
  for (const s of segments) {
    rate += s.rate;
    mix += s.mix;
  }
  const items = segments.map((s) => decompositionItem(frame, s)).sort(compareByEffect);
  return { dimension, rate, mix, items };
}
