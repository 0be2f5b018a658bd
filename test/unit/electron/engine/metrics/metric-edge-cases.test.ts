import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { MetricResult } from '../../../../../shared/metrics/metric-report';
import { useEngineWorkbench } from '../../../../support/engine-workbench';

const bench = useEngineWorkbench();

/**
 * Four tickets around the 2024 National Day holiday (1–7 October off; Sunday 29 September and
 * Saturday 12 October worked instead), whose every metric is worked out by hand below. Working
 * hours: 09:00–12:00 and 13:00–18:00.
 */
const CSV = [
  'ticket_id,customer_id,channel,priority,created_at,first_response_at,resolved_at,reopen_count,transfer_count,csat,nps',
  // before the holiday, answered after it: 60 working minutes on 30 Sep + 30 on 8 Oct
  'E1,C1,电话,P1,2024-09-30 17:00:00,2024-10-08 09:30:00,2024-10-08 12:00:00,0,0,5,10',
  // on the make-up Sunday, still open, no survey
  'E2,C2,微信,P3,2024-09-29 10:00:00,2024-09-29 11:00:00,,0,0,,',
  // answered before it was created (a data error), on the make-up Saturday, reopened once
  'E3,C1,电话,P2,2024-10-12 08:00:00,2024-10-12 07:50:00,2024-10-12 16:00:00,1,0,2,3',
  // created and answered during the holiday, transferred twice
  'E4,C3,邮件,P3,2024-10-05 10:00:00,2024-10-05 12:00:00,2024-10-09 10:00:00,0,2,4,7',
].join('\n');

const EXPECTED: Readonly<Record<string, { value: number | null; n: number }>> = {
  ticket_volume: { value: 4, n: 4 },
  // calendar minutes 11070 (E1), 60 (E2), 120 (E4); E3 is left out
  frt_mean: { value: 11250 / 3, n: 3 },
  frt_median: { value: 120, n: 3 },
  frt_p90: { value: 120 + (11070 - 120) * 0.8, n: 3 },
  // working minutes 90, 60, 0
  frt_bh_mean: { value: 50, n: 3 },
  frt_bh_median: { value: 60, n: 3 },
  frt_bh_p90: { value: 60 + 30 * 0.8, n: 3 },
  // calendar hours 187 (E1), 8 (E3), 96 (E4); E2 is open
  resolution_mean: { value: 97, n: 3 },
  resolution_median: { value: 96, n: 3 },
  // working hours 4, 6 (the make-up Saturday works), 9 (8 Oct all day and one hour of 9 Oct)
  resolution_bh_mean: { value: 19 / 3, n: 3 },
  resolution_bh_median: { value: 6, n: 3 },
  fcr_rate: { value: 100 / 3, n: 3 },
  reopen_rate: { value: 100 / 3, n: 3 },
  transfer_rate: { value: 25, n: 4 },
  transfer_2plus_share: { value: 25, n: 4 },
  csat_mean: { value: 11 / 3, n: 3 },
  csat_satisfied_share: { value: 200 / 3, n: 3 },
  nps: { value: 0, n: 3 },
};

describe('metrics on tickets worked out by hand', () => {
  it('count business hours across a holiday and its make-up working days, leave out a response before creation, and keep open tickets and missing scores out of what they cannot count', async () => {
    const { engine } = bench;
    await engine.importFile({ source: { kind: 'bytes', name: 'edge.csv', bytes: new TextEncoder().encode(CSV) }, table: 'tickets' });
    const report = await engine.computeMetrics({});
    const results = new Map<string, MetricResult>(report.results.map((r) => [r.metric, r]));
    for (const [metric, want] of Object.entries(EXPECTED)) {
      const got = results.get(metric);
      expect(got, metric).toBeDefined();
      expect(got!.value, metric).toBeCloseTo(want.value!, 9);
      expect(got!.n, metric).toBe(want.n);
      expect(got!.lowN, metric).toBe(metric !== 'ticket_volume');
    }
    expect(report.unavailable.map((u) => u.metric)).toEqual(expect.arrayContaining(['sla_attainment', 'complaint_rate', 'survey_response_rate']));
  });

  it('count business hours in the calendar the workbench saves, 24×7 included', async () => {
    const { engine } = bench;
    await engine.importFile({ source: { kind: 'bytes', name: 'edge.csv', bytes: new TextEncoder().encode(CSV) }, table: 'tickets' });
    const calendar = await engine.getCalendar({});
    expect(calendar.id).toBe('cn-mainland');
    await engine.setCalendar({ calendar: { ...calendar, id: 'always-open', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]), holidays: [], workdays: [] } });
    const report = await engine.computeMetrics({ metrics: ['frt_bh_mean', 'frt_mean'] });
    const [bh, calendarTime] = report.results;
    expect(bh!.value).toBeCloseTo(calendarTime!.value!, 9);
    expect((await engine.getCalendar({})).id).toBe('always-open');
    await expect(engine.setCalendar({ calendar: { ...calendar, timeZone: 'Mars/Olympus' } })).rejects.toMatchObject({ key: 'error.calendar.badTimeZone' });
  });
});

