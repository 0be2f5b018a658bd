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
  /**
   * Joins each row of `table` (a ticket) to its waits for the customer: each event of `events`
   * whose status is one of the `statusCount` statuses bound in it starts a wait that lasts until
   * the ticket's next event (or its end). The rows are grouped back to one per ticket by the caller.
   */
  waitsJoin(p: WaitsSql): string;
  /** The minutes of the joined waits between the ticket's `start` and `end` fields (working
   * minutes when `business`), as an aggregate over the join: 0 when it never waited. */
  waitedMinutes(p: { readonly table: string; readonly start: string; readonly end: string; readonly business: boolean }): string;
  /**
   * On each customer's first complaint row (`complaint` holds; first by `created`, then rowid):
   * 1 when the joined customer's churn date falls from that day to `withinDays` (a checked whole
   * number) days later, else 0; NULL on other rows. `complaintAt` lists where the complaint's SQL
   * was written, so its bound values can be repeated in order.
   */
  firstComplaintChurn(p: {
    readonly table: string;
    readonly customer: string;
    readonly created: string;
    readonly complaint: string;
    readonly withinDays: number;
    /** The joined customer's churn date (customersJoin), or activity in another table: none in the
     * days after means churned, and NULL (unknown) where the activity data ends before them. */
    readonly churn: { readonly kind: 'churnDate' } | { readonly kind: 'activity'; readonly table: string; readonly key: string; readonly time: string };
  }): { sql: string; complaintAt: number[] };
  /** Joins each row of `table` to its customer's earliest churn date in `customers` (one row each). */
  customersJoin(p: { readonly table: string; readonly customer: string; readonly customers: string; readonly key: string; readonly churned: string }): string;
  /** Suffix of an ORDER BY term so that empty groups come last. */
  nullsLast(direction: 'asc' | 'desc'): string;
}

/** The tables and fields waits are read from (names, quoted by the dialect). */
export interface WaitsSql {
  readonly table: string;
  readonly ticketKey: string;
  readonly events: string;
  readonly eventKey: string;
  readonly eventTime: string;
  readonly eventStatus: string;
  readonly statusCount: number;
}

const WAITS = '"__rw_waits"';
const CUSTOMERS = '"__rw_customers"';

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
  waitsJoin(p) {
    const q = quoteSqliteIdent;
    const e = q(p.events);
    const waits = `SELECT ${e}.${q(p.eventKey)} AS "__k", ${e}.${q(p.eventTime)} AS "__s", LEAD(${e}.${q(p.eventTime)}) OVER (PARTITION BY ${e}.${q(p.eventKey)} ORDER BY ${e}.${q(p.eventTime)}, ${e}.rowid) AS "__e", ${e}.${q(p.eventStatus)} AS "__st" FROM ${e}`;
    const statuses = Array.from({ length: p.statusCount }, () => '?').join(', ');
    return `LEFT JOIN (${waits}) AS ${WAITS} ON ${WAITS}."__k" = ${q(p.table)}.${q(p.ticketKey)} AND ${WAITS}."__st" IN (${statuses})`;
  },
  waitedMinutes(p) {
    const q = quoteSqliteIdent;
    const from = `MAX(${WAITS}."__s", ${q(p.table)}.${q(p.start)})`;
    // the last event's wait lasts until the ticket's end
    const end = `${q(p.table)}.${q(p.end)}`;
    const until = `MIN(COALESCE(${WAITS}."__e", ${end}), ${end})`;
    const minutes = p.business ? `rw_business_minutes(${from}, ${until})` : `((unixepoch(${until}) - unixepoch(${from})) / 60.0)`;
    return `COALESCE(SUM(CASE WHEN ${until} > ${from} THEN ${minutes} END), 0)`;
  },
  firstComplaintChurn(p) {
    const q = quoteSqliteIdent;
    const t = (field: string): string => `${q(p.table)}.${q(field)}`;
    if (!Number.isInteger(p.withinDays) || p.withinDays < 0) throw new Error(`withinDays must be a whole number of days, not ${p.withinDays}`);
    const first = `ROW_NUMBER() OVER (PARTITION BY ${t(p.customer)}, CASE WHEN (${p.complaint}) THEN 1 ELSE 0 END ORDER BY ${t(p.created)}, ${q(p.table)}.rowid)`;
    const until = `date(${t(p.created)}, '+${p.withinDays} days')`;
    let within: string;
    if (p.churn.kind === 'churnDate') {
      const churned = `${CUSTOMERS}."__churned"`;
      within = `CASE WHEN ${churned} >= date(${t(p.created)}) AND ${churned} <= ${until} THEN 1 ELSE 0 END`;
    } else {
      const a = q(p.churn.table);
      const time = `${a}.${q(p.churn.time)}`;
      const active = `EXISTS (SELECT 1 FROM ${a} WHERE ${a}.${q(p.churn.key)} = ${t(p.customer)} AND ${time} > ${t(p.created)} AND date(${time}) <= ${until})`;
      within = `CASE WHEN (SELECT MAX(date(${time})) FROM ${a}) < ${until} THEN NULL WHEN ${active} THEN 0 ELSE 1 END`;
    }
    return { sql: `CASE WHEN (${p.complaint}) AND ${t(p.customer)} IS NOT NULL AND ${first} = 1 THEN ${within} END`, complaintAt: [0, 1] };
  },
  customersJoin(p) {
    const q = quoteSqliteIdent;
    return `LEFT JOIN (SELECT ${q(p.key)} AS "__ck", MIN(${q(p.churned)}) AS "__churned" FROM ${q(p.customers)} GROUP BY ${q(p.key)}) AS ${CUSTOMERS} ON ${CUSTOMERS}."__ck" = ${q(p.table)}.${q(p.customer)}`;
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
