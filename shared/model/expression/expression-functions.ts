/**
 * The functions a formula may call: the whole whitelist. Each entry says how many arguments it
 * takes, what kind each must be, what it returns and how the dialect writes it in SQL.
 */
import type { ExprType } from './compile-expression';
import {
  joinSql,
  sql,
  trusted,
  type DatePart,
  type ExpressionAggregate,
  type ExpressionDialect,
  type IntervalUnit,
  type MathFunction,
  type SqlFragment,
  type TextFunction,
} from './expression-dialect';

/**
 * What an argument must be. The checker enforces these and converts as it goes:
 * - number: a number; a boolean counts as 1/0.
 * - text: text.
 * - condition: a boolean; numbers are not conditions (write `x <> 0`).
 * - temporal: a date or datetime, or a text literal such as '2024-10-01' or '2024-10-01 08:30'.
 * - datetime: as temporal, with dates turned into datetimes at midnight.
 * - textual: text, a number, a date or a datetime, turned into text. Booleans are refused.
 * - any: anything.
 * - same: every `same` argument of one call must agree (see the branch rule in compile-expression).
 * - intervalUnit: a text literal naming an `IntervalUnit`.
 * - percent: a number literal from 0 to 100.
 */
export type ParamKind = 'number' | 'text' | 'condition' | 'temporal' | 'datetime' | 'textual' | 'any' | 'same' | 'intervalUnit' | 'percent';

/** An argument after checking. */
export interface CheckedArg {
  readonly type: ExprType;
  /** Set for an `intervalUnit` argument. */
  readonly unit?: IntervalUnit;
}

/** An argument ready for SQL; an `intervalUnit` argument has empty SQL and carries `unit`. */
export interface GeneratedArg extends CheckedArg {
  readonly sql: SqlFragment;
}

export interface ExpressionFunction {
  /** Upper-case; formulas may spell it in any case. */
  readonly name: string;
  /** One kind per position; positions from `minArgs` on are optional. */
  readonly params: readonly ParamKind[];
  readonly minArgs: number;
  /** The kind of any number of arguments after `params`. */
  readonly rest?: ParamKind;
  /** Aggregates the rows of a group; may not appear inside another aggregate. */
  readonly aggregate?: true;
  /** `same`: the type the `same` arguments agreed on. */
  readonly result: ExprType | 'same' | ((args: readonly CheckedArg[]) => ExprType);
  generate(dialect: ExpressionDialect, args: readonly GeneratedArg[]): SqlFragment;
}

export const INTERVAL_UNITS: readonly IntervalUnit[] = ['day', 'hour', 'minute', 'month'];

const arg = (args: readonly GeneratedArg[], i: number): SqlFragment => args[i]!.sql;
const optionalArg = (args: readonly GeneratedArg[], i: number): SqlFragment | undefined => args[i]?.sql;
const sqlOf = (args: readonly GeneratedArg[]): SqlFragment[] => args.map((a) => a.sql);

function fn(
  name: string,
  params: readonly ParamKind[],
  result: ExpressionFunction['result'],
  generate: ExpressionFunction['generate'],
  options: { readonly minArgs?: number; readonly rest?: ParamKind; readonly aggregate?: true } = {},
): ExpressionFunction {
  return { name, params, minArgs: options.minArgs ?? params.length, result, generate, ...options };
}

const datePart = (name: string, part: DatePart): ExpressionFunction =>
  fn(name, ['temporal'], 'number', (d, a) => d.datePart(part, arg(a, 0)));

// a real divisor, so that the difference is never cut to whole units
const difference = (name: string, secondsPerUnit: number): ExpressionFunction =>
  fn(name, ['temporal', 'temporal'], 'number', (d, a) => sql`(${d.secondsBetween(arg(a, 0), arg(a, 1))} / ${trusted(secondsPerUnit.toFixed(1))})`);

const textFunction = (name: string, which: TextFunction, result: ExprType): ExpressionFunction =>
  fn(name, ['text'], result, (d, a) => d.textFunction(which, arg(a, 0)));

const mathFunction = (name: string, which: MathFunction): ExpressionFunction =>
  fn(name, ['number'], 'number', (d, a) => d.mathFunction(which, arg(a, 0)));

const aggregate = (name: string, which: ExpressionAggregate, param: ParamKind, result: ExpressionFunction['result']): ExpressionFunction =>
  fn(name, [param], result, (d, a) => d.aggregate(which, arg(a, 0)), { aggregate: true });

