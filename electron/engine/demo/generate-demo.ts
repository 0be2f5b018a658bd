import type { CellValue, ColumnType, LocalizedText } from '../../../shared/api/types';
import { CUTOFF_SECOND, formatDate, formatDateTime, SECONDS_PER_DAY } from './demo-calendar';
import { DemoCustomers, NO_BAD_EXPERIENCE } from './demo-customers';
import type { DemoColumn, DemoOptions, DemoTable } from './demo-dataset';
import { IVR_CHANGE_DAY } from './demo-patterns';
import { DemoTimeline } from './demo-timeline';
import {
  CATEGORY,
  CHANNELS,
  CATEGORIES,
  EVENT,
  EVENTS,
  IVR_PATH_CATCH_ALL,
  IVR_PATH_INFO,
  IVR_PATH_INFO_AFTER,
  IVR_PATH_OPERATOR,
  IVR_PATHS_AFTER,
  IVR_PATHS_BEFORE,
  PRIORITIES,
  PRODUCTS,
  REGION_TABLE,
  REGIONS,
  SEGMENTS,
  STATUSES,
  TEAM,
  TEAMS,
} from './demo-vocabulary';
import { SeededRandom, STREAM } from './seeded-random';
import {
  type DemoWorld,
  onDutyAgent,
  phoneTransferRate,
  rosterOf,
  TicketCore,
  TicketSimulator,
} from './simulate-ticket';

export const MIN_DEMO_ROWS = 100;
export const MAX_DEMO_ROWS = 2_000_000;
const TICKETS_PER_CUSTOMER = 4;

function column(name: string, en: string, zh: string, type: ColumnType): DemoColumn {
  return { name, label: { en, 'zh-CN': zh }, type };
}
function label(en: string, zh: string): LocalizedText {
  return { en, 'zh-CN': zh };
}

const TICKET_ID = column('ticket_id', 'Ticket ID', '工单编号', 'text');
const CUSTOMER_ID = column('customer_id', 'Customer ID', '客户编号', 'text');
const REGION = column('region', 'Region', '地区', 'text');
const AGENT = column('agent', 'Agent', '处理人', 'text');
const TEAM_COLUMN = column('team', 'Team', '团队', 'text');
const CSAT = column('csat', 'CSAT', '满意度 (CSAT)', 'integer');
const NPS = column('nps', 'NPS score', '推荐度 (NPS)', 'integer');
const CES = column('ces', 'CES', '费力度 (CES)', 'integer');
const COMMENT = column('comment', 'Comment', '客户评价', 'text');

const TICKET_COLUMNS: readonly DemoColumn[] = [
  TICKET_ID,
  CUSTOMER_ID,
  column('channel', 'Channel', '渠道', 'text'),
  column('category', 'Category', '问题类别', 'text'),
  column('product', 'Product', '产品', 'text'),
  REGION,
  AGENT,
  TEAM_COLUMN,
  column('priority', 'Priority', '优先级', 'text'),
  column('created_at', 'Created at', '创建时间', 'datetime'),
  column('first_response_at', 'First response at', '首次响应时间', 'datetime'),
  column('resolved_at', 'Resolved at', '解决时间', 'datetime'),
  column('status', 'Status', '状态', 'text'),
  column('reopen_count', 'Reopen count', '重开次数', 'integer'),
  column('transfer_count', 'Transfer count', '转派次数', 'integer'),
  CSAT,
  NPS,
  CES,
  COMMENT,
];
const CUSTOMER_COLUMNS: readonly DemoColumn[] = [
  CUSTOMER_ID,
  column('name', 'Name', '客户名称', 'text'),
  column('segment', 'Segment', '客户类型', 'text'),
  REGION,
  column('signup_date', 'Signup date', '注册日期', 'date'),
  column('churned_at', 'Churned on', '流失日期', 'date'),
];
const SURVEY_COLUMNS: readonly DemoColumn[] = [
  column('survey_id', 'Survey ID', '调查编号', 'text'),
  TICKET_ID,
  column('sent_at', 'Sent at', '发送时间', 'datetime'),
  column('responded_at', 'Responded at', '回复时间', 'datetime'),
  CSAT,
  NPS,
  CES,
  COMMENT,
];
const CALL_COLUMNS: readonly DemoColumn[] = [
  column('call_id', 'Call ID', '通话编号', 'text'),
  TICKET_ID,
  CUSTOMER_ID,
  column('started_at', 'Started at', '开始时间', 'datetime'),
  column('ivr_path', 'IVR path', 'IVR 路径', 'text'),
  column('queue_seconds', 'Queue time (s)', '排队时长（秒）', 'integer'),
  column('talk_seconds', 'Talk time (s)', '通话时长（秒）', 'integer'),
  column('transferred', 'Transferred', '是否转接', 'boolean'),
  column('abandoned', 'Abandoned', '是否放弃', 'boolean'),
  AGENT,
];
const EVENT_COLUMNS: readonly DemoColumn[] = [
  column('event_id', 'Event ID', '事件编号', 'text'),
  TICKET_ID,
  column('at', 'At', '发生时间', 'datetime'),
  column('event', 'Event', '事件', 'text'),
  TEAM_COLUMN,
  AGENT,
];

