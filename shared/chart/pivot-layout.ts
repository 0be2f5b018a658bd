import type { Locale } from '../i18n/messages';
import { GROUPING_COLUMN } from '../spec/query-spec';
import { localeOrder } from './locale-order';
import type { ResultRow } from '../query/result-rows';
import type { PivotExtras, PlacedPill } from './sheet-query';

type RawValue = string | number | null;

/** A line of the pivot table: a combination of the values down, a subtotal of its outer values, or the total row. */
export interface PivotLine {
  readonly kind: 'detail' | 'subtotal' | 'total';
  /** One per dimension down: the value, or null where a subtotal or the total rolls the dimension up. */
  readonly headers: readonly RawValue[];
  /** How many leading headers a subtotal keeps (its label goes in the next one). */
  readonly kept: number;
  /** Per value across, one value per measure. */
  readonly cells: readonly (readonly (number | null)[])[];
  /** The line's total across, one value per measure. */
  readonly total: readonly (number | null)[];
}

export interface PivotLayout {
  readonly across: readonly RawValue[];
  readonly lines: readonly PivotLine[];
}

const numberOrNull = (value: RawValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * Indexes a totals query's rows by level and the values of the dimensions the level keeps: level g
 * keeps the leading `dimensions.length - g` dimensions (see GROUPING_COLUMN).
 */
function indexByLevel(rows: readonly ResultRow[], dimensions: readonly PlacedPill[]): Map<string, ResultRow> {
  const index = new Map<string, ResultRow>();
  for (const row of rows) {
    const level = numberOrNull(row[GROUPING_COLUMN]) ?? 0;
    const kept = dimensions.slice(0, dimensions.length - level).map((d) => row[d.id] ?? null);
    index.set(JSON.stringify([level, ...kept]), row);
  }
  return index;
}

/**
 * Lays out a pivot table from the engine's two answers (see PivotExtras): the values across in the
 * reader's order (as chart axes are), one line per combination of the values down in that order,
 * a subtotal line after each group of an outer value down, and the total line. Every number is one
 * the engine returned; nothing is added up here.
 */
export function pivotLayout(pivot: PivotExtras, measures: readonly PlacedPill[], rows: readonly ResultRow[], rowTotals: readonly ResultRow[], locale: Locale): PivotLayout {
  const order = localeOrder(locale);
  const { across, down } = pivot;
  const n = down.length;
  const cells = indexByLevel(rows, [across, ...down]);
  const totals = indexByLevel(rowTotals, down);
  const acrossValues: RawValue[] = [];
  const seenAcross = new Set<string>();
  for (const row of rows) {
    if ((numberOrNull(row[GROUPING_COLUMN]) ?? 0) !== 0) continue;
    const key = JSON.stringify(row[across.id] ?? null);
    if (seenAcross.has(key)) continue;
    seenAcross.add(key);
    acrossValues.push(row[across.id] ?? null);
  }
  const values = (row: ResultRow | undefined): (number | null)[] => measures.map((m) => numberOrNull(row?.[m.id]));
  const line = (kind: PivotLine['kind'], kept: readonly RawValue[], level: number): PivotLine => ({
    kind,
    headers: [...kept, ...new Array<RawValue>(n - kept.length).fill(null)],
    kept: kept.length,
    cells: acrossValues.map((a) => values(kind === 'total' ? cells.get(JSON.stringify([n, a])) : cells.get(JSON.stringify([level, a, ...kept])))),
    total: values(kind === 'total' ? cells.get(JSON.stringify([n + 1])) : totals.get(JSON.stringify([level, ...kept]))),
  });

  acrossValues.sort(order);
  const paths = (n === 0 ? rowTotals.slice(0, 1) : rowTotals.filter((row) => (numberOrNull(row[GROUPING_COLUMN]) ?? 0) === 0))
    .map((row) => down.map((d) => row[d.id] ?? null))
    // outer values first, so that each group's lines stay together for its subtotal
    .sort((a, b) => a.reduce<number>((c, value, i) => (c !== 0 ? c : order(value, b[i] ?? null)), 0));
  const lines: PivotLine[] = [];
  paths.forEach((path, i) => {
    lines.push(line('detail', path, 0));
    const next = paths[i + 1];
    // close the groups that end here, innermost first
    for (let keep = n - 1; keep >= 1; keep--) {
      const prefix = path.slice(0, keep);
      if (next !== undefined && JSON.stringify(next.slice(0, keep)) === JSON.stringify(prefix)) break;
      lines.push(line('subtotal', prefix, n - keep));
    }
  });
  // without dimensions down, the one line is the total already
  if (n > 0) lines.push(line('total', [], n));
  return { across: acrossValues, lines };
}
