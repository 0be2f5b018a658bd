import { isPlausibleBankCard } from './bank-card';
import { COMPOUND_SURNAMES, SINGLE_SURNAMES } from './chinese-surnames';
import { hasIdCardShape, isValidIdCard } from './id-card';

/** The personal identifiers the cleaning feature can find and mask. */
export type PiiKind = 'phone' | 'idCard' | 'email' | 'bankCard' | 'personName';

export const PII_KINDS: readonly PiiKind[] = ['phone', 'idCard', 'email', 'bankCard', 'personName'];

/** What cleaning does with a column or the identifiers in it; hashing is left to the engine. */
export type MaskMethod = 'mask' | 'hash' | 'drop';

/**
 * One identifier found in a text: `start`/`end` are UTF-16 offsets (end exclusive), `confidence`
 * in 0–1 — about 0.9 and above for checksummed or strongly shaped identifiers, 0.5–0.6 for names
 * guessed from a cue in free text.
 */
export interface PiiMatch {
  readonly kind: PiiKind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly confidence: number;
}

// A number glued to more digits (by nothing, a separator before a digit group, or a decimal point)
// is part of something longer: an order number, a grouped account, an amount.
const START = String.raw`(?<![0-9A-Za-z])(?<!\d[ -])(?<!\d\.)`;
const END = String.raw`(?![0-9A-Za-z])(?![ -]\d{3})(?!\.\d)`;

const MOBILE = new RegExp(String.raw`${START}(?:(?:\+|00)86[ -]?|86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}${END}`, 'g');
const LANDLINE = new RegExp(
  String.raw`${START}(?:\((?:010|02\d)\) ?|(?:010|02\d)[ -])[2-9]\d{7}` +
    String.raw`(?:(?:-|转|ext\.? ?|x|#)\d{1,6})?${END}|` +
    String.raw`${START}(?:\(0[3-9]\d{2}\) ?|0[3-9]\d{2}[ -])[2-9]\d{6,7}(?:(?:-|转|ext\.? ?|x|#)\d{1,6})?${END}`,
  'g',
);
const INTERNATIONAL = new RegExp(String.raw`${START}\+[1-9](?:[ -]?\d){7,14}${END}`, 'g');
const ID_CARD = new RegExp(String.raw`${START}[1-9]\d{5} ?(?:\d{8} ?\d{3}[0-9Xx]|\d{6} ?\d{3})${END}`, 'g');
const BANK_CARD = new RegExp(
  String.raw`${START}(?:[2-6]\d{12,18}|[2-6]\d{3}([ -])\d{4}(?:\1\d{4}){1,2}(?:\1\d{1,4})?)${END}`,
  'g',
);
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

// Words that label the number after them as something other than a person's phone or card.
const NOT_PERSONAL_CUE = /订单|单号|工单|编号|流水|运单|快递|物流|票号|发票|批次|序列号|order|ticket|tracking|invoice|serial|ref\b|case\b/gi;
const PERSONAL_CUE = /电话|手机|致电|来电|联系|回电|tel|phone|mobile|call|卡号|银行卡|信用卡|储蓄卡|card|账号|account/gi;
const CUE_WINDOW = 16;

const NAME_LABEL = /(?:联系人|客户|姓名|收件人|顾客|投诉人|来电人|用户)\s*[:：]\s*/g;
const HONORIFIC = /先生|女士|小姐/g;
const HAN = /^[\u4e00-\u9fff]$/;
// Characters that start the words usually written right after a name, not given-name characters.
const NOT_GIVEN_NAME = new Set(Array.from('的了是在说和与及或电手先女小反投来表称要希致已于对向您你我他她等打会员户店司部级客服'));

// Single surnames that, far more often, are a word written just before a name (和李娜女士).
const WORDLIKE_SURNAMES = new Set(Array.from('和向于与时明文成安常应全关解单车'));

const PRIORITY: Record<PiiKind, number> = { email: 5, idCard: 4, bankCard: 3, phone: 2, personName: 1 };

/** Options for {@link detectPiiInText}. */
export interface DetectOptions {
  /** Only these kinds are looked for (all by default). */
  readonly kinds?: readonly PiiKind[];
}

