import { describe, expect, it } from 'vitest';
import { estimateTextWidth, isWideChar, wrapLabel, type MeasureText } from '../../../../shared/board/label-text';

/** Every character one unit wide: makes wrapping arithmetic obvious. */
const mono: MeasureText = (text, fontSize) => Array.from(text).length * fontSize;

describe('estimateTextWidth', () => {
  it('gives CJK and fullwidth characters a full em and Latin text less', () => {
    expect(estimateTextWidth('人机料法', 10)).toBe(40);
    expect(estimateTextWidth('ＡＢ', 10)).toBe(20);
    const latin = estimateTextWidth('abcd', 10);
    expect(latin).toBeGreaterThan(20);
    expect(latin).toBeLessThan(26);
    expect(estimateTextWidth('1234', 10)).toBeCloseTo(24);
    expect(estimateTextWidth('    ', 10)).toBeLessThan(estimateTextWidth('abcd', 10));
    expect(estimateTextWidth('iiii', 10)).toBeLessThan(estimateTextWidth('MMMM', 10));
    expect(estimateTextWidth('', 10)).toBe(0);
    expect(estimateTextWidth('中文', 20)).toBe(2 * estimateTextWidth('中文', 10));
  });

  it('knows wide characters', () => {
    expect(['中', '。', 'ア', '한', 'Ａ', '😀'].every(isWideChar)).toBe(true);
    expect(['a', 'Z', '1', ' ', 'é', 'Ж'].some(isWideChar)).toBe(false);
  });
});

describe('wrapLabel', () => {
  it('keeps a short label on one line', () => {
    expect(wrapLabel('Staff turnover', 200, 10, mono)).toEqual(['Staff turnover']);
    expect(wrapLabel('', 200, 10, mono)).toEqual(['']);
  });

  it('wraps Latin text at spaces, collapsing runs of spaces', () => {
    expect(wrapLabel('new  hires not   trained', 100, 10, mono)).toEqual(['new hires', 'not', 'trained']);
    expect(wrapLabel('  leading and trailing  ', 120, 10, mono)).toEqual(['leading and', 'trailing']);
  });

  it('wraps CJK text between any characters, never before closing punctuation', () => {
    expect(wrapLabel('电话系统高峰掉线', 30, 10, mono)).toEqual(['电话系', '统高峰', '掉线']);
    // 。 must not start a line: it stays with 线 
    expect(wrapLabel('高峰掉线。客户', 30, 10, mono)).toEqual(['高峰掉', '线。客', '户']);
    expect(wrapLabel('高峰掉线）', 40, 10, mono)).toEqual(['高峰掉', '线）']);
  });

  it('mixes scripts: Latin words stay whole next to CJK characters', () => {
    expect(wrapLabel('CRM系统slow', 50, 10, mono)).toEqual(['CRM系统', 'slow']);
  });

  it('breaks a word longer than the line between characters', () => {
    expect(wrapLabel('a supercalifragilistic b', 60, 10, mono)).toEqual(['a', 'superc', 'alifra', 'gilist', 'ic b']);
  });

  it('keeps explicit newlines', () => {
    expect(wrapLabel('one\ntwo\r\nthree', 500, 10, mono)).toEqual(['one', 'two', 'three']);
  });

  it('never returns a line wider than the limit unless it is one unbreakable unit', () => {
    const text = '客服 first response 时间 increased by 40% after the 10月 release，主要在四川电话渠道';
    for (const max of [20, 50, 80, 130, 400]) {
      const lines = wrapLabel(text, max, 10, estimateTextWidth);
      for (const line of lines) {
        if (estimateTextWidth(line, 10) > max) expect(Array.from(line.replace(/[，。]/g, '')).length).toBeLessThanOrEqual(1);
      }
      // nothing lost but spaces
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });
});
