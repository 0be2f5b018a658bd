import { randomStream } from '../../../../electron/engine/demo/seeded-random';
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../../shared/api/types';
import {
  AUTO_ACCEPT_CONFIDENCE,
  MATCH_CONFIDENCE,
  NAMELESS_CAP,
  SAMPLE_LIMIT,
  SOURCE_MEMORY_VERSION,
  mapColumns,
  rememberMapping,
  restoreSourceMemory,
  valueShape,
  type ColumnMappingProposal,
  type ColumnProfile,
  type ConfirmedMapping,
  type EvidenceKind,
  type SourceMemory,
} from '../../../../shared/cleaning/column-mapping';
import { EMPTY_SYNONYM_DICTIONARY, addSynonym, removeSynonym } from '../../../../shared/cleaning/synonym-dictionary';

const dictionary = EMPTY_SYNONYM_DICTIONARY;

// ---- seeded exports -----------------------------------------------------------------------------

type Random = () => number;
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const AGENTS = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周杰', '吴敏', '徐强', '孙燕', '马超', '朱琳', '胡斌', '郭婷', '何勇', '高洁', '林峰', '罗晶', '郑浩', '梁爽', '谢婷婷', '宋佳', '唐磊', '韩雪', '冯涛', '董敏', '萧然', '程琳', '曹阳', '袁媛'];
const REGIONS = ['华东', '华北', '华南', '华中', '西南', '西北', '东北'];
const CITIES = ['上海', '杭州', '南京', '北京', '天津', '广州', '深圳', '武汉', '成都', '重庆', '西安', '沈阳'];
const CHANNELS = ['电话', '在线客服', '邮件', 'APP', '微信'];
const CATEGORIES = ['账单问题', '物流查询', '退换货', '产品故障', '账号登录', '投诉建议', '发票申请', '活动咨询'];
const PRIORITIES = ['紧急', '高', '中', '低'];
const PRIORITY_CODES = ['P1', 'P2', 'P3', 'P4'];
const SOURCES = ['自助提交', '电话转入', '系统预警', '二线转派', '邮件转入'];
const REMARKS = ['客户要求回电', '已转二线处理', '重复来电', '等待客户补充材料', '已发补偿券', '客户情绪激动', '需跟进物流', '已升级主管'];

/** One month of a client's ticket export, every field of every row, drawn from a seeded stream. */
function ticketRows(month: number, rows: number, seed: number): Record<string, string>[] {
  const random = randomStream(seed);
  // agents come and go: each month two leave and two join
  const agents = AGENTS.slice((month - 10) * 2, (month - 10) * 2 + 28);
  const start = Date.UTC(2026, month - 1, 1);
  return Array.from({ length: rows }, (_, i) => {
    const created = start + Math.floor(random() * 28 * 86_400) * 1000;
    const firstResponse = created + Math.floor(1 + random() * 240) * 60_000;
    const resolved = firstResponse + Math.floor(1 + random() * 72) * 3_600_000;
    const priority = Math.floor(random() * PRIORITIES.length);
    const remark = [pick(random, REMARKS), ...(random() < 0.5 ? [pick(random, REMARKS)] : [])].join('，') + '。';
    return {
      ticket: `GD2026${pad(month)}${pad(i + 1, 5)}`,
      customer: `C${1_000_000 + Math.floor(random() * 600)}`,
      channel: pick(random, CHANNELS),
      created: stamp(created),
      firstResponse: stamp(firstResponse),
      resolved: stamp(resolved),
      csat: random() < 0.3 ? '' : String(1 + Math.floor(random() * 5)),
      region: pick(random, REGIONS),
      agent: pick(random, agents),
      category: pick(random, CATEGORIES),
      priority: PRIORITIES[priority]!,
      priorityCode: PRIORITY_CODES[priority]!,
      remark,
      source: pick(random, SOURCES),
      city: pick(random, CITIES),
    };
  });
}

interface Header {
  readonly name: string;
  readonly field: string;
  readonly type: ColumnType;
}

/** The column profiles an importer would make of the rows under these headers: distinct values, at most SAMPLE_LIMIT. */
function profiles(rows: readonly Record<string, string>[], headers: readonly Header[]): ColumnProfile[] {
  return headers.map(({ name, field, type }, position) => {
    const sample = new Set<string>();
    let nulls = 0;
    for (const row of rows) {
      const value = row[field] ?? '';
      if (value === '') nulls += 1;
      else if (sample.size < SAMPLE_LIMIT) sample.add(value);
    }
    return { name, type, position, sample: [...sample], nullShare: nulls / rows.length };
  });
}

