import type { TableSchema } from '../../../shared/api/types';
import type { ChartFilter } from '../../../shared/spec/chart-spec';
import type { DashboardFilter } from '../../../shared/spec/dashboard-spec';
import type { FilterSpec } from '../../../shared/spec/query-spec';
import type { SheetQuery } from '../../../shared/chart/sheet-query';
import type { CrossFilter } from './dashboard-store';

function filterSpec(field: string, filter: ChartFilter): FilterSpec {
  return { field, op: filter.op, values: filter.values, ...('by' in filter && filter.by !== undefined ? { by: filter.by } : {}) };
}

/**
 * The filters a tile gets beside its own: every dashboard filter whose field its table has, and
 * the cross-filter of a mark clicked in another tile (the tile clicked keeps showing everything,
 * so the choice can be changed there).
 */
export function tileFilters(args: {
  readonly tileId: string;
  readonly schema: TableSchema | undefined;
  readonly filters: readonly DashboardFilter[];
  readonly crossFilter: CrossFilter | null;
}): FilterSpec[] {
  const { schema } = args;
  if (schema === undefined) return [];
  const has = (field: string): boolean => schema.fields.some((f) => f.name === field);
  const fromDashboard = args.filters.filter((f) => has(f.field)).map((f) => filterSpec(f.field, f.filter));
  const cross = args.crossFilter;
  const fromCross = cross === null || cross.sourceTile === args.tileId ? [] : cross.values.filter((v) => has(v.field)).map((v) => filterSpec(v.field, v.filter));
  return [...fromDashboard, ...fromCross];
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
