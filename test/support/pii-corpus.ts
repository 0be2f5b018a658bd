/**
 * A seeded corpus of ticket-like text in Chinese and English with planted personal identifiers
 * (and decoys that look like them: order numbers, timestamps, amounts, IDs with a wrong check
 * character, 16-digit numbers failing Luhn), recording where every planted identifier is.
 */
import { randomStream } from '../../electron/engine/demo/seeded-random';
import { idCardCheckChar } from '../../shared/cleaning/id-card';
import { luhnValid } from '../../shared/cleaning/bank-card';
import type { PiiKind } from '../../shared/cleaning/pii';

export interface PlantedPii {
  readonly kind: PiiKind;
  readonly start: number;
  readonly end: number;
}

export interface CorpusRow {
  readonly text: string;
  readonly truth: readonly PlantedPii[];
}

export type Random = () => number;

const int = (rand: Random, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const digits = (rand: Random, n: number): string => Array.from({ length: n }, () => String(int(rand, 0, 9))).join('');
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏');
const COMPOUND = ['欧阳', '司马', '诸葛', '上官', '东方', '慕容', '令狐'];
const GIVEN = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国文辉鹏宇浩婷雪琳晨欣怡佳子梓涵博');
const FIRST_NAMES = ['James', 'Mary', 'Robert', 'Linda', 'Michael', 'Sarah', 'David', 'Emma', 'Daniel', 'Olivia', 'Wei', 'Mei'];
const LAST_NAMES = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', "O'Brien", 'Garcia', 'Miller', 'Chen', 'Wang', 'Nguyen'];

export function chineseName(rand: Random): string {
  const surname = rand() < 0.1 ? pick(rand, COMPOUND) : pick(rand, SURNAMES);
  return surname + pick(rand, GIVEN) + (rand() < 0.6 ? pick(rand, GIVEN) : '');
}

export function englishName(rand: Random): string {
  return `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`;
}

export function mobile(rand: Random): string {
  const n = `1${int(rand, 3, 9)}${digits(rand, 9)}`;
  const [a, b, c] = [n.slice(0, 3), n.slice(3, 7), n.slice(7)];
  return pick(rand, [n, n, `${a}-${b}-${c}`, `${a} ${b} ${c}`, `+86 ${a} ${b} ${c}`, `+86${n}`, `0086-${n}`]);
}

function landline(rand: Random): string {
  const local8 = `${int(rand, 2, 9)}${digits(rand, 7)}`;
  const number = pick(rand, [
    `010-${local8}`,
    `(021) ${local8}`,
    `0${int(rand, 3, 9)}${digits(rand, 2)}-${int(rand, 2, 9)}${digits(rand, 6)}`,
    `0755-${local8}`,
  ]);
  return rand() < 0.2 ? `${number}-${digits(rand, 3)}` : number;
}

function international(rand: Random): string {
  return pick(rand, [
    `+44 20 ${digits(rand, 4)} ${digits(rand, 4)}`,
    `+1 415 ${int(rand, 200, 999)} ${digits(rand, 4)}`,
    `+65${int(rand, 8, 9)}${digits(rand, 7)}`,
    `+81-3-${digits(rand, 4)}-${digits(rand, 4)}`,
  ]);
}

function birthDate(rand: Random): string {
  const year = int(rand, 1950, 2005);
  const month = int(rand, 1, 12);
  return `${year}${pad(month)}${pad(int(rand, 1, 28))}`;
}

const AREAS = ['110105', '310104', '440305', '330106', '510107', '420111', '370202', '320583'];

/** An 18-character ID card number with the right check character (or, if `valid` is false, a wrong one). */
export function idCard(rand: Random, valid = true): string {
  const first17 = pick(rand, AREAS) + birthDate(rand) + digits(rand, 3);
  const check = idCardCheckChar(first17);
  if (valid) return first17 + (check === 'X' && rand() < 0.5 ? 'x' : check);
  const wrong = Array.from('0123456789X').filter((c) => c !== check);
  return first17 + pick(rand, wrong);
}

function oldIdCard(rand: Random): string {
  return pick(rand, AREAS) + birthDate(rand).slice(2) + digits(rand, 3);
}

/** A card number (16 or 19 digits, UnionPay/Visa/Mastercard prefixes), Luhn valid unless `valid` is false. */
export function bankCard(rand: Random, valid = true, grouped = rand() < 0.5): string {
  const prefix = pick(rand, ['6222', '6228', '6217', '4111', '4563', '5187', '5399']);
  const length = pick(rand, [16, 16, 19]);
  let body = prefix + digits(rand, length - prefix.length - 1);
  const withCheck = Array.from('0123456789').map((d) => body + d);
  body = withCheck.find((n) => luhnValid(n) === valid)!;
  return grouped ? body.replace(/(\d{4})(?=\d)/g, '$1 ') : body;
}

function email(rand: Random): string {
  const local = pick(rand, ['li.wei', 'zhangmin', 'sarah_t', 'kevin.chen88', 'service.user', 'a1b2c3', 'wang-fang']);
  return `${local}${int(rand, 1, 999)}@${pick(rand, ['qq.com', '163.com', 'example.com', 'gmail.com', 'corp.example.cn'])}`;
}

function timestamp(rand: Random): string {
  return `${int(rand, 2019, 2025)}${pad(int(rand, 1, 12))}${pad(int(rand, 1, 28))}${pad(int(rand, 0, 23))}${pad(int(rand, 0, 59))}${pad(int(rand, 0, 59))}`;
}

function orderNumber(rand: Random): string {
  return rand() < 0.3 ? `1${int(rand, 3, 9)}${digits(rand, 9)}` : `${int(rand, 1, 9)}${digits(rand, int(rand, 11, 17))}`;
}

function amount(rand: Random): string {
  return rand() < 0.2 ? `${mobile(rand).replace(/\D/g, '').slice(-11)}.${digits(rand, 2)}` : `${int(rand, 1, 99999)}.${digits(rand, 2)}`;
}

type Slot = (rand: Random) => { readonly text: string; readonly kind?: PiiKind };

const SLOTS: Record<string, Slot> = {
  phone: (r) => ({ text: mobile(r), kind: 'phone' }),
  landline: (r) => ({ text: landline(r), kind: 'phone' }),
  intl: (r) => ({ text: international(r), kind: 'phone' }),
  id: (r) => ({ text: r() < 0.1 ? oldIdCard(r) : idCard(r), kind: 'idCard' }),
  email: (r) => ({ text: email(r), kind: 'email' }),
  card: (r) => ({ text: bankCard(r), kind: 'bankCard' }),
  name: (r) => ({ text: chineseName(r), kind: 'personName' }),
  order: (r) => ({ text: orderNumber(r) }),
  ts: (r) => ({ text: timestamp(r) }),
  amount: (r) => ({ text: amount(r) }),
  badId: (r) => ({ text: idCard(r, false) }),
  badCard: (r) => ({ text: bankCard(r, false, false) }),
};

const CHINESE = [
  '客户反映订单{order}一直未发货，请尽快处理。',
  '联系人：{name}，手机{phone}，希望今天回电。',
  '用户于{ts}来电投诉，金额{amount}元未退款。',
  '{name}先生表示银行卡{card}被重复扣款{amount}元。',
  '{name}女士的身份证号{id}实名认证失败，之前填的{badId}校验不通过。',
  '请把发票发到{email}，工单号{order}。',
  '退款请打到卡号{card}，不是{badCard}。',
  '客户：{name}，座机{landline}，邮箱{email}。',
  '快递单号{order}显示已签收，但客户说没收到。',
  '客户：高级会员，来电号码{phone}，要求{ts}前回复。',
  '王府井店的客服态度很差，订单金额{amount}元。',
  '我和{name}女士一起投诉，编号{order}的单子至今没人管。',
  '已转告{name}先生，回访电话{landline}。',
];

const ENGLISH = [
  'Customer called from {phone} about order {order}, refund of {amount} still pending.',
  'Please contact me at {email}, my card {card} was charged twice.',
  'Ticket {order} created at {ts}, ID number {id} failed verification.',
  'The card number {badCard} was rejected; the correct one is {card}.',
  'Reach me on {intl} or {email} after 6pm.',
  'Invoice {order} total {amount}, the ID {badId} on file looks wrong.',
  'Office line {landline} never answers, I waited since {ts}.',
];

/** `count` ticket rows (about half Chinese), each one to three sentences, with their ground truth. */
export function generateTicketRows(seed: number, count: number): CorpusRow[] {
  const rand = randomStream(seed);
  const rows: CorpusRow[] = [];
  for (let i = 0; i < count; i++) {
    const chinese = rand() < 0.5;
    const sentences = Array.from({ length: int(rand, 1, 3) }, () => pick(rand, chinese ? CHINESE : ENGLISH));
    let text = '';
    const truth: PlantedPii[] = [];
    for (const part of sentences.join(chinese ? '' : ' ').split(/(\{\w+\})/)) {
      const slot = /^\{(\w+)\}$/.exec(part)?.[1];
      if (slot === undefined) {
        text += part;
        continue;
      }
      const filled = SLOTS[slot]!(rand);
      if (filled.kind !== undefined) truth.push({ kind: filled.kind, start: text.length, end: text.length + filled.text.length });
      text += filled.text;
    }
    rows.push({ text, truth });
  }
  return rows;
}

const NAME_HEADERS = ['姓名', '客户姓名', '联系人', 'Customer name', 'Contact', 'name'];
const NOT_NAMES = ['未知', '匿名', 'N/A', '-', '测试账号', 'Unknown', 'Customer Service', 'Guest', 'VIP客户', '客服部', '无'];

/** A name column: its header and values, each marked whether it is a person's name. */
export function generateNameColumn(seed: number, count: number): { header: string; values: { value: string; isName: boolean }[] } {
  const rand = randomStream(seed);
  const header = pick(rand, NAME_HEADERS);
  const values = Array.from({ length: count }, () => {
    const r = rand();
    if (r < 0.7) return { value: chineseName(rand), isName: true };
    if (r < 0.85) return { value: englishName(rand), isName: true };
    return { value: pick(rand, NOT_NAMES), isName: false };
  });
  return { header, values };
}
