import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CellValue, ImportReport, ImportSource, RejectRecord } from '../../../../../shared/api/types';
import type { ApiCallError, RootwiseError } from '../../../../../shared/errors/rootwise-error';
import { useEngineWorkbench } from '../../../../support/engine-workbench';
import { REPO_ROOT } from '../../../../support/paths';

/** The hand-written corpus described in test/fixtures/import/README.md, one file per case. */
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'import');

const wb = useEngineWorkbench();

function importFixture(name: string): Promise<ImportReport> {
  return wb.engine.importFile({ source: { kind: 'path', path: path.join(FIXTURES, name) } });
}

function importBytes(name: string, bytes: Uint8Array): Promise<ImportReport> {
  const source: ImportSource = { kind: 'bytes', name, bytes };
  return wb.engine.importFile({ source });
}

async function rowsOf(report: ImportReport): Promise<readonly (readonly CellValue[])[]> {
  return (await wb.engine.previewRows({ table: report.table, limit: 1000 })).rows;
}

async function rejectsOf(report: ImportReport): Promise<readonly RejectRecord[]> {
  return (await wb.engine.listRejects({ importId: report.importId })).rejects;
}

/** `name:type:format` for every column, the way the tests below spell a table's shape. */
function shapeOf(report: ImportReport): string[] {
  return report.columns.map((c) => `${c.name}:${c.type}:${c.format}`);
}

async function expectClean(report: ImportReport): Promise<void> {
  expect(report.rejected).toEqual({ rows: 0, values: 0 });
  expect(await rejectsOf(report)).toEqual([]);
}

async function rejectionOf(promise: Promise<unknown>): Promise<RootwiseError | ApiCallError> {
  try {
    await promise;
  } catch (error) {
    return error as RootwiseError | ApiCallError;
  }
  throw new Error('expected a rejection');
}

/** The key of an engine error, whether it crossed the worker boundary (ApiCallError) or not. */
function errorKey(error: RootwiseError | ApiCallError): string {
  return 'payload' in error ? error.payload.key : error.key;
}

describe('import fixture corpus: delimiters', () => {
  it('reads a comma file', async () => {
    const report = await importFixture('delimiter-comma.csv');
    expect(report.dialect).toEqual({ format: 'delimited', delimiter: ',' });
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['ticket:text:text', 'region:text:text', 'csat:integer:integer']);
    expect(await rowsOf(report)).toEqual([
      ['T001', '四川', 5],
      ['T002', '广东', 4],
      ['T003', '浙江', 3],
    ]);
    await expectClean(report);
  });

  it('reads a semicolon file', async () => {
    const report = await importFixture('delimiter-semicolon.csv');
    expect(report.dialect.delimiter).toBe(';');
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['agent:text:text', 'handled:integer:integer', 'avg_handle:real:decimal']);
    expect(await rowsOf(report)).toEqual([
      ['王芳', 12, 3.5],
      ['李伟', 9, 4.25],
      ['张敏', 15, 2.75],
    ]);
    await expectClean(report);
  });

  it('reads a tab file', async () => {
    const report = await importFixture('delimiter-tab.tsv');
    expect(report.dialect.delimiter).toBe('\t');
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['channel:text:text', 'calls:integer:integer', 'answered:integer:integer']);
    expect((await rowsOf(report))[2]).toEqual(['email', 45, 45]);
    await expectClean(report);
  });

  it('reads a pipe file, a column of whole and fractional numbers as real', async () => {
    const report = await importFixture('delimiter-pipe.txt');
    expect(report.dialect.delimiter).toBe('|');
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['order:text:text', 'amount:real:decimal', 'city:text:text']);
    expect(await rowsOf(report)).toEqual([
      ['A-1', 12.5, '成都'],
      ['A-2', 7, '重庆'],
      ['A-3', 30.25, '西安'],
    ]);
    await expectClean(report);
  });
});

