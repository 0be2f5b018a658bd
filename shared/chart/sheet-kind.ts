import type { TableSchema } from '../api/types';
import { showMe, type ShelfContents, type ShelfField } from './show-me';
import { DRAWN_KINDS, type DrawnKind, type Pill, type SheetState } from './sheet-state';
import { isSpreadable } from './sheet-query';

/** Units that fold time onto itself (every Monday, every 9 o'clock) are categories, not a time axis. */
const FOLDED = new Set(['weekday', 'hour_of_day']);

function shelfField(pill: Pill, role: ShelfField['role'], schema: TableSchema | undefined): ShelfField {
  if (role === 'measure') return { role, spreadable: isSpreadable(pill) };
  const temporal = pill.timeUnit !== undefined && !FOLDED.has(pill.timeUnit);
  const info = schema?.fields.find((f) => f.name === pill.field);
  return { role, temporal, ...(info === undefined || pill.timeUnit !== undefined ? {} : { cardinality: info.distinctCount }) };
}

/** What the sheet's shelves hold, as "Show me" reads it: Columns and Color group, Rows and Size
 * measure (labels and tooltips only annotate the marks, so they do not change the kind). */
export function sheetShelfContents(sheet: SheetState, schema: TableSchema | undefined): ShelfContents {
  return {
    columns: sheet.shelves.x.map((p) => shelfField(p, 'dimension', schema)),
    rows: sheet.shelves.y.map((p) => shelfField(p, 'measure', schema)),
    color: sheet.shelves.color.map((p) => shelfField(p, 'dimension', schema)),
    size: sheet.shelves.size.map((p) => shelfField(p, 'measure', schema)),
  };
}

export interface SheetKinds {
  /** The kinds that can draw the shelves, best first. */
  readonly fits: readonly DrawnKind[];
  /** The kind to draw: the user's choice while it fits, else the best that does. */
  readonly kind: DrawnKind;
}

const drawn = (kind: string): kind is DrawnKind => (DRAWN_KINDS as readonly string[]).includes(kind);

/** Picks the chart kind for a sheet ("Show me"), among the kinds the chart area draws. */
export function sheetKinds(sheet: SheetState, schema: TableSchema | undefined): SheetKinds {
  const fits = showMe(sheetShelfContents(sheet, schema)).fits.filter(drawn);
  const chosen = sheet.chartType;
  const kind = chosen !== 'auto' && fits.includes(chosen) ? chosen : (fits[0] ?? 'bar');
  return { fits, kind };
}
