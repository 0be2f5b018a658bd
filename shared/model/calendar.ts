import type { LocalizedText } from '../api/types';
import { RootwiseError } from '../errors/rootwise-error';
import { LOCALES, type MessageKey } from '../i18n/messages';

/**
 * Business-hours calendars (工作日历): which wall-clock hours of which days count as working time,
 * for service metrics such as first-response time in business hours.
 *
 * Datetimes are text `YYYY-MM-DD HH:MM:SS` (also `YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM:SS`, and a
 * date `YYYY-MM-DD` meaning 00:00) in the wall-clock time of the calendar's `timeZone`. All
 * arithmetic is on that wall-clock time, without daylight-saving adjustment: a day on which the
 * clocks change counts its working hours as written (09:00–18:00 is nine hours even on a 23-hour day).
 */

/** One span of working time within a day, as wall-clock `HH:MM`; `end` may be `24:00` (midnight at
 * the end of the day) and must be after `start`. */
export interface WorkingHours {
  readonly start: string;
  readonly end: string;
}

/** A day off (`YYYY-MM-DD`) even when its weekday is a working day, e.g. a public holiday. */
export interface CalendarHoliday {
  readonly date: string;
  readonly name?: LocalizedText | undefined;
}

/** A calendar as saved. It passes through `restoreCalendar` when loaded. */
export interface CalendarDefinition {
  readonly version: 1;
  /** Stable identifier, e.g. `cn-mainland`. */
  readonly id: string;
  readonly name: LocalizedText;
  /** IANA zone the wall-clock datetimes are in, e.g. `Asia/Shanghai`. It names the zone; the
   * computation itself applies no offset and no daylight saving. */
  readonly timeZone: string;
  /** Exactly seven entries, Monday first. `[]` is a day off; several spans make breaks (lunch). */
  readonly week: readonly (readonly WorkingHours[])[];
  /** Days off even if their weekday works. A date may not also be in `workdays`. */
  readonly holidays: readonly CalendarHoliday[];
  /** Make-up working days (调休上班), typically weekend days worked to bridge a holiday. */
  readonly workdays: readonly string[];
  /** Working hours of the make-up days; Monday's hours when absent. */
  readonly workdayHours?: readonly WorkingHours[] | undefined;
  /** Where the dates come from (kept on save, not used in computation). */
  readonly source?: string | undefined;
  /** Free text for the people who maintain the calendar. */
  readonly notes?: string | undefined;
}

export const CALENDAR_VERSION = 1;

/** Calendar time: every minute of every day counts. Any zone gives the same minutes; UTC is named. */
export const ALWAYS_OPEN: CalendarDefinition = {
  version: CALENDAR_VERSION,
  id: 'always',
  name: { en: 'Calendar time (always open)', 'zh-CN': '自然时间（全天）' },
  timeZone: 'UTC',
  week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
  holidays: [],
  workdays: [],
};

const SECONDS_PER_DAY = 86_400;
/** The days a `BusinessCalendar` counts across: 1970-01-01 … 2100-12-31 (day numbers from 1970-01-01). */
const FIRST_DAY = 0;
const LAST_DAY = daysFromCivil(2100, 12, 31);
const FIRST_SECOND = FIRST_DAY * SECONDS_PER_DAY;
const END_SECOND = (LAST_DAY + 1) * SECONDS_PER_DAY;
/** How far beyond the days asked for the counted span grows at least, so neighbouring rows reuse it. */
const SPAN_MARGIN_DAYS = 400;

/** Pattern indexes into `CompiledCalendar.patterns`: 0–6 are the weekdays, Monday first. */
const DAY_OFF = 7;
const MAKE_UP_DAY = 8;

interface CompiledCalendar {
  readonly definition: CalendarDefinition;
  /** Per pattern, working spans in seconds of the day as sorted [start, end, start, end, …]. */
  readonly patterns: readonly Int32Array[];
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlySet<number>;
}

/** Validates a saved calendar and returns it in the current version's form; the one place where
 * older versions will be migrated. Throws a `RootwiseError` naming what is wrong. */
export function restoreCalendar(value: unknown): CalendarDefinition {
  return compileCalendar(value).definition;
}

