import { describe, expect, it } from 'vitest';
import { explainChange } from '../../../../shared/explain/explain-change';
import type { ExplainInput } from '../../../../shared/explain/explain-types';
import type { ExplainMetricResult } from '../../../../shared/spec/explain-spec';
import { rankedCandidates, waterfallSteps } from '../../../../shared/board/explain-candidates';

// CSAT-like mean by region: 四川 drops hard, the rest holds
const input: ExplainInput = {
  metric: { kind: 'ratio', test: 'mean' },
  totals: { a: { numerator: 4100, denominator: 1000, sumOfSquares: 17500 }, b: { numerator: 3950, denominator: 1000, sumOfSquares: 16600 } },
  breakdowns: [
    {
      dimensions: ['region'],
      segments: [
        { values: ['四川'], a: { numerator: 410, denominator: 100, sumOfSquares: 1750 }, b: { numerator: 260, denominator: 100, sumOfSquares: 800 } },
        { values: ['广东'], a: { numerator: 2050, denominator: 500, sumOfSquares: 8750 }, b: { numerator: 2050, denominator: 500, sumOfSquares: 8750 } },
        { values: ['浙江'], a: { numerator: 1640, denominator: 400, sumOfSquares: 7000 }, b: { numerator: 1640, denominator: 400, sumOfSquares: 7050 } },
      ],
    },
    {
      dimensions: ['channel'],
      segments: [
        { values: ['电话'], a: { numerator: 2050, denominator: 500, sumOfSquares: 8750 }, b: { numerator: 1975, denominator: 500, sumOfSquares: 8300 } },
        { values: ['微信'], a: { numerator: 2050, denominator: 500, sumOfSquares: 8750 }, b: { numerator: 1975, denominator: 500, sumOfSquares: 8300 } },
      ],
    },
  ],
};

function result(): ExplainMetricResult {
  const explained = explainChange(input);
  return {
    ...explained,
    table: 'tickets',
    metric: { id: 'csat_mean', version: 1, name: { en: 'CSAT', 'zh-CN': '满意度' }, unit: 'score', direction: 'higher-is-better' },
    periodA: { from: '2024-09-01', to: '2024-09-30' },
    periodB: { from: '2024-10-01', to: '2024-10-31' },
    dimensionLabels: [
      { field: 'region', label: { en: 'Region', 'zh-CN': '地区' } },
      { field: 'channel', label: { en: 'Channel', 'zh-CN': '渠道' } },
    ],
    pairs: [],
  };
}

describe('the explainer as candidate causes', () => {
  it('ranks 四川 first, as a segment of its dimension, with its share of the change', () => {
    const candidates = rankedCandidates(result());
    expect(candidates[0]).toMatchObject({ key: 'region=四川', dimension: 'region', source: 'element', segment: [{ field: 'region', values: ['四川'] }] });
    expect(candidates[0]!.share!).toBeGreaterThan(0.9);
    expect(new Set(candidates.map((c) => c.key)).size).toBe(candidates.length);
  });

  it('caps the list', () => {
    expect(rankedCandidates(result(), 1)).toHaveLength(1);
  });

  it('gives waterfall bars from the value before to the value after that add up exactly', () => {
    const r = result();
    const region = r.dimensions.find((d) => d.dimension === 'region')!;
    const steps = waterfallSteps(region, r.total, { before: 'Before', after: 'After', rest: 'Others', empty: '(empty)' }, 2);
    expect(steps.map((s) => s.label)).toEqual(['Before', ...region.items.slice(0, 2).map((i) => i.values[0]), 'Others', 'After']);
    const opening = steps[0]!.value;
    const closing = steps.at(-1)!.value;
    const sum = steps.filter((s) => s.measure === 'relative').reduce((a, s) => a + s.value, 0);
    expect(opening).toBeCloseTo(4.1, 12);
    expect(closing).toBeCloseTo(3.95, 12);
    expect(opening + sum).toBeCloseTo(closing, 12);
    expect(waterfallSteps(region, { a: null, b: 3.9 }, { before: '', after: '', rest: '', empty: '' })).toEqual([]);
  });
});
