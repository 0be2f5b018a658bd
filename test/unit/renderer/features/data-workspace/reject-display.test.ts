import { describe, expect, it } from 'vitest';
import { clipText, fileBaseName, pageRange, rawCellLines, rawCellText } from '../../../../../renderer/features/data-workspace/reject-display';

describe('rawCellLines', () => {
  it('splits at every kind of line break and keeps the rest as it was', () => {
    expect(rawCellLines('a\nb\r\nc\rd')).toEqual({ lines: ['a', 'b', 'c', 'd'], clipped: false });
    expect(rawCellLines('  tabs\tand spaces  ')).toEqual({ lines: ['  tabs\tand spaces  '], clipped: false });
    expect(rawCellLines('trailing\n')).toEqual({ lines: ['trailing', ''], clipped: false });
  });

  it('counts a line break as one character of the budget', () => {
    expect(rawCellLines('abc\ndef', 3)).toEqual({ lines: ['abc'], clipped: true });
    expect(rawCellLines('abc\ndef', 4)).toEqual({ lines: ['abc', ''], clipped: true });
  });
});

describe('clipText', () => {
  it('keeps short text whole', () => {
    expect(clipText('五星', 2)).toEqual({ text: '五星', omitted: 0 });
  });

  it('counts characters, not UTF-16 units, so a surrogate pair is never split', () => {
    expect(clipText('😀😀😀', 2)).toEqual({ text: '😀😀', omitted: 1 });
    expect(clipText('𠀋𠀋x', 1)).toEqual({ text: '𠀋', omitted: 2 });
  });
});

describe('rawCellText', () => {
  it('shows each line break as ⏎', () => {
    expect(rawCellText('T-0007,"第一行\r\n第二行",五星')).toBe('T-0007,"第一行⏎第二行",五星');
  });

  it('ends clipped text with an ellipsis, after turning line breaks into ⏎', () => {
    expect(rawCellText('abc\ndef', 5)).toBe('abc⏎d…');
    expect(rawCellText('abc\ndef', 7)).toBe('abc⏎def');
  });

  it('holds at most the default number of characters of a very long record', () => {
    const shown = rawCellText('x'.repeat(100_000));
    expect(shown.length).toBeLessThan(200);
    expect(shown.endsWith('…')).toBe(true);
  });
});

describe('fileBaseName', () => {
  it('takes the last segment of POSIX and Windows paths', () => {
    expect(fileBaseName('/home/li/exports/march-tickets.csv')).toBe('march-tickets.csv');
    expect(fileBaseName('C:\\Users\\li\\导出\\三月工单.csv')).toBe('三月工单.csv');
    expect(fileBaseName('march-tickets.csv')).toBe('march-tickets.csv');
  });
});

describe('pageRange', () => {
  it('numbers the first page from 1 and offers only the next page', () => {
    expect(pageRange(0, 200, 512)).toEqual({ from: 1, to: 200, hasPrevious: false, hasNext: true });
  });

  it('ends the last page at the total', () => {
    expect(pageRange(400, 112, 512)).toEqual({ from: 401, to: 512, hasPrevious: true, hasNext: false });
  });

  it('has no pages to move to when everything fits', () => {
    expect(pageRange(0, 2, 2)).toEqual({ from: 1, to: 2, hasPrevious: false, hasNext: false });
    expect(pageRange(0, 0, 0)).toEqual({ from: 0, to: 0, hasPrevious: false, hasNext: false });
  });
});
