import { describe, expect, it } from 'vitest';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import {
  compileExpression,
  parseTemporalLiteral,
  referencedFields,
  scopeOfFields,
  type ExprField,
  type ExprType,
} from '../../../../../shared/model/expression/compile-expression';
import { sql, sqliteExpressionDialect, type ExpressionDialect } from '../../../../../shared/model/expression/expression-dialect';
import { EXPRESSION_FUNCTION_NAMES } from '../../../../../shared/model/expression/expression-functions';

const FIELDS: Readonly<Record<string, Omit<ExprField, 'name'>>> = {
  csat: { sql: '"csat"', type: 'number' },
  reopen_count: { sql: '"reopen_count"', type: 'number' },
  region: { sql: '"region"', type: 'text' },
  channel: { sql: '"channel"', type: 'text' },
  vip: { sql: '"vip"', type: 'boolean' },
  created_at: { sql: '"created_at"', type: 'datetime' },
  first_response_at: { sql: '"first_response_at"', type: 'datetime' },
  due_date: { sql: '"due_date"', type: 'date' },
  满意度: { sql: '"满意度"', type: 'number' },
  'First response at': { sql: '"First response at"', type: 'datetime' },
  'a]"; DROP TABLE t; --': { sql: '"a]""; DROP TABLE t; --"', type: 'text' },
};
const scope = scopeOfFields(Object.entries(FIELDS));

/** The `?` placeholders in SQL, not counting a '?' inside a quoted string. */
function placeholders(text: string): number {
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, '').split('?').length - 1;
}

/** [sql, params] of a formula, the golden-test form. */
function golden(text: string): [string, readonly (string | number | null)[]] {
  const compiled = compileExpression(text, scope);
  expect(placeholders(compiled.sql)).toBe(compiled.params.length);
  return [compiled.sql, compiled.params];
}

const typeOf = (text: string): ExprType => compileExpression(text, scope).type;

function failure(text: string): { key: string; params: Readonly<Record<string, string | number>> } {
  try {
    compileExpression(text, scope);
  } catch (error) {
    expect(error).toBeInstanceOf(RootwiseError);
    const { key, params } = error as RootwiseError;
    return { key, params };
  }
  throw new Error(`expected ${text} to fail`);
}

