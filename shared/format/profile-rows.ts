import type { CellValue } from '../api/types';
import { format, formatNumber, type Locale } from '../i18n/messages';
import type { ProfileRow, TableProfile } from '../spec/table-profile';

/** The profile as lines of (column, measure, value) in one language, for CSV or XLSX export. */
export function profileToRows(profile: TableProfile, locale: Locale): ProfileRow[] {
  const rows: ProfileRow[] = [];
  const whole = format(locale, 'profile.wholeTable');
  const push = (column: string, measure: string, value: CellValue): void => {
    rows.push({ column, measure, value });
  };
  const text = (value: CellValue): string => (value === null ? '' : typeof value === 'number' ? formatNumber(locale, value) : value);
  push(whole, format(locale, 'profile.measure.rows'), profile.rows);
  push(whole, format(locale, 'profile.measure.rejectedRows'), profile.rejectedRows);
  push(whole, format(locale, 'profile.measure.score'), profile.score);
  for (const c of profile.columns) {
    const column = c.label[locale] || c.name;
    push(column, format(locale, 'profile.measure.rows'), c.rows);
    push(column, format(locale, 'profile.measure.nulls'), c.nulls);
    push(column, format(locale, 'profile.measure.distinct'), c.distinct);
    c.topValues.forEach((v, i) => push(column, format(locale, 'profile.measure.topValue', { rank: i + 1 }), `${text(v.value)} (${formatNumber(locale, v.count)})`));
    c.patterns.forEach((p, i) => push(column, format(locale, 'profile.measure.pattern', { rank: i + 1 }), `${p.pattern} (${formatNumber(locale, p.count)}, ${formatNumber(locale, p.share * 100)}%)`));
    if (c.numbers !== null) {
      push(column, format(locale, 'profile.measure.min'), c.numbers.min);
      push(column, format(locale, 'profile.measure.max'), c.numbers.max);
      push(column, format(locale, 'profile.measure.mean'), c.numbers.mean);
      push(column, format(locale, 'profile.measure.outliers'), c.numbers.outliers);
      if (c.numbers.outlierExamples.length > 0) push(column, format(locale, 'profile.measure.outlierExamples'), c.numbers.outlierExamples.map(text).join('; '));
    }
    if (c.dates !== null) {
      push(column, format(locale, 'profile.measure.min'), c.dates.min);
      push(column, format(locale, 'profile.measure.max'), c.dates.max);
    }
    push(column, format(locale, 'profile.measure.rejects'), c.rejects.count);
    for (const r of c.rejects.byReason) push(column, format(locale, 'profile.measure.rejectReason', { reason: r.reason }), r.count);
    for (const v of c.violations) {
      const rule = format(locale, v.message, v.params);
      push(column, format(locale, 'profile.measure.rule', { rule }), v.count);
      if (v.rowids.length > 0) push(column, format(locale, 'profile.measure.ruleRows', { rule }), v.rowids.join(', '));
    }
    push(column, format(locale, 'profile.measure.score'), c.score);
  }
  return rows;
}
