import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue, ColumnType, ImportReport, RejectRecord, ValueFormat } from '../../../../../shared/api/types';
import { Engine } from '../../../../../electron/engine/engine';
import { HAS_SHARED_DATA, JOB_WORKER, sharedData, tempDir } from '../../../../support/paths';

/**
 * Every table in ../shared/data (see its SOURCES.md), imported through the engine. The expected
 * counts and values were worked out from the files themselves (Python's csv module, the decoded
 * text), not from what the engine returned. Not imported: helpdesk.xes.gz and
 * pm4py_running-example.xes, which are XES (XML) event logs rather than tables; their CSV twins
 * are. engine.test.ts checks other facts of the NBS, NYC 2011, CFPB narratives, Volvo and
 * helpdesk files; this file checks the rest of each.
 */

/** One engine and workbench for a whole describe: importing the 22 files one per test is what takes the time. */
function useSharedWorkbench(): { readonly engine: Engine; sql: (query: string, ...params: (string | number)[]) => unknown[] } {
  let current: { engine: Engine; dir: string; cleanup: () => void } | undefined;
  beforeAll(async () => {
    const { dir, cleanup } = tempDir();
    const engine = new Engine({ workerScript: JOB_WORKER });
    await engine.createWorkbench({ path: path.join(dir, 'wb.rootwise') });
    current = { engine, dir, cleanup };
  });
  afterAll(() => {
    current?.engine.close();
    current?.cleanup();
    current = undefined;
  });
  const now = (): { engine: Engine; dir: string } => {
    if (current === undefined) throw new Error('the shared workbench exists only inside a describe');
    return current;
  };
  return {
    get engine() {
      return now().engine;
    },
    /** Rows of a read-only query on the workbench file, each row as an array. */
    sql(query, ...params) {
      const db = new Database(path.join(now().dir, 'wb.rootwise'), { readonly: true });
      try {
        return db.prepare(query).raw(true).all(...params);
      } finally {
        db.close();
      }
    },
  };
}

const wb = useSharedWorkbench();

function importShared(folder: string, file: string, table: string): Promise<ImportReport> {
  return wb.engine.importFile({ source: { kind: 'path', path: sharedData(folder, file) }, table });
}

function column(report: ImportReport, name: string): { type: ColumnType; format: ValueFormat; ambiguous?: string | undefined; rejected: number; nullMarkers: number } {
  const found = report.columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`${report.table} has no column ${name}; it has ${report.columns.map((c) => c.name).join(', ')}`);
  return found;
}

/** The row at a 0-based position in import order (rowid order). */
async function rowAt(report: ImportReport, index: number): Promise<readonly CellValue[]> {
  const page = await wb.engine.previewRows({ table: report.table, offset: index, limit: 1 });
  const row = page.rows[0];
  if (row === undefined) throw new Error(`${report.table} has no row ${index}`);
  return row;
}

async function rejectsOf(report: ImportReport): Promise<readonly RejectRecord[]> {
  return (await wb.engine.listRejects({ importId: report.importId, limit: 1000 })).rejects;
}

function counts(table: string, field: string): Record<string, number> {
  const rows = wb.sql(`SELECT "${field}", count(*) FROM "${table}" GROUP BY 1`) as [CellValue, number][];
  return Object.fromEntries(rows.map(([value, n]) => [String(value), n]));
}

function scalar(query: string): unknown {
  return (wb.sql(query)[0] as unknown[] | undefined)?.[0];
}

