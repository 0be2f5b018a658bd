/**
 * Compiles a formula (a calculated field or a metric) to a parameterised SQL fragment in three
 * phases:
 *   1. parse: text → `ExprNode` tree (parse-expression.ts);
 *   2. check: resolve fields through the caller's scope, look functions up in the whitelist,
 *      check and convert types → `TypedExpr` tree;
 *   3. generate SQL for a dialect: every literal bound, fields written as the scope's SQL.
 * Nothing the user typed reaches the SQL text except through `ExpressionScope.resolve`.
 *
 * Type rules:
 * - A boolean is a number (TRUE = 1, FALSE = 0) wherever a number is expected: arithmetic,
 *   SUM/AVG, math functions, comparison with a number. A number is never a condition: AND, OR,
 *   NOT, IF, CASE WHEN, SUM_IF and COUNT_IF want a boolean (write `[x] <> 0`).
 * - Comparisons (=, <>, <, …, IN, BETWEEN, simple CASE) need both sides of one family: numbers
 *   (and booleans), text, or dates and datetimes. A date meets a datetime as midnight. A text
 *   literal meets a date or datetime when it spells one ('2024-10-01', '2024-10-01 08:30[:00]').
 * - Branches (IF, CASE, COALESCE, IFNULL, NULLIF, LEAST, GREATEST, MIN, MAX) agree by the same
 *   families: number with boolean gives number, date with datetime gives datetime.
 * - NULL fits anything. `&` turns numbers, dates and datetimes into text and gives NULL when a
 *   side is NULL; CONCAT treats NULL as empty text.
 */
import type { ColumnType } from '../../api/types';
import { RootwiseError } from '../../errors/rootwise-error';
import type { BoundValue } from '../../query/compile-query';
import { childrenOf, type BinaryOperator, type ExprNode } from './expression-ast';
import { bound, joinSql, sql, sqliteExpressionDialect, trusted, type ExpressionDialect, type IntervalUnit, type SqlFragment } from './expression-dialect';
import {
  INTERVAL_UNITS,
  arityLabel,
  lookupFunction,
  type CheckedArg,
  type ExpressionFunction,
  type GeneratedArg,
  type ParamKind,
} from './expression-functions';
import { MAX_EXPRESSION_DEPTH, parseExpression } from './parse-expression';

export type { BoundValue } from '../../query/compile-query';

/** The type of a formula or of a field it reads. Booleans are stored as 0/1, dates as
 * 'YYYY-MM-DD' text, datetimes as 'YYYY-MM-DD HH:MM:SS' text in local wall-clock time. */
export type ExprType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'null';

/** How formulas see a stored column of each type. */
export const EXPR_TYPE_OF_COLUMN: Readonly<Record<ColumnType, ExprType>> = { integer: 'number', real: 'number', boolean: 'boolean', date: 'date', datetime: 'datetime', text: 'text' };

/** A field a formula may read. */
export interface ExprField {
  /** An already-quoted column expression, a single SQL term such as `"csat"` or `t."csat"`. */
  readonly sql: string;
  readonly type: ExprType;
  /** The field's own name when the formula may spell it differently (another case);
   * `CompiledExpression.fields` reports this name. */
  readonly name?: string;
}

/** Where field references are looked up. */
export interface ExpressionScope {
  resolve(name: string): ExprField | undefined;
}

/** A formula as SQL: splice `sql` into a statement and push `params` at that point. */
export interface CompiledExpression {
  readonly sql: string;
  /** The values of the `?` placeholders in `sql`, in order. */
  readonly params: readonly BoundValue[];
  readonly type: ExprType;
  /** The fields read, each once, in order of first use. */
  readonly fields: readonly string[];
  /** True when the formula aggregates (SUM, COUNT, …), so it belongs in a grouped SELECT. */
  readonly aggregate: boolean;
}

/** A scope over named fields: an exact match first, then the one field whose name matches
 * ignoring case (none when several do). */
