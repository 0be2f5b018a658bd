import { describe, expect, it } from 'vitest';
import { normalTwoSidedP, poissonRateTest, studentTwoSidedP, testChange, twoProportionTest, welchTest } from '../../../../shared/explain/change-significance';

describe('change significance', () => {
  it('gives the normal two-sided p-value', () => {
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 6);
    expect(normalTwoSidedP(0)).toBeCloseTo(1, 6);
    expect(normalTwoSidedP(6)).toBeLessThan(1e-8);
  });

  it("gives Student's t two-sided p-value, checked against closed forms and tables", () => {
    for (const t of [0.3, 1, 2.5, 12]) {
      // df = 1 is Cauchy, df = 2 has a closed form
      expect(studentTwoSidedP(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 8);
      expect(studentTwoSidedP(t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 8);
    }
    expect(studentTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 3);
    expect(studentTwoSidedP(2, 10)).toBeCloseTo(0.073388, 5);
    expect(studentTwoSidedP(2.042, 30)).toBeCloseTo(0.05, 3);
  });

  it('tests two proportions with the pooled variance (prop.test without correction: χ² = 4.5113, p = 0.0337)', () => {
    const test = twoProportionTest(45, 100, 60, 100)!;
    expect(test.test).toBe('two-proportion-z');
    expect(test.statistic ** 2).toBeCloseTo(4.5113, 3);
    expect(test.pValue).toBeCloseTo(0.0337, 4);
    expect(test.significant).toBe(true);
    expect(twoProportionTest(0, 10, 0, 12)).toMatchObject({ statistic: 0, pValue: 1, significant: false });
    expect(twoProportionTest(3, 0, 4, 10)).toBeNull();
    expect(twoProportionTest(11, 10, 4, 10)).toBeNull();
  });

  it("tests two means with Welch's t from the sums, as computed from the raw values", () => {
    const a = [4, 5, 3, 5, 4, 2, 5, 4];
    const b = [3, 2, 4, 2, 3, 1, 2];
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const variance = (xs: number[]) => {
      const mean = sum(xs) / xs.length;
      return xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    };
    const seA = variance(a) / a.length;
    const seB = variance(b) / b.length;
    const t = (sum(b) / b.length - sum(a) / a.length) / Math.sqrt(seA + seB);
    const df = (seA + seB) ** 2 / (seA ** 2 / (a.length - 1) + seB ** 2 / (b.length - 1));
    const test = welchTest(sum(a), sum(a.map((x) => x * x)), a.length, sum(b), sum(b.map((x) => x * x)), b.length)!;
    expect(test.statistic).toBeCloseTo(t, 10);
    expect(test.degreesOfFreedom).toBeCloseTo(df, 10);
    expect(test.pValue).toBeCloseTo(studentTwoSidedP(t, df), 12);
    expect(test.pValue).toBeLessThan(0.05);
    expect(welchTest(5, 25, 1, 4, 16, 2)).toBeNull();
    expect(welchTest(10, 50, 2, 10, 50, 2)).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('tests two counts as Poisson rates, with unequal exposures', () => {
    const test = poissonRateTest(100, 1, 150, 1)!;
    expect(test.statistic).toBeCloseTo(25 / Math.sqrt(62.5), 10);
    expect(test.significant).toBe(true);
    // the same daily rate over 30 and 31 days is no change
    expect(poissonRateTest(300, 30, 310, 31)!.statistic).toBeCloseTo(0, 10);
    expect(poissonRateTest(0, 1, 0, 1)).toBeNull();
  });

  it('picks the test by kind and needs the sums it stands on', () => {
    const exposure = { a: 1, b: 1 };
    expect(testChange('proportion', { numerator: 45, denominator: 100 }, { numerator: 60, denominator: 100 }, exposure, 0.05)!.test).toBe('two-proportion-z');
    expect(testChange('mean', { numerator: 45, denominator: 10 }, { numerator: 60, denominator: 10 }, exposure, 0.05)).toBeNull();
    expect(testChange('count', undefined, { numerator: 20 }, exposure, 0.05)!.significant).toBe(true);
    expect(testChange('none', { numerator: 1 }, { numerator: 2 }, exposure, 0.05)).toBeNull();
  });
});
