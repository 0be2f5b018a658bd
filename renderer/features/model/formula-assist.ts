/**
 * What the formula editor knows before it asks the engine: where a formula is wrong (checked by
 * the same parser and checker the engine uses), and what may be typed at the caret.
 */
import type { ColumnType } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { MessageKey, MessageParams } from '../../../shared/i18n/messages';
import { checkExpression, EXPR_TYPE_OF_COLUMN, scopeOfFields, type ExprType } from '../../../shared/model/expression/compile-expression';
import { EXPRESSION_FUNCTION_NAMES, lookupFunction, type ExpressionFunction } from '../../../shared/model/expression/expression-functions';
import { childrenOf, type ExprNode } from '../../../shared/model/expression/expression-ast';
import { parseExpression } from '../../../shared/model/expression/parse-expression';

export interface FormulaField {
  readonly name: string;
  readonly type: ColumnType;
}

/** A problem in a formula: its message, and the characters (UTF-16 offsets) to mark. */
export interface FormulaProblem {
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly start: number;
  readonly end: number;
}

export type FormulaCheck = { readonly ok: true; readonly type: ExprType } | { readonly ok: false; readonly problem: FormulaProblem };

/** The UTF-16 offset of a 1-based column that counts code points, as the parser's columns do. */
export function offsetOfColumn(text: string, column: number): number {
  return Array.from(text)
    .slice(0, Math.max(0, column - 1))
    .join('').length;
}

/** Checks a row formula on these fields: syntax, field and function names, argument types; and, for
 * a calculated field, that it reads one row (no SUM or COUNT). */
export function checkFormula(text: string, fields: readonly FormulaField[], options: { readonly rowLevel?: boolean } = {}): FormulaCheck {
  const scope = scopeOfFields(fields.map((f) => [f.name, { sql: `"${f.name.replaceAll('"', '""')}"`, type: EXPR_TYPE_OF_COLUMN[f.type] }] as const));
  try {
    const checked = checkExpression(parseExpression(text), scope);
    if (options.rowLevel === true && checked.aggregate) return { ok: false, problem: { key: 'error.model.calculatedAggregate', params: {}, start: 0, end: text.length } };
    return { ok: true, type: checked.expr.type };
  } catch (error) {
    if (!(error instanceof RootwiseError)) throw error;
    const column = error.params['column'];
    if (typeof column !== 'number') return { ok: false, problem: { key: error.key, params: error.params, start: 0, end: text.length } };
    const at = offsetOfColumn(text, column);
    // an early end marks the last character, so the mark is never empty
    if (at >= text.length) return { ok: false, problem: { key: error.key, params: error.params, start: Math.max(0, text.length - 1), end: text.length } };
    const token = error.params['token'] ?? error.params['field'] ?? error.params['name'];
    const length = typeof token === 'string' && text.slice(at, at + token.length).toLowerCase() === token.toLowerCase() ? token.length : wordLength(text, at);
    return { ok: false, problem: { key: error.key, params: error.params, start: at, end: Math.min(text.length, at + Math.max(1, length)) } };
  }
}

const WORD = /[\p{L}\p{M}\p{N}_]/u;

function wordLength(text: string, start: number): number {
  let end = start;
  while (end < text.length && WORD.test(text[end] ?? '')) end++;
  return end - start;
}

/** One thing the caret may complete to. */
export interface Completion {
  readonly kind: 'field' | 'function';
  readonly name: string;
  /** What the list shows beside the name: a field's type, a function's arguments. */
  readonly detail: string;
  /** What replaces the word being typed. */
  readonly insert: string;
}

/** The word being typed at the caret: its start, and whether it is inside `[ ]`. */
export function wordAt(text: string, caret: number): { readonly start: number; readonly prefix: string; readonly bracket: boolean } {
  let start = caret;
  const open = text.lastIndexOf('[', caret - 1);
  if (open >= 0 && !text.slice(open, caret).includes(']')) return { start: open, prefix: text.slice(open + 1, caret), bracket: true };
  while (start > 0 && WORD.test(text[start - 1] ?? '')) start--;
  return { start, prefix: text.slice(start, caret), bracket: false };
}

