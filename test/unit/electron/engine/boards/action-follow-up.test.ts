import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../../shared/api/types';
import { twoProportionTest } from '../../../../../shared/explain/change-significance';
import { shiftDate } from '../../../../../shared/query/compile-query';
import { createDispatcher } from '../../../../../electron/engine/api-dispatcher';
import { controlLimits, followUpAction, followUpVerdict } from '../../../../../electron/engine/boards/action-follow-up';
import { writeDemoDataset } from '../../../../../electron/engine/demo/write-demo';
import { Engine } from '../../../../../electron/engine/engine';
import { setFieldRoles } from '../../../../../electron/engine/model/semantic-model';
import { writeTable } from '../../../../../electron/engine/workbench/table-catalog';
import { createWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

const text = (en: string, zh: string): { en: string; 'zh-CN': string } => ({ en, 'zh-CN': zh });

/**
 * 2024-03-01 to 2024-04-20 (the data's last day), every day: 10 北区 tickets, of which 1 or 3
 * (alternating) are transferred until 03-31 and 5 or 6 from 04-01; and one 南区 ticket, never
 * transferred.
 */
function dailyRows(): CellValue[][] {
  const rows: CellValue[][] = [];
  let id = 0;
  for (let d = 0; d <= 50; d++) {
    const day = shiftDate('2024-03-01', d);
    const transferred = day < '2024-04-01' ? (d % 2 === 0 ? 1 : 3) : d % 2 === 0 ? 5 : 6;
    for (let i = 0; i < 10; i++) rows.push([`T${++id}`, `${day} ${String(8 + i).padStart(2, '0')}:30:00`, '北区', i < transferred ? 1 : 0]);
    rows.push([`T${++id}`, `${day} 20:00:00`, '南区', 0]);
  }
  return rows;
}

describe('followUpAction on a small hand-built table', () => {
  let db: Database.Database;
  let file: string;
  let cleanup: () => void;
  beforeAll(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    file = path.join(made.dir, 'small.rootwise');
    db = createWorkbenchFile(file, 'test').db;
    writeTable(db, {
      name: 'tickets',
      label: text('Tickets', '工单'),
      sourceFile: null,
      columns: [
        { name: 'ticket_id', label: text('Ticket ID', '工单编号'), type: 'text' },
        { name: 'created_at', label: text('Created at', '创建时间'), type: 'datetime' },
        { name: 'region', label: text('Region', '地区'), type: 'text' },
        { name: 'transfer_count', label: text('Transfers', '转派次数'), type: 'integer' },
      ],
      rows: dailyRows(),
    });
    setFieldRoles(db, 'tickets', { ticket_id: 'ticket_id', created_at: 'created_at', region: 'region', transfer_count: 'transfer_count' });
  });
  afterAll(() => {
    db.close();
    cleanup();
  });

  const north = [{ field: 'region', values: ['北区'] }];

  it('compares 14 days before and after by day, with the known values, test, control limits and verdict', () => {
    const f = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: north, effectiveFrom: '2024-04-01', days: 14 });
    expect(f.metric).toEqual({ id: 'transfer_rate', direction: 'lower-is-better' });
    // 03-18 … 03-31: 7 days of 1 and 7 of 3 transferred of 10; 04-01 … 04-14: 7 of 5 and 7 of 6
    expect(f.before).toMatchObject({ from: '2024-03-18', to: '2024-03-31', n: 140 });
    expect(f.before.value).toBeCloseTo(20, 9);
    expect(f.after).toMatchObject({ from: '2024-04-01', to: '2024-04-14', n: 140 });
    expect(f.after.value).toBeCloseTo(55, 9);
    expect(f.delta).toBeCloseTo(35, 9);
    expect(f.pValue).toBeCloseTo(twoProportionTest(28, 140, 77, 140)!.pValue, 12);
    expect(f.significant).toBe(true);
    expect(f.verdict).toBe('worsened');
    expect(f.series).toHaveLength(28);
    expect(f.series[0]).toEqual({ bucket: '2024-03-18', value: 30, n: 10, phase: 'before' });
    expect(f.series[13]).toEqual({ bucket: '2024-03-31', value: 10, n: 10, phase: 'before' });
    expect(f.series[14]).toEqual({ bucket: '2024-04-01', value: 60, n: 10, phase: 'after' });
    // the before days are 10 and 30 % seven times each: mean 20, σ = √(14 × 10² / 13)
    const sigma = Math.sqrt(1400 / 13);
    expect(f.control!.mean).toBeCloseTo(20, 9);
    expect(f.control!.upper).toBeCloseTo(20 + 3 * sigma, 9);
    expect(f.control!.lower).toBeCloseTo(20 - 3 * sigma, 9);
    // 60 % lies above the upper limit (51.1 %), 50 % below it
    expect(f.outside).toBe(7);
  });

  it('calls the same fall improved when lower is better, and a change of a neutral metric no-change', () => {
    expect(followUpVerdict({ hasData: true, afterDays: 28, beforeN: 100, afterN: 100, delta: -5, significant: true, direction: 'lower-is-better' })).toBe('improved');
    expect(followUpVerdict({ hasData: true, afterDays: 28, beforeN: 100, afterN: 100, delta: -5, significant: true, direction: 'higher-is-better' })).toBe('worsened');
    expect(followUpVerdict({ hasData: true, afterDays: 28, beforeN: 100, afterN: 100, delta: -5, significant: true, direction: 'neutral' })).toBe('no-change');
    expect(followUpVerdict({ hasData: true, afterDays: 28, beforeN: 100, afterN: 100, delta: -5, significant: false, direction: 'lower-is-better' })).toBe('no-change');
  });

  it('cuts "after" at the data’s last day and buckets from the day the action took effect', () => {
    const f = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: north, effectiveFrom: '2024-04-10', days: 14 });
    expect(f.before).toMatchObject({ from: '2024-03-27', to: '2024-04-09', n: 140 });
    expect(f.after).toMatchObject({ from: '2024-04-10', to: '2024-04-20', n: 110 });
    expect(f.series.filter((s) => s.phase === 'after').map((s) => s.bucket)).toEqual(Array.from({ length: 11 }, (_, i) => shiftDate('2024-04-10', i)));
  });

  it('takes weeks from 28 days on, counted from the effective day, and tests a count per day of each side', () => {
    const f = followUpAction(db, { table: 'tickets', metric: 'ticket_volume', filters: [], effectiveFrom: '2024-04-01' });
    expect(f.metric.direction).toBe('neutral');
    expect(f.before).toEqual({ from: '2024-03-04', to: '2024-03-31', value: 28 * 11, n: 28 * 11 });
    expect(f.after).toEqual({ from: '2024-04-01', to: '2024-04-20', value: 20 * 11, n: 20 * 11 });
    // 11 a day on both sides: no change once the 20 days of "after" are weighed against 28
    expect(f.pValue).toBeCloseTo(1, 9);
    expect(f.verdict).toBe('no-change');
    expect(f.series.map((s) => [s.bucket, s.value, s.phase])).toEqual([
      ['2024-03-04', 77, 'before'],
      ['2024-03-11', 77, 'before'],
      ['2024-03-18', 77, 'before'],
      ['2024-03-25', 77, 'before'],
      ['2024-04-01', 77, 'after'],
      ['2024-04-08', 77, 'after'],
      ['2024-04-15', 66, 'after'],
    ]);
    expect(f.control).toEqual({ mean: 77, upper: 77, lower: 77 });
    // a count's bucket cut short by the data's end falls below the limits
    expect(f.outside).toBe(1);
  });

  it('is too early with fewer than 7 days of "after" or n < 30, and without data on a side says so', () => {
    const short = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: north, effectiveFrom: '2024-04-16', days: 14 });
    expect(short.after).toMatchObject({ from: '2024-04-16', to: '2024-04-20', n: 50 });
    expect(short.verdict).toBe('too-early');
    const future = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: north, effectiveFrom: '2024-05-01', days: 14 });
    expect(future.after).toEqual({ from: '2024-05-01', to: '2024-04-30', value: null, n: 0 });
    expect([future.pValue, future.significant, future.verdict]).toEqual([null, false, 'too-early']);
    expect(future.series.every((s) => s.phase === 'before')).toBe(true);
    // 南区: one ticket a day, so 14 after 14 days
    const few = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: [{ field: 'region', values: ['南区'] }], effectiveFrom: '2024-04-01', days: 14 });
    expect([few.before.n, few.after.n, few.verdict]).toEqual([14, 14, 'too-early']);
    const nowhere = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: [{ field: 'region', values: ['西区'] }], effectiveFrom: '2024-04-01', days: 14 });
    expect([nowhere.before.value, nowhere.after.value, nowhere.control, nowhere.verdict]).toEqual([null, null, null, 'no-data']);
    writeTable(db, {
      name: 'no_tickets',
      label: text('No tickets', '无工单'),
      sourceFile: null,
      columns: [
        { name: 'created_at', label: text('Created at', '创建时间'), type: 'datetime' },
        { name: 'transfer_count', label: text('Transfers', '转派次数'), type: 'integer' },
      ],
      rows: [],
    });
    setFieldRoles(db, 'no_tickets', { created_at: 'created_at', transfer_count: 'transfer_count' });
    const empty = followUpAction(db, { table: 'no_tickets', metric: 'transfer_rate', filters: [], effectiveFrom: '2024-04-01', days: 14 });
    expect([empty.before.n, empty.after.n, empty.after.to, empty.verdict]).toEqual([0, 0, '2024-03-31', 'no-data']);
    const beforeData = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: north, effectiveFrom: '2024-03-01', days: 14 });
    expect([beforeData.before.n, beforeData.after.n, beforeData.verdict]).toEqual([0, 140, 'no-data']);
  });

  it('gives no control limits from fewer than two "before" buckets with data', () => {
    expect(controlLimits([5])).toBeNull();
    expect(controlLimits([2, 4])).toEqual({ mean: 3, upper: 3 + 3 * Math.SQRT2, lower: 3 - 3 * Math.SQRT2 });
    // 03-01 is the data's first day: of the week buckets before 03-08 only 03-01 … 03-07 holds rows
    const f = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: north, effectiveFrom: '2024-03-08', days: 28, grain: 'week' });
    expect(f.series.filter((s) => s.phase === 'before' && s.n > 0)).toHaveLength(1);
    expect([f.control, f.outside]).toEqual([null, 0]);
  });

  it('refuses a day not in the calendar, an unknown metric and a bad number of days, also through the dispatcher', async () => {
    expect(() => followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: [], effectiveFrom: '2024-02-30' })).toThrow(expect.objectContaining({ key: 'error.metrics.badDate' }));
    expect(() => followUpAction(db, { table: 'tickets', metric: 'nope', filters: [], effectiveFrom: '2024-04-01' })).toThrow(expect.objectContaining({ key: 'error.metrics.unknown' }));
    expect(() => followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: [], effectiveFrom: '2024-04-01', days: 0 })).toThrow(expect.objectContaining({ key: 'error.followUp.badDays' }));
    const engine = new Engine({ workerScript: JOB_WORKER });
    try {
      await engine.openWorkbench({ path: file });
      const dispatch = createDispatcher(engine);
      const ok = await dispatch('followUpAction', { table: 'tickets', metric: 'transfer_rate', filters: north, effectiveFrom: '2024-04-01', days: 14 });
      expect(ok).toMatchObject({ ok: true, value: { verdict: 'worsened', before: { n: 140 } } });
      for (const bad of [{ days: 1.5 }, { days: 400 }, { grain: 'month' }, { effectiveFrom: '1 April' }]) {
        const answer = await dispatch('followUpAction', { table: 'tickets', metric: 'transfer_rate', filters: north, effectiveFrom: '2024-04-01', ...bad });
        expect(answer, JSON.stringify(bad)).toMatchObject({ ok: false, error: { key: 'error.invalidRequest' } });
      }
    } finally {
      engine.close();
    }
  });
});

