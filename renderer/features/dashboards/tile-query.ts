import type { TableSchema } from '../../../shared/api/types';
import type { DashboardFilter } from '../../../shared/spec/dashboard-spec';
import type { FilterSpec } from '../../../shared/spec/query-spec';
import { chartFilterSpec } from '../../../shared/chart/plan-filters';
import type { CrossFilter } from './dashboard-store';

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
  const fromDashboard = args.filters.filter((f) => has(f.field)).map((f) => chartFilterSpec(f.field, f.filter));
  const cross = args.crossFilter;
  const fromCross = cross === null || cross.sourceTile === args.tileId ? [] : cross.values.filter((v) => has(v.field)).map((v) => chartFilterSpec(v.field, v.filter));
  return [...fromDashboard, ...fromCross];
}
