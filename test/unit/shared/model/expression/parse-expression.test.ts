import { describe, expect, it } from 'vitest';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import type { ExprNode } from '../../../../../shared/model/expression/expression-ast';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, parseExpression } from '../../../../../shared/model/expression/parse-expression';

/** The tree as compact S-expressions, columns left out: operators and calls show their operands. */
function shape(node: ExprNode): string {
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'string':
      return JSON.stringify(node.value);
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
    case 'field':
      return `[${node.name}]`;
    case 'unary':
      return `(${node.op} ${shape(node.operand)})`;
    case 'binary':
      return `(${node.op} ${shape(node.left)} ${shape(node.right)})`;
    case 'isNull':
      return `(${node.negated ? 'IS NOT NULL' : 'IS NULL'} ${shape(node.operand)})`;
    case 'in':
      return `(${node.negated ? 'NOT IN' : 'IN'} ${shape(node.operand)} ${node.values.map(shape).join(' ')})`;
    case 'between':
      return `(${node.negated ? 'NOT BETWEEN' : 'BETWEEN'} ${shape(node.operand)} ${shape(node.low)} ${shape(node.high)})`;
    case 'call':
      return `${node.name}(${node.args.map(shape).join(' ')})`;
    case 'case': {
      const subject = node.subject === undefined ? '' : ` ${shape(node.subject)}`;
      const branches = node.branches.map((b) => ` WHEN ${shape(b.when)} THEN ${shape(b.then)}`).join('');
      const otherwise = node.otherwise === undefined ? '' : ` ELSE ${shape(node.otherwise)}`;
      return `(CASE${subject}${branches}${otherwise})`;
    }
  }
}

const parsed = (text: string): string => shape(parseExpression(text));

function failure(text: string): { key: string; params: Readonly<Record<string, string | number>> } {
  try {
    parseExpression(text);
  } catch (error) {
    expect(error).toBeInstanceOf(RootwiseError);
    const { key, params } = error as RootwiseError;
    return { key, params };
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseExpression: literals and fields', () => {
  it('reads numbers in every accepted spelling', () => {
    expect(['12', '3.5', '1e3', '.5', '2E-2', '1.e2', '7.', '0012'].map(parsed)).toEqual(['12', '3.5', '1000', '0.5', '0.02', '100', '7', '12']);
  });

  it('reads single- and double-quoted strings with doubled quotes as escapes', () => {
    expect(parsed("'it''s'")).toBe(JSON.stringify("it's"));
    expect(parsed('"say ""hi"""')).toBe(JSON.stringify('say "hi"'));
    expect(parsed(`'a "b" c'`)).toBe(JSON.stringify('a "b" c'));
    expect(parsed("''")).toBe('""');
    expect(parsed("'满意; DROP TABLE t; --'")).toBe(JSON.stringify('满意; DROP TABLE t; --'));
  });

  it('reads TRUE, FALSE and NULL in any case', () => {
    expect(parsed('true')).toBe('TRUE');
    expect(parsed('False')).toBe('FALSE');
    expect(parsed('nUlL')).toBe('NULL');
  });

  it('reads bare, CJK and bracketed field names', () => {
    expect(parsed('first_response_at')).toBe('[first_response_at]');
    expect(parsed('满意度')).toBe('[满意度]');
    expect(parsed('_x2')).toBe('[_x2]');
    expect(parsed('[First response at]')).toBe('[First response at]');
    expect(parsed('[首次响应时间]')).toBe('[首次响应时间]');
    expect(parseExpression('[a]]b]')).toEqual({ kind: 'field', name: 'a]b', column: 1 });
    expect(parseExpression("[it's \"x\" (y)]")).toEqual({ kind: 'field', name: 'it\'s "x" (y)', column: 1 });
    // a keyword in brackets is a field; a function name without a call is a field too
    expect(parsed('[end]')).toBe('[end]');
    expect(parsed('year')).toBe('[year]');
  });
});

