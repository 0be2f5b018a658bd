/**
 * The syntax tree of a calculated-field or metric formula, as written. Every node carries
 * `column`, the 1-based character position in the formula text of what the user would point at
 * in an error: the literal or field itself, an operator, a keyword (`IS`, `IN`, `BETWEEN`,
 * `CASE`) or a function's name.
 */

/** Binary operators after spelling is normalised (`==` → `=`, `!=` → `<>`, keywords upper-case). */
export type BinaryOperator = 'OR' | 'AND' | ComparisonOperator | '&' | '+' | '-' | '*' | '/' | '%';

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type UnaryOperator = 'NOT' | '-';

export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  readonly column: number;
}

export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly column: number;
}

export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
  readonly column: number;
}

export interface NullLiteral {
  readonly kind: 'null';
  readonly column: number;
}

/** A bare (`csat`) or bracketed (`[First response at]`) field name, unescaped. */
export interface FieldReference {
  readonly kind: 'field';
  readonly name: string;
  readonly column: number;
}

export interface UnaryExpression {
  readonly kind: 'unary';
  readonly op: UnaryOperator;
  readonly operand: ExprNode;
  readonly column: number;
}

export interface BinaryExpression {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
  readonly column: number;
}

/** `x IS NULL` / `x IS NOT NULL`. */
export interface NullTest {
  readonly kind: 'isNull';
  readonly negated: boolean;
  readonly operand: ExprNode;
  readonly column: number;
}

/** `x IN (a, b, …)` / `x NOT IN (…)`; never an empty list. */
export interface InList {
  readonly kind: 'in';
  readonly negated: boolean;
  readonly operand: ExprNode;
  readonly values: readonly ExprNode[];
  readonly column: number;
}

/** `x BETWEEN low AND high` / `x NOT BETWEEN …`, both ends included. */
export interface BetweenExpression {
  readonly kind: 'between';
  readonly negated: boolean;
  readonly operand: ExprNode;
  readonly low: ExprNode;
  readonly high: ExprNode;
  readonly column: number;
}

/** `NAME(args…)`; `name` is spelled as written, looked up case-insensitively later. */
export interface FunctionCall {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly ExprNode[];
  readonly column: number;
}

export interface CaseBranch {
  readonly when: ExprNode;
  readonly then: ExprNode;
}

/** `CASE WHEN c THEN v … [ELSE e] END`, or with a `subject` the simple form `CASE x WHEN a THEN v … END`. */
export interface CaseExpression {
  readonly kind: 'case';
  readonly subject: ExprNode | undefined;
  readonly branches: readonly CaseBranch[];
  readonly otherwise: ExprNode | undefined;
  readonly column: number;
}

export type ExprNode =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | FieldReference
  | UnaryExpression
  | BinaryExpression
  | NullTest
  | InList
  | BetweenExpression
  | FunctionCall
  | CaseExpression;

/** The direct children of a node, left to right as they appear in the text. */
export function childrenOf(node: ExprNode): readonly ExprNode[] {
  switch (node.kind) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
    case 'field':
      return [];
    case 'unary':
    case 'isNull':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'in':
      return [node.operand, ...node.values];
    case 'between':
      return [node.operand, node.low, node.high];
    case 'call':
      return node.args;
    case 'case':
      return [
        ...(node.subject === undefined ? [] : [node.subject]),
        ...node.branches.flatMap((b) => [b.when, b.then]),
        ...(node.otherwise === undefined ? [] : [node.otherwise]),
      ];
  }
}