describe('import fixture corpus: line endings', () => {
  const expected = [
    [1, 'alpha', 10],
    [2, 'beta', 20],
    [3, 'gamma', 30],
  ];
  for (const file of ['line-endings-lf.csv', 'line-endings-crlf.csv', 'line-endings-cr.csv', 'line-endings-mixed.csv']) {
    it(`reads ${file} as three rows with no line break left in a value`, async () => {
      const report = await importFixture(file);
      expect(report.rows).toBe(3);
      expect(shapeOf(report)).toEqual(['id:integer:integer', 'name:text:text', 'score:integer:integer']);
      expect(await rowsOf(report)).toEqual(expected);
      await expectClean(report);
    });
  }
});

describe('import fixture corpus: quoting and structure', () => {
  it('keeps embedded newlines, delimiters and doubled quotes inside quoted fields', async () => {
    const report = await importFixture('quoted-fields.csv');
    expect(report.rows).toBe(4);
    expect(shapeOf(report)).toEqual(['id:integer:integer', 'comment:text:text', 'amount:integer:integer']);
    expect(await rowsOf(report)).toEqual([
      [1, 'line one\nline two', 10],
      [2, 'has, a comma', 20],
      [3, 'she said "hi"', 30],
      [4, '"quoted" start, and\na newline', 40],
    ]);
    await expectClean(report);
  });

  it('drops a UTF-8 byte-order mark instead of putting it in the first column name', async () => {
    const report = await importFixture('utf8-bom.csv');
    expect(report.encoding).toEqual({ name: 'utf-8', confidence: 1, replacements: 0 });
    expect(report.columns.map((c) => c.label.en)).toEqual(['地区', '满意度']);
    expect(shapeOf(report)).toEqual(['地区:text:text', '满意度:integer:integer']);
    expect(await rowsOf(report)).toEqual([
      ['四川', 5],
      ['广东', 4],
    ]);
    expect(report.source.size).toBe(38);
    await expectClean(report);
  });

  it('keeps a title block above the header and notes below the table aside', async () => {
    const report = await importFixture('title-and-notes.csv');
    expect(report.skipped).toEqual({
      titleRows: ['客服工单月报', '统计周期：2024年3月'],
      notes: ['注：满意度为五分制平均值。', '数据来源：客服系统导出'],
    });
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['地区:text:text', '工单数:integer:integer', '满意度:real:decimal']);
    expect(await rowsOf(report)).toEqual([
      ['四川', 120, 4.5],
      ['广东', 98, 4.25],
      ['浙江', 143, 4.75],
    ]);
    await expectClean(report);
  });

  it('names duplicate and empty header cells uniquely and keeps the original label', async () => {
    const report = await importFixture('duplicate-and-empty-headers.csv');
    expect(report.rows).toBe(2);
    expect(report.columns.map((c) => c.name)).toEqual(['id', 'name', 'name_2', 'column_4', 'score', 'column_6']);
    expect(report.columns.map((c) => c.label.en)).toEqual(['id', 'name', 'name', 'column_4', 'score', 'column_6']);
    expect(report.columns.map((c) => c.type)).toEqual(['integer', 'text', 'text', 'text', 'integer', 'text']);
    expect(await rowsOf(report)).toEqual([
      [1, 'a', 'b', 'x', 5, 'y'],
      [2, 'c', 'd', 'z', 4, 'w'],
    ]);
    await expectClean(report);
  });

  it('rejects a row with too many fields whole, at its physical line after a quoted line break', async () => {
    const report = await importFixture('too-many-fields.csv');
    expect(report.rows).toBe(3);
    expect(report.rejected).toEqual({ rows: 1, values: 0 });
    expect(shapeOf(report)).toEqual(['id:integer:integer', 'comment:text:text', 'score:integer:integer']);
    expect(await rowsOf(report)).toEqual([
      [1, 'first line\r\nsecond line', 5],
      [2, 'plain', 4],
      [4, 'fine', 2],
    ]);
    const rejects = await rejectsOf(report);
    expect(rejects.map((r) => ({ line: r.line, column: r.column, field: r.field, raw: r.raw, reason: r.reason.en }))).toEqual([
      { line: 5, column: null, field: null, raw: '3,extra,3,oops', reason: 'expected 3 fields, found 4' },
    ]);
    expect(rejects[0]!.reason['zh-CN']).toBe('应有 3 个字段，实际 4 个');
  });

  it('rejects a last record cut inside a quoted field and keeps the rows before it', async () => {
    const report = await importFixture('truncated-last-record.csv');
    expect(report.rows).toBe(2);
    expect(report.rejected).toEqual({ rows: 1, values: 0 });
    expect(shapeOf(report)).toEqual(['id:integer:integer', 'note:text:text', 'score:integer:integer']);
    expect(await rowsOf(report)).toEqual([
      [1, 'ok', 5],
      [2, 'fine', 4],
    ]);
    const rejects = await rejectsOf(report);
    expect(rejects.map((r) => ({ line: r.line, column: r.column, raw: r.raw, reason: r.reason.en }))).toEqual([
      { line: 4, column: null, raw: '3,"this quote is never closed,3', reason: 'the file ends inside this record (quoted field not closed)' },
    ]);
  });

  it('refuses an empty file and imports nothing', async () => {
    const error = await rejectionOf(importFixture('empty.csv'));
    expect(errorKey(error)).toBe('error.import.empty');
    expect(await wb.engine.listTables({})).toEqual([]);
  });
});

