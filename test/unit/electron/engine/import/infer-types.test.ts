import { describe, expect, it } from 'vitest';
import { NULL_MARKER, REJECTED, TypeTally, canonicalMomentKeyAt, converterFor, rejectReasonFor, type ColumnDecision } from '../../../../../electron/engine/import/infer-types';

function decide(values: string[], name = ''): ColumnDecision {
  const tally = new TypeTally(name);
  for (const v of values) tally.add(v);
  return tally.decide();
}

/** Decides the column, then converts every value as the import would. */
function read(values: string[], name = ''): { decision: ColumnDecision; stored: unknown[] } {
  const decision = decide(values, name);
  const convert = converterFor(decision);
  return { decision, stored: values.map((v) => { const c = convert(v); return c === REJECTED ? `reject:${decision.type === 'text' ? '' : rejectReasonFor(decision.type)}` : c === NULL_MARKER ? null : c; }) };
}

describe('type inference over a whole column', () => {
  it('reads integers, decimals, booleans, dates and datetimes', () => {
    expect(decide(['1', '22', '-3', ''])).toEqual({ type: 'integer', format: 'integer' });
    expect(decide(['1', '2.5', '1e3'])).toEqual({ type: 'real', format: 'decimal' });
    expect(decide(['是', '否', '是']).type).toBe('boolean');
    expect(decide(['Y', 'N', 'y']).type).toBe('boolean');
    expect(decide(['2024-03-05', '2024/3/6'])).toEqual({ type: 'date', format: 'ymd' });
    expect(decide(['2024-03-05 14:02', '2024/3/5 14:02:09', '2024-03-06'])).toEqual({ type: 'datetime', format: 'ymd' });
    expect(decide(['hello', '1'])).toEqual({ type: 'text', format: 'text' });
  });

  it('keeps identifiers with leading zeros as text and does not let "no value" spellings decide', () => {
    expect(decide(['007', '012', '100']).type).toBe('text');
    expect(decide(['5', 'n/a', '3']).type).toBe('integer');
    expect(decide(['暂无', '2024-01-02', '-']).type).toBe('date');
    expect(read(['5', 'N/A']).stored).toEqual([5, null]);
  });

  it('types a column by its majority and leaves the misfits to be rejected', () => {
    const values = [...Array.from({ length: 99 }, (_, i) => String(i)), 'unknown'];
    expect(read(values).stored.at(-1)).toBe('reject:reject.notInteger');
    expect(read(['2023-02-28', '2023-02-29', ...Array.from({ length: 30 }, () => '2023-03-01')]).stored[1]).toBe('reject:reject.notDate');
  });

  it('decides day-first or month-first from the data and says when it cannot', () => {
    expect(read(['27-04-2023', '03-05-2023'])).toEqual({ decision: { type: 'date', format: 'dmy' }, stored: ['2023-04-27', '2023-05-03'] });
    expect(read(['8/30/2013', '9/1/2013'])).toEqual({ decision: { type: 'date', format: 'mdy' }, stored: ['2013-08-30', '2013-09-01'] });
    expect(decide(['03/01/2011', '04/02/2011'])).toEqual({ type: 'date', format: 'mdy', ambiguous: 'day-month-order' });
  });

  it('reads 12-hour clocks, Chinese dates and months, and drops UTC offsets keeping the wall-clock time', () => {
    expect(read(['03/01/2011 02:27:57 PM', '05/01/2022 12:00:03 AM', '05/01/2022 12:30:00 PM']).stored).toEqual([
      '2011-03-01 14:27:57',
      '2022-05-01 00:00:03',
      '2022-05-01 12:30:00',
    ]);
    expect(read(['2024年3月5日', '2024年12月31日']).stored).toEqual(['2024-03-05', '2024-12-31']);
    expect(read(['2024年3月5日 14:02', '2024年3月6日']).stored).toEqual(['2024-03-05 14:02:00', '2024-03-06 00:00:00']);
    expect(read(['2021年5月', '1999年12月'])).toEqual({ decision: { type: 'date', format: 'cn-month' }, stored: ['2021-05-01', '1999-12-01'] });
    expect(read(['2010-03-31T15:59:42+01:00', '2003-03-03T07:00:00Z', '2011-10-11 13:45:40.276000+02:00']).stored).toEqual([
      '2010-03-31 15:59:42',
      '2003-03-03 07:00:00',
      '2011-10-11 13:45:40',
    ]);
    expect(read(['2024-02-29T23:59:59.500', '2024-03-01 08:00']).stored).toEqual(['2024-02-29 23:59:59', '2024-03-01 08:00:00']);
  });

  it('reads percentages as fractions, money and grouped numbers as numbers, durations as seconds', () => {
    expect(read(['94.01%', '76.28%', '9.98％'])).toEqual({ decision: { type: 'real', format: 'percent' }, stored: [0.9401, 0.7628, 0.0998] });
    expect(read(['¥1,234.50', '￥20', '0', '-¥5'])).toEqual({ decision: { type: 'real', format: 'money' }, stored: [1234.5, 20, 0, -5] });
    expect(read(['35,188', '1,234,567.5', '12'])).toEqual({ decision: { type: 'real', format: 'grouped' }, stored: [35188, 1234567.5, 12] });
    expect(read(['0:00:17', '0:02:14', '01:20:00'])).toEqual({ decision: { type: 'integer', format: 'duration-clock' }, stored: [17, 134, 4800] });
    const clock = converterFor({ type: 'integer', format: 'duration-clock' });
    expect(['100:00:01', '1:59:59', '1:60:00', ':20:00', '1:2:00', '1:20:0x', '1:20', 'a1:20:00'].map(clock)).toEqual([360_001, 7199, REJECTED, REJECTED, REJECTED, REJECTED, REJECTED, REJECTED]);
    expect(read(['1小时20分', '20分钟', '2h 5m', '1天2小时', '45秒'])).toEqual({
      decision: { type: 'integer', format: 'duration-words' },
      stored: [4800, 1200, 7500, 93600, 45],
    });
  });

  it('reads numbers as points in time only when the column name says it is a date', () => {
    expect(read(['990201', '990228'], 'date')).toEqual({ decision: { type: 'date', format: 'compact-date' }, stored: ['1999-02-01', '1999-02-28'] });
    expect(read(['20240305', '20241231'], '日期').stored).toEqual(['2024-03-05', '2024-12-31']);
    expect(read(['45352', '45353.5'], 'Order Date')).toEqual({ decision: { type: 'datetime', format: 'excel-serial' }, stored: ['2024-03-01 00:00:00', '2024-03-02 12:00:00'] });
    expect(read(['1709640000', '1709726400'], 'created_at').stored).toEqual(['2024-03-05 12:00:00', '2024-03-06 12:00:00']);
    expect(read(['1709640000123'], 'event timestamp').stored).toEqual(['2024-03-05 12:00:00']);
    // the same numbers under a plain name stay numbers, and minutes in a 处理时间 column stay minutes
    expect(decide(['45352', '45353'], 'amount').type).toBe('integer');
    expect(decide(['30000', '45000'], '处理时间').type).toBe('integer');
  });
});

