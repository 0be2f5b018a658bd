import type { MessageKey } from '../i18n/messages';
import type { MetricUnit } from '../metrics/metric-definition';
import { kpiValueText } from '../chart/kpi-format';
import type { CauseStatus, Segment } from '../spec/board-spec';
import type { ExplainPeriod } from '../spec/explain-spec';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2024-10` → 1 to 31 October 2024. */
export function monthPeriod(month: string): ExplainPeriod {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${year}-${pad(m)}-01`, to: `${year}-${pad(m)}-${pad(last)}` };
}

/** `2024-01` → `2023-12`. */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${pad(m - 1)}`;
}

/** A period as a person says it: a whole month as `2024-10`, else `2024-10-03 – 2024-10-17`. */
export function periodText(period: ExplainPeriod): string {
  const month = period.from.slice(0, 7);
  const whole = monthPeriod(month);
  if (whole.from === period.from && whole.to === period.to) return month;
  return period.from === period.to ? period.from : `${period.from} – ${period.to}`;
}

export const STATUS_LABEL: Readonly<Record<CauseStatus, MessageKey>> = {
  hypothesis: 'board.status.hypothesis',
  supported: 'board.status.supported',
  rejected: 'board.status.rejected',
  'root-cause': 'board.status.rootCause',
};

/** A segment as `渠道 = 电话 · 区域 = 四川`, each field by its label. */
export function segmentText(segment: Segment, fieldLabel: (field: string) => string, empty: string): string {
  return segment.map((f) => `${fieldLabel(f.field)} = ${f.values.map((v) => (v === null ? empty : String(v))).join(', ')}`).join(' · ');
}

/** A share of a change as a signed whole percentage: `+62 %`, `−8 %`. */
export function shareText(share: number | null, locale: 'en' | 'zh-CN'): string {
  if (share === null) return '—';
  const value = Math.round(share * 100);
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${Math.abs(value)}${locale === 'zh-CN' ? '%' : ' %'}`;
}

const UNIT_SUFFIX: Readonly<Record<'en' | 'zh-CN', Readonly<Record<MetricUnit, string>>>> = {
  en: { count: '', percent: ' %', minutes: ' min', hours: ' h', days: ' d', score: '', nps: '' },
  'zh-CN': { count: '', percent: '%', minutes: ' 分钟', hours: ' 小时', days: ' 天', score: '', nps: '' },
};

/** A number with a fixed count of decimals, grouped as the locale groups. */
function fixed(locale: 'en' | 'zh-CN', value: number, decimals: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/**
 * A metric's value on a board, precise enough to see a change: a score (CSAT 1–5, CES) with two
 * decimals, other units as the KPI cards write them.
 */
export function boardValueText(locale: 'en' | 'zh-CN', value: number | null, unit: MetricUnit): string {
  if (value === null) return '—';
  if (unit === 'score') return fixed(locale, value, 2);
  return kpiValueText(locale, value, unit);
}

/** A change or an effect with its sign and two significant digits (at most three decimals): `−0.034`, `+12 %`. */
export function effectText(locale: 'en' | 'zh-CN', value: number, unit: MetricUnit): string {
  const magnitude = Math.abs(value);
  const decimals = magnitude === 0 ? 0 : Math.max(0, Math.min(3, 1 - Math.floor(Math.log10(magnitude))));
  const text = fixed(locale, magnitude, decimals);
  const sign = Number(text.replace(/[^\d.]/g, '')) === 0 ? '±' : value > 0 ? '+' : '−';
  return `${sign}${text}${UNIT_SUFFIX[locale][unit]}`;
}
