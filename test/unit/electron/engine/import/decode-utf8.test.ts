import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, findInvalidUtf8 } from '../../../../../electron/engine/import/decode-utf8';
import { RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { HAS_SHARED_DATA, sharedData } from '../../../../support/paths';

describe('strict UTF-8 decoding', () => {
  it('drops a BOM and decodes CJK text', () => {
    expect(decodeUtf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('地区,满意度')]), 'a.csv')).toBe('地区,满意度');
  });

  it('finds invalid sequences, overlongs and surrogates', () => {
    expect(findInvalidUtf8(new TextEncoder().encode('ok 根因'))).toBe(-1);
    expect(findInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1);
    expect(findInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(findInvalidUtf8(new Uint8Array([0x61, 0xe6, 0xa0]))).toBe(1);
  });

  it('names the line and column of the first invalid byte in both languages', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a,b\n1,根'), 0xff, 0x0a]);
    try {
      decodeUtf8Strict(bytes, 'x.csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RootwiseError);
      expect((error as RootwiseError).params).toEqual({ file: 'x.csv', line: 2, column: 4 });
      expect((error as RootwiseError).toPayload().message['zh-CN']).toContain('第 2 行第 4 列');
    }
  });

  it.skipIf(!HAS_SHARED_DATA)('refuses a real GBK export clearly instead of producing mojibake', () => {
    const bytes = fs.readFileSync(sharedData('csv_edge_cases', 'gbk_tiny_traffic_sources_percent.csv'));
    expect(() => decodeUtf8Strict(bytes, 'gbk.csv')).toThrow(/not UTF-8 text \(invalid byte at line 1, column 1\)/);
  });
});
