import type { MessageKey } from '../../../shared/i18n/messages';
import type { CauseStatus, Segment } from '../../../shared/spec/board-spec';
import type { ExplainPeriod } from '../../../shared/spec/explain-spec';

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
