import type { BarData, FunnelData, HeatmapData, PieData, SankeyData, ScatterData, WaterfallData } from 'plotly.js-dist-min';
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../../shared/query/result-rows';
import { buildFigure, buildKindFigure, type ChartTheme, type Figure } from '../../../../shared/chart/chart-figure';
import { CATEGORICAL_PALETTE } from '../../../../shared/chart/chart-palette';
import type { ChartPlan, PlacedPill } from '../../../../shared/chart/sheet-query';
import type { FieldRef, Pill } from '../../../../shared/chart/sheet-state';
import type { ChartKind } from '../../../../shared/chart/show-me';
import type { Locale } from '../../../../shared/i18n/messages';
import { QUERY_SPEC_VERSION } from '../../../../shared/spec/query-spec';
import { channel, createdAt, csat, records, region } from '../../renderer/fields';

const theme: ChartTheme = { text: '#1f2328', textMuted: '#59636e', grid: '#eaeef2', axis: '#8c959f', panel: '#ffffff', border: '#d1d9e0', font: 'Inter' };

function placed(field: FieldRef, id: string, extra: Partial<Pill> = {}): PlacedPill {
  return { pill: { ...field, id, ...extra }, id };
}

const byRegion = placed(region, 'region');
const byChannel = placed(channel, 'channel');
const byMonth = placed(createdAt, 'created_at_month', { timeUnit: 'month' });
const recordCount = placed(records, 'count', { aggregate: 'count' });
const averageCsat = placed(csat, 'avg_csat', { aggregate: 'avg' });

function plan(axis: PlacedPill, series: readonly PlacedPill[], measures: readonly PlacedPill[], more: Partial<ChartPlan> = {}): ChartPlan {
  return {
    spec: { version: QUERY_SPEC_VERSION, table: 'tickets', dimensions: [], measures: [], filters: [], sort: [], limit: 100 },
    axis,
    series,
    measures,
    size: undefined,
    labels: [],
    tooltips: [],
    extras: {},
    ...more,
  };
}