/**
 * Status events of the same tickets: each wait for the customer runs from a pending_customer event
 * to the ticket's next event, clipped to the ticket's life, and stops the service clock.
 */
const EVENTS = [
  'event_id,ticket_id,at,event',
  'V1,E1,2024-09-30 17:00:00,created',
  // 8 Oct 10:00–11:00: 60 working minutes
  'V2,E1,2024-10-08 10:00:00,pending_customer',
  'V3,E1,2024-10-08 11:00:00,customer_replied',
  'V4,E1,2024-10-08 12:00:00,resolved',
  // after the resolution: outside the ticket's life, so it does not count
  'V5,E1,2024-10-08 13:00:00,pending_customer',
  'V6,E1,2024-10-08 15:00:00,closed',
  // still waiting (no next event) on an open ticket: it has no end to count to
  'V7,E2,2024-09-29 11:00:00,pending_customer',
  // the make-up Saturday 11:30–14:00: 30 + 60 working minutes around lunch
  'V8,E3,2024-10-12 11:30:00,pending_customer',
  'V9,E3,2024-10-12 14:00:00,customer_replied',
  // recorded before the ticket was created: counts from its creation (5 Oct, holiday) to 8 Oct 10:00, 60 working minutes
  'V10,E4,2024-10-04 09:00:00,pending_customer',
  'V11,E4,2024-10-08 10:00:00,customer_replied',
].join('\n');

describe('waits for the customer', () => {
  it('stop the service clock of business-hour resolution and SLA metrics, by a suggested rule, a confirmed one, or none when turned off', async () => {
    const { engine } = bench;
    const load = async (name: string, text: string, table: string): Promise<void> => {
      await engine.importFile({ source: { kind: 'bytes', name, bytes: new TextEncoder().encode(text) }, table });
    };
    await load('edge.csv', CSV, 'tickets');
    await load('events.csv', EVENTS, 'ticket_events');
    await engine.setSlaPolicy({ policy: { businessHours: true, targets: [{ priority: 'P1', resolutionMinutes: 240 }, { priority: 'P2', resolutionMinutes: 480 }, { priority: 'P3', resolutionMinutes: 500 }] } });
    const suggested = await engine.getPauseRule({});
    expect(suggested).toMatchObject({ source: 'suggested', rule: { table: 'ticket_events', keyField: 'ticket_id', timeField: 'at', statusField: 'event', statuses: ['pending_customer'] } });
    expect(suggested.statusValues).toEqual(expect.arrayContaining(['pending_customer', 'customer_replied', 'created', 'resolved', 'closed']));

    const metrics = ['resolution_bh_mean', 'resolution_bh_median', 'resolution_mean', 'sla_attainment', 'sla_breach_count'];
    const values = async (): Promise<Record<string, number | null>> => Object.fromEntries((await engine.computeMetrics({ metrics })).results.map((r) => [r.metric, r.value]));
    // net working hours: E1 4 − 1, E3 6 − 1.5, E4 9 − 1; calendar time is not paused
    const net = await engine.computeMetrics({ metrics });
    expect(net.pauses).toMatchObject({ source: 'suggested', rule: { table: 'ticket_events' } });
    expect(net.results.find((r) => r.metric === 'resolution_bh_mean')).toMatchObject({ paused: true, n: 3 });
    let got = await values();
    expect(got['resolution_bh_mean']).toBeCloseTo(15.5 / 3, 9);
    expect(got['resolution_bh_median']).toBeCloseTo(4.5, 9);
    expect(got['resolution_mean']).toBeCloseTo(97, 9);
    // E4 needs 480 net working minutes against its 500: all three met
    expect(got['sla_attainment']).toBeCloseTo(100, 9);
    expect(got['sla_breach_count']).toBe(0);
    // a chart asks the same through the query engine
    const spec = { version: 1 as const, table: 'tickets', dimensions: [], filters: [], sort: [], measures: [{ metric: 'resolution_bh_mean' }, { metric: 'sla_attainment' }] };
    const row = tableFromIPC((await engine.query({ spec })).arrow).toArray()[0] as Record<string, number>;
    expect(row['resolution_bh_mean']).toBeCloseTo(15.5 / 3, 9);
    expect(row['sla_attainment']).toBeCloseTo(100, 9);

    expect((await engine.setPauseRule({ rule: 'off' })).source).toBe('off');
    got = await values();
    expect(got['resolution_bh_mean']).toBeCloseTo(19 / 3, 9);
    expect(got['sla_attainment']).toBeCloseTo(200 / 3, 9);
    expect((await engine.computeMetrics({ metrics })).pauses).toBeNull();

    // a person's own rule: waits start when the customer replied instead
    const confirmed = await engine.setPauseRule({ rule: { table: 'ticket_events', keyField: 'ticket_id', timeField: 'at', statusField: 'event', statuses: ['customer_replied'] } });
    expect(confirmed.source).toBe('confirmed');
    got = await values();
    // no event after a reply: the wait lasts until the ticket's end. E1 11:00–12:00 (60), E3
    // 14:00–16:00 (120), E4 from 8 Oct 10:00 to its resolution on 9 Oct 10:00 (480 working minutes)
    expect(got['resolution_bh_mean']).toBeCloseTo((4 - 1 + (6 - 2) + (9 - 8)) / 3, 9);
    await expect(engine.setPauseRule({ rule: { table: 'nope', keyField: 'ticket_id', timeField: 'at', statusField: 'event', statuses: ['x'] } })).rejects.toMatchObject({ key: 'error.table.notFound' });
    await expect(engine.setPauseRule({ rule: { table: 'ticket_events', keyField: 'ticket_id', timeField: 'event', statusField: 'event', statuses: ['x'] } })).rejects.toMatchObject({ key: 'error.model.roleType' });
    await expect(engine.setPauseRule({ rule: { table: 'ticket_events', keyField: 'ticket_id', timeField: 'at', statusField: 'event', statuses: [] } })).rejects.toMatchObject({ key: 'error.model.pauseStatuses' });
    expect((await engine.setPauseRule({ rule: 'suggested' })).source).toBe('suggested');
    expect((await values())['resolution_bh_mean']).toBeCloseTo(15.5 / 3, 9);
  });
});

