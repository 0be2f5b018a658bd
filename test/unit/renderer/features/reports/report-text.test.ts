import { describe, expect, it } from 'vitest';
import { format, type MessageKey, type MessageParams } from '../../../../../shared/i18n/messages';
import type { ReportBlock } from '../../../../../shared/spec/report-spec';
import { blockChips, blockText, filterChip, markdownGist, periodChip, type ReportNames } from '../../../../../renderer/features/reports/report-text';

const en = (key: MessageKey, params?: MessageParams): string => format('en', key, params);
const zh = (key: MessageKey, params?: MessageParams): string => format('zh-CN', key, params);

const names: ReportNames = {
  chart: (id) => (id === 7 ? 'Backlog by team' : undefined),
  dashboard: (id) => (id === 2 ? 'Weekly' : undefined),
  board: (id) => (id === 3 ? 'CSAT drop' : undefined),
  metric: (id) => ({ ticket_volume: 'Ticket volume', csat: 'CSAT' })[id] ?? id,
  field: (name) => ({ channel: 'Channel', created_at: 'Created' })[name] ?? name,
  label: (text) => text.en,
};

const december = { from: '2024-12-01', to: '2024-12-31' };

describe('period and filter chips', () => {
  it('words a month, whole months, days and all the data', () => {
    expect(periodChip(december, en)).toBe('2024-12');
    expect(periodChip({ from: '2024-01-01', to: '2024-12-31' }, en)).toBe('2024-01 – 2024-12');
    expect(periodChip({ from: '2024-03-05', to: '2024-03-10' }, en)).toBe('2024-03-05 – 2024-03-10');
    expect(periodChip(null, en)).toBe('all data');
    expect(periodChip(null, zh)).toBe('全部数据');
  });

  it('words filters as the exports do, with field labels', () => {
    expect(filterChip({ field: 'channel', filter: { op: 'in', values: ['Phone'] } }, names, en)).toBe('Channel = Phone');
    expect(filterChip({ field: 'channel', filter: { op: 'not_in', values: ['Phone', null] } }, names, en)).toBe('Channel ≠ Phone, (empty)');
    expect(filterChip({ field: 'created_at', filter: { op: 'between', values: ['2024-01-01', '2024-03-31'] } }, names, en)).toBe('Created from 2024-01-01 to 2024-03-31');
    expect(filterChip({ field: 'region', filter: { op: 'top', values: [5] } }, names, en)).toBe('region: top 5');
  });
});

describe('block summaries', () => {
  const kpis: ReportBlock = { id: 'b2', kind: 'kpis', table: 'tickets', metrics: ['ticket_volume', 'csat'], context: { filters: [{ field: 'channel', filter: { op: 'in', values: ['Phone'] } }], period: december } };

  it('shows every block with numbers with its period and filters', () => {
    expect(blockText(kpis, names, en)).toBe('Ticket volume, CSAT');
    expect(blockText(kpis, names, zh)).toBe('Ticket volume、CSAT');
    expect(blockChips(kpis, names, en)).toEqual(['2024-12', 'Channel = Phone']);
    const chart: ReportBlock = { id: 'b3', kind: 'chart', chart: { chartId: 7 }, context: { filters: [], period: null } };
    expect(blockText(chart, names, en)).toBe('Backlog by team');
    expect(blockChips(chart, names, en)).toEqual(['all data']);
    expect(blockChips({ id: 'b4', kind: 'board', boardId: 3 }, names, en)).toEqual(['the board’s periods']);
    expect(blockChips({ id: 'b5', kind: 'text', markdown: 'x' }, names, en)).toEqual([]);
  });

  it('names what each kind shows, and says when it is gone', () => {
    expect(blockText({ id: 'b1', kind: 'title', title: 'Review', subtitle: 'December 2024' }, names, en)).toBe('Review — December 2024');
    expect(blockText({ id: 'b1', kind: 'title', title: 'Review', subtitle: ' ' }, names, en)).toBe('Review');
    expect(blockText({ id: 'b1', kind: 'heading', text: 'Trends', level: 1 }, names, en)).toBe('Trends');
    expect(blockText({ id: 'b1', kind: 'chart', chart: { spec: { version: 1, table: 't', kind: 'bar', shelves: { columns: [], rows: [], color: [], size: [], label: [], tooltip: [], filters: [] } }, title: { en: 'Volume', 'zh-CN': '工单量' } }, context: { filters: [], period: null } }, names, en)).toBe('Volume');
    expect(blockText({ id: 'b1', kind: 'dashboard', dashboardId: 2, context: { filters: [], period: null } }, names, en)).toBe('Weekly');
    expect(blockText({ id: 'b1', kind: 'dashboard', dashboardId: 9, context: { filters: [], period: null } }, names, en)).toBe('#9 (no longer in this workbench)');
    expect(blockText({ id: 'b1', kind: 'explainer', boardId: 3 }, names, en)).toBe('CSAT drop');
    expect(blockText({ id: 'b1', kind: 'actions', boardId: null }, names, en)).toBe('All open actions');
    expect(blockText({ id: 'b1', kind: 'actions', boardId: 3 }, names, zh)).toBe('CSAT drop 的行动');
    expect(blockText({ id: 'b1', kind: 'kpis', table: 't', metrics: [], context: { filters: [], period: null } }, names, en)).toBe('No metrics chosen');
  });

  it('shows the first lines of a text without Markdown markers', () => {
    expect(markdownGist('# Summary\n\nVolume **rose** 12%.\n- one\n- two')).toBe('Summary · Volume rose 12%.');
    expect(blockText({ id: 'b1', kind: 'text', markdown: '  \n' }, names, en)).toBe('No text yet');
  });
});
