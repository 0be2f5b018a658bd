import { describe, expect, it } from 'vitest';
import { explainChange } from '../../../../shared/explain/explain-change';
import type { Combination, ExplainInput, SegmentSums } from '../../../../shared/explain/explain-types';
import { DIMENSIONS, explainInputOf, plantedCsatRows } from './synthetic-tickets';

function label(c: Combination): string {
  return c.items.map((i) => `${i.dimension}=${String(i.value)}`).join(' & ');
}

/** Volume by region × category, with its two single breakdowns. */
function volumeInput(cells: readonly [string, string, number, number][]): ExplainInput {
  const single = (index: 0 | 1) => {
    const sums = new Map<string, [number, number]>();
    for (const cell of cells) {
      const [a, b] = sums.get(cell[index]) ?? [0, 0];
      sums.set(cell[index], [a + cell[2], b + cell[3]]);
    }
    return [...sums].map(([value, [a, b]]): SegmentSums => ({ values: [value], a: { numerator: a }, b: { numerator: b } }));
  };
  const total = (i: 2 | 3) => cells.reduce((s, c) => s + c[i], 0);
  return {
    metric: { kind: 'additive' },
    totals: { a: { numerator: total(2) }, b: { numerator: total(3) } },
    breakdowns: [
      { dimensions: ['region'], segments: single(0) },
      { dimensions: ['category'], segments: single(1) },
      { dimensions: ['region', 'category'], segments: cells.map(([r, c, a, b]) => ({ values: [r, c], a: { numerator: a }, b: { numerator: b } })) },
    ],
  };
}

describe('combination search', () => {
  for (const seed of [1, 2, 3]) {
    it(`finds the planted 四川 × 物流配送 pair among all 28 pairs of 8 dimensions (seed ${seed})`, () => {
      const result = explainChange(explainInputOf({ kind: 'ratio' }, DIMENSIONS, plantedCsatRows(seed), true));
      const pairs = result.combinations.filter((c) => c.items.length === 2);
      expect(pairs.map(label)).toEqual(['region=四川 & category=物流配送']);
      const singles = result.combinations.filter((c) => c.items.length === 1).map(label);
      expect(singles.every((s) => s === 'region=四川' || s === 'category=物流配送')).toBe(true);
      const pair = pairs[0]!;
      expect(pair.share).toBeGreaterThan(0.7);
      expect(pair.lift).toBeGreaterThan(10);
      expect(pair.nB).toBeGreaterThan(4 * pair.nA);
      expect(pair.significance!.significant).toBe(true);
    });
  }

  it('reports a pair that explains clearly more than its single items, which cancel out elsewhere', () => {
    const result = explainChange(
      volumeInput([
        ['四川', '物流配送', 100, 250],
        ['四川', '退换货', 100, 40],
        ['华东', '物流配送', 100, 40],
        ['华东', '退换货', 100, 130],
      ]),
    );
    expect(result.total.delta).toBe(60);
    expect(result.combinations.map(label)).toEqual(['region=四川 & category=物流配送']);
    const [pair] = result.combinations;
    expect(pair!.share).toBeCloseTo(2.5, 12);
    expect(pair!.support).toBeCloseTo(250 / 460, 12);
    expect(pair!.riskRatio).toBeCloseTo(2.5 / (210 / 300), 12);
  });

  it('prunes a pair its single item already explains', () => {
    const result = explainChange(
      volumeInput([
        ['华东', '电话', 50, 150],
        ['华南', '电话', 50, 150],
        ['华东', '邮件', 150, 150],
        ['华南', '邮件', 150, 150],
      ]),
    );
    expect(result.combinations.map(label)).toEqual(['category=电话']);
    expect(result.combinations[0]).toMatchObject({ share: 1, support: 0.5, riskRatio: 3 });
  });

  it('gives a new segment an unbounded risk ratio, and a fall its outliers in A', () => {
    const rise = explainChange({
      metric: { kind: 'additive' },
      totals: { a: { numerator: 100 }, b: { numerator: 180 } },
      breakdowns: [{ dimensions: ['channel'], segments: [{ values: ['电话'], a: { numerator: 100 }, b: { numerator: 100 } }, { values: ['微信'], b: { numerator: 80 } }] }],
    });
    expect(rise.combinations.map((c) => [label(c), c.riskRatio])).toEqual([['channel=微信', null]]);
    const fall = explainChange({
      metric: { kind: 'additive' },
      totals: { a: { numerator: 400 }, b: { numerator: 200 } },
      breakdowns: [{ dimensions: ['channel'], segments: [{ values: ['电话'], a: { numerator: 100 }, b: { numerator: 100 } }, { values: ['邮件'], a: { numerator: 300 }, b: { numerator: 100 } }] }],
    });
    expect(fall.combinations.map(label)).toEqual(['channel=邮件']);
    expect(fall.combinations[0]).toMatchObject({ share: 1, support: 300 / 400, riskRatio: 3, effect: -200 });
  });

  it('lets the thresholds be overridden', () => {
    const input = explainInputOf({ kind: 'ratio' }, DIMENSIONS, plantedCsatRows(2, 4000), true);
    expect(explainChange(input, { combinations: { minRiskRatio: 1e9 } }).combinations.every((c) => c.riskRatio === null)).toBe(true);
    expect(explainChange(input, { combinations: { minShare: 5 } }).combinations).toEqual([]);
    expect(explainChange(input, { combinations: { maxResults: 1 } }).combinations).toHaveLength(1);
  });
});
