import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CellValue, ColumnType, ValueFormat } from '../../../shared/api/types';
import { detectPiiInText, detectPiiInValue, maskKeepLast, maskText, PII_KINDS, type PiiKind, type PiiMatch } from '../../../shared/cleaning/pii';
import { normalizeEmail, normalizeIdCard, normalizePhone } from '../../../shared/cleaning/pii-normalize';
import { normalizeWhitespace, toFullWidth, toHalfWidth, toLowerCaseLatin, toTitleCaseLatin, toUpperCaseLatin } from '../../../shared/cleaning/text-normalize';
import { RECIPE_FUNCTIONS } from '../../../shared/recipe/compile-recipe';
import { parseAs } from '../import/infer-types';

/**
 * The SQL functions recipe steps call for text work SQL cannot do. All are deterministic, so
 * SQLite may evaluate them once per distinct argument; each also remembers its recent answers,
 * since category columns repeat a few values a million times.
 */

const MEMO_ENTRIES = 20_000;
/** Calls a memo watches before it decides whether remembering pays, and how long that decision holds. */
const PROBE_CALLS = 4_096;
const DECISION_CALLS = 65_536;

/**
 * A function of one text and fixed options, remembered per (options, text) while remembering
 * pays: a category column repeats a few values a million times, but a column of phone numbers
 * never repeats, and building keys for it costs more than the work. Every so often the memo
 * watches its hit rate again, since one function serves several columns.
 */
function memoized<A extends readonly (string | number)[]>(compute: (text: string, ...options: A) => CellValue): (text: string, ...options: A) => CellValue {
  const memo = new Map<string, CellValue>();
  let calls = 0;
  let hits = 0;
  let remembering = true;
  return (text, ...options) => {
    calls++;
    if (calls === (remembering ? PROBE_CALLS : DECISION_CALLS)) {
      remembering = !remembering || hits * 4 >= calls;
      calls = 0;
      hits = 0;
    }
    if (!remembering) return compute(text, ...options);
    const key = `${options.join('\u0001')}\u0000${text}`;
    const known = memo.get(key);
    if (known !== undefined || memo.has(key)) {
      hits++;
      return known!;
    }
    const value = compute(text, ...options);
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(key, value);
    return value;
  };
}

const emptyAsNull = (text: string): string | null => (text === '' ? null : text);

/** Starts as `YYYY-MM-DD`: what the date formats read into. */
function isIsoDate(value: CellValue): value is string {
  return typeof value === 'string' && value.length >= 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && ISO_DATE_START.test(value);
}
const ISO_DATE_START = /^\d{4}-\d{2}-\d{2}/;

/** A value read as `type`, written as `format` says; null when it does not fit (a rejected value). */
export function convertValue(value: CellValue, type: ColumnType, format: ValueFormat): CellValue {
  if (value === null) return null;
  if (type === 'text') return typeof value === 'number' ? String(value) : value;
  if (typeof value === 'number') {
    if (type === 'integer' || type === 'boolean') return Number.isInteger(value) && (type === 'integer' || value === 0 || value === 1) ? value : null;
    if (type === 'real') return value;
  }
  const raw = String(value);
  // most values have no spaces around them: trimming only those that do saves a copy a row
  const text = raw.length > 0 && raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32 ? raw : raw.trim();
  if (text === '') return null;
  const parsed = parseAs(format, text);
  if (parsed === null) return null;
  switch (type) {
    case 'integer':
      return typeof parsed === 'number' && Number.isInteger(parsed) ? parsed : null;
    case 'real':
      return typeof parsed === 'number' ? parsed : null;
    case 'boolean':
      return parsed === 0 || parsed === 1 ? parsed : null;
    case 'date':
      return isIsoDate(parsed) ? parsed.slice(0, 10) : null;
    case 'datetime':
      if (!isIsoDate(parsed)) return null;
      return parsed.length === 10 ? `${parsed} 00:00:00` : parsed.slice(0, 19);
  }
}

/** OpenCC's converters, loaded on first need: their tables are megabytes, and an import job's
 * thread, which bundles this module too, runs with a small heap. */
