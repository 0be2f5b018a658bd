import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { childrenOf, type ExprNode } from '../../../../../shared/model/expression/expression-ast';
import {
  checkExpression,
  compileExpression,
  generateExpression,
  scopeOfFields,
  type CompiledExpression,
  type ExprField,
  type ExprType,
  type ExpressionScope,
} from '../../../../../shared/model/expression/compile-expression';
import { sqliteExpressionDialect } from '../../../../../shared/model/expression/expression-dialect';
import { EXPRESSION_FUNCTION_NAMES } from '../../../../../shared/model/expression/expression-functions';
import { parseExpression } from '../../../../../shared/model/expression/parse-expression';

/**
 * Compiled formulas run in a real SQLite (the engine's), on a small ticket table. Datetimes are
 * local wall-clock text, dates ISO text, booleans 0/1, as the importer stores them.
 */

type Cell = string | number | null;

const COLUMNS: Readonly<Record<string, { readonly sql: string; readonly type: ExprType; readonly affinity: string }>> = {
  id: { sql: '"id"', type: 'number', affinity: 'INTEGER' },
  region: { sql: '"region"', type: 'text', affinity: 'TEXT' },
  csat: { sql: '"csat"', type: 'number', affinity: 'INTEGER' },
  reopen_count: { sql: '"reopen_count"', type: 'number', affinity: 'INTEGER' },
  score: { sql: '"score"', type: 'number', affinity: 'REAL' },
  vip: { sql: '"vip"', type: 'boolean', affinity: 'INTEGER' },
  created_at: { sql: '"created_at"', type: 'datetime', affinity: 'TEXT' },
  first_response_at: { sql: '"first_response_at"', type: 'datetime', affinity: 'TEXT' },
  due_date: { sql: '"due_date"', type: 'date', affinity: 'TEXT' },
  note: { sql: '"note"', type: 'text', affinity: 'TEXT' },
};

const ROWS: readonly Readonly<Record<keyof typeof COLUMNS, Cell>>[] = [
  // Tuesday, answered across midnight
  { id: 1, region: '四川', csat: 7, reopen_count: 2, score: 4.5, vip: 1, created_at: '2024-10-01 23:50:00', first_response_at: '2024-10-02 00:10:00', due_date: '2024-01-31', note: ' 3.5 ' },
  // Sunday, answered before it was created (clock skew in the source data)
  { id: 2, region: 'north', csat: 3, reopen_count: 0, score: 2, vip: 0, created_at: '2024-10-06 10:00:00', first_response_at: '2024-10-06 09:15:00', due_date: '2024-10-06', note: '12abc' },
  // nearly everything missing
  { id: 3, region: null, csat: null, reopen_count: null, score: null, vip: null, created_at: '2024-10-07 00:00:00', first_response_at: null, due_date: null, note: null },
  { id: 4, region: 'North', csat: 5, reopen_count: 1, score: -1.25, vip: 1, created_at: '2024-12-31 08:05:09', first_response_at: '2025-01-01 08:05:09', due_date: '2024-10-01', note: '1e3' },
];

const scope = scopeOfFields(Object.entries(COLUMNS).map(([name, c]) => [name, { sql: c.sql, type: c.type }] as const));
let db: Database.Database;

beforeAll(() => {
  db = new Database(':memory:');
  const names = Object.keys(COLUMNS);
  db.exec(`CREATE TABLE t (${names.map((n) => `"${n}" ${COLUMNS[n]!.affinity}`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO t VALUES (${names.map(() => '?').join(', ')})`);
  for (const row of ROWS) insert.run(...names.map((n) => row[n] ?? null));
});

afterAll(() => db.close());

/** The formula's value on each row, in id order. */
function perRow(text: string): Cell[] {
  const { sql, params } = compileExpression(text, scope);
  return db
    .prepare(`SELECT ${sql} AS v FROM t ORDER BY "id"`)
    .pluck()
    .all(...params) as Cell[];
}