describe('compileExpression: golden SQL', () => {
  it('binds every literal and writes fields only as the scope gives them', () => {
    expect(golden("region = '四川' AND csat >= 4")).toEqual(['(("region" = ?) AND ("csat" >= ?))', ['四川', 4]]);
    expect(golden("[a]]\"; DROP TABLE t; --] & 'x'")).toEqual(['("a]""; DROP TABLE t; --" || ?)', ['x']]);
    expect(golden("'; DROP TABLE t; --'")).toEqual(['?', ['; DROP TABLE t; --']]);
    expect(golden('[满意度] + 满意度')).toEqual(['("满意度" + "满意度")', []]);
    expect(golden('TRUE OR FALSE OR NULL')).toEqual(['((1 OR 0) OR NULL)', []]);
  });

  it('writes arithmetic with real division and a fractional remainder', () => {
    expect(golden('csat / reopen_count')).toEqual(['("csat" * 1.0 / "reopen_count")', []]);
    expect(golden('(csat + 1) * 2 - 3 % 2')).toEqual(['((("csat" + ?) * ?) - mod(?, ?))', [1, 2, 3, 2]]);
    expect(golden('-5 + - -csat')).toEqual(['(? + (- (- "csat")))', [-5]]);
  });

  it('turns numbers into text for & and CONCAT, and keeps NULL rules apart', () => {
    const csatText = `CASE typeof("csat") WHEN 'real' THEN printf('%.15g', "csat") ELSE CAST("csat" AS TEXT) END`;
    expect(golden("region & '-' & csat")).toEqual([`(("region" || ?) || ${csatText})`, ['-']]);
    expect(golden('CONCAT(region, csat, due_date)')).toEqual([`concat("region", ${csatText}, "due_date")`, []]);
    expect(golden('TEXT(csat)')).toEqual([csatText, []]);
    expect(golden('TEXT(region)')).toEqual(['"region"', []]);
  });

  it('writes IF and both CASE forms', () => {
    expect(golden("IF(vip, 'VIP', 'Normal')")).toEqual(['CASE WHEN "vip" THEN ? ELSE ? END', ['VIP', 'Normal']]);
    expect(golden('IF(csat > 3, csat)')).toEqual(['CASE WHEN ("csat" > ?) THEN "csat" END', [3]]);
    expect(golden("CASE WHEN csat >= 4 THEN 'good' WHEN csat <= 2 THEN 'bad' ELSE 'ok' END")).toEqual([
      'CASE WHEN ("csat" >= ?) THEN ? WHEN ("csat" <= ?) THEN ? ELSE ? END',
      [4, 'good', 2, 'bad', 'ok'],
    ]);
    expect(golden("CASE region WHEN '四川' THEN 1 WHEN '广东' THEN 2 END")).toEqual(['CASE "region" WHEN ? THEN ? WHEN ? THEN ? END', ['四川', 1, '广东', 2]]);
    expect(golden('COALESCE(csat, reopen_count, 0)')).toEqual(['coalesce("csat", "reopen_count", ?)', [0]]);
    expect(golden("IFNULL(region, '-')")).toEqual(['coalesce("region", ?)', ['-']]);
    expect(golden('NULLIF(csat, 0)')).toEqual(['nullif("csat", ?)', [0]]);
  });

  it('writes IS NULL, IN and BETWEEN', () => {
    expect(golden('NOT vip AND csat IN (1, 2) OR region IS NOT NULL')).toEqual([
      '(((NOT "vip") AND ("csat" IN (?, ?))) OR ("region" IS NOT NULL))',
      [1, 2],
    ]);
    expect(golden("channel NOT IN ('phone') AND csat NOT BETWEEN 2 AND 4 AND region IS NULL")).toEqual([
      '((("channel" NOT IN (?)) AND ("csat" NOT BETWEEN ? AND ?)) AND ("region" IS NULL))',
      ['phone', 2, 4],
    ]);
  });

  it('meets dates with datetimes at midnight and normalises date literals', () => {
    expect(golden('due_date < created_at')).toEqual(['(datetime("due_date") < "created_at")', []]);
    expect(golden("created_at >= '2024-10-01'")).toEqual(['("created_at" >= ?)', ['2024-10-01 00:00:00']]);
    expect(golden("due_date = '2024-10-01'")).toEqual(['("due_date" = ?)', ['2024-10-01']]);
    expect(golden("due_date BETWEEN '2024-01-01' AND '2024-12-31T10:00'")).toEqual([
      '(datetime("due_date") BETWEEN ? AND ?)',
      ['2024-01-01 00:00:00', '2024-12-31 10:00:00'],
    ]);
    expect(golden("created_at IN ('2024-10-01', '2024-10-02 08:30:15')")).toEqual(['("created_at" IN (?, ?))', ['2024-10-01 00:00:00', '2024-10-02 08:30:15']]);
    expect(golden('COALESCE(due_date, created_at)')).toEqual(['coalesce(datetime("due_date"), "created_at")', []]);
    expect(golden("IF(vip, due_date, '2024-01-01')")).toEqual(['CASE WHEN "vip" THEN "due_date" ELSE ? END', ['2024-01-01']]);
  });

  it('writes date parts, differences and DATE_ADD', () => {
    expect(golden('YEAR(created_at)')).toEqual([`CAST(strftime('%Y', "created_at") AS INTEGER)`, []]);
    expect(golden('QUARTER(due_date)')).toEqual([`((CAST(strftime('%m', "due_date") AS INTEGER) + 2) / 3)`, []]);
    expect(golden('WEEKDAY(created_at)')).toEqual([`CAST(strftime('%u', "created_at") AS INTEGER)`, []]);
    expect(golden('DATE([First response at])')).toEqual(['date("First response at")', []]);
    expect(golden("HOUR('2024-10-01 08:30')")).toEqual([`CAST(strftime('%H', ?) AS INTEGER)`, ['2024-10-01 08:30:00']]);
    expect(golden('MINUTES_BETWEEN(created_at, first_response_at)')).toEqual(['((unixepoch("first_response_at") - unixepoch("created_at")) / 60.0)', []]);
    expect(golden('HOURS_BETWEEN(created_at, due_date)')).toEqual(['((unixepoch("due_date") - unixepoch("created_at")) / 3600.0)', []]);
    expect(golden("DAYS_BETWEEN('2024-01-01', due_date)")).toEqual(['((unixepoch("due_date") - unixepoch(?)) / 86400.0)', ['2024-01-01']]);
    const inRange = (shifted: string): string => `CASE WHEN ${shifted} >= '0000' THEN ${shifted} END`;
    expect(golden("DATE_ADD(due_date, 1, 'Month')")).toEqual([inRange(`date("due_date", CAST(CAST(? AS INTEGER) AS TEXT) || ' months', 'floor')`), [1, 1]]);
    expect(golden("DATE_ADD(due_date, -2, 'day')")).toEqual([inRange(`date("due_date", CAST(? AS TEXT) || ' days')`), [-2, -2]]);
    expect(golden("DATE_ADD(due_date, 3, 'hour')")).toEqual([inRange(`datetime("due_date", CAST(? AS TEXT) || ' hours')`), [3, 3]]);
    expect(golden("DATE_ADD(created_at, csat, 'minute')")).toEqual([inRange(`datetime("created_at", CAST("csat" AS TEXT) || ' minutes')`), []]);
  });

  it('writes business time as the engine-registered function', () => {
    expect(golden('BUSINESS_MINUTES(created_at, first_response_at)')).toEqual(['rw_business_minutes("created_at", "first_response_at")', []]);
    expect(golden('BUSINESS_HOURS(due_date, first_response_at)')).toEqual(['(rw_business_minutes(datetime("due_date"), "first_response_at") / 60.0)', []]);
  });

  it('writes text functions without patterns the user could inject', () => {
    expect(golden('LEN(TRIM(UPPER(LOWER(region))))')).toEqual(['length(trim(upper(lower("region"))))', []]);
    expect(golden('LEFT(region, 2) & RIGHT(region, 2)')).toEqual(['(substr("region", 1, ?) || substr("region", -(?), ?))', [2, 2, 2]]);
    expect(golden('SUBSTR(region, 2) & SUBSTR(region, 2, 3)')).toEqual(['(substr("region", ?) || substr("region", ?, ?))', [2, 2, 3]]);
    expect(golden("CONTAINS(region, '川')")).toEqual(['(instr("region", ?) > 0)', ['川']]);
    expect(golden("STARTS_WITH(region, 'a*')")).toEqual([`("region" GLOB replace(replace(replace(?, '[', '[[]'), '*', '[*]'), '?', '[?]') || '*')`, ['a*']]);
    expect(golden("ENDS_WITH(region, '[x]')")).toEqual([`("region" GLOB '*' || replace(replace(replace(?, '[', '[[]'), '*', '[*]'), '?', '[?]'))`, ['[x]']]);
    expect(golden("REPLACE(region, 'a', 'b')")).toEqual(['replace("region", ?, ?)', ['a', 'b']]);
    expect(golden('NUMBER(region)')).toEqual([
      'CASE WHEN trim("region") = CAST(trim("region") AS NUMERIC) THEN CAST(trim("region") AS NUMERIC) END',
      [],
    ]);
  });

  it('writes math functions', () => {
    expect(golden('ROUND(csat) + ROUND(csat, 1)')).toEqual(['(round("csat") + round("csat", ?))', [1]]);
    expect(golden('ABS(FLOOR(CEIL(SQRT(csat))))')).toEqual(['abs(floor(ceil(sqrt("csat"))))', []]);
    expect(golden('POWER(csat, 2)')).toEqual(['power("csat", ?)', [2]]);
    expect(golden('LEAST(csat, 3, vip) + GREATEST(csat, 1)')).toEqual(['(min("csat", ?, "vip") + max("csat", ?))', [3, 1]]);
  });

  it('writes aggregates and flags the formula as aggregate', () => {
    const aggregate = (text: string): boolean => compileExpression(text, scope).aggregate;
    expect(golden('COUNT()')).toEqual(['COUNT(*)', []]);
    expect(golden('COUNT(csat) + COUNT_DISTINCT(region)')).toEqual(['(COUNT("csat") + COUNT(DISTINCT "region"))', []]);
    expect(golden('SUM(vip) / AVG(csat)')).toEqual(['(SUM("vip") * 1.0 / AVG("csat"))', []]);
    expect(golden('MAX(created_at)')).toEqual(['MAX("created_at")', []]);
    expect(golden('MEDIAN(csat) - PERCENTILE(csat, 90)')).toEqual([
      '(median(nullif(nullif("csat", 1e999), -1e999)) - percentile(nullif(nullif("csat", 1e999), -1e999), ?))',
      [90],
    ]);
    expect(golden("SUM_IF(vip, csat) / COUNT_IF(region = 'x')")).toEqual([
      '(SUM(CASE WHEN "vip" THEN "csat" END) * 1.0 / SUM(CASE WHEN ("region" = ?) THEN 1 ELSE 0 END))',
      ['x'],
    ]);
    expect(golden('ROUND(AVG(csat), 2)')).toEqual(['round(AVG("csat"), ?)', [2]]);
    expect(aggregate('ROUND(AVG(csat), 2)')).toBe(true);
    expect(aggregate('count() * 100')).toBe(true);
    expect(aggregate('ROUND(csat, 2)')).toBe(false);
  });

  it('keeps placeholders in step with params when an argument is repeated', () => {
    expect(golden("RIGHT(region & 'x', LEN('ab')) & TEXT(LEN('z') + 1)")).toEqual([
      '(substr(("region" || ?), -(length(?)), length(?)) || ' +
        "CASE typeof((length(?) + ?)) WHEN 'real' THEN printf('%.15g', (length(?) + ?)) ELSE CAST((length(?) + ?) AS TEXT) END)",
      ['x', 'ab', 'ab', 'z', 1, 'z', 1, 'z', 1],
    ]);
    expect(golden("NUMBER(region & '1') + 0")).toEqual([
      '(CASE WHEN trim(("region" || ?)) = CAST(trim(("region" || ?)) AS NUMERIC) THEN CAST(trim(("region" || ?)) AS NUMERIC) END + ?)',
      ['1', '1', '1', 0],
    ]);
  });

  it('uses the dialect it is given', () => {
    const dialect: ExpressionDialect = { ...sqliteExpressionDialect, name: 'test', divide: (a, b) => sql`div(${a}, ${b})` };
    expect(compileExpression('csat / 2', scope, dialect).sql).toBe('div("csat", ?)');
  });
});