function ticketId(index: number): string {
  return `T${String(index + 1).padStart(7, '0')}`;
}
function customerId(customer: number): string {
  return `C${String(customer + 1).padStart(6, '0')}`;
}
function orNull(value: number): number | null {
  return value >= 0 ? value : null;
}
function dateTimeOrNull(second: number): string | null {
  return second >= 0 ? formatDateTime(second) : null;
}

/** Counts of the derived tables and what the customers table needs from the tickets; computed by
 * one pass over all tickets the first time it is asked for. */
interface DemoCensus {
  readonly surveys: number;
  readonly calls: number;
  readonly events: number;
  /** Per customer: day of the first complaint ticket or CSAT 1–2, else NO_BAD_EXPERIENCE. */
  readonly firstBadDay: Int16Array;
}

function takeCensus(world: DemoWorld): DemoCensus {
  const simulator = new TicketSimulator(world);
  const t = new TicketCore();
  const firstBadDay = new Int16Array(world.customers.count).fill(NO_BAD_EXPERIENCE);
  let surveys = 0;
  let calls = 0;
  let events = 0;
  for (let i = 0; i < world.ticketCount; i++) {
    simulator.simulate(i, t);
    if (t.surveySentSecond >= 0) surveys++;
    calls += t.linkedCalls + t.callsWithoutTicket;
    events += t.eventCount;
    let bad = t.category === CATEGORY.complaint ? t.day : NO_BAD_EXPERIENCE;
    if (t.csat >= 1 && t.csat <= 2) bad = Math.min(bad, Math.floor(t.respondedSecond / SECONDS_PER_DAY));
    if (bad < firstBadDay[t.customer]!) firstBadDay[t.customer] = bad;
  }
  return { surveys, calls, events, firstBadDay };
}

function* ticketRows(world: DemoWorld): Generator<CellValue[]> {
  const simulator = new TicketSimulator(world);
  const t = new TicketCore();
  for (let i = 0; i < world.ticketCount; i++) {
    simulator.simulate(i, t);
    yield [
      ticketId(i),
      customerId(t.customer),
      CHANNELS[t.channel]!,
      CATEGORIES[t.category]!,
      PRODUCTS[t.product]!,
      REGIONS[t.region]!,
      t.agent,
      TEAMS[t.team]!,
      PRIORITIES[t.priority]!,
      formatDateTime(t.createdSecond),
      dateTimeOrNull(t.firstResponseSecond),
      dateTimeOrNull(t.resolvedSecond),
      STATUSES[t.status]!,
      t.reopenCount,
      t.transferCount,
      orNull(t.csat),
      orNull(t.nps),
      orNull(t.ces),
      t.comment,
    ];
  }
}

function* customerRows(world: DemoWorld, census: () => DemoCensus): Generator<CellValue[]> {
  const { customers } = world;
  const { firstBadDay } = census();
  const random = new SeededRandom();
  for (let c = 0; c < customers.count; c++) {
    const { name, churnDay } = customers.describe(c, firstBadDay[c]!, random);
    yield [
      customerId(c),
      name,
      SEGMENTS[customers.segment[c]!]!,
      REGIONS[customers.region[c]!]!,
      formatDate(customers.signupDay(c)),
      churnDay === null ? null : formatDate(churnDay),
    ];
  }
}

function* surveyRows(world: DemoWorld): Generator<CellValue[]> {
  const simulator = new TicketSimulator(world);
  const t = new TicketCore();
  let surveyNumber = 0;
  for (let i = 0; i < world.ticketCount; i++) {
    simulator.simulate(i, t);
    if (t.surveySentSecond < 0) continue;
    surveyNumber++;
    yield [
      `S${String(surveyNumber).padStart(7, '0')}`,
      ticketId(i),
      formatDateTime(t.surveySentSecond),
      dateTimeOrNull(t.respondedSecond),
      orNull(t.csat),
      orNull(t.nps),
      orNull(t.ces),
      t.comment,
    ];
  }
}