/** Whether a context cue before `start` says the number there is an order, ticket or similar id. */
function labelledNotPersonal(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - CUE_WINDOW), start);
  const last = (re: RegExp): number => {
    let at = -1;
    for (const m of before.matchAll(re)) at = m.index;
    return at;
  };
  const not = last(NOT_PERSONAL_CUE);
  return not >= 0 && not > last(PERSONAL_CUE);
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

function* regexCandidates(text: string, kinds: ReadonlySet<PiiKind>): Generator<PiiMatch> {
  const at = (kind: PiiKind, m: RegExpExecArray | RegExpMatchArray, confidence: number): PiiMatch => {
    const start = m.index ?? 0;
    return { kind, start, end: start + m[0].length, text: m[0], confidence };
  };
  if (kinds.has('email')) for (const m of text.matchAll(EMAIL)) yield at('email', m, 0.99);
  if (kinds.has('idCard')) {
    for (const m of text.matchAll(ID_CARD)) {
      if (!isValidIdCard(m[0])) continue;
      const old = digitsOf(m[0]).length === 15;
      if (old && labelledNotPersonal(text, m.index)) continue;
      yield at('idCard', m, old ? 0.7 : 0.99);
    }
  }
  if (kinds.has('bankCard')) {
    for (const m of text.matchAll(BANK_CARD)) {
      const digits = digitsOf(m[0]);
      // a number shaped like an ID card (area, birth date) is one, even with a wrong check digit
      if (!isPlausibleBankCard(digits) || hasIdCardShape(digits) || labelledNotPersonal(text, m.index)) continue;
      yield at('bankCard', m, 0.9);
    }
  }
  if (kinds.has('phone')) {
    for (const m of text.matchAll(MOBILE)) if (!labelledNotPersonal(text, m.index)) yield at('phone', m, 0.95);
    for (const m of text.matchAll(LANDLINE)) yield at('phone', m, 0.9);
    for (const m of text.matchAll(INTERNATIONAL)) yield at('phone', m, 0.8);
  }
}

/** Surname + one or two given-name characters starting at `start`, or its length 0. */
function chineseNameLength(text: string, start: number, maxEnd: number): number {
  const surname = COMPOUND_SURNAMES.has(text.slice(start, start + 2)) ? 2 : SINGLE_SURNAMES.has(text[start] ?? '') ? 1 : 0;
  if (surname === 0) return 0;
  let given = 0;
  while (given < 2 && start + surname + given < maxEnd) {
    const char = text[start + surname + given]!;
    if (!HAN.test(char) || NOT_GIVEN_NAME.has(char)) break;
    given++;
  }
  return given === 0 ? 0 : surname + given;
}

function* cuedNames(text: string): Generator<PiiMatch> {
  for (const m of text.matchAll(NAME_LABEL)) {
    const start = m.index + m[0].length;
    const length = chineseNameLength(text, start, text.length);
    if (length > 0) yield { kind: 'personName', start, end: start + length, text: text.slice(start, start + length), confidence: 0.5 };
  }
  for (const m of text.matchAll(HONORIFIC)) {
    const end = m.index;
    // longest plausible name ending right before the honorific: 欧阳娜娜, 王建国, 欧阳娜, 王伟
    for (const length of [4, 3, 2]) {
      const start = end - length;
      if (start < 0 || chineseNameLength(text, start, end) !== length) continue;
      if (WORDLIKE_SURNAMES.has(text[start]!) && chineseNameLength(text, start + 1, end) === length - 1) continue;
      yield { kind: 'personName', start, end, text: text.slice(start, end), confidence: 0.6 };
      break;
    }
  }
}

