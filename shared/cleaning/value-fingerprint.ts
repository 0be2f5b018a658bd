import { CJK_CHARACTER, normalizeWhitespace, toHalfWidth } from './text-normalize';

/**
 * Generic trailing words of Chinese place and organisation names, ignored when comparing values
 * so that 华东, 华东区 and 华东大区 collide. Longer suffixes are tried first.
 */
export const DEFAULT_GENERIC_SUFFIXES: readonly string[] = ['区', '省', '市', '地区', '分公司', '有限公司', '公司', '大区'];

/** Options shared by the fingerprint keys. */
export interface FingerprintOptions {
  /** Trailing generic words to strip from CJK values; defaults to {@link DEFAULT_GENERIC_SUFFIXES}. */
  readonly suffixes?: readonly string[];
}

const CJK = new RegExp(CJK_CHARACTER, 'u');
const SURROGATE = /[\uD800-\uDFFF]/;
const ASCII = /^[\t\n\r -~]*$/;
const COMBINING_ACCENT = /[\u0300-\u036F]/g;
const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}\p{Cc}\p{Cf}]/gu;
// a stripped name keeps at least this many characters, so 东区 is not reduced to 东
const MIN_STRIPPED_LENGTH = 2;

/** Does the text hold a Han, kana or CJK punctuation character? */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

function sortedSuffixes(suffixes: readonly string[]): readonly string[] {
  return [...new Set(suffixes)].filter((suffix) => suffix !== '').sort((a, b) => b.length - a.length);
}

const defaultSorted = sortedSuffixes(DEFAULT_GENERIC_SUFFIXES);

function stripSuffixes(text: string, suffixes: readonly string[]): string {
  let current = text;
  for (;;) {
    const suffix = suffixes.find(
      (candidate) => current.endsWith(candidate) && Array.from(current.slice(0, -candidate.length)).length >= MIN_STRIPPED_LENGTH,
    );
    if (suffix === undefined) return current;
    current = current.slice(0, -suffix.length);
  }
}

/**
 * The text a value is compared by, before any token sorting: NFKC, half-width, lower case,
 * accents removed (Latin combining marks only, so kana keep their voicing marks), punctuation and
 * symbols removed, whitespace collapsed; text with CJK characters also loses all spaces and its
 * trailing generic suffixes (`华东 大区` → `华东`).
 */
export function comparisonForm(value: string, options: FingerprintOptions = {}): string {
  const lower = ASCII.test(value)
    ? value.toLowerCase()
    : toHalfWidth(value.normalize('NFKC')).toLowerCase().normalize('NFD').replace(COMBINING_ACCENT, '').normalize('NFC');
  const folded = lower.replace(PUNCTUATION_OR_SYMBOL, '');
  const spaced = normalizeWhitespace(folded);
  if (!hasCjk(spaced)) return spaced;
  const suffixes = options.suffixes === undefined ? defaultSorted : sortedSuffixes(options.suffixes);
  return stripSuffixes(spaced.replace(/ /g, ''), suffixes);
}

/**
 * OpenRefine's key-collision fingerprint, tuned for Chinese: the {@link comparisonForm}, then for
 * text without CJK characters its words are de-duplicated, sorted and joined by one space
 * (`Live  chat` and `CHAT live` → `chat live`). Text with CJK characters keeps its order, since
 * 东华 is not 华东.
 */
export function fingerprint(value: string, options: FingerprintOptions = {}): string {
  return fingerprintOfForm(comparisonForm(value, options));
}

/** The {@link fingerprint} of a value whose {@link comparisonForm} is already known. */
export function fingerprintOfForm(form: string): string {
  if (hasCjk(form)) return form;
  return [...new Set(form.split(' '))].sort().join(' ');
}

/**
 * The character n-gram fingerprint (n defaults to 2): the {@link comparisonForm} without spaces
 * (before any word sorting, as in OpenRefine), cut into overlapping n-grams by code point, de-duplicated, sorted and joined, so `Shang hai` and
 * `Shanghai` collide. A key shorter than n is returned as it is.
 */
export function ngramFingerprint(value: string, n = 2, options: FingerprintOptions = {}): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n-gram size must be a positive integer, got ${n}`);
  const text = comparisonForm(value, options).replace(/ /g, '');
  const grams = new Set<string>();
  if (!SURROGATE.test(text)) {
    if (text.length <= n) return text;
    for (let i = 0; i + n <= text.length; i++) grams.add(text.slice(i, i + n));
  } else {
    const chars = Array.from(text);
    if (chars.length <= n) return text;
    for (let i = 0; i + n <= chars.length; i++) grams.add(chars.slice(i, i + n).join(''));
  }
  return [...grams].sort().join('');
}