describe('import fixture corpus: value formats', () => {
  it('reads 是/否 and Y/N (either case) as booleans stored 1/0', async () => {
    const report = await importFixture('booleans.csv');
    expect(report.rows).toBe(4);
    expect(shapeOf(report)).toEqual(['ticket:text:text', 'resolved:boolean:boolean', 'vip:boolean:boolean']);
    expect(await rowsOf(report)).toEqual([
      ['T1', 1, 1],
      ['T2', 0, 0],
      ['T3', 1, 1],
      ['T4', 0, 0],
    ]);
    await expectClean(report);
  });

  it('reads 2024/3/5 14:02 as a datetime and 2024年3月5日 as a date', async () => {
    const report = await importFixture('dates-chinese.csv');
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['ticket:text:text', 'created:datetime:ymd', 'visit_day:date:cn-date']);
    expect(report.columns.map((c) => c.ambiguous)).toEqual([undefined, undefined, undefined]);
    expect(await rowsOf(report)).toEqual([
      ['T1', '2024-03-05 14:02:00', '2024-03-05'],
      ['T2', '2024-03-06 09:15:00', '2024-03-16'],
      ['T3', '2024-12-31 23:59:00', '2024-12-01'],
    ]);
    await expectClean(report);
  });

  it('reads US 12-hour timestamps month-first, flagging the column whose parts never exceed 12', async () => {
    const report = await importFixture('dates-us-12-hour.csv');
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['unique_key:integer:integer', 'created:datetime:mdy', 'closed:datetime:mdy']);
    // created: 03/01, 03/01, 03/02 could be either order; closed has 03/14 and 03/20, so month-first
    expect(report.columns.map((c) => c.ambiguous)).toEqual([undefined, 'day-month-order', undefined]);
    expect(await rowsOf(report)).toEqual([
      [1001, '2011-03-01 14:27:57', '2011-03-14 15:59:20'],
      [1002, '2011-03-01 00:05:00', '2011-03-02 12:30:00'],
      [1003, '2011-03-02 23:59:59', '2011-03-20 08:00:00'],
    ]);
    await expectClean(report);
  });

  it('reads slash dates day-first when a first part exceeds 12', async () => {
    const report = await importFixture('dates-day-first.csv');
    expect(report.rows).toBe(4);
    expect(shapeOf(report)).toEqual(['ticket:text:text', 'received:date:dmy']);
    expect(report.columns[1]?.ambiguous).toBeUndefined();
    expect((await rowsOf(report)).map((r) => r[1])).toEqual(['2024-03-05', '2024-03-25', '2024-04-01', '2023-12-13']);
    await expectClean(report);
  });

  it('reads a/b/yyyy dates with no part above 12 month-first and says the order is ambiguous', async () => {
    const report = await importFixture('dates-ambiguous.csv');
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['ticket:text:text', 'opened:date:mdy']);
    expect(report.columns[1]?.ambiguous).toBe('day-month-order');
    expect((await rowsOf(report)).map((r) => r[1])).toEqual(['2024-03-05', '2024-04-01', '2023-12-11']);
    await expectClean(report);
  });

  it('stores 01:20:00 and 1小时20分 durations as seconds', async () => {
    const report = await importFixture('durations.csv');
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['call:text:text', 'talk_time:integer:duration-clock', 'wait:integer:duration-words']);
    expect(await rowsOf(report)).toEqual([
      ['C1', 4800, 4800],
      ['C2', 330, 2700],
      ['C3', 43205, 7200],
    ]);
    await expectClean(report);
  });

  it('stores 85% as 0.85 and ¥1,234.50 as 1234.5', async () => {
    const report = await importFixture('percent-and-money.csv');
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual(['product:text:text', 'conversion:real:percent', 'revenue:real:money']);
    const rows = await rowsOf(report);
    expect(rows.map((r) => r[2])).toEqual([1234.5, 980, 12000]);
    const conversion = rows.map((r) => r[1]);
    expect(conversion).toHaveLength(3);
    [0.85, 0.095, 1].forEach((fraction, i) => expect(conversion[i]).toBeCloseTo(fraction, 12));
    await expectClean(report);
  });

  it('keeps ids written with leading zeros as text', async () => {
    const report = await importFixture('leading-zero-ids.csv');
    expect(report.rows).toBe(21);
    expect(report.columns[0]).toMatchObject({ name: 'customer_id', type: 'text', format: 'text', rejected: 0 });
    expect(report.columns[2]).toMatchObject({ name: 'orders', type: 'integer', format: 'integer' });
    const rows = await rowsOf(report);
    expect(rows.map((r) => r[0]).slice(0, 3)).toEqual(['00001', '00038', '00075']);
    expect(rows[20]?.[0]).toBe('00741');
  });

  it('keeps a column of ids as text when only one of them has a leading zero, so that id is not lost', async () => {
    const report = await importFixture('leading-zero-ids.csv');
    // zip: 20 of 21 values read as integers, but 02459 is a ZIP code that an integer column cannot hold
    expect(shapeOf(report)).toEqual(['customer_id:text:text', 'zip:text:text', 'orders:integer:integer']);
    const rows = await rowsOf(report);
    expect(rows[0]).toEqual(['00001', '10027', 1]);
    expect(rows[10]).toEqual(['00371', '02459', 3]);
    await expectClean(report);
  });
});

