/**
 * What differs between SQL engines when a formula becomes SQL. Every method takes and returns
 * `SqlFragment`s, SQL text whose `?` placeholders line up with its params, so a dialect may use
 * an argument twice and its bound values are repeated in step.
 */
import type { BoundValue } from '../../query/compile-query';

/** SQL text and the values of its `?` placeholders, in order. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly BoundValue[];
}

/** Composes fragments: `sql\`substr(${s}, 1, ${n})\``. The template text itself must be fixed SQL. */
export function sql(strings: TemplateStringsArray, ...parts: readonly SqlFragment[]): SqlFragment {
  let text = strings[0] ?? '';
  const params: BoundValue[] = [];
  parts.forEach((part, i) => {
    text += part.sql + (strings[i + 1] ?? '');
    params.push(...part.params);
  });
  return { sql: text, params };
}

/** A value as a bound parameter. */
export function bound(value: BoundValue): SqlFragment {
  return { sql: '?', params: [value] };
}

/** Trusted SQL text with no parameters: a keyword of ours or an identifier the caller quoted. */
export function trusted(text: string): SqlFragment {
  return { sql: text, params: [] };
}

export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
}

export type DatePart = 'year' | 'quarter' | 'month' | 'day' | 'weekday' | 'hour' | 'minute';
export type IntervalUnit = 'day' | 'hour' | 'minute' | 'month';
export type TextFunction = 'length' | 'lower' | 'upper' | 'trim';
export type MathFunction = 'abs' | 'floor' | 'ceil' | 'sqrt';
export type ExpressionAggregate = 'count' | 'countDistinct' | 'sum' | 'avg' | 'min' | 'max' | 'median';

/**
 * SQL for one engine. Dates are ISO text ('YYYY-MM-DD'), datetimes ISO text in local wall-clock
 * time ('YYYY-MM-DD HH:MM:SS'), booleans 0/1. Each result must be a single SQL term (a call, a
 * placeholder or parenthesised) so that callers can nest it without thinking about precedence.
 */
export interface ExpressionDialect {
  readonly name: string;
  boolean(value: boolean): SqlFragment;
  /** Real division, whatever the operand types; NULL when dividing by zero. */
  divide(a: SqlFragment, b: SqlFragment): SqlFragment;
  /** Remainder with the sign of `a`, fractions kept; NULL when `b` is zero. */
  remainder(a: SqlFragment, b: SqlFragment): SqlFragment;
  /** `a & b`: NULL when either side is NULL. */
  concatenate(a: SqlFragment, b: SqlFragment): SqlFragment;
  /** CONCAT(…): NULL arguments count as empty text. */
  concat(args: readonly SqlFragment[]): SqlFragment;
  /** A number as text without a spurious '.0': 3 → '3', 2.5 → '2.5'. */
  numberToText(x: SqlFragment): SqlFragment;
  /** Text to a number; NULL unless the whole text (spaces trimmed) is a number. */
  textToNumber(s: SqlFragment): SqlFragment;

  datePart(part: DatePart, d: SqlFragment): SqlFragment;
  toDate(d: SqlFragment): SqlFragment;
  toDatetime(d: SqlFragment): SqlFragment;
  /** `b − a` in seconds of wall-clock time. */
  secondsBetween(a: SqlFragment, b: SqlFragment): SqlFragment;
  /** Adds `n` units; months end-clamp (Jan 31 + 1 month = Feb 29) and count whole months.
   * NULL outside years 0000–9999. */
  addInterval(d: SqlFragment, n: SqlFragment, unit: IntervalUnit, result: 'date' | 'datetime'): SqlFragment;
  /** Working minutes between two datetimes, by the engine-registered business calendar. */
  businessMinutes(a: SqlFragment, b: SqlFragment): SqlFragment;

  textFunction(fn: TextFunction, s: SqlFragment): SqlFragment;
  left(s: SqlFragment, n: SqlFragment): SqlFragment;
  right(s: SqlFragment, n: SqlFragment): SqlFragment;
  /** 1-based `start`; without `length`, to the end. */
  substring(s: SqlFragment, start: SqlFragment, length: SqlFragment | undefined): SqlFragment;
  /** Case-sensitive; the searched-for text is literal, never a pattern. */
  contains(s: SqlFragment, part: SqlFragment): SqlFragment;
  startsWith(s: SqlFragment, prefix: SqlFragment): SqlFragment;
  endsWith(s: SqlFragment, suffix: SqlFragment): SqlFragment;
  replace(s: SqlFragment, from: SqlFragment, to: SqlFragment): SqlFragment;

  mathFunction(fn: MathFunction, x: SqlFragment): SqlFragment;
  round(x: SqlFragment, digits: SqlFragment | undefined): SqlFragment;
  power(x: SqlFragment, y: SqlFragment): SqlFragment;
  /** LEAST / GREATEST of two or more values; NULL when any is NULL. */
  extreme(which: 'least' | 'greatest', args: readonly SqlFragment[]): SqlFragment;

  /** `x` undefined: count all rows. */
  aggregate(fn: ExpressionAggregate, x: SqlFragment | undefined): SqlFragment;
  /** `p` is a constant from 0 to 100. Like median, skips NULL and infinite values. */
  percentile(x: SqlFragment, p: SqlFragment): SqlFragment;
}

const DATE_PART_FORMAT: Readonly<Record<Exclude<DatePart, 'quarter'>, string>> = {
  year: '%Y',
  month: '%m',
  day: '%d',
  // ISO: 1 = Monday … 7 = Sunday
  weekday: '%u',
  hour: '%H',
  minute: '%M',
};