function draw(chartPlan: ChartPlan, rows: readonly ResultRow[], kind: ChartKind, locale: Locale = 'en'): Figure {
  return buildKindFigure({ plan: chartPlan, rows, kind, locale, theme });
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Region × channel counts; North has no chat tickets. */
const regionChannelRows: ResultRow[] = [
  { region: 'North', channel: 'Phone', count: 30 },
  { region: 'North', channel: 'Mail', count: 10 },
  { region: 'South', channel: 'Phone', count: 5 },
  { region: 'South', channel: 'Mail', count: 15 },
  { region: 'South', channel: 'Chat', count: 5 },
  { region: 'East', channel: 'Chat', count: 8 },
];

const regionRows: ResultRow[] = [
  { region: 'South', count: 20 },
  { region: 'North', count: 50 },
  { region: 'West', count: 10 },
  { region: 'East', count: 20 },
];

describe('bars and lines (buildFigure)', () => {
  it('still draws bars for categories and lines along time', () => {
    const bars = buildFigure({ plan: plan(byRegion, [], [recordCount]), rows: regionRows, chartType: 'auto', locale: 'en', theme });
    expect(bars.mark).toBe('bar');
    expect(bars.data.map((t) => t.type)).toEqual(['bar']);
    expect((bars.data[0] as Partial<BarData>).x).toEqual(['South', 'North', 'West', 'East']);
    expect((bars.data[0] as Partial<BarData>).y).toEqual([20, 50, 10, 20]);
    expect(bars.layout.xaxis?.categoryarray).toEqual(['East', 'North', 'South', 'West']);
    expect(bars.layout.barmode).toBe('group');

    const monthRows = [
      { created_at_month: '2024-01-01', count: 4 },
      { created_at_month: '2024-02-01', count: 6 },
    ];
    const lines = buildFigure({ plan: plan(byMonth, [], [recordCount]), rows: monthRows, chartType: 'auto', locale: 'en', theme });
    expect(lines.mark).toBe('line');
    const line = lines.data[0] as Partial<ScatterData>;
    expect(line.type).toBe('scatter');
    expect(line.mode).toBe('lines+markers');
    expect(line.y).toEqual([4, 6]);
    expect(lines.layout.xaxis?.type).toBe('date');

    const forcedLine = buildFigure({ plan: plan(byRegion, [], [recordCount]), rows: regionRows, chartType: 'line', locale: 'en', theme });
    expect(forcedLine.mark).toBe('line');
    expect((forcedLine.data[0] as Partial<ScatterData>).mode).toBe('lines+markers');
  });

  it('is the same figure as buildKindFigure of the matching kind', () => {
    const chartPlan = plan(byRegion, [byChannel], [recordCount]);
    expect(buildFigure({ plan: chartPlan, rows: regionChannelRows, chartType: 'bar', locale: 'zh-CN', theme })).toEqual(draw(chartPlan, regionChannelRows, 'bar', 'zh-CN'));
    expect(buildFigure({ plan: chartPlan, rows: regionChannelRows, chartType: 'line', locale: 'en', theme })).toEqual(draw(chartPlan, regionChannelRows, 'line'));
  });
});

describe('bar variants', () => {
  const chartPlan = plan(byRegion, [byChannel], [recordCount]);

  it('stacks bars and closes a histogram’s gaps', () => {
    expect(draw(chartPlan, regionChannelRows, 'bar_stacked').layout.barmode).toBe('stack');
    const histogram = draw(plan(byRegion, [], [recordCount]), regionRows, 'histogram');
    expect(histogram.mark).toBe('histogram');
    expect(histogram.data[0]?.type).toBe('bar');
    expect(histogram.layout.bargap).toBe(0);
  });

  it('draws each category’s stack as the shares the engine gives, and hovers share and value', () => {
    // the engine's `share` of each region's whole (see the column store tests); the figure only draws it
    const wholes = new Map<string, number>();
    for (const row of regionChannelRows) wholes.set(row['region'] as string, (wholes.get(row['region'] as string) ?? 0) + (row['count'] as number));
    const withShares = regionChannelRows.map((row) => ({ ...row, count__share: (100 * (row['count'] as number)) / wholes.get(row['region'] as string)! }));
    const sharePlan = plan(byRegion, [byChannel], [recordCount], { extras: { share: { count: 'count__share' } } });
    const figure = draw(sharePlan, withShares, 'bar_100');
    expect(figure.layout.barmode).toBe('stack');
    expect(figure.layout.yaxis?.range).toEqual([0, 100]);
    const traces = figure.data as Partial<BarData>[];
    const shareOf = new Map<string, number>();
    for (const trace of traces) {
      (trace.x as string[]).forEach((category, i) => shareOf.set(category, (shareOf.get(category) ?? 0) + ((trace.y as number[])[i] ?? 0)));
    }
    for (const total of shareOf.values()) expect(total).toBeCloseTo(100);

    const phone = traces.find((t) => t.name === 'Phone')!;
    const north = (phone.x as string[]).indexOf('North');
    expect((phone.y as number[])[north]).toBeCloseTo(75);
    expect((phone.customdata as string[][])[north]).toEqual(['75%', '30']);
    expect(phone.hovertemplate).toContain('Share');
    expect((draw(sharePlan, withShares, 'bar_100', 'zh-CN').data[0] as Partial<BarData>).hovertemplate).toContain('占比');
    // without the engine's shares it draws no parts rather than working them out
    expect((draw(chartPlan, regionChannelRows, 'bar_100').data as Partial<BarData>[]).every((t) => (t.y as (number | null)[]).every((v) => v === null))).toBe(true);
  });
});

describe('areas', () => {
  const monthRows = [
    { created_at_month: '2024-01-01', region: 'North', count: 4 },
    { created_at_month: '2024-01-01', region: 'South', count: 2 },
    { created_at_month: '2024-02-01', region: 'North', count: 6 },
    { created_at_month: '2024-02-01', region: 'South', count: 3 },
  ];

  it('fills one series to zero and stacks several', () => {
    const single = draw(plan(byMonth, [], [recordCount]), monthRows, 'area').data[0] as Partial<ScatterData>;
    expect(single.fill).toBe('tozeroy');
    expect(single.stackgroup).toBeUndefined();
    const stacked = draw(plan(byMonth, [byRegion], [recordCount]), monthRows, 'area').data as Partial<ScatterData>[];
    expect(stacked.map((t) => t.name)).toEqual(['North', 'South']);
    expect(stacked.map((t) => t.stackgroup)).toEqual(['count', 'count']);
  });
});

describe('scatter', () => {
  const rows: ResultRow[] = [
    { region: 'North', channel: 'Phone', avg_csat: 4.5, count: 30 },
    { region: 'South', channel: 'Phone', avg_csat: 3.25, count: 12 },
    { region: 'East', channel: 'Mail', avg_csat: 2, count: 7 },
  ];

  it('puts the first measure on x and the second on y, one marker per row', () => {
    const figure = draw(plan(byRegion, [], [averageCsat, recordCount]), rows, 'scatter');
    expect(figure.mark).toBe('scatter');
    const points = figure.data[0] as Partial<ScatterData>;
    expect(points.mode).toBe('markers');
    expect(points.x).toEqual([4.5, 3.25, 2]);
    expect(points.y).toEqual([30, 12, 7]);
    expect((points.customdata as string[][]).map((d) => d[0])).toEqual(['North', 'South', 'East']);
    expect(figure.layout.xaxis?.title).toMatchObject({ text: 'Average of CSAT' });
  });

  it('colours by series and names each point by its dimensions', () => {
    const traces = draw(plan(byRegion, [byChannel], [averageCsat, recordCount]), rows, 'scatter').data as Partial<ScatterData>[];
    expect(traces.map((t) => t.name)).toEqual(['Mail', 'Phone']);
    expect(traces.map((t) => (t.marker as { color: string }).color)).toEqual([CATEGORICAL_PALETTE[0], CATEGORICAL_PALETTE[1]]);
    expect((traces[1]!.customdata as string[][]).map((d) => d[0])).toEqual(['North · Phone', 'South · Phone']);
  });
});

describe('pie and donut', () => {
  it('makes one slice per category with palette colours and a legend', () => {
    const figure = draw(plan(byRegion, [], [recordCount]), regionRows, 'pie');
    const pie = figure.data[0] as Partial<PieData>;
    expect(pie.type).toBe('pie');
    expect(pie.labels).toEqual(['East', 'North', 'South', 'West']);
    expect(pie.values).toEqual([20, 50, 20, 10]);
    expect((pie.marker as { colors: string[] }).colors).toEqual(CATEGORICAL_PALETTE.slice(0, 4));
    expect(pie.hole).toBe(0);
    expect(figure.layout.showlegend).toBe(true);
  });

  it('labels slices by axis and series when there are series, and a donut has a hole', () => {
    const donut = draw(plan(byRegion, [byChannel], [recordCount]), regionChannelRows, 'donut');
    expect(donut.mark).toBe('donut');
    const pie = donut.data[0] as Partial<PieData>;
    expect(pie.hole).toBe(0.55);
    expect(pie.labels).toEqual(['East · Chat', 'North · Mail', 'North · Phone', 'South · Chat', 'South · Mail', 'South · Phone']);
    expect(pie.values).toEqual([8, 10, 30, 5, 15, 5]);
  });
});

describe('heatmap', () => {
  it('puts the axis across, the series down and the measure in the cells, empty where a combination is missing', () => {
    const figure = draw(plan(byRegion, [byChannel], [recordCount]), regionChannelRows, 'heatmap');
    expect(figure.mark).toBe('heatmap');
    const heatmap = figure.data[0] as Partial<HeatmapData>;
    expect(heatmap.x).toEqual(['East', 'North', 'South']);
    expect(heatmap.y).toEqual(['Chat', 'Mail', 'Phone']);
    expect(heatmap.z).toEqual([
      [8, null, 5],
      [null, 10, 15],
      [null, 30, 5],
    ]);
    expect(heatmap.colorscale).toEqual([
      [0, theme.panel],
      [1, CATEGORICAL_PALETTE[0]],
    ]);
    expect(heatmap.hovertemplate).toContain('Region: %{x}');
    expect(heatmap.hovertemplate).toContain('Channel: %{y}');
  });
});

describe('pareto', () => {
  // as the engine answers a Pareto (see sheetQuery): largest first, with the running share
  const paretoRows: ResultRow[] = [
    { region: 'North', count: 50, count__running_share: 50 },
    { region: 'East', count: 20, count__running_share: 70 },
    { region: 'South', count: 20, count__running_share: 90 },
    { region: 'West', count: 10, count__running_share: 100 },
  ];
  const paretoPlan = plan(byRegion, [], [recordCount], { extras: { runningShare: 'count__running_share' } });

  it('draws the bars in the engine’s order and its running share on a right axis', () => {
    const figure = draw(paretoPlan, paretoRows, 'pareto');
    const [bars, cumulative] = figure.data as [Partial<BarData>, Partial<ScatterData>];
    expect(bars.y).toEqual([50, 20, 20, 10]);
    expect(bars.x).toEqual(['North', 'East', 'South', 'West']);
    expect(cumulative.y).toEqual([50, 70, 90, 100]);
    expect(cumulative.yaxis).toBe('y2');
    expect(figure.layout.yaxis2).toMatchObject({ overlaying: 'y', side: 'right', range: [0, 100], ticksuffix: '%' });
    expect(cumulative.name).toBe('Cumulative share');
    expect((draw(paretoPlan, paretoRows, 'pareto', 'zh-CN').data[1] as Partial<ScatterData>).name).toBe('累计占比');
  });

  it('computes nothing itself: the line is the column the engine returned', () => {
    const shifted = paretoRows.map((row, i) => ({ ...row, count__running_share: 10 * (i + 1) }));
    expect((draw(paretoPlan, shifted, 'pareto').data[1] as Partial<ScatterData>).y).toEqual([10, 20, 30, 40]);
    // a plan made for another kind has no share to draw: bars
    expect(draw(plan(byRegion, [], [recordCount]), paretoRows, 'pareto').mark).toBe('bar');
  });
});

describe('control chart', () => {
  const values = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 40];
  const mean = sum(values) / values.length;
  const sigma = Math.sqrt(sum(values.map((v) => (v - mean) ** 2)) / values.length);
  // as the engine answers a control chart: the mean and limits on every row
  const rows: ResultRow[] = values.map((count, i) => ({
    created_at_month: `2024-${String(i + 1).padStart(2, '0')}-01`,
    count,
    count__mean: mean,
    count__lcl: mean - 3 * sigma,
    count__ucl: mean + 3 * sigma,
  }));
  const controlPlan = plan(byMonth, [], [recordCount], { extras: { spread: { mean: 'count__mean', lcl: 'count__lcl', ucl: 'count__ucl' } } });

  it('draws the mean and mean ± 3σ and marks the point beyond them', () => {
    expect(40).toBeGreaterThan(mean + 3 * sigma);
    const figure = draw(controlPlan, rows, 'control');
    expect(figure.mark).toBe('control');
    const levels = (figure.layout.shapes ?? []).map((s) => s.y0 as number);
    expect(levels).toHaveLength(3);
    expect(levels[0]).toBeCloseTo(mean);
    expect(levels[1]).toBeCloseTo(mean + 3 * sigma);
    expect(levels[2]).toBeCloseTo(mean - 3 * sigma);
    expect((figure.layout.shapes ?? []).map((s) => s.line?.dash)).toEqual(['solid', 'dash', 'dash']);
    expect((figure.layout.annotations ?? []).map((a) => a.text)).toEqual(['x̄', 'UCL', 'LCL']);

    const points = figure.data[0] as Partial<ScatterData>;
    expect(points.y).toEqual(values);
    const colors = (points.marker as { color: string[] }).color;
    expect(colors[11]).toBe(CATEGORICAL_PALETTE[3]);
    expect(colors.slice(0, 11).every((c) => c === CATEGORICAL_PALETTE[0])).toBe(true);
  });

  it('names the lines in the reader’s language', () => {
    const hovers = (locale: Locale) => (draw(controlPlan, rows, 'control', locale).layout.annotations ?? []).map((a) => a.hovertext);
    expect(hovers('en')[0]).toMatch(/^Mean: /);
    expect(hovers('zh-CN')[0]).toMatch(/^均值: /);
    expect(hovers('zh-CN')[1]).toContain('上控制限');
  });
});