describe.skipIf(!HAS_SHARED_DATA)('shared data: tickets', () => {
  it('nyc311_2011-03_subset_2000rows.csv: US 12-hour timestamps, statuses, and the one ZIP code with a leading zero', async () => {
    const report = await importShared('tickets', 'nyc311_2011-03_subset_2000rows.csv', 'nyc2011');
    expect(report.rows).toBe(2000);
    expect(report.rejected.rows).toBe(0);
    // all created dates fall on 1–3 March (and a few in February and November): month and day both ≤ 12
    expect(column(report, 'created_date')).toMatchObject({ type: 'datetime', format: 'mdy', ambiguous: 'day-month-order' });
    expect(column(report, 'closed_date')).toMatchObject({ type: 'datetime', format: 'mdy', ambiguous: undefined });
    expect(column(report, 'latitude').type).toBe('real');
    expect(await rowAt(report, 0)).toEqual(expect.arrayContaining([19937896, '2011-03-01 14:27:57', '2011-03-14 15:59:20', 'DOF', 'Closed']));
    expect(counts('nyc2011', 'status')).toEqual({ Closed: 1956, Pending: 24, Assigned: 20 });
    expect(scalar('SELECT count(*) FROM nyc2011 WHERE closed_date IS NULL')).toBe(42);
    expect(scalar('SELECT count(DISTINCT agency) FROM nyc2011')).toBe(13);
    expect(scalar('SELECT count(DISTINCT complaint_type) FROM nyc2011')).toBe(90);
    // request 19945711 (line 1951) is in Newton, MA: ZIP 02459, which an integer column cannot hold
    expect(column(report, 'incident_zip')).toMatchObject({ type: 'text', rejected: 0 });
    expect(scalar('SELECT incident_zip FROM nyc2011 WHERE unique_key = 19945711')).toBe('02459');
    expect(report.rejected.values).toBe(0);
  });

  it('nyc311_2022-05-01_924rows.csv: a burst of tickets after midnight, many still open', async () => {
    const report = await importShared('tickets', 'nyc311_2022-05-01_924rows.csv', 'nyc2022');
    expect(report.rows).toBe(924);
    expect(report.columns).toHaveLength(41);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(column(report, 'unique_key').type).toBe('integer');
    expect(column(report, 'created_date')).toMatchObject({ type: 'datetime', format: 'mdy' });
    // 12:00:03 AM is three seconds after midnight
    expect((await rowAt(report, 0)).slice(0, 2)).toEqual([54049402, '2022-05-01 00:00:03']);
    expect((await rowAt(report, 923)).slice(0, 2)).toEqual([54048300, '2022-05-01 02:06:26']);
    expect(scalar('SELECT count(*) FROM nyc2022 WHERE closed_date IS NULL')).toBe(444);
    expect(counts('nyc2022', 'status')).toEqual({ Closed: 480, 'In Progress': 440, Open: 4 });
    // no ticket in this file has a due date
    expect(scalar('SELECT count(due_date) FROM nyc2022')).toBe(0);
  });

  it('nyc311_2024-04_socrata_api_quoted_1000rows.csv: every field quoted, ISO timestamps, a multi-line last column', async () => {
    const report = await importShared('tickets', 'nyc311_2024-04_socrata_api_quoted_1000rows.csv', 'nyc2024');
    expect(report.rows).toBe(1000);
    expect(report.columns).toHaveLength(41);
    expect(report.rejected.rows).toBe(0);
    expect(column(report, 'created_date')).toMatchObject({ type: 'datetime', format: 'ymd' });
    expect(column(report, 'latitude').type).toBe('real');
    const first = await rowAt(report, 0);
    expect(first.slice(0, 4)).toEqual([60879417, '2024-04-16 03:03:15', null, 'DOT']);
    expect(first[40]).toBe('\n,  \n(40.67679280229251, -73.7379342313789)');
    expect(scalar("SELECT count(*) FROM nyc2024 WHERE location LIKE '%' || char(10) || '%'")).toBe(977);
    expect(scalar('SELECT count(*) FROM nyc2024 WHERE closed_date IS NULL')).toBe(708);
  });

  it('cfpb_complaints_2023_narratives_truncated_at_1MiB.csv: 18 columns, multi-line narratives, and only the cut record rejected', async () => {
    const report = await importShared('tickets', 'cfpb_complaints_2023_narratives_truncated_at_1MiB.csv', 'cfpb_truncated');
    // 2,067 records of 18 fields, then one of 2 fields that ends inside a quote (SOURCES.md's "2,068 complete" counts that one too)
    expect(report.rows).toBe(2067);
    expect(report.columns).toHaveLength(18);
    expect(column(report, 'date_received')).toMatchObject({ type: 'date', format: 'ymd' });
    expect(column(report, 'complaint_id').type).toBe('integer');
    expect(column(report, 'timely_response').type).toBe('boolean');
    // masked ZIP codes such as XXXXX and 601XX make it a text column
    expect(column(report, 'zip_code').type).toBe('text');
    const rejects = await rejectsOf(report);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ column: null, field: null });
    // the whole cut record, as the file ends: no line break after it
    expect(rejects[0]!.raw).toBe('2023-07-17,"Credit reporting, credit repair services, ');
    expect(rejects[0]!.reason['zh-CN']).toBe('文件在此记录中途结束（引号字段未闭合）');
    expect(wb.sql('SELECT min(date_received), max(date_received) FROM cfpb_truncated')).toEqual([['2012-01-13', '2023-09-08']]);
    expect(scalar('SELECT count(consumer_complaint_narrative) FROM cfpb_truncated')).toBe(389);
    expect(scalar('SELECT complaint_id FROM cfpb_truncated ORDER BY rowid DESC LIMIT 1')).toBe(7264219);
    expect(counts('cfpb_truncated', 'timely_response')).toEqual({ '1': 2066, '0': 1 });
    expect(counts('cfpb_truncated', 'consumer_disputed')).toEqual({ null: 2053, '0': 13, '1': 1 });
  });

  it('cfpb_complaints_2023-04_excel_resaved_3999rows.csv: day-first dates, CRLF records with LF inside narratives', async () => {
    const report = await importShared('tickets', 'cfpb_complaints_2023-04_excel_resaved_3999rows.csv', 'cfpb_excel');
    expect(report.rows).toBe(3999);
    expect(report.columns).toHaveLength(18);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(column(report, 'date_received')).toMatchObject({ type: 'date', format: 'dmy', ambiguous: undefined });
    expect(column(report, 'complaint_id').type).toBe('integer');
    expect((await rowAt(report, 0))[0]).toBe('2023-04-27');
    expect((await rowAt(report, 3998))[0]).toBe('2023-04-21');
    expect(counts('cfpb_excel', 'date_received')['2023-04-20']).toBe(532);
    expect(counts('cfpb_excel', 'company_response_to_consumer')['In progress']).toBe(3289);
    expect(scalar('SELECT count(consumer_complaint_narrative) FROM cfpb_excel')).toBe(141);
    // a narrative's own line breaks are bare LF and survive as such
    expect(scalar("SELECT count(*) FROM cfpb_excel WHERE consumer_complaint_narrative LIKE '%' || char(10) || '%'")).toBe(70);
    expect(scalar("SELECT count(*) FROM cfpb_excel WHERE consumer_complaint_narrative LIKE '%' || char(13) || '%'")).toBe(0);
    expect(column(report, 'consumer_disputed')).toMatchObject({ type: 'boolean', nullMarkers: 3998, rejected: 0 });
  });

  it('cfpb_complaints_2013-08_snakecase_1000rows.csv: M/D/YYYY dates and Yes/No flags', async () => {
    const report = await importShared('tickets', 'cfpb_complaints_2013-08_snakecase_1000rows.csv', 'cfpb_2013');
    expect(report.rows).toBe(1000);
    expect(report.columns).toHaveLength(18);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    // 8/30/2013: the second part reaches 31, so month-first
    expect(column(report, 'date_received')).toMatchObject({ type: 'date', format: 'mdy', ambiguous: undefined });
    expect(column(report, 'consumer_disputed').type).toBe('boolean');
    expect(report.columns.find((c) => c.name === 'consumer_disputed')?.label.en).toBe('consumer_disputed?');
    expect(await rowAt(report, 0)).toEqual(expect.arrayContaining(['2013-08-30', 'Mortgage', 'U.S. Bancorp', '2013-09-03', 511074]));
    expect(counts('cfpb_2013', 'timely_response')).toEqual({ '1': 984, '0': 16 });
    expect(counts('cfpb_2013', 'consumer_disputed')).toEqual({ '1': 211, '0': 789 });
  });

  it('kaggle_customer_support_tickets_SYNTHETIC_8469rows.csv: multi-line descriptions, sparse response times and ratings', async () => {
    const report = await importShared('tickets', 'kaggle_customer_support_tickets_SYNTHETIC_8469rows.csv', 'kaggle_tickets');
    expect(report.rows).toBe(8469);
    expect(report.columns).toHaveLength(17);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(column(report, 'ticket_id').type).toBe('integer');
    expect(column(report, 'customer_age').type).toBe('integer');
    expect(column(report, 'date_of_purchase')).toMatchObject({ type: 'date', format: 'ymd' });
    expect(column(report, 'first_response_time')).toMatchObject({ type: 'datetime', format: 'ymd' });
    expect(column(report, 'customer_satisfaction_rating').type).toBe('real');
    expect((await rowAt(report, 0)).slice(0, 7)).toEqual([1, 'Marisa Obrien', 'carrollallison@example.com', 32, 'Other', 'GoPro Hero', '2021-03-22']);
    expect(scalar('SELECT count(first_response_time) FROM kaggle_tickets')).toBe(5650);
    expect(scalar('SELECT count(time_to_resolution) FROM kaggle_tickets')).toBe(2769);
    expect(counts('kaggle_tickets', 'customer_satisfaction_rating')).toEqual({ null: 5700, '1': 553, '2': 549, '3': 580, '4': 543, '5': 544 });
    expect(counts('kaggle_tickets', 'ticket_status')).toEqual({ 'Pending Customer Response': 2881, Open: 2819, Closed: 2769 });
    // the file is valid UTF-8; the four U+FFFD it holds (rows 3744, 5124, 7996, 8239) are its own characters, not decoding failures
    expect(report.encoding).toEqual({ name: 'utf-8', confidence: 1, replacements: 0 });
  });
});