/** A formula without fields, or an aggregate over the whole table. */
function value(text: string): Cell {
  const { sql, params } = compileExpression(text, scope);
  return db
    .prepare(`SELECT ${sql} FROM t`)
    .pluck()
    .get(...params) as Cell;
}

describe('evaluate: arithmetic and NULL', () => {
  it('divides integers as reals and gives NULL for division by zero', () => {
    expect(perRow('csat / reopen_count')).toEqual([3.5, null, null, 5]);
    expect(value('7 / 2')).toBe(3.5);
    expect(value('1 / 0')).toBeNull();
    expect(value('csat % 0')).toBeNull();
    expect(perRow('csat % 2')).toEqual([1, 1, null, 1]);
    expect(value('7.5 % 2')).toBe(1.5);
    expect(value('-7 % 3')).toBe(-1);
  });

  it('propagates NULL through arithmetic and comparison', () => {
    expect(perRow('csat + 1')).toEqual([8, 4, null, 6]);
    expect(perRow('csat > 4')).toEqual([1, 0, null, 1]);
    expect(value('NULL + 1')).toBeNull();
    expect(value('- - 2 * 3')).toBe(6);
  });

  it('counts booleans as 1 and 0 in arithmetic, and gives booleans as 1 and 0', () => {
    expect(perRow('vip + 1')).toEqual([2, 1, null, 2]);
    expect(perRow('vip = TRUE')).toEqual([1, 0, null, 1]);
    expect(perRow('NOT vip')).toEqual([0, 1, null, 0]);
    expect(perRow('csat IS NULL')).toEqual([0, 0, 1, 0]);
    expect(perRow('csat IS NOT NULL AND vip')).toEqual([1, 0, 0, 1]);
  });

  it('evaluates IN and BETWEEN with both ends included', () => {
    expect(perRow("region IN ('四川', 'North')")).toEqual([1, 0, null, 1]);
    expect(perRow('csat NOT IN (3, 5)')).toEqual([1, 0, null, 0]);
    expect(perRow('csat BETWEEN 3 AND 5')).toEqual([0, 1, null, 1]);
    expect(perRow("created_at BETWEEN '2024-10-01' AND '2024-10-06 10:00'")).toEqual([1, 1, 0, 0]);
  });
});

describe('evaluate: conditionals', () => {
  it('evaluates IF with and without an else; a NULL condition takes the else', () => {
    expect(perRow("IF(vip, 'VIP', 'Normal')")).toEqual(['VIP', 'Normal', 'Normal', 'VIP']);
    expect(perRow('IF(csat >= 5, csat)')).toEqual([7, null, null, 5]);
  });

  it('evaluates both CASE forms', () => {
    expect(perRow("CASE WHEN csat >= 5 THEN 'good' WHEN csat >= 3 THEN 'ok' ELSE 'unknown' END")).toEqual(['good', 'ok', 'unknown', 'good']);
    expect(perRow("CASE region WHEN '四川' THEN 1 WHEN 'north' THEN 2 END")).toEqual([1, 2, null, null]);
    expect(perRow("CASE due_date WHEN '2024-10-06' THEN 'sunday' WHEN created_at THEN 'same' ELSE 'other' END")).toEqual(['other', 'sunday', 'other', 'other']);
  });

  it('evaluates COALESCE, IFNULL and NULLIF', () => {
    expect(perRow("COALESCE(region, note, 'none')")).toEqual(['四川', 'north', 'none', 'North']);
    expect(perRow('IFNULL(csat, -1)')).toEqual([7, 3, -1, 5]);
    expect(perRow('csat / NULLIF(reopen_count, 0)')).toEqual([3.5, null, null, 5]);
    expect(perRow('COALESCE(due_date, created_at)')).toEqual(['2024-01-31 00:00:00', '2024-10-06 00:00:00', '2024-10-07 00:00:00', '2024-10-01 00:00:00']);
  });
});

