/**
 * The change explainer: from a metric's sums in two periods, per dimension and per pair of
 * dimensions, to the total change with its test, a mix/rate waterfall per dimension, the
 * Adtributor ranking of dimensions and the combinations of values that explain the change.
 * Phases: frame (totals, test, settings) → analyse each breakdown (effects, figures) → shape.
 */
import { adtributor } from './adtributor';
import { searchCombinations } from './combination-search';
import type { ExplainInput, ExplainOptions, ExplainResult, ExplainStatus } from './explain-types';
import { analyseBreakdown, changeFigures, changeFrame, decomposeDimension, type AnalysedSegment } from './mix-rate-decomposition';

export function explainChange(input: ExplainInput, options: ExplainOptions = {}): ExplainResult {
  const frame = changeFrame(input, options);
  const total = changeFigures(frame, input.totals.a, input.totals.b);
  const status: ExplainStatus = frame.valueA === null ? (frame.valueB === null ? 'no-data' : 'no-data-a') : frame.valueB === null ? 'no-data-b' : 'ok';
  if (status !== 'ok') return { status, total, dimensions: [], adtributor: [], combinations: [] };

  const singles: { dimensions: readonly string[]; dimension: string; segments: AnalysedSegment[] }[] = [];
  const combinations: { dimensions: readonly string[]; segments: AnalysedSegment[] }[] = [];
  for (const breakdown of input.breakdowns) {
    if (breakdown.dimensions.length === 0) throw new Error('explain: a breakdown without dimensions');
    const segments = analyseBreakdown(frame, breakdown);
    if (breakdown.dimensions.length === 1) singles.push({ dimensions: breakdown.dimensions, dimension: breakdown.dimensions[0]!, segments });
    else combinations.push({ dimensions: breakdown.dimensions, segments });
  }
  return {
    status,
    total,
    dimensions: singles.map((s) => decomposeDimension(frame, s.dimension, s.segments)),
    adtributor: adtributor(frame, singles, options.adtributor),
    combinations: searchCombinations(frame, singles, combinations, options.combinations),
  };
}
