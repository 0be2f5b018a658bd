import { tableFromIPC } from 'apache-arrow';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import type { MetricReport, MetricResult } from '../../../../../shared/metrics/metric-report';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

/**
 * Every catalogue metric against a computation written plainly here, row by row, on the demo's
 * tickets: the engine's SQL and this file share nothing but the data.
 */
interface Ticket {
  ticket_id: string;
  customer_id: string;
  channel: string;
  category: string;
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  reopen_count: number;
  transfer_count: number;
  csat: number | null;
  nps: number | null;
  ces: number | null;
}

let engine: Engine;
let cleanup: () => void;
let tickets: Ticket[];
let workbenchFile: string;

beforeAll(async () => {
  const made = tempDir();
  cleanup = made.cleanup;
  const file = path.join(made.dir, 'demo.rootwise');
  workbenchFile = file;
  engine = new Engine({ workerScript: JOB_WORKER });
  await engine.createWorkbench({ path: file, demo: { rows: 6000, seed: 7 } });
  const db = new Database(file, { readonly: true });
  tickets = db.prepare('SELECT * FROM tickets').all() as Ticket[];
  db.close();
}, 60_000);
afterAll(() => {
  engine.close();
  cleanup();
});

const minutes = (from: string, to: string): number => (Date.parse(`${to.replace(' ', 'T')}Z`) - Date.parse(`${from.replace(' ', 'T')}Z`)) / 60_000;
/** Linear interpolation between the two nearest ranks, as SQLite's percentile() defines it. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const share = (rows: Ticket[], yes: (t: Ticket) => boolean, counted: (t: Ticket) => boolean): number => (100 * rows.filter((t) => counted(t) && yes(t)).length) / rows.filter(counted).length;

/** Per ticket: whether the same customer opened another ticket in the 7 days before it (over all tickets). */
function repeatFlags(): Map<string, boolean> {
  const flags = new Map<string, boolean>();
  const byCustomer = new Map<string, Ticket[]>();
  for (const t of tickets) byCustomer.set(t.customer_id, [...(byCustomer.get(t.customer_id) ?? []), t]);
  for (const own of byCustomer.values()) {
    own.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    own.forEach((t, i) => flags.set(t.ticket_id, i > 0 && minutes(own[i - 1]!.created_at, t.created_at) <= 7 * 1440));
  }
  return flags;
}

/** Each metric of the catalogue that the demo's tickets allow, computed plainly. */
function expected(rows: Ticket[]): Record<string, number> {
  const repeats = repeatFlags();
  const frt = rows.filter((t) => t.first_response_at !== null && t.first_response_at >= t.created_at).map((t) => minutes(t.created_at, t.first_response_at!));
  const resolution = rows.filter((t) => t.resolved_at !== null && t.resolved_at >= t.created_at).map((t) => minutes(t.created_at, t.resolved_at!) / 60);
  const csat = rows.flatMap((t) => (t.csat === null ? [] : [t.csat]));
  const nps = rows.flatMap((t) => (t.nps === null ? [] : [t.nps]));
  const ces = rows.flatMap((t) => (t.ces === null ? [] : [t.ces]));
  return {
    ticket_volume: rows.length,
    frt_mean: mean(frt),
    frt_median: percentile(frt, 50),
    frt_p90: percentile(frt, 90),
    resolution_mean: mean(resolution),
    resolution_median: percentile(resolution, 50),
    resolution_p90: percentile(resolution, 90),
    fcr_rate: share(rows, (t) => t.reopen_count === 0 && t.transfer_count === 0, (t) => t.resolved_at !== null),
    reopen_rate: share(rows, (t) => t.reopen_count >= 1, (t) => t.resolved_at !== null || t.reopen_count >= 1),
    transfer_rate: share(rows, (t) => t.transfer_count >= 1, () => true),
    transfer_2plus_share: share(rows, (t) => t.transfer_count >= 2, () => true),
    csat_mean: mean(csat),
    csat_satisfied_share: (100 * csat.filter((v) => v >= 4).length) / csat.length,
    nps: (100 * (nps.filter((v) => v >= 9).length - nps.filter((v) => v <= 6).length)) / nps.length,
    ces_mean: mean(ces),
    complaint_rate: share(rows, (t) => t.category.includes('投诉') || t.category.toLowerCase().includes('complaint'), () => true),
    repeat_contact_rate: share(rows, (t) => repeats.get(t.ticket_id) === true, () => true),
  };
}