describe('evaluate: dates and times', () => {
  it('takes date parts; WEEKDAY is ISO, so Sunday is 7', () => {
    expect(perRow('WEEKDAY(created_at)')).toEqual([2, 7, 1, 2]);
    expect(value("WEEKDAY('2024-10-06')")).toBe(7);
    expect(value("WEEKDAY('2024-10-07')")).toBe(1);
    expect(perRow('YEAR(created_at) * 100 + MONTH(created_at)')).toEqual([202410, 202410, 202410, 202412]);
    expect(perRow('QUARTER(created_at)')).toEqual([4, 4, 4, 4]);
    expect(perRow('QUARTER(due_date)')).toEqual([1, 4, null, 4]);
    expect(perRow('DAY(due_date)')).toEqual([31, 6, null, 1]);
    expect(perRow('HOUR(created_at) * 100 + MINUTE(created_at)')).toEqual([2350, 1000, 0, 805]);
    expect(perRow('DATE(created_at)')).toEqual(['2024-10-01', '2024-10-06', '2024-10-07', '2024-12-31']);
  });

  it('measures b − a across midnight, negative when b is earlier, NULL when either is missing', () => {
    expect(perRow('MINUTES_BETWEEN(created_at, first_response_at)')).toEqual([20, -45, null, 1440]);
    expect(perRow('HOURS_BETWEEN(created_at, first_response_at)')).toEqual([20 / 60, -0.75, null, 24]);
    const days = perRow('DAYS_BETWEEN(due_date, created_at)');
    [244 + 23 / 24 + 50 / 1440, 10 / 24, null, 91 + (8 * 60 + 5) / 1440 + 9 / 86400].forEach((expected, i) => {
      if (expected === null) expect(days[i]).toBeNull();
      else expect(days[i]).toBeCloseTo(expected, 9);
    });
    expect(value("DAYS_BETWEEN('2024-02-28', '2024-03-01')")).toBe(2);
  });

  it('adds days, hours, minutes and whole months, clamping to the end of the month', () => {
    expect(perRow("DATE_ADD(due_date, 1, 'month')")).toEqual(['2024-02-29', '2024-11-06', null, '2024-11-01']);
    expect(value("DATE_ADD('2024-03-31', -1, 'month')")).toBe('2024-02-29');
    expect(value("DATE_ADD('2024-01-15', 1.9, 'month')")).toBe('2024-02-15');
    expect(perRow("DATE_ADD(due_date, -1, 'day')")).toEqual(['2024-01-30', '2024-10-05', null, '2024-09-30']);
    expect(perRow("DATE_ADD(created_at, 90, 'minute')")).toEqual(['2024-10-02 01:20:00', '2024-10-06 11:30:00', '2024-10-07 01:30:00', '2024-12-31 09:35:09']);
    expect(value("DATE_ADD('2024-10-01', 1.5, 'hour')")).toBe('2024-10-01 01:30:00');
    expect(["DATE_ADD('0001-01-01', -367, 'day')", "DATE_ADD('9999-12-31 23:00', 1, 'hour')", "DATE_ADD('0000-01-01', 0, 'month')"].map(value)).toEqual([null, null, '0000-01-01']);
    expect(perRow("DATE_ADD(created_at, reopen_count, 'day')")).toEqual(['2024-10-03 23:50:00', '2024-10-06 10:00:00', null, '2025-01-01 08:05:09']);
  });

  it('compares dates with datetimes and date literals', () => {
    expect(perRow('DATE(created_at) = due_date')).toEqual([0, 1, null, 0]);
    expect(perRow('due_date = created_at')).toEqual([0, 0, null, 0]);
    expect(value("'2024-10-06' = DATE_ADD('2024-10-06', 0, 'minute')")).toBe(1);
    expect(perRow('due_date < created_at')).toEqual([1, 1, null, 1]);
    expect(perRow("created_at >= '2024-10-06'")).toEqual([0, 1, 1, 1]);
    expect(perRow("created_at < '2024-10-06 10:00'")).toEqual([1, 0, 0, 0]);
  });
});