describe('waterfall and funnel', () => {
  it('steps through the categories and ends with the total the engine worked out', () => {
    // the engine's total column (here deliberately unlike the rows' sum, 100) is what the closing bar shows
    const withTotal = regionRows.map((row) => ({ ...row, count__total: 99 }));
    const waterfallPlan = plan(byRegion, [], [recordCount], { extras: { total: 'count__total' } });
    const trace = draw(waterfallPlan, withTotal, 'waterfall').data[0] as Partial<WaterfallData>;
    expect(trace.type).toBe('waterfall');
    expect(trace.x).toEqual(['East', 'North', 'South', 'West', 'Total']);
    expect(trace.measure).toEqual(['relative', 'relative', 'relative', 'relative', 'total']);
    expect((trace.y as number[]).at(-1)).toBe(99);
    // without the engine's total there is no waterfall to draw: bars
    expect(draw(plan(byRegion, [], [recordCount]), regionRows, 'waterfall').data[0]!.type).toBe('bar');
    const chinese = draw(waterfallPlan, withTotal, 'waterfall', 'zh-CN').data[0] as Partial<WaterfallData>;
    expect((chinese.x as string[]).at(-1)).toBe('合计');
  });

  it('orders funnel stages from the largest', () => {
    const trace = draw(plan(byRegion, [], [recordCount]), regionRows, 'funnel').data[0] as Partial<FunnelData>;
    expect(trace.type).toBe('funnel');
    expect(trace.x).toEqual([50, 20, 20, 10]);
    expect(trace.y).toEqual(['North', 'East', 'South', 'West']);
  });
});

