import type { DocParagraph, DocRun } from './report-document';

/**
 * The Markdown a report's text block takes, read into paragraphs every format can draw: headings
 * (#, ##, ###), paragraphs (lines joined until a blank line), bulleted (-, *, +) and numbered
 * (1.) lists, **bold**, *italic* or _italic_, `code` as plain text and links as their text
 * followed by the address. Nothing is passed through as HTML: a `<b>` stays the text `<b>`.
 */
export function parseMarkdown(markdown: string): DocParagraph[] {
  const out: DocParagraph[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = (): void => {
    if (paragraph.length > 0) out.push({ kind: 'paragraph', runs: parseInline(paragraph.join(' ')) });
    paragraph = [];
    if (list !== null) out.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    list = null;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading !== null) {
      flush();
      out.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3, runs: parseInline(heading[2]!.replace(/\s+#+$/, '')) });
      continue;
    }
    const item = /^(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/.exec(line);
    if (item !== null) {
      const ordered = item[2] !== undefined;
      if (paragraph.length > 0 || (list !== null && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[3]!);
      continue;
    }
    if (list !== null) {
      // a line under a list item continues it
      const last = list.items.length - 1;
      list.items[last] = `${list.items[last]!} ${line}`;
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return out;
}

/** Bold, italic, code and links of one line as runs; the markers themselves are not kept. */
export function parseInline(text: string): DocRun[] {
  const runs: DocRun[] = [];
  const push = (run: DocRun): void => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.bold === run.bold && last.italic === run.italic) runs[runs.length - 1] = { ...last, text: last.text + run.text };
    else runs.push(run);
  };
  const pattern = /\*\*(.+?)\*\*|__(.+?)__|\*(?!\s)(.+?)\*|_(?!\s)(.+?)_|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) push({ text: text.slice(at, match.index) });
    const [, bold1, bold2, italic1, italic2, code, linkText, linkUrl] = match;
    if (bold1 !== undefined || bold2 !== undefined) push({ text: (bold1 ?? bold2)!, bold: true });
    else if (italic1 !== undefined || italic2 !== undefined) push({ text: (italic1 ?? italic2)!, italic: true });
    else if (code !== undefined) push({ text: code });
    else push({ text: `${linkText!} (${linkUrl!})` });
    at = match.index + match[0].length;
  }
  if (at < text.length) push({ text: text.slice(at) });
  return runs;
}
