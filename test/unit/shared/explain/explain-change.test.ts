import { describe, expect, it } from 'vitest';
import { explainChange } from '../../../../shared/explain/explain-change';
import type { Breakdown, ExplainInput, SegmentValue } from '../../../../shared/explain/explain-types';
import { breakdownOf, randomGenerator, type SyntheticRow } from './synthetic-tickets';

const fcr = { kind: 'ratio', test: 'proportion' } as const;

describe('explainChange', () => {
  it('says there is nothing to explain without rows in a period of a ratio metric', () => {
    const segments = [{ values: ['x'], b: { numerator: 3, denominator: 4 } }];
    const noA = explainChange({ metric: fcr, totals: { a: { numerator: 0, denominator: 0 }, b: { numerator: 3, denominator: 4 } }, breakdowns: [{ dimensions: ['queue'], segments }] });
    expect(noA).toEqual({
      status: 'no-data-a',
      total: { a: null, b: 0.75, delta: null, nA: 0, nB: 4, significance: null, lowN: true },
      dimensions: [],
      adtributor: [],
      combinations: [],
    });
    const noB = explainChange({ metric: fcr, totals: { a: { numerator: 3, denominator: 4 }, b: { numerator: 0, denominator: 0 } }, breakdowns: [] });
    expect(noB.status).toBe('no-data-b');
    expect(explainChange({ metric: fcr, totals: { a: { numerator: 0, denominator: 0 }, b: { numerator: 0, denominator: 0 } }, breakdowns: [] }).status).toBe('no-data');
  });

  it('explains a volume that starts from nothing, all of it by the segments that appear', () => {
    const result = explainChange({
      metric: { kind: 'additive' },
      totals: { a: { numerator: 0 }, b: { numerator: 50 } },
      breakdowns: [{ dimensions: ['channel'], segments: [{ values: ['电话'], b: { numerator: 30 } }, { values: ['邮件'], b: { numerator: 20 } }] }],
    });
    expect(result.status).toBe('ok');
    expect(result.total).toMatchObject({ a: 0, b: 50, delta: 50 });
    expect(result.dimensions[0]!.items.map((i) => [i.values[0], i.effect, i.share])).toEqual([
      ['电话', 30, 0.6],
      ['邮件', 20, 0.4],
    ]);
    expect(result.total.significance!.significant).toBe(true);
  });

  it('treats a zero denominator as no rows, and refuses a numerator without one', () => {
    const result = explainChange({
      metric: fcr,
      totals: { a: { numerator: 8, denominator: 10 }, b: { numerator: 12, denominator: 20 } },
      breakdowns: [
        {
          dimensions: ['queue'],
          segments: [
            { values: ['x'], a: { numerator: 8, denominator: 10 }, b: { numerator: 6, denominator: 10 } },
            { values: ['y'], a: { numerator: 0, denominator: 0 }, b: { numerator: 6, denominator: 10 } },
          ],
        },
      ],
    });
    const y = result.dimensions[0]!.items.find((i) => i.values[0] === 'y')!;
    expect(y).toMatchObject({ a: null, b: 0.6, delta: null, rate: 0, nA: 0, significance: null, lowN: true });
    expect(result.dimensions[0]!.rate + result.dimensions[0]!.mix).toBeCloseTo(-0.2, 12);
    expect(() =>
      explainChange({
        metric: fcr,
        totals: { a: { numerator: 8, denominator: 10 }, b: { numerator: 12, denominator: 20 } },
        breakdowns: [{ dimensions: ['queue'], segments: [{ values: ['x'], a: { numerator: 8, denominator: 0 } }] }],
      }),
    ).toThrow(/numerator without a denominator/);
    expect(() => explainChange({ metric: fcr, totals: { a: { numerator: 8 }, b: { numerator: 12, denominator: 20 } }, breakdowns: [] })).toThrow(/needs a denominator/);
  });

  it('gives a single segment the whole change as rate, and neither a combination nor an element (it covers everything)', () => {
    const result = explainChange({
      metric: fcr,
      totals: { a: { numerator: 45, denominator: 100 }, b: { numerator: 60, denominator: 100 } },
      breakdowns: [{ dimensions: ['queue'], segments: [{ values: ['only'], a: { numerator: 45, denominator: 100 }, b: { numerator: 60, denominator: 100 } }] }],
    });
    const [only] = result.dimensions[0]!.items;
    expect(only!.effect).toBeCloseTo(0.15, 15);
    expect(only!.rate).toBeCloseTo(0.15, 15);
    expect(only!.mix).toBe(0);
    expect(only!.share).toBeCloseTo(1, 12);
    expect(only!.significance!.pValue).toBeCloseTo(0.0337, 4);
    expect(result.total.significance!.pValue).toBeCloseTo(0.0337, 4);
    expect(result.combinations).toEqual([]);
    // nor is it an element Adtributor names: holding every row, it locates nothing
    expect(result.adtributor).toEqual([]);
  });

  it('has no shares, ranking or combinations when the total did not change', () => {
    const result = explainChange({
      metric: fcr,
      totals: { a: { numerator: 50, denominator: 100 }, b: { numerator: 50, denominator: 100 } },
      breakdowns: [
        {
          dimensions: ['queue'],
          segments: [
            { values: ['x'], a: { numerator: 30, denominator: 50 }, b: { numerator: 20, denominator: 50 } },
            { values: ['y'], a: { numerator: 20, denominator: 50 }, b: { numerator: 30, denominator: 50 } },
          ],
        },
      ],
    });
    expect(result.total.delta).toBe(0);
    expect(result.dimensions[0]!.items.map((i) => [i.values[0], i.share])).toEqual([
      ['x', null],
      ['y', null],
    ]);
    expect(result.dimensions[0]!.items.map((i) => i.effect)).toEqual([expect.closeTo(-0.1, 12), expect.closeTo(0.1, 12)]);
    expect(result.adtributor).toEqual([]);
    expect(result.combinations).toEqual([]);
  });

  it('orders equal effects by key, the missing value first, whatever the input order, and stays JSON-safe', () => {
    const segments = [
      { values: ['b'], a: { numerator: 10 }, b: { numerator: 20 } },
      { values: [null], a: { numerator: 10 }, b: { numerator: 20 } },
      { values: ['a'], a: { numerator: 10 }, b: { numerator: 20 } },
      { values: ['c'], a: { numerator: 10 }, b: { numerator: 5 } },
    ];
    const input = (order: typeof segments): ExplainInput => ({
      metric: { kind: 'additive' },
      totals: { a: { numerator: 40 }, b: { numerator: 65 } },
      breakdowns: [{ dimensions: ['tier'], segments: order }],
    });
    const result = explainChange(input(segments));
    expect(result.dimensions[0]!.items.map((i) => i.values[0])).toEqual([null, 'a', 'b', 'c']);
    expect(explainChange(input([...segments].reverse()))).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('marks low-n segments', () => {
    const result = explainChange(
      {
        metric: fcr,
        totals: { a: { numerator: 510, denominator: 1010 }, b: { numerator: 606, denominator: 1010 } },
        breakdowns: [
          {
            dimensions: ['queue'],
            segments: [
              { values: ['big'], a: { numerator: 500, denominator: 1000 }, b: { numerator: 600, denominator: 1000 } },
              { values: ['small'], a: { numerator: 10, denominator: 10 }, b: { numerator: 6, denominator: 10 } },
            ],
          },
        ],
      },
      { minN: 20 },
    );
    const lowN = Object.fromEntries(result.dimensions[0]!.items.map((i) => [String(i.values[0]), i.lowN] as const));
    expect(lowN).toEqual({ big: false, small: true });
  });

  it('explains 8 dimensions × 200 segments and the pairs of their top elements well within a second', () => {
    const random = randomGenerator(11);
    const names = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'];
    const rows: SyntheticRow[] = [];
    for (const period of ['a', 'b'] as const) {
      for (let i = 0; i < 40_000; i++) {
        const values = names.map(() => `v${String(Math.floor(random() * 200)).padStart(3, '0')}`);
        // d3 = v007 holds 5 % of the tickets and resolves far less at first contact in B
        if (random() < 0.05) values[2] = 'v007';
        const drop = period === 'b' && values[2] === 'v007';
        rows.push({ period, values, value: random() < (drop ? 0.3 : 0.7) ? 1 : 0 });
      }
    }
    const metric = fcr;
    const singles: Breakdown[] = names.map((_, i) => breakdownOf(metric, names, rows, [i]));
    const totals = { a: { numerator: 0, denominator: 0 }, b: { numerator: 0, denominator: 0 } };
    for (const row of rows) {
      totals[row.period].numerator += row.value;
      totals[row.period].denominator += 1;
    }
    const first = explainChange({ metric, totals, breakdowns: singles });
    expect(first.dimensions.every((d) => d.items.length === 200)).toBe(true);
    const top = first.dimensions.map((d) => new Set<SegmentValue>(d.items.slice(0, 10).map((i) => i.values[0]!)));
    const pairs: Breakdown[] = [];
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) pairs.push(breakdownOf(metric, names, rows, [i, j], (v) => top[i]!.has(v[0]!) && top[j]!.has(v[1]!)));
    }
    const input: ExplainInput = { metric, totals, breakdowns: [...singles, ...pairs] };
    explainChange(input);
    const started = performance.now();
    const result = explainChange(input);
    const elapsed = performance.now() - started;
    // typically ~10 ms; the bound is loose so a busy machine cannot make it flake
    expect(elapsed).toBeLessThan(1000);
    expect(result.adtributor[0]).toMatchObject({ dimension: 'd3', elements: [expect.objectContaining({ value: 'v007' })] });
    expect(result.combinations[0]!.items).toEqual([{ dimension: 'd3', value: 'v007' }]);
  });
});
