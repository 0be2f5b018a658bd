import { format, type Locale } from '../../../shared/i18n/messages';
import { isRecordCount, type Pill } from '../../state/sheet-state';

/** "Average of CSAT" / "平均值 满意度"; Number of records names itself. */
export function measureTitle(locale: Locale, pill: Pill): string {
  if (isRecordCount(pill) || pill.aggregate === undefined) return pill.label[locale];
  return format(locale, 'chart.axis.measure', { aggregate: format(locale, `agg.${pill.aggregate}`), field: pill.label[locale] });
}

/** The same measure inside a sentence: "Average of CSAT" / "满意度平均值". */
export function measurePhrase(locale: Locale, pill: Pill): string {
  if (isRecordCount(pill) || pill.aggregate === undefined) return pill.label[locale];
  return format(locale, 'summary.measure', { aggregate: format(locale, `agg.${pill.aggregate}`), field: pill.label[locale] });
}

/** "Created at (Month)" for a bucketed date, the label otherwise. */
export function dimensionTitle(locale: Locale, pill: Pill): string {
  if (pill.timeUnit === undefined) return pill.label[locale];
  return format(locale, 'chart.axis.timeUnit', { field: pill.label[locale], unit: format(locale, `time.${pill.timeUnit}`) });
}