describe('compileExpression: fields', () => {
  it('lists the fields read, once each, in order of first use', () => {
    expect(compileExpression('IF(vip, csat, reopen_count) + csat + [满意度]', scope).fields).toEqual(['vip', 'csat', 'reopen_count', '满意度']);
    expect(compileExpression("CASE WHEN vip THEN region WHEN csat > 1 THEN channel ELSE 'x' END", scope).fields).toEqual(['vip', 'region', 'csat', 'channel']);
    expect(compileExpression('CASE due_date WHEN created_at THEN csat END', scope).fields).toEqual(['due_date', 'created_at', 'csat']);
    expect(compileExpression('1 + 2', scope).fields).toEqual([]);
  });

  it('resolves exactly first, then ignoring case, and reports the field by its own name', () => {
    const mixed = scopeOfFields([
      ['CSAT', { sql: '"CSAT"', type: 'number' }],
      ['csat', { sql: '"csat"', type: 'number' }],
      ['Region', { sql: '"Region"', type: 'text' }],
    ]);
    expect(compileExpression('CSAT + csat', mixed).sql).toBe('("CSAT" + "csat")');
    expect(compileExpression("[region] & REGION", mixed)).toMatchObject({ sql: '("Region" || "Region")', fields: ['Region'] });
    // two fields differ only in case: a third spelling names neither
    expect(() => compileExpression('Csat', mixed)).toThrow(expect.objectContaining({ key: 'error.expression.unknownField' }));
  });

  it('asks a caller-supplied scope once per reference', () => {
    const asked: string[] = [];
    const custom = { resolve: (name: string): ExprField | undefined => (asked.push(name), name === 'x' ? { sql: 't."x"', type: 'number' } : undefined) };
    expect(compileExpression('x * x', custom).sql).toBe('(t."x" * t."x")');
    expect(asked).toEqual(['x', 'x']);
  });

  it('lists references without a scope for dependency checks', () => {
    expect(referencedFields('IF([First response at] > created_at, nope, [First response at])')).toEqual(['First response at', 'created_at', 'nope']);
    expect(referencedFields("SUM(x) / COUNT() & 'y'")).toEqual(['x']);
    expect(() => referencedFields('1 +')).toThrow(RootwiseError);
  });
});

