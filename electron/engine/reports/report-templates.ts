import type Database from 'better-sqlite3';
import { format, type Locale } from '../../../shared/i18n/messages';
import { EMPTY_REPORT_SPEC, type SavedReport } from '../../../shared/spec/report-spec';
import { monthlyReviewSpec } from './monthly-review';
import { saveReport } from './report-store';

/**
 * Makes and saves a report from a template: the monthly service review of a month (default the
 * last with tickets), or a blank report; both are then the user's to edit.
 */
export function createReportFromTemplate(
  db: Database.Database,
  request: { readonly template: 'monthly-review' | 'blank'; readonly period?: string | undefined; readonly locale: Locale },
): SavedReport {
  if (request.template === 'blank') return saveReport(db, { name: format(request.locale, 'report.defaultName'), spec: EMPTY_REPORT_SPEC, template: null });
  const { name, spec } = monthlyReviewSpec(db, request);
  return saveReport(db, { name, spec, template: 'monthly-review' });
}