describe('evaluate: text', () => {
  it('measures and cuts text by characters, CJK included', () => {
    expect(perRow('LEN(region)')).toEqual([2, 5, null, 5]);
    expect(perRow('LEFT(region, 1)')).toEqual(['四', 'n', null, 'N']);
    expect(perRow('RIGHT(region, 2)')).toEqual(['四川', 'th', null, 'th']);
    expect(["RIGHT('abc', 0)", "RIGHT('abc', 5)", "RIGHT('abc', -1)", "RIGHT('abc', NULL)", "RIGHT(NULL, 1)", "LEFT('abc', 0)"].map(value)).toEqual([
      '',
      'abc',
      '',
      null,
      null,
      '',
    ]);
    expect(value("SUBSTR('满意度调查', 2)")).toBe('意度调查');
    expect(value("SUBSTR('满意度调查', 2, 2)")).toBe('意度');
  });

  it('searches case-sensitively and literally', () => {
    expect(perRow("CONTAINS(region, 'or')")).toEqual([0, 1, null, 1]);
    expect(perRow("STARTS_WITH(region, 'N')")).toEqual([0, 0, null, 1]);
    expect(perRow("ENDS_WITH(region, 'th')")).toEqual([0, 1, null, 1]);
    expect(["STARTS_WITH('a*c', 'a*')", "STARTS_WITH('abc', 'a*')", "ENDS_WITH('x[1]', '[1]')", "ENDS_WITH('x1', '[1]')", "ENDS_WITH('a?', '?')", "ENDS_WITH('ab', '?')"].map(value)).toEqual([
      1, 0, 1, 0, 1, 0,
    ]);
    expect(["STARTS_WITH('abc', '')", "ENDS_WITH('abc', '')", "ENDS_WITH('c', 'abc')", "CONTAINS('abc', '')", "CONTAINS('abc', 'B')"].map(value)).toEqual([1, 1, 0, 1, 0]);
    expect(value("ENDS_WITH(NULL, '')")).toBeNull();
  });

  it('changes text', () => {
    expect(perRow('UPPER(region) & LOWER(region)')).toEqual(['四川四川', 'NORTHnorth', null, 'NORTHnorth']);
    expect(value("TRIM('  a b  ')")).toBe('a b');
    expect(value("REPLACE('a-b-c', '-', '+')")).toBe('a+b+c');
  });

  it('joins text: & gives NULL for a missing side, CONCAT skips it', () => {
    expect(perRow("region & '/' & csat")).toEqual(['四川/7', 'north/3', null, 'North/5']);
    expect(perRow("CONCAT(region, '/', csat)")).toEqual(['四川/7', 'north/3', '/', 'North/5']);
    expect(perRow("'due ' & due_date")).toEqual(['due 2024-01-31', 'due 2024-10-06', null, 'due 2024-10-01']);
  });

  it('turns numbers into text without a spurious .0', () => {
    expect(["TEXT(3)", 'TEXT(2.5)', 'TEXT(1 / 3)', 'TEXT(6 / 2)', 'TEXT(-0.125)', "'n=' & 7", 'TEXT(NULL)'].map(value)).toEqual([
      '3',
      '2.5',
      '0.333333333333333',
      '3',
      '-0.125',
      'n=7',
      null,
    ]);
    expect(perRow('TEXT(score)')).toEqual(['4.5', '2', null, '-1.25']);
    expect(perRow('TEXT(csat)')).toEqual(['7', '3', null, '5']);
  });

  it('reads numbers only from text that is a number as a whole', () => {
    expect(perRow('NUMBER(note)')).toEqual([3.5, null, null, 1000]);
    expect(["NUMBER('12')", "NUMBER('-2')", "NUMBER('.5')", "NUMBER('')", "NUMBER('abc')", "NUMBER('1,000')", "NUMBER('0x1F')", "NUMBER(' 7 ') + 1"].map(value)).toEqual([
      12,
      -2,
      0.5,
      null,
      null,
      null,
      null,
      8,
    ]);
  });
});

