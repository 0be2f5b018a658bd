/**
 * Tests of a change between two periods from their sums alone: two-proportion z, Welch t and a
 * Poisson rate comparison. The distribution functions are the classic Numerical Recipes forms
 * (erfc to 1.2e-7 relative error, the incomplete beta by Lentz's continued fraction), ample for a
 * p-value shown to two digits.
 */
import type { ExplainTest, PeriodSums, Significance } from './explain-types';

/** Complementary error function (Numerical Recipes `erfcc`). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(polynomial);
  return x >= 0 ? value : 2 - value;
}

/** P(|Z| ≥ |z|) for a standard normal Z. */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

const LANCZOS = [76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.001208650973866179, -0.000005395239384953];

function logGamma(x: number): number {
  let y = x;
  let tmp = x + 5.5;
  tmp -= (x + 0.5) * Math.log(tmp);
  let series = 1.000000000190015;
  for (const c of LANCZOS) series += c / ++y;
  return -tmp + Math.log((2.5066282746310007 * series) / x);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-14) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(|T| ≥ |t|) for Student's t with `df` degrees of freedom (df may be fractional). */
export function studentTwoSidedP(t: number, df: number): number {
  return Math.min(1, incompleteBeta(df / 2, 0.5, df / (df + t * t)));
}

function result(test: Significance['test'], statistic: number, pValue: number, alpha: number, degreesOfFreedom: number | null = null): Significance {
  return { test, statistic, degreesOfFreedom, pValue, significant: pValue < alpha };
}

/** Two-proportion z-test with the pooled variance: xA of nA before, xB of nB after. */
export function twoProportionTest(xA: number, nA: number, xB: number, nB: number, alpha = 0.05): Significance | null {
  if (nA <= 0 || nB <= 0 || xA < 0 || xB < 0 || xA > nA || xB > nB) return null;
  const pooled = (xA + xB) / (nA + nB);
  const variance = pooled * (1 - pooled) * (1 / nA + 1 / nB);
  // all 0 or all 1 in both periods: no difference to test
  if (variance <= 0) return result('two-proportion-z', 0, 1, alpha);
  const z = (xB / nB - xA / nA) / Math.sqrt(variance);
  return result('two-proportion-z', z, normalTwoSidedP(z), alpha);
}

/** Welch's t-test from each period's Σx, Σx² and n. */
export function welchTest(sumA: number, squaresA: number, nA: number, sumB: number, squaresB: number, nB: number, alpha = 0.05): Significance | null {
  if (nA < 2 || nB < 2) return null;
  const meanA = sumA / nA;
  const meanB = sumB / nB;
  const varA = Math.max(0, (squaresA - nA * meanA * meanA) / (nA - 1)) / nA;
  const varB = Math.max(0, (squaresB - nB * meanB * meanB) / (nB - 1)) / nB;
  const se2 = varA + varB;
  if (se2 <= 0) return meanA === meanB ? result('welch-t', 0, 1, alpha, nA + nB - 2) : null;
  const t = (meanB - meanA) / Math.sqrt(se2);
  const df = (se2 * se2) / ((varA * varA) / (nA - 1) + (varB * varB) / (nB - 1));
  return result('welch-t', t, studentTwoSidedP(t, df), alpha, df);
}

/**
 * Counts cA over exposure eA and cB over eB: given cA + cB events, cB is binomial with
 * p = eB / (eA + eB) when the rate is the same; z is its normal approximation.
 */
export function poissonRateTest(cA: number, eA: number, cB: number, eB: number, alpha = 0.05): Significance | null {
  const total = cA + cB;
  if (cA < 0 || cB < 0 || total <= 0 || eA <= 0 || eB <= 0) return null;
  const p = eB / (eA + eB);
  const z = (cB - total * p) / Math.sqrt(total * p * (1 - p));
  return result('poisson-z', z, normalTwoSidedP(z), alpha);
}

/** The test of one segment's (or the total's) change, by the metric's test kind. */
export function testChange(test: ExplainTest, a: PeriodSums | undefined, b: PeriodSums | undefined, exposure: { readonly a: number; readonly b: number }, alpha: number): Significance | null {
  switch (test) {
    case 'proportion':
      if (a === undefined || b === undefined) return null;
      return twoProportionTest(a.numerator, a.denominator ?? 0, b.numerator, b.denominator ?? 0, alpha);
    case 'mean':
      if (a?.sumOfSquares === undefined || b?.sumOfSquares === undefined) return null;
      return welchTest(a.numerator, a.sumOfSquares, a.denominator ?? 0, b.numerator, b.sumOfSquares, b.denominator ?? 0, alpha);
    case 'count':
      return poissonRateTest(a?.numerator ?? 0, exposure.a, b?.numerator ?? 0, exposure.b, alpha);
    case 'none':
      return null;
  }
}
