import type { CellValue, ColumnType, LocalizedText } from '../../../shared/api/types';

export interface DemoColumn {
  readonly name: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
}

/** One table of the demo dataset. Rows are produced lazily so that millions of rows never sit in
 * memory at once; calling `rows()` twice yields the same rows. Values follow the storage rules of
 * shared/api/types.ts: datetimes `YYYY-MM-DD HH:MM:SS`, dates `YYYY-MM-DD`, booleans 0/1. */
export interface DemoTable {
  readonly name: string;
  readonly label: LocalizedText;
  readonly columns: readonly DemoColumn[];
  readonly rowCount: number;
  rows(): Iterable<readonly CellValue[]>;
}

export interface DemoOptions {
  /** Number of tickets; the other tables scale with it. */
  readonly rows: number;
  readonly seed: number;
}

export const DEFAULT_DEMO_OPTIONS: DemoOptions = { rows: 20_000, seed: 42 };
