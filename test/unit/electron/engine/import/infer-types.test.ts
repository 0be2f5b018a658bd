import { describe, expect, it } from 'vitest';
import { TypeTally, convertValue, parseDatetime } from '../../../../../electron/engine/import/infer-types';

const decide = (values: string[]): string => {
  const tally = new TypeTally();
  for (const v of values) tally.add(v);
  return tally.decide();
};

describe('type inference over a whole column', () => {
  it('reads integers, decimals, booleans, dates and datetimes as a person would', () => {
    expect(decide(['1', '22', '-3', ''])).toBe('integer');
    expect(decide(['1', '2.5', '1e3'])).toBe('real');
    expect(decide(['是', '否', '是'])).toBe('boolean');
    expect(decide(['true', 'FALSE', 'yes'])).toBe('boolean');
    expect(decide(['2024-03-05', '2024/3/6'])).toBe('date');
    expect(decide(['2024-03-05 14:02', '2024/3/5 14:02:09', '2024-03-06'])).toBe('datetime');
    expect(decide(['hello', '1'])).toBe('text');
  });

  it('does not let spellings of "no value" decide the type', () => {
    expect(decide(['5', 'n/a', '3'])).toBe('integer');
    expect(decide(['暂无', '2024-01-02', '-'])).toBe('date');
    expect(decide(['N/A', 'null'])).toBe('text');
    expect(convertValue('integer', 'N/A')).toEqual({ ok: true, value: null, nullMarker: true });
  });

  it('keeps identifiers with leading zeros as text', () => {
    expect(decide(['007', '012', '100'])).toBe('text');
  });

  it('types a column by its majority and leaves the misfits to be rejected', () => {
    const values = [...Array.from({ length: 99 }, (_, i) => String(i)), 'unknown'];
    expect(decide(values)).toBe('integer');
    expect(convertValue('integer', 'unknown')).toEqual({ ok: false, reason: 'reject.notInteger' });
    expect(convertValue('integer', '')).toEqual({ ok: true, value: null });
  });

  it('stores dates and datetimes as ISO text and refuses impossible ones', () => {
    expect(parseDatetime('2024/3/5 4:02')).toBe('2024-03-05 04:02:00');
    expect(parseDatetime('2024-02-29T23:59:59.500')).toBe('2024-02-29 23:59:59');
    expect(convertValue('date', '2023-02-29')).toEqual({ ok: false, reason: 'reject.notDate' });
    expect(convertValue('datetime', '2024-01-01 24:00')).toEqual({ ok: false, reason: 'reject.notDatetime' });
    expect(convertValue('boolean', '否')).toEqual({ ok: true, value: 0 });
  });
});
