import { describe, expect, it } from 'vitest';
import { isPlausibleBankCard, luhnValid } from '../../../../shared/cleaning/bank-card';
import { idCardCheckChar, isValidIdCard } from '../../../../shared/cleaning/id-card';
import {
  detectColumnPii,
  detectPiiInText,
  detectPiiInValue,
  isNameColumnHeader,
  maskKeepLast,
  maskText,
  type PiiKind,
} from '../../../../shared/cleaning/pii';
import { normalizeEmail, normalizeIdCard, normalizePhone } from '../../../../shared/cleaning/pii-normalize';
import { generateNameColumn, generateTicketRows, type CorpusRow } from '../../../support/pii-corpus';

const kindsIn = (text: string): string[] => detectPiiInText(text).map((m) => `${m.kind}:${m.text}`);

describe('ID card numbers (GB 11643-1999)', () => {
  it('computes the MOD 11-2 check character: a worked example', () => {
    // 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
    // = 167; 167 mod 11 = 2; position 2 of "10X98765432" is X
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
    expect(isValidIdCard('110105194912310021')).toBe(false);
  });

  it('refuses impossible birth dates and unknown provinces, accepts the 15-digit form with a valid date', () => {
    const first17 = '11010519490230002';
    expect(isValidIdCard(first17 + idCardCheckChar(first17))).toBe(false);
    const province99 = '99010519491231002';
    expect(isValidIdCard(province99 + idCardCheckChar(province99))).toBe(false);
    expect(isValidIdCard('110105491231002')).toBe(true);
    expect(isValidIdCard('110105491331002')).toBe(false);
  });

  it('is found in text only with a valid check character', () => {
    expect(kindsIn('身份证号11010519491231002x已提交')).toEqual(['idCard:11010519491231002x']);
    expect(kindsIn('身份证号110105194912310021已提交')).toEqual([]);
    expect(kindsIn('证件 110105 19491231 002X。')).toEqual(['idCard:110105 19491231 002X']);
    // a wrong check digit does not turn the number into a bank card or a phone
    const first17 = '37020219880305123';
    const wrong = idCardCheckChar(first17) === '0' ? '1' : '0';
    expect(kindsIn(`证件号 ${first17}${wrong}`)).toEqual([]);
    expect(kindsIn(`证件号 ${first17}${idCardCheckChar(first17)}`)).toHaveLength(1);
  });
});

describe('bank card numbers', () => {
  it('needs Luhn: a worked example', () => {
    // 4111111111111111, from the right: the 8 undoubled digits are 1s (8); the doubled ones are
    // seven 1s → 2 (14) and the leading 4 → 8; 8 + 14 + 8 = 30, a multiple of 10
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(isPlausibleBankCard('4111111111111111')).toBe(true);
    // Luhn valid but no card issuer starts with 1
    const noIssuer = Array.from('0123456789', (d) => `111111111111111${d}`).find((n) => luhnValid(n))!;
    expect(isPlausibleBankCard(noIssuer)).toBe(false);
  });

  it('finds grouped and plain cards; refuses non-Luhn numbers, timestamps and labelled order numbers', () => {
    expect(kindsIn('卡号4111 1111 1111 1111')).toEqual(['bankCard:4111 1111 1111 1111']);
    expect(kindsIn('card 4111-1111-1111-1111 ok')).toEqual(['bankCard:4111-1111-1111-1111']);
    expect(kindsIn('卡号4111111111111112')).toEqual([]);
    expect(kindsIn('创建于20241005123456')).toEqual([]);
    expect(kindsIn('订单号4111111111111111')).toEqual([]);
    // UnionPay prefix does not excuse a failed Luhn check
    const unionPay = ['0', '1'].map((d) => `622202123456789${d}`);
    expect(unionPay.map((n) => kindsIn(`卡号${n}`).length)).toEqual(unionPay.map((n) => (luhnValid(n) ? 1 : 0)));
    expect(unionPay.some((n) => !luhnValid(n))).toBe(true);
  });
});