function ivrPath(category: number, day: number, transferred: boolean, random: SeededRandom): string {
  if (day < IVR_CHANGE_DAY) return random.chance(0.12) ? IVR_PATH_OPERATOR : IVR_PATHS_BEFORE[category]!;
  if (transferred && random.chance(0.7)) return IVR_PATH_CATCH_ALL;
  return IVR_PATHS_AFTER[category]!;
}

function* callRows(world: DemoWorld): Generator<CellValue[]> {
  const simulator = new TicketSimulator(world);
  const t = new TicketCore();
  const random = new SeededRandom();
  let callNumber = 0;
  const callId = () => `CL${String(++callNumber).padStart(7, '0')}`;
  for (let i = 0; i < world.ticketCount; i++) {
    simulator.simulate(i, t);
    if (t.linkedCalls === 0 && t.callsWithoutTicket === 0) continue;
    random.reseed(world.seed, i, STREAM.calls);
    for (let k = 0; k < t.linkedCalls; k++) {
      // the agent opens the ticket while talking to the caller; follow-ups come while it is worked on
      const first = k === 0;
      const queue = Math.round(random.logNormal(t.day >= IVR_CHANGE_DAY ? 55 : 40, 0.8));
      let started: number;
      if (first) {
        started = Math.max(0, t.createdSecond - queue - Math.floor(random.between(20, 90)));
      } else {
        const end = t.resolvedSecond >= 0 ? t.resolvedSecond : CUTOFF_SECOND;
        started = t.createdSecond + Math.floor(random.between(0.05, 1) * (end - t.createdSecond));
      }
      const callDay = Math.floor(started / SECONDS_PER_DAY);
      const transferred = first ? t.transferCount > 0 : random.chance(phoneTransferRate(callDay));
      const talk = Math.round(random.logNormal(first ? 300 : 200, 0.6) + (transferred ? random.logNormal(120, 0.5) : 0));
      yield [
        callId(),
        ticketId(i),
        customerId(t.customer),
        formatDateTime(started),
        ivrPath(t.category, callDay, transferred, random),
        queue,
        talk,
        transferred ? 1 : 0,
        0,
        t.agent,
      ];
    }
    if (t.callsWithoutTicket === 0) continue;
    // calls that never became a ticket: abandoned in the queue, or answered from the knowledge base
    const started = Math.min(CUTOFF_SECOND, Math.max(0, t.createdSecond + Math.floor(random.between(-1800, 1800))));
    const callDay = Math.floor(started / SECONDS_PER_DAY);
    const abandoned = random.chance(0.55);
    const known = random.chance(0.7);
    const customer = known ? world.customers.pick(callDay, random.next()) : -1;
    let team = known ? REGION_TABLE[world.customers.region[customer]!]![2] : random.below(TEAM.secondLine);
    if (team === TEAM.eastOne && random.chance(0.5)) team = TEAM.eastTwo;
    const transferred = !abandoned && random.chance(phoneTransferRate(callDay));
    const infoPath = callDay >= IVR_CHANGE_DAY ? IVR_PATH_INFO_AFTER : IVR_PATH_INFO;
    const path = random.chance(0.5) ? infoPath : ivrPath(random.below(CATEGORIES.length), callDay, transferred, random);
    yield [
      callId(),
      null,
      known ? customerId(customer) : null,
      formatDateTime(started),
      path,
      Math.round(random.logNormal(abandoned ? 95 : 40, 0.7)),
      abandoned ? 0 : Math.round(random.logNormal(150, 0.6)),
      transferred ? 1 : 0,
      abandoned ? 1 : 0,
      abandoned ? null : onDutyAgent(team, callDay, random),
    ];
  }
}

const EVENT_KINDS = EVENTS.length;

/** Insertion sort: a ticket has a handful of events, and this beats Array#sort with a comparator. */
function sortSmall(values: number[]): void {
  for (let i = 1; i < values.length; i++) {
    const value = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > value) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = value;
  }
}

