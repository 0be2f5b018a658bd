import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../../../shared/report/markdown';

describe('the Markdown of a report text block', () => {
  it('reads headings, paragraphs joined across lines, and bulleted and numbered lists', () => {
    const doc = parseMarkdown('# 本月要点\n\nCSAT fell\nin Sichuan.\n\n- first\n- second\n  continued\n\n1. one\n2) two\n### Small');
    expect(doc).toEqual([
      { kind: 'heading', level: 1, runs: [{ text: '本月要点' }] },
      { kind: 'paragraph', runs: [{ text: 'CSAT fell in Sichuan.' }] },
      { kind: 'list', ordered: false, items: [[{ text: 'first' }], [{ text: 'second continued' }]] },
      { kind: 'list', ordered: true, items: [[{ text: 'one' }], [{ text: 'two' }]] },
      { kind: 'heading', level: 3, runs: [{ text: 'Small' }] },
    ]);
  });

  it('starts a new list when the kind of list changes, and ends one at a paragraph', () => {
    expect(parseMarkdown('- a\n1. b').map((p) => p.kind === 'list' && p.ordered)).toEqual([false, true]);
    expect(parseMarkdown('text\n- item').map((p) => p.kind)).toEqual(['paragraph', 'list']);
  });

  it('reads bold, italic, code and links, and passes no HTML through', () => {
    expect(parseInline('a **bold** and *it* or _it_ `code` [site](https://x.example) <b>x</b>')).toEqual([
      { text: 'a ' },
      { text: 'bold', bold: true },
      { text: ' and ' },
      { text: 'it', italic: true },
      { text: ' or ' },
      { text: 'it', italic: true },
      { text: ' code site (https://x.example) <b>x</b>' },
    ]);
  });

  it('keeps formula-like text as text (the exporters neutralise it)', () => {
    expect(parseMarkdown('=HYPERLINK("x")')).toEqual([{ kind: 'paragraph', runs: [{ text: '=HYPERLINK("x")' }] }]);
  });

  it('reads CRLF and CR line ends, and an empty text as nothing', () => {
    expect(parseMarkdown('a\r\nb\rc')).toEqual([{ kind: 'paragraph', runs: [{ text: 'a b c' }] }]);
    expect(parseMarkdown('  \n\n')).toEqual([]);
  });
});
