/**
 * Turns formula text into an `ExprNode` tree: a tokenizer, then a Pratt parser. Columns count
 * characters (code points), so a CJK field name or an emoji in a string moves them by one each.
 */
import { RootwiseError } from '../../errors/rootwise-error';
import {
  childrenOf,
  type BinaryOperator,
  type CaseBranch,
  type ComparisonOperator,
  type ExprNode,
} from './expression-ast';

export const MAX_EXPRESSION_LENGTH = 4000;
/** Levels of nesting: every operator, call, `CASE` and parenthesis between the top and the
 * deepest leaf counts one, so `a + b + c` is two deep, just as SQLite nests it. */
export const MAX_EXPRESSION_DEPTH = 64;

// ---- tokens -------------------------------------------------------------------------------

const KEYWORDS = ['AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'BETWEEN', 'TRUE', 'FALSE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END'] as const;
type Keyword = (typeof KEYWORDS)[number];
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

const SYMBOLS = ['==', '!=', '<>', '<=', '>=', '=', '<', '>', '&', '+', '-', '*', '/', '%', '(', ')', ','] as const;
type Punctuation = (typeof SYMBOLS)[number];

type Token =
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly column: number }
  | { readonly kind: 'string'; readonly value: string; readonly text: string; readonly column: number }
  | { readonly kind: 'identifier'; readonly name: string; readonly text: string; readonly column: number }
  | { readonly kind: 'field'; readonly name: string; readonly text: string; readonly column: number }
  | { readonly kind: 'keyword'; readonly keyword: Keyword; readonly text: string; readonly column: number }
  | { readonly kind: 'symbol'; readonly symbol: Punctuation; readonly text: string; readonly column: number }
  | { readonly kind: 'end'; readonly text: ''; readonly column: number };

const IDENTIFIER_START = /^[\p{L}\p{Nl}_]$/u;
const IDENTIFIER_PART = /^[\p{L}\p{M}\p{N}_]$/u;
const DIGIT = /^[0-9]$/;
const WHITESPACE = /^\s$/u;
const NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

function tokenize(chars: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (index: number): string => chars[index] ?? '';
  const slice = (from: number, to: number): string => chars.slice(from, to).join('');

  while (i < chars.length) {
    const c = at(i);
    const column = i + 1;
    if (WHITESPACE.test(c)) {
      i++;
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(at(i + 1)))) {
      const start = i;
      // take everything that could belong to the literal, then judge it whole: `12abc` is one bad number
      while (i < chars.length) {
        const d = at(i);
        const afterExponent = (d === '+' || d === '-') && /^[0-9.]*[eE]$/.test(slice(start, i));
        if (d === '.' || IDENTIFIER_PART.test(d) || afterExponent) i++;
        else break;
      }
      const text = slice(start, i);
      const value = Number(text);
      if (!NUMBER.test(text) || !Number.isFinite(value)) throw new RootwiseError('error.expression.badNumber', { token: text, column });
      tokens.push({ kind: 'number', value, text, column });
    } else if (c === "'" || c === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= chars.length) throw new RootwiseError('error.expression.unclosedString', { column });
        const d = at(i);
        if (d === c && at(i + 1) === c) {
          value += c;
          i += 2;
        } else if (d === c) {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', value, text: slice(start, i), column });
    } else if (c === '[') {
      const start = i;
      let name = '';
      i++;
      for (;;) {
        if (i >= chars.length) throw new RootwiseError('error.expression.unclosedBracket', { column });
        const d = at(i);
        if (d === ']' && at(i + 1) === ']') {
          name += ']';
          i += 2;
        } else if (d === ']') {
          i++;
          break;
        } else {
          name += d;
          i++;
        }
      }
      tokens.push({ kind: 'field', name, text: slice(start, i), column });
    } else if (IDENTIFIER_START.test(c)) {
      const start = i;
      while (i < chars.length && IDENTIFIER_PART.test(at(i))) i++;
      const text = slice(start, i);
      const upper = text.toUpperCase();
      if (KEYWORD_SET.has(upper)) tokens.push({ kind: 'keyword', keyword: upper as Keyword, text, column });
      else tokens.push({ kind: 'identifier', name: text, text, column });
    } else {
      const two = c + at(i + 1);
      const symbol = SYMBOLS.find((s) => s === two) ?? SYMBOLS.find((s) => s === c);
      if (symbol === undefined) throw new RootwiseError('error.expression.unexpectedToken', { token: c, column });
      tokens.push({ kind: 'symbol', symbol, text: symbol, column });
      i += symbol.length;
    }
  }
  tokens.push({ kind: 'end', text: '', column: chars.length + 1 });
  return tokens;
}

// ---- parser -------------------------------------------------------------------------------

/** Binding power, lowest first; `NOT` and unary minus bind their operand at their own level. */
const Power = {
  Lowest: 0,
  Or: 1,
  And: 2,
  Not: 3,
  Comparison: 4,
  Concatenation: 5,
  Additive: 6,
  Multiplicative: 7,
  Unary: 8,
} as const;
type Power = (typeof Power)[keyof typeof Power];