function* eventRows(world: DemoWorld): Generator<CellValue[]> {
  const simulator = new TicketSimulator(world);
  const t = new TicketCore();
  const random = new SeededRandom();
  // second * EVENT_KINDS + event: sorting these orders events by time, then by lifecycle step
  const keys: number[] = [];
  const add = (second: number, event: number) => keys.push(Math.floor(second) * EVENT_KINDS + event);
  let eventNumber = 0;
  for (let i = 0; i < world.ticketCount; i++) {
    simulator.simulate(i, t);
    random.reseed(world.seed, i, STREAM.events);
    keys.length = 0;
    add(t.createdSecond, EVENT.created);
    add(t.assignedSecond, EVENT.assigned);
    if (t.firstResponseSecond >= 0) add(t.firstResponseSecond, EVENT.firstResponse);
    for (let k = 0; k < t.transferCount; k++) add(t.transferSeconds[k]!, EVENT.transferred);
    if (t.pendingSecond >= 0) add(t.pendingSecond, EVENT.pendingCustomer);
    for (let k = 0; k < t.resolveCount; k++) add(t.resolveSeconds[k]!, EVENT.resolved);
    for (let k = 0; k < t.reopenCount; k++) add(t.reopenSeconds[k]!, EVENT.reopened);
    if (t.closedSecond >= 0) add(t.closedSecond, EVENT.closed);
    sortSmall(keys);

    const id = ticketId(i);
    let team = t.team;
    let agent = t.agent;
    for (const key of keys) {
      const event = key % EVENT_KINDS;
      const second = (key - event) / EVENT_KINDS;
      if (event === EVENT.transferred) {
        // technical tickets go to second-line support, others to a colleague in the same team
        const technical = t.category === CATEGORY.usage || t.category === CATEGORY.quality;
        if (technical && team !== TEAM.secondLine && random.chance(0.7)) team = TEAM.secondLine;
        const colleagues = rosterOf(team, Math.floor(second / SECONDS_PER_DAY)).filter((a) => a !== agent);
        agent = random.pick(colleagues);
      }
      const system = event === EVENT.created;
      eventNumber++;
      yield [
        `E${String(eventNumber).padStart(8, '0')}`,
        id,
        formatDateTime(second),
        EVENTS[event]!,
        system ? null : TEAMS[team]!,
        system ? null : agent,
      ];
    }
  }
}

function checkOptions(options: DemoOptions): void {
  const { rows, seed } = options;
  if (!Number.isInteger(rows) || rows < MIN_DEMO_ROWS || rows > MAX_DEMO_ROWS) {
    throw new RangeError(`Demo rows must be a whole number from ${MIN_DEMO_ROWS} to ${MAX_DEMO_ROWS}; got ${rows}.`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`Demo seed must be a safe integer; got ${seed}.`);
}

/** The demo service dataset described in docs/demo-data.md: tickets, customers, surveys, calls and
 * ticket events of a smart-home company in 2024, with four planted findings. Deterministic for a
 * seed; each ticket's rows in every table come from that ticket's own random streams. */
export function generateDemoDataset(options: DemoOptions): DemoTable[] {
  checkOptions(options);
  const { rows: ticketCount, seed } = options;
  const random = new SeededRandom();
  const world: DemoWorld = {
    seed,
    ticketCount,
    timeline: new DemoTimeline(seed),
    customers: new DemoCustomers(seed, Math.ceil(ticketCount / TICKETS_PER_CUSTOMER), random),
  };
  let cached: DemoCensus | undefined;
  const census = () => (cached ??= takeCensus(world));

  return [
    { name: 'tickets', label: label('Tickets', '工单'), columns: TICKET_COLUMNS, rowCount: ticketCount, rows: () => ticketRows(world) },
    {
      name: 'customers',
      label: label('Customers', '客户'),
      columns: CUSTOMER_COLUMNS,
      rowCount: world.customers.count,
      rows: () => customerRows(world, census),
    },
    {
      name: 'surveys',
      label: label('Satisfaction surveys', '满意度调查'),
      columns: SURVEY_COLUMNS,
      get rowCount() {
        return census().surveys;
      },
      rows: () => surveyRows(world),
    },
    {
      name: 'calls',
      label: label('Call records', '通话记录'),
      columns: CALL_COLUMNS,
      get rowCount() {
        return census().calls;
      },
      rows: () => callRows(world),
    },
    {
      name: 'ticket_events',
      label: label('Ticket status events', '工单状态事件'),
      columns: EVENT_COLUMNS,
      get rowCount() {
        return census().events;
      },
      rows: () => eventRows(world),
    },
  ];
}