const OCTOBER: readonly Header[] = [
  { name: '工单编号', field: 'ticket', type: 'text' },
  { name: '客户编号', field: 'customer', type: 'text' },
  { name: '渠道', field: 'channel', type: 'text' },
  { name: '创建时间', field: 'created', type: 'datetime' },
  { name: '首次响应时间', field: 'firstResponse', type: 'datetime' },
  { name: '解决时间', field: 'resolved', type: 'datetime' },
  { name: '满意度', field: 'csat', type: 'integer' },
  { name: '区域', field: 'region', type: 'text' },
  { name: '坐席', field: 'agent', type: 'text' },
  { name: '问题分类', field: 'category', type: 'text' },
  { name: '优先级', field: 'priority', type: 'text' },
  { name: '备注', field: 'remark', type: 'text' },
];

/**
 * November's file: another order; 客户编号 → 用户ID, 创建时间 → 受理时间, 坐席 → 处理人 (all three
 * synonyms of the same role); 区域 → 片区 (a name no synonym knows: only its values tell);
 * 优先级 → 紧急程度 with P1–P4 instead of 紧急/高/中/低 (a synonym, but other values); 备注 dropped;
 * 工单来源 and 城市 new.
 */
const NOVEMBER: readonly Header[] = [
  { name: '受理时间', field: 'created', type: 'datetime' },
  { name: '工单编号', field: 'ticket', type: 'text' },
  { name: '渠道', field: 'channel', type: 'text' },
  { name: '用户ID', field: 'customer', type: 'text' },
  { name: '处理人', field: 'agent', type: 'text' },
  { name: '问题分类', field: 'category', type: 'text' },
  { name: '紧急程度', field: 'priorityCode', type: 'text' },
  { name: '满意度', field: 'csat', type: 'integer' },
  { name: '首次响应时间', field: 'firstResponse', type: 'datetime' },
  { name: '解决时间', field: 'resolved', type: 'datetime' },
  { name: '片区', field: 'region', type: 'text' },
  { name: '工单来源', field: 'source', type: 'text' },
  { name: '城市', field: 'city', type: 'text' },
];

/** The clean table's names the consultant gave October's columns. */
const CLEAN: Readonly<Record<string, string>> = {
  工单编号: 'ticket_no',
  客户编号: 'customer_no',
  渠道: 'channel',
  创建时间: 'created',
  首次响应时间: 'first_response',
  解决时间: 'resolved',
  满意度: 'csat',
  区域: 'region',
  坐席: 'agent',
  问题分类: 'category',
  优先级: 'priority',
  备注: 'remark',
};

const october = profiles(ticketRows(10, 400, 2026_10), OCTOBER);
const november = profiles(ticketRows(11, 400, 2026_11), NOVEMBER);

// ---- helpers ------------------------------------------------------------------------------------

/** incoming header → the remembered clean column (or role) it was matched to. */
function targets(proposal: ColumnMappingProposal): Record<string, string> {
  return Object.fromEntries(proposal.matched.map((match) => [match.incoming, match.target.kind === 'column' ? match.target.column : match.target.role]));
}
const autoAccepted = (proposal: ColumnMappingProposal): string[] => proposal.autoAccepted.map((match) => match.incoming);
const asked = (proposal: ColumnMappingProposal): string[] => proposal.matched.filter((match) => match.confidence < AUTO_ACCEPT_CONFIDENCE).map((match) => match.incoming);
function matchOf(proposal: ColumnMappingProposal, incoming: string) {
  const match = proposal.matched.find((candidate) => candidate.incoming === incoming);
  if (match === undefined) throw new Error(`${incoming} was not matched`);
  return match;
}
const kinds = (proposal: ColumnMappingProposal, incoming: string): EvidenceKind[] => matchOf(proposal, incoming).evidence.map((evidence) => evidence.kind);