describe('compileExpression: types', () => {
  it('gives each formula its result type', () => {
    expect(typeOf('csat + 1')).toBe('number');
    expect(typeOf("region & ''")).toBe('text');
    expect(typeOf('csat > 1')).toBe('boolean');
    expect(typeOf('DATE(created_at)')).toBe('date');
    expect(typeOf("DATE_ADD(due_date, 1, 'day')")).toBe('date');
    expect(typeOf("DATE_ADD(due_date, 1, 'minute')")).toBe('datetime');
    expect(typeOf("DATE_ADD(created_at, 1, 'month')")).toBe('datetime');
    expect(typeOf("DATE_ADD(NULL, 1, 'month')")).toBe('null');
    expect(typeOf('NULL')).toBe('null');
    expect(typeOf('IF(vip, NULL)')).toBe('null');
    expect(typeOf('IF(vip, NULL, due_date)')).toBe('date');
    expect(typeOf('IF(vip, due_date, created_at)')).toBe('datetime');
    expect(typeOf('MIN(region)')).toBe('text');
    expect(typeOf('COUNT_IF(vip)')).toBe('number');
  });

  it('treats a boolean as a number, never a number as a condition', () => {
    expect(typeOf('vip + 1')).toBe('number');
    expect(typeOf('SUM(csat > 3) / COUNT()')).toBe('number');
    expect(typeOf('vip = 1')).toBe('boolean');
    expect(typeOf('IF(vip, 1, FALSE)')).toBe('number');
    expect(typeOf('IF(vip, TRUE, FALSE)')).toBe('boolean');
    expect(failure('IF(csat, 1, 0)')).toEqual({
      key: 'error.expression.typeMismatch',
      params: { name: 'IF', column: 1, expected: 'expr.type.boolean', actual: 'expr.type.number' },
    });
    expect(failure('csat AND vip').params).toMatchObject({ name: 'AND', column: 6, expected: 'expr.type.boolean', actual: 'expr.type.number' });
    expect(failure('NOT csat').params).toMatchObject({ name: 'NOT', column: 1 });
    expect(failure('CASE WHEN csat THEN 1 END').params).toMatchObject({ name: 'CASE', column: 1, expected: 'expr.type.boolean' });
    expect(failure('COUNT_IF(csat)').params).toMatchObject({ name: 'COUNT_IF', expected: 'expr.type.boolean', actual: 'expr.type.number' });
  });

  it('refuses comparisons across families', () => {
    expect(failure("csat = 'high'")).toEqual({
      key: 'error.expression.typeMismatch',
      params: { name: '=', column: 6, expected: 'expr.type.number', actual: 'expr.type.text' },
    });
    expect(failure('region <> csat').params).toMatchObject({ name: '<>', expected: 'expr.type.text', actual: 'expr.type.number' });
    expect(failure('created_at > csat').params).toMatchObject({ name: '>', expected: 'expr.type.datetime', actual: 'expr.type.number' });
    expect(failure("region IN ('a', 1)").params).toMatchObject({ name: 'IN', column: 8, expected: 'expr.type.text', actual: 'expr.type.number' });
    expect(failure('csat BETWEEN 1 AND region').params).toMatchObject({ name: 'BETWEEN', column: 6 });
    expect(failure("CASE csat WHEN 'a' THEN 1 END").params).toMatchObject({ name: 'CASE', expected: 'expr.type.number', actual: 'expr.type.text' });
    // a text literal meets a date only when it spells one
    expect(failure("created_at > 'yesterday'").params).toMatchObject({ name: '>', expected: 'expr.type.datetime', actual: 'expr.type.text' });
    expect(failure("due_date = '2024-02-30'").params).toMatchObject({ expected: 'expr.type.date', actual: 'expr.type.text' });
    expect(failure('created_at > region').params).toMatchObject({ actual: 'expr.type.text' });
  });

  it('lets NULL meet anything and compares text literals as text', () => {
    expect(typeOf('csat = NULL')).toBe('boolean');
    expect(typeOf("'2024-01-01' < '2024-02-01'")).toBe('boolean');
    expect(golden("'2024-01-01' < '2024-02-01'")).toEqual(['(? < ?)', ['2024-01-01', '2024-02-01']]);
  });

  it('refuses branches of different kinds', () => {
    expect(failure("IF(vip, 1, 'one')")).toEqual({
      key: 'error.expression.mixedTypes',
      params: { name: 'IF', column: 1, expected: 'expr.type.number', actual: 'expr.type.text' },
    });
    expect(failure("1 + CASE WHEN vip THEN region ELSE csat END")).toEqual({
      key: 'error.expression.mixedTypes',
      params: { name: 'CASE', column: 5, expected: 'expr.type.text', actual: 'expr.type.number' },
    });
    expect(failure('COALESCE(created_at, csat)').params).toMatchObject({ name: 'COALESCE', expected: 'expr.type.datetime', actual: 'expr.type.number' });
    expect(failure("LEAST(csat, 'x')").params).toMatchObject({ name: 'LEAST' });
  });

  it('checks every argument kind', () => {
    const mismatch = (text: string): Readonly<Record<string, string | number>> => {
      const error = failure(text);
      expect(error.key).toBe('error.expression.typeMismatch');
      return error.params;
    };
    expect(mismatch('SUM(region)')).toEqual({ name: 'SUM', column: 1, expected: 'expr.type.number', actual: 'expr.type.text' });
    expect(mismatch("1 + 'a'")).toEqual({ name: '+', column: 3, expected: 'expr.type.number', actual: 'expr.type.text' });
    expect(mismatch('-region')).toEqual({ name: '-', column: 1, expected: 'expr.type.number', actual: 'expr.type.text' });
    expect(mismatch('created_at + 1')).toMatchObject({ name: '+', actual: 'expr.type.datetime' });
    expect(mismatch('LEN(csat)')).toEqual({ name: 'LEN', column: 1, expected: 'expr.type.text', actual: 'expr.type.number' });
    expect(mismatch("region & vip")).toEqual({ name: '&', column: 8, expected: 'expr.type.text', actual: 'expr.type.boolean' });
    expect(mismatch('TEXT(vip)')).toMatchObject({ name: 'TEXT', actual: 'expr.type.boolean' });
    expect(mismatch('YEAR(region)')).toEqual({ name: 'YEAR', column: 1, expected: 'expr.type.date', actual: 'expr.type.text' });
    expect(mismatch("month('2024-13-01')")).toEqual({ name: 'MONTH', column: 1, expected: 'expr.type.date', actual: 'expr.type.text' });
    expect(mismatch('DAYS_BETWEEN(created_at, 5)')).toMatchObject({ name: 'DAYS_BETWEEN', actual: 'expr.type.number' });
    expect(mismatch('BUSINESS_MINUTES(created_at, csat)')).toMatchObject({ name: 'BUSINESS_MINUTES', expected: 'expr.type.datetime' });
    expect(mismatch("DATE_ADD(created_at, '1', 'day')")).toMatchObject({ name: 'DATE_ADD', expected: 'expr.type.number', actual: 'expr.type.text' });
    expect(mismatch('NUMBER(csat)')).toMatchObject({ name: 'NUMBER', expected: 'expr.type.text' });
    expect(mismatch('SUM_IF(vip, region)')).toMatchObject({ name: 'SUM_IF', expected: 'expr.type.number' });
  });
});