export function scopeOfFields(fields: Iterable<readonly [string, Omit<ExprField, 'name'>]>): ExpressionScope {
  const exact = new Map<string, ExprField>();
  const folded = new Map<string, ExprField | 'ambiguous'>();
  for (const [name, field] of fields) {
    const entry: ExprField = { ...field, name };
    exact.set(name, entry);
    const key = name.toLowerCase();
    folded.set(key, folded.has(key) ? 'ambiguous' : entry);
  }
  return {
    resolve(name) {
      const match = exact.get(name) ?? folded.get(name.toLowerCase());
      return match === 'ambiguous' ? undefined : match;
    },
  };
}

// ---- phase 2: check -----------------------------------------------------------------------

/** A checked formula: every node typed, fields resolved to SQL, conversions made explicit. */
export type TypedExpr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly type: ExprType }
  | { readonly kind: 'field'; readonly sql: string; readonly type: ExprType }
  | { readonly kind: 'unit'; readonly unit: IntervalUnit; readonly type: 'text' }
  | { readonly kind: 'convert'; readonly to: 'datetime' | 'text'; readonly operand: TypedExpr; readonly type: ExprType }
  | { readonly kind: 'not'; readonly operand: TypedExpr; readonly type: 'boolean' }
  | { readonly kind: 'negate'; readonly operand: TypedExpr; readonly type: 'number' }
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: TypedExpr; readonly right: TypedExpr; readonly type: ExprType }
  | { readonly kind: 'isNull'; readonly negated: boolean; readonly operand: TypedExpr; readonly type: 'boolean' }
  | { readonly kind: 'in'; readonly negated: boolean; readonly operand: TypedExpr; readonly values: readonly TypedExpr[]; readonly type: 'boolean' }
  | {
      readonly kind: 'between';
      readonly negated: boolean;
      readonly operand: TypedExpr;
      readonly low: TypedExpr;
      readonly high: TypedExpr;
      readonly type: 'boolean';
    }
  | {
      readonly kind: 'case';
      readonly subject: TypedExpr | undefined;
      readonly branches: readonly { readonly when: TypedExpr; readonly then: TypedExpr }[];
      readonly otherwise: TypedExpr | undefined;
      readonly type: ExprType;
    }
  | { readonly kind: 'call'; readonly fn: ExpressionFunction; readonly args: readonly TypedExpr[]; readonly type: ExprType };

export interface CheckedExpression {
  readonly expr: TypedExpr;
  readonly fields: readonly string[];
  readonly aggregate: boolean;
}

type Family = 'numeric' | 'text' | 'temporal';

const FAMILY: Readonly<Record<ExprType, Family | undefined>> = {
  number: 'numeric',
  boolean: 'numeric',
  text: 'text',
  date: 'temporal',
  datetime: 'temporal',
  null: undefined,
};

const TEMPORAL_LITERAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** A date or datetime spelled as text, normalised to the stored form; undefined when it is not one. */
export function parseTemporalLiteral(text: string): { readonly type: 'date' | 'datetime'; readonly value: string } | undefined {
  const match = TEMPORAL_LITERAL.exec(text);
  if (match === null) return undefined;
  const [, y = '', mo = '', d = '', h, mi, s] = match;
  const year = Number(y);
  const month = Number(mo);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || Number(d) < 1 || Number(d) > days) return undefined;
  if (h === undefined) return { type: 'date', value: `${y}-${mo}-${d}` };
  const second = s ?? '00';
  if (Number(h) > 23 || Number(mi) > 59 || Number(second) > 59) return undefined;
  return { type: 'datetime', value: `${y}-${mo}-${d} ${h}:${mi ?? '00'}:${second}` };
}

function typeKey(type: ExprType): string {
  return `expr.type.${type}`;
}

/** How a node reads in an "unexpected …" error. */
function describe(node: ExprNode): string {
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'string':
      return `'${node.value.replace(/'/g, "''")}'`;
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
    case 'field':
      return node.name;
    case 'unary':
      return node.op === '-' && node.operand.kind === 'number' ? `-${node.operand.value}` : node.op;
    case 'binary':
      return node.op;
    case 'isNull':
      return 'IS';
    case 'in':
      return 'IN';
    case 'between':
      return 'BETWEEN';
    case 'call':
      return node.name;
    case 'case':
      return 'CASE';
  }
}

const isTextLiteral = (t: TypedExpr): boolean => t.kind === 'literal' && t.type === 'text';

