/** How many rejects one page of the rejects view shows. */
export const REJECTS_PAGE_SIZE = 200;

/** Characters of raw text a table cell holds; the rest is in its tooltip. */
export const RAW_CELL_CHARS = 160;

/**
 * Characters of raw text a tooltip holds. A record cut off by an unclosed quote can run to the
 * end of the file, and a tooltip of megabytes helps no one.
 */
export const RAW_TITLE_CHARS = 4000;

export const RETURN_SYMBOL = '⏎';

export interface ClippedText {
  readonly text: string;
  /** Characters left out; 0 when the text is whole. */
  readonly omitted: number;
}

/** At most `max` characters, never splitting a surrogate pair (an emoji or a rare CJK character). */
export function clipText(text: string, max: number): ClippedText {
  if (text.length <= max) return { text, omitted: 0 };
  const chars = Array.from(text);
  if (chars.length <= max) return { text, omitted: 0 };
  return { text: chars.slice(0, max).join(''), omitted: chars.length - max };
}

/** Raw text as a table cell shows it: the lines of the text, clipped to `max` characters in all. */
export interface RawCellLines {
  /** The lines, in order; the cell draws a ⏎ between each two. */
  readonly lines: readonly string[];
  /** Whether text was left out at the end (the cell then ends with …). */
  readonly clipped: boolean;
}

/** Splits raw text at its line breaks (LF, CRLF or a lone CR) and keeps at most `max` characters, a line break counting as one. */
export function rawCellLines(raw: string, max = RAW_CELL_CHARS): RawCellLines {
  const lines: string[] = [];
  let budget = max;
  for (const line of raw.split(/\r\n|\r|\n/)) {
    if (lines.length > 0) {
      if (budget === 0) return { lines, clipped: true };
      budget--;
    }
    const clipped = clipText(line, budget);
    lines.push(clipped.text);
    if (clipped.omitted > 0) return { lines, clipped: true };
    budget -= Array.from(clipped.text).length;
  }
  return { lines, clipped: false };
}

/** The text a rejects table cell shows for a raw value or row: one line, ⏎ for each line break, … when clipped. */
export function rawCellText(raw: string, max = RAW_CELL_CHARS): string {
  const { lines, clipped } = rawCellLines(raw, max);
  return `${lines.join(RETURN_SYMBOL)}${clipped ? '…' : ''}`;
}

/** The last segment of a path, whether it was written with `/` or `\`. */
export function fileBaseName(file: string): string {
  const segments = file.split(/[\\/]/).filter((s) => s !== '');
  return segments[segments.length - 1] ?? file;
}

export interface PageRange {
  /** 1-based number of the first reject shown; 0 when there are none. */
  readonly from: number;
  readonly to: number;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
}

/** Which rejects a page at `offset` shows out of `total`, for "1–200 of 512" and the page buttons. */
export function pageRange(offset: number, shown: number, total: number): PageRange {
  return {
    from: shown === 0 ? 0 : offset + 1,
    to: offset + shown,
    hasPrevious: offset > 0,
    hasNext: offset + shown < total,
  };
}