describe('sankey', () => {
  it('flows from axis values to series values, weighted by the measure', () => {
    const rows: ResultRow[] = [...regionChannelRows, { region: 'Other', channel: 'Other', count: 2 }];
    const sankey = draw(plan(byRegion, [byChannel], [recordCount]), rows, 'sankey').data[0] as Partial<SankeyData>;
    const labels = sankey.node?.label as string[];
    for (const value of ['North', 'South', 'East', 'Phone', 'Mail', 'Chat']) expect(labels).toContain(value);
    // the same word in two dimensions is two nodes
    expect(labels.filter((l) => l === 'Other')).toHaveLength(2);
    const linkValues = sankey.link?.value as number[];
    expect(sum(linkValues)).toBe(sum(rows.map((r) => r.count as number)));
    const sources = sankey.link?.source as number[];
    const targets = sankey.link?.target as number[];
    const northToPhone = sources.findIndex((s, i) => labels[s] === 'North' && labels[targets[i]!] === 'Phone');
    expect(linkValues[northToPhone]).toBe(30);
  });
});

describe('fallbacks', () => {
  it('draws bars when the kind cannot draw the plan or is drawn outside plotly', () => {
    const oneMeasure = plan(byRegion, [], [recordCount]);
    for (const kind of ['scatter', 'heatmap', 'sankey', 'kpi', 'table', 'pivot', 'box', 'pareto', 'control'] as const) {
      const figure = draw(oneMeasure, regionRows, kind);
      expect(figure.mark, kind).toBe('bar');
      expect(figure.data.map((t) => t.type), kind).toEqual(['bar']);
    }
  });
});