describe('giving up on formats early', () => {
  it('decides the same with and without knowing the column size', () => {
    const columns: [string, string[]][] = [
      ['created_date', Array.from({ length: 400 }, (_, i) => `0${(i % 9) + 1}/1${i % 9}/2011 0${i % 9}:15:00 PM`)],
      ['csat', [...Array.from({ length: 390 }, (_, i) => String((i % 5) + 1)), ...Array.from({ length: 10 }, () => 'five')]],
      ['comment', Array.from({ length: 400 }, (_, i) => (i % 50 === 0 ? '2024-01-01' : `text ${i}`))],
      ['rate', Array.from({ length: 400 }, (_, i) => `${i % 100}.5%`)],
    ];
    for (const [name, values] of columns) {
      const unbounded = new TypeTally(name);
      const bounded = new TypeTally(name, values.length);
      for (const v of values) {
        unbounded.add(v);
        bounded.add(v);
      }
      expect(bounded.decide(), name).toEqual(unbounded.decide());
    }
  });

  it('stops trying a format on the value that makes it miss more than the column can afford, however the misses were counted', () => {
    // 100 values at most: 5 misses are affordable (95 % must fit), the 6th is not
    const tally = new TypeTally('amount', 100);
    for (let i = 0; i < 50; i++) tally.add(String(i));
    expect(tally.soleFormat()).toBeUndefined();
    // words miss every format but boolean and money: counted once for all of them
    for (let i = 0; i < 5; i++) tally.add(`word ${i}`);
    expect(tally.settledAsText).toBe(false);
    tally.add('word 5');
    expect(tally.settledAsText).toBe(true);
  });

  it('counts own misses and shared misses together', () => {
    const tally = new TypeTally('when', 100);
    // 3 dates miss integer on their own, 2 words miss it with every other format
    for (const v of ['2024-01-01', '2024-01-02', '2024-01-03', 'n o', 'y e s']) tally.add(v);
    for (let i = 0; i < 20; i++) tally.add(String(i));
    expect(tally.decide()).toEqual({ type: 'text', format: 'text' });
    tally.add('word');
    // integer has now missed 6 values, one more than it can afford: it is no longer tried
    for (let i = 0; i < 200; i++) tally.add(String(i));
    expect(tally.decide()).toEqual({ type: 'text', format: 'text' });
    const fresh = new TypeTally('when', 100);
    for (const v of ['2024-01-01', '2024-01-02', '2024-01-03', 'n o', 'y e s']) fresh.add(v);
    for (let i = 0; i < 200; i++) fresh.add(String(i));
    // without the sixth miss, integer is still tried: 200 of 205 values fit
    expect(fresh.decide()).toEqual({ type: 'integer', format: 'integer' });
  });

  it('tallies canonical moments known as such as it tallies them looked at', () => {
    const moments = Array.from({ length: 300 }, (_, i) => `2024-0${(i % 9) + 1}-1${i % 10} 0${i % 10}:15:00`);
    const values = [...moments, ...Array.from({ length: 10 }, (_, i) => `2024/3/${i + 1} 8:00`), '', 'N/A', 'not a date'];
    const looked = new TypeTally('created', values.length);
    const known = new TypeTally('created', values.length);
    for (const v of values) looked.add(v);
    for (const v of values) {
      if (moments.includes(v)) known.addCanonicalMoment(true);
      else known.add(v);
    }
    expect(known.decide()).toEqual(looked.decide());
    expect(known.decide()).toEqual({ type: 'datetime', format: 'ymd' });
    expect(known.nonEmpty).toBe(looked.nonEmpty);
    expect(known.soleFormat()).toBe(looked.soleFormat());
  });
});

