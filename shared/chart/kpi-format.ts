import type { MetricDirection, MetricUnit } from '../metrics/metric-definition';
import { formatNumber, type Locale } from '../i18n/messages';

/** Units after a number, as each language writes them. */
const UNIT_TEXT: Readonly<Record<Locale, Readonly<Record<MetricUnit, string>>>> = {
  en: { count: '', percent: ' %', minutes: ' min', hours: ' h', days: ' d', score: '', nps: '' },
  'zh-CN': { count: '', percent: '%', minutes: ' 分钟', hours: ' 小时', days: ' 天', score: '', nps: '' },
};

/** Chinese reads large numbers in 万 and 亿. */
function chineseLarge(value: number): string | undefined {
  const abs = Math.abs(value);
  if (abs >= 1e8) return `${formatNumber('zh-CN', Math.round((value / 1e8) * 100) / 100)}亿`;
  if (abs >= 1e5) return `${formatNumber('zh-CN', Math.round((value / 1e4) * 10) / 10)}万`;
  return undefined;
}

/** A KPI's value with its unit: `85.2 %`, `35.4 min`, `+23` for NPS, `12.3万` in Chinese. */
export function kpiValueText(locale: Locale, value: number | null, unit: MetricUnit | undefined): string {
  if (value === null) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  const large = locale === 'zh-CN' && (unit === undefined || unit === 'count') ? chineseLarge(value) : undefined;
  const number = large ?? formatNumber(locale, unit === undefined || unit === 'count' ? Math.round(value * 100) / 100 : rounded);
  const sign = unit === 'nps' && value > 0 ? '+' : '';
  return `${sign}${number}${unit === undefined ? '' : UNIT_TEXT[locale][unit]}`;
}

export type KpiChangeTone = 'better' | 'worse' | 'neutral';

/** The change from the month before: its text (`+2.3 %`, or points for shares) and whether it is good news. */
export function kpiChange(locale: Locale, current: number | null, previous: number | null, unit: MetricUnit | undefined, direction: MetricDirection | undefined): { readonly text: string; readonly tone: KpiChangeTone } | undefined {
  if (current === null || previous === null) return undefined;
  const delta = current - previous;
  // shares and NPS change by points; other values by their relative change
  const byPoints = unit === 'percent' || unit === 'nps';
  if (!byPoints && previous === 0) return undefined;
  const amount = byPoints ? delta : (100 * delta) / Math.abs(previous);
  const rounded = Math.round(amount * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  const suffix = byPoints ? (locale === 'zh-CN' ? ' 个百分点' : ' pts') : locale === 'zh-CN' ? '%' : ' %';
  const text = `${sign}${formatNumber(locale, Math.abs(rounded))}${suffix}`;
  if (rounded === 0 || direction === undefined || direction === 'neutral') return { text, tone: 'neutral' };
  const up = rounded > 0;
  return { text, tone: up === (direction === 'higher-is-better') ? 'better' : 'worse' };
}
