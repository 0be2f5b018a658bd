import { describe, expect, it } from 'vitest';
import { catalogues, format, localeFromSystem, type MessageKey } from '../../../../shared/i18n/messages';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+(?:\|msg)?)\}/g)].map((m) => m[1]!).sort();

describe('message catalogues', () => {
  it('have the same keys and the same placeholders in both languages', () => {
    const en = catalogues.en;
    const zh = catalogues['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
      expect(zh[key].trim(), key).not.toBe('');
    }
  });

  it('translates every UI string (Chinese differs from English except names)', () => {
    // strings without words (symbols, number patterns) may be shared
    const same = (Object.keys(catalogues.en) as MessageKey[]).filter((k) => catalogues.en[k] === catalogues['zh-CN'][k] && /\p{L}{2,}/u.test(catalogues.en[k].replace(/\{\w+\}/g, '')));
    expect(same).toEqual(['cli.serve.available']);
  });

  it('formats numbers for the locale and keeps unknown placeholders visible', () => {
    expect(format('en', 'data.rows', { count: 1234567 })).toBe('1,234,567 rows');
    expect(format('zh-CN', 'data.rows', { count: 20000 })).toBe('20,000 行');
    expect(format('en', 'data.rows')).toBe('{count} rows');
  });

  it('puts a message named by a `|msg` param in the same language, and shows any other value as it is', () => {
    const params = { name: 'IF', column: 4, expected: 'expr.type.boolean', actual: 'expr.type.text' };
    expect(format('en', 'error.expression.typeMismatch', params)).toBe('IF at column 4 of the formula needs a true/false value, not text.');
    expect(format('zh-CN', 'error.expression.typeMismatch', params)).toBe('公式第 4 列的 IF 需要是/否值，而不是文本。');
    expect(format('en', 'error.expression.typeMismatch', { ...params, actual: 'no.such.key' })).toContain('not no.such.key.');
  });

  it('picks Chinese for any zh system locale', () => {
    expect(localeFromSystem('zh_CN.UTF-8')).toBe('zh-CN');
    expect(localeFromSystem('zh-TW')).toBe('zh-CN');
    expect(localeFromSystem('en_US.UTF-8')).toBe('en');
    expect(localeFromSystem(undefined)).toBe('en');
  });
});