describe('phone numbers', () => {
  it('finds mobiles with prefixes and separators', () => {
    for (const phone of ['13812345678', '138-1234-5678', '138 1234 5678', '+86 138 1234 5678', '+8613812345678', '0086-13812345678']) {
      expect(kindsIn(`请拨打${phone}联系`)).toEqual([`phone:${phone}`]);
    }
  });

  it('finds landlines with an extension and international numbers', () => {
    expect(kindsIn('座机 010-62345678-123。')).toEqual(['phone:010-62345678-123']);
    expect(kindsIn('tel (0755) 2345678, or')).toEqual(['phone:(0755) 2345678']);
    expect(kindsIn('call +44 20 7946 0958 now')).toEqual(['phone:+44 20 7946 0958']);
  });

  it('refuses order numbers, longer digit runs, amounts and timestamps', () => {
    expect(kindsIn('订单号13812345678已发货')).toEqual([]);
    expect(kindsIn('ticket 13812345678 closed')).toEqual([]);
    expect(kindsIn('订单13912345678的联系电话13812345678')).toEqual(['phone:13812345678']);
    expect(kindsIn('流水1381234567890')).toEqual([]);
    expect(kindsIn('金额13812345678.50元')).toEqual([]);
    expect(kindsIn('时间20241005123456')).toEqual([]);
    expect(kindsIn('编号 12345678901')).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  it('finds addresses in Chinese and English text, not bare @ mentions', () => {
    expect(kindsIn('邮箱li.wei88@qq.com。')).toEqual(['email:li.wei88@qq.com']);
    expect(kindsIn('mail me at Sarah_T@corp.example.cn.')).toEqual(['email:Sarah_T@corp.example.cn']);
    expect(kindsIn('@客服 请处理 a@b')).toEqual([]);
    expect(kindsIn('13812345678@qq.com')).toEqual(['email:13812345678@qq.com']);
  });
});

describe('person names', () => {
  it('finds Chinese names only next to a cue in free text, with low confidence', () => {
    const found = detectPiiInText('联系人：欧阳娜娜，王建国先生和李娜女士都来过电话。张伟也来过。');
    expect(found.map((m) => m.text)).toEqual(['欧阳娜娜', '王建国', '李娜']);
    expect(found.every((m) => m.kind === 'personName' && m.confidence < 0.7)).toBe(true);
    expect(kindsIn('客户：希望尽快退款')).toEqual([]);
    expect(detectPiiInText('。于伟先生来电').map((m) => m.text)).toEqual(['于伟']);
  });

  it('finds whole-cell names only in a name column', () => {
    expect(isNameColumnHeader('客户姓名')).toBe(true);
    expect(isNameColumnHeader('Customer name')).toBe(true);
    expect(isNameColumnHeader('联系人电话')).toBe(false);
    expect(detectPiiInValue('张伟', '姓名').map((m) => m.kind)).toEqual(['personName']);
    expect(detectPiiInValue('司马懿', 'contact')[0]?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(detectPiiInValue('Jane Smith', 'Customer name').map((m) => m.text)).toEqual(['Jane Smith']);
    expect(detectPiiInValue("Liam O'Brien", 'name').map((m) => m.kind)).toEqual(['personName']);
    expect(detectPiiInValue('张伟', '备注')).toEqual([]);
    expect(detectPiiInValue('Jane Smith', 'comment')).toEqual([]);
    expect(detectPiiInValue('Customer Service', 'name')).toEqual([]);
    expect(detectPiiInValue('未知', '姓名')).toEqual([]);
  });
});

describe('column profiles', () => {
  it('suggests a kind when 60 % of non-empty values hold it, and none below', () => {
    const phones = detectColumnPii('联系电话', ['13812345678', null, '', '139 1234 5678', '无', '010-62345678']);
    expect(phones.nonEmpty).toBe(4);
    expect(phones.shares.phone).toBe(0.75);
    expect(phones.suggested).toEqual({ kind: 'phone', confidence: 0.85 });
    const notes = detectColumnPii('备注', ['13812345678', '已处理', '待回访', 'a@example.com']);
    expect(notes.shares.email).toBe(0.25);
    expect(notes.suggested).toBeNull();
    expect(detectColumnPii('姓名', ['张伟', '李娜', 'Jane Smith', '未知']).suggested?.kind).toBe('personName');
    const ids = detectColumnPii('身份证号', ['11010519491231002X', '110105491231002', '110105194912310021']);
    expect(ids.shares.idCard).toBeCloseTo(2 / 3);
    expect(ids.suggested?.kind).toBe('idCard');
    expect(detectColumnPii('x', [null, '']).suggested).toBeNull();
  });
});

describe('masking', () => {
  it('keeps the last four characters and the separators of numbers', () => {
    expect(maskKeepLast('13812345678')).toBe('*******5678');
    expect(maskKeepLast('+86 138-1234-5678')).toBe('+** ***-****-5678');
    expect(maskKeepLast('11010519491231002X')).toBe('**************002X');
    expect(maskKeepLast('4111 1111 1111 1111')).toBe('**** **** **** 1111');
    expect(maskKeepLast('Tel: 13812345678')).toBe('Tel: *******5678');
    expect(maskKeepLast('13812345678', 2)).toBe('*********78');
  });

  it('masks e-mails and names by their own rules, and unrecognised cells whole', () => {
    expect(maskKeepLast('alice.w@example.com')).toBe('a***@example.com');
    expect(maskKeepLast('欧阳娜娜', 4, '姓名')).toBe('欧阳**');
    expect(maskKeepLast('Jane Smith', 4, 'name')).toBe('J*** S****');
    expect(maskKeepLast('ABC-123456')).toBe('***-**3456');
  });

  it('masks identifiers inside free text and nothing else', () => {
    const text = '联系人：张伟，手机138-1234-5678，邮箱li@qq.com，订单号13912345678。';
    expect(maskText(text)).toBe('联系人：张*，手机***-****-5678，邮箱l***@qq.com，订单号13912345678。');
    expect(maskText(text, ['email'])).toBe('联系人：张伟，手机138-1234-5678，邮箱l***@qq.com，订单号13912345678。');
    expect(maskText('没有个人信息 2024-10-05')).toBe('没有个人信息 2024-10-05');
  });
});

describe('normalisers for identity stitching', () => {
  it('reduces phones to their digits, or null', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('0086 13812345678')).toBe('13812345678');
    expect(normalizePhone('8613812345678')).toBe('13812345678');
    expect(normalizePhone('(0755) 2345678 转 12')).toBe('07552345678');
    expect(normalizePhone('010-62345678')).toBe('01062345678');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('20241005123456')).toBeNull();
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('call me')).toBeNull();
  });

  it('lower-cases e-mails and upper-cases the X of ID cards', () => {
    expect(normalizeEmail('  Alice.W@Example.COM ')).toBe('alice.w@example.com');
    expect(normalizeEmail('not an email')).toBeNull();
    expect(normalizeIdCard('110105 19491231 002x')).toBe('11010519491231002X');
    expect(normalizeIdCard('110105194912310021')).toBeNull();
  });
});

