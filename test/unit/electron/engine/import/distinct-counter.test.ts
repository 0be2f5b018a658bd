import { describe, expect, it } from 'vitest';
import { DistinctCounter, EXACT_DISTINCT_LIMIT, detach, hash32, hashNumber, hashSpan } from '../../../../../electron/engine/import/distinct-counter';

describe('distinct counter', () => {
  it('counts exactly up to the limit, numbers and texts apart, NULL not counted', () => {
    const counter = new DistinctCounter();
    for (let i = 0; i < 3000; i++) {
      counter.add(i % 1000);
      counter.add(String(i % 500));
      counter.add(null);
    }
    expect(counter.count()).toBe(1500);
    expect(counter.isExact).toBe(true);
  });

  it('estimates within 2 % above the limit', () => {
    for (const n of [EXACT_DISTINCT_LIMIT + 1, 50_000, 400_000]) {
      const counter = new DistinctCounter();
      for (let i = 0; i < n; i++) counter.add(`T${String(i).padStart(8, '0')}`);
      for (let i = 0; i < n; i += 3) counter.add(`T${String(i).padStart(8, '0')}`);
      expect(counter.isExact).toBe(false);
      expect(Math.abs(counter.count() - n) / n).toBeLessThan(0.02);
    }
  });

  it('estimates numbers from their bits within 2 %: integers, amounts in cents and seconds', () => {
    const series: ((i: number) => number)[] = [(i) => i, (i) => i / 100, (i) => 1_700_000_000 + i * 60, (i) => -i * 0.5];
    for (const value of series) {
      const n = 200_000;
      const counter = new DistinctCounter();
      for (let i = 0; i < n; i++) counter.add(value(i));
      for (let i = 0; i < n; i += 7) counter.add(value(i));
      expect(Math.abs(counter.count() - n) / n).toBeLessThan(0.02);
    }
    expect(hashNumber(-0)).toBe(hashNumber(0));
    expect(hashNumber(1)).not.toBe(hashNumber(2));
  });

  it('hashes long texts by length, head and tail, and copies values off their chunk', () => {
    const long = 'x'.repeat(100);
    expect(hash32(long)).not.toBe(hash32('x'.repeat(101)));
    expect(hash32(`${long}a`)).not.toBe(hash32(`${long}b`));
    const chunk = 'a'.repeat(1000);
    expect(detach(chunk.slice(10, 40))).toBe('a'.repeat(30));
  });
});

describe('hashSpan', () => {
  it('hashes a stretch of a text exactly as the string cut from it, short and long', () => {
    const text = `前缀,${'投诉了三次都没人管'.repeat(12)},T00000001,`;
    for (const [from, to] of [[0, 2], [3, text.length - 12], [text.length - 11, text.length - 1], [5, 5]] as const) {
      expect(hashSpan(text, from, to)).toBe(hash32(text.slice(from, to)));
    }
  });
});
