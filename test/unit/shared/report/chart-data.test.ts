import { describe, expect, it } from 'vitest';
import type { ResultColumn } from '../../../../shared/api/types';
import { buildKindFigure, type ChartTheme } from '../../../../shared/chart/chart-figure';
import type { ChartPlan, PlacedPill } from '../../../../shared/chart/sheet-query';
import type { FieldRef, Pill } from '../../../../shared/chart/sheet-state';
import type { ChartKind } from '../../../../shared/chart/show-me';
import type { ResultRow } from '../../../../shared/query/result-rows';
import { bucketText, chartDataTable, nativeChart, unitNumberFormat } from '../../../../shared/report/chart-data';
import { QUERY_SPEC_VERSION } from '../../../../shared/spec/query-spec';
import { channel, createdAt, csat, records, region } from '../../renderer/fields';

const theme: ChartTheme = { text: '#111', textMuted: '#555', grid: '#eee', axis: '#999', panel: '#fff', border: '#ddd', font: 'sans-serif' };

function placed(field: FieldRef, id: string, extra: Partial<Pill> = {}): PlacedPill {
  return { pill: { ...field, id, ...extra }, id };
}

const byRegion = placed(region, 'region');
const byChannel = placed(channel, 'channel');
const byMonth = placed(createdAt, 'created_at__month', { timeUnit: 'month' });
const count = placed(records, 'count', { aggregate: 'count' });
const avgCsat = placed(csat, 'avg_csat', { aggregate: 'avg' });

function plan(axis: PlacedPill, series: readonly PlacedPill[], measures: readonly PlacedPill[]): ChartPlan {
  return { spec: { version: QUERY_SPEC_VERSION, table: 'tickets', dimensions: [], measures: [], filters: [], sort: [] }, axis, series, measures, size: undefined, labels: [], tooltips: [], extras: {} };
}

const columns: ResultColumn[] = [
  { name: 'region', label: region.label, role: 'dimension', type: 'text' },
  { name: 'channel', label: channel.label, role: 'dimension', type: 'text' },
  { name: 'created_at__month', label: createdAt.label, role: 'dimension', type: 'text' },
  { name: 'count', label: records.label, role: 'measure', type: 'integer' },
  { name: 'avg_csat', label: csat.label, role: 'measure', type: 'real', metric: { id: 'csat_mean', version: 1, unit: 'score', direction: 'higher-is-better', minSample: 30 } },
];

function native(kind: ChartKind, p: ChartPlan, rows: readonly ResultRow[], horizontal = false) {
  const figure = buildKindFigure({ plan: p, rows, kind, locale: 'en', theme });
  return nativeChart({ kind, figure, plan: p, rows, locale: 'en', units: p.measures.map(() => undefined), horizontal });
}

describe('a chart as an office chart draws it', () => {
  const rows: ResultRow[] = [
    { region: '四川', channel: 'Phone', count: 10 },
    { region: '四川', channel: 'Chat', count: 4 },
    { region: '广东', channel: 'Phone', count: 7 },
  ];

  it('gives bars one series per value of the series field, every category in each, gaps as null', () => {
    const chart = native('bar_stacked', plan(byRegion, [byChannel], [count]), rows);
    expect(chart).toMatchObject({ type: 'bar', grouping: 'stacked', categoryAxisTitle: 'Region', valueAxisTitle: 'Number of records', numberFormat: '#,##0.##' });
    expect(chart!.categories).toEqual(['四川', '广东']);
    expect(chart!.series).toEqual([
      { name: 'Chat', values: [4, null] },
      { name: 'Phone', values: [10, 7] },
    ]);
  });

  it('marks bars across the page when the axes are swapped, and draws months as months', () => {
    const months: ResultRow[] = [
      { created_at__month: '2024-10', count: 3 },
      { created_at__month: '2024-11', count: 5 },
    ];
    expect(native('bar', plan(byMonth, [], [count]), months, true)).toMatchObject({ type: 'bar', horizontal: true, categories: ['Oct 2024', 'Nov 2024'] });
    expect(native('line', plan(byMonth, [], [count]), months)).toMatchObject({ type: 'line', series: [{ values: [3, 5] }] });
  });

  it('reads pies from their labels and values, and scatters as x and y of each row', () => {
    const pie = native('donut', plan(byRegion, [], [count]), [{ region: 'A', count: 2 }, { region: 'B', count: 3 }]);
    expect(pie).toMatchObject({ type: 'doughnut', categories: ['A', 'B'], series: [{ values: [2, 3] }] });
    const scatter = native('scatter', plan(byRegion, [], [count, avgCsat]), [{ region: 'A', count: 2, avg_csat: 4.1 }, { region: 'B', count: 9, avg_csat: 3.2 }]);
    expect(scatter).toMatchObject({ type: 'scatter', categories: ['A', 'B'], series: [{ x: [2, 9], values: [4.1, 3.2] }], categoryAxisTitle: 'Number of records' });
  });

  it('has no native form for the kinds office charts lack', () => {
    for (const kind of ['heatmap', 'sankey', 'funnel'] as const) expect(native(kind, plan(byRegion, [byChannel], [count]), rows)).toBeNull();
  });
});

describe('a chart’s data as a table', () => {
  it('puts dimensions, then measures with their units, then each metric’s n, raw beside the text', () => {
    const table = chartDataTable(plan(byRegion, [], [count, avgCsat]), [{ region: '四川', count: 1234, avg_csat: 4.256, avg_csat__n: 812 }], columns, 'zh-CN');
    expect(table.columns).toEqual([
      { label: '地区', type: 'text' },
      { label: '记录数', type: 'number', unit: undefined },
      { label: '平均值 满意度', type: 'number', unit: 'score' },
      { label: '样本量（平均值 满意度）', type: 'integer', detail: true },
    ]);
    expect(table.rows).toEqual([['四川', 1234, 4.256, 812]]);
    expect(table.text).toEqual([['四川', '1,234', '4.3', '812']]);
  });

  it('types a month bucket as a date and writes it as a month', () => {
    const table = chartDataTable(plan(byMonth, [], [count]), [{ created_at__month: '2024-10-01', count: 3 }], columns, 'zh-CN');
    expect(table.columns[0]?.type).toBe('date');
    expect(table.columns[0]?.label).toContain('创建时间');
    expect(table.text[0]![0]).toBe('2024年10月');
  });
});

describe('texts and formats', () => {
  it('writes date buckets as a reader says them', () => {
    expect(bucketText('en', 'month', '2024-10')).toBe('Oct 2024');
    expect(bucketText('zh-CN', 'month', '2024-10-01')).toBe('2024年10月');
    expect(bucketText('en', 'year', '2024-01-01')).toBe('2024');
    expect(bucketText('en', 'day', '2024-10-03')).toBe('2024-10-03');
    expect(bucketText('en', 'month', null)).toBe('(empty)');
  });

  it('gives spreadsheets a number format per unit (percent values run 0–100)', () => {
    expect(unitNumberFormat('percent')).toBe('0.0"%"');
    expect(unitNumberFormat('count')).toBe('#,##0');
    expect(unitNumberFormat('score')).toBe('0.00');
    expect(unitNumberFormat(undefined)).toBe('#,##0.##');
  });
});