describe('compileExpression: errors', () => {
  it('names an unknown field and where it is', () => {
    expect(failure('csat + [Resolution time]')).toEqual({ key: 'error.expression.unknownField', params: { field: 'Resolution time', column: 8 } });
    expect(failure('IF(vip, 满意, 1)')).toEqual({ key: 'error.expression.unknownField', params: { field: '满意', column: 9 } });
  });

  it('names an unknown function; TODAY is deliberately missing', () => {
    expect(failure('1 + TODAY()')).toEqual({ key: 'error.expression.unknownFunction', params: { name: 'TODAY', column: 5 } });
    expect(failure('sleep(1)')).toEqual({ key: 'error.expression.unknownFunction', params: { name: 'sleep', column: 1 } });
    expect(failure('load_extension(region)').key).toBe('error.expression.unknownFunction');
  });

  it('says how many arguments a function takes', () => {
    const count = (text: string): Readonly<Record<string, string | number>> => {
      const error = failure(text);
      expect(error.key).toBe('error.expression.argumentCount');
      return error.params;
    };
    expect(count('ABS()')).toEqual({ name: 'ABS', expected: '1', actual: 0, column: 1 });
    expect(count('csat + left(region)')).toEqual({ name: 'LEFT', expected: '2', actual: 1, column: 8 });
    expect(count('IF(vip)')).toMatchObject({ expected: '2–3', actual: 1 });
    expect(count('SUBSTR(region, 1, 2, 3)')).toMatchObject({ expected: '2–3', actual: 4 });
    expect(count('COUNT(csat, csat)')).toMatchObject({ expected: '0–1', actual: 2 });
    expect(count('CONCAT()')).toMatchObject({ expected: '1+', actual: 0 });
    expect(count('COALESCE(csat)')).toMatchObject({ expected: '2+', actual: 1 });
    expect(count('GREATEST(csat)')).toMatchObject({ expected: '2+', actual: 1 });
  });

  it('refuses an aggregate inside an aggregate, naming the inner one', () => {
    expect(failure('SUM(AVG(csat))')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: 'AVG', column: 5 } });
    expect(failure('MAX(ROUND(count(), 1))')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: 'count', column: 11 } });
    expect(compileExpression('SUM(csat) / COUNT()', scope).aggregate).toBe(true);
  });

  it('wants PERCENTILE a number literal from 0 to 100 and DATE_ADD a known unit', () => {
    expect(compileExpression('PERCENTILE(csat, 0) + PERCENTILE(csat, 100)', scope).params).toEqual([0, 100]);
    expect(failure('PERCENTILE(csat, 101)')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '101', column: 18 } });
    expect(failure('PERCENTILE(csat, -1)')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '-1', column: 18 } });
    expect(failure('PERCENTILE(csat, csat)')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: 'csat', column: 18 } });
    expect(failure("DATE_ADD(due_date, 1, 'week')")).toEqual({ key: 'error.expression.unexpectedToken', params: { token: "'week'", column: 23 } });
    expect(failure("DATE_ADD(due_date, 1, region)")).toEqual({ key: 'error.expression.unexpectedToken', params: { token: 'region', column: 23 } });
    expect(failure("DATE_ADD(due_date, 1, 'day'' --')").params).toMatchObject({ token: "'day'' --'" });
  });

  it('passes parse errors through', () => {
    expect(failure('').key).toBe('error.expression.empty');
    expect(failure('csat +').key).toBe('error.expression.unexpectedEnd');
    expect(failure(`${'ABS('.repeat(65)}1${')'.repeat(65)}`).key).toBe('error.expression.tooDeep');
  });

  it('stops when repeated arguments make the SQL explode', () => {
    const nested = Array.from({ length: 20 }).reduce<string>((inner) => `NUMBER(TEXT(${inner}))`, 'csat');
    expect(failure(nested)).toEqual({ key: 'error.expression.tooDeep', params: { max: 64 } });
  });

  it('renders its errors in both languages with the types translated', () => {
    try {
      compileExpression('SUM(region)', scope);
      expect.unreachable();
    } catch (error) {
      const payload = (error as RootwiseError).toPayload();
      expect(payload.message.en).toBe('SUM at column 1 of the formula needs a number, not text.');
      expect(payload.message['zh-CN']).toBe('公式第 1 列的 SUM 需要数字，而不是文本。');
    }
  });
});