/** The datetime form of a date: a literal is rewritten, anything else converted in SQL. */
function asDatetime(t: TypedExpr): TypedExpr {
  if (t.type !== 'date') return t;
  if (t.kind === 'literal' && typeof t.value === 'string') return { kind: 'literal', value: `${t.value} 00:00:00`, type: 'datetime' };
  return { kind: 'convert', to: 'datetime', operand: t, type: 'datetime' };
}

function asTemporalLiteral(t: TypedExpr): TypedExpr | undefined {
  if (t.kind !== 'literal' || typeof t.value !== 'string') return undefined;
  const parsed = parseTemporalLiteral(t.value);
  return parsed === undefined ? undefined : { kind: 'literal', value: parsed.value, type: parsed.type };
}

/**
 * Brings values that meet (compared, or branches of one result) to one type: the first value
 * that is neither NULL nor a text literal sets the family; text literals join a temporal family
 * when they spell a date. `conflict` builds the error for a value of another family.
 */
function unify(values: readonly TypedExpr[], conflict: (expected: ExprType, actual: ExprType) => RootwiseError): { type: ExprType; values: TypedExpr[] } {
  const anchor = values.find((t) => t.type !== 'null' && !isTextLiteral(t)) ?? values.find((t) => t.type !== 'null');
  if (anchor === undefined) return { type: 'null', values: [...values] };
  const family = FAMILY[anchor.type];
  const joined = values.map((t) => {
    if (t.type === 'null') return t;
    if (family === 'temporal' && isTextLiteral(t)) {
      const literal = asTemporalLiteral(t);
      if (literal === undefined) throw conflict(anchor.type, t.type);
      return literal;
    }
    if (FAMILY[t.type] !== family) throw conflict(anchor.type, t.type);
    return t;
  });
  const has = (type: ExprType): boolean => joined.some((t) => t.type === type);
  switch (family) {
    case 'numeric':
      return { type: has('number') ? 'number' : 'boolean', values: joined };
    case 'text':
      return { type: 'text', values: joined };
    default:
      return has('datetime') ? { type: 'datetime', values: joined.map(asDatetime) } : { type: 'date', values: joined };
  }
}

class Checker {
  private readonly fields: string[] = [];
  private readonly seen = new Set<string>();
  private aggregate = false;
  private insideAggregate = false;

  constructor(private readonly scope: ExpressionScope) {}

  run(node: ExprNode): CheckedExpression {
    const expr = this.check(node);
    return { expr, fields: this.fields, aggregate: this.aggregate };
  }

  private mismatch(name: string, column: number, expected: ExprType, actual: ExprType): RootwiseError {
    return new RootwiseError('error.expression.typeMismatch', { name, column, expected: typeKey(expected), actual: typeKey(actual) });
  }

  /** Checks `node` as an argument of kind `kind` of `name` at `column`. */
  private argument(kind: Exclude<ParamKind, 'same'>, node: ExprNode, name: string, column: number): TypedExpr {
    return kind === 'intervalUnit' || kind === 'percent' ? this.literalArgument(kind, node) : this.coerce(kind, this.check(node), name, column);
  }

  /** An argument that must be written as a literal; it is never a field, so it is not checked as one. */
  private literalArgument(kind: 'intervalUnit' | 'percent', node: ExprNode): TypedExpr {
    if (kind === 'intervalUnit') {
      const unit = node.kind === 'string' ? INTERVAL_UNITS.find((u) => u === node.value.toLowerCase()) : undefined;
      if (unit === undefined) throw new RootwiseError('error.expression.unexpectedToken', { token: describe(node), column: node.column });
      return { kind: 'unit', unit, type: 'text' };
    }
    if (node.kind !== 'number' || node.value > 100) {
      throw new RootwiseError('error.expression.unexpectedToken', { token: describe(node), column: node.column });
    }
    return { kind: 'literal', value: node.value, type: 'number' };
  }

