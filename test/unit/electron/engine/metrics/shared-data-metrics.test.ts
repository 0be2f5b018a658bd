import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MetricResult } from '../../../../../shared/metrics/metric-report';
import { useEngineWorkbench } from '../../../../support/engine-workbench';
import { HAS_SHARED_DATA, sharedData } from '../../../../support/paths';

const bench = useEngineWorkbench();

const hours = (from: string, to: string): number => (Date.parse(`${to.replace(' ', 'T')}Z`) - Date.parse(`${from.replace(' ', 'T')}Z`)) / 3_600_000;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

async function importAndCompute(file: string, table: string): Promise<{ results: Map<string, MetricResult>; rows: Record<string, unknown>[] }> {
  const { engine, workbenchPath } = bench;
  await engine.importFile({ source: { kind: 'path', path: file }, table });
  const report = await engine.computeMetrics({ table });
  const db = new Database(workbenchPath, { readonly: true });
  const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
  db.close();
  return { results: new Map(report.results.map((r) => [r.metric, r])), rows };
}

describe.skipIf(!HAS_SHARED_DATA)('metrics on real exports (../shared/data/tickets)', () => {
  it('NYC 311: resolution time from creation to closing, and due-date attainment, as counted row by row', async () => {
    const { results, rows } = await importAndCompute(sharedData('tickets', 'nyc311_2011-03_subset_2000rows.csv'), 'nyc311');
    const closed = rows.filter((r) => typeof r['closed_date'] === 'string' && (r['closed_date']) >= (r['created_date'] as string));
    const durations = closed.map((r) => hours(r['created_date'] as string, r['closed_date'] as string));
    expect(results.get('resolution_median')).toMatchObject({ table: 'nyc311', fields: { created_at: 'created_date', closed_at: 'closed_date' }, n: durations.length });
    expect(results.get('resolution_median')!.value).toBeCloseTo(percentile(durations, 50), 6);
    expect(results.get('resolution_p90')!.value).toBeCloseTo(percentile(durations, 90), 6);
    expect(results.get('resolution_mean')!.value).toBeCloseTo(durations.reduce((a, b) => a + b, 0) / durations.length, 6);

    const due = rows.filter((r) => typeof r['closed_date'] === 'string' && typeof r['due_date'] === 'string');
    const onTime = due.filter((r) => (r['closed_date'] as string) <= (r['due_date'] as string));
    const sla = results.get('sla_attainment')!;
    expect(sla).toMatchObject({ fields: { closed_at: 'closed_date', sla_due_at: 'due_date' }, n: due.length });
    expect(sla.value).toBeCloseTo((100 * onTime.length) / due.length, 9);
    expect(results.get('sla_breach_count')!.value).toBe(due.length - onTime.length);
    // the sample is big enough: 1,958 closed of 2,000
    expect(due.length).toBeGreaterThan(1900);
    expect(results.get('ticket_volume')!.value).toBe(2000);
  });

  it('CFPB: the timely-response rate is the share of complaints the company answered in time', async () => {
    const { results, rows } = await importAndCompute(sharedData('tickets', 'cfpb_complaints_2023-04_excel_resaved_3999rows.csv'), 'cfpb');
    const flagged = rows.filter((r) => r['timely_response'] !== null);
    const timely = flagged.filter((r) => r['timely_response'] === 1);
    expect(flagged).toHaveLength(3999);
    expect(timely).toHaveLength(3992);
    const sla = results.get('sla_attainment')!;
    expect(sla).toMatchObject({ table: 'cfpb', fields: { sla_met: 'timely_response' }, n: 3999 });
    expect(sla.value).toBeCloseTo((100 * 3992) / 3999, 9);
    expect(results.get('sla_breach_count')!.value).toBe(7);
  });
});