/** October as the consultant confirmed it on the first import: every proposed role, under the clean names. */
function octoberMemory(): SourceMemory {
  const proposal = mapColumns(october, undefined, dictionary);
  const confirmed = proposal.matched.map((match): ConfirmedMapping => ({
    sourceName: match.incoming,
    column: CLEAN[match.incoming]!,
    role: match.target.kind === 'role' ? match.target.role : undefined,
  }));
  return rememberMapping(undefined, october, confirmed);
}

// ---- tests --------------------------------------------------------------------------------------

describe('valueShape', () => {
  it('keeps every digit and the punctuation, and folds runs of letters, Han characters and spaces', () => {
    expect(valueShape('2026-10-01 09:30:00')).toBe('9999-99-99 99:99:99');
    expect(valueShape('13812345678')).toBe('99999999999');
    expect(valueShape('GD202610000123')).toBe('a999999999999');
    expect(valueShape('Ｔ－００１２')).toBe('a-9999');
    // NFKC makes the full-width comma ASCII; 。 has no ASCII form
    expect(valueShape('客户要求回电，已转二线处理。')).toBe('汉,汉。');
    expect(valueShape('  Live   Chat ')).toBe('a a');
  });
});

describe('mapColumns on a first import (no memory)', () => {
  it('proposes a role for each of the 12 October columns, all named by the dictionary and accepted', () => {
    const proposal = mapColumns(october, undefined, dictionary);
    expect(targets(proposal)).toEqual({
      工单编号: 'ticket_id',
      客户编号: 'customer_id',
      渠道: 'channel',
      创建时间: 'created_at',
      首次响应时间: 'first_response_at',
      解决时间: 'resolved_at',
      满意度: 'csat',
      区域: 'region',
      坐席: 'agent',
      问题分类: 'category',
      优先级: 'priority',
      备注: 'comment',
    });
    expect(proposal.matched.every((match) => match.confidence === 0.95)).toBe(true);
    expect(autoAccepted(proposal)).toHaveLength(12);
    expect(proposal.new).toEqual([]);
    expect(proposal.missing).toEqual([]);
  });

  it('does not give a role to a column whose type or values do not fit it, and leaves unknown names new', () => {
    const columns: ColumnProfile[] = [
      { name: '满意度', type: 'integer', position: 0, sample: ['20', '85', '100'] },
      { name: '创建时间', type: 'text', position: 1, sample: ['上午', '下午'] },
      { name: '片区', type: 'text', position: 2, sample: REGIONS },
    ];
    const proposal = mapColumns(columns, undefined, dictionary);
    expect(proposal.matched).toEqual([]);
    expect(proposal.new.map((column) => column.incoming)).toEqual(['满意度', '创建时间', '片区']);
  });

  it('maps an English CRM export by its synonyms, asking only about names that merely contain one', () => {
    const crm = crmProfiles(CRM_JANUARY, 1);
    const proposal = mapColumns(crm, undefined, dictionary);
    expect(targets(proposal)).toEqual({
      'Case Number': 'ticket_id',
      'Cust No': 'customer_id',
      'Created On': 'created_at',
      Status: 'status',
      Priority: 'priority',
      Owner: 'agent',
      Region: 'region',
      'CSAT Score': 'csat',
    });
    // createdon holds 'created' (7 of 9 letters), csatscore holds 'csat' (4 of 9): proposed, not accepted
    expect(asked(proposal)).toEqual(['Created On', 'CSAT Score']);
    expect(matchOf(proposal, 'Created On').confidence).toBe(0.78);
    expect(matchOf(proposal, 'CSAT Score').confidence).toBe(0.67);
  });
});