  /** Accepts a checked value as an argument of kind `kind`, converting it where the kind says so. */
  private coerce(kind: Exclude<ParamKind, 'same' | 'intervalUnit' | 'percent'>, t: TypedExpr, name: string, column: number): TypedExpr {
    const accept = (ok: boolean, expected: ExprType): TypedExpr => {
      if (ok || t.type === 'null') return t;
      throw this.mismatch(name, column, expected, t.type);
    };
    switch (kind) {
      case 'any':
        return t;
      case 'number':
        return accept(FAMILY[t.type] === 'numeric', 'number');
      case 'text':
        return accept(t.type === 'text', 'text');
      case 'condition':
        return accept(t.type === 'boolean', 'boolean');
      case 'textual':
        if (t.type === 'number') return { kind: 'convert', to: 'text', operand: t, type: 'text' };
        return accept(t.type !== 'boolean', 'text');
      case 'temporal':
      case 'datetime': {
        const temporal = asTemporalLiteral(t) ?? accept(FAMILY[t.type] === 'temporal', kind === 'datetime' ? 'datetime' : 'date');
        return kind === 'datetime' ? asDatetime(temporal) : temporal;
      }
    }
  }

  private check(node: ExprNode): TypedExpr {
    switch (node.kind) {
      case 'number':
        return { kind: 'literal', value: node.value, type: 'number' };
      case 'string':
        return { kind: 'literal', value: node.value, type: 'text' };
      case 'boolean':
        return { kind: 'literal', value: node.value, type: 'boolean' };
      case 'null':
        return { kind: 'literal', value: null, type: 'null' };
      case 'field': {
        const field = this.scope.resolve(node.name);
        if (field === undefined) throw new RootwiseError('error.expression.unknownField', { field: node.name, column: node.column });
        const name = field.name ?? node.name;
        if (!this.seen.has(name)) {
          this.seen.add(name);
          this.fields.push(name);
        }
        return { kind: 'field', sql: field.sql, type: field.type };
      }
      case 'unary': {
        if (node.op === 'NOT') return { kind: 'not', operand: this.argument('condition', node.operand, 'NOT', node.column), type: 'boolean' };
        const operand = this.argument('number', node.operand, '-', node.column);
        if (operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value, type: 'number' };
        return { kind: 'negate', operand, type: 'number' };
      }
      case 'binary':
        return this.binary(node.op, node.left, node.right, node.column);
      case 'isNull':
        return { kind: 'isNull', negated: node.negated, operand: this.check(node.operand), type: 'boolean' };
      case 'in': {
        const name = node.negated ? 'NOT IN' : 'IN';
        const [operand, ...values] = this.compared([node.operand, ...node.values], name, node.column);
        return { kind: 'in', negated: node.negated, operand: operand!, values, type: 'boolean' };
      }
      case 'between': {
        const name = node.negated ? 'NOT BETWEEN' : 'BETWEEN';
        const [operand, low, high] = this.compared([node.operand, node.low, node.high], name, node.column);
        return { kind: 'between', negated: node.negated, operand: operand!, low: low!, high: high!, type: 'boolean' };
      }
      case 'case': {
        // check in the order written, so fields are listed in order of first use
        const subject = node.subject === undefined ? undefined : this.check(node.subject);
        const whens: TypedExpr[] = [];
        const results: TypedExpr[] = [];
        for (const branch of node.branches) {
          whens.push(this.check(branch.when));
          results.push(this.check(branch.then));
        }
        if (node.otherwise !== undefined) results.push(this.check(node.otherwise));
        const [typedSubject, ...conditions] =
          subject === undefined
            ? [undefined, ...whens.map((w) => this.coerce('condition', w, 'CASE', node.column))]
            : unify([subject, ...whens], (expected, actual) => this.mismatch('CASE', node.column, expected, actual)).values;
        const unified = unify(results, (expected, actual) => this.mixed('CASE', node.column, expected, actual));
        return {
          kind: 'case',
          subject: typedSubject,
          branches: conditions.map((when, i) => ({ when: when!, then: unified.values[i]! })),
          otherwise: node.otherwise === undefined ? undefined : unified.values[node.branches.length],
          type: unified.type,
        };
      }
      case 'call':
        return this.call(node.name, node.args, node.column);
    }
  }