describe('temporal literals and the function list', () => {
  it('accepts real dates and datetimes only', () => {
    expect(parseTemporalLiteral('2024-02-29')).toEqual({ type: 'date', value: '2024-02-29' });
    expect(parseTemporalLiteral('2023-02-29')).toBeUndefined();
    expect(parseTemporalLiteral('1900-02-29')).toBeUndefined();
    expect(parseTemporalLiteral('2000-02-29')).toEqual({ type: 'date', value: '2000-02-29' });
    expect(parseTemporalLiteral('2024-10-01T23:59')).toEqual({ type: 'datetime', value: '2024-10-01 23:59:00' });
    expect(parseTemporalLiteral('2024-10-01 24:00')).toBeUndefined();
    expect(parseTemporalLiteral('2024-10-01 10:60:00')).toBeUndefined();
    expect(parseTemporalLiteral('2024-1-01')).toBeUndefined();
    expect(parseTemporalLiteral('2024-00-10')).toBeUndefined();
  });

  it('offers every documented function', () => {
    expect([...EXPRESSION_FUNCTION_NAMES].sort()).toEqual(
      [
        ...['IF', 'COALESCE', 'IFNULL', 'NULLIF'],
        ...['YEAR', 'QUARTER', 'MONTH', 'DAY', 'WEEKDAY', 'HOUR', 'MINUTE', 'DATE', 'DATE_ADD'],
        ...['MINUTES_BETWEEN', 'HOURS_BETWEEN', 'DAYS_BETWEEN', 'BUSINESS_MINUTES', 'BUSINESS_HOURS'],
        ...['LEN', 'LOWER', 'UPPER', 'TRIM', 'LEFT', 'RIGHT', 'SUBSTR', 'CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'REPLACE', 'CONCAT', 'TEXT', 'NUMBER'],
        ...['ROUND', 'ABS', 'FLOOR', 'CEIL', 'SQRT', 'POWER', 'LEAST', 'GREATEST'],
        ...['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX', 'MEDIAN', 'PERCENTILE', 'SUM_IF', 'COUNT_IF'],
      ].sort(),
    );
  });
});