/**
 * Counts working time under one calendar. Built for per-row use (a SQLite function over millions
 * of rows): text is parsed by char codes, each day's working seconds are summed once into a prefix
 * over the span of days seen so far (grown on demand within 1970–2100), so a call costs two parses
 * plus the spans of its first and last day.
 */
export class BusinessCalendar {
  readonly definition: CalendarDefinition;
  /** How errors name the calendar. */
  private readonly name: string;
  private readonly patterns: readonly Int32Array[];
  private readonly patternSeconds: Int32Array;
  private readonly holidays: ReadonlySet<number>;
  private readonly workdays: ReadonlySet<number>;
  /** Day number of the first counted day. */
  private spanFirst = 0;
  private spanDays = 0;
  /** Per counted day, its pattern index. */
  private patternOfDay = new Uint8Array(0);
  /** prefix[i]: working seconds of the counted days before day i (whole numbers, exact in a double). */
  private prefix = new Float64Array(1);

  constructor(definition: CalendarDefinition) {
    const compiled = compileCalendar(definition);
    this.definition = compiled.definition;
    this.name = nameOf(compiled.definition.name.en, compiled.definition.id);
    this.patterns = compiled.patterns;
    this.patternSeconds = Int32Array.from(compiled.patterns, spanSeconds);
    this.holidays = compiled.holidays;
    this.workdays = compiled.workdays;
  }

  /** Working minutes between two wall-clock datetimes (text as above): end − start counted only
   * inside working hours, seconds included; negative when end is earlier; null when either is
   * null, unparseable or outside 1970–2100. */
  minutesBetween(start: string | null, end: string | null): number | null {
    if (start === null || end === null) return null;
    const from = wallSeconds(start);
    const to = wallSeconds(end);
    // NaN fails every comparison
    if (!(from >= FIRST_SECOND && from < END_SECOND && to >= FIRST_SECOND && to < END_SECOND)) return null;
    const fromDay = Math.floor(from / SECONDS_PER_DAY);
    const toDay = Math.floor(to / SECONDS_PER_DAY);
    this.ensureCounted(fromDay < toDay ? fromDay : toDay, fromDay < toDay ? toDay : fromDay);
    return (this.workedBefore(to, toDay) - this.workedBefore(from, fromDay)) / 60;
  }

  /** Whether a date (`YYYY-MM-DD`, or a datetime: its date) has any working hours. */
  isWorkingDay(date: string): boolean {
    return this.patternSeconds[this.patternOf(this.dayOf(date))]! > 0;
  }

  /** Working minutes of one date (0 on a day off). */
  minutesOn(date: string): number {
    return this.patternSeconds[this.patternOf(this.dayOf(date))]! / 60;
  }

  /** The wall-clock datetime `minutes` working minutes after `start` (before it when negative), as
   * `YYYY-MM-DD HH:MM:SS`, for SLA due times. The minutes are rounded to whole seconds. Going
   * forward it is the earliest such time (a target met at 18:00 on Friday is Friday 18:00, not
   * Monday 09:00); going back the latest. `minutesBetween(start, result)` gives `minutes` back. */
  addMinutes(start: string, minutes: number): string {
    const from = wallSeconds(start);
    if (!(from >= FIRST_SECOND && from < END_SECOND)) throw this.badDate(start);
    if (!Number.isFinite(minutes)) throw new RangeError(`addMinutes: ${minutes} is not a number of minutes`);
    const delta = Math.round(minutes * 60);
    if (delta === 0) return formatWallSeconds(from);
    const fromDay = Math.floor(from / SECONDS_PER_DAY);
    this.ensureCounted(fromDay, fromDay);
    for (;;) {
      // relative to the current span, so recomputed after the span grows
      const target = this.workedBefore(from, fromDay) + delta;
      const found = delta > 0 ? this.earliestReaching(target) : this.latestReaching(target);
      if (!Number.isNaN(found)) return formatWallSeconds(found);
      const last = this.spanFirst + this.spanDays - 1;
      if (delta > 0 ? last === LAST_DAY : this.spanFirst === FIRST_DAY) {
        throw new RangeError(`Calendar ${this.definition.id}: ${minutes} working minutes from ${start} fall outside 1970–2100`);
      }
      if (delta > 0) this.cover(last + 1, last + this.spanDays);
      else this.cover(this.spanFirst - this.spanDays, this.spanFirst - 1);
    }
  }

