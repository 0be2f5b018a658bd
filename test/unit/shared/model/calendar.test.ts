import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf, isWorkingDay as isDemoWorkingDay } from '../../../../electron/engine/demo/demo-calendar';
import { RootwiseError } from '../../../../shared/errors/rootwise-error';
import { format } from '../../../../shared/i18n/messages';
import {
  ALWAYS_OPEN,
  BusinessCalendar,
  restoreCalendar,
  type CalendarDefinition,
  type WorkingHours,
} from '../../../../shared/model/calendar';
import { REPO_ROOT } from '../../../support/paths';

const CN_FILE = path.join(REPO_ROOT, 'resources', 'calendars', 'cn-mainland.json');
const cnJson: unknown = JSON.parse(fs.readFileSync(CN_FILE, 'utf8'));
const CN = restoreCalendar(cnJson);
const cn = new BusinessCalendar(CN);

const OFFICE: readonly WorkingHours[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

function definition(overrides: Partial<Record<keyof CalendarDefinition, unknown>> = {}): Record<string, unknown> {
  return {
    version: 1,
    id: 'test',
    name: { en: 'Test calendar', 'zh-CN': '测试日历' },
    timeZone: 'Asia/Shanghai',
    week: [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, [], []],
    holidays: [],
    workdays: [],
    ...overrides,
  };
}

function errorOf(run: () => unknown): RootwiseError {
  try {
    run();
  } catch (error) {
    if (error instanceof RootwiseError) return error;
    throw error;
  }
  throw new Error('expected a RootwiseError');
}

describe('BusinessCalendar on the mainland China calendar', () => {
  it('counts a ticket created Friday 17:30 and answered Monday 09:15 as 45 working minutes', () => {
    expect(cn.minutesBetween('2024-03-15 17:30:00', '2024-03-18 09:15:00')).toBe(45);
  });

  it('leaves out the lunch break', () => {
    expect(cn.minutesBetween('2024-03-18 11:30:00', '2024-03-18 13:30:00')).toBe(60);
    expect(cn.minutesBetween('2024-03-18 12:10:00', '2024-03-18 12:50:00')).toBe(0);
    expect(cn.minutesBetween('2024-03-18 11:59:30', '2024-03-18 13:00:30')).toBe(1);
  });

  it('skips the 2024 National Day week and works its make-up days', () => {
    // Mon 30 Sep 17:00–18:00, 1–7 Oct off, Tue 8 Oct 09:00–10:00
    expect(cn.minutesBetween('2024-09-30 17:00:00', '2024-10-08 10:00:00')).toBe(120);
    // Fri 11 Oct 17:00–18:00, the make-up Saturday 12 Oct (8 h), Sunday off, Mon 14 Oct 09:00–10:00
    expect(cn.minutesBetween('2024-10-11 17:00:00', '2024-10-14 10:00:00')).toBe(60 + 480 + 60);
    // the make-up Sunday before it
    expect(cn.minutesBetween('2024-09-29 08:00:00', '2024-09-29 20:00:00')).toBe(480);
    expect(cn.isWorkingDay('2024-10-12')).toBe(true);
    expect(cn.isWorkingDay('2024-10-13')).toBe(false);
    expect(cn.isWorkingDay('2024-10-03')).toBe(false);
    expect(cn.minutesOn('2024-10-12')).toBe(480);
    expect(cn.minutesOn('2024-10-01')).toBe(0);
  });

  it('starts counting at the next working hour when a ticket arrives on a holiday', () => {
    expect(cn.minutesBetween('2024-10-03 10:00:00', '2024-10-08 09:30:00')).toBe(30);
    expect(cn.minutesBetween('2024-10-03 10:00:00', '2024-10-05 23:00:00')).toBe(0);
  });

  it('is negative when the end is earlier than the start', () => {
    expect(cn.minutesBetween('2024-03-18 09:15:00', '2024-03-15 17:30:00')).toBe(-45);
  });

  it('gives null for a missing or unreadable datetime, or one outside 1970–2100', () => {
    expect(cn.minutesBetween(null, '2024-03-18 09:15:00')).toBeNull();
    expect(cn.minutesBetween('2024-03-18 09:15:00', null)).toBeNull();
    for (const bad of ['', 'soon', '2024-02-30 10:00:00', '2023-02-29', '2024-03-18 24:00', '2024-03-18 09:60', '2024-03-18 09:00:60', '2024-03-18 09:00-00', '2024-03-18_09:00', '2024-3-18 09:00', '2024-03-18 09:00:00.5', '1969-12-31 23:59:59', '2101-01-01']) {
      expect(cn.minutesBetween(bad, '2024-03-18 09:15:00'), bad).toBeNull();
    }
    expect(cn.minutesBetween('2024-02-29', '2024-03-01')).toBe(480);
  });

  it('counts seconds', () => {
    expect(cn.minutesBetween('2024-03-18 09:00:00', '2024-03-18 09:00:30')).toBe(0.5);
    expect(cn.minutesBetween('2024-03-18 08:59:59', '2024-03-18 09:00:01')).toBeCloseTo(1 / 60, 12);
  });

  it('reads the date and datetime forms of the storage convention', () => {
    expect(cn.minutesBetween('2024-03-18', '2024-03-18 10:00')).toBe(60);
    expect(cn.minutesBetween('2024-03-18T09:00:00', '2024-03-18 09:30')).toBe(30);
    expect(cn.minutesBetween('2024-03-18', '2024-03-25')).toBe(5 * 480);
  });

  it('follows the 2020 extension of the Spring Festival holiday', () => {
    expect(cn.isWorkingDay('2020-01-19')).toBe(true);
    expect(cn.isWorkingDay('2020-01-31')).toBe(false);
    expect(cn.isWorkingDay('2020-02-01')).toBe(false);
    expect(cn.isWorkingDay('2020-02-03')).toBe(true);
  });

  it('answers days outside the counted years and rejects text that is no date', () => {
    expect(cn.isWorkingDay('1960-01-04')).toBe(true);
    expect(cn.isWorkingDay('2024-03-18 23:59:59')).toBe(true);
    expect(errorOf(() => cn.isWorkingDay('18/03/2024'))).toMatchObject({
      key: 'error.calendar.badDate',
      params: { name: 'Mainland China working days', value: '18/03/2024' },
    });
  });
});

describe('BusinessCalendar.addMinutes', () => {
  it('finds SLA due times', () => {
    expect(cn.addMinutes('2024-03-15 17:30:00', 45)).toBe('2024-03-18 09:15:00');
    expect(cn.addMinutes('2024-09-30 17:00:00', 120)).toBe('2024-10-08 10:00:00');
    expect(cn.addMinutes('2024-10-03 10:00', 30)).toBe('2024-10-08 09:30:00');
    expect(cn.addMinutes('2024-03-18 09:00:00', 0.5)).toBe('2024-03-18 09:00:30');
    expect(cn.addMinutes('2024-03-18T09:30', 0)).toBe('2024-03-18 09:30:00');
  });

  it('ends at the earliest moment going forward and the latest going back', () => {
    expect(cn.addMinutes('2024-03-15 17:30:00', 30)).toBe('2024-03-15 18:00:00');
    expect(cn.addMinutes('2024-03-18 11:00:00', 60)).toBe('2024-03-18 12:00:00');
    expect(cn.addMinutes('2024-03-18 09:30:00', -30)).toBe('2024-03-18 09:00:00');
    expect(cn.addMinutes('2024-03-18 09:30:00', -45)).toBe('2024-03-15 17:45:00');
    expect(cn.addMinutes('2024-03-18 14:00:00', -60)).toBe('2024-03-18 13:00:00');
  });

  it('crosses years in both directions', () => {
    const year2024 = cn.minutesBetween('2024-01-01', '2025-01-01')!;
    expect(year2024).toBe(251 * 480);
    expect(cn.addMinutes('2024-01-01', year2024)).toBe('2024-12-31 18:00:00');
    expect(cn.addMinutes('2025-01-01', -year2024)).toBe('2024-01-02 09:00:00');
    const calendar = new BusinessCalendar(CN);
    expect(calendar.minutesBetween(calendar.addMinutes('2090-06-01 10:00:00', -4_000_000), '2090-06-01 10:00:00')).toBe(4_000_000);
  });

  it('reports a start that is not a datetime, and a target no working time reaches', () => {
    expect(errorOf(() => cn.addMinutes('2024-13-01 10:00', 5))).toMatchObject({ key: 'error.calendar.badDate', params: { value: '2024-13-01 10:00' } });
    const never = new BusinessCalendar(restoreCalendar(definition({ week: [[], [], [], [], [], [], []] })));
    expect(() => never.addMinutes('2024-03-18 09:00', 1)).toThrow(RangeError);
    expect(() => never.addMinutes('2024-03-18 09:00', -1)).toThrow(RangeError);
  });
});

describe('the mainland China calendar file', () => {
  it('passes restoreCalendar unchanged, provenance included', () => {
    expect(CN).toEqual(cnJson);
    expect(CN.source).toContain('国务院办公厅');
    expect(CN.notes).toContain('workbench');
  });

  it('agrees with the demo calendar on every day of 2024', () => {
    const lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let days = 0;
    for (let month = 1; month <= 12; month++) {
      for (let dayOfMonth = 1; dayOfMonth <= lengths[month - 1]!; dayOfMonth++) {
        const date = `2024-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
        expect(cn.isWorkingDay(date), date).toBe(isDemoWorkingDay(dayOf(month, dayOfMonth)));
        days++;
      }
    }
    expect(days).toBe(366);
  });

  it('lists each date once, in order, make-up days only on weekends, every holiday named in both languages', () => {
    const holidays = CN.holidays.map((h) => h.date);
    expect([...holidays].sort()).toEqual(holidays);
    expect(new Set(holidays).size).toBe(holidays.length);
    expect([...CN.workdays].sort()).toEqual(CN.workdays);
    for (const date of CN.workdays) expect([0, 6], date).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    for (const holiday of CN.holidays) expect(holiday.name?.en && holiday.name['zh-CN'], holiday.date).toBeTruthy();
    const years = new Set(CN.workdays.concat(holidays).map((date) => date.slice(0, 4)));
    expect([...years]).toEqual(['2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
  });

  it('has the announced number of working days per year', () => {
    const working = (year: number): number => cn.minutesBetween(`${year}-01-01`, `${year + 1}-01-01`)! / 480;
    expect([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map(working)).toEqual([250, 249, 250, 249, 249, 251, 248, 248]);
  });
});

describe('calendar time and wall-clock time', () => {
  it('counts every minute on the always-open calendar', () => {
    const always = new BusinessCalendar(ALWAYS_OPEN);
    expect(always.minutesBetween('2024-10-01 00:00:00', '2024-10-08 00:00:00')).toBe(7 * 1440);
    expect(always.addMinutes('2024-12-31 23:00:00', 90)).toBe('2025-01-01 00:30:00');
    expect(restoreCalendar(ALWAYS_OPEN)).toEqual(ALWAYS_OPEN);
  });

  it('counts a day with a daylight-saving change as written, without adjustment', () => {
    const berlin = new BusinessCalendar(
      restoreCalendar(definition({ timeZone: 'Europe/Berlin', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) })),
    );
    // 2024-03-31 had 23 hours in Berlin
    expect(berlin.minutesOn('2024-03-31')).toBe(1440);
    expect(berlin.minutesBetween('2024-03-31 01:00', '2024-03-31 04:00')).toBe(180);
  });

  it('uses the make-up days’ own hours when given', () => {
    const calendar = new BusinessCalendar(
      restoreCalendar(definition({ workdays: ['2024-10-12'], workdayHours: [{ start: '10:00', end: '16:00' }] })),
    );
    expect(calendar.minutesOn('2024-10-12')).toBe(360);
    expect(calendar.minutesOn('2024-10-11')).toBe(480);
  });
});

describe('restoreCalendar', () => {
  const name = 'Test calendar';
  const cases: readonly [string, Record<string, unknown>, string, Record<string, string>][] = [
    ['a time that is not HH:MM', definition({ week: [OFFICE, OFFICE, [{ start: '9:00', end: '18:00' }], OFFICE, OFFICE, [], []] }), 'error.calendar.badTime', { name, weekday: 'weekday.3', value: '9:00' }],
    ['a time past midnight', definition({ week: [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, [], [{ start: '20:00', end: '24:30' }]] }), 'error.calendar.badTime', { name, weekday: 'weekday.7', value: '24:30' }],
    ['a time that is no text', definition({ week: [[{ start: 900, end: '18:00' }], OFFICE, OFFICE, OFFICE, OFFICE, [], []] }), 'error.calendar.badTime', { name, weekday: 'weekday.1', value: '900' }],
    ['hours ending before they start', definition({ week: [[{ start: '18:00', end: '09:00' }], OFFICE, OFFICE, OFFICE, OFFICE, [], []] }), 'error.calendar.badInterval', { name, weekday: 'weekday.1' }],
    ['empty hours', definition({ week: [OFFICE, [{ start: '09:00', end: '09:00' }], OFFICE, OFFICE, OFFICE, [], []] }), 'error.calendar.badInterval', { name, weekday: 'weekday.2' }],
    ['overlapping hours', definition({ week: [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '13:30' }], []] }), 'error.calendar.badInterval', { name, weekday: 'weekday.6' }],
    ['a holiday that is no date', definition({ holidays: [{ date: '2024-13-01' }] }), 'error.calendar.badDate', { name, value: '2024-13-01' }],
    ['a workday written another way', definition({ workdays: ['2024/10/12'] }), 'error.calendar.badDate', { name, value: '2024/10/12' }],
    ['a holiday with a time', definition({ holidays: [{ date: '2024-10-01 00:00' }] }), 'error.calendar.badDate', { name, value: '2024-10-01 00:00' }],
    ['an unknown time zone', definition({ timeZone: 'Mars/Olympus_Mons' }), 'error.calendar.badTimeZone', { name, value: 'Mars/Olympus_Mons' }],
    ['a week of six days', definition({ week: [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, []] }), 'error.calendar.badShape', { name, field: 'week' }],
    ['a day that is not a list', definition({ week: [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, [], null] }), 'error.calendar.badShape', { name, field: 'week' }],
    ['an unknown version', definition({ version: 2 }), 'error.calendar.badShape', { name, field: 'version' }],
    ['no id', definition({ id: '' }), 'error.calendar.badShape', { name, field: 'id' }],
    ['a name in one language', definition({ name: { en: 'Half' } }), 'error.calendar.badShape', { name: 'Half', field: 'name' }],
    ['no name', definition({ name: undefined }), 'error.calendar.badShape', { name: 'test', field: 'name' }],
    ['no time zone', definition({ timeZone: undefined }), 'error.calendar.badShape', { name, field: 'timeZone' }],
    ['holidays that are not a list', definition({ holidays: '2024-10-01' }), 'error.calendar.badShape', { name, field: 'holidays' }],
    ['a holiday named in one language', definition({ holidays: [{ date: '2024-10-01', name: { en: 'National Day' } }] }), 'error.calendar.badShape', { name, field: 'holidays' }],
    ['a workday that is also a holiday', definition({ holidays: [{ date: '2024-10-12' }], workdays: ['2024-10-12'] }), 'error.calendar.badShape', { name, field: 'workdays' }],
    ['bad hours for make-up days', definition({ workdayHours: [{ start: '10:00', end: '08:00' }] }), 'error.calendar.badShape', { name, field: 'workdayHours' }],
  ];

  it.each(cases)('rejects %s', (_, value, key, params) => {
    const error = errorOf(() => restoreCalendar(value));
    expect(error.key).toBe(key);
    expect(error.params).toEqual(params);
  });

  it('rejects what is not a calendar at all, and the class checks what it is given too', () => {
    expect(errorOf(() => restoreCalendar([]))).toMatchObject({ key: 'error.calendar.badShape', params: { name: '?', field: 'version' } });
    const bad = definition({ timeZone: 'Nowhere/Land' }) as unknown as CalendarDefinition;
    expect(errorOf(() => new BusinessCalendar(bad)).key).toBe('error.calendar.badTimeZone');
  });

  it('names the weekday in the reader’s language', () => {
    const error = errorOf(() => restoreCalendar(cases[0]![1]));
    expect(format('en', error.key, error.params)).toBe('Calendar Test calendar: “9:00” in the working hours of Wednesday is not a time of day (use HH:MM, 00:00–24:00).');
    expect(format('zh-CN', error.key, error.params)).toContain('星期三');
  });

  it('accepts hours out of order, touching hours and a day ending at 24:00', () => {
    const calendar = new BusinessCalendar(
      restoreCalendar(definition({ week: [[{ start: '13:00', end: '24:00' }, { start: '00:00', end: '13:00' }], [], [], [], [], [], []] })),
    );
    expect(calendar.minutesOn('2024-03-18')).toBe(1440);
    expect(calendar.minutesBetween('2024-03-18 23:00', '2024-03-19 01:00')).toBe(60);
  });
});

// ---- properties against a plain reference counter

const SECONDS_PER_DAY = 86_400;
/** 2019-01-01 00:00:00 and 2027-01-01 00:00:00 as seconds of wall-clock time (read as UTC). */
const FIRST = Date.UTC(2019, 0, 1) / 1000;
const END = Date.UTC(2027, 0, 1) / 1000;

/** Text of a wall-clock second, in one of the accepted forms chosen by `style`. */
function wallText(second: number, style = 0): string {
  const iso = new Date(second * 1000).toISOString();
  if (style === 1) return iso.slice(0, 19);
  if (style === 2 && second % 60 === 0) return iso.slice(0, 16).replace('T', ' ');
  if (style === 3 && second % SECONDS_PER_DAY === 0) return iso.slice(0, 10);
  return iso.slice(0, 19).replace('T', ' ');
}

function secondOf(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
}

/** Working seconds in [from, to), tested one `step` at a time straight from the definition. */
function referenceSeconds(calendar: CalendarDefinition, from: number, to: number, step: number): number {
  const clock = (time: string): number => Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60;
  const hoursOfDay = new Map<number, readonly WorkingHours[]>();
  const hoursOn = (day: number): readonly WorkingHours[] => {
    const date = new Date(day * SECONDS_PER_DAY * 1000);
    const text = date.toISOString().slice(0, 10);
    if (calendar.holidays.some((holiday) => holiday.date === text)) return [];
    if (calendar.workdays.includes(text)) return calendar.workdayHours ?? calendar.week[0]!;
    return calendar.week[(date.getUTCDay() + 6) % 7]!;
  };
  let worked = 0;
  for (let second = from; second < to; second += step) {
    const day = Math.floor(second / SECONDS_PER_DAY);
    let hours = hoursOfDay.get(day);
    if (hours === undefined) hoursOfDay.set(day, (hours = hoursOn(day)));
    const secondOfDay = second - day * SECONDS_PER_DAY;
    if (hours.some((h) => clock(h.start) <= secondOfDay && secondOfDay < clock(h.end))) worked += step;
  }
  return worked;
}

/** 0–3 non-touching spans on whole minutes, sometimes ending at 24:00. */
const hoursArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 })
  .map((points): WorkingHours[] => {
    const sorted = [...points].sort((a, b) => a - b);
    const clock = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    const hours: WorkingHours[] = [];
    for (let k = 0; k + 1 < sorted.length; k += 2) hours.push({ start: clock(sorted[k]!), end: clock(sorted[k + 1]!) });
    return hours;
  });

const WINDOW_DAYS = 60;

/** A random calendar whose holidays and make-up days fall in a 60-day window starting at `firstDay`. */
const calendarArb = fc
  .record({
    firstDay: fc.integer({ min: FIRST / SECONDS_PER_DAY, max: END / SECONDS_PER_DAY - WINDOW_DAYS - 1 }),
    week: fc.array(hoursArb, { minLength: 7, maxLength: 7 }),
    workdayHours: fc.option(hoursArb, { nil: undefined }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: WINDOW_DAYS }), { maxLength: 15 }),
    workdayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: WINDOW_DAYS }), { maxLength: 8 }),
  })
  .map(({ firstDay, week, workdayHours, holidayOffsets, workdayOffsets }) => {
    const date = (offset: number): string => new Date((firstDay + offset) * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
    const calendar: CalendarDefinition = {
      version: 1,
      id: 'random',
      name: { en: 'Random', 'zh-CN': '随机' },
      timeZone: 'Asia/Shanghai',
      week,
      holidays: holidayOffsets.map((offset) => ({ date: date(offset) })),
      workdays: workdayOffsets.filter((offset) => !holidayOffsets.includes(offset)).map(date),
      ...(workdayHours === undefined ? {} : { workdayHours }),
    };
    return { calendar, windowStart: firstDay * SECONDS_PER_DAY };
  });

const styleArb = fc.integer({ min: 0, max: 3 });
const instantArb = fc.integer({ min: FIRST, max: END - 1 });

describe('BusinessCalendar properties', () => {
  it('agrees second by second with the reference on random calendars (spans up to two days)', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: 0, max: WINDOW_DAYS * SECONDS_PER_DAY }),
        fc.integer({ min: -2 * SECONDS_PER_DAY, max: 2 * SECONDS_PER_DAY }),
        styleArb,
        styleArb,
        ({ calendar, windowStart }, offset, length, startStyle, endStyle) => {
          const from = windowStart + offset;
          const to = from + length;
          const expected = (length >= 0 ? referenceSeconds(calendar, from, to, 1) : -referenceSeconds(calendar, to, from, 1)) / 60;
          const actual = new BusinessCalendar(calendar).minutesBetween(wallText(from, startStyle), wallText(to, endStyle));
          expect(actual).toBeCloseTo(expected, 9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('agrees minute by minute with the reference on random calendars (spans up to 40 days)', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: 0, max: WINDOW_DAYS * 1440 }),
        fc.integer({ min: -40 * 1440, max: 40 * 1440 }),
        ({ calendar, windowStart }, offsetMinutes, lengthMinutes) => {
          const from = windowStart + offsetMinutes * 60;
          const to = from + lengthMinutes * 60;
          const expected = lengthMinutes >= 0 ? referenceSeconds(calendar, from, to, 60) : -referenceSeconds(calendar, to, from, 60);
          expect(new BusinessCalendar(calendar).minutesBetween(wallText(from), wallText(to))).toBeCloseTo(expected / 60, 9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('agrees minute by minute with the reference on the mainland China calendar, 2019–2026', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST / 60, max: END / 60 - 1 }), fc.integer({ min: 0, max: 30 * 1440 }), (fromMinute, lengthMinutes) => {
        const from = fromMinute * 60;
        const to = Math.min(END, from + lengthMinutes * 60);
        expect(cn.minutesBetween(wallText(from), wallText(to))).toBe(referenceSeconds(CN, from, to, 60) / 60);
      }),
      { numRuns: 150 },
    );
  });

  it('adds up and turns round: (a,c) = (a,b) + (b,c) and (b,a) = −(a,b)', () => {
    const calendarOrCnArb = fc.oneof(
      calendarArb.map(({ calendar }) => calendar),
      fc.constant(CN),
    );
    fc.assert(
      fc.property(calendarOrCnArb, instantArb, instantArb, instantArb, styleArb, (calendar, a, b, c, style) => {
        const business = calendar === CN ? cn : new BusinessCalendar(calendar);
        const [ta, tb, tc] = [wallText(a, style), wallText(b), wallText(c, style)];
        const ab = business.minutesBetween(ta, tb)!;
        const bc = business.minutesBetween(tb, tc)!;
        expect(business.minutesBetween(ta, tc)! * 60).toBeCloseTo((ab + bc) * 60, 6);
        expect(business.minutesBetween(tb, ta)! + ab).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('addMinutes inverts minutesBetween and lands on the first (or, going back, last) such moment', () => {
    const workingCalendarArb = calendarArb.filter(({ calendar }) => calendar.week.some((hours) => hours.length > 0));
    fc.assert(
      fc.property(
        fc.oneof(workingCalendarArb, fc.constant({ calendar: CN, windowStart: FIRST })),
        fc.integer({ min: 0, max: WINDOW_DAYS * SECONDS_PER_DAY }),
        fc.integer({ min: -2000 * 60, max: 2000 * 60 }),
        ({ calendar, windowStart }, offset, deltaSeconds) => {
          const business = calendar === CN ? cn : new BusinessCalendar(calendar);
          const start = wallText(windowStart + offset);
          const minutes = deltaSeconds / 60;
          const due = business.addMinutes(start, minutes);
          expect(business.minutesBetween(start, due)! * 60).toBeCloseTo(deltaSeconds, 6);
          if (deltaSeconds > 0) expect(business.minutesBetween(start, wallText(secondOf(due) - 1))!).toBeLessThan(minutes);
          if (deltaSeconds < 0) expect(business.minutesBetween(start, wallText(secondOf(due) + 1))!).toBeGreaterThan(minutes);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('BusinessCalendar per-row use', () => {
  it('answers 1,000,000 calls (the rows of a large table) with the same result as one pass', () => {
    const pairs: [string, string][] = [];
    let seed = 12_345;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let i = 0; i < 1000; i++) {
      const created = FIRST + (next() % (END - FIRST - 10 * SECONDS_PER_DAY));
      pairs.push([wallText(created), wallText(created + (next() % (5 * SECONDS_PER_DAY)))]);
    }
    const calendar = new BusinessCalendar(CN);
    const onePass = pairs.reduce((sum, [created, answered]) => sum + Math.round(calendar.minutesBetween(created, answered)! * 60), 0);
    let total = 0;
    for (let round = 0; round < 1000; round++) {
      for (const [created, answered] of pairs) total += Math.round(calendar.minutesBetween(created, answered)! * 60);
    }
    expect(total).toBe(onePass * 1000);
  });
});
