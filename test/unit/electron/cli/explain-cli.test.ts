import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplainMetricResult } from '../../../../shared/spec/explain-spec';
import { tempDir } from '../../../support/paths';
import { cli } from '../../../support/run-cli';

// the demo data's finding D (docs/demo-data.md): from October 2024 CSAT falls in 四川, because of 物流配送
describe('rootwise explain', () => {
  let cleanup: () => void;
  let workbench: string;
  beforeAll(async () => {
    const made = tempDir();
    cleanup = made.cleanup;
    workbench = path.join(made.dir, 'demo.rootwise');
    expect((await cli(['demo', '--out', workbench, '--rows', '20000', '--seed', '42'])).code).toBe(0);
  });
  afterAll(() => cleanup());

  it('prints the change and the segments that explain it, ranked, with effect, share and n', async () => {
    const text = await cli(['explain', '--workbench', workbench, '--metric', 'csat_mean', '--period', '2024-10', '--vs', '2024-09']);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/^.+ on tickets: \d\.\d\d \(2024-09-01\.\.2024-09-30, n \d+\) → \d\.\d\d \(2024-10-01\.\.2024-10-31, n \d+\), change -0\.\d\d \(p [<\d. ]+\)$/);
    const ranked = lines.slice(lines.indexOf('Where it moved (ranked):') + 2).filter((l) => /^ {2}\d+ /.test(l));
    const sichuan = ranked.findIndex((l) => l.includes('= 四川'));
    expect(sichuan).toBeGreaterThanOrEqual(0);
    expect(sichuan).toBeLessThan(3);
    expect(ranked[sichuan]).toMatch(/= 四川 +-\d\.\d\d +\d+% +\d+ → \d+/);
  });

  it('gives the whole explanation as JSON, in the requested scope, and in Chinese', async () => {
    const json = await cli(['explain', '--workbench', workbench, '--metric', 'csat_mean', '--period', '2024-10-01..2024-10-31', '--vs', '2024-09', '--format', 'json']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as ExplainMetricResult;
    expect(result.periodA).toEqual({ from: '2024-09-01', to: '2024-09-30' });
    expect(result.adtributor[0]).toMatchObject({ dimension: 'region', elements: [{ value: '四川' }] });
    // the pair that carries it: 四川's logistics tickets
    expect(result.combinations.some((c) => c.items.length === 2 && c.items.some((i) => i.value === '四川') && c.items.some((i) => i.value === '物流配送'))).toBe(true);
    // within 四川 alone the drop is more than a point
    const scoped = JSON.parse((await cli(['explain', '--workbench', workbench, '--metric', 'csat_mean', '--period', '2024-10', '--vs', '2024-09', '--filter', 'region=四川', '--format', 'json'])).stdout) as ExplainMetricResult;
    expect(scoped.total.delta).toBeLessThan(-1);
    expect(scoped.total.nA).toBeLessThan(result.total.nA / 10);
    const zh = await cli(['explain', '--workbench', workbench, '--metric', 'csat_mean', '--period', '2024-10', '--vs', '2024-09'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.stdout).toContain('变化出在哪里（按解释力排序）：');
  });

  it('says what is wrong with a period or a metric, and exits non-zero', async () => {
    const period = await cli(['explain', '--workbench', workbench, '--metric', 'csat_mean', '--period', 'October', '--vs', '2024-09']);
    expect(period.code).not.toBe(0);
    expect(period.stderr).toContain('--period October: write a period as 2024-10 or 2024-10-01..2024-10-31');
    const metric = await cli(['explain', '--workbench', workbench, '--metric', 'no_such_metric', '--period', '2024-10', '--vs', '2024-09']);
    expect(metric.code).not.toBe(0);
    expect(metric.stderr).toMatch(/no_such_metric/);
  });
});
