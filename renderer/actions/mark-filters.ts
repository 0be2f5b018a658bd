import type { ScalarValue, TimeUnit } from '../../shared/spec/query-spec';
import type { FieldRef, Pill, PillFilter, SheetState } from '../../shared/chart/sheet-state';

/** One dimension value of a clicked mark: the pill it was grouped by, and the value (a date bucket for dates). */
export interface MarkValue {
  readonly pill: Pill;
  readonly value: string | number | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The first and last moment of a date bucket as the engine names it ('2024', '2024-Q3', '2024-09',
 * a week's Monday '2024-09-02', a day, an hour '2024-09-02 14:00'), for a `between` filter.
 * Undefined for units that fold time (weekday, hour of day), which no one range covers.
 */
export function bucketRange(unit: TimeUnit, bucket: string): readonly [string, string] | undefined {
  const end = (date: string): string => `${date} 23:59:59`;
  switch (unit) {
    case 'year': {
      if (!/^\d{4}$/.test(bucket)) return undefined;
      return [`${bucket}-01-01`, end(`${bucket}-12-31`)];
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/.exec(bucket);
      if (m === null) return undefined;
      const year = Number(m[1]);
      const first = (Number(m[2]) - 1) * 3 + 1;
      return [`${year}-${pad(first)}-01`, end(`${year}-${pad(first + 2)}-${pad(lastDayOf(year, first + 2))}`)];
    }
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(bucket);
      if (m === null) return undefined;
      return [`${bucket}-01`, end(`${bucket}-${pad(lastDayOf(Number(m[1]), Number(m[2])))}`)];
    }
    case 'week': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(bucket)) return undefined;
      const sunday = new Date(`${bucket}T00:00:00Z`);
      sunday.setUTCDate(sunday.getUTCDate() + 6);
      return [bucket, end(sunday.toISOString().slice(0, 10))];
    }
    case 'day':
      return /^\d{4}-\d{2}-\d{2}$/.test(bucket) ? [bucket, end(bucket)] : undefined;
    case 'hour':
      return /^\d{4}-\d{2}-\d{2} \d{2}:00$/.test(bucket) ? [`${bucket}:00`, `${bucket.slice(0, 13)}:59:59`] : undefined;
    case 'weekday':
    case 'hour_of_day':
      return undefined;
  }
}

/** The next finer unit a date drills down to, and the coarser one it drills up to. */
export const FINER_UNIT: Partial<Record<TimeUnit, TimeUnit>> = { year: 'quarter', quarter: 'month', month: 'day', week: 'day', day: 'hour' };
export const COARSER_UNIT: Partial<Record<TimeUnit, TimeUnit>> = { quarter: 'year', month: 'quarter', day: 'month', hour: 'day' };

/** The filter that keeps (or leaves out) a mark's value of one dimension; undefined when it cannot. */
export function markFilter(mark: MarkValue, mode: 'keep' | 'exclude', existing: PillFilter | undefined): PillFilter | undefined {
  const { pill, value } = mark;
  if (pill.timeUnit !== undefined) {
    if (mode === 'exclude' || typeof value !== 'string') return undefined;
    const range = bucketRange(pill.timeUnit, value);
    return range === undefined ? undefined : { op: 'between', values: range };
  }
  const scalar: ScalarValue = value;
  if (mode === 'keep') return { op: 'in', values: [scalar] };
  const already = existing?.op === 'not_in' ? existing.values.filter((v) => v !== scalar) : [];
  return { op: 'not_in', values: [...already, scalar] };
}

/** Puts a filter on a field of the sheet: on the field's filter pill when there is one, else on a new pill. */
export function withFieldFilter(sheet: SheetState, field: FieldRef, filter: PillFilter, drilled: boolean): SheetState {
  const filters = sheet.shelves.filters;
  const at = filters.findIndex((p) => p.field === field.field);
  if (at >= 0) {
    const pills = filters.map((p, i) => (i === at ? { ...p, filter, ...(drilled ? { drilled: true } : {}) } : p));
    return { ...sheet, shelves: { ...sheet.shelves, filters: pills } };
  }
  const pill: Pill = {
    id: `p${sheet.nextPillId}`,
    table: field.table,
    tableLabel: field.tableLabel,
    field: field.field,
    label: field.label,
    kind: field.kind,
    type: field.type,
    defaultAggregate: field.defaultAggregate,
    filter,
    ...(drilled ? { drilled: true } : {}),
  };
  return { ...sheet, shelves: { ...sheet.shelves, filters: [...filters, pill] }, nextPillId: sheet.nextPillId + 1 };
}
