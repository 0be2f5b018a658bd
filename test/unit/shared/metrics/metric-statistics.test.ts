import { describe, expect, it } from 'vitest';
import { metricValue, wilsonInterval } from '../../../../shared/metrics/metric-statistics';

describe('metric statistics', () => {
  it('give a ratio of sums in percent with its Wilson interval (checked against published values)', () => {
    // Newcombe (1998), table I: 81/263 → 0.2553–0.3662
    const [low, high] = wilsonInterval(81, 263)!;
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
    // 0 of 10 still has an upper bound, 10 of 10 a lower one
    expect(wilsonInterval(0, 10)![0]).toBe(0);
    expect(wilsonInterval(0, 10)![1]).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10)![1]).toBe(1);
    const share = metricValue({ kind: 'ratio', numerator: 81, denominator: 263 });
    expect(share.value).toBeCloseTo(30.798, 3);
    expect(share.n).toBe(263);
    expect(share.low).toBeCloseTo(25.53, 2);
    expect(metricValue({ kind: 'ratio', numerator: 0, denominator: 0 })).toEqual({ value: null, n: 0, low: null, high: null });
  });

  it('give a mean with a t interval from its sums', () => {
    const values = [4, 5, 3, 5, 4, 2, 5, 4];
    const sum = values.reduce((a, b) => a + b, 0);
    const mean = metricValue({ kind: 'mean', sum, count: values.length, sumOfSquares: values.reduce((a, b) => a + b * b, 0) });
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - sum / 8) ** 2, 0) / 7);
    expect(mean.value).toBe(4);
    expect(mean.high! - mean.value!).toBeCloseTo((2.365 * sd) / Math.sqrt(8), 6);
    expect(metricValue({ kind: 'mean', sum: 5, count: 1, sumOfSquares: 25 })).toEqual({ value: 5, n: 1, low: null, high: null });
  });

  it('give NPS as promoters minus detractors with an interval inside −100…100', () => {
    const nps = metricValue({ kind: 'nps', promoters: 50, detractors: 20, count: 100 });
    expect(nps.value).toBeCloseTo(30, 10);
    // var = (0.5 + 0.2 − 0.3²) / 100 = 0.0061
    expect(nps.high! - nps.value!).toBeCloseTo(1.96 * Math.sqrt(0.0061) * 100, 1);
    const all = metricValue({ kind: 'nps', promoters: 5, detractors: 0, count: 5 });
    expect(all).toMatchObject({ value: 100, high: 100 });
  });

  it('give counts and percentiles without an interval, and nothing from no rows', () => {
    expect(metricValue({ kind: 'count', count: 12 })).toEqual({ value: 12, n: 12, low: null, high: null });
    expect(metricValue({ kind: 'quantile', value: 33.5, count: 40 })).toEqual({ value: 33.5, n: 40, low: null, high: null });
    expect(metricValue({ kind: 'quantile', value: null, count: 0 }).value).toBeNull();
  });
});