const byMetric = (report: MetricReport): Map<string, MetricResult> => new Map(report.results.map((r) => [r.metric, r]));

describe('catalogue metrics on the demo tickets', () => {
  it('equal a plain row-by-row computation, each with its n', async () => {
    const report = await engine.computeMetrics({});
    const results = byMetric(report);
    for (const [metric, value] of Object.entries(expected(tickets))) {
      const result = results.get(metric);
      expect(result, metric).toBeDefined();
      expect(result!.table, metric).toBe('tickets');
      expect(result!.value, metric).toBeCloseTo(value, 6);
    }
    expect(results.get('ticket_volume')!.n).toBe(tickets.length);
    expect(results.get('csat_mean')!.n).toBe(tickets.filter((t) => t.csat !== null).length);
    // the survey table answers the survey metric
    expect(results.get('survey_response_rate')).toMatchObject({ table: 'surveys' });
  });

  it('aggregate ratios as ratios of sums in every group, so the groups add up to the total', async () => {
    const grouped = await engine.computeMetrics({ metrics: ['fcr_rate', 'csat_mean', 'nps', 'repeat_contact_rate'], by: 'channel' });
    const channels = [...new Set(tickets.map((t) => t.channel))].sort();
    expect(grouped.results.filter((r) => r.metric === 'fcr_rate').map((r) => r.group)).toEqual(channels);
    for (const channel of channels) {
      const rows = tickets.filter((t) => t.channel === channel);
      const want = expected(rows);
      for (const metric of ['fcr_rate', 'csat_mean', 'nps', 'repeat_contact_rate']) {
        const got = grouped.results.find((r) => r.metric === metric && r.group === channel)!;
        expect(got.value, `${metric} ${channel}`).toBeCloseTo(want[metric]!, 6);
      }
    }
    // weighting the groups' shares by their n gives back the total share (an average of averages would not)
    const fcr = grouped.results.filter((r) => r.metric === 'fcr_rate');
    const total = (await engine.computeMetrics({ metrics: ['fcr_rate'] })).results[0]!;
    expect(fcr.reduce((sum, r) => sum + r.value! * r.n, 0) / fcr.reduce((sum, r) => sum + r.n, 0)).toBeCloseTo(total.value!, 9);
  });

  it('count a period by its time role, both days included, and group by month', async () => {
    const inPeriod = tickets.filter((t) => t.created_at >= '2024-03-01' && t.created_at < '2024-04-01');
    const report = await engine.computeMetrics({ metrics: ['ticket_volume', 'frt_median', 'repeat_contact_rate'], from: '2024-03-01', to: '2024-03-31' });
    const results = byMetric(report);
    expect(results.get('ticket_volume')!.value).toBe(inPeriod.length);
    expect(results.get('frt_median')!.value).toBeCloseTo(expected(inPeriod).frt_median!, 6);
    // a repeat in March may follow a ticket of late February
    expect(results.get('repeat_contact_rate')!.value).toBeCloseTo(expected(inPeriod).repeat_contact_rate!, 9);
    const monthly = await engine.computeMetrics({ metrics: ['ticket_volume'], by: 'created_at:month' });
    expect(monthly.results).toHaveLength(12);
    expect(monthly.results.find((r) => r.group === '2024-03')!.value).toBe(inPeriod.length);
  });

  it('give intervals around the value, mark low n, and list the suggested roles they relied on', async () => {
    const report = await engine.computeMetrics({ metrics: ['csat_mean', 'fcr_rate', 'nps'], by: 'region' });
    for (const r of report.results) {
      if (r.value === null) continue;
      expect(r.low!).toBeLessThanOrEqual(r.value);
      expect(r.high!).toBeGreaterThanOrEqual(r.value);
      expect(r.lowN).toBe(r.n < 30);
    }
    expect(report.results.some((r) => r.lowN)).toBe(true);
    expect(report.suggestedRolesUsed).toContainEqual({ table: 'tickets', role: 'csat', field: 'csat', confidence: 0.95 });
  });

  it('say which metrics the roles do not allow, and refuse an unknown metric, grain or date in both languages', async () => {
    await engine.setFieldRoles({ table: 'tickets', roles: { csat: null } });
    await engine.setFieldRoles({ table: 'surveys', roles: { csat: null } });
    const report = await engine.computeMetrics({ metrics: ['csat_mean', 'ticket_volume'] });
    expect(report.unavailable).toEqual([{ metric: 'csat_mean', missing: ['csat'] }]);
    await engine.resetFieldRoles({ table: 'tickets' });
    await engine.resetFieldRoles({ table: 'surveys' });
    await expect(engine.computeMetrics({ metrics: ['no_such'] })).rejects.toMatchObject({ key: 'error.metrics.unknown' });
    await expect(engine.computeMetrics({ by: 'created_at:fortnight' })).rejects.toMatchObject({ key: 'error.metrics.badGrain' });
    await expect(engine.computeMetrics({ from: '2024-13-01' })).rejects.toMatchObject({ key: 'error.metrics.badDate' });
  });
});

