import type { CellValue, ColumnType, ValueFormat } from '../../../shared/api/types';
import type { MessageKey } from '../../../shared/i18n/messages';

/**
 * Type inference over a whole column, the way a person reads an export. Every value is tried
 * against a set of formats; the column takes the narrowest format that at least TYPE_THRESHOLD of
 * its non-empty values fit, and the misfits become NULL and rejects.
 *
 * Storage (see docs/architecture.md): dates `YYYY-MM-DD`, datetimes `YYYY-MM-DD HH:MM:SS` in the
 * wall-clock time written in the file (a UTC offset or `Z` is dropped, never applied), percentages
 * as fractions (85% → 0.85), money and grouped numbers as plain numbers, durations as seconds.
 */
export const TYPE_THRESHOLD = 0.95;

export interface ColumnDecision {
  readonly type: ColumnType;
  readonly format: ValueFormat;
  /** Set when the data could not settle the reading: a/b/yyyy dates where no part exceeds 12. */
  readonly ambiguous?: 'day-month-order' | undefined;
}

/** Spellings of "no value" in exports: they do not argue against a column's type and become NULL
 * in a typed column; the import report counts them per column, so none goes unnoticed. */
const NULL_MARKERS = new Set(['n/a', 'na', 'null', 'none', 'nil', '-', '--', '#n/a', '无', '暂无', '空']);
const LONGEST_NULL_MARKER = Math.max(...[...NULL_MARKERS].map((m) => m.length));
/** Whether a trimmed value is a null marker; a longer value is not lower-cased to find out. */
const isNullMarker = (value: string): boolean => value.length <= LONGEST_NULL_MARKER && NULL_MARKERS.has(value.toLowerCase());
const TRUE_WORDS = new Set(['true', 'yes', 'y', '是', '真']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '否', '假']);
/** A column name that says its numbers are points in time: only these are read as compact dates,
 * Excel serials or Unix time (a 处理时间 / handle_time column of minutes must stay numbers). */
const DATE_NAME = /date|日期|年月日/i;
const TIMESTAMP_NAME = /date|timestamp|_at$|^at$|日期|时间戳/i;

const INTEGER = /^[-+]?(0|[1-9]\d*)$/;
const LEADING_ZERO = /^0\d+$/;
const DECIMAL = /^[-+]?(0|[1-9]\d*)?(\.\d+)?([eE][-+]?\d+)?$/;
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([-+]?\d+(?:\.\d+)?)\s*[%％]$/;
const MONEY = /^([-+]?)\s*(?:[¥￥$€£]|RMB|CNY|USD)\s*([-+]?\d{1,3}(?:,\d{3})*(?:\.\d+)?|[-+]?\d+(?:\.\d+)?)$|^([-+]?\d+(?:,\d{3})*(?:\.\d+)?)\s*(?:元|块)$/i;
const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp][Mm])?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/;
const SLASH = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp][Mm])?)?$/;
const CN_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号](?:\s*(\d{1,2})[:：时](\d{1,2})分?(?:[:：](\d{1,2})秒?)?)?$/;
const CN_MONTH = /^(\d{4})年(\d{1,2})月$/;
const COMPACT_DATE = /^(\d{2}|\d{4})(\d{2})(\d{2})$/;
const WORD_DURATION =
  /^(?:(\d+(?:\.\d+)?)\s*(?:天|d|days?)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h|hrs?|hours?)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|m|mins?|minutes?)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s|secs?|seconds?))?$/i;

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const pad = (n: number, width = 2): string => (width === 2 && n >= 0 && n < 100 ? TWO_DIGITS[n]! : String(n).padStart(width, '0'));
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0);
}

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' from parts, or null when they are not a real moment. */
function isoFrom(y: number, m: number, d: number, time?: { h: number; mi: number; s: number; ampm?: string | undefined }): string | null {
  if (!validDate(y, m, d)) return null;
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (time === undefined) return date;
  let h = time.h;
  if (time.ampm !== undefined) {
    if (h < 1 || h > 12) return null;
    const pm = time.ampm.toLowerCase() === 'pm';
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || time.mi > 59 || time.s > 59) return null;
  return `${date} ${pad(h)}:${pad(time.mi)}:${pad(time.s)}`;
}