const INTERVAL_MODIFIER: Readonly<Record<IntervalUnit, string>> = {
  day: ' days',
  hour: ' hours',
  minute: ' minutes',
  month: ' months',
};

/** GLOB pattern matching `s` literally: each of `[`, `*`, `?` becomes a one-character class. */
function globLiteral(s: SqlFragment): SqlFragment {
  return sql`replace(replace(replace(${s}, '[', '[[]'), '*', '[*]'), '?', '[?]')`;
}

/** `x` with ±infinity (from an overflow or POWER(0, -1)) made NULL: median() and percentile()
 * fail on it, and like a division by zero it is no value at all. */
function finite(x: SqlFragment): SqlFragment {
  return sql`nullif(nullif(${x}, 1e999), -1e999)`;
}

/** SQLite 3.44+ (concat, median, percentile, math functions, the 'floor' date modifier, %u). */
export const sqliteExpressionDialect: ExpressionDialect = {
  name: 'sqlite',
  boolean: (value) => trusted(value ? '1' : '0'),
  divide: (a, b) => sql`(${a} * 1.0 / ${b})`,
  remainder: (a, b) => sql`mod(${a}, ${b})`,
  concatenate: (a, b) => sql`(${a} || ${b})`,
  concat: (args) => sql`concat(${joinSql(args, ', ')})`,
  // CAST(2.0 AS TEXT) is '2.0'; '%.15g' is what CAST uses for reals, minus the forced '.0'
  numberToText: (x) => sql`CASE typeof(${x}) WHEN 'real' THEN printf('%.15g', ${x}) ELSE CAST(${x} AS TEXT) END`,
  // CAST takes the longest numeric prefix ('12abc' → 12). Comparing with `=` applies NUMERIC
  // affinity to the text, which converts only a text that is a number as a whole.
  textToNumber: (s) => sql`CASE WHEN trim(${s}) = CAST(trim(${s}) AS NUMERIC) THEN CAST(trim(${s}) AS NUMERIC) END`,

  datePart(part, d) {
    if (part === 'quarter') return sql`((CAST(strftime('%m', ${d}) AS INTEGER) + 2) / 3)`;
    return sql`CAST(strftime('${trusted(DATE_PART_FORMAT[part])}', ${d}) AS INTEGER)`;
  },
  toDate: (d) => sql`date(${d})`,
  toDatetime: (d) => sql`datetime(${d})`,
  secondsBetween: (a, b) => sql`(unixepoch(${b}) - unixepoch(${a}))`,
  addInterval(d, n, unit, result) {
    const fn = trusted(result === 'date' ? 'date' : 'datetime');
    const modifier = trusted(INTERVAL_MODIFIER[unit]);
    // SQLite reads '1.5 months' oddly, and without 'floor' Jan 31 + 1 month is Mar 2
    const shifted =
      unit === 'month'
        ? sql`${fn}(${d}, CAST(CAST(${n} AS INTEGER) AS TEXT) || '${modifier}', 'floor')`
        : sql`${fn}(${d}, CAST(${n} AS TEXT) || '${modifier}')`;
    // past 9999-12-31 SQLite gives NULL, but before 0000-01-01 it writes '-0001-…'; make both NULL
    return sql`CASE WHEN ${shifted} >= '0000' THEN ${shifted} END`;
  },
  businessMinutes: (a, b) => sql`rw_business_minutes(${a}, ${b})`,

  textFunction: (fn, s) => sql`${trusted(fn)}(${s})`,
  left: (s, n) => sql`substr(${s}, 1, ${n})`,
  // a negative start counts from the end, and SQLite clips the part before the first character
  right: (s, n) => sql`substr(${s}, -(${n}), ${n})`,
  substring: (s, start, length) => (length === undefined ? sql`substr(${s}, ${start})` : sql`substr(${s}, ${start}, ${length})`),
  contains: (s, part) => sql`(instr(${s}, ${part}) > 0)`,
  startsWith: (s, prefix) => sql`(${s} GLOB ${globLiteral(prefix)} || '*')`,
  endsWith: (s, suffix) => sql`(${s} GLOB '*' || ${globLiteral(suffix)})`,
  replace: (s, from, to) => sql`replace(${s}, ${from}, ${to})`,

  mathFunction: (fn, x) => sql`${trusted(fn)}(${x})`,
  round: (x, digits) => (digits === undefined ? sql`round(${x})` : sql`round(${x}, ${digits})`),
  power: (x, y) => sql`power(${x}, ${y})`,
  // the multi-argument forms of min()/max() are scalar functions
  extreme: (which, args) => sql`${trusted(which === 'least' ? 'min' : 'max')}(${joinSql(args, ', ')})`,

  aggregate(fn, x) {
    if (x === undefined) return trusted('COUNT(*)');
    switch (fn) {
      case 'count':
        return sql`COUNT(${x})`;
      case 'countDistinct':
        return sql`COUNT(DISTINCT ${x})`;
      case 'sum':
        return sql`SUM(${x})`;
      case 'avg':
        return sql`AVG(${x})`;
      case 'min':
        return sql`MIN(${x})`;
      case 'max':
        return sql`MAX(${x})`;
      case 'median':
        return sql`median(${finite(x)})`;
    }
  },
  percentile: (x, p) => sql`percentile(${finite(x)}, ${p})`,
};
