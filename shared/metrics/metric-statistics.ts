/**
 * From the sums a metric's SQL returns to its value, n and 95 % interval. Kept apart from the SQL so
 * that the same sums, added up over groups, give the totals: ratios stay ratios of sums.
 */

/** The sums one group returns for one metric, by formula kind. */
export type MetricSums =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'ratio'; readonly numerator: number; readonly denominator: number }
  | { readonly kind: 'mean'; readonly sum: number; readonly count: number; readonly sumOfSquares: number }
  | { readonly kind: 'quantile'; readonly value: number | null; readonly count: number }
  | { readonly kind: 'nps'; readonly promoters: number; readonly detractors: number; readonly count: number };

export interface MetricValue {
  /** null when there is nothing to compute it from (n = 0). */
  readonly value: number | null;
  /** The rows (scores, tickets) the value stands on. */
  readonly n: number;
  /** The 95 % interval, where the metric has one (not for counts and percentiles). */
  readonly low: number | null;
  readonly high: number | null;
}

const Z95 = 1.959963984540054;

/** Two-sided 97.5 % quantiles of Student's t for 1…30 degrees of freedom; above 30, the normal's. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056,
  2.052, 2.048, 2.045, 2.042,
];

function t975(degreesOfFreedom: number): number {
  return degreesOfFreedom <= 30 ? T975[degreesOfFreedom - 1]! : Z95;
}

/** Wilson score interval of a proportion, in the proportion's own scale (0–1). */
export function wilsonInterval(successes: number, n: number): readonly [number, number] | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // the bounds are exact at the ends, where rounding would leave 0.9999…
  return [successes <= 0 ? 0 : Math.max(0, centre - half), successes >= n ? 1 : Math.min(1, centre + half)];
}

export function metricValue(sums: MetricSums): MetricValue {
  switch (sums.kind) {
    case 'count':
      return { value: sums.count, n: sums.count, low: null, high: null };
    case 'ratio': {
      const n = sums.denominator;
      if (n <= 0) return { value: null, n: 0, low: null, high: null };
      const interval = wilsonInterval(sums.numerator, n);
      return { value: (100 * sums.numerator) / n, n, low: interval === null ? null : 100 * interval[0], high: interval === null ? null : 100 * interval[1] };
    }
    case 'mean': {
      const n = sums.count;
      if (n <= 0) return { value: null, n: 0, low: null, high: null };
      const mean = sums.sum / n;
      if (n < 2) return { value: mean, n, low: null, high: null };
      const variance = Math.max(0, (sums.sumOfSquares - n * mean * mean) / (n - 1));
      const half = t975(n - 1) * Math.sqrt(variance / n);
      return { value: mean, n, low: mean - half, high: mean + half };
    }
    case 'quantile':
      return { value: sums.count > 0 ? sums.value : null, n: sums.count, low: null, high: null };
    case 'nps': {
      const n = sums.count;
      if (n <= 0) return { value: null, n: 0, low: null, high: null };
      const promoters = sums.promoters / n;
      const detractors = sums.detractors / n;
      const score = promoters - detractors;
      // the variance of the difference of two shares of one multinomial sample
      const half = Z95 * Math.sqrt(Math.max(0, promoters + detractors - score * score) / n);
      return { value: 100 * score, n, low: Math.max(-100, 100 * (score - half)), high: Math.min(100, 100 * (score + half)) };
    }
  }
}
