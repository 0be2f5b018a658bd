import { describe, expect, it } from 'vitest';
import { WEBGL_POINTS, buildKindFigure, type ChartTheme } from '../../../../../shared/chart/chart-figure';
import { markAt } from '../../../../../renderer/features/chart/mark-selection';
import { sheetQuery, type ChartPlan } from '../../../../../shared/chart/sheet-query';
import { transposeFigure } from '../../../../../shared/chart/transpose-figure';
import { performSheetAction } from '../../../../../renderer/actions/sheet-actions';
import { EMPTY_SHEET, type FieldRef, type SheetState } from '../../../../../shared/chart/sheet-state';
import { channel, createdAt, records, region } from '../../fields';

const theme: ChartTheme = { text: '#1f2328', textMuted: '#59636e', grid: '#eaeef2', axis: '#8c959f', panel: '#ffffff', border: '#d1d9e0', font: 'Inter' };

function plan(...fields: readonly [FieldRef, 'x' | 'color'][]): ChartPlan {
  let sheet: SheetState = EMPTY_SHEET;
  for (const [field, shelf] of [...fields, [records, 'y'] as const]) {
    const result = performSheetAction(sheet, 'addFieldToShelf', { field, shelf: shelf });
    if ('refusal' in result) throw new Error(result.refusal.key);
    sheet = result.sheet;
  }
  const planned = sheetQuery(sheet);
  if (planned.kind !== 'chart') throw new Error('a chart');
  return planned.plan;
}

const click = (point: { x?: unknown; y?: unknown; label?: unknown; traceName?: string }) => ({ x: point.x, y: point.y, label: point.label, traceName: point.traceName, at: { x: 0, y: 0 } });

describe('the row behind a clicked mark', () => {
  const rows = [
    { region: '华东', channel: '电话', count: 5 },
    { region: '华东', channel: '邮件', count: 2 },
    { region: '华北', channel: '电话', count: 7 },
  ];

  it('finds a bar by its axis value and its series by the trace name', () => {
    const p = plan([region, 'x'], [channel, 'color']);
    const mark = markAt({ plan: p, rows, locale: 'en', transposed: false }, click({ x: '华东', y: 2, traceName: '邮件' }));
    expect(mark?.values.map((v) => [v.dimension.pill.field, v.value])).toEqual([
      ['region', '华东'],
      ['channel', '邮件'],
    ]);
    // swapped axes: the category is along y
    expect(markAt({ plan: p, rows, locale: 'en', transposed: true }, click({ y: '华北', x: 7, traceName: '电话' }))?.values[0]?.value).toBe('华北');
    // a click on something that is no row's mark (a limit line) finds nothing
    expect(markAt({ plan: p, rows, locale: 'en', transposed: false }, click({ x: 'nowhere', traceName: '电话' }))).toBeUndefined();
  });

  it('finds a pie slice by its label, and a month bucket from the date plotly reports', () => {
    const pie = plan([region, 'x']);
    expect(markAt({ plan: pie, rows: rows.slice(2), locale: 'zh-CN', transposed: false }, click({ label: '华北' }))?.values[0]?.value).toBe('华北');
    const months = plan([createdAt, 'x']);
    const byMonth = [{ created_at_month: '2024-09', count: 3 }, { created_at_month: '2024-10', count: 4 }];
    expect(markAt({ plan: months, rows: byMonth, locale: 'en', transposed: false }, click({ x: '2024-10-01', y: 4 }))?.values[0]?.value).toBe('2024-10');
    expect(markAt({ plan: months, rows: byMonth, locale: 'en', transposed: false }, click({ x: '2024-1', y: 4 }))).toBeUndefined();
  });
});

describe('swapped axes', () => {
  it('turns bars horizontal, swaps the axes and the hover fields, and lists the categories top-down', () => {
    const p = plan([region, 'x']);
    const figure = buildKindFigure({ plan: p, rows: [{ region: '华东', count: 5 }, { region: '华北', count: 7 }], kind: 'bar', locale: 'en', theme });
    const swapped = transposeFigure(figure);
    const trace = swapped.data[0] as Record<string, unknown>;
    const original = figure.data[0] as Record<string, unknown>;
    expect(trace.orientation).toBe('h');
    expect(trace.y).toEqual(original.x);
    expect(trace.x).toEqual(original.y);
    expect(swapped.layout.yaxis).toMatchObject({ autorange: 'reversed' });
    expect((swapped.layout.xaxis as { title?: unknown }).title).toEqual((figure.layout.yaxis as { title?: unknown }).title);
    if (typeof original.hovertemplate === 'string' && original.hovertemplate.includes('%{x}')) expect(String(trace.hovertemplate)).toContain('%{y}');
  });
});

describe('large scatters', () => {
  it('draw with WebGL beyond a few thousand points, as SVG below', () => {
    let sheet: SheetState = EMPTY_SHEET;
    const measure = { ...records };
    for (const [field, shelf] of [[region, 'x'], [measure, 'y']] as const) {
      const result = performSheetAction(sheet, 'addFieldToShelf', { field, shelf });
      if ('refusal' in result) throw new Error(result.refusal.key);
      sheet = result.sheet;
    }
    const csatAvg = { ...region, field: 'csat', kind: 'measure' as const, type: 'integer' as const, defaultAggregate: 'avg' as const };
    const withSecond = performSheetAction(sheet, 'addFieldToShelf', { field: csatAvg, shelf: 'y' });
    if ('refusal' in withSecond) throw new Error(withSecond.refusal.key);
    const planned = sheetQuery(withSecond.sheet, undefined, 'scatter');
    if (planned.kind !== 'chart') throw new Error('a chart');
    expect(planned.plan.spec.limit).toBe(100_000);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ region: `r${i}`, count: i, avg_csat: i % 5 }));
    expect(buildKindFigure({ plan: planned.plan, rows: rows(WEBGL_POINTS + 1), kind: 'scatter', locale: 'en', theme }).data[0]).toMatchObject({ type: 'scattergl' });
    expect(buildKindFigure({ plan: planned.plan, rows: rows(50), kind: 'scatter', locale: 'en', theme }).data[0]).toMatchObject({ type: 'scatter' });
  });
});
