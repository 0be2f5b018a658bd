import { describe, expect, it } from 'vitest';
import { hash32, hashSpan } from '../../../../../electron/engine/import/distinct-counter';
import { SpanIndex } from '../../../../../electron/engine/import/span-index';

describe('span index', () => {
  it('finds an entry by a stretch of a text, telling apart keys whose hashes collide', () => {
    const index = new SpanIndex<{ key: string; n: number }>(8);
    const text = '华东,华南,华东,西北,华';
    index.add(hash32('华东'), { key: '华东', n: 1 });
    index.add(hash32('西北'), { key: '西北', n: 2 });
    // the same hash under another key: found only by its own text
    index.add(hash32('华东'), { key: '华南', n: 3 });
    expect(index.find(text, 6, 8, hashSpan(text, 6, 8))?.n).toBe(1);
    expect(index.find(text, 9, 11, hashSpan(text, 9, 11))?.n).toBe(2);
    expect(index.find(text, 3, 5, hash32('华东'))?.n).toBe(3);
    expect(index.find(text, 3, 5, hashSpan(text, 3, 5))).toBeUndefined();
    // a key that is a prefix of the stretch is not the stretch
    expect(index.find(text, 12, 13, hashSpan(text, 12, 13))).toBeUndefined();
    expect(index.size).toBe(3);
  });

  it('holds as many entries as it was made for and refuses one more', () => {
    const index = new SpanIndex<{ key: string }>(100);
    const keys = Array.from({ length: 100 }, (_, i) => `v${i}`);
    for (const key of keys) index.add(hash32(key), { key });
    const text = keys.join('|');
    let at = 0;
    for (const key of keys) {
      expect(index.find(text, at, at + key.length, hashSpan(text, at, at + key.length))?.key).toBe(key);
      at += key.length + 1;
    }
    expect(() => index.add(hash32('one more'), { key: 'one more' })).toThrow(RangeError);
  });
});