describe('metrics on a chart', () => {
  it('say their n and interval in the hover, and draw a value on too few cases faint', () => {
    const csatMean = placed({ ...csat, field: 'metric:csat_mean', metric: { id: 'csat_mean', version: 1 } }, 'csat_mean');
    const rows: ResultRow[] = [
      { region: 'North', csat_mean: 4.2, csat_mean__n: 120, csat_mean__low: 4.0, csat_mean__high: 4.4 },
      { region: 'South', csat_mean: 3.1, csat_mean__n: 12, csat_mean__low: 2.5, csat_mean__high: 3.7 },
    ];
    for (const locale of ['en', 'zh-CN'] as const) {
      const figure = buildKindFigure({ plan: plan(byRegion, [], [csatMean]), rows, kind: 'bar', locale, theme, minSamples: { csat_mean: 30 } });
      const trace = figure.data[0] as BarData & { customdata: string[] };
      expect(trace.marker?.opacity).toEqual([1, 0.35]);
      expect(trace.customdata[0]).toContain(locale === 'en' ? 'n = 120' : '样本量 120');
      expect(trace.customdata[0]).not.toContain(locale === 'en' ? 'few cases' : '样本较少');
      expect(trace.customdata[1]).toContain(locale === 'en' ? 'few cases' : '样本较少');
    }
    // without a minimum nothing is marked
    const plain = buildKindFigure({ plan: plan(byRegion, [], [csatMean]), rows, kind: 'bar', locale: 'en', theme });
    expect((plain.data[0] as BarData).marker?.opacity).toBeUndefined();
  });
});