const KEYWORDS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'BETWEEN', 'TRUE', 'FALSE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END']);

const PLAIN_NAME = /^[\p{L}\p{Nl}_][\p{L}\p{M}\p{N}_]*$/u;

/** How a field is written in a formula: bare when the parser reads it as one name, else in brackets. */
export function fieldToken(name: string): string {
  return PLAIN_NAME.test(name) && lookupFunction(name) === undefined ? name : `[${name.replaceAll(']', ']]')}]`;
}

/** A function's arguments as the list shows them: `DATE_ADD(temporal, number, intervalUnit)`. */
export function signatureOf(fn: ExpressionFunction): string {
  const params = fn.params.map((p, i) => (i >= fn.minArgs ? `[${p}]` : p));
  if (fn.rest !== undefined) params.push(`${fn.rest}…`);
  return `${fn.name}(${params.join(', ')})`;
}

/** What the word at the caret may become: fields first, then functions; names that start with
 * the word before names that merely contain it. Nothing while no word is typed, unless asked. */
export function completionsAt(text: string, caret: number, fields: readonly FormulaField[], options: { readonly explicit?: boolean; readonly limit?: number } = {}): { readonly start: number; readonly items: readonly Completion[] } {
  const word = wordAt(text, caret);
  const prefix = word.prefix.toLowerCase();
  if (prefix === '' && !word.bracket && options.explicit !== true) return { start: word.start, items: [] };
  // a keyword just typed (AND, NULL…) is finished, not the start of a name
  if (!word.bracket && options.explicit !== true && KEYWORDS.has(word.prefix.toUpperCase())) return { start: word.start, items: [] };
  const rank = (name: string): number => {
    const lower = name.toLowerCase();
    if (lower.startsWith(prefix)) return 0;
    return lower.includes(prefix) ? 1 : 2;
  };
  const fieldItems: Completion[] = fields.map((f) => ({ kind: 'field', name: f.name, detail: f.type, insert: fieldToken(f.name) }));
  const functionItems: Completion[] = word.bracket
    ? []
    : EXPRESSION_FUNCTION_NAMES.map((name) => {
        const fn = lookupFunction(name)!;
        return { kind: 'function', name, detail: signatureOf(fn), insert: `${name}(` };
      });
  const items = [...fieldItems, ...functionItems]
    .map((item, index) => ({ item, index, rank: rank(item.name) }))
    .filter((c) => c.rank < 2)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((c) => c.item)
    .filter((item) => !(item.name.toLowerCase() === prefix && item.kind === 'field' && !word.bracket))
    .slice(0, options.limit ?? 12);
  return { start: word.start, items };
}

/** The text after a completion is taken, and where the caret goes. */
export function applyCompletion(text: string, caret: number, start: number, completion: Completion): { readonly text: string; readonly caret: number } {
  // inside brackets the closing bracket may already be there
  const end = text.slice(caret).startsWith(']') && text[start] === '[' ? caret + 1 : caret;
  const next = text.slice(0, start) + completion.insert + text.slice(end);
  return { text: next, caret: start + completion.insert.length };
}

/** The formula with field names replaced (roles by the fields that play them, for a preview);
 * names `rename` leaves undefined stay as written. Throws as the parser does on a broken formula. */
export function renameFields(text: string, rename: (name: string) => string | undefined): string {
  const spots: { readonly start: number; readonly length: number; readonly name: string }[] = [];
  const visit = (node: ExprNode): void => {
    if (node.kind === 'field') {
      const start = offsetOfColumn(text, node.column);
      const length = text[start] === '[' ? node.name.replaceAll(']', ']]').length + 2 : node.name.length;
      spots.push({ start, length, name: node.name });
    }
    childrenOf(node).forEach(visit);
  };
  visit(parseExpression(text));
  let result = text;
  for (const spot of [...spots].sort((a, b) => b.start - a.start)) {
    const renamed = rename(spot.name);
    if (renamed !== undefined) result = result.slice(0, spot.start) + fieldToken(renamed) + result.slice(spot.start + spot.length);
  }
  return result;
}
