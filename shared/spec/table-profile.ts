import type { CellValue, ColumnType, LocalizedText } from '../api/types';
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { FieldRole } from '../model/field-roles';

/**
 * A data-quality profile of one workbench table: per column, how full, how varied and how well
 * shaped its values are, which values its type or its role refuses, and a quality score.
 *
 * Empty values: NULL, or text that is empty or only whitespace. They are left out of every other
 * measure (distinct values, frequent values, patterns, ranges).
 */
export interface TableProfile {
  readonly table: string;
  readonly label: LocalizedText;
  readonly rows: number;
  readonly columns: readonly ColumnQualityProfile[];
  /** Whole rows the imports of this table could not take (a wrong field count, a cut record);
   * they are not in the table, so they do not lower any score. */
  readonly rejectedRows: number;
  /** The table's score: the mean of its columns' unrounded scores (each cell weighs the same),
   * rounded down to one decimal. 100 for a table without columns. */
  readonly score: number;
}

export interface ColumnQualityProfile {
  readonly name: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
  /** The role the field plays in the table's model (applied roles only), or null. */
  readonly role: FieldRole | null;
  readonly rows: number;
  /** NULL or empty/whitespace-only text. Values rejected at import are among them. */
  readonly nulls: number;
  /** Distinct values that are not empty, exact. */
  readonly distinct: number;
  /** The most frequent values (at most `sampleLimit`), by count then in SQLite's order. Empty when
   * every value is distinct: each would count 1. */
  readonly topValues: readonly ValueCount[];
  /** The most frequent shapes of the values (at most `sampleLimit`); shapes as `valuePattern` in
   * electron/engine/profile/value-pattern.ts writes them. */
  readonly patterns: readonly PatternCount[];
  /** Integer and real columns only. */
  readonly numbers: NumberStats | null;
  /** Date and datetime columns only; ISO text as stored. */
  readonly dates: DateRange | null;
  /** Values of this column rejected at import (they were stored as NULL), by reason. */
  readonly rejects: RejectCount;
  /** The checks of the column's role that ran, each with its breaches (zero included). */
  readonly violations: readonly RuleViolation[];
  /** 0–100, from the weighted share of problem cells; the weights and the formula are on
   * `qualityScore` in electron/engine/profile/table-profile.ts. */
  readonly score: number;
}

export interface ValueCount {
  readonly value: CellValue;
  readonly count: number;
}

export interface PatternCount {
  readonly pattern: string;
  readonly count: number;
  /** The pattern's share of the column's non-empty values, 0–1. */
  readonly share: number;
}

/**
 * Tukey's far-out fences: a value below Q1 − 3·IQR or above Q3 + 3·IQR is an outlier (3, not the
 * usual 1.5: service data is skewed, and only values that are likely mistakes should count).
 * Quartiles are interpolated linearly between ranks. When IQR is 0 (most values equal) no value
 * is called an outlier: the fences would refuse every value but the common one.
 */
export const OUTLIER_FENCE_FACTOR = 3;

export interface NumberStats {
  /** Null when the column has no numbers. */
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  readonly lowerFence: number | null;
  readonly upperFence: number | null;
  readonly outliers: number;
  /** Up to `sampleLimit` outlying values, the farthest from the median first. */
  readonly outlierExamples: readonly number[];
}

export interface DateRange {
  readonly min: string | null;
  readonly max: string | null;
}

export interface RejectCount {
  readonly count: number;
  readonly byReason: readonly { readonly reason: MessageKey; readonly count: number }[];
}

/**
 * A rule of a field's role:
 * - `score_range`: a csat, nps or ces value outside the role's range;
 * - `negative_count`: a reopen or transfer count below 0;
 * - the time rules: a later moment of a ticket stored before an earlier one. A date compared
 *   with a datetime is compared by its day.
 */
export const PROFILE_RULES = ['score_range', 'negative_count', 'first_response_before_created', 'resolved_before_created', 'closed_before_created', 'resolved_before_first_response'] as const;
export type ProfileRule = (typeof PROFILE_RULES)[number];

export interface RuleViolation {
  readonly rule: ProfileRule;
  /** What the rule says, for the UI in either language (with `params`). */
  readonly message: MessageKey;
  readonly params: MessageParams;
  /** The fields the rule compares; the violation is listed under the last (the suspect value). */
  readonly fields: readonly string[];
  readonly count: number;
  /** Up to `sampleLimit` rowids of breaking rows, ascending. */
  readonly rowids: readonly number[];
}

/** One line of a flattened profile, for CSV or XLSX export. */
export interface ProfileRow {
  /** The column's label in the export's language; the whole table's rows say so instead. */
  readonly column: string;
  readonly measure: string;
  readonly value: CellValue;
}
