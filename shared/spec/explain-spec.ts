import type { LocalizedText } from '../api/types';
import type { ExplainOptions, ExplainResult } from '../explain/explain-types';
import type { MetricDirection, MetricUnit } from '../metrics/metric-definition';

/** Inclusive days, YYYY-MM-DD. */
export interface ExplainPeriod {
  readonly from: string;
  readonly to: string;
}

/** Rows kept by a filter: the field's value is one of `values` (null: the field is empty). */
export interface ExplainFilter {
  readonly field: string;
  readonly values: readonly (string | number | null)[];
}

/** A field a change is split over, with its label in both languages. */
export interface ExplainDimension {
  readonly field: string;
  readonly label: LocalizedText;
}

/** Why a metric moved between two periods on a table (the table whose roles the metric needs when none is named). */
export interface ExplainMetricRequest {
  readonly table?: string | undefined;
  readonly metric: string;
  /** Before. */
  readonly periodA: ExplainPeriod;
  /** After. */
  readonly periodB: ExplainPeriod;
  readonly filters?: readonly ExplainFilter[] | undefined;
  /** Fields to split over; default the table's grouping fields. */
  readonly dimensions?: readonly string[] | undefined;
  /** Also sum pairs of the leading dimensions' leading values (default true). */
  readonly pairs?: boolean | undefined;
  readonly options?: ExplainOptions | undefined;
}

export interface ExplainMetricResult extends ExplainResult {
  readonly table: string;
  readonly metric: {
    readonly id: string;
    readonly version: number;
    readonly name: LocalizedText;
    readonly unit: MetricUnit;
    readonly direction: MetricDirection;
  };
  readonly periodA: ExplainPeriod;
  readonly periodB: ExplainPeriod;
  /** The dimensions split over, in order, with their labels in both languages. */
  readonly dimensionLabels: readonly ExplainDimension[];
  /** The pairs of dimensions summed (on their leading values only). */
  readonly pairs: readonly (readonly [string, string])[];
}