describe('evaluate: math', () => {
  it('rounds and takes roots and powers', () => {
    expect(["ROUND(2.345, 2)", 'ROUND(2.5)', 'ROUND(-2.5)', 'ABS(-3)', 'FLOOR(-1.2)', 'CEIL(1.2)', 'SQRT(16)', 'SQRT(-1)', 'POWER(2, 10)', 'POWER(NULL, 2)'].map(value)).toEqual([
      2.35, 3, -3, 3, -2, 2, 4, null, 1024, null,
    ]);
  });

  it('takes LEAST and GREATEST, NULL when any value is NULL', () => {
    expect(perRow('LEAST(csat, reopen_count, 4)')).toEqual([2, 0, null, 1]);
    expect(perRow('GREATEST(csat, score)')).toEqual([7, 3, null, 5]);
    expect(perRow("GREATEST(due_date, '2024-06-01')")).toEqual(['2024-06-01', '2024-10-06', null, '2024-10-01']);
  });
});

describe('evaluate: aggregates', () => {
  it('aggregates the whole table', () => {
    expect(value('COUNT()')).toBe(4);
    expect(value('COUNT(csat)')).toBe(3);
    expect(value('COUNT_DISTINCT(LOWER(region))')).toBe(2);
    expect(value('SUM(csat)')).toBe(15);
    expect(value('AVG(csat)')).toBe(5);
    expect(value('MIN(created_at)')).toBe('2024-10-01 23:50:00');
    // text compares by code point: CJK sorts after Latin
    expect(value('MAX(region)')).toBe('四川');
    expect(value('MEDIAN(csat)')).toBe(5);
    expect(value('PERCENTILE(csat, 50)')).toBe(5);
    expect(value('PERCENTILE(csat, 100)')).toBe(7);
    expect(value('PERCENTILE(csat, 25)')).toBe(4);
    // an overflow is no value, as a division by zero is, rather than an error from median()
    expect(value('MEDIAN(IF(csat = 3, POWER(0, -1), csat))')).toBe(6);
    expect(value('PERCENTILE(IF(csat = 3, -POWER(10, 400), csat), 0)')).toBe(5);
  });

  it('counts and sums under a condition, booleans counting as 1', () => {
    expect(value('SUM_IF(vip, csat)')).toBe(12);
    expect(value('COUNT_IF(csat >= 5)')).toBe(2);
    expect(value('SUM(csat >= 5) / COUNT()')).toBe(0.5);
    expect(value('ROUND(100.0 * COUNT_IF(MINUTES_BETWEEN(created_at, first_response_at) <= 30) / COUNT(first_response_at), 1)')).toBe(66.7);
    expect(value('SUM(vip)')).toBe(2);
  });

  it('splices into a grouped statement with its params at the right place', () => {
    const metric = compileExpression("SUM_IF(region <> 'x', csat) / COUNT()", scope);
    const rows = db
      .prepare(`SELECT ? AS tag, LOWER("region") AS g, ${metric.sql} AS v FROM t WHERE "id" <> ? GROUP BY g ORDER BY g`)
      .raw()
      .all('tag', ...metric.params, 99);
    expect(rows).toEqual([
      ['tag', null, null],
      ['tag', 'north', 4],
      ['tag', '四川', 7],
    ]);
  });
});

// ---- properties ---------------------------------------------------------------------------

const HOSTILE = ["'", "''", '"', ';', '--', '/*', '*/', '[', ']', ']]', '(', ')', '?', '\\', '%', '*', 'DROP TABLE t', ' ', '\n', '满意度', '😀', 'END', ','];
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 20 }).map((parts) => parts.join('')),
);
const anyText = fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 40 }));

const quoteString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const bracketField = (s: string): string => `[${s.replace(/]/g, ']]')}]`;