describe.skipIf(!HAS_SHARED_DATA)('shared data: event logs', () => {
  it('volvo_bpi2013_incidents_VINST-new_ibm.csv: UTF-8 with BOM, CRLF, ISO timestamps with an offset', async () => {
    const report = await importShared('event_logs', 'volvo_bpi2013_incidents_VINST-new_ibm.csv', 'volvo');
    expect(report.rows).toBe(65_533);
    expect(report.columns).toHaveLength(17);
    expect(report.columns[0]?.label.en).toBe('SR Number');
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(report.encoding.name).toBe('utf-8');
    // the offset is dropped, never applied: wall-clock time as written
    expect(column(report, 'change_date_time')).toMatchObject({ type: 'datetime', format: 'ymd' });
    expect((await rowAt(report, 0)).slice(0, 3)).toEqual(['1-364285768', '2010-03-31 15:59:42', 'Accepted']);
    expect((await rowAt(report, 65_532)).slice(0, 2)).toEqual(['1-740866821', '2012-05-05 13:54:27']);
    expect(counts('volvo', 'st_level')).toEqual({ L1: 46_042, L2: 16_541, L3: 2911, 'L2/L3': 39 });
    expect(scalar('SELECT count(DISTINCT sr_number) FROM volvo')).toBe(7554);
    expect(scalar('SELECT count(DISTINCT activity) FROM volvo')).toBe(13);
  });

  it('helpdesk_italian_finale.csv: cases, activities and timestamps with milliseconds', async () => {
    const report = await importShared('event_logs', 'helpdesk_italian_finale.csv', 'helpdesk');
    expect(report.rows).toBe(21_348);
    expect(report.columns).toHaveLength(16);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(column(report, 'variant_index').type).toBe('integer');
    expect((await rowAt(report, 0)).slice(0, 6)).toEqual(['Case 1', 'Assign seriousness', 'Value 1', '2012-10-09 14:50:17', 'Variant 12', 12]);
    expect(scalar('SELECT count(DISTINCT case_id) FROM helpdesk')).toBe(4580);
    expect(scalar('SELECT count(DISTINCT activity) FROM helpdesk')).toBe(14);
    expect(counts('helpdesk', 'variant_index')['1']).toBe(9464);
  });

  it('pm4py_running-example.csv: a blank first header cell and +01:00 timestamps', async () => {
    const report = await importShared('event_logs', 'pm4py_running-example.csv', 'running_example');
    expect(report.rows).toBe(42);
    expect(report.columns.map((c) => c.name)).toEqual([
      'column_1',
      'concept_name',
      'org_resource',
      'time_timestamp',
      'activity',
      'resource',
      'costs',
      'case_concept_name',
      'case_creator',
    ]);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(column(report, 'time_timestamp')).toMatchObject({ type: 'datetime', format: 'ymd' });
    expect(column(report, 'costs').type).toBe('integer');
    expect(await rowAt(report, 41)).toEqual([41, 'reject request', 'Ellen', '2011-01-12 15:44:00', 'reject request', 'Ellen', 200, 4, 'Fluxicon Nitro']);
    expect(scalar('SELECT sum(costs) FROM running_example')).toBe(8400);
    expect(scalar('SELECT count(DISTINCT case_concept_name) FROM running_example')).toBe(6);
  });

  it('pm4py_receipt.csv: deadlines and timestamps with microseconds and changing offsets', async () => {
    const report = await importShared('event_logs', 'pm4py_receipt.csv', 'receipt');
    expect(report.rows).toBe(8577);
    expect(report.columns).toHaveLength(15);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    for (const name of ['case_deadline', 'case_enddate', 'case_startdate', 'time_timestamp']) expect(column(report, name).type).toBe('datetime');
    expect((await rowAt(report, 0)).slice(0, 3)).toEqual(['Internet', 'case-10011', '2011-12-06 13:41:31']);
    expect((await rowAt(report, 0))[14]).toBe('2011-10-11 13:45:40');
    expect(scalar('SELECT count(DISTINCT case_concept_name) FROM receipt')).toBe(1434);
    expect(scalar('SELECT count(DISTINCT concept_name) FROM receipt')).toBe(27);
    expect(scalar('SELECT count(*) FROM receipt WHERE case_enddate IS NULL')).toBe(617);
    expect(scalar('SELECT count(*) FROM receipt WHERE case_group IS NULL')).toBe(4961);
  });

  it('bpi2013_closed_problems.csv: a small problem-management log', async () => {
    const report = await importShared('event_logs', 'bpi2013_closed_problems.csv', 'bpi2013_problems');
    expect(report.rows).toBe(6660);
    expect(report.columns).toHaveLength(11);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(column(report, 'time_timestamp')).toMatchObject({ type: 'datetime', format: 'ymd' });
    expect(column(report, 'case_variant_index').type).toBe('integer');
    expect((await rowAt(report, 0)).slice(0, 4)).toEqual(['Queued-Awaiting Assignment', 'complete', 'Minnie-Org line A2', '2006-01-11 16:49:42']);
    expect((await rowAt(report, 6659))[3]).toBe('2012-05-31 21:09:21');
    expect(scalar('SELECT count(DISTINCT case_concept_name) FROM bpi2013_problems')).toBe(1487);
    expect(scalar('SELECT count(DISTINCT concept_name) FROM bpi2013_problems')).toBe(7);
  });
});

