import { tableFromIPC } from 'apache-arrow';
import type { QueryResult } from '../api/types';

export type ResultRow = Readonly<Record<string, string | number | null>>;

/** Decodes a query result's Arrow bytes into plain rows keyed by column name. */
export function resultRows(result: QueryResult): ResultRow[] {
  const table = tableFromIPC(result.arrow);
  const columns = result.columns.map((c) => ({ name: c.name, vector: table.getChild(c.name) }));
  const rows: ResultRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, string | number | null> = {};
    for (const { name, vector } of columns) {
      const value: unknown = vector?.get(i) ?? null;
      row[name] = typeof value === 'bigint' ? Number(value) : (value as string | number | null);
    }
    rows.push(row);
  }
  return rows;
}