describe('mapColumns against what the source remembers', () => {
  const memory = octoberMemory();
  const proposal = mapColumns(november, memory, dictionary);

  it('matches November’s 13 columns to October’s, whatever their order and renames', () => {
    expect(targets(proposal)).toEqual({
      受理时间: 'created',
      工单编号: 'ticket_no',
      渠道: 'channel',
      用户ID: 'customer_no',
      处理人: 'agent',
      问题分类: 'category',
      紧急程度: 'priority',
      满意度: 'csat',
      首次响应时间: 'first_response',
      解决时间: 'resolved',
      片区: 'region',
    });
    expect(proposal.new.map((column) => column.incoming)).toEqual(['工单来源', '城市']);
    expect(proposal.missing).toEqual(['remark']);
  });

  it('accepts the unchanged columns and the renames the dictionary knows without asking', () => {
    expect(autoAccepted(proposal)).toEqual(['受理时间', '工单编号', '渠道', '用户ID', '处理人', '问题分类', '满意度', '首次响应时间', '解决时间']);
    for (const renamed of ['受理时间', '用户ID', '处理人']) expect(kinds(proposal, renamed)[0], renamed).toBe('synonym');
    // the times share their shape with two other time columns: the synonym decides, the shape confirms
    expect(kinds(proposal, '受理时间')).toEqual(['synonym', 'value-shapes', 'same-type']);
    // agents stay from month to month, so the values add to the synonym
    expect(kinds(proposal, '处理人')).toEqual(['synonym', 'values', 'same-type']);
    expect(matchOf(proposal, '处理人').confidence).toBeGreaterThan(matchOf(proposal, '受理时间').confidence);
  });

  it('asks about a rename whose values changed, and about a rename only the values suggest', () => {
    expect(asked(proposal)).toEqual(['紧急程度', '片区']);
    const priority = matchOf(proposal, '紧急程度');
    expect(priority.confidence).toBeGreaterThanOrEqual(MATCH_CONFIDENCE);
    expect(priority.confidence).toBeLessThan(AUTO_ACCEPT_CONFIDENCE);
    expect(priority.evidence.map((evidence) => evidence.kind)).not.toContain('values');
    const region = matchOf(proposal, '片区');
    expect(region.confidence).toBeLessThanOrEqual(NAMELESS_CAP);
    expect(kinds(proposal, '片区')[0]).toBe('values');
    expect(kinds(proposal, '片区')).not.toContain('synonym');
    expect(region.evidence[0]?.detail).toBe('7 shared, Jaccard 1');
  });

  it('suggests a role for a new column only when its name means one no matched column has', () => {
    expect(proposal.new).toEqual([
      // 来源 means channel, but 渠道 is the channel
      { incoming: '工单来源', position: 11, suggestedRole: undefined },
      { incoming: '城市', position: 12, suggestedRole: { role: 'city', confidence: 0.95, synonym: '城市' } },
    ]);
  });

  it('lists a column the same month drops as missing and matches the rest', () => {
    const withoutCsat = november.filter((column) => column.name !== '满意度');
    const fewer = mapColumns(withoutCsat, memory, dictionary);
    expect(fewer.missing).toEqual(['csat', 'remark']);
    expect(fewer.matched).toHaveLength(10);
  });

  it('accepts a rename through a synonym the user added, and asks again about one whose synonym the user removed', () => {
    const withRegion = mapColumns(november, memory, addSynonym(EMPTY_SYNONYM_DICTIONARY, { role: 'region', synonym: '片区' }));
    expect(autoAccepted(withRegion)).toContain('片区');
    expect(kinds(withRegion, '片区')[0]).toBe('synonym');
    const noHandler = mapColumns(november, memory, removeSynonym(EMPTY_SYNONYM_DICTIONARY, { role: 'agent', synonym: '处理人' }));
    expect(targets(noHandler)['处理人']).toBe('agent');
    expect(autoAccepted(noHandler)).not.toContain('处理人');
    expect(kinds(noHandler, '处理人')[0]).toBe('values');
  });

  it('never accepts a match on values alone, however alike they are', () => {
    // the same agents at the same place under a name nothing knows scores 0.80 before the cap
    const renamed = october.map((column) => (column.name === '坐席' ? { ...column, name: '服务专员' } : column));
    const match = matchOf(mapColumns(renamed, memory, dictionary), '服务专员');
    expect(match.target).toEqual({ kind: 'column', column: 'agent', role: 'agent' });
    expect(match.confidence).toBe(NAMELESS_CAP);
    expect(match.evidence.map((evidence) => evidence.kind)).toEqual(['values', 'position', 'same-type']);
  });

  it('does not accept an unchanged name whose type changed to something unrelated', () => {
    const retyped = november.map((column) => (column.name === '满意度' ? { ...column, type: 'date' as const, sample: ['2026-11-02', '2026-11-03'] } : column));
    const match = matchOf(mapColumns(retyped, memory, dictionary), '满意度');
    expect(match.target).toEqual({ kind: 'column', column: 'csat', role: 'csat' });
    expect(match.confidence).toBeLessThan(AUTO_ACCEPT_CONFIDENCE);
    expect(match.evidence.at(-1)).toEqual({ kind: 'type-change', similarity: 0, contribution: 0.7, detail: 'integer → date' });
  });
});