describe('followUpAction on the demo data (seed 42, 20,000 tickets)', () => {
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

  const phone = [{ field: 'channel', values: ['电话'] }];

  it('finding C: phone transfers rise from the IVR change on 2024-09-10, beyond the control limits: worsened', () => {
    const f = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: phone, effectiveFrom: '2024-09-10' });
    expect(f.before.value!).toBeGreaterThan(6);
    expect(f.before.value!).toBeLessThan(14);
    expect(f.after.value!).toBeGreaterThan(24);
    expect(f.pValue!).toBeLessThan(1e-6);
    expect(f.verdict).toBe('worsened');
    expect(f.series.map((s) => s.phase)).toEqual(['before', 'before', 'before', 'before', 'after', 'after', 'after', 'after']);
    expect(f.outside).toBe(4);
  });

  it('finding D: 四川’s CSAT falls from 2024-10-01: worsened', () => {
    const f = followUpAction(db, { table: 'tickets', metric: 'csat_mean', filters: [{ field: 'region', values: ['四川'] }], effectiveFrom: '2024-10-01', days: 56 });
    expect(f.metric.direction).toBe('higher-is-better');
    expect(f.delta!).toBeLessThan(-0.5);
    expect(f.verdict).toBe('worsened');
  });

  it('finds no change on a day nothing happened, and calls a significant change of a neutral metric no-change', () => {
    const quiet = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: phone, effectiveFrom: '2024-05-06' });
    expect(quiet.significant).toBe(false);
    expect(quiet.verdict).toBe('no-change');
    // finding A: 功能使用障碍 tickets more than double after 智能门锁 X2's launch; volume is neutral
    const launch = followUpAction(db, { table: 'tickets', metric: 'ticket_volume', filters: [{ field: 'category', values: ['功能使用障碍'] }], effectiveFrom: '2024-06-01' });
    expect(launch.after.value!).toBeGreaterThan(1.8 * launch.before.value!);
    expect(launch.significant).toBe(true);
    expect(launch.verdict).toBe('no-change');
  });

  it('cuts "after" at the data’s last day (2024-12-31): 10 days are enough to judge', () => {
    const f = followUpAction(db, { table: 'tickets', metric: 'transfer_rate', filters: phone, effectiveFrom: '2024-12-22' });
    expect(f.after).toMatchObject({ from: '2024-12-22', to: '2024-12-31' });
    expect(f.series.filter((s) => s.phase === 'after').map((s) => s.bucket)).toEqual(['2024-12-22', '2024-12-29']);
    expect(f.verdict).toBe('no-change');
  });
});
