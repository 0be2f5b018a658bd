import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../../shared/api/types';
import { poissonRateTest, twoProportionTest } from '../../../../../shared/explain/change-significance';
import type { BoardProblem } from '../../../../../shared/spec/board-spec';
import { createDispatcher } from '../../../../../electron/engine/api-dispatcher';
import { snapshotSegment } from '../../../../../electron/engine/boards/segment-snapshot';
import { writeDemoDataset } from '../../../../../electron/engine/demo/write-demo';
import { Engine } from '../../../../../electron/engine/engine';
import { explainMetricChange } from '../../../../../electron/engine/explain/explain-metric-change';
import { setFieldRoles } from '../../../../../electron/engine/model/semantic-model';
import { writeTable } from '../../../../../electron/engine/workbench/table-catalog';
import { createWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

const text = (en: string, zh: string): { en: string; 'zh-CN': string } => ({ en, 'zh-CN': zh });

describe('snapshotSegment on a small hand-built table', () => {
  let db: Database.Database;
  let file: string;
  let cleanup: () => void;
  beforeAll(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    file = path.join(made.dir, 'small.rootwise');
    db = createWorkbenchFile(file, 'test').db;
    const rows: CellValue[][] = [];
    let id = 0;
    // day, channel, region, tickets, transferred; 2024-01-01 is a Monday
    const plan: [string, string, string, number, number][] = [
      ['2024-01-02', '电话', '北区', 10, 1],
      ['2024-01-09', '电话', '北区', 10, 1],
      ['2024-01-03', '网页', '北区', 20, 2],
      ['2024-01-16', '电话', '北区', 20, 10],
      ['2024-01-23', '电话', '北区', 20, 10],
      ['2024-01-17', '网页', '北区', 20, 2],
      // outside the problem's scope (region = 北区): would swamp 电话 if the filter were lost
      ['2024-01-20', '电话', '南区', 50, 50],
    ];
    for (const [day, channel, region, n, transferred] of plan) {
      for (let i = 0; i < n; i++) {
        id++;
        const hour = String(8 + (i % 10)).padStart(2, '0');
        rows.push([`T${id}`, `${day} ${hour}:00:00`, `${day} ${hour}:05:00`, channel, region, i < transferred ? 1 : 0]);
      }
    }
    writeTable(db, {
      name: 'tickets',
      label: text('Tickets', '工单'),
      sourceFile: null,
      columns: [
        { name: 'ticket_id', label: text('Ticket ID', '工单编号'), type: 'text' },
        { name: 'created_at', label: text('Created at', '创建时间'), type: 'datetime' },
        { name: 'first_response_at', label: text('First response at', '首次响应时间'), type: 'datetime' },
        { name: 'channel', label: text('Channel', '渠道'), type: 'text' },
        { name: 'region', label: text('Region', '地区'), type: 'text' },
        { name: 'transfer_count', label: text('Transfers', '转派次数'), type: 'integer' },
      ],
      rows,
    });
    setFieldRoles(db, 'tickets', { ticket_id: 'ticket_id', created_at: 'created_at', first_response_at: 'first_response_at', channel: 'channel', region: 'region', transfer_count: 'transfer_count' });
  });
  afterAll(() => {
    db.close();
    cleanup();
  });

  const problem = (metric: string): BoardProblem => ({
    metric,
    table: 'tickets',
    filters: [{ field: 'region', values: ['北区'] }],
    periodA: { from: '2024-01-01', to: '2024-01-14' },
    periodB: { from: '2024-01-15', to: '2024-01-28' },
  });
  const phone = [{ field: 'channel', values: ['电话'] }];

  it('gives the segment’s transfer rate, n, midpoint effect (adding up with the rest’s to the change), share and test', () => {
    const before = Date.now();
    const s = snapshotSegment(db, { problem: problem('transfer_rate'), segment: phone });
    expect(Date.parse(s.takenAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(s.a).toBeCloseTo(10, 9);
    expect(s.b).toBeCloseTo(50, 9);
    expect([s.nA, s.nB]).toEqual([20, 40]);
    // scope: 4/40 → 22/60; 电话: w 1/2 → 2/3, r 0.1 → 0.5; R̄ = (0.1 + 22/60) / 2
    const rBar = (0.1 + 22 / 60) / 2;
    const rate = ((1 / 2 + 2 / 3) / 2) * 0.4;
    const mix = ((0.1 + 0.5) / 2 - rBar) * (2 / 3 - 1 / 2);
    expect(s.effect).toBeCloseTo(100 * (rate + mix), 9);
    // the rest (网页): rate 0, mix (0.1 − R̄)(1/3 − 1/2); both together are the whole change
    const rest = 100 * (0.1 - rBar) * (1 / 3 - 1 / 2);
    const delta = 100 * (22 / 60 - 0.1);
    expect(s.effect! + rest).toBeCloseTo(delta, 9);
    expect(s.share).toBeCloseTo((100 * (rate + mix)) / delta, 9);
    expect(s.pValue).toBeCloseTo(twoProportionTest(2, 20, 20, 40)!.pValue, 12);
    expect(s.pValue!).toBeLessThan(0.01);
  });

  it('buckets the sparkline by week over both periods, and by day or month when asked', () => {
    const weekly = snapshotSegment(db, { problem: problem('transfer_rate'), segment: phone });
    expect(weekly.series).toEqual([
      { bucket: '2024-01-01', value: 10, n: 10 },
      { bucket: '2024-01-08', value: 10, n: 10 },
      { bucket: '2024-01-15', value: 50, n: 20 },
      { bucket: '2024-01-22', value: 50, n: 20 },
    ]);
    const monthly = snapshotSegment(db, { problem: problem('transfer_rate'), segment: phone, grain: 'month' });
    // 1 + 1 + 10 + 10 of 60
    expect(monthly.series.map((b) => [b.bucket, b.n])).toEqual([['2024-01-01', 60]]);
    expect(monthly.series[0]!.value).toBeCloseTo((100 * 22) / 60, 9);
    const daily = snapshotSegment(db, { problem: problem('transfer_rate'), segment: phone, grain: 'day' });
    expect(daily.series).toHaveLength(28);
    expect(daily.series[0]).toEqual({ bucket: '2024-01-01', value: null, n: 0 });
    expect(daily.series[1]).toEqual({ bucket: '2024-01-02', value: 10, n: 10 });
  });

  it('takes months when both periods span more than 26 weeks, cutting the first and last to the span', () => {
    const s = snapshotSegment(db, {
      problem: { ...problem('ticket_volume'), periodA: { from: '2023-12-15', to: '2024-01-14' }, periodB: { from: '2024-06-01', to: '2024-07-10' } },
      segment: phone,
    });
    expect(s.series.map((b) => b.bucket)).toEqual(['2023-12-15', '2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01']);
    expect(s.series.map((b) => b.value)).toEqual([0, 60, 0, 0, 0, 0, 0, 0]);
  });

  it('splits a count additively: the segment’s effect is its own change, tested as counts over the periods’ days', () => {
    const s = snapshotSegment(db, { problem: problem('ticket_volume'), segment: phone });
    expect([s.a, s.b, s.nA, s.nB]).toEqual([20, 40, 20, 40]);
    expect(s.effect).toBe(20);
    // scope 40 → 60: 电话 +20, 网页 0
    expect(s.share).toBe(1);
    expect(s.pValue).toBeCloseTo(poissonRateTest(20, 14, 40, 14)!.pValue, 12);
  });

  it('takes the whole scope for an empty segment: all of the change is its own', () => {
    const s = snapshotSegment(db, { problem: problem('transfer_rate'), segment: [] });
    expect(s.a).toBeCloseTo(10, 9);
    expect(s.b).toBeCloseTo((100 * 22) / 60, 9);
    expect(s.effect).toBeCloseTo(100 * (22 / 60 - 0.1), 9);
    expect(s.share).toBeCloseTo(1, 12);
  });

  it('gives no value, effect 0 and no test for a segment without rows', () => {
    const s = snapshotSegment(db, { problem: problem('transfer_rate'), segment: [{ field: 'channel', values: ['邮件'] }] });
    expect([s.a, s.b, s.nA, s.nB, s.pValue]).toEqual([null, null, 0, 0, null]);
    expect(s.effect).toBe(0);
    expect(s.series.every((b) => b.value === null && b.n === 0)).toBe(true);
  });

  it('refuses a percentile, an unknown field and a period that ends before it starts', () => {
    expect(() => snapshotSegment(db, { problem: { ...problem('transfer_rate'), metric: 'frt_median' }, segment: [] })).toThrow(expect.objectContaining({ key: 'error.explain.quantile' }));
    expect(() => snapshotSegment(db, { problem: problem('transfer_rate'), segment: [{ field: 'nope', values: ['x'] }] })).toThrow(expect.objectContaining({ key: 'error.field.notFound' }));
    expect(() => snapshotSegment(db, { problem: { ...problem('transfer_rate'), periodB: { from: '2024-01-28', to: '2024-01-15' } }, segment: [] })).toThrow(
      expect.objectContaining({ key: 'error.explain.badPeriod' }),
    );
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_temp_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });

  it('answers through the dispatcher, whose schema refuses a malformed request', async () => {
    const engine = new Engine({ workerScript: JOB_WORKER });
    try {
      await engine.openWorkbench({ path: file });
      const dispatch = createDispatcher(engine);
      const ok = await dispatch('snapshotSegment', { problem: problem('transfer_rate'), segment: phone, grain: 'week' });
      expect(ok).toMatchObject({ ok: true, value: { nA: 20, nB: 40 } });
      const bad = await dispatch('snapshotSegment', { problem: problem('transfer_rate'), segment: phone, grain: 'year' });
      expect(bad).toMatchObject({ ok: false, error: { key: 'error.invalidRequest' } });
      const badPeriod = await dispatch('snapshotSegment', { problem: { ...problem('transfer_rate'), periodA: { from: '2024-1-1', to: '2024-01-14' } }, segment: [] });
      expect(badPeriod).toMatchObject({ ok: false, error: { key: 'error.invalidRequest' } });
    } finally {
      engine.close();
    }
  });
});

describe('snapshotSegment on the demo data (seed 42, 20,000 tickets)', () => {
  let db: Database.Database;
  let cleanup: () => void;
  beforeAll(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    db = createWorkbenchFile(path.join(made.dir, 'demo.rootwise'), 'test').db;
    writeDemoDataset(db, { rows: 20_000, seed: 42 }, () => undefined, () => undefined);
  }, 120_000);
  afterAll(() => {
    db.close();
    cleanup();
  });

  const csatProblem: BoardProblem = { metric: 'csat_mean', table: 'tickets', filters: [], periodA: { from: '2024-09-01', to: '2024-09-30' }, periodB: { from: '2024-10-01', to: '2024-10-31' } };

  it('finding D: 四川’s CSAT falls significantly and carries the scope’s drop, with the explainer’s own effect', () => {
    const s = snapshotSegment(db, { problem: csatProblem, segment: [{ field: 'region', values: ['四川'] }] });
    const explained = explainMetricChange(db, { table: 'tickets', metric: 'csat_mean', periodA: csatProblem.periodA, periodB: csatProblem.periodB, dimensions: ['region'], pairs: false });
    const item = explained.dimensions[0]!.items.find((i) => i.values[0] === '四川')!;
    expect(s.effect).toBeCloseTo(item.effect, 9);
    expect(s.share).toBeCloseTo(item.share!, 9);
    expect(s.pValue).toBeCloseTo(item.significance!.pValue, 12);
    expect(s.a!).toBeGreaterThan(3.9);
    expect(s.b!).toBeLessThan(3.3);
    expect(s.pValue!).toBeLessThan(0.001);
    expect(s.share!).toBeGreaterThan(0.5);
    // weekly sparkline over September and October; the weeks' n add up to both periods' n
    expect(s.series[0]!.bucket).toBe('2024-09-01');
    expect(s.series[1]!.bucket).toBe('2024-09-02');
    expect(s.series.at(-1)!.bucket).toBe('2024-10-28');
    expect(s.series.reduce((sum, b) => sum + b.n, 0)).toBe(s.nA + s.nB);
  });

  it('finds no significant change in a region without a planted change', () => {
    const s = snapshotSegment(db, { problem: csatProblem, segment: [{ field: 'region', values: ['广东'] }] });
    expect(s.pValue!).toBeGreaterThan(0.05);
    expect(Math.abs(s.share!)).toBeLessThan(0.3);
  });

  it('reads a stock metric (backlog) at each period’s end', () => {
    const s = snapshotSegment(db, { problem: { ...csatProblem, metric: 'backlog' }, segment: [{ field: 'channel', values: ['邮件'] }] });
    const open = (end: string): number =>
      (
        db
          .prepare("SELECT count(*) AS n FROM tickets WHERE channel = '邮件' AND created_at < ? AND (resolved_at IS NULL OR resolved_at >= ?)")
          .get(`${end} 00:00:00`, `${end} 00:00:00`) as { n: number }
      ).n;
    expect(s.a).toBe(open('2024-10-01'));
    expect(s.b).toBe(open('2024-11-01'));
    expect(s.series.at(-1)!.value).toBe(open('2024-11-01'));
  });
});
