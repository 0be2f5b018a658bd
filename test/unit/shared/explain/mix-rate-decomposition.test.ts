import { describe, expect, it } from 'vitest';
import { explainChange } from '../../../../shared/explain/explain-change';
import type { Breakdown, DecompositionItem, ExplainInput, ExplainMetric, PeriodSums, SegmentSums } from '../../../../shared/explain/explain-types';
import { randomGenerator } from './synthetic-tickets';

const ratio: ExplainMetric = { kind: 'ratio', test: 'proportion' };
const additive: ExplainMetric = { kind: 'additive' };

function item(items: readonly DecompositionItem[], value: string | null): DecompositionItem {
  const found = items.find((i) => !i.remainder && i.values[0] === value);
  if (found === undefined) throw new Error(`no item ${String(value)}`);
  return found;
}

function sumSegments(metric: ExplainMetric, segments: readonly SegmentSums[], period: 'a' | 'b'): PeriodSums {
  let numerator = 0;
  let denominator = 0;
  for (const s of segments) {
    numerator += s[period]?.numerator ?? 0;
    denominator += s[period]?.denominator ?? 0;
  }
  return metric.kind === 'ratio' ? { numerator, denominator } : { numerator };
}

/** A table of random dimensions and segments, some of them present in one period only. */
function randomInput(metric: ExplainMetric, seed: number): ExplainInput {
  const random = randomGenerator(seed);
  const period = (): PeriodSums | undefined => {
    if (random() < 0.15) return undefined;
    const denominator = 1 + Math.floor(random() * 500);
    const numerator = metric.kind === 'ratio' ? Math.floor(random() * (denominator + 1)) : Math.floor(random() * 1000);
    return metric.kind === 'ratio' ? { numerator, denominator } : { numerator };
  };
  // one fine-grained table, then each dimension is a grouping of it, so all share the totals
  const cells = Array.from({ length: 200 }, () => ({ a: period(), b: period(), keys: [0, 1, 2, 3].map(() => Math.floor(random() * (2 + Math.floor(random() * 12)))) }));
  const breakdowns: Breakdown[] = [0, 1, 2, 3].map((d) => {
    const groups = new Map<number, { a: PeriodSums | undefined; b: PeriodSums | undefined }>();
    for (const cell of cells) {
      const key = cell.keys[d]!;
      const g = groups.get(key) ?? { a: undefined, b: undefined };
      const merge = (x: PeriodSums | undefined, y: PeriodSums | undefined) =>
        x === undefined ? y : y === undefined ? x : { numerator: x.numerator + y.numerator, ...(metric.kind === 'ratio' ? { denominator: (x.denominator ?? 0) + (y.denominator ?? 0) } : {}) };
      groups.set(key, { a: merge(g.a, cell.a), b: merge(g.b, cell.b) });
    }
    const segments = [...groups].map(([key, g]) => ({ values: [key === 0 ? null : `v${key}`], ...(g.a ? { a: g.a } : {}), ...(g.b ? { b: g.b } : {}) }));
    return { dimensions: [`d${d}`], segments };
  });
  const all = cells.map((c, i) => ({ values: [String(i)], ...(c.a ? { a: c.a } : {}), ...(c.b ? { b: c.b } : {}) }));
  return { metric, totals: { a: sumSegments(metric, all, 'a'), b: sumSegments(metric, all, 'b') }, breakdowns };
}

