import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../../shared/api/types';
import { DEFAULT_DEMO_OPTIONS, type DemoOptions, type DemoTable } from '../../../../../electron/engine/demo/demo-dataset';
import { generateDemoDataset } from '../../../../../electron/engine/demo/generate-demo';

type Row = Record<string, CellValue>;
type Dataset = Record<string, Row[]>;

function materialize(table: DemoTable): Row[] {
  const names = table.columns.map((c) => c.name);
  const rows: Row[] = [];
  for (const values of table.rows()) {
    const row: Row = {};
    names.forEach((name, i) => (row[name] = values[i] ?? null));
    rows.push(row);
  }
  return rows;
}

const datasets = new Map<string, Dataset>();
/** Every table of a dataset as objects keyed by column name (cached per options). */
function dataset(options: DemoOptions = DEFAULT_DEMO_OPTIONS): Dataset {
  const key = `${options.rows}/${options.seed}`;
  let data = datasets.get(key);
  if (!data) {
    data = Object.fromEntries(generateDemoDataset(options).map((t) => [t.name, materialize(t)]));
    datasets.set(key, data);
  }
  return data;
}

function table(data: Dataset, name: string): Row[] {
  const rows = data[name];
  if (!rows) throw new Error(`no table ${name}`);
  return rows;
}

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`${column} is not text: ${String(value)}`);
  return value;
}

function num(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number') throw new Error(`${column} is not a number: ${String(value)}`);
  return value;
}

/** Seconds since 1970 of a `YYYY-MM-DD HH:MM:SS` wall-clock time, treated as UTC. */
function seconds(dateTime: string): number {
  const [date = '', time = '00:00:00'] = dateTime.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  return Date.UTC(y!, m! - 1, d, hh, mm, ss) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function share<T>(rows: readonly T[], test: (row: T) => boolean): number {
  return rows.filter(test).length / rows.length;
}

/** Collects failed checks so a loop over thousands of rows asserts once and reports the first few. */
class Problems {
  readonly list: string[] = [];
  check(ok: boolean, message: () => string): void {
    if (!ok && this.list.length < 20) this.list.push(message());
  }
}

const CHANNELS = ['电话', '在线客服', '邮件', 'App内反馈', '微信'];
const CATEGORIES = ['功能使用障碍', '账单与退款', '物流配送', '账号与登录', '产品质量', '投诉建议'];
const STATUSES = ['已关闭', '已解决', '处理中', '待客户回复'];
const EVENTS = ['created', 'assigned', 'first_response', 'transferred', 'pending_customer', 'resolved', 'reopened', 'closed'];
/** Columns that may hold nulls; every other column is always filled. */
const NULLABLE: Record<string, readonly string[]> = {
  tickets: ['first_response_at', 'resolved_at', 'csat', 'nps', 'ces', 'comment'],
  customers: ['churned_at'],
  surveys: ['responded_at', 'csat', 'nps', 'ces', 'comment'],
  calls: ['ticket_id', 'customer_id', 'agent'],
  ticket_events: ['team', 'agent'],
};

function isValidDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

function isValidValue(value: CellValue, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'real':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return value === 0 || value === 1;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isValidDate(value);
    case 'datetime':
      return (
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(value) &&
        isValidDate(value.slice(0, 10))
      );
    default:
      return typeof value === 'string' && value.length > 0;
  }
}

