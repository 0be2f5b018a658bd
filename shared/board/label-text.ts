/**
 * Text measuring and wrapping for diagram labels, without a DOM: the layout runs in Node for tests
 * and exports, and the renderer may pass a canvas measurer instead of the estimate.
 */

/** Width in pixels of `text` set in `fontSize` px. */
export type MeasureText = (text: string, fontSize: number) => number;

/** True for characters drawn about one em wide: CJK ideographs, kana, hangul, fullwidth forms, emoji. */
export function isWideChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3040 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f300
  );
}

const NARROW = new Set(Array.from("ilIjtf.,;:!|'`()[]{}"));
const BROAD = new Set(Array.from('mwMW@%'));

/** Em width of one character in a typical sans-serif UI face. */
function charEm(char: string): number {
  if (isWideChar(char)) return 1;
  if (char === ' ' || char === '\t') return 0.32;
  if (NARROW.has(char)) return 0.34;
  if (BROAD.has(char)) return 0.88;
  if (char >= '0' && char <= '9') return 0.6;
  if (char >= 'A' && char <= 'Z') return 0.68;
  if (char.charCodeAt(0) < 0x80) return 0.58;
  return 0.62;
}

/**
 * An estimate of the rendered width of `text`: CJK and fullwidth characters one em, Latin letters
 * about 0.58–0.68 em, digits 0.6, spaces and narrow punctuation about a third of an em. Deliberately a little
 * generous so boxes sized with it rarely clip real glyphs.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += charEm(char);
  return Math.round(em * fontSize * 100) / 100;
}

// characters that must not begin a line (they stay with the character before them)
const NO_LINE_START = new Set(Array.from('，。、；：？！）】」』》〉”’…,.;:?!)]}%'));

type Token = { readonly kind: 'space' } | { readonly kind: 'word'; readonly text: string };

/** Breakable units: each CJK character alone, Latin runs between spaces, closing punctuation glued to what precedes it. */
function tokenize(paragraph: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  const flush = (): void => {
    if (word !== '') tokens.push({ kind: 'word', text: word });
    word = '';
  };
  for (const char of paragraph) {
    if (/\s/.test(char)) {
      flush();
      if (tokens.length > 0 && tokens[tokens.length - 1]?.kind !== 'space') tokens.push({ kind: 'space' });
      continue;
    }
    const last = tokens[tokens.length - 1];
    if (NO_LINE_START.has(char) && word === '' && last?.kind === 'word') {
      tokens[tokens.length - 1] = { kind: 'word', text: last.text + char };
      continue;
    }
    if (isWideChar(char) && !NO_LINE_START.has(char)) {
      flush();
      word = char;
      continue;
    }
    if (word !== '' && isWideChar(Array.from(word).pop() ?? '') && !NO_LINE_START.has(char)) flush();
    word += char;
  }
  flush();
  while (tokens.length > 0 && tokens[tokens.length - 1]?.kind === 'space') tokens.pop();
  return tokens;
}

/** Splits a word wider than the line into pieces that fit (at least one character each). */
function breakWord(word: string, maxWidth: number, fontSize: number, measure: MeasureText): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && measure(piece + char, fontSize) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Wraps a label into lines no wider than `maxWidth` where possible: CJK text may break between any
 * two characters (never before closing punctuation), Latin text at spaces, and a word wider than
 * the line is broken between characters. Explicit newlines are kept; runs of spaces collapse.
 * Always returns at least one line (an empty label gives one empty line).
 */
export function wrapLabel(text: string, maxWidth: number, fontSize: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    let pendingSpace = false;
    for (const token of tokenize(paragraph)) {
      if (token.kind === 'space') {
        pendingSpace = line !== '';
        continue;
      }
      const candidate = line === '' ? token.text : line + (pendingSpace ? ' ' : '') + token.text;
      pendingSpace = false;
      if (measure(candidate, fontSize) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      const pieces = measure(token.text, fontSize) <= maxWidth ? [token.text] : breakWord(token.text, maxWidth, fontSize, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? '';
    }
    lines.push(line);
  }
  return lines;
}