describe('names that mean different roles', () => {
  it('keep two columns apart even when their values coincide', () => {
    const scale = ['1', '2', '3', '4', '5'];
    const memory = rememberMapping(undefined, [{ name: '优先级', type: 'integer', position: 0, sample: scale }], [{ sourceName: '优先级', column: 'priority', role: 'priority' }]);
    const proposal = mapColumns([{ name: '满意度', type: 'integer', position: 0, sample: scale }], memory, dictionary);
    expect(proposal.matched).toEqual([]);
    expect(proposal.new).toEqual([{ incoming: '满意度', position: 0, suggestedRole: { role: 'csat', confidence: 0.95, synonym: '满意度' } }]);
    expect(proposal.missing).toEqual(['priority']);
  });
});

describe('one-to-one assignment', () => {
  const memory = octoberMemory();

  it('gives a remembered column to one incoming column only, the better one', () => {
    // both headers mean customer_id; the unchanged header wins and the other is new
    const both = [...november, { ...november[3]!, name: '客户编号', position: 13 }];
    const proposal = mapColumns(both, memory, dictionary);
    expect(targets(proposal)['客户编号']).toBe('customer_no');
    expect(proposal.new.map((column) => column.incoming)).toEqual(['用户ID', '工单来源', '城市']);
    expect(proposal.new[0]?.suggestedRole).toBeUndefined();
  });

  it('breaks a tie in favour of the earlier incoming column', () => {
    const remembered = rememberMapping(undefined, [{ name: '备注', type: 'text', position: 5, sample: ['已回电。'] }], [{ sourceName: '备注', column: 'remark', role: 'comment' }]);
    const twins = [4, 6].map((position): ColumnProfile => ({ name: position === 4 ? '评价' : '评论', type: 'text', position, sample: ['已回电。'] }));
    const proposal = mapColumns(twins, remembered, dictionary);
    expect(proposal.matched.map((match) => [match.incoming, match.confidence])).toEqual([['评价', matchOf(proposal, '评价').confidence]]);
    expect(proposal.new.map((column) => column.incoming)).toEqual(['评论']);
    // and in favour of the later one when it comes first in the file
    const swapped = mapColumns(twins.map((column) => ({ ...column, position: 10 - column.position })), remembered, dictionary);
    expect(swapped.matched.map((match) => match.incoming)).toEqual(['评论']);
  });
});

