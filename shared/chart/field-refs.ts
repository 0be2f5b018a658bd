import type { FieldInfo, TableSchema } from '../api/types';
import type { MetricDefinition } from '../metrics/metric-definition';
import { RECORD_COUNT_FIELD, RECORD_COUNT_LABEL, metricFieldName, type FieldRef } from './sheet-state';

export function fieldRef(schema: TableSchema, field: FieldInfo): FieldRef {
  return {
    table: schema.table,
    tableLabel: schema.label,
    field: field.name,
    label: field.label,
    kind: field.kind,
    type: field.type,
    defaultAggregate: field.defaultAggregate,
  };
}

export function recordCountRef(schema: TableSchema): FieldRef {
  return {
    table: schema.table,
    tableLabel: schema.label,
    field: RECORD_COUNT_FIELD,
    label: RECORD_COUNT_LABEL,
    kind: 'measure',
    type: 'integer',
    defaultAggregate: 'count',
  };
}

/** A catalogue metric as the field panel offers it: a measure computed by its definition. */
export function metricRef(schema: TableSchema, metric: MetricDefinition): FieldRef {
  return {
    table: schema.table,
    tableLabel: schema.label,
    field: metricFieldName(metric.id),
    label: metric.name,
    kind: 'measure',
    type: 'real',
    defaultAggregate: 'avg',
    metric: { id: metric.id, version: metric.version },
  };
}

export interface FieldGroups {
  readonly dimensions: readonly FieldRef[];
  readonly dates: readonly FieldRef[];
  readonly measures: readonly FieldRef[];
  readonly metrics: readonly FieldRef[];
}

/** The fields of a table as the list shows them; "Number of records" leads the measures. */
export function groupFields(schema: TableSchema, matches: (ref: FieldRef) => boolean, metrics: readonly MetricDefinition[] = []): FieldGroups {
  const refs = schema.fields.map((f) => fieldRef(schema, f));
  return {
    dimensions: refs.filter((r) => r.kind === 'dimension' && matches(r)),
    dates: refs.filter((r) => r.kind === 'temporal' && matches(r)),
    measures: [recordCountRef(schema), ...refs.filter((r) => r.kind === 'measure')].filter(matches),
    metrics: metrics.map((m) => metricRef(schema, m)).filter(matches),
  };
}

/** A search matches a field's label in either language or its column name. */
export function fieldMatcher(search: string): (ref: FieldRef) => boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return () => true;
  return (ref) => [ref.field, ref.label.en, ref.label['zh-CN']].some((text) => text.toLowerCase().includes(needle));
}
