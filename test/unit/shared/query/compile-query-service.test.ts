import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../../shared/api/types';
import type { FieldRole } from '../../../../shared/model/field-roles';
import { assembleRows, compileQuery, shiftDate, type QuerySchema } from '../../../../shared/query/compile-query';
import type { QuerySpec } from '../../../../shared/spec/query-spec';

/**
 * The query engine's service features — catalogue metrics with n and intervals, medians and
 * percentiles, weekday and hour buckets, bins, relative dates, top N, period comparison and totals
 * — run in SQLite and checked against the same answers computed plainly here.
 */
interface Row {
  region: string;
  channel: string;
  agent: string;
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  reopen_count: number;
  transfer_count: number;
  csat: number | null;
  handle: number;
}

const rows: Row[] = [];
let db: Database.Database;

const schema: QuerySchema = {
  table: 'tickets',
  fields: (
    [
      ['region', 'text'],
      ['channel', 'text'],
      ['agent', 'text'],
      ['created_at', 'datetime'],
      ['first_response_at', 'datetime'],
      ['resolved_at', 'datetime'],
      ['reopen_count', 'integer'],
      ['transfer_count', 'integer'],
      ['csat', 'integer'],
      ['handle', 'real'],
    ] as const
  ).map(([name, type]) => ({ name, label: { en: name, 'zh-CN': name }, type })),
  roles: new Map<FieldRole, string>(
    (['region', 'channel', 'agent', 'created_at', 'first_response_at', 'resolved_at', 'reopen_count', 'transfer_count', 'csat'] as const).map((r) => [r, r]),
  ),
};

const pad = (n: number): string => String(n).padStart(2, '0');
const stamp = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