function compileOrRootwiseError(text: string, on: ExpressionScope = scope): CompiledExpression | undefined {
  try {
    return compileExpression(text, on);
  } catch (error) {
    if (!(error instanceof RootwiseError)) throw error;
    return undefined;
  }
}

/** What SQLite gives back for a value of each type. */
function fitsType(v: unknown, type: ExprType): boolean {
  if (v === null) return true;
  switch (type) {
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return v === 0 || v === 1;
    case 'text':
      return typeof v === 'string';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'datetime':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v);
    case 'null':
      return false;
  }
}

/** The types a formula generated for a target type may have: NULL leaves can make it 'null'
 * (or leave only the date side of a date/datetime mix), and a boolean is a number. */
const ACCEPTED: Readonly<Record<Exclude<ExprType, 'null'>, readonly ExprType[]>> = {
  number: ['number', 'boolean', 'null'],
  text: ['text', 'null'],
  boolean: ['boolean', 'null'],
  date: ['date', 'null'],
  datetime: ['datetime', 'date', 'null'],
};

/** Formulas that type-check by construction, each with the type it was built for (or 'aggregate'). */
const WELL_TYPED: fc.Arbitrary<readonly [Exclude<ExprType, 'null'> | 'aggregate', string]> = (() => {
  const depth = fc.createDepthIdentifier();
  const formulas = fc.letrec<Record<Exclude<ExprType, 'null'>, string>>((tie) => {
    const [n, t, b, d, dt] = [tie('number'), tie('text'), tie('boolean'), tie('date'), tie('datetime')];
    const choose = (...arbitraries: fc.Arbitrary<string>[]): fc.Arbitrary<string> =>
      fc.oneof({ depthIdentifier: depth, maxDepth: 4, withCrossShrink: true }, ...arbitraries);
    const name = (...names: string[]): fc.Arbitrary<string> => fc.constantFrom(...names);
    const call = (fn: fc.Arbitrary<string>, ...args: fc.Arbitrary<string>[]): fc.Arbitrary<string> =>
      fc.tuple(fn, ...args).map(([f, ...xs]) => `${f}(${xs.join(', ')})`);
    const binary = (a: fc.Arbitrary<string>, ops: readonly string[], c: fc.Arbitrary<string>): fc.Arbitrary<string> =>
      fc.tuple(a, fc.constantFrom(...ops), c).map(([x, op, y]) => `(${x} ${op} ${y})`);
    const searchedCase = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
      fc.tuple(b, value, b, value, value).map(([c1, v1, c2, v2, e]) => `CASE WHEN ${c1} THEN ${v1} WHEN ${c2} THEN ${v2} ELSE ${e} END`);
    const temporal = fc.oneof(d, dt);
    // booleans are numbers but are not turned into text
    const plainNumber = n.map((x) => `(${x} + 0)`);
    const numberLiteral = fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e6 }).map((x) => String(x).replace('e+', 'e'));
    const textLiteral = hostileText.filter((s) => !s.includes('\0')).map(quoteString);
    const dateText = fc.constantFrom("'2024-10-01'", "'2024-02-29'", "'2024-10-06 09:30'", "'2024-10-07T00:00:00'");
    return {
      number: choose(
        fc.oneof(name('csat', 'reopen_count', 'score', 'vip', 'NULL', '0', '2', '0.5'), numberLiteral),
        binary(n, ['+', '-', '*', '/', '%'], n),
        n.map((x) => `-(${x})`),
        call(name('LEN'), t),
        call(name('NUMBER'), t),
        call(name('YEAR', 'QUARTER', 'MONTH', 'DAY', 'WEEKDAY', 'HOUR', 'MINUTE'), temporal),
        call(name('MINUTES_BETWEEN', 'HOURS_BETWEEN', 'DAYS_BETWEEN'), temporal, fc.oneof(temporal, dateText)),
        call(name('ROUND', 'ABS', 'FLOOR', 'CEIL', 'SQRT'), n),
        call(name('ROUND', 'POWER', 'LEAST', 'GREATEST', 'COALESCE', 'IFNULL', 'NULLIF'), n, n),
        call(name('IF'), b, n, n),
        searchedCase(n),
        fc.tuple(t, t, n, n).map(([s, w, v, e]) => `CASE ${s} WHEN ${w} THEN ${v} ELSE ${e} END`),
      ),
      text: choose(
        fc.oneof(name('region', 'note', 'NULL'), textLiteral),
        binary(fc.oneof(t, plainNumber, d, dt), ['&'], fc.oneof(t, plainNumber)),
        call(name('LOWER', 'UPPER', 'TRIM'), t),
        call(name('LEFT', 'RIGHT', 'SUBSTR'), t, n),
        call(name('SUBSTR'), t, n, n),
        call(name('REPLACE'), t, t, t),
        call(name('CONCAT'), t, plainNumber, d),
        call(name('TEXT'), fc.oneof(plainNumber, t, d, dt)),
        call(name('IF'), b, t, t),
        call(name('COALESCE', 'LEAST', 'GREATEST'), t, t),
        searchedCase(t),
      ),
      boolean: choose(
        name('vip', 'TRUE', 'FALSE', 'NULL'),
        binary(n, ['=', '<>', '<', '<=', '>', '>='], n),
        binary(t, ['=', '<>', '<'], t),
        binary(temporal, ['=', '<', '>='], fc.oneof(temporal, dateText)),
        binary(b, ['AND', 'OR'], b),
        b.map((x) => `NOT (${x})`),
        fc.oneof(n, t, b, d, dt).map((x) => `(${x} IS NULL)`),
        call(name('CONTAINS', 'STARTS_WITH', 'ENDS_WITH'), t, t),
        fc.tuple(n, n, n).map(([x, a, c]) => `(${x} IN (${a}, ${c}))`),
        fc.tuple(temporal, dateText, temporal).map(([x, a, c]) => `(${x} NOT BETWEEN ${a} AND ${c})`),
        call(name('IF'), b, b, b),
      ),
      date: choose(
        name('due_date', "DATE('2024-10-01')", "DATE('2024-02-29')", 'NULL'),
        call(name('DATE'), fc.oneof(temporal, dateText)),
        call(name('DATE_ADD'), d, n, name("'day'", "'month'")),
        call(name('IF'), b, d, d),
        call(name('COALESCE', 'LEAST', 'GREATEST'), d, d),
      ),
      datetime: choose(
        name('created_at', 'first_response_at', "DATE_ADD('2024-10-06 09:30', 0, 'minute')", 'NULL'),
        call(name('DATE_ADD'), dt, n, name("'day'", "'hour'", "'minute'", "'month'")),
        call(name('DATE_ADD'), d, n, name("'hour'", "'minute'")),
        call(name('IF'), b, d, dt),
        call(name('COALESCE'), dt, d),
      ),
    };
  });
  const anyValue = fc.oneof(formulas.number, formulas.text, formulas.boolean, formulas.date, formulas.datetime);
  const numericAggregate = fc.oneof(
    fc.tuple(fc.constantFrom('SUM', 'AVG', 'MEDIAN', 'MIN', 'MAX'), formulas.number).map(([f, x]) => `${f}(${x})`),
    fc.tuple(formulas.number, fc.constantFrom('0', '50', '90', '100')).map(([x, p]) => `PERCENTILE(${x}, ${p})`),
    fc.tuple(fc.constantFrom('COUNT', 'COUNT_DISTINCT'), anyValue).map(([f, x]) => `${f}(${x})`),
    fc.constant('COUNT()'),
    fc.tuple(formulas.boolean, formulas.number).map(([c, x]) => `SUM_IF(${c}, ${x})`),
    formulas.boolean.map((c) => `COUNT_IF(${c})`),
  );
  const aggregate = fc.oneof(
    numericAggregate,
    fc.tuple(fc.constantFrom('MIN', 'MAX'), anyValue).map(([f, x]) => `${f}(${x})`),
    fc.tuple(numericAggregate, fc.constantFrom('+', '/', '*'), formulas.number).map(([a, op, x]) => `${a} ${op} ${x}`),
  );
  return fc.oneof(
    ...(['number', 'text', 'boolean', 'date', 'datetime'] as const).map((target) => formulas[target].map((text) => [target, text] as const)),
    aggregate.map((text) => ['aggregate', text] as const),
  );
})();

