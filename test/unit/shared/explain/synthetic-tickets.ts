/** Row-level synthetic tickets for the explainer tests, aggregated the way the SQL side will. */
import type { Breakdown, ExplainInput, ExplainMetric, PeriodSums, SegmentValue } from '../../../../shared/explain/explain-types';

/** A small seeded generator (mulberry32), so every table is the same on every run. */
export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticRow {
  readonly period: 'a' | 'b';
  readonly values: readonly SegmentValue[];
  /** The per-row value: a score, a 0/1 outcome, or 1 for a count. */
  readonly value: number;
}

interface Accumulator {
  numerator: number;
  denominator: number;
  sumOfSquares: number;
}

function toSums(metric: ExplainMetric, acc: Accumulator | undefined): PeriodSums | undefined {
  if (acc === undefined) return undefined;
  return metric.kind === 'ratio'
    ? { numerator: acc.numerator, denominator: acc.denominator, sumOfSquares: acc.sumOfSquares, n: acc.denominator }
    : { numerator: acc.numerator };
}

function add(acc: Accumulator, value: number): void {
  acc.numerator += value;
  acc.denominator += 1;
  acc.sumOfSquares += value * value;
}

/** GROUP BY the given dimension indexes, per period. */
export function breakdownOf(metric: ExplainMetric, names: readonly string[], rows: readonly SyntheticRow[], indexes: readonly number[], keep?: (values: readonly SegmentValue[]) => boolean): Breakdown {
  const groups = new Map<string, { values: SegmentValue[]; a?: Accumulator; b?: Accumulator }>();
  for (const row of rows) {
    const values = indexes.map((i) => row.values[i] ?? null);
    if (keep !== undefined && !keep(values)) continue;
    const key = JSON.stringify(values);
    let group = groups.get(key);
    if (group === undefined) {
      group = { values };
      groups.set(key, group);
    }
    const acc = (group[row.period] ??= { numerator: 0, denominator: 0, sumOfSquares: 0 });
    add(acc, row.value);
  }
  return {
    dimensions: indexes.map((i) => names[i]!),
    segments: [...groups.values()].map((g) => {
      const a = toSums(metric, g.a);
      const b = toSums(metric, g.b);
      return { values: g.values, ...(a ? { a } : {}), ...(b ? { b } : {}) };
    }),
  };
}

/** Totals, every single dimension and (optionally) every pair of dimensions. */
export function explainInputOf(metric: ExplainMetric, names: readonly string[], rows: readonly SyntheticRow[], withPairs: boolean): ExplainInput {
  const totals = { a: { numerator: 0, denominator: 0, sumOfSquares: 0 }, b: { numerator: 0, denominator: 0, sumOfSquares: 0 } };
  for (const row of rows) add(totals[row.period], row.value);
  const breakdowns: Breakdown[] = names.map((_, i) => breakdownOf(metric, names, rows, [i]));
  if (withPairs) for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) breakdowns.push(breakdownOf(metric, names, rows, [i, j]));
  return { metric, totals: { a: toSums(metric, totals.a)!, b: toSums(metric, totals.b)! }, breakdowns };
}

export const DIMENSIONS = ['region', 'category', 'channel', 'priority', 'team', 'product', 'tier', 'weekday'] as const;

const DIMENSION_VALUES: readonly (readonly SegmentValue[])[] = [
  ['四川', '华东', '华南', '华北', '华中', '西北', '东北', '广东', '浙江', '江苏'],
  ['物流配送', '退换货', '支付', '账户', '商品咨询', '售后维修', '发票', '其他'],
  ['电话', '邮件', '微信', '在线客服', 'App'],
  ['P1', 'P2', 'P3', 'P4'],
  ['华东一组', '华东二组', '华南组', '华北组', '华中组', '西南组'],
  ['P-01', 'P-02', 'P-03', 'P-04', 'P-05', 'P-06', 'P-07', 'P-08', 'P-09', 'P-10', 'P-11', 'P-12'],
  ['普通', '银卡', '金卡', '钻石', null],
  ['一', '二', '三', '四', '五', '六', '日'],
];

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** A CSAT score from a cumulative distribution over 1…5. */
function score(random: () => number, cumulative: readonly number[]): number {
  const u = random();
  const index = cumulative.findIndex((c) => u < c);
  return index < 0 ? 5 : index + 1;
}

const USUAL = [0.03, 0.08, 0.2, 0.55, 1]; // mean ≈ 4.14
const BAD = [0.3, 0.65, 0.85, 0.95, 1]; // mean ≈ 2.25

/**
 * Demo pattern D in small: 8 dimensions, CSAT stable everywhere except that in B the tickets of
 * 四川 × 物流配送 become five times as frequent and are rated ≈ 2.2.
 */
export function plantedCsatRows(seed: number, perPeriod = 12_000): SyntheticRow[] {
  const random = randomGenerator(seed);
  const rows: SyntheticRow[] = [];
  const randomValues = () => DIMENSION_VALUES.map((values) => pick(random, values));
  for (const period of ['a', 'b'] as const) {
    for (let i = 0; i < perPeriod; i++) {
      const values = randomValues();
      const planted = period === 'b' && values[0] === '四川' && values[1] === '物流配送';
      rows.push({ period, values, value: score(random, planted ? BAD : USUAL) });
    }
  }
  // four times as many again of the planted cell in B
  const extra = Math.round((perPeriod / 80) * 4);
  for (let i = 0; i < extra; i++) {
    const values = randomValues();
    values[0] = '四川';
    values[1] = '物流配送';
    rows.push({ period: 'b', values, value: score(random, BAD) });
  }
  return rows;
}