beforeAll(() => {
  // a small seeded generator (LCG), so the data is the same on every run
  let seed = 20241001;
  const next = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const regions = ['华东', '华南', '四川'];
  const channels = ['电话', '微信', '邮件'];
  for (let i = 0; i < 3000; i++) {
    const created = Date.UTC(2023, 0, 1) + Math.floor(next() * 730 * 86_400_000);
    const responded = next() < 0.05 ? null : created + Math.floor(next() * 600) * 60_000 - (next() < 0.01 ? 3_600_000 : 0);
    const resolved = next() < 0.08 ? null : created + Math.floor(next() * 200) * 3_600_000;
    rows.push({
      region: regions[Math.floor(next() * 3)]!,
      channel: channels[Math.floor(next() * 3)]!,
      agent: `A${Math.floor(next() * 25)}`,
      created_at: stamp(created),
      first_response_at: responded === null ? null : stamp(responded),
      resolved_at: resolved === null ? null : stamp(resolved),
      reopen_count: next() < 0.1 ? 1 : 0,
      transfer_count: Math.floor(next() * next() * 3),
      csat: next() < 0.6 ? null : 1 + Math.floor(next() * 5),
      handle: Math.round(next() * 1000) / 10,
    });
  }
  db = new Database(':memory:');
  db.exec('CREATE TABLE tickets (region TEXT, channel TEXT, agent TEXT, created_at TEXT, first_response_at TEXT, resolved_at TEXT, reopen_count INTEGER, transfer_count INTEGER, csat INTEGER, handle REAL)');
  const insert = db.prepare('INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const r of rows) insert.run(r.region, r.channel, r.agent, r.created_at, r.first_response_at, r.resolved_at, r.reopen_count, r.transfer_count, r.csat, r.handle);
});

function spec(partial: Partial<QuerySpec>): QuerySpec {
  return { version: 1, table: 'tickets', dimensions: [], measures: [], filters: [], sort: [], ...partial };
}

/** Runs a spec and returns its rows as objects keyed by output column. */
function run(s: QuerySpec): Record<string, CellValue>[] {
  const compiled = compileQuery(s, schema);
  const raw = (db.prepare(compiled.sql).raw(true).all(...compiled.params) as CellValue[][]).slice(0, compiled.limit);
  return assembleRows(compiled, raw).map((r) => Object.fromEntries(compiled.columns.map((c, i) => [c.name, r[i] ?? null])));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}
const minutes = (a: string, b: string): number => (Date.parse(`${b.replace(' ', 'T')}Z`) - Date.parse(`${a.replace(' ', 'T')}Z`)) / 60_000;
const fcr = (group: Row[]): { value: number; n: number } => {
  const resolved = group.filter((r) => r.resolved_at !== null);
  return { value: (100 * resolved.filter((r) => r.reopen_count === 0 && r.transfer_count === 0).length) / resolved.length, n: resolved.length };
};
const csatMean = (group: Row[]): number => {
  const scores = group.flatMap((r) => (r.csat === null ? [] : [r.csat]));
  return scores.reduce((a, b) => a + b, 0) / scores.length;
};
const byKey = <K extends keyof Row>(key: K): Map<Row[K], Row[]> => {
  const groups = new Map<Row[K], Row[]>();
  for (const r of rows) groups.set(r[key], [...(groups.get(r[key]) ?? []), r]);
  return groups;
};

describe('catalogue metrics in query specs', () => {
  it('come back as value, n and interval per group, from sums the SQL returns', () => {
    const compiled = compileQuery(spec({ dimensions: [{ field: 'region' }], measures: [{ metric: 'fcr_rate' }] }), schema);
    expect(compiled.sql).toBe(
      'SELECT "region" AS "region", ' +
        'SUM(CASE WHEN ((("resolved_at" IS NOT NULL) AND (coalesce("reopen_count", ?) = ?)) AND (coalesce("transfer_count", ?) = ?)) THEN ? ELSE ? END) AS "fcr_rate__s0", ' +
        'SUM(CASE WHEN ("resolved_at" IS NOT NULL) THEN ? ELSE ? END) AS "fcr_rate__s1" ' +
        'FROM "tickets" GROUP BY "region" ORDER BY "region" ASC NULLS LAST LIMIT ?',
    );
    expect(compiled.params).toEqual([0, 0, 0, 0, 1, 0, 1, 0, 100_001]);
    expect(compiled.columns.map((c) => c.name)).toEqual(['region', 'fcr_rate', 'fcr_rate__n', 'fcr_rate__low', 'fcr_rate__high']);
    expect(compiled.columns[1]!.metric).toEqual({ id: 'fcr_rate', version: 1, unit: 'percent', direction: 'higher-is-better', minSample: 30 });
    const result = run(spec({ dimensions: [{ field: 'region' }], measures: [{ metric: 'fcr_rate' }, { metric: 'csat_mean' }] }));
    for (const r of result) {
      const group = byKey('region').get(r['region'] as string)!;
      expect(r['fcr_rate']).toBeCloseTo(fcr(group).value, 9);
      expect(r['fcr_rate__n']).toBe(fcr(group).n);
      expect(r['fcr_rate__low'] as number).toBeLessThan(r['fcr_rate'] as number);
      expect(r['csat_mean']).toBeCloseTo(csatMean(group), 9);
    }
  });

  it('sort by a metric’s value and cut at the limit: the top agents by FCR within one year', () => {
    const result = run(
      spec({
        dimensions: [{ field: 'agent' }],
        measures: [{ metric: 'fcr_rate' }],
        filters: [{ field: 'created_at', op: 'between', values: ['2024-01-01', '2024-12-31 23:59:59'] }],
        sort: [{ by: 'fcr_rate', direction: 'desc' }],
        limit: 5,
      }),
    );
    const in2024 = rows.filter((r) => r.created_at >= '2024-01-01' && r.created_at <= '2024-12-31 23:59:59');
    const agents = [...new Set(in2024.map((r) => r.agent))].map((agent) => ({ agent, ...fcr(in2024.filter((r) => r.agent === agent)) })).sort((a, b) => b.value - a.value);
    expect(result.map((r) => r['agent'])).toEqual(agents.slice(0, 5).map((a) => a.agent));
  });

  it('add the columns a metric needs from other rows before grouping: repeat contacts of a customer within 7 days', () => {
    const withCustomers: QuerySchema = {
      ...schema,
      fields: [...schema.fields, { name: 'customer', label: { en: 'Customer', 'zh-CN': '客户' }, type: 'text' }],
      roles: new Map([...schema.roles!, ['customer_id', 'customer']]),
    };
    db.exec('ALTER TABLE tickets ADD COLUMN customer TEXT');
    db.exec("UPDATE tickets SET customer = 'C' || (rowid % 400)");
    const customers = db.prepare('SELECT rowid, customer FROM tickets').raw(true).all() as [number, string][];
    const customerOf = new Map(customers.map(([rowid, c]) => [rowid, c]));
    const compiled = compileQuery(spec({ dimensions: [{ field: 'region' }], measures: [{ metric: 'repeat_contact_rate' }] }), withCustomers);
    expect(compiled.sql).toContain('FROM (SELECT "tickets".*, "tickets".rowid AS "__rw_row", (julianday("created_at") - julianday(LAG("created_at") OVER (PARTITION BY "customer" ORDER BY "created_at"))) AS "__days_since_previous_contact" FROM "tickets")');
    const result = assembleRows(compiled, db.prepare(compiled.sql).raw(true).all(...compiled.params) as CellValue[][]);
    // plainly: each row's previous ticket of the same customer
    const flagged = rows.map((r, i) => ({ ...r, customer: customerOf.get(i + 1)! }));
    const byCustomer = new Map<string, typeof flagged>();
    for (const r of flagged) byCustomer.set(r.customer, [...(byCustomer.get(r.customer) ?? []), r]);
    const repeat = new Set<(typeof flagged)[number]>();
    for (const own of byCustomer.values()) {
      own.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
      own.forEach((r, i) => {
        if (i > 0 && minutes(own[i - 1]!.created_at, r.created_at) <= 7 * 1440) repeat.add(r);
      });
    }
    for (const [region, value] of result) {
      const group = flagged.filter((r) => r.region === region);
      expect(value).toBeCloseTo((100 * group.filter((r) => repeat.has(r)).length) / group.length, 9);
    }
    db.exec('ALTER TABLE tickets DROP COLUMN customer');
  });

  it('refuse a metric whose roles the table lacks, naming them', () => {
    let error: unknown;
    try {
      compileQuery(spec({ measures: [{ metric: 'nps' }] }), schema);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ key: 'error.query.metricNeedsRoles', params: { metric: 'nps', roles: 'nps', table: 'tickets' } });
  });
});

