/**
 * The change explainer's input and output. The input is what the SQL side returns: for one metric
 * and two periods A (before) and B (after), the sums of the whole scope and, per dimension (and
 * per pair of dimensions), the sums of each segment. Everything is JSON-safe (no Infinity, no
 * NaN, no Map), so a result can cross a transport as it is.
 */

/**
 * `ratio`: the value is Σnumerator / Σdenominator (CSAT mean = Σscore / count, FCR = resolved at
 * first contact / tickets, SLA attainment = met / due). `additive`: the value is Σnumerator
 * (ticket volume, handle minutes); a denominator is ignored.
 */
export type ExplainMetricKind = 'ratio' | 'additive';

/**
 * How a change is tested: `proportion` (ratio of a 0/1 outcome: two-proportion z-test),
 * `mean` (ratio = mean of a per-row value, with `sumOfSquares`: Welch t-test), `count` (additive
 * count of events: Poisson, normal approximation of the conditional binomial), `none`.
 */
export type ExplainTest = 'proportion' | 'mean' | 'count' | 'none';

export interface ExplainMetric {
  readonly kind: ExplainMetricKind;
  /** Default: `mean` for a ratio whose totals carry `sumOfSquares`, else `proportion` for a ratio
   * and `count` for an additive metric. */
  readonly test?: ExplainTest;
}

/** One period's sums for one segment (or for the whole scope). */
export interface PeriodSums {
  readonly numerator: number;
  /** Required for a ratio metric; ignored for an additive one. */
  readonly denominator?: number;
  /** Σ value² of the per-row values behind a mean (for the Welch test). */
  readonly sumOfSquares?: number;
  /** The rows the sums stand on; default the denominator (ratio) or the numerator (additive). */
  readonly n?: number;
}

/** A dimension value; null is the segment of rows where the dimension is missing. */
export type SegmentValue = string | null;

export interface SegmentSums {
  /** One value per dimension of its breakdown, in the same order. */
  readonly values: readonly SegmentValue[];
  /** Absent: the segment has no rows in that period. */
  readonly a?: PeriodSums;
  readonly b?: PeriodSums;
}

/**
 * The segments of one dimension (length 1) or one combination of dimensions (length ≥ 2, pairs in
 * practice). A one-dimension breakdown whose segments do not add up to the totals (a top-N query)
 * gets a remainder item for the difference; a pair breakdown may hold only some cells.
 */
export interface Breakdown {
  readonly dimensions: readonly string[];
  readonly segments: readonly SegmentSums[];
}

export interface ExplainInput {
  readonly metric: ExplainMetric;
  readonly totals: { readonly a: PeriodSums; readonly b: PeriodSums };
  readonly breakdowns: readonly Breakdown[];
  /** The periods' lengths (e.g. days) for the count test; default equal. */
  readonly exposure?: { readonly a: number; readonly b: number };
}

export interface AdtributorOptions {
  /** T_EEP: an element must explain more than this share of the change (paper: 0.1). */
  readonly minElementShare?: number;
  /** T_EP: a dimension qualifies once its chosen elements explain more than this (paper: 0.67). */
  readonly minDimensionShare?: number;
  /** How many dimensions to return (paper: 3); default all that qualify. */
  readonly maxDimensions?: number;
  /** Take only elements whose own change is significant (default true; elements that cannot be tested are taken). */
  readonly requireSignificant?: boolean;
}

export interface CombinationOptions {
  /** The least share of the change a combination must explain (default 0.1). */
  readonly minShare?: number;
  /** The least support (see `Combination.support`, default 0.01). */
  readonly minSupport?: number;
  /** The least risk ratio (see `Combination.riskRatio`, default 3 as in MacroBase). */
  readonly minRiskRatio?: number;
  /** A pair explains "clearly more" than its better single item by this much share (default 0.1)… */
  readonly minPairGain?: number;
  /** …or keeps this fraction of that item's share (default 0.8)… */
  readonly pairRetain?: number;
  /** …in a volume this many times more concentrated (lift, default 2). */
  readonly pairConcentration?: number;
  /** At most this many combinations are returned (default 20). */
  readonly maxResults?: number;
}

