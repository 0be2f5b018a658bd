import type { Locale } from '../i18n/messages';
import { format, formatNumber } from '../i18n/messages';
import type { ScalarValue } from '../spec/query-spec';
import { isMeasureShelf, type Pill, type ShelfId } from './sheet-state';

export function valueText(locale: Locale, value: ScalarValue): string {
  if (value === null || value === '') return format(locale, 'chart.null');
  if (typeof value === 'number') return formatNumber(locale, value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return value;
}

/** The short note a pill carries after its name: aggregate, date grouping or filter. */
export function pillTag(locale: Locale, pill: Pill, shelf: ShelfId): string | undefined {
  if (isMeasureShelf(shelf)) return pill.aggregate === undefined || pill.field === '__count' ? undefined : format(locale, `agg.${pill.aggregate}`);
  if (shelf === 'filters') {
    const filter = pill.filter;
    if (filter === undefined) return format(locale, 'shelf.allValues');
    if (filter.op === 'between') return format(locale, 'shelf.range', { from: filter.values[0].slice(0, 10), to: filter.values[1].slice(0, 10) });
    if (filter.op === 'last_days') return format(locale, 'shelf.lastDays', { days: filter.values[0] });
    if (filter.op === 'top' || filter.op === 'bottom') return format(locale, filter.op === 'top' ? 'shelf.topN' : 'shelf.bottomN', { count: filter.values[0] });
    if (filter.op === 'not_in') return format(locale, 'shelf.excluded', { values: filter.values.length <= 2 ? filter.values.map((v) => valueText(locale, v)).join(', ') : format(locale, 'shelf.filterValues', { count: filter.values.length }) });
    if (filter.values.length <= 2) return filter.values.map((v) => valueText(locale, v)).join(', ');
    return format(locale, 'shelf.filterValues', { count: filter.values.length });
  }
  return pill.timeUnit === undefined ? undefined : format(locale, `time.${pill.timeUnit}`);
}