describe('SLA targets and metrics of the user’s own', () => {
  it('count SLA attainment against targets per priority, in business minutes, leaving out open tickets and responses before creation', async () => {
    const { engine } = bench;
    await engine.importFile({ source: { kind: 'bytes', name: 'edge.csv', bytes: new TextEncoder().encode(CSV) }, table: 'tickets' });
    const before = await engine.computeMetrics({ metrics: ['frt_sla_attainment'] });
    expect(before.unavailable).toEqual([{ metric: 'frt_sla_attainment', missing: [] }]);
    await engine.setSlaPolicy({
      policy: {
        businessHours: true,
        targets: [
          // E1: resolved in 240 working minutes (met), first response in 90 (missed)
          { priority: 'P1', resolutionMinutes: 240, firstResponseMinutes: 60 },
          // E3: resolved in 360 (met); its response came before its creation
          { priority: 'P2', resolutionMinutes: 480, firstResponseMinutes: 60 },
          // E4: resolved in 540 (missed), answered in 0 (met); E2 answered in 60 (met), still open
          { priority: 'P3', resolutionMinutes: 500, firstResponseMinutes: 120 },
        ],
      },
    });
    expect((await engine.getSlaPolicy({}))?.targets).toHaveLength(3);
    const report = await engine.computeMetrics({ metrics: ['sla_attainment', 'sla_breach_count', 'frt_sla_attainment'] });
    const got = new Map(report.results.map((r) => [r.metric, r]));
    expect(got.get('sla_attainment')).toMatchObject({ n: 3, fields: { resolved_at: 'resolved_at', priority: 'priority' } });
    expect(got.get('sla_attainment')!.value).toBeCloseTo(200 / 3, 9);
    expect(got.get('sla_breach_count')!.value).toBe(1);
    expect(got.get('frt_sla_attainment')!.n).toBe(3);
    expect(got.get('frt_sla_attainment')!.value).toBeCloseTo(200 / 3, 9);
  });

  it('save a metric of the user’s own as versions: the latest by default, an older one when a chart asks for it', async () => {
    const { engine } = bench;
    await engine.importFile({ source: { kind: 'bytes', name: 'edge.csv', bytes: new TextEncoder().encode(CSV) }, table: 'tickets' });
    const definition = {
      id: 'phone_share',
      name: { en: 'Phone share', 'zh-CN': '电话占比' },
      description: { en: 'Share of tickets by phone.', 'zh-CN': '电话渠道工单的比例。' },
      unit: 'percent' as const,
      direction: 'neutral' as const,
      minSample: 1,
      variants: [{ requires: ['channel' as const], timeRole: 'created_at' as const, formula: { kind: 'ratio' as const, numerator: "IF(channel = '电话', 1, 0)", denominator: '1' } }],
    };
    expect(await engine.saveMetric({ definition })).toMatchObject({ version: 1, builtIn: false });
    const second = await engine.saveMetric({
      definition: { ...definition, variants: [{ ...definition.variants[0]!, formula: { kind: 'ratio', numerator: "IF(channel = '电话' OR channel = '微信', 1, 0)", denominator: '1' } }] },
    });
    expect(second.version).toBe(2);
    expect((await engine.listMetrics({})).filter((m) => m.id === 'phone_share').map((m) => m.version)).toEqual([2]);
    const spec = { version: 1 as const, table: 'tickets', dimensions: [], filters: [], sort: [] };
    const latest = await engine.query({ spec: { ...spec, measures: [{ metric: 'phone_share' }] } });
    const first = await engine.query({ spec: { ...spec, measures: [{ metric: 'phone_share', version: 1 }] } });
    expect(latest.columns[0]!.metric?.version).toBe(2);
    expect(first.columns[0]!.metric?.version).toBe(1);
    const value = (r: typeof latest): number => Number(tableFromIPC(r.arrow).getChild('phone_share')!.get(0));
    expect(value(latest)).toBe(75);
    expect(value(first)).toBe(50);

    await expect(engine.saveMetric({ definition: { ...definition, id: 'nps' } })).rejects.toMatchObject({ key: 'error.metrics.builtIn' });
    await expect(engine.saveMetric({ definition: { ...definition, variants: [{ ...definition.variants[0]!, formula: { kind: 'ratio', numerator: 'channel', denominator: '1' } }] } })).rejects.toMatchObject({
      key: 'error.metrics.formulaType',
      message: 'In the formula “channel”, the result must be a number, not text.',
    });
    await expect(engine.saveMetric({ definition: { ...definition, variants: [{ ...definition.variants[0]!, formula: { kind: 'ratio', numerator: 'IF(csat > 3, 1, 0)', denominator: '1' } }] } })).rejects.toMatchObject({
      key: 'error.expression.unknownField',
    });
  });
});

