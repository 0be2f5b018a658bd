import { describe, expect, it } from 'vitest';
import { comparisonForm, fingerprint, ngramFingerprint } from '../../../../shared/cleaning/value-fingerprint';

describe('fingerprint', () => {
  it('folds width, case, accents, punctuation and word order of Latin text', () => {
    expect(fingerprint('Phone')).toBe('phone');
    expect(fingerprint(' phone ')).toBe('phone');
    expect(fingerprint('ＰＨＯＮＥ')).toBe('phone');
    expect(fingerprint('Chat, live!')).toBe('chat live');
    expect(fingerprint('live   chat live')).toBe('chat live');
    expect(fingerprint('Café')).toBe('cafe');
  });

  it('keeps the order of Chinese text, drops its spaces and generic suffixes', () => {
    for (const value of ['华东', '华东区', '华东 区', '华东大区', '华东地区', '华 东']) expect(fingerprint(value)).toBe('华东');
    expect(fingerprint('东华')).toBe('东华');
    expect(fingerprint('上海市分公司')).toBe('上海');
    expect(fingerprint('顺丰速运有限公司')).toBe('顺丰速运');
    expect(fingerprint('【华东】大区')).toBe('华东');
  });

  it('does not strip a suffix down to a single character', () => {
    expect(fingerprint('东区')).toBe('东区');
    expect(fingerprint('市')).toBe('市');
  });

  it('takes the suffix list as a parameter', () => {
    expect(fingerprint('华东区', { suffixes: [] })).toBe('华东区');
    expect(fingerprint('华东片区', { suffixes: ['片区'] })).toBe('华东');
  });

  it('keeps kana voicing marks while removing Latin accents', () => {
    expect(comparisonForm('ガイド')).toBe('ガイド');
    expect(comparisonForm('Crème Brûlée')).toBe('creme brulee');
  });

  it('does not translate: pinyin and Chinese keep different keys', () => {
    expect(fingerprint('ＨＵＡＤＯＮＧ')).toBe('huadong');
    expect(fingerprint('ＨＵＡＤＯＮＧ')).not.toBe(fingerprint('华东'));
  });
});

describe('ngramFingerprint', () => {
  it('joins split words: Shang hai and Shanghai collide', () => {
    expect(ngramFingerprint('Shang hai')).toBe(ngramFingerprint('Shanghai'));
    expect(fingerprint('Shang hai')).not.toBe(fingerprint('Shanghai'));
  });

  it('uses sorted unique bigrams by default and n when given', () => {
    expect(ngramFingerprint('abab')).toBe('abba');
    expect(ngramFingerprint('abcd', 3)).toBe('abcbcd');
    expect(ngramFingerprint('华东大区')).toBe('华东');
    expect(ngramFingerprint('a')).toBe('a');
    expect(ngramFingerprint('𠀋AB')).toBe('ab𠀋a');
    expect(() => ngramFingerprint('a', 0)).toThrow(RangeError);
  });
});