describe('rememberMapping', () => {
  const memory = octoberMemory();
  const proposal = mapColumns(november, memory, dictionary);
  const confirmed: ConfirmedMapping[] = [
    ...proposal.matched.map((match): ConfirmedMapping => ({ sourceName: match.incoming, column: match.target.kind === 'column' ? match.target.column : match.incoming })),
    { sourceName: '工单来源', column: 'ticket_source', role: 'channel' },
    { sourceName: '城市', column: 'city', role: 'city' },
  ];
  const november2 = rememberMapping(memory, november, confirmed);
  const december = profiles(ticketRows(12, 400, 2026_12), NOVEMBER);

  it('keeps each column’s role and clean name, takes the new header, type and position, and keeps a dropped column', () => {
    expect(november2.version).toBe(SOURCE_MEMORY_VERSION);
    expect(november2.columns.map((column) => [column.column, column.name, column.position, column.role])).toEqual([
      ['created', '受理时间', 0, 'created_at'],
      ['ticket_no', '工单编号', 1, 'ticket_id'],
      ['channel', '渠道', 2, 'channel'],
      ['customer_no', '用户ID', 3, 'customer_id'],
      ['agent', '处理人', 4, 'agent'],
      ['category', '问题分类', 5, 'category'],
      ['priority', '紧急程度', 6, 'priority'],
      ['csat', '满意度', 7, 'csat'],
      ['first_response', '首次响应时间', 8, 'first_response_at'],
      ['resolved', '解决时间', 9, 'resolved_at'],
      ['region', '片区', 10, 'region'],
      ['ticket_source', '工单来源', 11, 'channel'],
      ['city', '城市', 12, 'city'],
      ['remark', '备注', 11, 'comment'],
    ]);
    const priority = november2.columns.find((column) => column.column === 'priority')!;
    expect(priority.sample.slice(0, 4).sort()).toEqual(PRIORITY_CODES);
    expect(priority.sample).toContain('紧急');
    expect(november2.columns.every((column) => column.sample.length <= SAMPLE_LIMIT)).toBe(true);
    expect(november2.confirmed.filter((entry) => entry.column === 'region').map((entry) => entry.sourceName)).toEqual(['区域', '片区']);
  });

  it('maps the next month by itself: the confirmed renames are accepted and nothing is new', () => {
    const next = mapColumns(december, november2, dictionary);
    expect(next.new).toEqual([]);
    expect(next.missing).toEqual(['remark']);
    expect(autoAccepted(next)).toEqual(NOVEMBER.map((header) => header.name));
    for (const renamed of ['片区', '紧急程度']) {
      expect(matchOf(next, renamed).confidence, renamed).toBeGreaterThanOrEqual(AUTO_ACCEPT_CONFIDENCE);
      expect(kinds(next, renamed)[0]).toBe('exact-name');
    }
    expect(targets(next)['片区']).toBe('region');
  });

  it('recognises a header confirmed at an earlier import when a file goes back to it', () => {
    const oldHeaders = december.map((column) => (column.name === '片区' ? { ...column, name: '区域' } : column.name === '处理人' ? { ...column, name: ' 坐 席 ' } : column));
    const next = mapColumns(oldHeaders, november2, dictionary);
    expect(targets(next)['区域']).toBe('region');
    expect(kinds(next, '区域')[0]).toBe('remembered-name');
    expect(kinds(next, ' 坐 席 ')[0]).toBe('remembered-name');
    expect(autoAccepted(next)).toContain('区域');
  });

  it('survives a trip through JSON', () => {
    const restored = restoreSourceMemory(JSON.parse(JSON.stringify(november2)));
    expect(mapColumns(december, restored, dictionary)).toEqual(mapColumns(december, november2, dictionary));
    expect(() => restoreSourceMemory({ ...november2, version: 2 })).toThrow();
    expect(() => restoreSourceMemory({ ...november2, columns: [...november2.columns, november2.columns[0]] })).toThrow(RangeError);
    expect(() => restoreSourceMemory({ ...november2, columns: [{ ...november2.columns[0], role: 'owner' }] })).toThrow();
  });

  it('refuses a confirmation that names no incoming column or fills one column twice', () => {
    expect(() => rememberMapping(memory, november, [{ sourceName: '备注', column: 'remark' }])).toThrow(RangeError);
    expect(() =>
      rememberMapping(memory, november, [
        { sourceName: '用户ID', column: 'customer_no' },
        { sourceName: '工单编号', column: 'customer_no' },
      ]),
    ).toThrow(RangeError);
  });
});

// ---- an English CRM export ----------------------------------------------------------------------

const OWNERS = ['Alice Chen', 'Bob Li', 'Carol Wang', 'David Zhou', 'Emma Liu', 'Frank Xu', 'Grace Sun', 'Henry Ma', 'Ivy Zhu', 'Jack Hu', 'Kate Guo', 'Leo He'];
const STATUSES = ['New', 'Open', 'Pending', 'Resolved', 'Closed'];
const LEVELS = ['Low', 'Medium', 'High', 'Urgent'];
const AREAS = ['East', 'West', 'North', 'South', 'Central'];
const PRODUCT_LINES = ['Router', 'Switch', 'Firewall', 'Access Point'];

function crmRows(month: number, rows: number, seed: number): Record<string, string>[] {
  const random = randomStream(seed);
  const start = Date.UTC(2027, month - 1, 1);
  return Array.from({ length: rows }, (_, i) => {
    const created = start + Math.floor(random() * 27 * 86_400) * 1000;
    return {
      caseNumber: `CS-${pad(month)}${pad(i + 1, 5)}`,
      customer: String(40_000 + Math.floor(random() * 500)),
      created: stamp(created),
      status: pick(random, STATUSES),
      priority: pick(random, LEVELS),
      owner: pick(random, OWNERS),
      region: pick(random, AREAS),
      territory: `T-${pad(1 + Math.floor(random() * 9))}`,
      csat: String(1 + Math.floor(random() * 5)),
      productLine: pick(random, PRODUCT_LINES),
    };
  });
}

