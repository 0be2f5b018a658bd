import type { TextEncoding } from '../../../shared/api/types';

export interface EncodingGuess {
  readonly encoding: TextEncoding;
  /** 0–1: how sure the guess is; below 0.8 the UI should ask the user to confirm. */
  readonly confidence: number;
  /** Bytes of a byte-order mark at the start, to skip when decoding. */
  readonly bomLength: number;
}

/** How much of a file the guess reads. */
export const DETECTION_SAMPLE_BYTES = 256 * 1024;

// The most frequent characters of Simplified and Traditional Chinese text, plus the words of
// service exports. A decoding that yields many of them is the right one: the wrong one of GB18030
// and Big5 still yields valid characters, but rare ones.
const COMMON_SIMPLIFIED = new Set(
  '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从已现样问因品务单客户服满意度投诉渠道区省市县电话邮件处理时间数据库指标万元亿合计注来源号码编名称类型状态结果原回复评价问题产售后退款物流配送账登录质量建议订购买货费用金额日期月季周'.split(''),
);
const COMMON_TRADITIONAL = new Set(
  '的一是不了人我在有他這為之大來以個中上們到說國和地也子時道出而要於就下得可你年生自會那後能對著事其裡所去行過家十用發天如然作方成者多日都三小軍二無同麼經法當起與好看學進種將還分此心前面又定見只主沒公從已現樣問因品務單客戶服滿意度投訴渠道區省市縣電話郵件處理時間數據庫指標萬元億合計註來源號碼編名稱類型狀態結果原回覆評價問題產售後退款物流配送帳登錄質量建議訂購買貨費用金額日期月季週'.split(''),
);

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need > n - 1) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Zero bytes outside UTF-16 mean the file is not text at all (an image, an archive, a database). */
export function looksBinary(sample: Uint8Array, encoding: TextEncoding): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  const n = Math.min(sample.length, 8192);
  for (let i = 0; i < n; i++) if (sample[i] === 0) return true;
  return false;
}

function hasBom(bytes: Uint8Array, ...bom: number[]): boolean {
  return bom.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a BOM shows as ASCII with a zero byte beside every character. */
function utf16Without(bytes: Uint8Array): TextEncoding | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Share of CJK characters of a decoding that are common, less a penalty for undecodable bytes. */
export function cjkScore(text: string, common: ReadonlySet<string>): number {
  let cjk = 0;
  let frequent = 0;
  let replaced = 0;
  for (const char of text) {
    if (char === '\uFFFD') replaced++;
    else if (char >= '\u3400' && char <= '\u9fff') {
      cjk++;
      if (common.has(char)) frequent++;
    }
  }
  if (cjk === 0) return replaced > 0 ? -1 : 0;
  return frequent / cjk - (replaced / (cjk + replaced)) * 2;
}

/**
 * Guesses a file's encoding from its first bytes: a BOM decides; then UTF-16 by its zero bytes;
 * then strict UTF-8 (pure ASCII counts as UTF-8); otherwise GB18030 and Big5 are both decoded and
 * the one whose characters are common Chinese wins.
 */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  if (hasBom(sample, 0xef, 0xbb, 0xbf)) return { encoding: 'utf-8', confidence: 1, bomLength: 3 };
  if (hasBom(sample, 0xff, 0xfe)) return { encoding: 'utf-16le', confidence: 1, bomLength: 2 };
  if (hasBom(sample, 0xfe, 0xff)) return { encoding: 'utf-16be', confidence: 1, bomLength: 2 };
  const utf16 = utf16Without(sample);
  if (utf16 !== undefined) return { encoding: utf16, confidence: 0.9, bomLength: 0 };

  const invalid = findInvalidUtf8(sample);
  // a multi-byte character cut by the end of the sample is not an error
  if (invalid === -1 || invalid >= sample.length - 3) return { encoding: 'utf-8', confidence: 1, bomLength: 0 };

  const gb = cjkScore(new TextDecoder('gb18030').decode(sample), COMMON_SIMPLIFIED);
  const big5 = cjkScore(new TextDecoder('big5').decode(sample), COMMON_TRADITIONAL);
  const encoding: TextEncoding = big5 > gb ? 'big5' : 'gb18030';
  const best = Math.max(gb, big5);
  const margin = Math.abs(gb - big5);
  const confidence = Math.max(0.3, Math.min(0.99, 0.5 + margin + Math.max(0, best) / 4));
  return { encoding, confidence: Math.round(confidence * 100) / 100, bomLength: 0 };
}

export interface DecodedText {
  readonly text: string;
  /** Characters that could not be decoded and became U+FFFD: reported, never silent. */
  readonly replacements: number;
}

/** The BOM length for a named encoding, when the user chose the encoding instead of detection. */
export function bomLengthFor(bytes: Uint8Array, encoding: TextEncoding): number {
  if (encoding === 'utf-8') return hasBom(bytes, 0xef, 0xbb, 0xbf) ? 3 : 0;
  if (encoding === 'utf-16le') return hasBom(bytes, 0xff, 0xfe) ? 2 : 0;
  if (encoding === 'utf-16be') return hasBom(bytes, 0xfe, 0xff) ? 2 : 0;
  return 0;
}

export function decodeText(bytes: Uint8Array, encoding: TextEncoding, bomLength: number): DecodedText {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bomLength));
  let replacements = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) replacements++;
  return { text, replacements };
}