let scripts: { readonly toSimplified: (text: string) => string; readonly toTraditional: (text: string) => string } | undefined;

/** Loads the traditional ↔ simplified tables (OpenCC, shipped in the app) when a recipe converts
 * script (tens of megabytes of heap, so only then). */
export async function loadChineseScript(spec?: { readonly steps: readonly { readonly kind: string; readonly enabled: boolean }[] }): Promise<void> {
  if (scripts !== undefined) return;
  if (spec !== undefined && !spec.steps.some((s) => s.kind === 'chineseScript' && s.enabled)) return;
  const OpenCC = await import('opencc-js');
  scripts = { toSimplified: OpenCC.Converter({ from: 'tw', to: 'cn' }), toTraditional: OpenCC.Converter({ from: 'cn', to: 'tw' }) };
}

function convertScript(text: string, to: string): string {
  if (scripts === undefined) throw new Error('the Chinese script tables are not loaded (loadChineseScript)');
  return to === 'traditional' ? scripts.toTraditional(text) : scripts.toSimplified(text);
}

/** The i-th of `count` parts of a text cut at `separator`; the last part keeps the rest. */
export function splitPart(text: string, separator: string, index: number, count: number): string | null {
  const parts = text.split(separator);
  const part = index < count - 1 ? parts[index] : parts.slice(count - 1).join(separator);
  return part === undefined ? null : emptyAsNull(part.trim());
}

const patterns = new Map<string, RegExp>();
/** The first match of a pattern in a text: its first group when it has one. */
export function extractMatch(text: string, pattern: string): string | null {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(pattern, 'u');
    patterns.set(pattern, regex);
  }
  const match = regex.exec(text);
  if (match === null) return null;
  return match[1] ?? match[0];
}

/** The key an identifier is hashed by, so the same person hashes alike however the value was written. */
function identifierKey(match: Pick<PiiMatch, 'kind' | 'text'>): string {
  switch (match.kind) {
    case 'phone':
      return normalizePhone(match.text) ?? match.text.trim();
    case 'email':
      return normalizeEmail(match.text) ?? match.text.trim().toLowerCase();
    case 'idCard':
      return normalizeIdCard(match.text) ?? match.text.replace(/\s/g, '').toUpperCase();
    case 'bankCard':
      return match.text.replace(/\D/g, '');
    case 'personName':
      return match.text.trim();
  }
}

/** How dropped identifiers read in free text. */
const DROPPED: Readonly<Record<PiiKind, string>> = { phone: '[phone]', email: '[email]', idCard: '[id card]', bankCard: '[bank card]', personName: '[name]' };

/** Masks, hashes or drops personal data, with the workbench's own secret for hashes. */
export class PiiMasker {
  constructor(private readonly secret: string) {}

  /** 16 hex digits of HMAC-SHA-256: equal inputs give equal hashes within one workbench only. */
  hash(key: string): string {
    return createHmac('sha256', this.secret).update(key).digest('hex').slice(0, 16);
  }

  /** A whole cell of a personal column. */
  value(text: string, method: 'mask' | 'hash' | 'drop'): string | null {
    if (method === 'drop') return null;
    if (method === 'mask') return maskKeepLast(text);
    const [match] = detectPiiInValue(text);
    return this.hash(match !== undefined && match.start === 0 && match.end === text.length ? identifierKey(match) : text.trim());
  }

  /** The identifiers of `kinds` found in free text; the rest of the text is kept. */
  text(text: string, method: 'mask' | 'hash' | 'drop', kinds: readonly PiiKind[]): string {
    if (method === 'mask') return maskText(text, kinds);
    const matches = detectPiiInText(text, { kinds });
    let out = '';
    let from = 0;
    for (const m of matches) {
      out += text.slice(from, m.start) + (method === 'hash' ? `[${m.kind}:${this.hash(identifierKey(m))}]` : DROPPED[m.kind]);
      from = m.end;
    }
    return out + text.slice(from);
  }
}

/** The key a person is stitched by across sources: the first value that reads as a phone, e-mail
 * or ID card number, normalised and tagged with its kind; null when none does. */