describe('box plot', () => {
  const five = { min: 'p0_csat', q1: 'p25_csat', median: 'p50_csat', q3: 'p75_csat', max: 'p100_csat' };
  const boxPlan = plan(byRegion, [], [averageCsat], { extras: { box: five }, tooltips: [recordCount] });
  const rows: ResultRow[] = [
    { region: 'South', p0_csat: 1, p25_csat: 2, p50_csat: 3, p75_csat: 4, p100_csat: 5, count: 40 },
    { region: 'North', p0_csat: 2, p25_csat: 3, p50_csat: 4, p75_csat: 4.5, p100_csat: 5, count: 60 },
  ];

  it('draws one box per category from the five numbers the engine found, with a hover in the reader’s language', () => {
    const figure = draw(boxPlan, rows, 'box');
    expect(figure.mark).toBe('box');
    const [box, hover] = figure.data as [Record<string, unknown>, Partial<ScatterData>];
    expect(box.type).toBe('box');
    // categories in the reader's order
    expect(box.x).toEqual(['North', 'South']);
    expect([box.lowerfence, box.q1, box.median, box.q3, box.upperfence]).toEqual([[2, 1], [3, 2], [4, 3], [4.5, 4], [5, 5]]);
    expect(hover.y).toEqual([4, 3]);
    expect((hover.customdata as string[])[0]).toContain('Median: <b>4</b>');
    expect((hover.customdata as string[])[0]).toContain('Number of records: 60');
    const chinese = draw(boxPlan, rows, 'box', 'zh-CN').data[1] as Partial<ScatterData>;
    expect((chinese.customdata as string[])[1]).toContain('下四分位数（Q1）: <b>2</b>');
  });

  it('groups the boxes by colour', () => {
    const coloured = plan(byRegion, [byChannel], [averageCsat], { extras: { box: five } });
    const figure = draw(coloured, [{ ...rows[0]!, channel: 'Phone' }, { ...rows[1]!, channel: 'Mail' }], 'box');
    expect(figure.data.filter((t) => t.type === 'box').map((t) => t.name)).toEqual(['Mail', 'Phone']);
    expect(figure.layout.boxmode).toBe('group');
  });
});