describe('import fixture corpus: JSON', () => {
  it('reads a JSON array of nested objects as dotted columns, arrays kept as JSON text', async () => {
    const report = await importFixture('nested.json');
    expect(report.dialect).toEqual({ format: 'json', delimiter: null });
    expect(report.rows).toBe(3);
    expect(shapeOf(report)).toEqual([
      'id:text:text',
      'created:datetime:ymd',
      'customer_id:text:text',
      'customer_tier_name:text:text',
      'tags:text:text',
      'csat:integer:integer',
      'channel:text:text',
    ]);
    expect(report.columns.map((c) => c.label.en)).toEqual(['id', 'created', 'customer.id', 'customer.tier.name', 'tags', 'csat', 'channel']);
    expect(await rowsOf(report)).toEqual([
      ['T1', '2024-03-01 09:00:00', 'C001', 'gold', '["a","b"]', 5, null],
      ['T2', '2024-03-02 10:30:00', 'C002', 'silver', '[]', null, null],
      ['T3', '2024-03-03 11:45:00', 'C001', 'gold', '["c"]', 4, 'chat'],
    ]);
    await expectClean(report);
  });

  it('reads JSON Lines and rejects the one line that does not parse, with its line number', async () => {
    const report = await importFixture('bad-line.jsonl');
    expect(report.dialect).toEqual({ format: 'jsonl', delimiter: null });
    expect(report.rows).toBe(3);
    expect(report.rejected).toEqual({ rows: 1, values: 0 });
    expect(shapeOf(report)).toEqual(['agent:text:text', 'handled:integer:integer', 'vip:boolean:boolean']);
    expect(await rowsOf(report)).toEqual([
      ['王芳', 12, 1],
      ['李伟', 9, 0],
      ['赵磊', 7, 0],
    ]);
    const rejects = await rejectsOf(report);
    expect(rejects.map((r) => ({ line: r.line, column: r.column, raw: r.raw, reason: r.reason.en }))).toEqual([
      { line: 3, column: null, raw: '{"agent": "张敏", "handled": , "vip": true}', reason: 'not valid JSON' },
    ]);
  });
});

