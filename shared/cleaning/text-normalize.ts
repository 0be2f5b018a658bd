/**
 * Pure text normalisers for cleaning category values (Chinese and English). None of them touches
 * CJK ideographs; each is idempotent.
 */

const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = '\u3000';

/**
 * Full-width ASCII variants (U+FF01–U+FF5E: ＡＢＣ１２３！) become ASCII, and the ideographic space
 * U+3000 becomes a space. Chinese punctuation such as ，。：；！？（）【】“” is left alone, because
 * U+FF0C ， and U+FF1A ： are the full-width forms of ',' and ':' while 。【】“” have no ASCII form;
 * use {@link normalizePunctuation} to fold them all.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (char) =>
    char === IDEOGRAPHIC_SPACE ? ' ' : String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_OFFSET),
  );
}

/**
 * The inverse of {@link toHalfWidth}: printable ASCII (U+0021–U+007E) becomes its full-width form
 * and a space becomes U+3000. CJK characters and other punctuation are left alone.
 */
export function toFullWidth(text: string): string {
  return text.replace(/[\u0021-\u007E ]/g, (char) =>
    char === ' ' ? IDEOGRAPHIC_SPACE : String.fromCharCode(char.charCodeAt(0) + FULL_WIDTH_OFFSET),
  );
}

const PUNCTUATION_TO_ASCII: Readonly<Record<string, string>> = {
  '，': ',',
  '、': ',',
  '。': '.',
  '．': '.',
  '：': ':',
  '；': ';',
  '！': '!',
  '？': '?',
  '（': '(',
  '）': ')',
  '【': '[',
  '】': ']',
  '〔': '[',
  '〕': ']',
  '［': '[',
  '］': ']',
  '｛': '{',
  '｝': '}',
  '《': '<',
  '》': '>',
  '〈': '<',
  '〉': '>',
  '“': '"',
  '”': '"',
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '＂': '"',
  '‘': "'",
  '’': "'",
  '＇': "'",
  '—': '-',
  '–': '-',
  '－': '-',
  '～': '~',
  '·': '.',
  '・': '.',
  '…': '...',
};

const PUNCTUATION_PATTERN = new RegExp(`[${Object.keys(PUNCTUATION_TO_ASCII).join('')}]`, 'g');

/**
 * Common Chinese (and full-width) punctuation mapped to ASCII: ，、→ ,  。→ .  ：→ :  ；→ ;
 * ！→ !  ？→ ?  （）→ ()  【】〔〕→ []  《》〈〉→ <>  “”「」『』→ "  ‘’→ '  —–－→ -  ～→ ~
 * ·・→ .  …→ ... . Meant for comparison keys, not for rewriting what users see.
 */
export function normalizePunctuation(text: string): string {
  return text.replace(PUNCTUATION_PATTERN, (char) => PUNCTUATION_TO_ASCII[char] ?? char);
}

/** Han ideographs, kana and CJK punctuation: the characters Chinese and Japanese write without spaces. */
export const CJK_CHARACTER = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3001-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65]';

const ZERO_WIDTH = /[\u200B-\u200D\uFEFF]/g;
const WHITESPACE_RUN = /[\s\u3000\u00A0]+/gu;
const SPACE_BETWEEN_CJK = new RegExp(`(?<=${CJK_CHARACTER}) (?=${CJK_CHARACTER})`, 'gu');

/**
 * Trims and collapses every run of whitespace (including U+3000 and no-break spaces) to one
 * space, and removes the space between two CJK characters (`华 东 区` → `华东区`), which Chinese
 * exports often carry. Zero-width characters (U+200B–U+200D, U+FEFF) are removed rather than
 * turned into a space: they show as nothing, so `ab\u200Bc` reads as `abc`.
 */
export function normalizeWhitespace(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(WHITESPACE_RUN, ' ').trim().replace(SPACE_BETWEEN_CJK, '');
}

const LATIN_LETTER = /\p{Script=Latin}/u;
const CJK = new RegExp(CJK_CHARACTER, 'u');
const LATIN_RUN = /\p{Script=Latin}+/gu;

/** Upper-cases Latin letters (including full-width ones) only; Greek, Cyrillic and CJK are kept. */
export function toUpperCaseLatin(text: string): string {
  return text.replace(LATIN_RUN, (run) => run.toUpperCase());
}

/** Lower-cases Latin letters (including full-width ones) only; Greek, Cyrillic and CJK are kept. */
export function toLowerCaseLatin(text: string): string {
  return text.replace(LATIN_RUN, (run) => run.toLowerCase());
}

/**
 * Title case per word for Latin letters: a Latin letter that follows a letter, digit or an
 * apostrophe within a word is lower-cased, any other is upper-cased (`live chat` → `Live Chat`,
 * `e-MAIL` → `E-Mail`, `o'neil` → `O'neil`, `售后phone` → `售后Phone`). Non-Latin text is kept.
 */
export function toTitleCaseLatin(text: string): string {
  let out = '';
  let inWord = false;
  for (const char of text) {
    if (LATIN_LETTER.test(char)) {
      out += inWord ? char.toLowerCase() : char.toUpperCase();
      inWord = true;
    } else {
      out += char;
      if (/\p{N}/u.test(char)) inWord = true;
      else if (char !== "'" && char !== '’') inWord = /\p{L}/u.test(char) && !CJK.test(char);
    }
  }
  return out;
}
