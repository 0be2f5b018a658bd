import type { Aggregate, TimeUnit } from '../spec/query-spec';

/** What differs between SQL engines. SQLite is the first dialect; PostgreSQL is planned. */
export interface SqlDialect {
  readonly name: string;
  quoteIdent(identifier: string): string;
  /** Buckets an ISO date/datetime text expression; the bucket sorts chronologically as text. */
  timeBucket(unit: TimeUnit, expr: string): string;
  aggregate(fn: Aggregate, expr: string | undefined): string;
  /** Suffix of an ORDER BY term so that empty groups come last. */
  nullsLast(direction: 'asc' | 'desc'): string;
}

function quoteSqliteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  quoteIdent: quoteSqliteIdent,
  timeBucket(unit, expr) {
    switch (unit) {
      case 'year':
        return `strftime('%Y', ${expr})`;
      case 'quarter':
        return `(strftime('%Y', ${expr}) || '-Q' || ((CAST(strftime('%m', ${expr}) AS INTEGER) + 2) / 3))`;
      case 'month':
        return `strftime('%Y-%m', ${expr})`;
      case 'week':
        // ISO weeks start on Monday: step back (weekday + 6) % 7 days
        return `date(${expr}, '-' || ((CAST(strftime('%w', ${expr}) AS INTEGER) + 6) % 7) || ' days')`;
      case 'day':
        return `date(${expr})`;
      case 'hour':
        return `strftime('%Y-%m-%d %H:00', ${expr})`;
    }
  },
  aggregate(fn, expr) {
    if (expr === undefined) return 'COUNT(*)';
    switch (fn) {
      case 'count':
        return `COUNT(${expr})`;
      case 'count_distinct':
        return `COUNT(DISTINCT ${expr})`;
      case 'sum':
        return `SUM(${expr})`;
      case 'avg':
        return `AVG(${expr})`;
      case 'min':
        return `MIN(${expr})`;
      case 'max':
        return `MAX(${expr})`;
    }
  },
  nullsLast(direction) {
    return direction === 'asc' ? ' NULLS LAST' : '';
  },
};