describe.skipIf(!HAS_SHARED_DATA)('shared data: call centre', () => {
  it('anonymous_bank_israel_1999-02_calls.tsv: tab-delimited CRLF, YYMMDD dates, Excel-mangled customer ids', async () => {
    const report = await importShared('call_center', 'anonymous_bank_israel_1999-02_calls.tsv', 'bank_calls');
    expect(report.dialect).toEqual({ format: 'delimited', delimiter: '\t' });
    expect(report.rows).toBe(33_344);
    expect(report.columns).toHaveLength(17);
    expect(report.columns[0]).toMatchObject({ name: 'vru_line', label: { en: 'vru+line', 'zh-CN': 'vru+line' } });
    expect(column(report, 'date')).toMatchObject({ type: 'date', format: 'compact-date' });
    expect(column(report, 'ser_time').type).toBe('integer');
    expect(wb.sql('SELECT min(date), max(date), sum(ser_time) FROM bank_calls')).toEqual([['1999-02-01', '1999-02-28', 4_813_017]]);
    expect(counts('bank_calls', 'outcome')).toEqual({ AGENT: 27_162, HANG: 5904, PHANTOM: 278 });
    // 21 customer ids were saved by Excel as 6.02701E+11 and the like: their digits are gone
    expect(report.rejected).toEqual({ rows: 0, values: 21 });
    expect(column(report, 'customer_id')).toMatchObject({ type: 'integer', rejected: 21 });
    const rejects = await rejectsOf(report);
    expect(rejects).toHaveLength(21);
    expect(rejects.every((r) => r.column === 3 && r.field === 'customer_id' && /^\d\.\d+E\+11$/.test(r.raw))).toBe(true);
    expect(rejects[0]).toMatchObject({ line: 333, raw: '6.02701E+11' });
    expect(rejects[0]!.reason.en).toBe('not an integer');
  });

  it('fpp3_bank_calls_5min.csv: Z-suffixed timestamps kept as the wall-clock time written', async () => {
    const report = await importShared('call_center', 'fpp3_bank_calls_5min.csv', 'fpp3_calls');
    expect(report.rows).toBe(27_716);
    expect(report.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['rownames:integer', 'datetime:datetime', 'calls:integer']);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(await rowAt(report, 0)).toEqual([1, '2003-03-03 07:00:00', 111]);
    expect(await rowAt(report, 27_715)).toEqual([27_716, '2003-10-24 21:00:00', 54]);
    expect(scalar('SELECT sum(calls) FROM fpp3_calls')).toBe(5_323_661);
  });

  it('fpp2_calls_bank_5min.csv: the same series keyed by strings that are not times', async () => {
    const report = await importShared('call_center', 'fpp2_calls_bank_5min.csv', 'fpp2_calls');
    expect(report.rows).toBe(27_716);
    expect(report.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['rownames:text', 'x:integer']);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(await rowAt(report, 0)).toEqual(['X3.3.20031', 111]);
    expect(await rowAt(report, 27_715)).toEqual(['X24.10.2003169', 54]);
    expect(scalar('SELECT sum(x) FROM fpp2_calls')).toBe(5_323_661);
  });

  it('kaggle_call_center_daily_kpis_semicolon.csv: semicolons, CRLF, percentages and H:MM:SS durations', async () => {
    const report = await importShared('call_center', 'kaggle_call_center_daily_kpis_semicolon.csv', 'daily_kpis');
    expect(report.dialect.delimiter).toBe(';');
    expect(report.rows).toBe(1251);
    expect(report.columns).toHaveLength(9);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(column(report, 'answer_rate')).toMatchObject({ type: 'real', format: 'percent' });
    expect(column(report, 'talk_duration_avg')).toMatchObject({ type: 'integer', format: 'duration-clock' });
    const first = await rowAt(report, 0);
    expect(first.slice(0, 3)).toEqual([1, 217, 204]);
    expect(first[3]).toBeCloseTo(0.9401, 12);
    expect(first.slice(4, 8)).toEqual([13, 17, 134, 165]);
    expect(first[8]).toBeCloseTo(0.7628, 12);
    expect((await rowAt(report, 1250))[6]).toBe(132);
    expect(scalar('SELECT sum(incoming_calls) FROM daily_kpis')).toBe(248_373);
  });
});