describe('parseExpression: operators', () => {
  it('orders OR < AND < NOT < comparison < & < + - < * / % < unary minus', () => {
    expect(parsed('a OR b AND c')).toBe('(OR [a] (AND [b] [c]))');
    expect(parsed('NOT a = b AND c')).toBe('(AND (NOT (= [a] [b])) [c])');
    expect(parsed('a = b & c')).toBe('(= [a] (& [b] [c]))');
    expect(parsed('a & b + c')).toBe('(& [a] (+ [b] [c]))');
    expect(parsed('1 + 2 * 3 - 4 / 5 % 6')).toBe('(- (+ 1 (* 2 3)) (% (/ 4 5) 6))');
    expect(parsed('-a * b')).toBe('(* (- [a]) [b])');
    expect(parsed('- -a')).toBe('(- (- [a]))');
    expect(parsed('(1 + 2) * 3')).toBe('(* (+ 1 2) 3)');
  });

  it('associates arithmetic to the left', () => {
    expect(parsed('a - b - c')).toBe('(- (- [a] [b]) [c])');
    expect(parsed('a / b * c')).toBe('(* (/ [a] [b]) [c])');
    expect(parsed("a & '-' & b")).toBe('(& (& [a] "-") [b])');
  });

  it('normalises comparison spellings', () => {
    expect(['a = 1', 'a == 1', 'a != 1', 'a <> 1', 'a < 1', 'a <= 1', 'a > 1', 'a >= 1'].map(parsed)).toEqual([
      '(= [a] 1)',
      '(= [a] 1)',
      '(<> [a] 1)',
      '(<> [a] 1)',
      '(< [a] 1)',
      '(<= [a] 1)',
      '(> [a] 1)',
      '(>= [a] 1)',
    ]);
    expect(parsed('a and b or not c')).toBe('(OR (AND [a] [b]) (NOT [c]))');
  });

  it('reads IS [NOT] NULL, [NOT] IN and [NOT] BETWEEN', () => {
    expect(parsed('a IS NULL')).toBe('(IS NULL [a])');
    expect(parsed('a is not null AND b')).toBe('(AND (IS NOT NULL [a]) [b])');
    expect(parsed("region IN ('四川', '广东')")).toBe('(IN [region] "四川" "广东")');
    expect(parsed('x NOT IN (1)')).toBe('(NOT IN [x] 1)');
    expect(parsed('x BETWEEN 1 AND 2 AND y')).toBe('(AND (BETWEEN [x] 1 2) [y])');
    expect(parsed('x NOT BETWEEN a + 1 AND b * 2')).toBe('(NOT BETWEEN [x] (+ [a] 1) (* [b] 2))');
  });

  it('reads calls with any number of arguments, keeping the name as written', () => {
    expect(parsed('count()')).toBe('count()');
    expect(parsed("IF(a > 1, 'hi', NULL)")).toBe('IF((> [a] 1) "hi" NULL)');
    expect(parsed('Round(Avg([First response at]), 2)')).toBe('Round(Avg([First response at]) 2)');
  });

  it('reads both CASE forms', () => {
    expect(parsed("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END")).toBe('(CASE WHEN (> [a] 1) THEN "x" WHEN (> [a] 0) THEN "y" ELSE "z")');
    expect(parsed("case region when 'a' then 1 end")).toBe('(CASE [region] WHEN "a" THEN 1)');
  });
});

describe('parseExpression: columns', () => {
  it('puts every node at the character the user would point at', () => {
    expect(parseExpression("IF([a b] >= 1, 'x')")).toEqual({
      kind: 'call',
      name: 'IF',
      column: 1,
      args: [
        { kind: 'binary', op: '>=', column: 10, left: { kind: 'field', name: 'a b', column: 4 }, right: { kind: 'number', value: 1, column: 13 } },
        { kind: 'string', value: 'x', column: 16 },
      ],
    });
    expect(parseExpression('NOT x IS NULL')).toEqual({
      kind: 'unary',
      op: 'NOT',
      column: 1,
      operand: { kind: 'isNull', negated: false, column: 7, operand: { kind: 'field', name: 'x', column: 5 } },
    });
    expect(parseExpression('CASE x WHEN 1 THEN 2 END').column).toBe(1);
    expect(parseExpression('a NOT IN (1)').column).toBe(3);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(parseExpression("'😀😀' & 满意度")).toMatchObject({ column: 6, right: { column: 8 } });
  });
});