  /** Working seconds from the span's first day to `second` (which lies on counted day `day`). */
  private workedBefore(second: number, day: number): number {
    const index = day - this.spanFirst;
    const spans = this.patterns[this.patternOfDay[index]!]!;
    const secondOfDay = second - day * SECONDS_PER_DAY;
    let worked = this.prefix[index]!;
    for (let k = 0; k < spans.length; k += 2) {
      const spanStart = spans[k]!;
      if (secondOfDay <= spanStart) break;
      const spanEnd = spans[k + 1]!;
      worked += (secondOfDay < spanEnd ? secondOfDay : spanEnd) - spanStart;
    }
    return worked;
  }

  /** The earliest second whose `workedBefore` is `target` (> 0), or NaN when the span ends first. */
  private earliestReaching(target: number): number {
    const prefix = this.prefix;
    if (prefix[this.spanDays]! < target) return NaN;
    // smallest day index whose end reaches the target
    let low = 0;
    let high = this.spanDays - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (prefix[middle + 1]! >= target) high = middle;
      else low = middle + 1;
    }
    let rest = target - prefix[low]!;
    const spans = this.patterns[this.patternOfDay[low]!]!;
    const dayStart = (this.spanFirst + low) * SECONDS_PER_DAY;
    for (let k = 0; k < spans.length; k += 2) {
      const length = spans[k + 1]! - spans[k]!;
      if (rest <= length) return dayStart + spans[k]! + rest;
      rest -= length;
    }
    throw new Error('unreachable: a day reaching the target has the working time for it');
  }

  /** The latest second whose `workedBefore` is `target` (≥ 0), or NaN when the span starts after it. */
  private latestReaching(target: number): number {
    const prefix = this.prefix;
    if (target < 0) return NaN;
    // largest day index starting at or before the target
    let low = 0;
    let high = this.spanDays - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (prefix[middle]! <= target) low = middle;
      else high = middle - 1;
    }
    let rest = target - prefix[low]!;
    const spans = this.patterns[this.patternOfDay[low]!]!;
    const dayStart = (this.spanFirst + low) * SECONDS_PER_DAY;
    for (let k = 0; k < spans.length; k += 2) {
      const length = spans[k + 1]! - spans[k]!;
      if (rest < length) return dayStart + spans[k]! + rest;
      rest -= length;
    }
    throw new Error('unreachable: the target lies before the working time that follows it');
  }

  private ensureCounted(first: number, last: number): void {
    if (first < this.spanFirst || last >= this.spanFirst + this.spanDays) this.cover(first, last);
  }

  /** Grows the counted span to include days `first`…`last`, by at least a margin (and at least
   * its own length) on the side that grows, never beyond 1970–2100. */
  private cover(first: number, last: number): void {
    let newFirst = first - SPAN_MARGIN_DAYS;
    let newLast = last + SPAN_MARGIN_DAYS;
    if (this.spanDays > 0) {
      const oldLast = this.spanFirst + this.spanDays - 1;
      const margin = Math.max(SPAN_MARGIN_DAYS, this.spanDays);
      newFirst = first < this.spanFirst ? first - margin : this.spanFirst;
      newLast = last > oldLast ? last + margin : oldLast;
    }
    newFirst = Math.max(FIRST_DAY, newFirst);
    newLast = Math.min(LAST_DAY, newLast);
    const days = newLast - newFirst + 1;
    const patternOfDay = new Uint8Array(days);
    const prefix = new Float64Array(days + 1);
    for (let index = 0; index < days; index++) {
      const pattern = this.patternOf(newFirst + index);
      patternOfDay[index] = pattern;
      prefix[index + 1] = prefix[index]! + this.patternSeconds[pattern]!;
    }
    this.spanFirst = newFirst;
    this.spanDays = days;
    this.patternOfDay = patternOfDay;
    this.prefix = prefix;
  }

  private patternOf(day: number): number {
    if (this.holidays.has(day)) return DAY_OFF;
    if (this.workdays.has(day)) return MAKE_UP_DAY;
    return weekdayOf(day);
  }

  private dayOf(date: string): number {
    const second = wallSeconds(date);
    if (Number.isNaN(second)) throw this.badDate(date);
    return Math.floor(second / SECONDS_PER_DAY);
  }

  private badDate(value: string): RootwiseError {
    return new RootwiseError('error.calendar.badDate', { name: this.name, value });
  }
}