  private binary(op: BinaryOperator, leftNode: ExprNode, rightNode: ExprNode, column: number): TypedExpr {
    switch (op) {
      case 'AND':
      case 'OR': {
        const left = this.argument('condition', leftNode, op, column);
        return { kind: 'binary', op, left, right: this.argument('condition', rightNode, op, column), type: 'boolean' };
      }
      case '&': {
        const left = this.argument('textual', leftNode, op, column);
        return { kind: 'binary', op, left, right: this.argument('textual', rightNode, op, column), type: 'text' };
      }
      case '+':
      case '-':
      case '*':
      case '/':
      case '%': {
        const left = this.argument('number', leftNode, op, column);
        return { kind: 'binary', op, left, right: this.argument('number', rightNode, op, column), type: 'number' };
      }
      default: {
        const [left, right] = this.compared([leftNode, rightNode], op, column);
        return { kind: 'binary', op, left: left!, right: right!, type: 'boolean' };
      }
    }
  }

  private compared(nodes: readonly ExprNode[], name: string, column: number): TypedExpr[] {
    const typed = nodes.map((n) => this.check(n));
    return unify(typed, (expected, actual) => this.mismatch(name, column, expected, actual)).values;
  }

  private mixed(name: string, column: number, expected: ExprType, actual: ExprType): RootwiseError {
    return new RootwiseError('error.expression.mixedTypes', { name, column, expected: typeKey(expected), actual: typeKey(actual) });
  }

  private call(written: string, argNodes: readonly ExprNode[], column: number): TypedExpr {
    const fn = lookupFunction(written);
    if (fn === undefined) throw new RootwiseError('error.expression.unknownFunction', { name: written, column });
    const tooMany = fn.rest === undefined && argNodes.length > fn.params.length;
    if (argNodes.length < fn.minArgs || tooMany) {
      throw new RootwiseError('error.expression.argumentCount', { name: fn.name, expected: arityLabel(fn), actual: argNodes.length, column });
    }
    if (fn.aggregate === true) {
      if (this.insideAggregate) throw new RootwiseError('error.expression.unexpectedToken', { token: written, column });
      this.aggregate = true;
      this.insideAggregate = true;
    }

    const kinds = argNodes.map((_, i) => fn.params[i] ?? fn.rest!);
    // check in the order written, so fields are listed in order of first use
    const checked = argNodes.map((node, i) => {
      const kind = kinds[i]!;
      return kind === 'intervalUnit' || kind === 'percent' ? this.literalArgument(kind, node) : this.check(node);
    });
    if (fn.aggregate === true) this.insideAggregate = false;
    const coerced = checked.map((t, i) => {
      const kind = kinds[i]!;
      return kind === 'same' || kind === 'intervalUnit' || kind === 'percent' ? t : this.coerce(kind, t, fn.name, column);
    });
    const sameIndexes = kinds.flatMap((k, i) => (k === 'same' ? [i] : []));
    const same = unify(
      sameIndexes.map((i) => coerced[i]!),
      (expected, actual) => this.mixed(fn.name, column, expected, actual),
    );
    const typedArgs = coerced.map((t, i) => (kinds[i] === 'same' ? same.values[sameIndexes.indexOf(i)]! : t));
    const argTypes: CheckedArg[] = typedArgs.map((a) => (a.kind === 'unit' ? { type: a.type, unit: a.unit } : { type: a.type }));
    const type = fn.result === 'same' ? same.type : typeof fn.result === 'function' ? fn.result(argTypes) : fn.result;
    return { kind: 'call', fn, args: typedArgs, type };
  }
}

/** Phase 2: types a parsed formula against the fields in scope. */
export function checkExpression(node: ExprNode, scope: ExpressionScope): CheckedExpression {
  return new Checker(scope).run(node);
}

// ---- phase 3: generate SQL ----------------------------------------------------------------

// RIGHT, NUMBER, DATE_ADD and number-to-text repeat an argument, so the SQL can outgrow the text it came
// from when they nest; that is nesting too deep for us
const MAX_SQL_LENGTH = 1_000_000;
const MAX_PARAMS = 20_000;

