import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../../shared/api/types';
import { writeDemoDataset } from '../../../../../electron/engine/demo/write-demo';
import { explainMetricChange } from '../../../../../electron/engine/explain/explain-metric-change';
import type { ExplainMetricResult } from '../../../../../shared/spec/explain-spec';
import { setFieldRoles } from '../../../../../electron/engine/model/semantic-model';
import { writeTable } from '../../../../../electron/engine/workbench/table-catalog';
import { createWorkbenchFile } from '../../../../../electron/engine/workbench/workbench-file';
import { tempDir } from '../../../../support/paths';

const text = (en: string, zh: string): { en: string; 'zh-CN': string } => ({ en, 'zh-CN': zh });

/** The Adtributor ranking as one line: dimension (surprise): value share, … */
function describeRanking(result: ExplainMetricResult): string {
  return result.adtributor
    .map((d, i) => `${i + 1}. ${d.dimension} (${d.surprise.toFixed(4)}): ${d.elements.map((e) => `${e.value} ${(100 * e.share).toFixed(0)}%`).join(', ')}`)
    .join(' | ');
}

/** Every dimension's effects add up to the total change. */
function expectPartsAddUp(result: ExplainMetricResult): void {
  const delta = result.total.delta!;
  for (const d of result.dimensions) {
    expect(d.rate + d.mix).toBeCloseTo(delta, 9);
    expect(d.items.reduce((s, i) => s + i.effect, 0)).toBeCloseTo(delta, 9);
  }
}