interface Score {
  readonly precision: number;
  readonly recall: number;
  readonly planted: number;
}

function score(rows: readonly CorpusRow[], kind: PiiKind): Score {
  let tp = 0;
  let fp = 0;
  let planted = 0;
  for (const row of rows) {
    const truth = row.truth.filter((t) => t.kind === kind);
    planted += truth.length;
    for (const m of detectPiiInText(row.text, { kinds: [kind] })) {
      if (truth.some((t) => t.start === m.start && t.end === m.end)) tp++;
      else fp++;
    }
  }
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: planted === 0 ? 1 : tp / planted, planted };
}

describe('precision and recall on a generated corpus', () => {
  const rows = generateTicketRows(20241005, 2000);

  it('is deterministic for a seed', () => {
    expect(generateTicketRows(20241005, 5)).toEqual(rows.slice(0, 5));
    expect(generateTicketRows(20241006, 5)).not.toEqual(rows.slice(0, 5));
  });

  it.each<PiiKind>(['phone', 'idCard', 'email', 'bankCard'])('%s: precision ≥ 0.98, recall ≥ 0.95', (kind) => {
    const s = score(rows, kind);
    console.log(`${kind}: precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)} (${s.planted} planted)`);
    expect(s.planted).toBeGreaterThan(100);
    expect(s.precision).toBeGreaterThanOrEqual(0.98);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('names in free text (cued only): a lower bar', () => {
    const s = score(rows, 'personName');
    console.log(`personName (free text): precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)} (${s.planted} planted)`);
    expect(s.precision).toBeGreaterThanOrEqual(0.8);
    expect(s.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('names in name columns: precision ≥ 0.9', () => {
    let tp = 0;
    let fp = 0;
    let names = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { header, values } = generateNameColumn(seed, 100);
      for (const { value, isName } of values) {
        const found = detectPiiInValue(value, header).some((m) => m.kind === 'personName');
        if (isName) names++;
        if (found && isName) tp++;
        else if (found) fp++;
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / names;
    console.log(`personName (name columns): precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)} (${names} names)`);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