describe('year-first dates read without a pattern', () => {
  it('reads the plain shapes as the pattern does, and hands the others to it', () => {
    const cases: [string, string | null][] = [
      ['2024-03-05', '2024-03-05'],
      ['2024/3/5', '2024-03-05'],
      ['2024.03.05', '2024-03-05'],
      ['2024/3-5', '2024-03-05'],
      ['2024/10/25 08:30', '2024-10-25 08:30:00'],
      ['2024/3/5 4:02', '2024-03-05 04:02:00'],
      ['2024-03-05T14:02:09', '2024-03-05 14:02:09'],
      ['2024-03-05 14:02:09.123', '2024-03-05 14:02:09'],
      ['2024-03-05 02:02 PM', '2024-03-05 14:02:00'],
      ['2024-03-05T14:02:09Z', '2024-03-05 14:02:09'],
      ['2024-03-05 14:02:09+08:00', '2024-03-05 14:02:09'],
      ['2024-03-05 ', '2024-03-05'],
      ['2024-02-29', '2024-02-29'],
      ['2023-02-29', null],
      ['2024-13-01', null],
      ['2024-123-05', null],
      ['2024-03-05 24:00', null],
      ['2024-03-05 14:60', null],
      ['2024-03-05 14:2', null],
      ['2024-03-05 14:02:', null],
      ['2024-03-05 14:02:61', null],
      ['2024-03-05 14:02:0', null],
      ['2024-03-05x', null],
      ['24-03-05', null],
      ['2024', null],
      ['', null],
    ];
    const convert = converterFor({ type: 'datetime', format: 'ymd' });
    for (const [text, expected] of cases) {
      const value = convert(text);
      expect(value === REJECTED || value === NULL_MARKER ? null : value, text).toBe(expected === null || expected.length > 10 ? expected : `${expected} 00:00:00`);
    }
  });
});

describe('keys of canonical moments', () => {
  it('reads a canonical date or datetime as its digits, in place, and refuses any other form', () => {
    const text = 'x,2024-03-05 14:02:09,2024-02-29,2023-02-29,2024-03-05T14:02:09,2024-03-05 24:00:00';
    expect(canonicalMomentKeyAt(text, 2, 21, true)).toBe(20240305140209);
    expect(canonicalMomentKeyAt(text, 2, 12, false)).toBe(20240305);
    expect(canonicalMomentKeyAt(text, 22, 32, false)).toBe(20240229);
    expect(canonicalMomentKeyAt(text, 33, 43, false)).toBe(-1);
    expect(canonicalMomentKeyAt(text, 44, 63, true)).toBe(-1);
    expect(canonicalMomentKeyAt(text, 64, 83, true)).toBe(-1);
    expect(canonicalMomentKeyAt(text, 22, 32, true)).toBe(-1);
    // distinct moments, distinct keys: the next second, minute, day
    const keys = ['2024-12-31 23:59:59', '2025-01-01 00:00:00', '2024-12-31 23:59:58', '2024-12-31 23:58:59', '2024-12-30 23:59:59'].map((m) => canonicalMomentKeyAt(m, 0, 19, true));
    expect(new Set(keys).size).toBe(5);
  });
});