// ---- reading a definition

function compileCalendar(value: unknown): CompiledCalendar {
  const name = isRecord(value) ? nameOf(isRecord(value['name']) ? value['name']['en'] : undefined, value['id']) : '?';
  const shapeError = (field: string): RootwiseError => new RootwiseError('error.calendar.badShape', { name, field });
  if (!isRecord(value)) throw shapeError('version');
  if (value['version'] !== CALENDAR_VERSION) throw shapeError('version');

  const id = value['id'];
  if (typeof id !== 'string' || id === '') throw shapeError('id');
  const calendarName = value['name'];
  if (!isLocalizedText(calendarName)) throw shapeError('name');
  const timeZone = value['timeZone'];
  if (typeof timeZone !== 'string') throw shapeError('timeZone');
  if (!isKnownTimeZone(timeZone)) throw new RootwiseError('error.calendar.badTimeZone', { name, value: timeZone });
  const source = value['source'];
  if (source !== undefined && typeof source !== 'string') throw shapeError('source');
  const notes = value['notes'];
  if (notes !== undefined && typeof notes !== 'string') throw shapeError('notes');

  const week = value['week'];
  if (!Array.isArray(week) || week.length !== 7) throw shapeError('week');
  const weekHours = week.map((hours: unknown, index) => readHours(hours, name, 'week', weekdayKey(index)));
  const workdayHoursValue = value['workdayHours'];
  const workdayHours = workdayHoursValue === undefined ? undefined : readHours(workdayHoursValue, name, 'workdayHours', null);

  const holidaysValue = value['holidays'];
  if (!Array.isArray(holidaysValue)) throw shapeError('holidays');
  const holidayDays = new Set<number>();
  const holidays = holidaysValue.map((holiday: unknown): CalendarHoliday => {
    if (!isRecord(holiday)) throw shapeError('holidays');
    const holidayName = holiday['name'];
    if (holidayName !== undefined && !isLocalizedText(holidayName)) throw shapeError('holidays');
    const date = readDate(holiday['date'], name);
    holidayDays.add(date.day);
    return holidayName === undefined ? { date: date.text } : { date: date.text, name: { en: holidayName.en, 'zh-CN': holidayName['zh-CN'] } };
  });

  const workdaysValue = value['workdays'];
  if (!Array.isArray(workdaysValue)) throw shapeError('workdays');
  const workdayDays = new Set<number>();
  const workdays = workdaysValue.map((workday: unknown) => {
    const date = readDate(workday, name);
    if (holidayDays.has(date.day)) throw shapeError('workdays');
    workdayDays.add(date.day);
    return date.text;
  });

  const definition: CalendarDefinition = {
    version: CALENDAR_VERSION,
    id,
    name: { en: calendarName.en, 'zh-CN': calendarName['zh-CN'] },
    timeZone,
    ...(source === undefined ? {} : { source }),
    ...(notes === undefined ? {} : { notes }),
    week: weekHours.map((hours) => hours.hours),
    holidays,
    workdays,
    ...(workdayHours === undefined ? {} : { workdayHours: workdayHours.hours }),
  };
  const patterns = [...weekHours.map((hours) => hours.spans), new Int32Array(0), (workdayHours ?? weekHours[0]!).spans];
  return { definition, patterns, holidays: holidayDays, workdays: workdayDays };
}

/** Reads one day's working hours: the saved form and the sorted spans in seconds. `weekday` is
 * the message key of the weekday, or null for the make-up days' hours (reported as a bad field,
 * since no weekday names them). */
