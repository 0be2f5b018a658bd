import { describe, expect, it } from 'vitest';
import { jensenShannon } from '../../../../shared/explain/adtributor';
import { explainChange } from '../../../../shared/explain/explain-change';
import type { SegmentSums } from '../../../../shared/explain/explain-types';
import { DIMENSIONS, explainInputOf, plantedCsatRows } from './synthetic-tickets';

describe('Adtributor', () => {
  it('measures surprise as the Jensen–Shannon divergence in bits', () => {
    expect(jensenShannon(0.1, 0.2)).toBeCloseTo(0.5 * (0.1 * Math.log2(0.1 / 0.15) + 0.2 * Math.log2(0.2 / 0.15)), 12);
    expect(jensenShannon(0.3, 0.3)).toBe(0);
    expect(jensenShannon(0, 0)).toBe(0);
    // a segment that appears from nothing: ½ q log₂ 2
    expect(jensenShannon(0, 0.4)).toBeCloseTo(0.2, 12);
  });

  it('skips a surprising element that explains too little, and drops a dimension that never explains enough', () => {
    const many: SegmentSums[] = Array.from({ length: 20 }, (_, i) => ({ values: [`c${String(i).padStart(2, '0')}`], a: { numerator: 10 }, b: { numerator: 11 } }));
    const result = explainChange({
      metric: { kind: 'additive' },
      totals: { a: { numerator: 210 }, b: { numerator: 260 } },
      breakdowns: [
        {
          dimensions: ['queue'],
          segments: [
            { values: ['x'], a: { numerator: 100 }, b: { numerator: 160 } },
            { values: ['y'], a: { numerator: 100 }, b: { numerator: 100 } },
            { values: ['z'], a: { numerator: 10 } },
          ],
        },
        // 20 elements each explaining 0.02 of the change
        { dimensions: ['spread'], segments: [...many, { values: ['rest'], a: { numerator: 10 }, b: { numerator: 40 } }] },
      ],
    });
    expect(result.total.delta).toBe(50);
    // "spread": its best element explains 0.6 and the others 0.02 each (under T_EEP), so never 0.67
    expect(result.adtributor.map((d) => d.dimension)).toEqual(['queue']);
    const [queue] = result.adtributor;
    // z (gone: the most surprising) moved against the change, so x alone is chosen
    expect(queue!.elements.map((e) => [e.value, e.share])).toEqual([['x', 1.2]]);
    expect(queue!.share).toBeCloseTo(1.2, 12);
    expect(queue!.surprise).toBeCloseTo(queue!.elements[0]!.surprise, 15);
    // with a looser T_EP it qualifies on its one big element
    const looser = explainChange(
      { metric: { kind: 'additive' }, totals: { a: { numerator: 210 }, b: { numerator: 260 } }, breakdowns: [{ dimensions: ['spread'], segments: [...many, { values: ['rest'], a: { numerator: 10 }, b: { numerator: 40 } }] }] },
      { adtributor: { minDimensionShare: 0.5 } },
    );
    expect(looser.adtributor.map((d) => [d.dimension, d.elements.map((e) => e.value)])).toEqual([['spread', ['rest']]]);
    expect(looser.adtributor[0]!.share).toBeCloseTo(0.6, 12);
  });

  it('takes no element whose own change is chance, nor one that holds nearly every row', () => {
    // a ratio metric (a share in percent): "open" moved by chance (3 of 40 → 5 of 40), "closed"
    // is 95 % of the rows, "phone" is where the share really rose
    const seg = (value: string, a: [number, number], b: [number, number]): SegmentSums => ({ values: [value], a: { numerator: a[0], denominator: a[1] }, b: { numerator: b[0], denominator: b[1] } });
    const totals = { a: { numerator: 103, denominator: 1000 }, b: { numerator: 305, denominator: 1000 } };
    const result = explainChange({
      metric: { kind: 'ratio', test: 'proportion' },
      totals,
      breakdowns: [
        { dimensions: ['status'], segments: [seg('closed', [100, 960], [300, 960]), seg('open', [3, 40], [5, 40])] },
        { dimensions: ['channel'], segments: [seg('phone', [50, 300], [250, 300]), seg('web', [53, 700], [55, 700])] },
        { dimensions: ['agent'], segments: [seg('a1', [3, 40], [9, 40]), seg('a2', [100, 960], [296, 960])] },
      ],
    });
    const chosen = result.adtributor.map((d) => [d.dimension, d.elements.map((e) => e.value)]);
    expect(chosen).toContainEqual(['channel', ['phone']]);
    // closed and a2 are nearly everything; open and a1 changed by chance
    expect(chosen.map(([dimension]) => dimension)).toEqual(['channel']);
    // the option turns the significance gate off: a1 (3 → 9 of 40) is taken, as the paper would
    const ungated = explainChange({ metric: { kind: 'ratio', test: 'proportion' }, totals, breakdowns: [{ dimensions: ['agent'], segments: [seg('a1', [3, 40], [9, 40]), seg('a2', [100, 960], [296, 960])] }] }, { adtributor: { requireSignificant: false, minElementShare: 0.01, minDimensionShare: 0.01 } });
    expect(ungated.adtributor[0]?.elements.map((e) => e.value)).toEqual(['a1']);
  });

  it('honours maxDimensions and the thresholds as options', () => {
    const input = explainInputOf({ kind: 'ratio' }, DIMENSIONS, plantedCsatRows(7, 4000), false);
    expect(explainChange(input, { adtributor: { maxDimensions: 1 } }).adtributor).toHaveLength(1);
    expect(explainChange(input, { adtributor: { minElementShare: 2 } }).adtributor).toEqual([]);
  });

  for (const seed of [1, 2, 3]) {
    it(`ranks the planted region × category drop first among 8 dimensions (seed ${seed})`, () => {
      const result = explainChange(explainInputOf({ kind: 'ratio' }, DIMENSIONS, plantedCsatRows(seed), false));
      expect(result.total.delta!).toBeLessThan(-0.05);
      expect(result.total.significance).toMatchObject({ test: 'welch-t', significant: true });
      const [first, second, third] = result.adtributor;
      expect(new Set([first!.dimension, second!.dimension])).toEqual(new Set(['region', 'category']));
      const planted = { region: '四川', category: '物流配送' } as Record<string, string>;
      for (const d of [first!, second!]) {
        expect(d.elements.map((e) => e.value)).toEqual([planted[d.dimension]]);
        expect(d.elements[0]!.share).toBeGreaterThan(0.67);
        expect(d.elements[0]!.significance!.significant).toBe(true);
        // a clear margin over the first dimension of noise
        expect(d.surprise).toBeGreaterThan(2 * third!.surprise);
      }
    });
  }
});