const SQL_OPERATOR: Readonly<Record<'AND' | 'OR' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*', SqlFragment>> = {
  AND: trusted('AND'),
  OR: trusted('OR'),
  '=': trusted('='),
  '<>': trusted('<>'),
  '<': trusted('<'),
  '<=': trusted('<='),
  '>': trusted('>'),
  '>=': trusted('>='),
  '+': trusted('+'),
  '-': trusted('-'),
  '*': trusted('*'),
};

/** Phase 3: SQL for a checked formula; one SQL term whose `?`s match `params`. */
export function generateExpression(expr: TypedExpr, dialect: ExpressionDialect): SqlFragment {
  const generate = (e: TypedExpr): SqlFragment => {
    const fragment = generateNode(e);
    if (fragment.sql.length > MAX_SQL_LENGTH || fragment.params.length > MAX_PARAMS) {
      throw new RootwiseError('error.expression.tooDeep', { max: MAX_EXPRESSION_DEPTH });
    }
    return fragment;
  };
  const generateNode = (e: TypedExpr): SqlFragment => {
    switch (e.kind) {
      case 'literal':
        if (typeof e.value === 'boolean') return dialect.boolean(e.value);
        return e.value === null ? trusted('NULL') : bound(e.value);
      case 'field':
        return trusted(e.sql);
      case 'unit':
        return trusted('');
      case 'convert':
        return e.to === 'datetime' ? dialect.toDatetime(generate(e.operand)) : dialect.numberToText(generate(e.operand));
      case 'not':
        return sql`(NOT ${generate(e.operand)})`;
      case 'negate':
        // the space keeps `- -x` from becoming a `--` comment
        return sql`(- ${generate(e.operand)})`;
      case 'binary': {
        const left = generate(e.left);
        const right = generate(e.right);
        switch (e.op) {
          case '/':
            return dialect.divide(left, right);
          case '%':
            return dialect.remainder(left, right);
          case '&':
            return dialect.concatenate(left, right);
          default:
            return sql`(${left} ${SQL_OPERATOR[e.op]} ${right})`;
        }
      }
      case 'isNull':
        return e.negated ? sql`(${generate(e.operand)} IS NOT NULL)` : sql`(${generate(e.operand)} IS NULL)`;
      case 'in': {
        const values = joinSql(e.values.map(generate), ', ');
        return e.negated ? sql`(${generate(e.operand)} NOT IN (${values}))` : sql`(${generate(e.operand)} IN (${values}))`;
      }
      case 'between': {
        const [operand, low, high] = [generate(e.operand), generate(e.low), generate(e.high)];
        return e.negated ? sql`(${operand} NOT BETWEEN ${low} AND ${high})` : sql`(${operand} BETWEEN ${low} AND ${high})`;
      }
      case 'case': {
        const parts = [trusted('CASE')];
        if (e.subject !== undefined) parts.push(generate(e.subject));
        for (const branch of e.branches) parts.push(sql`WHEN ${generate(branch.when)} THEN ${generate(branch.then)}`);
        if (e.otherwise !== undefined) parts.push(sql`ELSE ${generate(e.otherwise)}`);
        parts.push(trusted('END'));
        return joinSql(parts, ' ');
      }
      case 'call': {
        const args = e.args.map((a): GeneratedArg => (a.kind === 'unit' ? { sql: trusted(''), type: a.type, unit: a.unit } : { sql: generate(a), type: a.type }));
        return e.fn.generate(dialect, args);
      }
    }
  };
  return generate(expr);
}

// ---- the whole pipeline -------------------------------------------------------------------

export function compileExpression(text: string, scope: ExpressionScope, dialect: ExpressionDialect = sqliteExpressionDialect): CompiledExpression {
  const checked = checkExpression(parseExpression(text), scope);
  const { sql: fragmentSql, params } = generateExpression(checked.expr, dialect);
  return { sql: fragmentSql, params, type: checked.expr.type, fields: checked.fields, aggregate: checked.aggregate };
}

/** The field names a formula mentions, as written, each once in order of first use; parses
 * only, so it works before the fields exist (dependency checks). */
export function referencedFields(text: string): string[] {
  const names: string[] = [];
  const visit = (node: ExprNode): void => {
    if (node.kind === 'field' && !names.includes(node.name)) names.push(node.name);
    childrenOf(node).forEach(visit);
  };
  visit(parseExpression(text));
  return names;
}