describe('size, label and tooltip shelves', () => {
  const averageCes = placed(csat, 'avg_ces', { aggregate: 'avg', label: { en: 'CES', 'zh-CN': '费力度' } });
  const rows: ResultRow[] = [
    { region: 'North', count: 50, avg_csat: 4.2, avg_ces: 2 },
    { region: 'South', count: 20, avg_csat: 3.1, avg_ces: 5 },
  ];

  it('sizes scatter markers by area in proportion to the Size measure', () => {
    const figure = draw(plan(byRegion, [], [recordCount, averageCsat], { size: averageCes }), rows, 'scatter');
    const marker = (figure.data[0] as Partial<ScatterData>).marker as { size: number[]; sizemode: string; sizeref: number };
    expect(marker.size).toEqual([2, 5]);
    expect(marker.sizemode).toBe('area');
    // the largest value is 40 px across
    expect(marker.sizeref).toBeCloseTo((2 * 5) / 1600);
    expect((figure.data[0] as Partial<ScatterData>).hovertemplate).toContain('Average of CES: %{customdata[3]}');
  });

  it('writes the Label measures on bars, line points and pie slices', () => {
    const labelled = plan(byRegion, [], [recordCount], { labels: [averageCsat] });
    const bars = draw(labelled, rows, 'bar').data[0] as Partial<BarData>;
    expect(bars.text).toEqual(['4.2', '3.1']);
    expect(bars.textposition).toBe('outside');
    const line = draw(labelled, rows, 'line').data[0] as Partial<ScatterData>;
    expect(line.mode).toBe('lines+markers+text');
    expect(line.text).toEqual(['4.2', '3.1']);
    const pie = draw(labelled, rows, 'pie', 'zh-CN').data[0] as Partial<PieData>;
    expect(pie.text).toEqual(['4.2', '3.1']);
    expect(pie.textinfo).toBe('text+percent');
  });

  it('adds the Tooltip measures to the hover of every mark', () => {
    const tipped = plan(byRegion, [], [recordCount], { tooltips: [averageCsat, averageCes] });
    const bars = draw(tipped, rows, 'bar').data[0] as Partial<BarData>;
    expect((bars.customdata as string[])[0]).toBe('50</b><br>Average of CSAT: 4.2<br>Average of CES: 2<b>');
    const pie = draw(tipped, rows, 'pie').data[0] as Partial<PieData>;
    expect((pie.customdata as unknown as string[][])[1]![1]).toBe('<br>Average of CSAT: 3.1<br>Average of CES: 5');
    expect(pie.hovertemplate).toContain('%{customdata[1]}');
    const waterfall = draw({ ...tipped, extras: { total: 'count__total' } }, rows, 'waterfall').data[0] as Partial<WaterfallData>;
    expect((waterfall.customdata as unknown as string[][])[0]![1]).toBe('<br>Average of CSAT: 4.2<br>Average of CES: 2');
    const funnel = draw(tipped, rows, 'funnel').data[0] as Partial<FunnelData>;
    expect(funnel.hovertemplate).toContain('%{customdata}');
    const scatter = draw(plan(byRegion, [], [recordCount, averageCsat], { tooltips: [averageCes] }), rows, 'scatter', 'zh-CN').data[0] as Partial<ScatterData>;
    expect((scatter.customdata as unknown as string[][])[0]![4]).toContain('平均值 费力度: 2');
  });
});