function readHours(
  value: unknown,
  name: string,
  field: string,
  weekday: MessageKey | null,
): { hours: readonly WorkingHours[]; spans: Int32Array } {
  const shapeError = (): RootwiseError => new RootwiseError('error.calendar.badShape', { name, field });
  if (!Array.isArray(value)) throw shapeError();
  const timeOf = (text: unknown): { text: string; seconds: number } => {
    const seconds = typeof text === 'string' ? timeOfDaySeconds(text) : -1;
    if (typeof text === 'string' && seconds >= 0) return { text, seconds };
    if (weekday === null) throw shapeError();
    throw new RootwiseError('error.calendar.badTime', { name, weekday, value: String(text) });
  };
  const intervalError = (): RootwiseError =>
    weekday === null ? shapeError() : new RootwiseError('error.calendar.badInterval', { name, weekday });
  const hours = value.map((interval: unknown): WorkingHours & { from: number; to: number } => {
    if (!isRecord(interval)) throw shapeError();
    const start = timeOf(interval['start']);
    const end = timeOf(interval['end']);
    if (end.seconds <= start.seconds) throw intervalError();
    return { start: start.text, end: end.text, from: start.seconds, to: end.seconds };
  });
  const sorted = [...hours].sort((a, b) => a.from - b.from);
  for (let k = 1; k < sorted.length; k++) if (sorted[k]!.from < sorted[k - 1]!.to) throw intervalError();
  return {
    hours: hours.map(({ start, end }) => ({ start, end })),
    spans: Int32Array.from(sorted.flatMap(({ from, to }) => [from, to])),
  };
}

function readDate(value: unknown, name: string): { text: string; day: number } {
  const seconds = typeof value === 'string' && value.length === 10 ? wallSeconds(value) : NaN;
  if (typeof value !== 'string' || Number.isNaN(seconds)) throw new RootwiseError('error.calendar.badDate', { name, value: String(value) });
  return { text: value, day: seconds / SECONDS_PER_DAY };
}

/** How errors name a calendar: its English name, else its id. */
function nameOf(englishName: unknown, id: unknown): string {
  if (typeof englishName === 'string' && englishName !== '') return englishName;
  return typeof id === 'string' && id !== '' ? id : '?';
}

function weekdayKey(index: number): MessageKey {
  return `weekday.${(index + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7}`;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return isRecord(value) && LOCALES.every((locale) => typeof value[locale] === 'string');
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

function spanSeconds(spans: Int32Array): number {
  let seconds = 0;
  for (let k = 0; k < spans.length; k += 2) seconds += spans[k + 1]! - spans[k]!;
  return seconds;
}

// ---- wall-clock text and day numbers

/** `HH:MM` (00:00–24:00) as seconds of the day, or -1. */
function timeOfDaySeconds(text: string): number {
  if (text.length !== 5 || text.charCodeAt(2) !== COLON) return -1;
  const hour = twoDigits(text, 0);
  const minute = twoDigits(text, 3);
  if (hour < 0 || minute < 0 || minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) return -1;
  return hour * 3600 + minute * 60;
}

const DASH = 45;
const COLON = 58;
const SPACE = 32;
const LETTER_T = 84;

/** Seconds from 1970-01-01 00:00:00 of a wall-clock datetime or date, or NaN when it is not one. */
function wallSeconds(text: string): number {
  const length = text.length;
  if (length !== 10 && length !== 16 && length !== 19) return NaN;
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return NaN;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return NaN;
  const year = century * 100 + yearOfCentury;
  if (day > daysInMonth(year, month)) return NaN;
  let secondOfDay = 0;
  if (length > 10) {
    const separator = text.charCodeAt(10);
    if ((separator !== SPACE && separator !== LETTER_T) || text.charCodeAt(13) !== COLON) return NaN;
    const hour = twoDigits(text, 11);
    const minute = twoDigits(text, 14);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
    secondOfDay = hour * 3600 + minute * 60;
    if (length === 19) {
      const second = twoDigits(text, 17);
      if (text.charCodeAt(16) !== COLON || second < 0 || second > 59) return NaN;
      secondOfDay += second;
    }
  }
  return daysFromCivil(year, month, day) * SECONDS_PER_DAY + secondOfDay;
}

/** The two decimal digits at `at`, or -1. */
function twoDigits(text: string, at: number): number {
  const high = text.charCodeAt(at) - 48;
  const low = text.charCodeAt(at + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return 30 + ((month + (month >> 3)) & 1);
}

/** Days from 1970-01-01 (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const PAD2: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

function formatWallSeconds(seconds: number): string {
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  let rest = seconds - day * SECONDS_PER_DAY;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  // civil_from_days, the inverse of daysFromCivil
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${PAD2[month]!}-${PAD2[dayOfMonth]!} ${PAD2[hour]!}:${PAD2[minute]!}:${PAD2[rest - minute * 60]!}`;
}
