/**
 * Mainland China resident identity card numbers (GB 11643-1999): six-digit area code, birth date,
 * three-digit sequence and, in the 18-character form, an ISO 7064 MOD 11-2 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** First two digits of every province-level area code (including Taiwan, Hong Kong, Macau). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41',
  '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71',
  '81', '82', '91',
]);

/** The check character for the first 17 digits: Σ digit × weight mod 11, mapped through `10X98765432`. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Whether year-month-day is a real calendar date (leap years included). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * Whether the digits have an ID card's shape: a known province, a real birth date from 1900 on
 * (two-digit year 19yy in the 15-digit form). The check character is not looked at.
 */
export function hasIdCardShape(digits: string): boolean {
  if (!PROVINCES.has(digits.slice(0, 2))) return false;
  if (digits.length === 18) {
    if (!/^\d{17}[\dX]$/.test(digits)) return false;
    const year = Number(digits.slice(6, 10));
    return year >= 1900 && year <= 2099 && isCalendarDate(year, Number(digits.slice(10, 12)), Number(digits.slice(12, 14)));
  }
  if (digits.length === 15) {
    if (!/^\d{15}$/.test(digits)) return false;
    return isCalendarDate(1900 + Number(digits.slice(6, 8)), Number(digits.slice(8, 10)), Number(digits.slice(10, 12)));
  }
  return false;
}

/**
 * Whether `value` (spaces allowed, `x` or `X`) is a valid ID card number: the 18-character form
 * needs its check character, the 15-digit form (issued before 1999, no check digit) a valid date.
 */
export function isValidIdCard(value: string): boolean {
  const id = value.replace(/\s/g, '').toUpperCase();
  if (!hasIdCardShape(id)) return false;
  return id.length === 15 || idCardCheckChar(id) === id[17];
}