describe('properties', () => {
  it('binds any text literal as a parameter and gets it back unchanged', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const compiled = compileExpression(`region & ${quoteString(s)}`, scope);
        expect(compiled.sql).toBe('("region" || ?)');
        expect(compiled.params).toEqual([s]);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(hostileText, (s) => {
        expect(value(quoteString(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('writes any bracketed field name only as the scope resolves it', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const asked: string[] = [];
        const resolver: ExpressionScope = {
          resolve: (name): ExprField | undefined => {
            asked.push(name);
            return name === s ? { sql: '"f"', type: 'text' } : undefined;
          },
        };
        const compiled = compileExpression(`${bracketField(s)} & ${bracketField(s)}`, resolver);
        expect(compiled).toMatchObject({ sql: '("f" || "f")', params: [], fields: [s] });
        expect(asked).toEqual([s, s]);
      }),
      { numRuns: 500 },
    );
  });

  it('compiles any text or throws a RootwiseError, and never lets a literal into the SQL', () => {
    const marker = '⟦x\';--⟧';
    const pieces = [
      ...HOSTILE,
      ...Object.keys(COLUMNS),
      ...EXPRESSION_FUNCTION_NAMES.map((f) => `${f}(`),
      ...['1', '2.5', '0', 'NULL', 'TRUE', 'FALSE', "'2024-10-01'", "'day'", quoteString(marker), `"${marker}"`],
      ...['+', '-', '*', '/', '%', '&', '=', '==', '!=', '<>', '<', '<=', '>', '>=', 'AND', 'OR', 'NOT', 'IS', 'IN', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE'],
    ];
    const soup = fc.oneof(
      fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(' ')),
      fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join('')),
      anyText,
    );
    fc.assert(
      fc.property(soup, (text) => {
        const compiled = compileOrRootwiseError(text);
        if (compiled === undefined) return;
        expect(compiled.sql).not.toContain('⟦');
        expect(compiled.sql).not.toContain(';');
        expect(compiled.sql).not.toContain('--');
        expect(compiled.sql).not.toContain('/*');
      }),
      { numRuns: 3000 },
    );
  });

  it('compiles every well-typed formula and runs it, each part giving the type it promised', () => {
    const fragmentValues = (fragment: { readonly sql: string; readonly params: readonly Cell[] }): unknown[] =>
      db
        .prepare(`SELECT ${fragment.sql} FROM t`)
        .pluck()
        .all(...fragment.params);
    fc.assert(
      fc.property(WELL_TYPED, ([target, text]) => {
        const compiled = compileExpression(text, scope);
        const promised: readonly ExprType[] = target === 'aggregate' ? [compiled.type] : ACCEPTED[target];
        expect(promised).toContain(compiled.type);
        expect(compiled.aggregate).toBe(target === 'aggregate');
        // every part, not only the whole: a wrong type inside is hidden once something wraps it
        const parts: ExprNode[] = [];
        const collect = (node: ExprNode): void => {
          parts.push(node);
          childrenOf(node).forEach(collect);
        };
        collect(parseExpression(text));
        for (const part of parts) {
          const checked = checkExpression(part, scope);
          const fragment = part === parts[0] ? compiled : generateExpression(checked.expr, sqliteExpressionDialect);
          for (const v of fragmentValues(fragment)) {
            if (!fitsType(v, checked.expr.type)) expect.fail(`${text}: ${fragment.sql} gave ${JSON.stringify(v)}, not ${checked.expr.type}`);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});