export interface ExplainOptions {
  /** Below this n (ratio: in either period; additive: both periods together) a segment is low-n (default 30). */
  readonly minN?: number;
  /** Significance level (default 0.05). */
  readonly alpha?: number;
  readonly adtributor?: AdtributorOptions;
  readonly combinations?: CombinationOptions;
}

export interface Significance {
  readonly test: 'two-proportion-z' | 'welch-t' | 'poisson-z';
  readonly statistic: number;
  /** Welch only. */
  readonly degreesOfFreedom: number | null;
  /** Two-sided. */
  readonly pValue: number;
  /** pValue < alpha. */
  readonly significant: boolean;
}

/** A value in both periods with its n and the test of its change. */
export interface ChangeFigures {
  /** The metric's value (ratio: numerator / denominator; additive: numerator); null without rows. */
  readonly a: number | null;
  readonly b: number | null;
  /** b − a; null when either is. */
  readonly delta: number | null;
  readonly nA: number;
  readonly nB: number;
  /** null when the metric has no test or the data cannot support one. */
  readonly significance: Significance | null;
  readonly lowN: boolean;
}

export type ExplainStatus = 'ok' | 'no-data-a' | 'no-data-b' | 'no-data';

/** One segment's part of the total change: effect = rate + mix (additive: mix = 0). */
export interface DecompositionItem extends ChangeFigures {
  /** Empty for the remainder. */
  readonly values: readonly SegmentValue[];
  /** The rows not covered by the breakdown's segments. */
  readonly remainder: boolean;
  readonly effect: number;
  readonly rate: number;
  readonly mix: number;
  /** effect / total change; null when the total did not change. */
  readonly share: number | null;
}

export interface DimensionDecomposition {
  readonly dimension: string;
  /** Σ rate and Σ mix over the items; rate + mix = the total change. */
  readonly rate: number;
  readonly mix: number;
  /** Waterfall-ready: sorted by |effect| descending, ties by key. */
  readonly items: readonly DecompositionItem[];
}

export interface AdtributorElement extends ChangeFigures {
  readonly value: SegmentValue;
  readonly effect: number;
  /** Explanatory power: effect / total change. */
  readonly share: number;
  readonly surprise: number;
}

export interface AdtributorDimension {
  readonly dimension: string;
  /** Σ surprise of the chosen elements: the ranking key. */
  readonly surprise: number;
  /** Σ share of the chosen elements. */
  readonly share: number;
  readonly elements: readonly AdtributorElement[];
}

export interface CombinationItem {
  readonly dimension: string;
  readonly value: SegmentValue;
}

export interface Combination extends ChangeFigures {
  readonly items: readonly CombinationItem[];
  readonly effect: number;
  /** effect / total change. */
  readonly share: number;
  /** Additive: the combination's share of the rows of the period the change goes to (B for a rise,
   * A for a fall). Ratio: its share of the denominator, averaged over A and B. */
  readonly support: number;
  /** How much more the change is concentrated inside than outside. Additive: (growth towards the
   * period the change goes to) inside over the same outside, the odds ratio of that period.
   * Ratio: (share / volume) / ((1 − share) / (1 − volume)), the change per unit of volume inside
   * over the same outside. null: unbounded (no rows in the other period, or the rest of the scope
   * did not move the same way). */
  readonly riskRatio: number | null;
  /** share / volume share: how concentrated the change is relative to an even spread. */
  readonly lift: number;
}

export interface ExplainResult {
  readonly status: ExplainStatus;
  readonly total: ChangeFigures;
  readonly dimensions: readonly DimensionDecomposition[];
  readonly adtributor: readonly AdtributorDimension[];
  readonly combinations: readonly Combination[];
}
