/**
 * Small combinations of dimension values (single values and pairs) whose own change explains most
 * of the total change, in the spirit of MacroBase (Bailis et al., SIGMOD 2017) and DIFF (Abuzaid
 * et al., VLDB 2018): a combination is reported when its support and risk ratio pass thresholds.
 * Here, with Δ the total change and C a combination:
 *
 * - effect_C: its effect in the decomposition of its own breakdown (rate + mix, or its change for an
 *   additive metric), share_C = effect_C / Δ; it must be ≥ minShare (so > 0: a combination moving
 *   against the change explains none of it);
 * - volume v_C: ratio, its share of the denominator averaged over A and B; additive, its share of
 *   the rows of both periods together; lift_C = share_C / v_C;
 * - support: ratio, v_C; additive, MacroBase's — the share of the "outlier" rows that fall in C,
 *   the outliers being the rows of the period the change goes to (B for a rise, A for a fall);
 * - risk ratio: how much more the change is concentrated inside C than outside. Additive: the
 *   growth towards the outlier period inside over the same outside, (N_C,o / N_C,p) / (N_¬C,o /
 *   N_¬C,p) with p the other period — the odds ratio of being an outlier. MacroBase's risk ratio
 *   P(outlier | C) / P(outlier | ¬C) is that when outliers are rare, but with two periods of about
 *   the same size it cannot pass 1 / P(outlier | ¬C) ≈ 2, so its usual threshold of 3 would reject
 *   everything. Ratio: the change per unit of volume inside over the same outside,
 *   (share_C / v_C) / ((1 − share_C) / (1 − v_C)). Unbounded (null) when C has no rows in the other
 *   period or the outside did not move the same way at all; both pass.
 *
 * A pair is reported only when its single items do not already explain it: its share is at least
 * minPairGain above its better single item's (the one with more share), or it keeps pairRetain of
 * that item's share in a volume pairConcentration times more concentrated (its lift). The second
 * clause is what finds 四川 × 物流配送 when 四川 alone already carries the whole drop.
 *
 * Each cell is looked at once and its single items looked up in a map, so a breakdown costs
 * O(its segments).
 */
import type { Combination, CombinationItem, CombinationOptions, PeriodSums } from './explain-types';
import type { AnalysedSegment, ChangeFrame } from './mix-rate-decomposition';
import { compareValues } from './segment-order';

export interface CombinationBreakdown {
  readonly dimensions: readonly string[];
  readonly segments: readonly AnalysedSegment[];
}

interface Measured {
  readonly share: number;
  readonly volume: number;
  readonly support: number;
  /** undefined: the combination covers everything, so there is no outside to compare with. */
  readonly riskRatio: number | null | undefined;
}

function amount(frame: ChangeFrame, sums: PeriodSums | undefined): number {
  if (sums === undefined) return 0;
  return Math.max(0, frame.kind === 'ratio' ? (sums.denominator ?? 0) : sums.numerator);
}

function measure(frame: ChangeFrame, delta: number, segment: AnalysedSegment): Measured {
  const share = segment.effect / delta;
  const inA = amount(frame, segment.a);
  const inB = amount(frame, segment.b);
  const totalA = amount(frame, frame.totalA);
  const totalB = amount(frame, frame.totalB);
  if (frame.kind === 'ratio') {
    const volume = ((totalA > 0 ? inA / totalA : 0) + (totalB > 0 ? inB / totalB : 0)) / 2;
    if (volume >= 1 - 1e-12) return { share, volume, support: volume, riskRatio: undefined };
    const outside = (1 - share) / (1 - volume);
    return { share, volume, support: volume, riskRatio: outside > 0 && volume > 0 ? share / volume / outside : null };
  }
  const all = totalA + totalB;
  const inside = inA + inB;
  const volume = all > 0 ? inside / all : 0;
  // o: the period the change goes to (the outliers), p: the other one
  const [inO, inP, totalO, totalP] = delta > 0 ? [inB, inA, totalB, totalA] : [inA, inB, totalA, totalB];
  const support = totalO > 0 ? inO / totalO : 0;
  const outO = totalO - inO;
  const outP = totalP - inP;
  if (outO + outP <= 1e-12 * all) return { share, volume, support, riskRatio: undefined };
  if (inP <= 0 || outO <= 0) return { share, volume, support, riskRatio: null };
  return { share, volume, support, riskRatio: outP > 0 ? inO / inP / (outO / outP) : 0 };
}

function itemKey(dimension: string, value: string | null): string {
  return JSON.stringify([dimension, value]);
}

function compareItems(x: readonly CombinationItem[], y: readonly CombinationItem[]): number {
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a.dimension !== b.dimension) return a.dimension < b.dimension ? -1 : 1;
    const order = compareValues([a.value], [b.value]);
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

export function searchCombinations(frame: ChangeFrame, singles: readonly CombinationBreakdown[], combinations: readonly CombinationBreakdown[], options: CombinationOptions = {}): Combination[] {
  const delta = frame.delta;
  if (delta === null || delta === 0) return [];
  const minShare = options.minShare ?? 0.1;
  const minSupport = options.minSupport ?? 0.01;
  const minRiskRatio = options.minRiskRatio ?? 3;
  const minPairGain = options.minPairGain ?? 0.1;
  const pairRetain = options.pairRetain ?? 0.8;
  const pairConcentration = options.pairConcentration ?? 2;

  const found: Combination[] = [];
  const passes = (m: Measured): m is Measured & { riskRatio: number | null } =>
    m.share >= minShare && m.support >= minSupport && m.volume > 0 && m.riskRatio !== undefined && (m.riskRatio === null || m.riskRatio >= minRiskRatio);
  const report = (items: CombinationItem[], segment: AnalysedSegment, m: Measured & { riskRatio: number | null }) =>
    found.push({ ...segment.figures, items, effect: segment.effect, share: m.share, support: m.support, riskRatio: m.riskRatio, lift: m.share / m.volume });

  const singleMeasures = new Map<string, Measured>();
  for (const breakdown of singles) {
    const dimension = breakdown.dimensions[0]!;
    for (const segment of breakdown.segments) {
      if (segment.remainder) continue;
      const value = segment.values[0] ?? null;
      const m = measure(frame, delta, segment);
      singleMeasures.set(itemKey(dimension, value), m);
      if (passes(m)) report([{ dimension, value }], segment, m);
    }
  }

  for (const breakdown of combinations) {
    for (const segment of breakdown.segments) {
      const m = measure(frame, delta, segment);
      if (!passes(m)) continue;
      const items = breakdown.dimensions.map((dimension, i) => ({ dimension, value: segment.values[i] ?? null }));
      let best: Measured | undefined;
      for (const item of items) {
        const single = singleMeasures.get(itemKey(item.dimension, item.value));
        if (single !== undefined && (best === undefined || single.share > best.share)) best = single;
      }
      const bestShare = best?.share ?? 0;
      const bestLift = best !== undefined && best.volume > 0 ? best.share / best.volume : 0;
      const explainsMore = m.share >= bestShare + minPairGain;
      const concentrates = m.share >= pairRetain * bestShare && m.share / m.volume >= pairConcentration * bestLift;
      if (explainsMore || concentrates) report(items, segment, m);
    }
  }

  found.sort(
    (x, y) =>
      y.share - x.share ||
      x.items.length - y.items.length ||
      (y.riskRatio ?? Number.MAX_VALUE) - (x.riskRatio ?? Number.MAX_VALUE) ||
      compareItems(x.items, y.items),
  );
  return found.slice(0, options.maxResults ?? 20);
}