describe('the backlog', () => {
  it('counts the tickets open at the end of the period, and their mean age, as counted plainly', async () => {
    const end = '2024-06-30';
    const moment = '2024-07-01 00:00:00';
    const open = tickets.filter((t) => t.created_at < moment && (t.resolved_at === null || t.resolved_at >= moment));
    const report = await engine.computeMetrics({ metrics: ['backlog', 'backlog_age'], from: '2024-06-01', to: end });
    const [backlog, age] = report.results;
    expect(backlog).toMatchObject({ metric: 'backlog', value: open.length });
    expect(open.length).toBeGreaterThan(0);
    expect(age!.value).toBeCloseTo(open.reduce((sum, t) => sum + minutes(t.created_at, moment) / 1440, 0) / open.length, 6);
    // without a period: open at the latest time in the data, the last ticket included
    const latest = tickets.map((t) => t.created_at).sort().at(-1)!;
    const stillOpen = tickets.filter((t) => t.resolved_at === null || t.resolved_at > latest);
    expect((await engine.computeMetrics({ metrics: ['backlog'] })).results[0]!.value).toBe(stillOpen.length);
  });
});

describe('churn after a complaint', () => {
  it('counts each complaining customer once and finds the churn date through the customer relationship, as counted plainly', async () => {
    const db = new Database(workbenchFile, { readonly: true });
    const customers = new Map((db.prepare('SELECT customer_id, churned_at FROM customers').raw(true).all() as [string, string | null][]).map(([id, churned]) => [id, churned]));
    db.close();
    const firstComplaint = new Map<string, Ticket>();
    for (const t of [...tickets].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0))) {
      const complained = t.category.includes('投诉') || t.category.toLowerCase().includes('complaint') || (t.csat !== null && t.csat <= 2);
      if (complained && !firstComplaint.has(t.customer_id)) firstComplaint.set(t.customer_id, t);
    }
    const churnedWithin = (t: Ticket): boolean => {
      const churned = customers.get(t.customer_id) ?? null;
      const day = t.created_at.slice(0, 10);
      const limit = new Date(Date.parse(`${day}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
      return churned !== null && churned >= day && churned <= limit;
    };
    const complainers = [...firstComplaint.values()];
    const report = await engine.computeMetrics({ metrics: ['churn_after_complaint'] });
    const [churn] = report.results;
    expect(churn).toMatchObject({ metric: 'churn_after_complaint', table: 'tickets', n: complainers.length, fields: { churned_at: 'customers.churned_at' } });
    expect(churn!.value).toBeCloseTo((100 * complainers.filter(churnedWithin).length) / complainers.length, 9);
    // the demo plants it: complaining customers churn far more than the ~4 % of the others
    expect(churn!.value!).toBeGreaterThan(10);

    const byChannel = await engine.computeMetrics({ metrics: ['churn_after_complaint'], by: 'channel' });
    for (const r of byChannel.results) {
      const group = complainers.filter((t) => t.channel === r.group);
      expect(r.n, String(r.group)).toBe(group.length);
      expect(r.value!).toBeCloseTo((100 * group.filter(churnedWithin).length) / group.length, 9);
    }
    // a chart asks the same by channel through the query engine: each customer once, by their first complaint
    const chart = await engine.query({ spec: { version: 1, table: 'tickets', dimensions: [{ field: 'channel' }], measures: [{ metric: 'churn_after_complaint' }], filters: [], sort: [] } });
    const rows = tableFromIPC(chart.arrow).toArray() as { channel: string; churn_after_complaint: number; churn_after_complaint__n: number }[];
    expect(rows.reduce((sum, r) => sum + r.churn_after_complaint__n, 0)).toBe(complainers.length);
    for (const r of rows) {
      const group = complainers.filter((t) => t.channel === r.channel);
      expect(r.churn_after_complaint__n, r.channel).toBe(group.length);
      expect(r.churn_after_complaint).toBeCloseTo((100 * group.filter(churnedWithin).length) / group.length, 9);
    }
  });
});