describe('mix/rate decomposition', () => {
  for (const metric of [ratio, additive]) {
    it(`adds up to the total change exactly on random tables (${metric.kind})`, () => {
      for (const seed of [1, 2, 3, 42, 2024, 77777]) {
        const result = explainChange(randomInput(metric, seed));
        expect(result.status).toBe('ok');
        const delta = result.total.delta!;
        expect(result.dimensions).toHaveLength(4);
        for (const dimension of result.dimensions) {
          const effects = dimension.items.reduce((s, i) => s + i.effect, 0);
          const parts = dimension.items.reduce((s, i) => s + i.rate + i.mix, 0);
          expect(Math.abs(effects - delta)).toBeLessThan(1e-12 * Math.max(1, Math.abs(delta)));
          expect(Math.abs(parts - delta)).toBeLessThan(1e-12 * Math.max(1, Math.abs(delta)));
          expect(Math.abs(dimension.rate + dimension.mix - delta)).toBeLessThan(1e-12 * Math.max(1, Math.abs(delta)));
          expect(dimension.items.some((i) => i.remainder)).toBe(false);
          expect(dimension.items.reduce((s, i) => s + i.share!, 0)).toBeCloseTo(1, 9);
          if (metric.kind === 'additive') expect(dimension.items.every((i) => i.mix === 0 && i.rate === i.effect)).toBe(true);
          // waterfall order: |effect| never grows down the list
          for (let i = 1; i < dimension.items.length; i++) expect(Math.abs(dimension.items[i]!.effect)).toBeLessThanOrEqual(Math.abs(dimension.items[i - 1]!.effect));
        }
      }
    });
  }

  it('gives hand-computed effects for a ratio with a segment gone and a new one', () => {
    // A: x 30/40, y 10/20 → 40/60; B: x 36/40, z 15/20 → 51/60. R̄ = (2/3 + 0.85) / 2
    const result = explainChange({
      metric: ratio,
      totals: { a: { numerator: 40, denominator: 60 }, b: { numerator: 51, denominator: 60 } },
      breakdowns: [
        {
          dimensions: ['queue'],
          segments: [
            { values: ['x'], a: { numerator: 30, denominator: 40 }, b: { numerator: 36, denominator: 40 } },
            { values: ['y'], a: { numerator: 10, denominator: 20 } },
            { values: ['z'], b: { numerator: 15, denominator: 20 } },
          ],
        },
      ],
    });
    const rBar = (40 / 60 + 51 / 60) / 2;
    expect(result.total.delta).toBeCloseTo(11 / 60, 12);
    const [queue] = result.dimensions;
    const x = item(queue!.items, 'x');
    expect(x.rate).toBeCloseTo((2 / 3) * 0.15, 12);
    expect(x.mix).toBeCloseTo(0, 12);
    const y = item(queue!.items, 'y');
    expect(y.rate).toBe(0);
    expect(y.mix).toBeCloseTo((0.5 - rBar) * (-1 / 3), 12);
    expect(y.b).toBeNull();
    expect(y.nB).toBe(0);
    const z = item(queue!.items, 'z');
    expect(z.mix).toBeCloseTo((0.75 - rBar) / 3, 12);
    expect(queue!.items.map((i) => i.values[0])).toEqual(['x', 'y', 'z']);
    expect(x.share).toBeCloseTo(0.1 / (11 / 60), 12);
  });

  it("shows Simpson's paradox as positive rate and negative mix", () => {
    // every queue resolves more at first contact, but volume moves to the hard queue
    const result = explainChange({
      metric: ratio,
      totals: { a: { numerator: 860, denominator: 1000 }, b: { numerator: 587, denominator: 1000 } },
      breakdowns: [
        {
          dimensions: ['queue'],
          segments: [
            { values: ['easy'], a: { numerator: 810, denominator: 900 }, b: { numerator: 92, denominator: 100 } },
            { values: ['hard'], a: { numerator: 50, denominator: 100 }, b: { numerator: 495, denominator: 900 } },
          ],
        },
      ],
    });
    expect(result.total.delta).toBeCloseTo(-0.273, 12);
    const [queue] = result.dimensions;
    expect(queue!.rate).toBeCloseTo(0.5 * 0.02 + 0.5 * 0.05, 12);
    expect(queue!.mix).toBeCloseTo(-0.308, 12);
    for (const i of queue!.items) {
      expect(i.delta!).toBeGreaterThan(0);
      expect(i.rate).toBeGreaterThan(0);
      expect(i.mix).toBeLessThan(0);
    }
    // the above-average queue losing volume and the below-average one gaining it both pull down
    expect(item(queue!.items, 'easy').mix).toBeCloseTo((0.91 - 0.7235) * -0.8, 12);
    expect(item(queue!.items, 'hard').mix).toBeCloseTo((0.525 - 0.7235) * 0.8, 12);
    expect(result.total.significance!.significant).toBe(true);
  });

  it('gives each segment its own change for an additive metric, the missing value as a segment', () => {
    const result = explainChange({
      metric: additive,
      totals: { a: { numerator: 160 }, b: { numerator: 200 } },
      breakdowns: [
        {
          dimensions: ['channel'],
          segments: [
            { values: ['电话'], a: { numerator: 100 }, b: { numerator: 130 } },
            { values: ['邮件'], a: { numerator: 50 }, b: { numerator: 40 } },
            { values: ['微信'], b: { numerator: 20 } },
            { values: [null], a: { numerator: 10 }, b: { numerator: 10 } },
          ],
        },
      ],
    });
    expect(result.total).toMatchObject({ a: 160, b: 200, delta: 40, nA: 160, nB: 200 });
    const items = result.dimensions[0]!.items;
    expect(items.map((i) => [i.values[0], i.effect, i.mix])).toEqual([
      ['电话', 30, 0],
      ['微信', 20, 0],
      ['邮件', -10, 0],
      [null, 0, 0],
    ]);
    expect(item(items, '微信')).toMatchObject({ a: 0, b: 20, share: 0.5 });
    expect(item(items, '电话').significance!.test).toBe('poisson-z');
  });

  it('adds a remainder when a breakdown holds only the top segments, and refuses segments beyond the totals', () => {
    const totals = { a: { numerator: 40, denominator: 60 }, b: { numerator: 51, denominator: 60 } };
    const result = explainChange({
      metric: ratio,
      totals,
      breakdowns: [{ dimensions: ['queue'], segments: [{ values: ['x'], a: { numerator: 30, denominator: 40 }, b: { numerator: 36, denominator: 40 } }] }],
    });
    const items = result.dimensions[0]!.items;
    expect(items).toHaveLength(2);
    const rest = items.find((i) => i.remainder)!;
    expect(rest).toMatchObject({ values: [], a: 0.5, b: 0.75, nA: 20, nB: 20 });
    expect(items.reduce((s, i) => s + i.effect, 0)).toBeCloseTo(11 / 60, 12);
    expect(() =>
      explainChange({
        metric: ratio,
        totals,
        breakdowns: [{ dimensions: ['queue'], segments: [{ values: ['x'], a: { numerator: 30, denominator: 70 }, b: { numerator: 36, denominator: 40 } }] }],
      }),
    ).toThrow(/exceed the totals/);
    expect(() =>
      explainChange({
        metric: ratio,
        totals,
        breakdowns: [{ dimensions: ['queue'], segments: [{ values: ['x'], a: { numerator: 1, denominator: 2 } }, { values: ['x'], b: { numerator: 1, denominator: 2 } }] }],
      }),
    ).toThrow(/appears twice/);
  });
});