function timeOf(h: string | undefined, mi: string | undefined, s: string | undefined, ampm?: string): { h: number; mi: number; s: number; ampm?: string | undefined } | undefined {
  if (h === undefined || mi === undefined) return undefined;
  return { h: Number(h), mi: Number(mi), s: s === undefined ? 0 : Number(s), ampm };
}

/** A digit's value at `i`, or -1 (also past the end). */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

const isDateSeparator = (code: number): boolean => code === 45 || code === 47 || code === 46;

/**
 * The plain shapes of {@link YMD} (`2024-03-05`, `2024/3/5 14:02`, `2024.03.05 14:02:09`) read
 * without a regular expression, since a date column is read once per row; undefined for any other
 * shape (seconds' fractions, AM/PM, zones), which the expression reads.
 */
function plainYmd(value: string): string | null | undefined {
  const year = digitAt(value, 0) * 1000 + digitAt(value, 1) * 100 + digitAt(value, 2) * 10 + digitAt(value, 3);
  if (digitAt(value, 0) < 0 || digitAt(value, 1) < 0 || digitAt(value, 2) < 0 || digitAt(value, 3) < 0 || !isDateSeparator(value.charCodeAt(4))) return undefined;
  let i = 5;
  const number = (): number => {
    let n = digitAt(value, i);
    if (n < 0) return -1;
    i++;
    const next = digitAt(value, i);
    if (next >= 0) {
      n = n * 10 + next;
      i++;
    }
    return n;
  };
  const month = number();
  if (month < 0 || !isDateSeparator(value.charCodeAt(i))) return undefined;
  i++;
  const day = number();
  if (day < 0) return undefined;
  if (i === value.length) return isoFrom(year, month, day);
  const t = value.charCodeAt(i);
  if (t !== 32 && t !== 84) return undefined;
  i++;
  const hour = number();
  if (hour < 0 || value.charCodeAt(i) !== 58 || digitAt(value, i + 1) < 0 || digitAt(value, i + 2) < 0) return undefined;
  const minute = digitAt(value, i + 1) * 10 + digitAt(value, i + 2);
  i += 3;
  let second = 0;
  if (i < value.length) {
    if (value.charCodeAt(i) !== 58 || digitAt(value, i + 1) < 0 || digitAt(value, i + 2) < 0 || i + 3 !== value.length) return undefined;
    second = digitAt(value, i + 1) * 10 + digitAt(value, i + 2);
  }
  return isoFrom(year, month, day, { h: hour, mi: minute, s: second });
}

export function parseYmd(value: string): string | null {
  const plain = plainYmd(value);
  if (plain !== undefined) return plain;
  const m = YMD.exec(value);
  if (m === null) return null;
  return isoFrom(Number(m[1]), Number(m[2]), Number(m[3]), timeOf(m[4], m[5], m[6], m[7]));
}

function parseSlash(value: string, order: 'mdy' | 'dmy'): string | null {
  const m = SLASH.exec(value);
  if (m === null) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const [month, day] = order === 'mdy' ? [a, b] : [b, a];
  return isoFrom(Number(m[3]), month, day, timeOf(m[4], m[5], m[6], m[7]));
}

function parseCnDate(value: string): string | null {
  const m = CN_DATE.exec(value);
  if (m === null) return null;
  return isoFrom(Number(m[1]), Number(m[2]), Number(m[3]), timeOf(m[4], m[5], m[6]));
}

function parseCnMonth(value: string): string | null {
  const m = CN_MONTH.exec(value);
  return m === null ? null : isoFrom(Number(m[1]), Number(m[2]), 1);
}