describe.skipIf(!HAS_SHARED_DATA)('shared data: CSV edge cases', () => {
  it('gbk_nbs_monthly_money_supply_with_preamble.csv: 年月 labels as dates, newest first', async () => {
    const report = await importShared('csv_edge_cases', 'gbk_nbs_monthly_money_supply_with_preamble.csv', 'money_supply');
    expect(report.encoding.name).toBe('gb18030');
    expect(report.encoding.replacements).toBe(0);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(report.columns[0]).toMatchObject({ name: '时间', type: 'date', format: 'cn-month' });
    expect(report.columns.slice(1).every((c) => c.type === 'real')).toBe(true);
    expect(report.columns[6]?.label['zh-CN']).toBe('流通中现金(M0)供应量同比增长(%)');
    expect(await rowAt(report, 0)).toEqual(['2021-05-01', 2_275_538.07, 8.3, 616_828.32, 6.1, 84_177.72, 5.6]);
    expect(await rowAt(report, 257)).toEqual(['1999-12-01', 117_638.1, 14.7, 45_837.3, 17.7, 13_455.5, 20.1]);
  });

  it('gbk_nbs_province_population_with_preamble.csv: the last province and the national total', async () => {
    const report = await importShared('csv_edge_cases', 'gbk_nbs_province_population_with_preamble.csv', 'population');
    expect(report.rows).toBe(31);
    expect(report.columns).toHaveLength(11);
    expect(report.columns[1]).toMatchObject({ name: 'c_2024年', type: 'integer' });
    expect(await rowAt(report, 30)).toEqual(['新疆维吾尔自治区', 2623, 2598, 2587, 2589, 2590, 2559, 2520, 2480, 2428, 2385]);
    expect(scalar('SELECT sum("c_2024年") FROM population')).toBe(140_628);
    expect(report.skipped.notes[0]?.startsWith('注：常住人口包括')).toBe(true);
  });

  it('gbk_tiny_traffic_sources_percent.csv: Chinese labels, numbers with a trailing space, percentages', async () => {
    const report = await importShared('csv_edge_cases', 'gbk_tiny_traffic_sources_percent.csv', 'traffic');
    expect(report.encoding.name).toBe('gb18030');
    expect(report.encoding.replacements).toBe(0);
    expect(report.rows).toBe(22);
    expect(report.columns.map((c) => `${c.label['zh-CN']}:${c.type}:${c.format}`)).toEqual([
      '流量来源:text:text',
      '来源明细:text:text',
      '访客数:integer:integer',
      '支付转化率:real:percent',
      '客单价:real:decimal',
    ]);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    const first = await rowAt(report, 0);
    expect(first.slice(0, 3)).toEqual(['一级', '-A', 35_188]);
    expect(first[3]).toBeCloseTo(0.0998, 12);
    expect(first[4]).toBe(54.3);
    expect(await rowAt(report, 21)).toEqual(['四级', '-D', 3, 0, null]);
    expect(scalar('SELECT count(*) FROM traffic WHERE "客单价" IS NULL')).toBe(3);
  });

  it('uci_bank_marketing_bank_semicolon.csv: quoted strings, unquoted numbers, yes/no flags', async () => {
    const report = await importShared('csv_edge_cases', 'uci_bank_marketing_bank_semicolon.csv', 'bank_marketing');
    expect(report.dialect.delimiter).toBe(';');
    expect(report.rows).toBe(4521);
    expect(report.columns).toHaveLength(17);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    for (const name of ['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous']) expect(column(report, name).type).toBe('integer');
    for (const name of ['default', 'housing', 'loan', 'y']) expect(column(report, name).type).toBe('boolean');
    expect(await rowAt(report, 0)).toEqual([30, 'unemployed', 'married', 'primary', 0, 1787, 0, 0, 'cellular', 19, 'oct', 79, 1, -1, 0, 'unknown', 0]);
    expect(counts('bank_marketing', 'y')).toEqual({ '0': 4000, '1': 521 });
    expect(scalar('SELECT count(*) FROM bank_marketing WHERE pdays = -1')).toBe(3705);
  });

  it('uci_bank_additional_excel_roundtrip_mangled.csv: each line one quoted field, read as one text column', async () => {
    const report = await importShared('csv_edge_cases', 'uci_bank_additional_excel_roundtrip_mangled.csv', 'bank_mangled');
    expect(report.rows).toBe(4119);
    expect(report.columns).toHaveLength(1);
    expect(report.columns[0]?.type).toBe('text');
    expect(report.columns[0]?.label.en.startsWith('age;"job";"marital";')).toBe(true);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(await rowAt(report, 0)).toEqual(['30;"blue-collar";"married";"basic.9y";"no";"yes";"no";"cellular";"may";"fri";487;2;999;0;"nonexistent";-1.8;92.893;-46.2;1.313;5099.1;"no"']);
    expect(await rowAt(report, 4118)).toEqual(['34;"management";"single";"high.school";"no";"yes";"no";"cellular";"nov";"wed";175;1;999;0;"nonexistent";-0.1;93.2;-42;4.12;5195.8;"no"']);
  });

  it('anonymous_bank_shifts_cr_only_line_endings.csv: CR-only line endings, 24 hourly rows', async () => {
    const report = await importShared('csv_edge_cases', 'anonymous_bank_shifts_cr_only_line_endings.csv', 'shifts');
    expect(report.rows).toBe(24);
    expect(report.columns.map((c) => c.name)).toEqual(['hour', 'starttime', 'shift1', 'shift2', 'shift3', 'shift4', 'shift5', 'shift6', 'shift7', 'shift8']);
    expect(report.columns.filter((c) => c.type === 'integer')).toHaveLength(9);
    expect(report.rejected).toEqual({ rows: 0, values: 0 });
    expect(await rowAt(report, 12)).toEqual([13, 'Noon', 0, 0, 1, 1, 1, 0, 0, 0]);
    expect(await rowAt(report, 23)).toEqual([24, '11pm', 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(wb.sql('SELECT sum(shift1), sum(shift8) FROM shifts')).toEqual([[6, 6]]);
  });
});
