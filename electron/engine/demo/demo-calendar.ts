// The demo year is 2024 in wall-clock time. Times are whole seconds counted from 2024-01-01 00:00:00
// and days are counted from 2024-01-01 (negative before it); no time zone is involved anywhere.

export const SECONDS_PER_HOUR = 3_600;
export const SECONDS_PER_DAY = 86_400;
export const YEAR_DAYS = 366;
export const YEAR_HOURS = YEAR_DAYS * 24;
/** The export was taken at the last second of 2024; nothing later has happened yet. */
export const CUTOFF_SECOND = YEAR_DAYS * SECONDS_PER_DAY - 1;
export const LAST_DAY = YEAR_DAYS - 1;
/** 2019-01-01, the day the oldest customer signed up. */
export const FIRST_SIGNUP_DAY = -1826;

const MONTH_START_DAY = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];
const DAYS_FROM_UNIX_EPOCH = 19_723;

/** Day number of a 2024 date; month is 1-based. */
export function dayOf(month: number, dayOfMonth: number): number {
  return MONTH_START_DAY[month - 1]! + dayOfMonth - 1;
}

/** 0 = Monday … 6 = Sunday (2024-01-01 was a Monday). */
export function weekdayOf(day: number): number {
  return ((day % 7) + 7) % 7;
}

const PUBLIC_HOLIDAYS: readonly (readonly [number, number, number])[] = [
  [1, 1, 1], [2, 10, 8], [4, 4, 3], [5, 1, 5], [6, 10, 1], [9, 15, 3], [10, 1, 7],
];
const MAKE_UP_WORKDAYS: readonly (readonly [number, number])[] = [
  [2, 4], [2, 18], [4, 7], [4, 28], [5, 11], [9, 14], [9, 29], [10, 12],
];
const dayKinds = buildDayKinds();

function buildDayKinds(): Uint8Array {
  const kinds = new Uint8Array(YEAR_DAYS);
  for (let d = 0; d < YEAR_DAYS; d++) kinds[d] = weekdayOf(d) >= 5 ? 1 : 0;
  for (const [month, first, length] of PUBLIC_HOLIDAYS) {
    for (let i = 0; i < length; i++) kinds[dayOf(month, first) + i] = 1;
  }
  for (const [month, day] of MAKE_UP_WORKDAYS) kinds[dayOf(month, day)] = 0;
  return kinds;
}

/** Whether a 2024 day is a working day in mainland China (weekends and public holidays are not,
 * make-up working days are). */
export function isWorkingDay(day: number): boolean {
  return dayKinds[day] === 0;
}

const PAD2: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DATE_CACHE_FIRST = FIRST_SIGNUP_DAY - 10;
const DATE_CACHE_LAST = YEAR_DAYS + 40;
const dateCache: string[] = [];

function civilDate(day: number): string {
  // Howard Hinnant's days_from_civil inverse
  const z = day + DAYS_FROM_UNIX_EPOCH + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${PAD2[month]!}-${PAD2[dayOfMonth]!}`;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDate(day: number): string {
  if (day < DATE_CACHE_FIRST || day > DATE_CACHE_LAST) return civilDate(day);
  const slot = day - DATE_CACHE_FIRST;
  return (dateCache[slot] ??= civilDate(day));
}

/** `YYYY-MM-DD HH:MM:SS` of a second (fractions are dropped). */
export function formatDateTime(second: number): string {
  const whole = Math.floor(second);
  const day = Math.floor(whole / SECONDS_PER_DAY);
  let rest = whole - day * SECONDS_PER_DAY;
  const hour = Math.floor(rest / SECONDS_PER_HOUR);
  rest -= hour * SECONDS_PER_HOUR;
  const minute = Math.floor(rest / 60);
  return `${formatDate(day)} ${PAD2[hour]!}:${PAD2[minute]!}:${PAD2[rest - minute * 60]!}`;
}
