import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../../electron/engine/engine';
import { EMPTY_CHART_SPEC, type ChartSpec } from '../../../../../shared/spec/chart-spec';
import { useEngineWorkbench } from '../../../../support/engine-workbench';
import { JOB_WORKER } from '../../../../support/paths';

const bench = useEngineWorkbench();

const byRegion: ChartSpec = {
  ...EMPTY_CHART_SPEC,
  table: 'tickets',
  kind: 'bar',
  shelves: { ...EMPTY_CHART_SPEC.shelves, columns: [{ field: 'region' }], rows: [{ metric: 'csat_mean', version: 1 }, { aggregate: 'count' }], filters: [{ field: 'channel', filter: { op: 'in', values: ['电话'] } }] },
};

describe('saved charts', () => {
  it('are kept in the workbench in the order of their tabs, changed in place, and come back when the file is opened again', async () => {
    const { engine, workbenchPath } = bench;
    expect(await engine.listCharts({})).toEqual([]);
    const first = await engine.saveChart({ name: 'CSAT by region', spec: byRegion });
    const second = await engine.saveChart({ name: '工单趋势', spec: { ...EMPTY_CHART_SPEC, table: 'tickets', shelves: { ...EMPTY_CHART_SPEC.shelves, columns: [{ field: 'created_at', timeUnit: 'month' }] } } });
    expect(first.id).not.toBe(second.id);
    expect((await engine.listCharts({})).map((c) => c.name)).toEqual(['CSAT by region', '工单趋势']);

    const renamed = await engine.saveChart({ id: first.id, name: 'CSAT 按区域', spec: { ...byRegion, kind: 'pie' } });
    expect(renamed).toMatchObject({ id: first.id, name: 'CSAT 按区域', createdAt: first.createdAt, spec: { kind: 'pie' } });
    expect((await engine.orderCharts({ ids: [second.id, first.id] })).map((c) => c.id)).toEqual([second.id, first.id]);
    await expect(engine.orderCharts({ ids: [first.id] })).rejects.toMatchObject({ key: 'error.chart.order' });

    // another engine (the app after a restart, or after a crash) reads the same charts
    engine.close();
    const reopened = new Engine({ workerScript: JOB_WORKER });
    try {
      await reopened.openWorkbench({ path: workbenchPath });
      const list = await reopened.listCharts({});
      expect(list.map((c) => [c.name, c.kind, c.table])).toEqual([
        ['工单趋势', 'auto', 'tickets'],
        ['CSAT 按区域', 'pie', 'tickets'],
      ]);
      expect((await reopened.getChart({ id: first.id })).spec).toEqual({ ...byRegion, kind: 'pie' });
      expect(await reopened.deleteChart({ id: second.id })).toEqual({ removed: true });
      await expect(reopened.getChart({ id: second.id })).rejects.toMatchObject({ key: 'error.chart.notFound' });
      await expect(reopened.saveChart({ id: 999, name: 'x', spec: byRegion })).rejects.toMatchObject({ key: 'error.chart.notFound' });
    } finally {
      reopened.close();
    }
  });
});
