import type { LocalizedText } from '../api/types';
import type { FieldRole } from '../model/field-roles';

/** What a metric's number is counted in. `percent` values run 0–100; `nps` runs −100 to 100. */
export const METRIC_UNITS = ['count', 'percent', 'minutes', 'hours', 'days', 'score', 'nps'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export type MetricDirection = 'higher-is-better' | 'lower-is-better' | 'neutral';

/**
 * How a metric aggregates, over row expressions written in the model's expression language with
 * roles as their fields (`MINUTES_BETWEEN(created_at, first_response_at)`). Every kind aggregates
 * from sums and counts at any level of grouping, so a ratio is always the ratio of the sums, never
 * an average of averages.
 */
export type MetricFormula =
  /** Rows, or rows where `where` holds. */
  | { readonly kind: 'count'; readonly where?: string | undefined }
  /** 100 × Σ numerator ÷ Σ denominator; both are 0/1 (or weights) per row, the numerator's rows a
   * subset of the denominator's, so the share gets a Wilson interval; n = Σ denominator. */
  | { readonly kind: 'ratio'; readonly numerator: string; readonly denominator: string }
  /** Σ value ÷ n over rows where the value is not NULL (and `where` holds); normal interval. */
  | { readonly kind: 'mean'; readonly value: string; readonly where?: string | undefined }
  /** The p-th percentile (0–100) of the non-NULL values (where `where` holds). */
  | { readonly kind: 'quantile'; readonly value: string; readonly p: number; readonly where?: string | undefined }
  /** Net Promoter Score: % of scores 9–10 minus % of scores 0–6, among the scores given. */
  | { readonly kind: 'nps'; readonly score: string };

/** A value of each row that the engine works out before the formula reads it by `name`:
 * - `daysSincePrevious`: the days since the previous row of the same `partition` role (ordered by
 *   the `order` role), NULL for the first;
 * - `pausedMinutes`: the minutes (working minutes when `business`) the ticket waited for the
 *   customer between its creation and its `end` role, by the workbench's pause rule (see
 *   shared/model/pause-rule.ts; 0 when it
 *   never waited); a variant with it is used only where the workbench has a pause rule. */
export type DerivedField =
  | { readonly name: string; readonly kind: 'daysSincePrevious'; readonly partition: FieldRole; readonly order: FieldRole }
  | { readonly name: string; readonly kind: 'pausedMinutes'; readonly business: boolean; readonly end: FieldRole }
  /** On each customer's first complaint (the first row where the `complaint` formula holds): 1 when
   * the customer record (reached through the relationship on customer_id) shows churn from that
   * day to `withinDays` days later, else 0; NULL on every other row. Needs a customer table with a
   * churned_at role. */
  | { readonly name: string; readonly kind: 'churnAfterFirstComplaint'; readonly complaint: string; readonly withinDays: number };

/** One way to compute a metric, with the roles it needs; the first whose roles a table has is used. */
export interface MetricVariant {
  readonly requires: readonly FieldRole[];
  /** The role that places a row in time, for periods and trends. */
  readonly timeRole: FieldRole;
  readonly formula: MetricFormula;
  readonly derived?: readonly DerivedField[] | undefined;
  /** A stock at one moment, not a flow over a period: its formula reads that moment as `AS_OF`
   * (the first instant after the period, else just after the latest time in the data), and a
   * period does not filter its rows. */
  readonly stock?: boolean | undefined;
}

export interface MetricDefinition {
  readonly id: string;
  /** Raised whenever the formula changes; a chart records the version it used. */
  readonly version: number;
  readonly name: LocalizedText;
  /** What it measures and how, for the catalogue and the inspector. */
  readonly description: LocalizedText;
  readonly unit: MetricUnit;
  readonly direction: MetricDirection;
  /** Fewer rows than this (n) and a value is marked as low-n. */
  readonly minSample: number;
  readonly variants: readonly MetricVariant[];
  /** Shipped with Rootwise (false: a user's own metric, stored in the workbench). */
  readonly builtIn: boolean;
  /** A user's metric taken out of the catalogue: this last version marks it, the ones before stay for the charts that used them. */
  readonly retired?: true;
}

/** A user's metric as saved: the workbench gives it its version. */
export type MetricInput = Omit<MetricDefinition, 'version' | 'builtIn' | 'retired'>;
