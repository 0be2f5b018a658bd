import type { Segment } from '../spec/board-spec';
import type { ExplainMetricResult } from '../spec/explain-spec';
import type { DimensionDecomposition, Significance } from '../explain/explain-types';

/** A segment the explainer proposes as a cause, with what it explains. */
export interface Candidate {
  /** Stable within one result: the segment's fields and values. */
  readonly key: string;
  readonly segment: Segment;
  /** The dimension whose waterfall shows it (the first of a combination). */
  readonly dimension: string;
  readonly effect: number;
  readonly share: number | null;
  readonly a: number | null;
  readonly b: number | null;
  readonly nA: number;
  readonly nB: number;
  readonly significance: Significance | null;
  readonly lowN: boolean;
  /** From Adtributor's ranking (`element`) or the combination search (`combination`). */
  readonly source: 'element' | 'combination';
}

export const segmentKey = (segment: Segment): string => segment.map((f) => `${f.field}=${f.values.map((v) => (v === null ? '∅' : String(v))).join('|')}`).join('&');

/**
 * The explainer's findings as one ranked list: Adtributor's elements in the order of their
 * dimensions' surprise, then the combinations of values not already listed, at most `limit`.
 */
export function rankedCandidates(result: ExplainMetricResult, limit = 12): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const push = (candidate: Candidate) => {
    if (seen.has(candidate.key) || out.length >= limit) return;
    seen.add(candidate.key);
    out.push(candidate);
  };
  for (const dimension of result.adtributor)
    for (const element of dimension.elements) {
      const segment: Segment = [{ field: dimension.dimension, values: [element.value] }];
      push({
        key: segmentKey(segment),
        segment,
        dimension: dimension.dimension,
        effect: element.effect,
        share: element.share,
        a: element.a,
        b: element.b,
        nA: element.nA,
        nB: element.nB,
        significance: element.significance,
        lowN: element.lowN,
        source: 'element',
      });
    }
  for (const combination of result.combinations) {
    const segment: Segment = combination.items.map((item) => ({ field: item.dimension, values: [item.value] }));
    push({
      key: segmentKey(segment),
      segment,
      dimension: combination.items[0]?.dimension ?? '',
      effect: combination.effect,
      share: combination.share,
      a: combination.a,
      b: combination.b,
      nA: combination.nA,
      nB: combination.nB,
      significance: combination.significance,
      lowN: combination.lowN,
      source: 'combination',
    });
  }
  return out;
}

/** One bar of a change's waterfall: the value before, each segment's effect, the rest, the value after. */
export interface WaterfallStep {
  readonly label: string;
  readonly value: number;
  readonly measure: 'absolute' | 'relative' | 'total';
  /** The segment's value, null for the opening, the rest and the closing bars. */
  readonly segment: string | null;
}

/**
 * The steps from A's value to B's over one dimension: its largest `top` effects, then the rest
 * summed as one bar, so the bars add up exactly to the change (the parts of a decomposition do).
 */
export function waterfallSteps(
  decomposition: DimensionDecomposition,
  total: { readonly a: number | null; readonly b: number | null },
  words: { readonly before: string; readonly after: string; readonly rest: string; readonly empty: string },
  top = 6,
): WaterfallStep[] {
  if (total.a === null || total.b === null) return [];
  const items = decomposition.items.filter((i) => !i.remainder);
  const shown = items.slice(0, top);
  const rest = decomposition.items.filter((i) => !shown.includes(i)).reduce((sum, i) => sum + i.effect, 0);
  return [
    { label: words.before, value: total.a, measure: 'absolute', segment: null },
    ...shown.map((item) => {
      const value = item.values[0] ?? null;
      return { label: value === null ? words.empty : value, value: item.effect, measure: 'relative' as const, segment: value === null ? '' : value };
    }),
    ...(Math.abs(rest) > 0 || items.length > top ? [{ label: words.rest, value: rest, measure: 'relative' as const, segment: null }] : []),
    { label: words.after, value: total.b, measure: 'total', segment: null },
  ];
}
