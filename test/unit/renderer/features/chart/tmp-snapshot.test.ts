import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { buildFigure } from '../../../../../renderer/features/chart/chart-figure';
import type { ChartPlan } from '../../../../../renderer/features/chart/sheet-query';
import type { ResultRow } from '../../../../../renderer/api/arrow';
import { channel, createdAt, csat, records, region } from '../../fields';

const theme = { text: '#111', textMuted: '#666', grid: '#eee', axis: '#999', panel: '#fff', border: '#ccc', font: 'Inter' };
const spec = {} as ChartPlan['spec'];
const p = (f: typeof region, id: string, extra = {}) => ({ pill: { ...f, id, ...extra }, id });
const plans: Record<string, ChartPlan> = {
  cat: { spec, axis: p(region, 'region'), series: [], measures: [p(csat, 'avg_csat', { aggregate: 'avg' })] },
  catSeries: { spec, axis: p(region, 'region'), series: [p(channel, 'channel')], measures: [p(csat, 'avg_csat', { aggregate: 'avg' }), p(records, 'count')] },
  month: { spec, axis: p(createdAt, 'created_at_month', { timeUnit: 'month' }), series: [p(region, 'region')], measures: [p(records, 'count')] },
  quarter: { spec, axis: p(createdAt, 'created_at_quarter', { timeUnit: 'quarter' }), series: [], measures: [p(records, 'count')] },
  week: { spec, axis: p(createdAt, 'created_at_week', { timeUnit: 'week' }), series: [], measures: [p(records, 'count')] },
};
const rows: Record<string, ResultRow[]> = {
  cat: [{ region: '北', avg_csat: 4.2 }, { region: 'a<b>', avg_csat: null }, { region: null, avg_csat: 3 }, { region: 'East', avg_csat: 1234.567 }],
  catSeries: [{ region: 'N', channel: 'phone', avg_csat: 4, count: 10 }, { region: 'S', channel: 'mail', avg_csat: 3, count: 5 }, { region: 'N', channel: 'mail', avg_csat: 2, count: 7 }, { region: 'E', channel: null, avg_csat: 1, count: 1 }],
  month: Array.from({ length: 130 }, (_, i) => ({ created_at_month: `2024-${String((i % 12) + 1).padStart(2, '0')}-01`, region: i % 2 === 0 ? 'N' : 'S', count: i })),
  quarter: [{ created_at_quarter: '2024-Q1', count: 3 }, { created_at_quarter: '2024-Q2', count: 4 }, { created_at_quarter: null, count: 1 }],
  week: [{ created_at_week: '2024-01-01', count: 3 }, { created_at_week: '2024-01-08', count: 4 }],
};

it('snapshot', () => {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(plans)) for (const chartType of ['auto', 'bar', 'line'] as const) for (const locale of ['en', 'zh-CN'] as const) {
    out[`${name}/${chartType}/${locale}`] = buildFigure({ plan: plans[name]!, rows: rows[name]!, chartType, locale, theme });
  }
  const file = '/tmp/rw/snapshot.json';
  const json = JSON.parse(JSON.stringify(out)) as unknown;
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(json, null, 1));
  else expect(json).toEqual(JSON.parse(readFileSync(file, 'utf8')));
});