describe('generateDemoDataset', () => {
  it('produces the five tables with bilingual labels and snake_case names', () => {
    const tables = generateDemoDataset({ rows: 100, seed: 1 });
    expect(tables.map((t) => t.name)).toEqual(['tickets', 'customers', 'surveys', 'calls', 'ticket_events']);
    for (const t of tables) {
      expect(t.label.en).not.toBe('');
      expect(t.label['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(new Set(t.columns.map((c) => c.name)).size).toBe(t.columns.length);
      for (const c of t.columns) {
        expect(c.name).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(c.label.en).not.toBe('');
        expect(c.label['zh-CN']).not.toBe('');
      }
    }
    expect(tables[0]!.columns.map((c) => c.name)).toEqual([
      'ticket_id', 'customer_id', 'channel', 'category', 'product', 'region', 'agent', 'team', 'priority', 'created_at',
      'first_response_at', 'resolved_at', 'status', 'reopen_count', 'transfer_count', 'csat', 'nps', 'ces', 'comment',
    ]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const rowsOf = (options: DemoOptions) =>
      generateDemoDataset(options).map((t) => JSON.stringify([...t.rows()]));
    const first = rowsOf({ rows: 1500, seed: 7 });
    expect(rowsOf({ rows: 1500, seed: 7 })).toEqual(first);
    const other = rowsOf({ rows: 1500, seed: 8 });
    first.forEach((rows, i) => expect(other[i]).not.toBe(rows));

    const tickets = generateDemoDataset({ rows: 1500, seed: 7 })[0]!;
    expect(JSON.stringify([...tickets.rows()])).toBe(JSON.stringify([...tickets.rows()]));
    const a = [...tickets.rows()];
    const b = [...generateDemoDataset({ rows: 1500, seed: 8 })[0]!.rows()];
    const sameChannel = a.filter((row, i) => row[2] === b[i]![2]).length / a.length;
    expect(sameChannel).toBeLessThan(0.5);
  });

  it('yields exactly rowCount rows, aligned with the columns and valid for their types', () => {
    const problems = new Problems();
    for (const options of [{ rows: 100, seed: 3 }, { rows: 1234, seed: 99 }, DEFAULT_DEMO_OPTIONS]) {
      for (const t of generateDemoDataset(options)) {
        const nullable = NULLABLE[t.name] ?? [];
        let count = 0;
        for (const row of t.rows()) {
          count++;
          problems.check(row.length === t.columns.length, () => `${t.name} row ${count} has ${row.length} values`);
          t.columns.forEach((c, i) => {
            const value = row[i] ?? null;
            if (value === null) problems.check(nullable.includes(c.name), () => `${t.name}.${c.name} is null in row ${count}`);
            else problems.check(isValidValue(value, c.type), () => `${t.name}.${c.name} = ${String(value)} is not a valid ${c.type}`);
          });
        }
        problems.check(count === t.rowCount, () => `${t.name}: rowCount ${t.rowCount}, yielded ${count}`);
      }
    }
    expect(problems.list).toEqual([]);
  });

  it('rejects row counts and seeds outside the supported range', () => {
    expect(() => generateDemoDataset({ rows: 99, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoDataset({ rows: 2_000_001, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoDataset({ rows: 1000.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoDataset({ rows: 1000, seed: 0.5 })).toThrow(RangeError);
  });

  it('streams 2,000,000 tickets lazily: the first rows come without generating the rest', () => {
    const started = performance.now();
    const [tickets] = generateDemoDataset({ rows: 2_000_000, seed: 42 });
    expect(tickets!.rowCount).toBe(2_000_000);
    const first: (readonly CellValue[])[] = [];
    for (const row of tickets!.rows()) {
      first.push(row);
      if (first.length === 1000) break;
    }
    expect(performance.now() - started).toBeLessThan(5000);
    expect(first[0]![0]).toBe('T0000001');
    expect(String(first[999]![9])).toMatch(/^2024-01-01 /);
  });
});

describe('demo dataset at the default options', () => {
  const data = () => dataset();

  it('keeps the documented row ratios', () => {
    const n = DEFAULT_DEMO_OPTIONS.rows;
    expect(table(data(), 'tickets')).toHaveLength(n);
    expect(table(data(), 'customers')).toHaveLength(n / 4);
    expect(table(data(), 'surveys').length / n).toBeGreaterThan(0.85);
    expect(table(data(), 'surveys').length / n).toBeLessThan(0.95);
    expect(table(data(), 'calls').length / n).toBeGreaterThan(0.38);
    expect(table(data(), 'calls').length / n).toBeLessThan(0.52);
    expect(table(data(), 'ticket_events').length / n).toBeGreaterThan(5);
    expect(table(data(), 'ticket_events').length / n).toBeLessThan(6);
  });

  it('keeps every reference between tables valid', () => {
    const problems = new Problems();
    const tickets = table(data(), 'tickets');
    const customers = new Map(table(data(), 'customers').map((c) => [text(c, 'customer_id'), c]));
    const ticketIds = new Map(tickets.map((t) => [text(t, 'ticket_id'), t]));
    expect(ticketIds.size).toBe(tickets.length);
    expect(customers.size).toBe(table(data(), 'customers').length);
    for (const t of tickets) {
      const id = text(t, 'ticket_id');
      const customer = customers.get(text(t, 'customer_id'));
      problems.check(customer !== undefined, () => `${id}: unknown customer ${text(t, 'customer_id')}`);
      if (!customer) continue;
      problems.check(t['region'] === customer['region'], () => `${id}: region differs from its customer's`);
      problems.check(text(customer, 'signup_date') <= text(t, 'created_at').slice(0, 10), () => `${id}: before signup`);
    }
    for (const c of customers.values()) {
      const churned = c['churned_at'];
      if (typeof churned === 'string') {
        problems.check(churned >= text(c, 'signup_date') && churned <= '2024-12-31', () => `${text(c, 'customer_id')}: churned ${churned}`);
      }
    }
    const surveyed = new Set<string>();
    for (const s of table(data(), 'surveys')) {
      const id = text(s, 'ticket_id');
      problems.check(ticketIds.has(id), () => `survey for unknown ticket ${id}`);
      problems.check(!surveyed.has(id), () => `second survey for ${id}`);
      surveyed.add(id);
    }
    for (const call of table(data(), 'calls')) {
      const id = call['ticket_id'];
      if (typeof id === 'string') problems.check(ticketIds.get(id)?.['channel'] === '电话', () => `call for non-phone ticket ${id}`);
      const customer = call['customer_id'];
      if (typeof customer === 'string') problems.check(customers.has(customer), () => `call from unknown ${customer}`);
    }
    for (const e of table(data(), 'ticket_events')) {
      problems.check(ticketIds.has(text(e, 'ticket_id')), () => `event for unknown ${text(e, 'ticket_id')}`);
    }
    expect(problems.list).toEqual([]);
  });

  it('uses the documented values, teams and agents', () => {
    const problems = new Problems();
    const tickets = table(data(), 'tickets');
    const teamOf = new Map<string, string>();
    const inRange = (value: CellValue, min: number, max: number) =>
      value === null || (typeof value === 'number' && value >= min && value <= max);
    for (const t of tickets) {
      const id = text(t, 'ticket_id');
      problems.check(CHANNELS.includes(text(t, 'channel')), () => `${id}: channel ${String(t['channel'])}`);
      problems.check(CATEGORIES.includes(text(t, 'category')), () => `${id}: category ${String(t['category'])}`);
      problems.check(STATUSES.includes(text(t, 'status')), () => `${id}: status ${String(t['status'])}`);
      problems.check(/^P[1-4]$/.test(text(t, 'priority')), () => `${id}: priority ${String(t['priority'])}`);
      const created = text(t, 'created_at');
      problems.check(created >= '2024-01-01 00:00:00' && created <= '2024-12-31 23:59:59', () => `${id}: created ${created}`);
      const agent = text(t, 'agent');
      problems.check((teamOf.get(agent) ?? t['team']) === t['team'], () => `${agent} works in two teams`);
      teamOf.set(agent, text(t, 'team'));
      problems.check(inRange(t['csat'] ?? null, 1, 5), () => `${id}: csat ${String(t['csat'])}`);
      problems.check(inRange(t['nps'] ?? null, 0, 10), () => `${id}: nps ${String(t['nps'])}`);
      problems.check(inRange(t['ces'] ?? null, 1, 7), () => `${id}: ces ${String(t['ces'])}`);
    }
    expect(new Set(tickets.map((t) => t['team']))).toEqual(
      new Set(['华东一组', '华东二组', '华南组', '华北组', '华中组', '西南组', '二线技术支持']),
    );
    expect(new Set(tickets.map((t) => t['region'])).size).toBeGreaterThanOrEqual(20);
    for (const e of table(data(), 'ticket_events')) {
      problems.check(EVENTS.includes(text(e, 'event')), () => `event ${String(e['event'])}`);
      const agent = e['agent'];
      if (typeof agent === 'string') problems.check((teamOf.get(agent) ?? e['team']) === e['team'], () => `${agent} in ${String(e['team'])}`);
    }
    expect(problems.list).toEqual([]);
  });

  it('keeps surveys, calls and events consistent with their tickets', () => {
    const problems = new Problems();
    const tickets = table(data(), 'tickets');
    const surveys = new Map(table(data(), 'surveys').map((s) => [text(s, 'ticket_id'), s]));
    const events = new Map<string, Row[]>();
    for (const e of table(data(), 'ticket_events')) {
      const list = events.get(text(e, 'ticket_id')) ?? [];
      list.push(e);
      events.set(text(e, 'ticket_id'), list);
    }
    const phoneTicketsWithCalls = new Set(table(data(), 'calls').map((c) => c['ticket_id']));
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    for (const t of tickets) {
      const id = text(t, 'ticket_id');
      const check = (ok: boolean, what: string) => problems.check(ok, () => `${id}: ${what}`);
      const survey = surveys.get(id);
      const answered = survey !== undefined && survey['responded_at'] !== null;
      check((t['csat'] !== null) === answered, 'csat without an answered survey, or the reverse');
      if (survey) {
        for (const c of ['csat', 'nps', 'ces', 'comment']) check(survey[c] === t[c], `survey ${c} differs`);
        check(t['resolved_at'] !== null && text(survey, 'sent_at') >= text(t, 'resolved_at'), 'survey sent before resolution');
        if (answered) check(text(survey, 'responded_at') > text(survey, 'sent_at'), 'survey answered before it was sent');
      }
      if (t['channel'] === '电话') check(phoneTicketsWithCalls.has(id), 'phone ticket without a call');
      if (t['first_response_at'] !== null) check(text(t, 'first_response_at') > text(t, 'created_at'), 'response before creation');

      const list = events.get(id) ?? [];
      const times = list.map((e) => text(e, 'at'));
      check(same([...times].sort(), times), 'events out of order');
      const at = (name: string) => list.filter((e) => e['event'] === name).map((e) => text(e, 'at'));
      check(list[0]?.['event'] === 'created' && same(at('created'), [t['created_at']]), 'created event');
      check(at('assigned').length === 1, 'assigned events');
      check(at('transferred').length === t['transfer_count'], 'transferred events ≠ transfer_count');
      check(at('reopened').length === t['reopen_count'], 'reopened events ≠ reopen_count');
      check(same(at('first_response'), t['first_response_at'] === null ? [] : [t['first_response_at']]), 'first_response event');
      const resolved = at('resolved');
      if (t['resolved_at'] === null) {
        check(t['status'] === '处理中' || t['status'] === '待客户回复', `open ticket with status ${String(t['status'])}`);
        check(resolved.length === at('reopened').length, 'open ticket with a standing resolution');
      } else {
        check(resolved.at(-1) === t['resolved_at'], 'last resolved event ≠ resolved_at');
        check(resolved.length === at('reopened').length + 1, 'resolved events');
      }
      check(at('closed').length === (t['status'] === '已关闭' ? 1 : 0), 'closed event ≠ status');
    }
    expect(problems.list).toEqual([]);
  });

  it('leaves realistic gaps', () => {
    const tickets = table(data(), 'tickets');
    const csat = share(tickets, (t) => t['csat'] !== null);
    expect(csat).toBeGreaterThan(0.3);
    expect(csat).toBeLessThan(0.4);
    const nps = share(tickets, (t) => t['nps'] !== null);
    expect(nps).toBeGreaterThan(0.7 * csat);
    expect(nps).toBeLessThan(0.95 * csat);
    const ces = share(tickets, (t) => t['ces'] !== null);
    expect(ces).toBeGreaterThan(0.6 * csat);
    expect(ces).toBeLessThan(0.9 * csat);
    const comment = share(tickets, (t) => t['comment'] !== null);
    expect(comment).toBeGreaterThan(0.05);
    expect(comment).toBeLessThan(0.2);
    expect(tickets.some((t) => typeof t['comment'] === 'string' && /^[A-Z][a-z]/.test(t['comment']))).toBe(true);
    const noResponse = share(tickets, (t) => t['first_response_at'] === null);
    expect(noResponse).toBeGreaterThan(0.003);
    expect(noResponse).toBeLessThan(0.04);
    const open = share(tickets, (t) => t['resolved_at'] === null);
    expect(open).toBeGreaterThan(0.005);
    expect(open).toBeLessThan(0.05);
    const churned = share(table(data(), 'customers'), (c) => c['churned_at'] !== null);
    expect(churned).toBeGreaterThan(0.04);
    expect(churned).toBeLessThan(0.2);
  });

  it('has weekday and daytime seasonality', () => {
    const tickets = table(data(), 'tickets');
    const perWeekday = new Array<number>(7).fill(0);
    const perHour = new Array<number>(24).fill(0);
    for (const t of tickets) {
      const created = text(t, 'created_at');
      perWeekday[new Date(seconds(created) * 1000).getUTCDay()]!++;
      perHour[Number(created.slice(11, 13))]!++;
    }
    const weekdays = mean(perWeekday.slice(1, 6));
    const weekend = mean([perWeekday[0]!, perWeekday[6]!]);
    expect(weekdays / weekend).toBeGreaterThan(1.3);
    expect(perHour[10]! / perHour[3]!).toBeGreaterThan(5);
  });

  it('has more churn after a complaint or a CSAT of 1–2', () => {
    const bad = new Set(
      table(data(), 'tickets')
        .filter((t) => t['category'] === '投诉建议' || (t['csat'] !== null && num(t, 'csat') <= 2))
        .map((t) => t['customer_id']),
    );
    const customers = table(data(), 'customers');
    const churnOf = (rows: Row[]) => share(rows, (c) => c['churned_at'] !== null);
    const afterBad = churnOf(customers.filter((c) => bad.has(c['customer_id'])));
    const otherwise = churnOf(customers.filter((c) => !bad.has(c['customer_id'])));
    expect(afterBad / otherwise).toBeGreaterThan(3);
  });

  it('has priority, reopen and transfer effects', () => {
    const tickets = table(data(), 'tickets');
    const resolutionHours = (priority: string) =>
      median(
        tickets
          .filter((t) => t['priority'] === priority && t['resolved_at'] !== null)
          .map((t) => (seconds(text(t, 'resolved_at')) - seconds(text(t, 'created_at'))) / 3600),
      );
    expect(resolutionHours('P1')).toBeLessThan(resolutionHours('P3') / 2);
    const csatWhere = (test: (t: Row) => boolean) =>
      mean(tickets.filter((t) => t['csat'] !== null && test(t)).map((t) => num(t, 'csat')));
    const clean = csatWhere((t) => t['reopen_count'] === 0 && t['transfer_count'] === 0);
    expect(csatWhere((t) => num(t, 'reopen_count') > 0)).toBeLessThan(clean - 0.5);
    expect(csatWhere((t) => num(t, 'transfer_count') > 0)).toBeLessThan(clean - 0.2);
  });
});

/** The planted findings, measured as docs/demo-data.md describes, at the default size and two more seeds. */
describe.each([42, 7, 2024])('planted patterns (seed %i, 20,000 tickets)', (seed) => {
  const tickets = () => table(dataset({ rows: DEFAULT_DEMO_OPTIONS.rows, seed }), 'tickets');
  const calls = () => table(dataset({ rows: DEFAULT_DEMO_OPTIONS.rows, seed }), 'calls');

  it('A: 智能门锁 X2 launch wave of 功能使用障碍 tickets in June–July', () => {
    const perMonth = new Array<number>(13).fill(0);
    let x2InJune = 0;
    for (const t of tickets()) {
      const created = text(t, 'created_at');
      if (t['product'] === '智能门锁 X2') expect(created >= '2024-06-01').toBe(true);
      if (t['category'] !== '功能使用障碍') continue;
      perMonth[Number(created.slice(5, 7))]!++;
      if (created.startsWith('2024-06') && t['product'] === '智能门锁 X2') x2InJune++;
    }
    const before = mean(perMonth.slice(1, 6));
    expect(perMonth[6]! / before).toBeGreaterThan(2);
    expect(perMonth[6]! / before).toBeLessThan(3);
    expect(perMonth[7]! / before).toBeGreaterThan(1.25);
    expect(perMonth[7]!).toBeLessThan(perMonth[6]!);
    expect(mean(perMonth.slice(9, 13)) / before).toBeGreaterThan(0.85);
    expect(mean(perMonth.slice(9, 13)) / before).toBeLessThan(1.35);
    expect(x2InJune / perMonth[6]!).toBeGreaterThan(0.5);
  });

  it('B: 华东二组 first response slows from ~30 min to ~2 h after 2024-08-15', () => {
    const frt = new Map<string, [number[], number[]]>();
    for (const t of tickets()) {
      if (t['first_response_at'] === null) continue;
      const team = text(t, 'team');
      const minutes = (seconds(text(t, 'first_response_at')) - seconds(text(t, 'created_at'))) / 60;
      const entry = frt.get(team) ?? [[], []];
      entry[text(t, 'created_at') < '2024-08-15' ? 0 : 1].push(minutes);
      frt.set(team, entry);
    }
    const [before, after] = frt.get('华东二组')!;
    expect(median(before)).toBeGreaterThan(20);
    expect(median(before)).toBeLessThan(45);
    expect(median(after)).toBeGreaterThan(90);
    expect(median(after)).toBeLessThan(160);
    for (const team of ['华东一组', '华南组', '华北组', '华中组', '西南组']) {
      const [b, a] = frt.get(team)!;
      expect(median(a) / median(b), team).toBeGreaterThan(0.75);
      expect(median(a) / median(b), team).toBeLessThan(1.33);
    }
    const agentsAfter = new Set(
      tickets()
        .filter((t) => t['team'] === '华东二组' && text(t, 'created_at') >= '2024-08-15')
        .map((t) => t['agent']),
    );
    expect(agentsAfter.size).toBe(3);
  });

  it('C: phone transfer rate rises from ~10% to ~30% after the IVR change on 2024-09-10', () => {
    const rate = (rows: Row[], transferred: (r: Row) => boolean) => share(rows, transferred);
    const phone = tickets().filter((t) => t['channel'] === '电话');
    const isTransferred = (t: Row) => num(t, 'transfer_count') >= 1;
    const before = rate(phone.filter((t) => text(t, 'created_at') < '2024-09-10'), isTransferred);
    const after = rate(phone.filter((t) => text(t, 'created_at') >= '2024-09-10'), isTransferred);
    expect(before).toBeGreaterThan(0.07);
    expect(before).toBeLessThan(0.13);
    expect(after).toBeGreaterThan(0.25);
    expect(after).toBeLessThan(0.35);
    const others = tickets().filter((t) => t['channel'] !== '电话');
    const othersBefore = rate(others.filter((t) => text(t, 'created_at') < '2024-09-10'), isTransferred);
    const othersAfter = rate(others.filter((t) => text(t, 'created_at') >= '2024-09-10'), isTransferred);
    expect(Math.abs(othersAfter - othersBefore)).toBeLessThan(0.03);

    const answered = calls().filter((c) => c['abandoned'] === 0);
    const callsBefore = rate(answered.filter((c) => text(c, 'started_at') < '2024-09-10'), (c) => c['transferred'] === 1);
    const callsAfter = rate(answered.filter((c) => text(c, 'started_at') >= '2024-09-10'), (c) => c['transferred'] === 1);
    expect(callsBefore).toBeGreaterThan(0.07);
    expect(callsBefore).toBeLessThan(0.13);
    expect(callsAfter).toBeGreaterThan(0.25);
    expect(callsAfter).toBeLessThan(0.35);
  });

  it('D: 四川 CSAT drops from ~4.2 to ~3.0 from 2024-10-01, driven by 物流配送', () => {
    const csat = (test: (t: Row) => boolean) =>
      mean(tickets().filter((t) => t['csat'] !== null && test(t)).map((t) => num(t, 'csat')));
    const after = (t: Row) => text(t, 'created_at') >= '2024-10-01';
    const sichuan = (t: Row) => t['region'] === '四川';
    const logistics = (t: Row) => t['category'] === '物流配送';

    const before = csat((t) => sichuan(t) && !after(t));
    expect(before).toBeGreaterThan(3.95);
    expect(before).toBeLessThan(4.45);
    const dropped = csat((t) => sichuan(t) && after(t));
    expect(dropped).toBeGreaterThan(2.7);
    expect(dropped).toBeLessThan(3.3);
    const sichuanLogistics = csat((t) => sichuan(t) && logistics(t) && after(t));
    expect(sichuanLogistics).toBeGreaterThan(1.9);
    expect(sichuanLogistics).toBeLessThan(2.6);
    expect(csat((t) => sichuan(t) && logistics(t) && !after(t))).toBeGreaterThan(3.9);
    const sichuanOthers = csat((t) => sichuan(t) && !logistics(t) && after(t)) - csat((t) => sichuan(t) && !logistics(t) && !after(t));
    expect(Math.abs(sichuanOthers)).toBeLessThan(0.4);
    const elsewhere = csat((t) => !sichuan(t) && after(t)) - csat((t) => !sichuan(t) && !after(t));
    expect(Math.abs(elsewhere)).toBeLessThan(0.15);
    expect(csat((t) => !sichuan(t) && logistics(t) && after(t))).toBeGreaterThan(3.9);
  });
});
