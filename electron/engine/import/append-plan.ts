import type { ColumnType, ValueFormat } from '../../../shared/api/types';
import { uniqueName } from '../workbench/identifiers';
import type { ColumnDecision } from './infer-types';

/** A column of the table a file is appended to. */
export interface TableColumn {
  readonly name: string;
  readonly label: string;
  readonly type: ColumnType;
  readonly format: ValueFormat;
}

export interface AppendPlan {
  /** Per file column, the table column it goes to. */
  readonly targets: readonly string[];
  /** Per file column, the existing table column it matched, or undefined when it is a new column. */
  readonly matched: readonly (TableColumn | undefined)[];
  /** The table's columns no file column goes to. */
  readonly missing: readonly string[];
}

const key = (text: string): string => text.trim().toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Matches a file's columns to a table's: the user's mapping first (file column → table column, or
 * null for a new column whatever its name), then the same name, then the same header text,
 * ignoring case, spaces, `_` and `-`. A file column matching nothing becomes a new column (its
 * name made unique); a table column nothing goes to is missing (NULL in the appended rows).
 */
export function planAppend(
  fileColumns: readonly { readonly name: string; readonly label: string }[],
  table: readonly TableColumn[],
  mapping: Readonly<Record<string, string | null>> = {},
): AppendPlan {
  const taken = new Set<string>();
  const byName = new Map(table.map((c) => [c.name, c]));
  const byKey = new Map<string, TableColumn>();
  for (const c of table) {
    for (const k of [key(c.name), key(c.label)]) if (!byKey.has(k)) byKey.set(k, c);
  }
  const matched: (TableColumn | undefined)[] = fileColumns.map(() => undefined);
  const take = (i: number, found: TableColumn | undefined): void => {
    if (found === undefined || taken.has(found.name)) return;
    taken.add(found.name);
    matched[i] = found;
  };
  // the mapping first, so that a column matched by its name cannot take the one the user chose
  fileColumns.forEach((column, i) => {
    const chosen = mapping[column.name];
    if (chosen !== undefined && chosen !== null) take(i, byName.get(chosen));
  });
  fileColumns.forEach((column, i) => {
    if (mapping[column.name] === undefined) take(i, byName.get(column.name) ?? byKey.get(key(column.name)) ?? byKey.get(key(column.label)));
  });
  const names = table.map((c) => c.name);
  const targets = fileColumns.map((column, i) => {
    const m = matched[i];
    if (m !== undefined) return m.name;
    const fresh = uniqueName(column.name, names);
    names.push(fresh);
    return fresh;
  });
  return { targets, matched, missing: table.filter((c) => !taken.has(c.name)).map((c) => c.name) };
}

const DEFAULT_FORMAT: Readonly<Record<ColumnType, ValueFormat>> = {
  integer: 'integer',
  real: 'decimal',
  boolean: 'boolean',
  date: 'ymd',
  datetime: 'ymd',
  text: 'text',
};
const temporal = (type: ColumnType): boolean => type === 'date' || type === 'datetime';

/**
 * How an appended column is read: as the table column's type, keeping the way this file writes its
 * values when that fits the type (day-first dates stay day-first, integers go into a decimal
 * column as they are); otherwise the type's usual format, misfits becoming rejects.
 */
export function appendedDecision(file: ColumnDecision, target: TableColumn): ColumnDecision {
  if (file.type === target.type) return file;
  if (target.type === 'text') return { type: 'text', format: 'text' };
  if (temporal(file.type) && temporal(target.type)) return { type: target.type, format: file.format };
  if (target.type === 'real' && file.type === 'integer') return { type: 'real', format: file.format };
  return { type: target.type, format: DEFAULT_FORMAT[target.type] };
}
