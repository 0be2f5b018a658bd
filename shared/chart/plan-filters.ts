import type { ChartFilter } from '../spec/chart-spec';
import type { FilterSpec } from '../spec/query-spec';
import type { SheetQuery } from './sheet-query';

/** A saved filter (a dashboard's, a report block's, a cross-filter's) as a query's filter on `field`. */
export function chartFilterSpec(field: string, filter: ChartFilter): FilterSpec {
  return { field, op: filter.op, values: filter.values, ...('by' in filter && filter.by !== undefined ? { by: filter.by } : {}) };
}

/** The sheet's plan with more filters on its query (and on a KPI's trend). */
export function withFilters(planned: SheetQuery, extra: readonly FilterSpec[]): SheetQuery {
  if (planned.kind === 'empty' || extra.length === 0) return planned;
  if (planned.kind === 'chart') {
    const { plan } = planned;
    const pivot = plan.extras.pivot;
    return {
      ...planned,
      plan: {
        ...plan,
        spec: { ...plan.spec, filters: [...plan.spec.filters, ...extra] },
        extras: pivot === undefined ? plan.extras : { ...plan.extras, pivot: { ...pivot, rowTotals: { ...pivot.rowTotals, filters: [...pivot.rowTotals.filters, ...extra] } } },
      },
    };
  }
  const { trend } = planned.plan;
  return {
    ...planned,
    plan: {
      ...planned.plan,
      spec: { ...planned.plan.spec, filters: [...planned.plan.spec.filters, ...extra] },
      trend: trend === undefined ? undefined : { ...trend, filters: [...trend.filters, ...extra] },
    },
  };
}
