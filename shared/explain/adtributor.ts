/**
 * Adtributor (Bhagwan et al., "Adtributor: Revenue Debugging in Advertising Systems", NSDI 2014),
 * with the periods as forecast (A) and actual (B).
 *
 * - Explanatory power of element j of dimension i: EP_ij = effect_ij / (total change). For an
 *   additive metric the effect is the element's own change (the paper's (A_ij − F_ij) / (A − F));
 *   for a ratio metric it is the element's rate + mix effect of the decomposition, which, unlike
 *   the paper's derived-measure formula, adds up to exactly 1 over a dimension.
 * - Surprise: the Jensen–Shannon divergence between the element's shares before (p = F_ij / F) and
 *   after (q = A_ij / A), S = ½ (p log₂ 2p/(p+q) + q log₂ 2q/(p+q)), in bits so that it lies in
 *   [0, 1]. For a ratio metric, as the paper does for derived measures, the sum of the surprises
 *   of its numerator and its denominator. Shares need non-negative sums; a negative sum counts as
 *   0 (a metric such as NPS is shifted to non-negative scores by its caller: the decomposition of
 *   a change does not move with such a shift).
 * - Per dimension: elements by surprise descending; each with EP > T_EEP is taken until the taken
 *   ones explain more than T_EP; a dimension that never gets there is not a candidate. Candidates
 *   are ranked by their summed surprise.
 * - Unlike the paper, whose elements are large (data centres, ad networks), an element whose own
 *   change is not significant is not taken (`requireSignificant`, default on): a service team's
 *   dimensions have many small elements (agents), whose shares swing by chance and whose summed
 *   surprise would otherwise outrank the element that really moved. Nor is an element that holds
 *   nearly every row in both periods: it locates nothing.
 */
import type { AdtributorDimension, AdtributorElement, AdtributorOptions, PeriodSums } from './explain-types';
import { copyFigures, type AnalysedSegment, type ChangeFrame } from './mix-rate-decomposition';
import { compareValue } from './segment-order';

function share(part: number, whole: number): number {
  return whole > 0 ? Math.max(0, part) / whole : 0;
}

function jsTerm(x: number, mean: number): number {
  return x > 0 ? x * Math.log2(x / mean) : 0;
}

/** Jensen–Shannon divergence of the two-point contribution of one element, in bits. */
export function jensenShannon(p: number, q: number): number {
  const mean = (p + q) / 2;
  if (mean <= 0) return 0;
  return 0.5 * (jsTerm(p, mean) + jsTerm(q, mean));
}

function sumOf(sums: PeriodSums | undefined, part: 'numerator' | 'denominator'): number {
  return part === 'numerator' ? (sums?.numerator ?? 0) : (sums?.denominator ?? 0);
}

export function elementSurprise(frame: ChangeFrame, segment: AnalysedSegment): number {
  const parts = frame.kind === 'ratio' ? (['numerator', 'denominator'] as const) : (['numerator'] as const);
  let surprise = 0;
  for (const part of parts) {
    const p = share(sumOf(segment.a, part), Math.max(0, sumOf(frame.totalA, part)));
    const q = share(sumOf(segment.b, part), Math.max(0, sumOf(frame.totalB, part)));
    surprise += jensenShannon(p, q);
  }
  return surprise;
}

/** Above this share of the rows in both periods an element is nearly the whole scope (every ticket is 已关闭): it locates nothing. */
export const NEARLY_EVERYTHING = 0.9;

function volume(frame: ChangeFrame, sums: PeriodSums | undefined): number {
  return sumOf(sums, frame.kind === 'ratio' ? 'denominator' : 'numerator');
}

function nearlyEverything(frame: ChangeFrame, segment: AnalysedSegment): boolean {
  return share(volume(frame, segment.a), volume(frame, frame.totalA)) >= NEARLY_EVERYTHING && share(volume(frame, segment.b), volume(frame, frame.totalB)) >= NEARLY_EVERYTHING;
}

export interface AdtributorDimensionInput {
  readonly dimension: string;
  readonly segments: readonly AnalysedSegment[];
}

export function adtributor(frame: ChangeFrame, dimensions: readonly AdtributorDimensionInput[], options: AdtributorOptions = {}): AdtributorDimension[] {
  const delta = frame.delta;
  if (delta === null || delta === 0) return [];
  const minElementShare = options.minElementShare ?? 0.1;
  const minDimensionShare = options.minDimensionShare ?? 0.67;
  const requireSignificant = options.requireSignificant ?? true;
  const candidates: AdtributorDimension[] = [];
  for (const { dimension, segments } of dimensions) {
    const ranked = segments
      // the remainder is no element anyone can act on
      .filter((s) => !s.remainder)
      .map((segment) => ({ segment, value: segment.values[0] ?? null, share: segment.effect / delta, surprise: elementSurprise(frame, segment) }))
      .sort((x, y) => y.surprise - x.surprise || compareValue(x.value, y.value));
    const chosen: AdtributorElement[] = [];
    let explained = 0;
    let surprise = 0;
    for (const element of ranked) {
      const significance = element.segment.figures.significance;
      const chance = requireSignificant && significance !== null && !significance.significant;
      if (element.share > minElementShare && !chance && !nearlyEverything(frame, element.segment)) {
        chosen.push({ ...copyFigures(element.segment.figures), value: element.value, effect: element.segment.effect, share: element.share, surprise: element.surprise });
        explained += element.share;
        surprise += element.surprise;
      }
      if (explained > minDimensionShare) {
        candidates.push({ dimension, surprise, share: explained, elements: chosen });
        break;
      }
    }
  }
  candidates.sort((x, y) => y.surprise - x.surprise || (x.dimension < y.dimension ? -1 : x.dimension > y.dimension ? 1 : 0));
  return candidates.slice(0, options.maxDimensions ?? candidates.length);
}