describe('parseExpression: errors', () => {
  it('refuses empty and whitespace-only formulas', () => {
    expect(failure('')).toEqual({ key: 'error.expression.empty', params: {} });
    expect(failure(' \t\n\u3000')).toEqual({ key: 'error.expression.empty', params: {} });
  });

  it(`refuses more than ${MAX_EXPRESSION_LENGTH} characters`, () => {
    const atLimit = `1${' '.repeat(MAX_EXPRESSION_LENGTH - 1)}`;
    expect(parsed(atLimit)).toBe('1');
    expect(failure(`${atLimit} `)).toEqual({ key: 'error.expression.tooLong', params: { max: 4000 } });
    expect(failure('满'.repeat(MAX_EXPRESSION_LENGTH + 1))).toEqual({ key: 'error.expression.tooLong', params: { max: 4000 } });
    expect(failure('x'.repeat(100_000))).toEqual({ key: 'error.expression.tooLong', params: { max: 4000 } });
  });

  it(`refuses nesting deeper than ${MAX_EXPRESSION_DEPTH}, however it is nested`, () => {
    const tooDeep = { key: 'error.expression.tooDeep', params: { max: 64 } };
    const parens = (n: number): string => `${'('.repeat(n)}1${')'.repeat(n)}`;
    expect(parsed(parens(64))).toBe('1');
    expect(failure(parens(65))).toEqual(tooDeep);
    expect(failure(parens(1999))).toEqual(tooDeep);
    expect(parsed(`${'-'.repeat(63)}1`)).toMatch(/^\(- /);
    expect(failure(`${'- '.repeat(65)}1`)).toEqual(tooDeep);
    expect(failure(`${'-'.repeat(3999)}1`)).toEqual(tooDeep);
    expect(failure(`${'ABS('.repeat(65)}1${')'.repeat(65)}`)).toEqual(tooDeep);
    expect(failure(`${'NOT '.repeat(65)}x`)).toEqual(tooDeep);
    // a flat chain nests in SQL just the same
    expect(parsed(Array(65).fill('1').join('+'))).toMatch(/^\(\+ /);
    expect(failure(Array(66).fill('1').join('+'))).toEqual(tooDeep);
    expect(failure(Array(700).fill('a').join(' OR '))).toEqual(tooDeep);
  });

  it('reports an unexpected token with its column', () => {
    expect(failure('1 2')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '2', column: 3 } });
    expect(failure('a $ b')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '$', column: 3 } });
    expect(failure('a ! b')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '!', column: 3 } });
    expect(failure('1)')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: ')', column: 2 } });
    expect(failure('* 2')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '*', column: 1 } });
    expect(failure('1 < x < 5')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '<', column: 7 } });
    expect(failure('x IS NULL = 1')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '=', column: 11 } });
    expect(failure('a NOT b')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: 'b', column: 7 } });
    expect(failure('x IS 5')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '5', column: 6 } });
    expect(failure("x IN 'a'")).toEqual({ key: 'error.expression.unexpectedToken', params: { token: "'a'", column: 6 } });
    expect(failure('CASE ELSE 1 END')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: 'ELSE', column: 6 } });
    expect(failure('CASE WHEN a THEN 1 ELSE 2')).toEqual({ key: 'error.expression.unexpectedEnd', params: { column: 26 } });
    expect(failure('a /* c */')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '*', column: 4 } });
    expect(failure('a; DROP TABLE t')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: ';', column: 2 } });
    expect(failure('x.y')).toEqual({ key: 'error.expression.unexpectedToken', params: { token: '.', column: 2 } });
  });

  it('reports a formula that stops too early at the column after its end', () => {
    expect(failure('1 +')).toEqual({ key: 'error.expression.unexpectedEnd', params: { column: 4 } });
    expect(failure('(1')).toEqual({ key: 'error.expression.unexpectedEnd', params: { column: 3 } });
    expect(failure('IF(a,')).toEqual({ key: 'error.expression.unexpectedEnd', params: { column: 6 } });
    expect(failure('x BETWEEN 1')).toEqual({ key: 'error.expression.unexpectedEnd', params: { column: 12 } });
    expect(failure('CASE WHEN a THEN 1')).toEqual({ key: 'error.expression.unexpectedEnd', params: { column: 19 } });
    expect(failure('NOT')).toEqual({ key: 'error.expression.unexpectedEnd', params: { column: 4 } });
  });

  it('reports unclosed strings and brackets where they start', () => {
    expect(failure("1 & 'abc")).toEqual({ key: 'error.expression.unclosedString', params: { column: 5 } });
    expect(failure('"abc')).toEqual({ key: 'error.expression.unclosedString', params: { column: 1 } });
    expect(failure("'it''")).toEqual({ key: 'error.expression.unclosedString', params: { column: 1 } });
    expect(failure('a + [First response')).toEqual({ key: 'error.expression.unclosedBracket', params: { column: 5 } });
    expect(failure('[a]]')).toEqual({ key: 'error.expression.unclosedBracket', params: { column: 1 } });
  });

  it('reports malformed numbers whole', () => {
    expect(failure('12abc + 1')).toEqual({ key: 'error.expression.badNumber', params: { token: '12abc', column: 1 } });
    expect(failure('1 + 1.2.3')).toEqual({ key: 'error.expression.badNumber', params: { token: '1.2.3', column: 5 } });
    expect(failure('1e')).toEqual({ key: 'error.expression.badNumber', params: { token: '1e', column: 1 } });
    expect(failure('1e+')).toEqual({ key: 'error.expression.badNumber', params: { token: '1e+', column: 1 } });
    expect(failure('1e999')).toEqual({ key: 'error.expression.badNumber', params: { token: '1e999', column: 1 } });
    expect(failure('3天')).toEqual({ key: 'error.expression.badNumber', params: { token: '3天', column: 1 } });
    // a sign after an exponent belongs to the number; anywhere else it is an operator
    expect(parsed('1e-2-1')).toBe('(- 0.01 1)');
  });
});