function parseCompactDate(value: string): string | null {
  const m = COMPACT_DATE.exec(value);
  if (m === null) return null;
  let year = Number(m[1]);
  // two-digit years: 00–69 are 2000s, 70–99 the 1900s (POSIX strptime's pivot)
  if (m[1]!.length === 2) year += year < 70 ? 2000 : 1900;
  return isoFrom(year, Number(m[2]), Number(m[3]));
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function isoFromEpochMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function parseExcelSerial(value: string): string | null {
  if (!DECIMAL.test(value)) return null;
  const serial = Number(value);
  // 1960-01-01 … 2099-12-31: plausible for service data, and clear of small counts
  if (!(serial >= 21916 && serial <= 73415)) return null;
  const iso = isoFromEpochMs(EXCEL_EPOCH_MS + Math.round(serial * 86_400) * 1000);
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso;
}

function parseUnix(value: string, unit: 'seconds' | 'millis'): string | null {
  if (!INTEGER.test(value)) return null;
  const n = Number(value);
  const ms = unit === 'seconds' ? n * 1000 : n;
  // 2001-09-09 … 2033-05-18 in seconds; the same window in milliseconds
  if (!(ms >= 1e12 && ms <= 2e12)) return null;
  return isoFromEpochMs(ms);
}

function parseNumberLike(value: string, format: 'integer' | 'decimal' | 'grouped' | 'percent' | 'money'): number | null {
  switch (format) {
    case 'integer':
      return INTEGER.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : null;
    case 'decimal':
      return DECIMAL.test(value) && /\d/.test(value) && Number.isFinite(Number(value)) ? Number(value) : null;
    case 'grouped':
      if (GROUPED.test(value)) return Number(value.replace(/,/g, ''));
      return parseNumberLike(value, 'decimal');
    case 'percent': {
      const m = PERCENT.exec(value);
      return m === null ? null : Number(m[1]) / 100;
    }
    case 'money': {
      const m = MONEY.exec(value);
      if (m === null) return parseNumberLike(value, 'grouped');
      const digits = (m[2] ?? m[3] ?? '').replace(/,/g, '');
      const n = Number(digits);
      return m[1] === '-' ? -n : n;
    }
  }
}

function parseDuration(value: string, format: 'duration-clock' | 'duration-words'): number | null {
  if (format === 'duration-clock') return parseClockDuration(value);
  const m = WORD_DURATION.exec(value);
  if (m === null) return null;
  // unmatched groups are undefined at run time, whatever RegExpExecArray's type says
  const parts = [m[1], m[2], m[3], m[4]];
  if (parts.every((g) => g === undefined)) return null;
  const [d, h, mi, s] = parts.map((g) => (g === undefined ? 0 : Number(g))) as [number, number, number, number];
  return Math.round(d * 86_400 + h * 3600 + mi * 60 + s);
}

/** `h:mm:ss` (hours of any length, minutes and seconds below 60) in seconds, or null. */
function parseClockDuration(value: string): number | null {
  const n = value.length;
  const colon = n - 6;
  if (colon < 1 || value.charCodeAt(colon) !== 58 || value.charCodeAt(n - 3) !== 58) return null;
  let hours = 0;
  for (let i = 0; i < colon; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    hours = hours * 10 + d;
  }
  const minutes = twoDigitsAt(value, n - 5);
  const seconds = twoDigitsAt(value, n - 2);
  if (minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return null;
  return hours * 3600 + minutes * 60 + seconds;
}

function parseBoolean(value: string): number | null {
  const lower = value.toLowerCase();
  if (TRUE_WORDS.has(lower)) return 1;
  if (FALSE_WORDS.has(lower)) return 0;
  return null;
}

/** The stored value of `value` (trimmed, non-empty, not a null marker) in `format`, or null. */
export function parseAs(format: ValueFormat, value: string): CellValue {
  switch (format) {
    case 'boolean':
      return parseBoolean(value);
    case 'integer':
    case 'decimal':
    case 'grouped':
    case 'percent':
    case 'money':
      return parseNumberLike(value, format);
    case 'ymd':
      return parseYmd(value);
    case 'cn-date':
      return parseCnDate(value);
    case 'cn-month':
      return parseCnMonth(value);
    case 'mdy':
    case 'dmy':
      return parseSlash(value, format);
    case 'compact-date':
      return parseCompactDate(value);
    case 'excel-serial':
      return parseExcelSerial(value);
    case 'unix-seconds':
      return parseUnix(value, 'seconds');
    case 'unix-millis':
      return parseUnix(value, 'millis');
    case 'duration-clock':
    case 'duration-words':
      return parseDuration(value, format);
    case 'text':
      return value;
  }
}

/** The formats a value is tested against while a column is tallied. */
export type Candidate = Exclude<ValueFormat, 'dmy' | 'text'>;
const NUMERIC_START: readonly Candidate[] = [
  'integer',
  'decimal',
  'grouped',
  'percent',
  'ymd',
  'mdy',
  'cn-date',
  'cn-month',
  'duration-clock',
  'duration-words',
  'compact-date',
  'excel-serial',
  'unix-seconds',
  'unix-millis',
];

/** Counts, over the whole column, which formats its non-empty values fit. */
export class TypeTally {
  nonEmpty = 0;
  private readonly fits = new Map<ValueFormat, number>();
  private readonly misses = new Map<Candidate, number>();
  /** Per format, how many of its values carried a time of day. */
  private readonly withTime = new Map<ValueFormat, number>();
  private slashMaxFirst = 0;
  private slashMaxSecond = 0;
  /** Digits with a leading zero (`02459`): a code, so the column is an identifier, not a number. */
  private leadingZeros = 0;
  /** Values with a currency mark (money needs at least one). */
  private moneyMarked = 0;
  /** Formats that can still reach the threshold: one that has missed more values than the column
   * can afford is no longer tried, so a text column stops costing date and number checks. */
  private readonly live: Set<Candidate>;
  private affordableMisses: number;
  /** Values that start with neither a digit nor a sign: missed by every format but boolean and
   * money, counted once here rather than once per format. */
  private nonNumericMisses = 0;
  /** Canonical ISO moments (see `addCanonicalMoment`): missed by every format but ymd. */
  private momentMisses = 0;
  /** Misses counted in the shared counters since the live formats were last checked, and the least
   * a live format could then still afford: until the one passes the other, none can have run out. */
  private sharedSinceCheck = 0;
  private minSlack = Number.POSITIVE_INFINITY;

  /** `expectedValues`: how many values the column has at most (enables giving up on formats early). */
  constructor(columnName = '', expectedValues = Number.POSITIVE_INFINITY) {
    const dateName = DATE_NAME.test(columnName);
    const timestampName = TIMESTAMP_NAME.test(columnName);
    this.live = new Set<Candidate>(['boolean', 'money', ...NUMERIC_START]);
    if (!dateName) for (const f of ['compact-date', 'excel-serial'] as const) this.live.delete(f);
    if (!timestampName) for (const f of ['unix-seconds', 'unix-millis'] as const) this.live.delete(f);
    this.affordableMisses = Math.floor((1 - TYPE_THRESHOLD) * expectedValues);
    this.recheck();
  }

  /** Revises how many values the column has at most, as a streamed file's size tells it. */
  expectValues(expectedValues: number): void {
    this.affordableMisses = Math.floor((1 - TYPE_THRESHOLD) * expectedValues);
    this.recheck();
  }

  /** A format's misses: its own, and the shared ones that count against it. */
  private missesOf(format: Candidate): number {
    const nonNumeric = format === 'boolean' || format === 'money' ? 0 : this.nonNumericMisses;
    return (this.misses.get(format) ?? 0) + nonNumeric + (format === 'ymd' ? 0 : this.momentMisses);
  }

  /** Drops the formats that have missed more values than the column can afford. */
  private recheck(): void {
    let least = Number.POSITIVE_INFINITY;
    for (const format of this.live) {
      const slack = this.affordableMisses - this.missesOf(format);
      if (slack < 0) {
        this.live.delete(format);
        this.sole = null;
      } else least = Math.min(least, slack);
    }
    this.minSlack = least;
    this.sharedSinceCheck = 0;
  }

  private sharedMisses(weight: number): void {
    this.sharedSinceCheck += weight;
    if (this.sharedSinceCheck > this.minSlack) this.recheck();
  }

  /** The weight of the value being added (how many times it occurs). */
  private weight = 1;

  private record(format: Candidate, ok: boolean, withTime = false): void {
    const weight = this.weight;
    if (ok) {
      this.fits.set(format, (this.fits.get(format) ?? 0) + weight);
      if (withTime) this.withTime.set(format, (this.withTime.get(format) ?? 0) + weight);
      return;
    }
    this.misses.set(format, (this.misses.get(format) ?? 0) + weight);
    const slack = this.affordableMisses - this.missesOf(format);
    if (slack < 0) {
      if (this.live.delete(format)) this.sole = null;
    } else this.minSlack = Math.min(this.minSlack, slack + this.sharedSinceCheck);
  }

  /** The sole live format, once looked up (null: not looked up since `live` changed). */
  private sole: Candidate | undefined | null = null;
  /** Fits of `pendingFormat` counted by `addFit` and not yet added to `fits` and `withTime`. */
  private pendingFormat: Candidate | undefined;
  private pendingFits = 0;
  private pendingWithTime = 0;

  private foldPending(): void {
    const format = this.pendingFormat;
    if (format === undefined) return;
    this.pendingFormat = undefined;
    this.fits.set(format, (this.fits.get(format) ?? 0) + this.pendingFits);
    if (this.pendingWithTime > 0) this.withTime.set(format, (this.withTime.get(format) ?? 0) + this.pendingWithTime);
    this.pendingFits = 0;
    this.pendingWithTime = 0;
  }

  /** Whether `value` fits `format`, noting what decide() needs to know (times, slash parts). */
  private check(format: Candidate, value: string): void {
    switch (format) {
      case 'boolean':
        return this.record(format, value.length <= 5 && parseBoolean(value) !== null);
      case 'integer':
      case 'decimal':
      case 'grouped':
        return this.record(format, parseNumberLike(value, format) !== null);
      case 'percent':
        return this.record(format, PERCENT.test(value));
      case 'money': {
        const marked = MONEY.test(value);
        if (marked) this.moneyMarked += this.weight;
        return this.record(format, marked || parseNumberLike(value, 'grouped') !== null);
      }
      case 'mdy': {
        const slash = SLASH.exec(value);
        const ok = slash !== null && (parseSlash(value, 'mdy') !== null || parseSlash(value, 'dmy') !== null);
        if (ok) {
          this.slashMaxFirst = Math.max(this.slashMaxFirst, Number(slash[1]));
          this.slashMaxSecond = Math.max(this.slashMaxSecond, Number(slash[2]));
        }
        return this.record(format, ok, ok && slash[4] !== undefined);
      }
      case 'duration-clock':
        return this.record(format, parseClockDuration(value) !== null);
      case 'duration-words':
        return this.record(format, !DECIMAL.test(value) && parseDuration(value, format) !== null);
      case 'unix-seconds':
      case 'unix-millis':
        // Unix time always carries a time of day
        return this.record(format, parseAs(format, value) !== null, true);
      case 'ymd': {
        if (isCanonicalMoment(value, value.length === 19)) return this.record(format, true, value.length === 19);
        const parsed = parseYmd(value);
        return this.record(format, parsed !== null, parsed !== null && parsed.length > 10);
      }
      default: {
        const parsed = parseAs(format, value);
        return this.record(format, parsed !== null, typeof parsed === 'string' && parsed.length > 10);
      }
    }
  }

  /** The one format values are still tried against, if only one is left: then a value that
   * converted in it can be tallied with `addFit`, without trying it again. */
  soleFormat(): Candidate | undefined {
    if (this.sole !== null) return this.sole;
    this.sole = undefined;
    if (this.live.size === 1) for (const format of this.live) this.sole = format;
    return this.sole;
  }

  /** No format can reach the threshold any more: the column is text, whatever comes. */
  get settledAsText(): boolean {
    return this.live.size === 0;
  }

  /** Tallies a non-empty value known to fit the sole live format (see `soleFormat`). */
  addFit(format: Candidate, withTime: boolean): void {
    this.nonEmpty++;
    if (format !== this.pendingFormat) {
      this.foldPending();
      this.pendingFormat = format;
    }
    this.pendingFits++;
    if (withTime) this.pendingWithTime++;
  }

  /** Tallies a canonical ISO moment (`YYYY-MM-DD`, or with ` HH:MM:SS`), known to be one without
   * another look: it fits ymd and no other format. */
  addCanonicalMoment(withTime: boolean): void {
    this.nonEmpty++;
    this.weight = 1;
    if (this.live.has('ymd')) this.record('ymd', true, withTime);
    this.momentMisses++;
    this.sharedMisses(1);
  }

  /** Tallies a value, `weight` times (a value seen that often). */
  add(raw: string, weight = 1): void {
    const value = raw.trim();
    if (value === '' || isNullMarker(value)) return;
    this.nonEmpty += weight;
    this.weight = weight;
    const first = value.charCodeAt(0);
    if (first === 48 && LEADING_ZERO.test(value)) this.leadingZeros += weight;
    const startsNumeric = (first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46;
    if (startsNumeric) {
      // deleting the format being visited is safe while iterating a Set
      for (const format of this.live) this.check(format, value);
      return;
    }
    // every format but booleans and money starts with a digit or a sign
    if (this.live.has('boolean')) this.check('boolean', value);
    if (this.live.has('money')) this.check('money', value);
    this.nonNumericMisses += weight;
    this.sharedMisses(weight);
  }

  private count(format: ValueFormat): number {
    this.foldPending();
    return this.fits.get(format) ?? 0;
  }

  /** The narrowest format most values fit; text when none does. */
  decide(): ColumnDecision {
    this.foldPending();
    const n = this.nonEmpty;
    if (n === 0) return { type: 'text', format: 'text' };
    const fits = (count: number): boolean => count >= TYPE_THRESHOLD * n;
    const temporal = (format: ValueFormat): ColumnDecision => ({ type: (this.withTime.get(format) ?? 0) > 0 ? 'datetime' : 'date', format });

    if (fits(this.count('boolean'))) return { type: 'boolean', format: 'boolean' };
    // a number that is a point in time, when the column's name says so
    for (const format of ['compact-date', 'unix-millis', 'unix-seconds', 'excel-serial'] as const) {
      if (fits(this.count(format))) return temporal(format);
    }
    // ZIP codes, phone numbers, account numbers: one written with a leading zero shows they are codes
    if (this.leadingZeros > 0 && fits(this.count('integer') + this.leadingZeros)) return { type: 'text', format: 'text' };
    if (fits(this.count('integer'))) return { type: 'integer', format: 'integer' };
    if (fits(this.count('decimal'))) return { type: 'real', format: 'decimal' };
    if (fits(this.count('grouped'))) return { type: 'real', format: 'grouped' };
    if (fits(this.count('percent'))) return { type: 'real', format: 'percent' };
    if (this.moneyMarked > 0 && fits(this.count('money'))) return { type: 'real', format: 'money' };
    if (fits(this.count('ymd'))) return temporal('ymd');
    if (fits(this.count('cn-date'))) return temporal('cn-date');
    if (fits(this.count('cn-month'))) return { type: 'date', format: 'cn-month' };
    if (fits(this.count('mdy'))) {
      // the data decides the order: a first part above 12 can only be a day, a second only a day too
      const slashes = temporal('mdy');
      if (this.slashMaxFirst > 12 && this.slashMaxSecond <= 12) return { ...slashes, format: 'dmy' };
      if (this.slashMaxSecond > 12 && this.slashMaxFirst <= 12) return slashes;
      if (this.slashMaxFirst <= 12 && this.slashMaxSecond <= 12) return { ...slashes, ambiguous: 'day-month-order' };
    }
    if (fits(this.count('duration-clock'))) return { type: 'integer', format: 'duration-clock' };
    if (fits(this.count('duration-words'))) return { type: 'integer', format: 'duration-words' };
    return { type: 'text', format: 'text' };
  }
}

/** What a converter returns for a value that does not fit the column's type. */
export const REJECTED: unique symbol = Symbol('rejected');
/** What a converter returns for a null marker (`N/A`, `-`, `暂无`): stored as NULL, and counted. */
export const NULL_MARKER: unique symbol = Symbol('null marker');
/** A converted value; no object per value, as a converter runs for millions of them. */
export type Converted = CellValue | typeof REJECTED | typeof NULL_MARKER;

const NOT_A: Readonly<Record<Exclude<ColumnType, 'text'>, MessageKey>> = {
  integer: 'reject.notInteger',
  real: 'reject.notNumber',
  boolean: 'reject.notBoolean',
  date: 'reject.notDate',
  datetime: 'reject.notDatetime',
};

/** Why a value was rejected from a column of this type (text columns take every value). */
export const rejectReasonFor = (type: Exclude<ColumnType, 'text'>): MessageKey => NOT_A[type];

/** The number of two digits at `i`, or -1 when they are not both digits. */
function twoDigitsAt(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `YYYY-MM-DD` (length 10) or `YYYY-MM-DD HH:MM:SS` (length 19) naming a real moment: read
 * without a regular expression, as it is the form most exports write. */
export function isCanonicalMoment(s: string, withTime: boolean): boolean {
  return canonicalMomentKeyAt(s, 0, s.length, withTime) >= 0;
}

/** A canonical moment's digits as one number (`YYYYMMDD`, or `YYYYMMDDHHMMSS` with the time), read
 * in the same pass that checks the form: it tells moments apart as their text does, and is cheaper
 * to count distinct than the text. -1 when `s.slice(from, to)` is not a canonical moment. */
export function canonicalMomentKeyAt(s: string, from: number, to: number, withTime: boolean): number {
  if (to - from !== (withTime ? 19 : 10) || s.charCodeAt(from + 4) !== 45 || s.charCodeAt(from + 7) !== 45) return -1;
  const century = twoDigitsAt(s, from);
  const year = twoDigitsAt(s, from + 2);
  const month = twoDigitsAt(s, from + 5);
  const day = twoDigitsAt(s, from + 8);
  if (century < 0 || year < 0 || !validDate(century * 100 + year, month, day)) return -1;
  const date = (century * 100 + year) * 10_000 + month * 100 + day;
  if (!withTime) return date;
  if (s.charCodeAt(from + 10) !== 32 || s.charCodeAt(from + 13) !== 58 || s.charCodeAt(from + 16) !== 58) return -1;
  const h = twoDigitsAt(s, from + 11);
  const mi = twoDigitsAt(s, from + 14);
  const sec = twoDigitsAt(s, from + 17);
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59 ? date * 1_000_000 + h * 10_000 + mi * 100 + sec : -1;
}

/** A converter for one column's values into its storage form; empty text is NULL, not a reject. */
export function converterFor(decision: ColumnDecision): (raw: string) => Converted {
  const { type, format } = decision;
  if (type === 'text') return (raw) => (raw === '' ? null : raw);
  const canonicalWithTime = format === 'ymd' ? type === 'datetime' : undefined;
  return (raw) => {
    // most exports write ISO already: such a value is stored as it is, without being rebuilt
    if (canonicalWithTime !== undefined && isCanonicalMoment(raw, canonicalWithTime)) return raw;
    const value = raw.trim();
    if (value === '') return null;
    if (isNullMarker(value)) return NULL_MARKER;
    let converted = parseAs(format, value);
    // a date column keeps a time that a few values carry only when it is a datetime column
    if (typeof converted === 'string' && type === 'date' && converted.length > 10) converted = converted.slice(0, 10);
    if (typeof converted === 'string' && type === 'datetime' && converted.length === 10) converted = `${converted} 00:00:00`;
    return converted === null ? REJECTED : converted;
  };
}
