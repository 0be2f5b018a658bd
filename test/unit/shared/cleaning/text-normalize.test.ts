import { describe, expect, it } from 'vitest';
import {
  normalizePunctuation,
  normalizeWhitespace,
  toFullWidth,
  toHalfWidth,
  toLowerCaseLatin,
  toTitleCaseLatin,
  toUpperCaseLatin,
} from '../../../../shared/cleaning/text-normalize';

describe('width', () => {
  it('turns full-width ASCII and the ideographic space into ASCII, keeping CJK', () => {
    expect(toHalfWidth('ＨＵＡＤＯＮＧ　１２３！ａｂｃ')).toBe('HUADONG 123!abc');
    expect(toHalfWidth('华东区　Ｐｈｏｎｅ')).toBe('华东区 Phone');
  });

  it('leaves Chinese punctuation alone, which normalizePunctuation folds instead', () => {
    expect(toHalfWidth('退款。【紧急】“是”')).toBe('退款。【紧急】“是”');
    expect(toHalfWidth('（一）')).toBe('(一)');
  });

  it('turns ASCII and spaces into full width and back', () => {
    expect(toFullWidth('Phone 13!')).toBe('Ｐｈｏｎｅ　１３！');
    expect(toFullWidth('华东 A')).toBe('华东　Ａ');
    expect(toHalfWidth(toFullWidth('Live Chat ~{}'))).toBe('Live Chat ~{}');
  });
});

describe('normalizePunctuation', () => {
  it('maps common Chinese punctuation to ASCII', () => {
    expect(normalizePunctuation('你好，世界。请问：是否；可以！吗？（备注）【急】“引用”')).toBe('你好,世界.请问:是否;可以!吗?(备注)[急]"引用"');
    expect(normalizePunctuation('《说明》、‘单’…')).toBe(`<说明>,'单'...`);
    expect(normalizePunctuation('plain, ascii.')).toBe('plain, ascii.');
  });
});

describe('normalizeWhitespace', () => {
  it('trims and collapses every kind of space to one', () => {
    expect(normalizeWhitespace('  Live \u3000\u00A0 chat\t\n ')).toBe('Live chat');
    expect(normalizeWhitespace('\uFEFFPhone\u200B')).toBe('Phone');
  });

  it('removes spaces between CJK characters but keeps them around Latin words', () => {
    expect(normalizeWhitespace('华 东 区')).toBe('华东区');
    expect(normalizeWhitespace('华\u3000东  大区')).toBe('华东大区');
    expect(normalizeWhitespace('iPhone 售 后 服务 team')).toBe('iPhone 售后服务 team');
  });

  it('drops zero-width characters inside a word rather than splitting it', () => {
    expect(normalizeWhitespace('ab\u200Bc')).toBe('abc');
  });
});

describe('Latin case', () => {
  it('changes Latin letters only', () => {
    expect(toUpperCaseLatin('phone 华东 ｐｈｏｎｅ')).toBe('PHONE 华东 ＰＨＯＮＥ');
    expect(toLowerCaseLatin('PHONE Café ΣΑ')).toBe('phone café ΣΑ');
  });

  it('title-cases each word', () => {
    expect(toTitleCaseLatin('live CHAT')).toBe('Live Chat');
    expect(toTitleCaseLatin("e-MAIL o'neil")).toBe("E-Mail O'neil");
    expect(toTitleCaseLatin('售后phone 2go')).toBe('售后Phone 2go');
    expect(toTitleCaseLatin('élan vital')).toBe('Élan Vital');
  });
});
