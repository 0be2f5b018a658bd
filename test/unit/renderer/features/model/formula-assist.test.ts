import { describe, expect, it } from 'vitest';
import { format } from '../../../../../shared/i18n/messages';
import { applyCompletion, checkFormula, completionsAt, fieldToken, offsetOfColumn, renameFields, signatureOf, wordAt, type FormulaField } from '../../../../../renderer/features/model/formula-assist';
import { lookupFunction } from '../../../../../shared/model/expression/expression-functions';

const FIELDS: FormulaField[] = [
  { name: 'csat', type: 'integer' },
  { name: 'created_at', type: 'datetime' },
  { name: 'resolved_at', type: 'datetime' },
  { name: 'channel', type: 'text' },
  { name: '渠道', type: 'text' },
  { name: 'first response', type: 'datetime' },
];

const marked = (text: string) => {
  const check = checkFormula(text, FIELDS, { rowLevel: true });
  if (check.ok) throw new Error(`expected a problem in ${text}`);
  return { text: text.slice(check.problem.start, check.problem.end), key: check.problem.key, message: format('en', check.problem.key, check.problem.params) };
};

describe('formula checks in the editor', () => {
  it('accepts a right formula and gives its type', () => {
    expect(checkFormula('HOURS_BETWEEN(created_at, resolved_at)', FIELDS)).toEqual({ ok: true, type: 'number' });
    expect(checkFormula("IF(channel = 'phone', 1, 0)", FIELDS)).toEqual({ ok: true, type: 'number' });
    expect(checkFormula('[first response] IS NULL', FIELDS)).toEqual({ ok: true, type: 'boolean' });
  });

  it('marks a misspelt field and says which at which column, in both languages', () => {
    const m = marked('HOURS_BETWEEN(created_at, resolvd_at)');
    expect(m).toMatchObject({ text: 'resolvd_at', key: 'error.expression.unknownField' });
    expect(m.message).toContain('column 27');
    const check = checkFormula('HOURS_BETWEEN(created_at, resolvd_at)', FIELDS);
    if (check.ok) throw new Error('expected a problem');
    expect(format('zh-CN', check.problem.key, check.problem.params)).toBe('没有名为 resolvd_at 的字段（公式第 27 列）。');
  });

  it('marks an unknown function, a stray symbol, a wrong argument type and an early end', () => {
    expect(marked('HOUR_BETWEEN(created_at, resolved_at)')).toMatchObject({ text: 'HOUR_BETWEEN', key: 'error.expression.unknownFunction' });
    expect(marked('csat ** 2')).toMatchObject({ text: '*', key: 'error.expression.unexpectedToken' });
    expect(marked('UPPER(csat)').key).toBe('error.expression.typeMismatch');
    // the formula stops inside the call: its last character is marked, never nothing
    expect(marked('HOURS_BETWEEN(created_at, ')).toMatchObject({ text: ' ', key: 'error.expression.unexpectedEnd' });
  });

  it('counts columns in characters, so a Chinese field name before the mistake moves the mark by one each', () => {
    expect(offsetOfColumn('渠道 & x', 6)).toBe(5);
    expect(offsetOfColumn('😀 & x', 5)).toBe(5);
    expect(marked("渠道 & 'a' & 未知")).toMatchObject({ text: '未知', key: 'error.expression.unknownField' });
  });

  it('refuses a formula that sums rows, for a calculated field works row by row', () => {
    expect(marked('SUM(csat)').key).toBe('error.model.calculatedAggregate');
    expect(checkFormula('SUM(csat)', FIELDS).ok).toBe(true);
  });
});

describe('completions at the caret', () => {
  it('offers fields, then functions, starting with what is typed', () => {
    const text = 'HOURS_BETWEEN(cr';
    const { start, items } = completionsAt(text, text.length, FIELDS);
    expect(start).toBe(14);
    expect(items[0]).toEqual({ kind: 'field', name: 'created_at', detail: 'datetime', insert: 'created_at' });
    expect(items.some((i) => i.kind === 'function')).toBe(false);
    const fns = completionsAt('hours', 5, FIELDS).items;
    expect(fns[0]).toMatchObject({ kind: 'function', name: 'HOURS_BETWEEN', insert: 'HOURS_BETWEEN(' });
    expect(fns[0]?.detail).toBe('HOURS_BETWEEN(temporal, temporal)');
  });

  it('says nothing until a word is typed, unless asked with Ctrl+Space', () => {
    expect(completionsAt('csat + ', 7, FIELDS).items).toEqual([]);
    expect(completionsAt('csat + ', 7, FIELDS, { explicit: true }).items.length).toBeGreaterThan(0);
    // a finished keyword is not the start of NULLIF
    expect(completionsAt('csat IS NULL', 12, FIELDS).items).toEqual([]);
    expect(completionsAt('csat IS NUL', 11, FIELDS).items.map((i) => i.name)).toEqual(['NULLIF', 'IFNULL']);
  });

  it('completes inside brackets to the field in brackets, and closes them once', () => {
    const text = 'DATE([first';
    const found = completionsAt(text, text.length, FIELDS);
    expect(found.items.map((i) => i.name)).toEqual(['first response']);
    expect(applyCompletion(text, text.length, found.start, found.items[0]!)).toEqual({ text: 'DATE([first response]', caret: 21 });
    const closed = 'DATE([fi])';
    const again = completionsAt(closed, 8, FIELDS);
    expect(applyCompletion(closed, 8, again.start, again.items[0]!).text).toBe('DATE([first response])');
  });

  it('writes a field bare when the parser reads it so, in brackets otherwise', () => {
    expect(fieldToken('渠道')).toBe('渠道');
    expect(fieldToken('first response')).toBe('[first response]');
    expect(fieldToken('year')).toBe('[year]');
    expect(fieldToken('a]b')).toBe('[a]]b]');
    expect(wordAt('x + cre', 7)).toEqual({ start: 4, prefix: 'cre', bracket: false });
    expect(signatureOf(lookupFunction('SUBSTR')!)).toBe('SUBSTR(text, number, [number])');
    expect(signatureOf(lookupFunction('COALESCE')!)).toBe('COALESCE(same, same, same…)');
  });
});

describe('roles renamed to the fields that play them, for a metric preview', () => {
  it('replaces every reference, bare or in brackets, and leaves the rest of the text alone', () => {
    const map: Record<string, string> = { created_at: '创建时间', first_response_at: 'first response', csat: 'score' };
    const rename = (name: string) => map[name];
    expect(renameFields('MINUTES_BETWEEN(created_at, first_response_at)', rename)).toBe('MINUTES_BETWEEN(创建时间, [first response])');
    expect(renameFields("IF([csat] >= 4, 1, 0) + csat * 0 & 'csat'", rename)).toBe("IF(score >= 4, 1, 0) + score * 0 & 'csat'");
    expect(renameFields('渠道 = 1 AND unknown_role > 2', rename)).toBe('渠道 = 1 AND unknown_role > 2');
    expect(() => renameFields('csat +', rename)).toThrow();
  });
});