/** Keeps the strongest of overlapping candidates: by kind priority, then length, then position. */
function resolveOverlaps(candidates: readonly PiiMatch[]): PiiMatch[] {
  const ranked = [...candidates].sort(
    (a, b) => PRIORITY[b.kind] - PRIORITY[a.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PiiMatch[] = [];
  for (const c of ranked) if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Finds identifiers in free text (a ticket's description, a chat line). Names are found only
 * after a label (`联系人：`, `客户：`…) or before `先生`/`女士`/`小姐`, with low confidence;
 * English names are never guessed in free text.
 */
export function detectPiiInText(text: string, options: DetectOptions = {}): PiiMatch[] {
  const kinds = new Set(options.kinds ?? PII_KINDS);
  const candidates = [...regexCandidates(text, kinds)];
  if (kinds.has('personName')) candidates.push(...cuedNames(text));
  return resolveOverlaps(candidates);
}

const NAME_HEADER = /姓名|名字|称呼|联系人|客户名|收件人|\bname\b|\bcontact\b|\bcustomer\b/i;
const NOT_NAME_HEADER = /电话|手机|邮|号|地址|时间|日期|id\b|phone|mobile|tel\b|mail|address|date|time|number|\bno\b/i;

/** Whether a column header says the column holds people's names (姓名, 联系人, Customer name…). */
export function isNameColumnHeader(header: string): boolean {
  return NAME_HEADER.test(header) && !NOT_NAME_HEADER.test(header);
}

const ENGLISH_WORD = String.raw`(?:[A-Z][a-z]+|[A-Z]'[A-Z][a-z]+)(?:-[A-Z][a-z]+)?`;
const ENGLISH_NAME = new RegExp(String.raw`^${ENGLISH_WORD}(?: [A-Z]\.)?(?: ${ENGLISH_WORD}){1,2}$`);
const NOT_ENGLISH_NAME = new Set([
  'Customer', 'Service', 'Support', 'Team', 'Company', 'Ltd', 'Inc', 'Unknown', 'Guest', 'Test', 'Admin',
  'Anonymous', 'User', 'Member', 'Group', 'Center', 'Centre', 'Department', 'Sales', 'Order', 'Store',
  'Shop', 'Online', 'Account', 'Manager', 'Office', 'Desk', 'Help', 'Not', 'None', 'Provided', 'Vip',
]);

/** A whole cell of a name column that is one person's name. */
function wholeValueName(value: string): PiiMatch | null {
  const trimmed = value.trim();
  const start = value.indexOf(trimmed);
  const match = (confidence: number): PiiMatch =>
    ({ kind: 'personName', start, end: start + trimmed.length, text: trimmed, confidence });
  if (trimmed.length >= 2 && trimmed.length <= 4 && chineseNameLength(trimmed, 0, trimmed.length) === trimmed.length) {
    return match(0.9);
  }
  if (ENGLISH_NAME.test(trimmed) && !trimmed.split(/[ .]+/).some((word) => NOT_ENGLISH_NAME.has(word))) return match(0.8);
  return null;
}

/**
 * Finds identifiers in one cell. With the column's header, a name column (see
 * {@link isNameColumnHeader}) also yields a cell that is wholly a Chinese name (surname + one or two
 * characters) or an English one (two or three capitalised words).
 */
export function detectPiiInValue(value: string, header?: string, options: DetectOptions = {}): PiiMatch[] {
  const kinds = new Set(options.kinds ?? PII_KINDS);
  const found = detectPiiInText(value, options);
  if (kinds.has('personName') && header !== undefined && isNameColumnHeader(header)) {
    const name = wholeValueName(value);
    if (name !== null) return resolveOverlaps([...found.filter((m) => m.kind !== 'personName'), name]);
  }
  return found;
}

/** A column is suggested as a kind when at least this share of its non-empty values hold one. */
export const COLUMN_SHARE_THRESHOLD = 0.6;

const HEADER_HINTS: Record<PiiKind, RegExp> = {
  phone: /电话|手机|联系方式|phone|mobile|tel\b/i,
  idCard: /身份证|证件号|id ?card|identity/i,
  email: /邮箱|邮件|e-?mail|mail/i,
  bankCard: /银行卡|卡号|账号|card|account/i,
  personName: NAME_HEADER,
};

/** What a column's header and sample say about the identifiers it holds. */
export interface ColumnPiiProfile {
  /** Non-empty values in the sample (null and blank strings are left out). */
  readonly nonEmpty: number;
  /** Per kind, the share (0–1) of non-empty values containing at least one identifier of it. */
  readonly shares: Readonly<Record<PiiKind, number>>;
  /**
   * The kind the column holds when its share reaches {@link COLUMN_SHARE_THRESHOLD}; confidence
   * is the share, plus 0.1 (capped at 1) when the header names the same kind.
   */
  readonly suggested: { readonly kind: PiiKind; readonly confidence: number } | null;
}

/** Profiles a column from its header and a sample of its values. */
export function detectColumnPii(header: string, values: readonly (string | null)[]): ColumnPiiProfile {
  const counts: Record<PiiKind, number> = { phone: 0, idCard: 0, email: 0, bankCard: 0, personName: 0 };
  let nonEmpty = 0;
  for (const value of values) {
    if (value === null || value.trim() === '') continue;
    nonEmpty++;
    for (const kind of new Set(detectPiiInValue(value, header).map((m) => m.kind))) counts[kind]++;
  }
  const shares = { ...counts };
  for (const kind of PII_KINDS) shares[kind] = nonEmpty === 0 ? 0 : counts[kind] / nonEmpty;
  let suggested: ColumnPiiProfile['suggested'] = null;
  for (const kind of PII_KINDS) {
    const share = shares[kind];
    if (share < COLUMN_SHARE_THRESHOLD || (suggested !== null && share <= shares[suggested.kind])) continue;
    suggested = { kind, confidence: Math.min(1, share + (HEADER_HINTS[kind].test(header) ? 0.1 : 0)) };
  }
  return { nonEmpty, shares, suggested };
}

/**
 * Masks one identifier. Numbers (phone, ID card, bank card) keep their last `keep` letters or
 * digits and every separator (`+`, spaces, dashes, brackets); e-mails keep the local part's first
 * character and the whole domain, with a fixed `***` so the length of the local part is not told;
 * names keep the surname (the first character, or two for a compound surname, or each word's
 * initial for an English name), since the last characters of a name identify more than its first.
 */
export function maskIdentifier(match: Pick<PiiMatch, 'kind' | 'text'>, keep = 4): string {
  const { kind, text } = match;
  if (kind === 'email') {
    const at = text.lastIndexOf('@');
    return `${text.slice(0, 1)}***${text.slice(at)}`;
  }
  if (kind === 'personName') {
    if (/[A-Za-z]/.test(text)) return text.replace(/\B[A-Za-z]/g, '*');
    const surname = COMPOUND_SURNAMES.has(text.slice(0, 2)) ? 2 : 1;
    return text.slice(0, surname) + '*'.repeat(text.length - surname);
  }
  return maskKeepingLast(text, keep);
}

const NUMBER_ONLY = /^[\d+().-]+$/;

const isLetterOrDigit = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Every ASCII letter or digit but the last `keep` becomes `*`; other characters stay (a million phones a run: no regex per character). */
function maskKeepingLast(text: string, keep: number): string {
  let cut = text.length;
  for (let kept = 0; cut > 0 && kept < keep; cut--) if (isLetterOrDigit(text.charCodeAt(cut - 1))) kept++;
  let out = '';
  for (let i = 0; i < cut; i++) {
    const code = text.charCodeAt(i);
    out += isLetterOrDigit(code) ? '*' : text.charAt(i);
  }
  return out + text.slice(cut);
}

function replaceMatches(text: string, matches: readonly PiiMatch[], keep: number): string {
  let out = '';
  let from = 0;
  for (const m of matches) {
    out += text.slice(from, m.start) + maskIdentifier(m, keep);
    from = m.end;
  }
  return out + text.slice(from);
}

/**
 * Masks a cell of a column chosen for masking: every identifier found in it is masked as
 * {@link maskIdentifier} does and the rest of the cell kept (`Tel: ***-****-5678`). A cell in which
 * nothing is recognised is masked whole, keeping its last `keep` letters or digits, because the
 * column was chosen as personal and an unrecognised value must not leak.
 */
export function maskKeepLast(value: string, keep = 4, header?: string): string {
  // digits and separators without spaces are one number to detection too (a phone, a card, an
  // unrecognised code): each is masked keeping its last digits, so skip detecting it
  if (NUMBER_ONLY.test(value)) return maskKeepingLast(value, keep);
  const matches = detectPiiInValue(value, header);
  return matches.length === 0 ? maskKeepingLast(value, keep) : replaceMatches(value, matches, keep);
}

/** Masks every identifier of `kinds` found in free text and leaves the rest untouched. */
export function maskText(text: string, kinds: readonly PiiKind[] = PII_KINDS, keep = 4): string {
  return replaceMatches(text, detectPiiInText(text, { kinds }), keep);
}
