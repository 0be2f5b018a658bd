import type { LocalizedText } from '../api/types';
import type { FieldRole } from '../model/field-roles';
import type { PauseRule } from '../model/pause-rule';
import type { MetricDirection, MetricUnit } from './metric-definition';

/** What `computeMetrics` is asked: which metrics, over which rows, grouped how. */
export interface MetricRequest {
  /** Compute on this table only; absent = each metric on the table that best has its roles. */
  readonly table?: string | undefined;
  /** Metric ids; absent = every catalogue metric the roles allow. */
  readonly metrics?: readonly string[] | undefined;
  /** Group by a role or field (`channel`), a date role or field with a grain (`created_at:month`). */
  readonly by?: string | undefined;
  /** First and last day (YYYY-MM-DD, inclusive) of the metric's time role. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface MetricResult {
  readonly metric: string;
  readonly version: number;
  readonly name: LocalizedText;
  readonly unit: MetricUnit;
  readonly direction: MetricDirection;
  readonly table: string;
  /** role → field, as this result used them. */
  readonly fields: Readonly<Partial<Record<FieldRole, string>>>;
  /** The group's value of `by` (null for the NULL group, or when not grouped). */
  readonly group: string | number | null;
  readonly value: number | null;
  readonly n: number;
  readonly low: number | null;
  readonly high: number | null;
  /** n is below the metric's minimum sample: show the value, marked as uncertain. */
  readonly lowN: boolean;
  /** The time tickets waited for the customer was left out (the workbench's pause rule). */
  readonly paused: boolean;
}

export interface MetricReport {
  readonly by: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly results: readonly MetricResult[];
  /** Metrics asked for (or in the catalogue) that no table's roles allow, with the roles missing. */
  readonly unavailable: readonly { readonly metric: string; readonly missing: readonly FieldRole[] }[];
  /** Suggested roles the results relied on because nobody has confirmed roles yet. */
  readonly suggestedRolesUsed: readonly { readonly table: string; readonly role: FieldRole; readonly field: string; readonly confidence: number }[];
  /** The pause rule results left waits out by, and whether a person set it; null when none did. */
  readonly pauses: { readonly rule: PauseRule; readonly source: 'confirmed' | 'suggested' } | null;
}