export function identityKey(values: readonly unknown[]): string | null {
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value);
    const phone = normalizePhone(text);
    if (phone !== null) return `phone:${phone}`;
    const email = normalizeEmail(text);
    if (email !== null) return `email:${email}`;
    const id = normalizeIdCard(text);
    if (id !== null) return `id:${id}`;
  }
  return null;
}

/** The workbench's secret for hashing personal data, made on first use and kept in the file. */
export function workbenchSecret(db: Database.Database): string {
  const row = db.prepare("SELECT value FROM rw_meta WHERE key = 'pii_secret'").get() as { value: string } | undefined;
  if (row !== undefined) return row.value;
  const secret = randomBytes(32).toString('hex');
  db.prepare("INSERT INTO rw_meta (key, value) VALUES ('pii_secret', ?)").run(secret);
  return secret;
}

const KINDS = new Set<string>(PII_KINDS);
const kindsOf = (list: string): PiiKind[] => list.split(',').filter((k): k is PiiKind => KINDS.has(k));

/** Registers the recipe functions on a connection; `secret` is the workbench's hashing secret. */
export function registerRecipeFunctions(db: Database.Database, secret: string): void {
  const masker = new PiiMasker(secret);
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : null);
  const deterministic = { deterministic: true } as const;

  const convertText = memoized((t: string, type: string, format: string) => convertValue(t, type as ColumnType, format as ValueFormat));
  db.function(RECIPE_FUNCTIONS.convert, deterministic, (value: unknown, type: unknown, format: unknown) =>
    typeof value === 'string' ? convertText(value, String(type), String(format)) : convertValue(value === undefined ? null : (value as CellValue), type as ColumnType, format as ValueFormat),
  );
  const trim = memoized((t: string, inner: number) => emptyAsNull(inner === 1 ? normalizeWhitespace(t) : t.trim()));
  db.function(RECIPE_FUNCTIONS.trim, deterministic, (value: unknown, inner: unknown) => {
    const t = text(value);
    return t === null ? null : trim(t, Number(inner));
  });
  const width = memoized((t: string, to: string) => (to === 'full' ? toFullWidth(t) : toHalfWidth(t)));
  db.function(RECIPE_FUNCTIONS.width, deterministic, (value: unknown, to: unknown) => {
    const t = text(value);
    return t === null ? null : width(t, String(to));
  });
  const script = memoized((t: string, to: string) => convertScript(t, to));
  db.function(RECIPE_FUNCTIONS.script, deterministic, (value: unknown, to: unknown) => {
    const t = text(value);
    return t === null ? null : script(t, String(to));
  });
  const cased = memoized((t: string, to: string) => (to === 'upper' ? toUpperCaseLatin(t) : to === 'lower' ? toLowerCaseLatin(t) : toTitleCaseLatin(t)));
  db.function(RECIPE_FUNCTIONS.case, deterministic, (value: unknown, to: unknown) => {
    const t = text(value);
    return t === null ? null : cased(t, String(to));
  });
  db.function(RECIPE_FUNCTIONS.splitPart, deterministic, (value: unknown, separator: unknown, index: unknown, count: unknown) => {
    const t = text(value);
    return t === null ? null : splitPart(t, String(separator), Number(index), Number(count));
  });
  db.function(RECIPE_FUNCTIONS.extract, deterministic, (value: unknown, pattern: unknown) => {
    const t = text(value);
    return t === null ? null : extractMatch(t, String(pattern));
  });
  const maskValue = memoized((t: string, method: string, scope: string, kinds: string) =>
    scope === 'text' ? masker.text(t, method as 'mask' | 'hash' | 'drop', kindsOf(kinds)) : masker.value(t, method as 'mask' | 'hash' | 'drop'),
  );
  db.function(RECIPE_FUNCTIONS.identity, { deterministic: true, varargs: true }, (hash: unknown, ...values: unknown[]) => {
    const key = identityKey(values);
    return key === null ? null : hash === 1 ? masker.hash(key) : key;
  });
  db.function(RECIPE_FUNCTIONS.mask, deterministic, (value: unknown, method: unknown, scope: unknown, kinds: unknown) => {
    const t = text(value);
    return t === null ? null : maskValue(t, String(method), String(scope), String(kinds));
  });
}
