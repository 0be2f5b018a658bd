import type { Aggregate, TimeUnit } from '../spec/query-spec';

/** What differs between SQL engines. SQLite is the first dialect; PostgreSQL is planned. */
export interface SqlDialect {
  readonly name: string;
  quoteIdent(identifier: string): string;
  /** Buckets an ISO date/datetime text expression; the bucket sorts chronologically as text. */
  timeBucket(unit: TimeUnit, expr: string): string;
  /** `p` is the percentile of `percentile` (a checked number, 0–100). */
  aggregate(fn: Aggregate, expr: string | undefined, p?: number): string;
  /** The lower edge of the bin of width `width` (a checked positive number) holding the value. */
  bin(expr: string, width: number): string;
  /** Days from the previous row of the same `partition` (by `order`) to this one; NULL for the first. */
  daysSincePrevious(partition: string, order: string): string;
  /** The first day of the `days`-day window ending on the latest day `expr` holds in `table`; the
   * day count is the bound parameter the caller pushes. */
  lastDaysStart(expr: string, table: string): string;
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
      case 'weekday':
        return `strftime('%u', ${expr})`;
      case 'hour_of_day':
        return `strftime('%H', ${expr})`;
    }
  },
  bin(expr, width) {
    return `(floor(${expr} * 1.0 / ${width}) * ${width})`;
  },
  daysSincePrevious(partition, order) {
    return `(julianday(${order}) - julianday(LAG(${order}) OVER (PARTITION BY ${partition} ORDER BY ${order})))`;
  },
  lastDaysStart(expr, table) {
    return `(SELECT date(MAX(${expr}), '-' || (? - 1) || ' days') FROM ${quoteSqliteIdent(table)})`;
  },
  aggregate(fn, expr, p) {
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
      case 'median':
        return `median(${expr})`;
      case 'percentile':
        return `percentile(${expr}, ${p ?? 50})`;
    }
  },
  nullsLast(direction) {
    return direction === 'asc' ? ' NULLS LAST' : '';
  },
};
