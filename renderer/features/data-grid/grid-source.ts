import type { CellValue, ColumnStats, ColumnType, LocalizedText, RowSortKey, ValueCount } from '../../../shared/api/types';
import type { FilterSpec } from '../../../shared/spec/query-spec';

/** A column the grid shows: its field name, label and type. */
export interface GridColumn {
  readonly name: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
}

/** The order and filters the grid asks its source for. */
export interface GridView {
  readonly sort: readonly RowSortKey[];
  readonly filters: readonly FilterSpec[];
}

export interface GridPage {
  readonly rows: readonly (readonly CellValue[])[];
  /** Rows under the view's filters. */
  readonly total: number;
}

export interface ColumnValues {
  readonly values: readonly ValueCount[];
  readonly distinct: number;
}

/**
 * Where the grid's rows come from: a workbench table through the API, or rows already in memory
 * (a query result). The grid only asks for pages, a field's stats and its values with counts.
 */
export interface GridSource {
  /** Changes whenever the rows may have changed, so that the grid forgets its pages. */
  readonly id: string;
  readonly columns: readonly GridColumn[];
  readRows(view: GridView, offset: number, limit: number): Promise<GridPage>;
  columnStats(field: string, filters: readonly FilterSpec[]): Promise<ColumnStats>;
  columnValues(field: string, filters: readonly FilterSpec[], search: string, limit: number): Promise<ColumnValues>;
}

export const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'real', 'boolean']);
export const TEMPORAL_TYPES: ReadonlySet<ColumnType> = new Set(['date', 'datetime']);
