import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bomLengthFor, decodeText, detectEncoding, findInvalidUtf8, looksBinary } from '../../../../../electron/engine/import/detect-encoding';
import { HAS_SHARED_DATA, sharedData } from '../../../../support/paths';

const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));

/** The GB18030 bytes of text (Node has no encoder for it; find each character by decoding). */
function gb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const char of text) out.push(...(char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : (table.get(char) ?? [0x3f])));
  return new Uint8Array(out);
}

describe('encoding detection', () => {
  it('trusts a byte-order mark', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', confidence: 1, bomLength: 3 });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toMatchObject({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('recognises UTF-16 without a BOM, UTF-8 and plain ASCII', () => {
    expect(detectEncoding(utf16le('region,csat\r\n四川,5\r\n广东,4\r\n')).encoding).toBe('utf-16le');
    expect(detectEncoding(new TextEncoder().encode('地区,满意度\n四川,5\n'))).toMatchObject({ encoding: 'utf-8', confidence: 1 });
    expect(detectEncoding(new TextEncoder().encode('a,b\n1,2\n')).encoding).toBe('utf-8');
    // a character cut at the end of the sample is still UTF-8
    expect(detectEncoding(new TextEncoder().encode('地区,满意度').subarray(0, 7)).encoding).toBe('utf-8');
  });

  it('tells GBK from Big5 by how common the decoded characters are', () => {
    const gbk = gb18030('工单编号,客户,渠道,地区,满意度\nT1,张三,电话,四川,5\nT2,李四,邮件,广东,4\n');
    const guess = detectEncoding(gbk);
    expect(guess.encoding).toBe('gb18030');
    expect(guess.confidence).toBeGreaterThanOrEqual(0.8);
    expect(decodeText(gbk, 'gb18030', 0)).toEqual({ text: '工单编号,客户,渠道,地区,满意度\nT1,张三,电话,四川,5\nT2,李四,邮件,广东,4\n', replacements: 0 });
    const big5 = new Uint8Array([0xa6, 0x61, 0xb0, 0xcf, 0x2c, 0xba, 0xa1, 0xb7, 0x4e, 0xab, 0xd7, 0x0a]); // 地區,滿意度
    expect(detectEncoding(big5).encoding).toBe('big5');
    expect(decodeText(big5, 'big5', 0).text).toBe('地區,滿意度\n');
  });

  it('finds invalid UTF-8 sequences, overlongs and surrogates', () => {
    expect(findInvalidUtf8(new TextEncoder().encode('ok 根因'))).toBe(-1);
    expect(findInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1);
    expect(findInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(findInvalidUtf8(new Uint8Array([0x61, 0xe6, 0xa0]))).toBe(1);
  });

  it('calls a file with zero bytes binary, except UTF-16, and skips a BOM of a chosen encoding', () => {
    expect(looksBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'gb18030')).toBe(true);
    expect(looksBinary(utf16le('a,b\n'), 'utf-16le')).toBe(false);
    expect(looksBinary(new TextEncoder().encode('a,b\n'), 'utf-8')).toBe(false);
    expect(bomLengthFor(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'utf-8')).toBe(3);
    expect(bomLengthFor(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'gb18030')).toBe(0);
  });

  it('counts the characters a decoding could not read', () => {
    expect(decodeText(new Uint8Array([0x61, 0xff, 0x62, 0xfe]), 'utf-8', 0)).toEqual({ text: 'a\uFFFDb\uFFFD', replacements: 2 });
  });

  it.skipIf(!HAS_SHARED_DATA)('reads the real GBK exports as GB18030 with their Chinese labels intact', () => {
    for (const [file, expected] of [
      ['gbk_nbs_monthly_money_supply_with_preamble.csv', '数据库：月度数据'],
      ['gbk_nbs_province_population_with_preamble.csv', '数据库：分省年度数据'],
      ['gbk_tiny_traffic_sources_percent.csv', '流量来源'],
    ] as const) {
      const bytes = new Uint8Array(fs.readFileSync(sharedData('csv_edge_cases', file)));
      const guess = detectEncoding(bytes);
      expect(guess.encoding, file).toBe('gb18030');
      expect(guess.confidence, file).toBeGreaterThanOrEqual(0.8);
      const decoded = decodeText(bytes, guess.encoding, guess.bomLength);
      expect(decoded.replacements, file).toBe(0);
      expect(decoded.text.startsWith(expected), file).toBe(true);
    }
    const volvo = new Uint8Array(fs.readFileSync(sharedData('event_logs', 'volvo_bpi2013_incidents_VINST-new_ibm.csv')).subarray(0, 4096));
    expect(detectEncoding(volvo)).toMatchObject({ encoding: 'utf-8', bomLength: 3 });
  });
});