const FUNCTIONS: readonly ExpressionFunction[] = [
  // conditionals
  fn('IF', ['condition', 'same', 'same'], 'same', (_d, a) => {
    const otherwise = optionalArg(a, 2);
    return otherwise === undefined
      ? sql`CASE WHEN ${arg(a, 0)} THEN ${arg(a, 1)} END`
      : sql`CASE WHEN ${arg(a, 0)} THEN ${arg(a, 1)} ELSE ${otherwise} END`;
  }, { minArgs: 2 }),
  fn('COALESCE', ['same', 'same'], 'same', (_d, a) => sql`coalesce(${joinSql(sqlOf(a), ', ')})`, { rest: 'same' }),
  fn('IFNULL', ['same', 'same'], 'same', (_d, a) => sql`coalesce(${arg(a, 0)}, ${arg(a, 1)})`),
  fn('NULLIF', ['same', 'same'], 'same', (_d, a) => sql`nullif(${arg(a, 0)}, ${arg(a, 1)})`),

  // dates and times
  datePart('YEAR', 'year'),
  datePart('QUARTER', 'quarter'),
  datePart('MONTH', 'month'),
  datePart('DAY', 'day'),
  datePart('WEEKDAY', 'weekday'),
  datePart('HOUR', 'hour'),
  datePart('MINUTE', 'minute'),
  fn('DATE', ['temporal'], 'date', (d, a) => d.toDate(arg(a, 0))),
  difference('MINUTES_BETWEEN', 60),
  difference('HOURS_BETWEEN', 3600),
  difference('DAYS_BETWEEN', 86400),
  fn('BUSINESS_MINUTES', ['datetime', 'datetime'], 'number', (d, a) => d.businessMinutes(arg(a, 0), arg(a, 1))),
  fn('BUSINESS_HOURS', ['datetime', 'datetime'], 'number', (d, a) => sql`(${d.businessMinutes(arg(a, 0), arg(a, 1))} / 60.0)`),
  fn(
    'DATE_ADD',
    ['temporal', 'number', 'intervalUnit'],
    ([date, , unit]) => (date?.type === 'null' ? 'null' : date?.type === 'date' && (unit?.unit === 'day' || unit?.unit === 'month') ? 'date' : 'datetime'),
    (d, [date, n, unit]) => {
      const result = date!.type === 'date' && (unit!.unit === 'day' || unit!.unit === 'month') ? 'date' : 'datetime';
      return d.addInterval(date!.sql, n!.sql, unit!.unit!, result);
    },
  ),

  // text
  textFunction('LEN', 'length', 'number'),
  textFunction('LOWER', 'lower', 'text'),
  textFunction('UPPER', 'upper', 'text'),
  textFunction('TRIM', 'trim', 'text'),
  fn('LEFT', ['text', 'number'], 'text', (d, a) => d.left(arg(a, 0), arg(a, 1))),
  fn('RIGHT', ['text', 'number'], 'text', (d, a) => d.right(arg(a, 0), arg(a, 1))),
  fn('SUBSTR', ['text', 'number', 'number'], 'text', (d, a) => d.substring(arg(a, 0), arg(a, 1), optionalArg(a, 2)), { minArgs: 2 }),
  fn('CONTAINS', ['text', 'text'], 'boolean', (d, a) => d.contains(arg(a, 0), arg(a, 1))),
  fn('STARTS_WITH', ['text', 'text'], 'boolean', (d, a) => d.startsWith(arg(a, 0), arg(a, 1))),
  fn('ENDS_WITH', ['text', 'text'], 'boolean', (d, a) => d.endsWith(arg(a, 0), arg(a, 1))),
  fn('REPLACE', ['text', 'text', 'text'], 'text', (d, a) => d.replace(arg(a, 0), arg(a, 1), arg(a, 2))),
  fn('CONCAT', ['textual'], 'text', (d, a) => d.concat(sqlOf(a)), { rest: 'textual' }),
  // textual arguments arrive as text already
  fn('TEXT', ['textual'], 'text', (_d, a) => arg(a, 0)),
  fn('NUMBER', ['text'], 'number', (d, a) => d.textToNumber(arg(a, 0))),

  // math
  fn('ROUND', ['number', 'number'], 'number', (d, a) => d.round(arg(a, 0), optionalArg(a, 1)), { minArgs: 1 }),
  mathFunction('ABS', 'abs'),
  mathFunction('FLOOR', 'floor'),
  mathFunction('CEIL', 'ceil'),
  mathFunction('SQRT', 'sqrt'),
  fn('POWER', ['number', 'number'], 'number', (d, a) => d.power(arg(a, 0), arg(a, 1))),
  fn('LEAST', ['same', 'same'], 'same', (d, a) => d.extreme('least', sqlOf(a)), { rest: 'same' }),
  fn('GREATEST', ['same', 'same'], 'same', (d, a) => d.extreme('greatest', sqlOf(a)), { rest: 'same' }),

  // aggregates
  fn('COUNT', ['any'], 'number', (d, a) => d.aggregate('count', optionalArg(a, 0)), { minArgs: 0, aggregate: true }),
  aggregate('COUNT_DISTINCT', 'countDistinct', 'any', 'number'),
  aggregate('SUM', 'sum', 'number', 'number'),
  aggregate('AVG', 'avg', 'number', 'number'),
  aggregate('MIN', 'min', 'same', 'same'),
  aggregate('MAX', 'max', 'same', 'same'),
  aggregate('MEDIAN', 'median', 'number', 'number'),
  fn('PERCENTILE', ['number', 'percent'], 'number', (d, a) => d.percentile(arg(a, 0), arg(a, 1)), { aggregate: true }),
  fn('SUM_IF', ['condition', 'number'], 'number', (d, a) => d.aggregate('sum', sql`CASE WHEN ${arg(a, 0)} THEN ${arg(a, 1)} END`), { aggregate: true }),
  fn('COUNT_IF', ['condition'], 'number', (d, a) => d.aggregate('sum', sql`CASE WHEN ${arg(a, 0)} THEN 1 ELSE 0 END`), { aggregate: true }),
];

const BY_NAME: ReadonlyMap<string, ExpressionFunction> = new Map(FUNCTIONS.map((f) => [f.name, f]));

/** The function a formula names, in any case; undefined when it is not on the list. */
export function lookupFunction(name: string): ExpressionFunction | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/** Every function name, for autocompletion and documentation. */
export const EXPRESSION_FUNCTION_NAMES: readonly string[] = FUNCTIONS.map((f) => f.name);

/** How many arguments a function takes, as the argument-count error shows it: '2', '2–3', '1+'. */
export function arityLabel(f: ExpressionFunction): string {
  if (f.rest !== undefined) return `${f.minArgs}+`;
  return f.minArgs === f.params.length ? String(f.minArgs) : `${f.minArgs}–${f.params.length}`;
}