const CRM_JANUARY: readonly Header[] = [
  { name: 'Case Number', field: 'caseNumber', type: 'text' },
  { name: 'Cust No', field: 'customer', type: 'integer' },
  { name: 'Created On', field: 'created', type: 'datetime' },
  { name: 'Status', field: 'status', type: 'text' },
  { name: 'Priority', field: 'priority', type: 'text' },
  { name: 'Owner', field: 'owner', type: 'text' },
  { name: 'Region', field: 'region', type: 'text' },
  { name: 'CSAT Score', field: 'csat', type: 'integer' },
];

/** February: spelled differently, Owner → Assigned To (no synonym), Region → Territory with territory codes, CSAT dropped, Product Line new. */
const CRM_FEBRUARY: readonly Header[] = [
  { name: 'case_number', field: 'caseNumber', type: 'text' },
  { name: 'CREATED ON', field: 'created', type: 'datetime' },
  { name: 'Customer ID', field: 'customer', type: 'integer' },
  { name: 'Ｓｔａｔｕｓ', field: 'status', type: 'text' },
  { name: 'Assigned To', field: 'owner', type: 'text' },
  { name: 'Priority', field: 'priority', type: 'text' },
  { name: 'Territory', field: 'region', type: 'text' },
  { name: 'Product Line', field: 'productLine', type: 'text' },
];

const CRM_CLEAN: Readonly<Record<string, string>> = {
  'Case Number': 'case',
  'Cust No': 'customer',
  'Created On': 'opened',
  Status: 'state',
  Priority: 'priority',
  Owner: 'owner',
  Region: 'region',
  'CSAT Score': 'csat',
};

function crmProfiles(headers: readonly Header[], month: number, territories = false): ColumnProfile[] {
  const rows = crmRows(month, 300, 2027_00 + month);
  return profiles(territories ? rows.map((row) => ({ ...row, region: row.territory! })) : rows, headers);
}

describe('mapColumns on an English CRM export', () => {
  const january = crmProfiles(CRM_JANUARY, 1);
  const first = mapColumns(january, undefined, dictionary);
  const memory = rememberMapping(
    undefined,
    january,
    first.matched.map((match) => ({ sourceName: match.incoming, column: CRM_CLEAN[match.incoming]!, role: match.target.kind === 'role' ? match.target.role : undefined })),
  );
  const february = mapColumns(crmProfiles(CRM_FEBRUARY, 2, true), memory, dictionary);

  it('ignores case, spaces, underscores and full width in names', () => {
    expect(targets(february)).toMatchObject({ case_number: 'case', 'CREATED ON': 'opened', Ｓｔａｔｕｓ: 'state', Priority: 'priority' });
    // January's headers were confirmed at the first import; compared normalised they are remembered
    for (const header of ['case_number', 'Ｓｔａｔｕｓ', 'CREATED ON']) expect(kinds(february, header)[0], header).toBe('remembered-name');
    expect(kinds(february, 'Priority')[0]).toBe('exact-name');
    // a header never confirmed that normalises to the clean table's name
    const cleanName = mapColumns([{ ...january[3]!, name: 'STATE', position: 0 }], memory, dictionary);
    expect(targets(cleanName)).toEqual({ STATE: 'state' });
    expect(kinds(cleanName, 'STATE')[0]).toBe('normalized-name');
  });

  it('accepts Cust No → Customer ID and asks about Owner → Assigned To and Region → Territory', () => {
    expect(targets(february)).toMatchObject({ 'Customer ID': 'customer', 'Assigned To': 'owner', Territory: 'region' });
    expect(autoAccepted(february)).toEqual(['case_number', 'CREATED ON', 'Customer ID', 'Ｓｔａｔｕｓ', 'Priority']);
    expect(asked(february)).toEqual(['Assigned To', 'Territory']);
    // a synonym of the same role, but East/West became T-01…T-09: no values, no shapes agree
    expect(kinds(february, 'Territory')).toEqual(['synonym', 'position', 'same-type']);
    expect(kinds(february, 'Assigned To')[0]).toBe('values');
  });

  it('reports the new and the missing columns', () => {
    expect(february.new).toEqual([{ incoming: 'Product Line', position: 7, suggestedRole: { role: 'product', confidence: 0.73, synonym: 'product' } }]);
    expect(february.missing).toEqual(['csat']);
  });
});