describe('churn after complaint from customers’ activity', () => {
  it('counts a complaining customer as churned when no order follows within 90 days, and leaves out those the data does not reach that far past', async () => {
    const { engine } = bench;
    const load = async (name: string, text: string, table: string): Promise<void> => {
      await engine.importFile({ source: { kind: 'bytes', name, bytes: new TextEncoder().encode(text) }, table });
    };
    await load(
      'tickets.csv',
      [
        'ticket_id,customer_id,created_at,category',
        // C1 complains on 1 March (and again later: only the first counts)
        'T1,C1,2024-03-01 10:00:00,投诉',
        'T2,C1,2024-03-20 10:00:00,投诉',
        // C2 asks first, complains on 1 April
        'T3,C2,2024-03-05 09:00:00,咨询',
        'T4,C2,2024-04-01 09:00:00,投诉',
        'T5,C3,2024-05-10 09:00:00,Complaint',
        // 90 days after 1 September is past the last order in the data: not known yet
        'T6,C4,2024-09-01 09:00:00,投诉',
      ].join('\n'),
      'tickets',
    );
    await load(
      'orders.csv',
      [
        'order_id,customer_id,order_date',
        'O1,C1,2024-02-01 12:00:00',
        // within 90 days of C1's complaint: C1 stayed
        'O2,C1,2024-04-15 12:00:00',
        // after C2's 90 days: C2 left
        'O3,C2,2024-08-15 12:00:00',
        // the same morning, before C3's complaint: C3 left
        'O4,C3,2024-05-10 08:00:00',
        'O5,C9,2024-10-20 12:00:00',
      ].join('\n'),
      'orders',
    );
    const report = await engine.computeMetrics({ metrics: ['churn_after_complaint'] });
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ n: 3, table: 'tickets', fields: { activity_at: 'orders.order_date', category: 'category' } });
    expect(report.results[0]!.value).toBeCloseTo(200 / 3, 9);

    // by month of the first complaint, through the query engine
    const spec = { version: 1 as const, table: 'tickets', dimensions: [{ field: 'created_at', timeUnit: 'month' as const }], measures: [{ metric: 'churn_after_complaint' }], filters: [], sort: [] };
    const rows = tableFromIPC((await engine.query({ spec })).arrow).toArray() as { created_at_month: string; churn_after_complaint: number | null; churn_after_complaint__n: number }[];
    expect(rows.map((r) => [r.created_at_month, r.churn_after_complaint, r.churn_after_complaint__n])).toEqual([
      ['2024-03', 0, 1],
      ['2024-04', 100, 1],
      ['2024-05', 100, 1],
      ['2024-09', null, 0],
    ]);
  });
});