const COMPARISONS: Readonly<Partial<Record<Punctuation, ComparisonOperator>>> = {
  '=': '=',
  '==': '=',
  '!=': '<>',
  '<>': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

const ARITHMETIC: Readonly<Partial<Record<Punctuation, { readonly op: BinaryOperator; readonly power: Power }>>> = {
  '&': { op: '&', power: Power.Concatenation },
  '+': { op: '+', power: Power.Additive },
  '-': { op: '-', power: Power.Additive },
  '*': { op: '*', power: Power.Multiplicative },
  '/': { op: '/', power: Power.Multiplicative },
  '%': { op: '%', power: Power.Multiplicative },
};

class Parser {
  private position = 0;
  /** How many sub-expressions we are inside right now; bounds the recursion before a tree exists. */
  private nesting = 0;
  private readonly depths = new WeakMap<ExprNode, number>();

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): ExprNode {
    const node = this.expression(Power.Lowest);
    const next = this.peek();
    if (next.kind !== 'end') this.unexpected(next);
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)]!;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private unexpected(token: Token): never {
    if (token.kind === 'end') throw new RootwiseError('error.expression.unexpectedEnd', { column: token.column });
    throw new RootwiseError('error.expression.unexpectedToken', { token: token.text, column: token.column });
  }

  private isSymbol(token: Token, symbol: Punctuation): boolean {
    return token.kind === 'symbol' && token.symbol === symbol;
  }

  private isKeyword(token: Token, keyword: Keyword): boolean {
    return token.kind === 'keyword' && token.keyword === keyword;
  }

  private expectSymbol(symbol: Punctuation): Token {
    const token = this.advance();
    if (!this.isSymbol(token, symbol)) this.unexpected(token);
    return token;
  }

  private expectKeyword(keyword: Keyword): Token {
    const token = this.advance();
    if (!this.isKeyword(token, keyword)) this.unexpected(token);
    return token;
  }

  /** Parses a sub-expression one level further in. */
  private nested(power: Power): ExprNode {
    this.nesting++;
    if (this.nesting > MAX_EXPRESSION_DEPTH) throw new RootwiseError('error.expression.tooDeep', { max: MAX_EXPRESSION_DEPTH });
    const node = this.expression(power);
    this.nesting--;
    return node;
  }

  private depthOf(node: ExprNode): number {
    return this.depths.get(node) ?? 0;
  }

  private setDepth(node: ExprNode, depth: number): void {
    if (depth > MAX_EXPRESSION_DEPTH) throw new RootwiseError('error.expression.tooDeep', { max: MAX_EXPRESSION_DEPTH });
    this.depths.set(node, depth);
  }

  /** Records a new node's depth: one more than its deepest child (a leaf is 0). */
  private made<T extends ExprNode>(node: T): T {
    const children = childrenOf(node);
    if (children.length > 0) this.setDepth(node, 1 + Math.max(...children.map((c) => this.depthOf(c))));
    return node;
  }

  private expression(minPower: Power): ExprNode {
    let left = this.prefix();
    let leftIsComparison = false;
    for (;;) {
      const token = this.peek();
      const power = this.infixPower(token);
      if (power === undefined || power <= minPower) return left;
      // comparisons do not chain: `1 < x < 5` is a mistake, not `(1 < x) < 5`
      if (power === Power.Comparison && leftIsComparison) this.unexpected(token);
      left = this.infix(left);
      leftIsComparison = power === Power.Comparison;
    }
  }

  private infixPower(token: Token): Power | undefined {
    if (token.kind === 'keyword') {
      switch (token.keyword) {
        case 'OR':
          return Power.Or;
        case 'AND':
          return Power.And;
        case 'IS':
        case 'IN':
        case 'BETWEEN':
        case 'NOT':
          return Power.Comparison;
        default:
          return undefined;
      }
    }
    if (token.kind !== 'symbol') return undefined;
    if (COMPARISONS[token.symbol] !== undefined) return Power.Comparison;
    return ARITHMETIC[token.symbol]?.power;
  }

  private infix(left: ExprNode): ExprNode {
    const token = this.advance();
    const column = token.column;
    if (token.kind === 'keyword') {
      switch (token.keyword) {
        case 'OR':
        case 'AND': {
          const power = token.keyword === 'OR' ? Power.Or : Power.And;
          return this.made({ kind: 'binary', op: token.keyword, left, right: this.nested(power), column });
        }
        case 'IS': {
          const negated = this.isKeyword(this.peek(), 'NOT');
          if (negated) this.advance();
          this.expectKeyword('NULL');
          return this.made({ kind: 'isNull', negated, operand: left, column });
        }
        case 'NOT': {
          const next = this.advance();
          if (this.isKeyword(next, 'IN')) return this.inList(left, true, column);
          if (this.isKeyword(next, 'BETWEEN')) return this.between(left, true, column);
          return this.unexpected(next);
        }
        case 'IN':
          return this.inList(left, false, column);
        case 'BETWEEN':
          return this.between(left, false, column);
        default:
          return this.unexpected(token);
      }
    }
    if (token.kind === 'symbol') {
      const comparison = COMPARISONS[token.symbol];
      if (comparison !== undefined) {
        return this.made({ kind: 'binary', op: comparison, left, right: this.nested(Power.Comparison), column });
      }
      const arithmetic = ARITHMETIC[token.symbol];
      if (arithmetic !== undefined) {
        return this.made({ kind: 'binary', op: arithmetic.op, left, right: this.nested(arithmetic.power), column });
      }
    }
    return this.unexpected(token);
  }

  private inList(operand: ExprNode, negated: boolean, column: number): ExprNode {
    this.expectSymbol('(');
    const values = [this.nested(Power.Lowest)];
    while (this.isSymbol(this.peek(), ',')) {
      this.advance();
      values.push(this.nested(Power.Lowest));
    }
    this.expectSymbol(')');
    return this.made({ kind: 'in', negated, operand, values, column });
  }

  private between(operand: ExprNode, negated: boolean, column: number): ExprNode {
    // the bounds bind tighter than comparisons, so the AND here is BETWEEN's own
    const low = this.nested(Power.Comparison);
    this.expectKeyword('AND');
    const high = this.nested(Power.Comparison);
    return this.made({ kind: 'between', negated, operand, low, high, column });
  }

  private prefix(): ExprNode {
    const token = this.advance();
    const column = token.column;
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value, column };
      case 'string':
        return { kind: 'string', value: token.value, column };
      case 'field':
        return { kind: 'field', name: token.name, column };
      case 'identifier':
        if (this.isSymbol(this.peek(), '(')) return this.call(token.name, column);
        return { kind: 'field', name: token.name, column };
      case 'keyword':
        switch (token.keyword) {
          case 'TRUE':
          case 'FALSE':
            return { kind: 'boolean', value: token.keyword === 'TRUE', column };
          case 'NULL':
            return { kind: 'null', column };
          case 'NOT':
            return this.made({ kind: 'unary', op: 'NOT', operand: this.nested(Power.Not), column });
          case 'CASE':
            return this.caseExpression(column);
          default:
            return this.unexpected(token);
        }
      case 'symbol':
        if (token.symbol === '-') return this.made({ kind: 'unary', op: '-', operand: this.nested(Power.Unary), column });
        if (token.symbol === '(') {
          const inner = this.nested(Power.Lowest);
          this.expectSymbol(')');
          this.setDepth(inner, this.depthOf(inner) + 1);
          return inner;
        }
        return this.unexpected(token);
      case 'end':
        return this.unexpected(token);
    }
  }

  private call(name: string, column: number): ExprNode {
    this.expectSymbol('(');
    const args: ExprNode[] = [];
    if (this.isSymbol(this.peek(), ')')) {
      this.advance();
    } else {
      args.push(this.nested(Power.Lowest));
      while (this.isSymbol(this.peek(), ',')) {
        this.advance();
        args.push(this.nested(Power.Lowest));
      }
      this.expectSymbol(')');
    }
    const node: ExprNode = { kind: 'call', name, args, column };
    // a call is a level of nesting even without arguments
    this.setDepth(node, 1 + Math.max(0, ...args.map((a) => this.depthOf(a))));
    return node;
  }

  private caseExpression(column: number): ExprNode {
    const subject = this.isKeyword(this.peek(), 'WHEN') ? undefined : this.nested(Power.Lowest);
    const branches: CaseBranch[] = [];
    do {
      this.expectKeyword('WHEN');
      const when = this.nested(Power.Lowest);
      this.expectKeyword('THEN');
      branches.push({ when, then: this.nested(Power.Lowest) });
    } while (this.isKeyword(this.peek(), 'WHEN'));
    let otherwise: ExprNode | undefined;
    if (this.isKeyword(this.peek(), 'ELSE')) {
      this.advance();
      otherwise = this.nested(Power.Lowest);
    }
    this.expectKeyword('END');
    return this.made({ kind: 'case', subject, branches, otherwise, column });
  }
}

/** Parses formula text; throws a RootwiseError (`error.expression.*`) with the column at fault. */
export function parseExpression(text: string): ExprNode {
  // a string of more than twice the limit in UTF-16 units has more than the limit in code points
  if (text.length > 2 * MAX_EXPRESSION_LENGTH) throw new RootwiseError('error.expression.tooLong', { max: MAX_EXPRESSION_LENGTH });
  const chars = Array.from(text);
  if (chars.length > MAX_EXPRESSION_LENGTH) throw new RootwiseError('error.expression.tooLong', { max: MAX_EXPRESSION_LENGTH });
  if (text.trim() === '') throw new RootwiseError('error.expression.empty');
  return new Parser(tokenize(chars)).parse();
}