describe('import fixture corpus: encodings written at run time', () => {
  // "客户,满意度\n王芳,5\n李伟,4\n" in GBK and "客戶,滿意度\n王芳,5\n李偉,4\n" in Big5, byte by byte
  const GBK = [0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xc2, 0xfa, 0xd2, 0xe2, 0xb6, 0xc8, 0x0a, 0xcd, 0xf5, 0xb7, 0xbc, 0x2c, 0x35, 0x0a, 0xc0, 0xee, 0xce, 0xb0, 0x2c, 0x34, 0x0a];
  const BIG5 = [0xab, 0xc8, 0xa4, 0xe1, 0x2c, 0xba, 0xa1, 0xb7, 0x4e, 0xab, 0xd7, 0x0a, 0xa4, 0xfd, 0xaa, 0xda, 0x2c, 0x35, 0x0a, 0xa7, 0xf5, 0xb0, 0xb6, 0x2c, 0x34, 0x0a];

  it('has the GBK and Big5 bytes it means to have', () => {
    expect(new TextDecoder('gb18030').decode(new Uint8Array(GBK))).toBe('客户,满意度\n王芳,5\n李伟,4\n');
    expect(new TextDecoder('big5').decode(new Uint8Array(BIG5))).toBe('客戶,滿意度\n王芳,5\n李偉,4\n');
  });

  it('detects GBK and reads it as GB18030', async () => {
    const report = await importBytes('gbk.csv', new Uint8Array(GBK));
    expect(report.encoding.name).toBe('gb18030');
    expect(report.encoding.replacements).toBe(0);
    expect(shapeOf(report)).toEqual(['客户:text:text', '满意度:integer:integer']);
    expect(await rowsOf(report)).toEqual([
      ['王芳', 5],
      ['李伟', 4],
    ]);
    await expectClean(report);
  });

  it('detects Big5', async () => {
    const report = await importBytes('big5.csv', new Uint8Array(BIG5));
    expect(report.encoding.name).toBe('big5');
    expect(report.encoding.replacements).toBe(0);
    expect(shapeOf(report)).toEqual(['客戶:text:text', '滿意度:integer:integer']);
    expect(await rowsOf(report)).toEqual([
      ['王芳', 5],
      ['李偉', 4],
    ]);
    await expectClean(report);
  });

  const text = '工单号,地区,满意度\r\nT001,四川,5\r\nT002,"广东,深圳",4\r\n';
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

  for (const [encoding, bytes] of [
    ['utf-16le', utf16le],
    ['utf-16be', utf16be],
  ] as const) {
    it(`reads ${encoding} with a byte-order mark`, async () => {
      expect(new TextDecoder(encoding).decode(bytes)).toBe(text);
      const report = await importBytes(`${encoding}.csv`, new Uint8Array(bytes));
      expect(report.encoding).toEqual({ name: encoding, confidence: 1, replacements: 0 });
      expect(shapeOf(report)).toEqual(['工单号:text:text', '地区:text:text', '满意度:integer:integer']);
      expect(await rowsOf(report)).toEqual([
        ['T001', '四川', 5],
        ['T002', '广东,深圳', 4],
      ]);
      await expectClean(report);
    });
  }
});
