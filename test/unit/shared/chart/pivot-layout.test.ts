import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../../shared/query/result-rows';
import { pivotLayout } from '../../../../shared/chart/pivot-layout';
import type { PivotExtras, PlacedPill } from '../../../../shared/chart/sheet-query';
import type { FieldRef } from '../../../../shared/chart/sheet-state';
import { QUERY_SPEC_VERSION } from '../../../../shared/spec/query-spec';
import { channel, records, region } from '../../renderer/fields';

const placed = (field: FieldRef, id: string): PlacedPill => ({ pill: { ...field, id }, id });
const priority: FieldRef = { ...channel, field: 'priority', label: { en: 'Priority', 'zh-CN': '优先级' } };
const count = placed(records, 'count');
const spec = { version: QUERY_SPEC_VERSION, table: 'tickets', dimensions: [], measures: [], filters: [], sort: [] } as const;

describe('pivot layout', () => {
  it('lays the engine’s cells, subtotals and totals out without adding anything up', () => {
    const pivot: PivotExtras = { across: placed(region, 'region'), down: [placed(channel, 'channel'), placed(priority, 'priority')], rowTotals: spec };
    // the cells query: region, channel, priority rolled up from the right (deliberately odd totals, to show they are taken, not summed)
    const rows: ResultRow[] = [
      { region: 'East', channel: 'Mail', priority: 'P1', count: 1, __grouping: 0 },
      { region: 'East', channel: 'Phone', priority: 'P1', count: 2, __grouping: 0 },
      { region: 'West', channel: 'Mail', priority: 'P2', count: 3, __grouping: 0 },
      { region: 'East', channel: 'Mail', priority: null, count: 11, __grouping: 1 },
      { region: 'East', channel: 'Phone', priority: null, count: 12, __grouping: 1 },
      { region: 'West', channel: 'Mail', priority: null, count: 13, __grouping: 1 },
      { region: 'East', channel: null, priority: null, count: 21, __grouping: 2 },
      { region: 'West', channel: null, priority: null, count: 23, __grouping: 2 },
      { region: null, channel: null, priority: null, count: 99, __grouping: 3 },
    ];
    // the row totals query: channel, priority rolled up
    const rowTotals: ResultRow[] = [
      { channel: 'Mail', priority: 'P1', count: 31, __grouping: 0 },
      { channel: 'Mail', priority: 'P2', count: 32, __grouping: 0 },
      { channel: 'Phone', priority: 'P1', count: 33, __grouping: 0 },
      { channel: 'Mail', priority: null, count: 41, __grouping: 1 },
      { channel: 'Phone', priority: null, count: 42, __grouping: 1 },
      { channel: null, priority: null, count: 99, __grouping: 2 },
    ];
    const layout = pivotLayout(pivot, [count], rows, rowTotals, 'en');
    expect(layout.across).toEqual(['East', 'West']);
    expect(layout.lines.map((l) => [l.kind, l.headers, l.cells.map((c) => c[0]), l.total[0]])).toEqual([
      ['detail', ['Mail', 'P1'], [1, null], 31],
      ['detail', ['Mail', 'P2'], [null, 3], 32],
      ['subtotal', ['Mail', null], [11, 13], 41],
      ['detail', ['Phone', 'P1'], [2, null], 33],
      ['subtotal', ['Phone', null], [12, null], 42],
      ['total', [null, null], [21, 23], 99],
    ]);
  });

  it('makes one line of a single dimension across, its total from the engine’s grand total', () => {
    const pivot: PivotExtras = { across: placed(region, 'region'), down: [], rowTotals: spec };
    const rows: ResultRow[] = [
      { region: 'East', count: 3, __grouping: 0 },
      { region: 'West', count: 4, __grouping: 0 },
      { region: null, count: 7, __grouping: 1 },
    ];
    const layout = pivotLayout(pivot, [count], rows, [{ count: 7 }], 'en');
    expect(layout.lines).toEqual([{ kind: 'detail', headers: [], kept: 0, cells: [[3], [4]], total: [7] }]);
  });

  it('orders the values across and down as the reader’s language does, keeping each group together', () => {
    const pivot: PivotExtras = { across: placed(region, 'region'), down: [placed(channel, 'channel'), placed(priority, 'priority')], rowTotals: spec };
    // SQLite's order is by code point: 上海 before 北京; pinyin puts Beijing first
    const rows: ResultRow[] = [
      { region: '上海', channel: '电话', priority: 'P1', count: 1, __grouping: 0 },
      { region: '北京', channel: '邮件', priority: 'P2', count: 2, __grouping: 0 },
    ];
    const rowTotals: ResultRow[] = [
      { channel: '电话', priority: 'P1', count: 1, __grouping: 0 },
      { channel: '邮件', priority: 'P2', count: 2, __grouping: 0 },
      { channel: '邮件', priority: 'P1', count: 0, __grouping: 0 },
    ];
    const layout = pivotLayout(pivot, [count], rows, rowTotals, 'zh-CN');
    expect(layout.across).toEqual(['北京', '上海']);
    expect(layout.lines.map((l) => [l.kind, ...l.headers])).toEqual([
      ['detail', '电话', 'P1'],
      ['subtotal', '电话', null],
      ['detail', '邮件', 'P1'],
      ['detail', '邮件', 'P2'],
      ['subtotal', '邮件', null],
      ['total', null, null],
    ]);
  });
});
