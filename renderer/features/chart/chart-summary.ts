import { format, type Locale } from '../../../shared/i18n/messages';
import type { SheetState } from '../../../shared/chart/sheet-state';
import { valueText } from '../../../shared/chart/pill-text';
import { dimensionTitle, measurePhrase } from '../../../shared/chart/chart-text';
import { isSpreadable } from '../../../shared/chart/sheet-query';

const MAX_LISTED_VALUES = 4;

/** "Average of CSAT by Region" — what the chart shows, without its filters. */
export function chartTitle(locale: Locale, sheet: SheetState): string | undefined {
  const and = new Intl.ListFormat(locale, { type: 'conjunction' });
  const { y } = sheet.shelves;
  // a box plot shows how the field's values spread, not their aggregate
  const spread = sheet.chartType === 'box' && y.length === 1 && isSpreadable(y[0]!);
  const measures = spread ? [format(locale, 'summary.spread', { field: y[0]!.label[locale] })] : y.map((p) => measurePhrase(locale, p));
  const dimensions = [...sheet.shelves.x, ...sheet.shelves.color].map((p) => dimensionTitle(locale, p));
  if (measures.length === 0 && dimensions.length === 0) return undefined;
  if (dimensions.length === 0) return format(locale, 'summary.total', { measures: and.format(measures) });
  if (measures.length === 0) return format(locale, 'summary.distinct', { dimensions: and.format(dimensions) });
  return format(locale, 'summary.by', { measures: and.format(measures), dimensions: and.format(dimensions) });
}

/** The chart title plus its filters, as one readable sentence. */
export function querySentence(locale: Locale, sheet: SheetState): string | undefined {
  const title = chartTitle(locale, sheet);
  if (title === undefined) return undefined;
  const or = new Intl.ListFormat(locale, { type: 'disjunction' });
  const and = new Intl.ListFormat(locale, { type: 'conjunction' });
  const filters = sheet.shelves.filters.flatMap((pill) => {
    const filter = pill.filter;
    if (filter === undefined) return [];
    const field = pill.label[locale];
    if (filter.op === 'between') {
      return [format(locale, 'summary.between', { field, from: filter.values[0].slice(0, 10), to: filter.values[1].slice(0, 10) })];
    }
    if (filter.op === 'last_days') return [format(locale, 'summary.lastDays', { field, days: filter.values[0] })];
    if (filter.op === 'top' || filter.op === 'bottom') return [format(locale, filter.op === 'top' ? 'summary.top' : 'summary.bottom', { field, count: filter.values[0] })];
    const values =
      filter.values.length <= MAX_LISTED_VALUES
        ? or.format(filter.values.map((v) => valueText(locale, v)))
        : format(locale, 'shelf.filterValues', { count: filter.values.length });
    return [format(locale, filter.op === 'not_in' ? 'summary.notIn' : 'summary.in', { field, values })];
  });
  return filters.length === 0 ? format(locale, 'summary.plain', { summary: title }) : format(locale, 'summary.where', { summary: title, filters: and.format(filters) });
}