describe('aggregates and buckets', () => {
  it('give medians, percentiles, weekday and hour-of-day buckets and bins as computed plainly', () => {
    const stats = run(spec({ measures: [{ aggregate: 'median', field: 'handle' }, { aggregate: 'percentile', field: 'handle', p: 90 }, { metric: 'frt_p90' }] }))[0]!;
    const handles = rows.map((r) => r.handle);
    expect(stats['median_handle']).toBeCloseTo(percentile(handles, 50), 9);
    expect(stats['p90_handle']).toBeCloseTo(percentile(handles, 90), 9);
    const frt = rows.filter((r) => r.first_response_at !== null && r.first_response_at >= r.created_at).map((r) => minutes(r.created_at, r.first_response_at!));
    expect(stats['frt_p90']).toBeCloseTo(percentile(frt, 90), 6);

    const weekdays = run(spec({ dimensions: [{ field: 'created_at', timeUnit: 'weekday' }], measures: [{ aggregate: 'count' }] }));
    const isoWeekday = (s: string): string => String(((new Date(`${s.slice(0, 10)}T00:00:00Z`).getUTCDay() + 6) % 7) + 1);
    expect(weekdays.map((r) => r['created_at_weekday'])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    for (const r of weekdays) expect(r['count']).toBe(rows.filter((x) => isoWeekday(x.created_at) === r['created_at_weekday']).length);

    const hours = run(spec({ dimensions: [{ field: 'created_at', timeUnit: 'hour_of_day' }], measures: [{ aggregate: 'count' }] }));
    expect(hours).toHaveLength(24);
    expect(hours.find((r) => r['created_at_hour_of_day'] === '09')!['count']).toBe(rows.filter((r) => r.created_at.slice(11, 13) === '09').length);

    const bins = run(spec({ dimensions: [{ field: 'handle', bin: 25 }], measures: [{ aggregate: 'count' }] }));
    expect(bins.map((r) => r['handle_bin25'])).toEqual([...new Set(rows.map((r) => Math.floor(r.handle / 25) * 25))].sort((a, b) => a - b));
    expect(bins[1]!['count']).toBe(rows.filter((r) => r.handle >= 25 && r.handle < 50).length);
  });
});

describe('relative dates and top N', () => {
  it('take the last N days as the N days ending on the latest day in the data', () => {
    const latest = rows.map((r) => r.created_at).sort().at(-1)!.slice(0, 10);
    const start = shiftDate(latest, -89);
    const result = run(spec({ measures: [{ aggregate: 'count' }], filters: [{ field: 'created_at', op: 'last_days', values: [90] }] }));
    expect(result[0]!['count']).toBe(rows.filter((r) => r.created_at >= start).length);
  });

  it('keep the top N values of a field by a measure, under the other filters', () => {
    const result = run(
      spec({
        dimensions: [{ field: 'agent' }],
        measures: [{ aggregate: 'count' }],
        filters: [
          { field: 'channel', op: 'eq', values: ['电话'] },
          { field: 'agent', op: 'top', values: [3], by: { metric: 'csat_mean' } },
        ],
      }),
    );
    const phone = rows.filter((r) => r.channel === '电话');
    const ranked = [...new Set(phone.map((r) => r.agent))].map((agent) => ({ agent, csat: csatMean(phone.filter((r) => r.agent === agent)) })).sort((a, b) => b.csat - a.csat);
    expect(result.map((r) => r['agent']).sort()).toEqual(ranked.slice(0, 3).map((a) => a.agent).sort());
    expect(() => compileQuery(spec({ filters: [{ field: 'agent', op: 'top', values: [0] }] }), schema)).toThrow(expect.objectContaining({ key: 'error.query.badCount' }));
  });
});

describe('period comparison', () => {
  it('puts each measure beside its value in the previous period and the same period a year before, with the changes', () => {
    const inPeriod = (from: string, until: string): Row[] => rows.filter((r) => r.created_at >= from && r.created_at < until);
    const result = run(
      spec({ dimensions: [{ field: 'channel' }], measures: [{ aggregate: 'count' }, { metric: 'fcr_rate' }], compare: { field: 'created_at', from: '2024-10-01', to: '2024-10-31', with: 'previous_period' } }),
    );
    for (const r of result) {
      const channel = (rows: Row[]): Row[] => rows.filter((x) => x.channel === r['channel']);
      const current = channel(inPeriod('2024-10-01', '2024-11-01'));
      const previous = channel(inPeriod('2024-08-31', '2024-10-01'));
      expect(r['count']).toBe(current.length);
      expect(r['count__previous']).toBe(previous.length);
      expect(r['count__delta']).toBe(current.length - previous.length);
      expect(r['count__delta_pct']).toBeCloseTo((100 * (current.length - previous.length)) / previous.length, 9);
      expect(r['fcr_rate__previous']).toBeCloseTo(fcr(previous).value, 9);
      expect(r['fcr_rate__delta']).toBeCloseTo(fcr(current).value - fcr(previous).value, 9);
    }
    const yearly = run(spec({ measures: [{ aggregate: 'count' }], compare: { field: 'created_at', from: '2024-02-01', to: '2024-02-29', with: 'previous_year' } }))[0]!;
    expect(yearly['count']).toBe(inPeriod('2024-02-01', '2024-03-01').length);
    expect(yearly['count__previous']).toBe(inPeriod('2023-02-01', '2023-03-01').length);
  });
});

describe('totals', () => {
  it('add subtotals and a grand total whose ratios are ratios of sums, not averages of the groups', () => {
    const result = run(spec({ dimensions: [{ field: 'region' }, { field: 'channel' }], measures: [{ aggregate: 'count' }, { metric: 'fcr_rate' }], totals: true }));
    const detail = result.filter((r) => r['__grouping'] === 0);
    const subtotals = result.filter((r) => r['__grouping'] === 1);
    const grand = result.filter((r) => r['__grouping'] === 2);
    expect(detail).toHaveLength(9);
    expect(subtotals.map((r) => [r['region'], r['channel']])).toEqual([
      ['华东', null],
      ['华南', null],
      ['四川', null],
    ]);
    expect(grand).toHaveLength(1);
    expect(grand[0]!['count']).toBe(rows.length);
    expect(grand[0]!['fcr_rate']).toBeCloseTo(fcr(rows).value, 9);
    for (const s of subtotals) expect(s['fcr_rate']).toBeCloseTo(fcr(byKey('region').get(s['region'] as string)!).value, 9);
  });
});

describe('golden SQL', () => {
  const golden = (s: QuerySpec): { sql: string; params: readonly unknown[] } => {
    const compiled = compileQuery(s, schema);
    return { sql: compiled.sql, params: compiled.params };
  };

  it('pins a comparison with the previous period: the same aggregates twice, joined on the dimensions', () => {
    expect(golden(spec({ dimensions: [{ field: 'channel' }], measures: [{ metric: 'csat_mean' }], compare: { field: 'created_at', from: '2024-10-01', to: '2024-10-31', with: 'previous_period' } }))).toEqual({
      sql: 'SELECT * FROM (SELECT c.*, p."csat_mean__s0" AS "csat_mean__s0__prev", p."csat_mean__s1" AS "csat_mean__s1__prev", p."csat_mean__s2" AS "csat_mean__s2__prev" FROM (SELECT "channel" AS "channel", SUM("csat") AS "csat_mean__s0", COUNT("csat") AS "csat_mean__s1", SUM(("csat") * ("csat")) AS "csat_mean__s2" FROM "tickets" WHERE "created_at" >= ? AND "created_at" < ? GROUP BY "channel") c LEFT JOIN (SELECT "channel" AS "channel", SUM("csat") AS "csat_mean__s0", COUNT("csat") AS "csat_mean__s1", SUM(("csat") * ("csat")) AS "csat_mean__s2" FROM "tickets" WHERE "created_at" >= ? AND "created_at" < ? GROUP BY "channel") p ON c."channel" IS p."channel") ORDER BY "channel" ASC NULLS LAST LIMIT ?',
      params: ["2024-10-01","2024-11-01","2024-08-31","2024-10-01",100001],
    });
  });

  it('pins totals: one grouping per level, flagged, detail rows first', () => {
    expect(golden(spec({ dimensions: [{ field: 'region' }, { field: 'channel' }], measures: [{ aggregate: 'count' }], totals: true, sort: [{ by: 'count', direction: 'desc' }] }))).toEqual({
      sql: 'SELECT * FROM (SELECT "region" AS "region", "channel" AS "channel", COUNT(*) AS "count", 0 AS "__grouping" FROM "tickets" GROUP BY "region", "channel" UNION ALL SELECT "region" AS "region", NULL AS "channel", COUNT(*) AS "count", 1 AS "__grouping" FROM "tickets" GROUP BY "region" UNION ALL SELECT NULL AS "region", NULL AS "channel", COUNT(*) AS "count", 2 AS "__grouping" FROM "tickets") ORDER BY "__grouping" ASC, "count" DESC, "region" ASC NULLS LAST, "channel" ASC NULLS LAST LIMIT ?',
      params: [100001],
    });
  });

  it('pins the last N days and a top N ranked by a metric, the other filters applied inside the ranking', () => {
    expect(
      golden(
        spec({
          dimensions: [{ field: 'region' }],
          measures: [{ aggregate: 'count' }],
          filters: [
            { field: 'created_at', op: 'last_days', values: [30] },
            { field: 'region', op: 'top', values: [5], by: { metric: 'csat_mean' } },
          ],
        }),
      ),
    ).toEqual({
      sql: 'SELECT "region" AS "region", COUNT(*) AS "count" FROM "tickets" WHERE "created_at" >= (SELECT date(MAX("created_at"), \'-\' || (? - 1) || \' days\') FROM "tickets") AND "region" IN (SELECT "region" FROM "tickets" WHERE "created_at" >= (SELECT date(MAX("created_at"), \'-\' || (? - 1) || \' days\') FROM "tickets") GROUP BY "region" ORDER BY (1.0 * SUM("csat") / NULLIF(COUNT("csat"), 0)) DESC LIMIT ?) GROUP BY "region" ORDER BY "region" ASC NULLS LAST LIMIT ?',
      params: [30,30,5,100001],
    });
  });
});