describe('explainMetricChange on a small hand-built table', () => {
  let db: Database.Database;
  let cleanup: () => void;
  beforeAll(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    db = createWorkbenchFile(path.join(made.dir, 'small.rootwise'), 'test').db;
    const rows: CellValue[][] = [];
    let id = 0;
    // month, channel, tickets, transferred
    const plan: [string, string, number, number][] = [
      ['2024-01', '电话', 10, 1],
      ['2024-01', '网页', 10, 1],
      ['2024-02', '电话', 20, 10],
      ['2024-02', '网页', 10, 1],
      ['2024-03', '电话', 50, 50],
    ];
    for (const [month, channel, n, transferred] of plan) {
      for (let i = 0; i < n; i++) {
        id++;
        const day = String(1 + (i % 28)).padStart(2, '0');
        rows.push([`T${id}`, `${month}-${day} 10:00:00`, `${month}-${day} 10:${String(5 + i).padStart(2, '0')}:00`, channel, id % 2 === 0 ? '北区' : '南区', i < transferred ? 1 : 0]);
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

  const periods = { periodA: { from: '2024-01-01', to: '2024-01-31' }, periodB: { from: '2024-02-01', to: '2024-02-29' } };

  it('splits a ratio metric (transfer rate) into the known mix and rate effects, in percentage points', () => {
    const result = explainMetricChange(db, { table: 'tickets', metric: 'transfer_rate', ...periods });
    expect(result.status).toBe('ok');
    expect(result.metric).toMatchObject({ id: 'transfer_rate', unit: 'percent', direction: 'lower-is-better' });
    expect(result.total.a).toBeCloseTo(10, 9);
    expect(result.total.b).toBeCloseTo((100 * 11) / 30, 9);
    expect(result.dimensionLabels.map((d) => d.field)).toEqual(['channel', 'region']);
    expect(result.dimensionLabels[0]!.label).toEqual(text('Channel', '渠道'));
    const channel = result.dimensions.find((d) => d.dimension === 'channel')!;
    const phone = channel.items.find((i) => i.values[0] === '电话')!;
    const web = channel.items.find((i) => i.values[0] === '网页')!;
    // w̄ Δr = 7/12 × 0.4; mix = (0.3 − R̄) × 1/6 with R̄ = (0.1 + 11/30) / 2
    const rBar = (0.1 + 11 / 30) / 2;
    expect(phone.rate).toBeCloseTo(100 * (7 / 12) * 0.4, 9);
    expect(phone.mix).toBeCloseTo(100 * (0.3 - rBar) * (1 / 6), 9);
    expect(web.rate).toBeCloseTo(0, 9);
    expect(web.mix).toBeCloseTo(100 * (0.1 - rBar) * (-1 / 6), 9);
    expect(phone.a).toBeCloseTo(10, 9);
    expect(phone.b).toBeCloseTo(50, 9);
    expectPartsAddUp(result);
    expect(result.adtributor.find((d) => d.dimension === 'channel')?.elements.map((e) => e.value)).toEqual(['电话']);
    expect(result.pairs).toEqual([['channel', 'region']]);
    expect(result.combinations.map((c) => c.items.map((i) => `${i.dimension}=${i.value}`).join(' & '))).toContain('channel=电话');
  });

  it('splits a count metric (ticket volume) additively, and keeps only the filtered rows', () => {
    const result = explainMetricChange(db, { table: 'tickets', metric: 'ticket_volume', ...periods, dimensions: ['channel'] });
    expect(result.total).toMatchObject({ a: 20, b: 30, delta: 10 });
    const channel = result.dimensions[0]!;
    expect(channel.items.map((i) => [i.values[0], i.effect, i.mix])).toEqual([
      ['电话', 10, 0],
      ['网页', 0, 0],
    ]);
    expectPartsAddUp(result);
    const north = explainMetricChange(db, { table: 'tickets', metric: 'ticket_volume', ...periods, dimensions: ['channel'], filters: [{ field: 'region', values: ['北区'] }] });
    expect(north.total).toMatchObject({ a: 10, b: 15, delta: 5 });
    expect(north.pairs).toEqual([]);
  });

  it('leaves no temporary table behind, and runs on a read-only connection', () => {
    explainMetricChange(db, { table: 'tickets', metric: 'transfer_rate', ...periods });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_temp_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    const readOnly = new Database(db.name, { readonly: true });
    try {
      expect(explainMetricChange(readOnly, { table: 'tickets', metric: 'ticket_volume', ...periods }).total.delta).toBe(10);
    } finally {
      readOnly.close();
    }
  });

  it('refuses a percentile metric, an unknown field and a period that ends before it starts', () => {
    expect(() => explainMetricChange(db, { table: 'tickets', metric: 'frt_median', ...periods })).toThrow(expect.objectContaining({ key: 'error.explain.quantile' }));
    expect(() => explainMetricChange(db, { table: 'tickets', metric: 'ticket_volume', ...periods, dimensions: ['nope'] })).toThrow(expect.objectContaining({ key: 'error.field.notFound' }));
    expect(() => explainMetricChange(db, { table: 'tickets', metric: 'ticket_volume', ...periods, periodB: { from: '2024-02-10', to: '2024-02-01' } })).toThrow(
      expect.objectContaining({ key: 'error.explain.badPeriod' }),
    );
  });
});

describe('explainMetricChange on the demo data (seed 42, 20,000 tickets)', () => {
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

  it('finds finding D: CSAT falls in 四川 because of 物流配送 (October vs September 2024)', () => {
    const result = explainMetricChange(db, { table: 'tickets', metric: 'csat_mean', periodA: { from: '2024-09-01', to: '2024-09-30' }, periodB: { from: '2024-10-01', to: '2024-10-31' } });
    expect(result.status).toBe('ok');
    expect(result.total.delta!).toBeLessThan(0);
    expectPartsAddUp(result);
    const dims = result.dimensionLabels.map((d) => d.field);
    expect(dims).toEqual(expect.arrayContaining(['channel', 'category', 'region']));
    expect(dims).not.toContain('ticket_id');
    expect(dims).not.toContain('comment');
    const regionRank = result.adtributor.findIndex((d) => d.dimension === 'region');
    console.info(`[explain] finding D: adtributor ${describeRanking(result)}`);
    console.info(`[explain] finding D: combinations ${result.combinations.map((c) => c.items.map((i) => `${i.dimension}=${i.value}`).join(' & ')).join(' | ')}`);
    // the issue asks for the planted cause in the top 3 of its metric's ranking
    expect(regionRank).toBeGreaterThanOrEqual(0);
    expect(regionRank).toBeLessThan(3);
    expect(result.adtributor[regionRank]!.elements.map((e) => e.value)).toContain('四川');
    const region = result.dimensions.find((d) => d.dimension === 'region')!;
    expect(region.items[0]!.values).toEqual(['四川']);
    expect(result.pairs.map((p) => [...p].sort())).toContainEqual(['category', 'region']);
    const pair = result.combinations.findIndex(
      (c) => c.items.length === 2 && c.items.some((i) => i.dimension === 'region' && i.value === '四川') && c.items.some((i) => i.dimension === 'category' && i.value === '物流配送'),
    );
    console.info(`[explain] finding D: 四川 × 物流配送 is combination ${pair + 1} of ${result.combinations.length}`);
    expect(pair).toBeGreaterThanOrEqual(0);
  });

  it('finds finding C: transfers rise on 电话 (September vs August 2024)', () => {
    const result = explainMetricChange(db, { table: 'tickets', metric: 'transfer_rate', periodA: { from: '2024-08-01', to: '2024-08-31' }, periodB: { from: '2024-09-01', to: '2024-09-30' } });
    expect(result.status).toBe('ok');
    expect(result.total.delta!).toBeGreaterThan(0);
    expectPartsAddUp(result);
    const channelRank = result.adtributor.findIndex((d) => d.dimension === 'channel');
    console.info(`[explain] finding C: adtributor ${describeRanking(result)}`);
    expect(channelRank).toBeGreaterThanOrEqual(0);
    expect(channelRank).toBeLessThan(3);
    expect(result.adtributor[channelRank]!.elements.map((e) => e.value)).toEqual(['电话']);
    expect(result.adtributor[channelRank]!.share).toBeGreaterThan(0.9);
    const channel = result.dimensions.find((d) => d.dimension === 'channel')!;
    expect(channel.items[0]!.values).toEqual(['电话']);
  });

  it('explains NPS as a mean of +100 / 0 / −100 per score', () => {
    const result = explainMetricChange(db, { table: 'tickets', metric: 'nps', periodA: { from: '2024-09-01', to: '2024-09-30' }, periodB: { from: '2024-10-01', to: '2024-10-31' }, dimensions: ['region'] });
    const nps = db
      .prepare(
        "SELECT 100.0 * (SUM(nps >= 9) - SUM(nps <= 6)) / COUNT(nps) AS v FROM tickets WHERE created_at >= '2024-10-01' AND created_at < '2024-11-01'",
      )
      .get() as { v: number };
    expect(result.total.b).toBeCloseTo(nps.v, 9);
    expect(result.total.a!).toBeGreaterThan(-100);
    expect(result.total.a!).toBeLessThan(100);
    expect(result.total.significance?.test).toBe('welch-t');
    expectPartsAddUp(result);
  });
});
