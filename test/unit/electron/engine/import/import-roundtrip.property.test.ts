import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue, ColumnType, TextEncoding } from '../../../../../shared/api/types';
import { Engine } from '../../../../../electron/engine/engine';
import { JOB_WORKER, tempDir } from '../../../../support/paths';

/**
 * A random typed table, written as CSV in a random dialect and encoding, imports back to the same
 * rows and values. The generators avoid what the importer rightly reads another way:
 * - Text values start (after any spaces) with a letter from TEXT_START: no digit or sign, so they
 *   never read as numbers, dates or durations; no N, Y, T, F or 是/否, which start yes/no words;
 *   no R, C, U, which start RMB/CNY/USD amounts; and no n/s/r or 注/说/数/来, which start notes
 *   (`note`, `source`, `remark`, `注：`, `数据来源：`) that would be read as a note under the table
 *   when a last row has only that one value. Spaces around text are kept as written (the engine
 *   trims only the values of typed columns), so they are generated too.
 * - Decimals always have a non-zero fraction, so a decimal column is never all whole numbers
 *   (which would rightly be an integer column).
 * - Header names are distinct lower-case letters and digits without `date`, `timestamp` or an
 *   `_at` ending: such names make integer columns read as compact dates or Unix times.
 * - A one-column table has no empty values: its empty value is an empty line, which is skipped.
 * - When quoting only where needed, any value holding one of the four candidate delimiters is
 *   quoted, not only the file's own: an unquoted `a;b` in a one-column comma file is one field
 *   or two, and no reader can know which.
 * - UTF-16 files carry a byte-order mark (without one, UTF-16 is recognised only in mostly ASCII text).
 */

interface Cell {
  /** The text written in the file (before quoting). */
  readonly written: string;
  /** What the importer stores for it. */
  readonly stored: CellValue;
}

const NULL_CELL: Cell = { written: '', stored: null };

type ColumnKind = 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'text';
const TYPE_OF: Readonly<Record<ColumnKind, ColumnType>> = {
  integer: 'integer',
  decimal: 'real',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  text: 'text',
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const integerCell = fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((n): Cell => ({ written: String(n), stored: n }));

const decimalCell = fc
  .integer({ min: -100_000_000, max: 100_000_000 })
  .filter((cents) => cents % 100 !== 0)
  .map((cents): Cell => {
    const written = (cents / 100).toFixed(2);
    return { written, stored: Number(written) };
  });

const booleanCell = fc.constantFrom<Cell>(
  { written: '是', stored: 1 },
  { written: '否', stored: 0 },
  { written: 'Y', stored: 1 },
  { written: 'N', stored: 0 },
  { written: 'yes', stored: 1 },
  { written: 'no', stored: 0 },
  { written: 'TRUE', stored: 1 },
  { written: 'false', stored: 0 },
);

const day = fc.record({ y: fc.integer({ min: 1990, max: 2035 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });
const time = fc.record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }) });
const isoDay = ({ y, m, d }: { y: number; m: number; d: number }): string => `${y}-${pad(m)}-${pad(d)}`;

/** One way of writing dates per column, as one export would. */
const dateCells = fc.constantFrom('iso', 'slash', 'chinese').map((style) =>
  day.map(({ y, m, d }): Cell => {
    const written = style === 'iso' ? isoDay({ y, m, d }) : style === 'slash' ? `${y}/${m}/${d}` : `${y}年${m}月${d}日`;
    return { written, stored: isoDay({ y, m, d }) };
  }),
);

const datetimeCells = fc.constantFrom('iso', 'slash-minutes').map((style) =>
  fc.tuple(day, time).map(([date, { h, mi, s }]): Cell => {
    if (style === 'iso') {
      const written = `${isoDay(date)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
      return { written, stored: written };
    }
    return { written: `${date.y}/${date.m}/${date.d} ${h}:${pad(mi)}`, stored: `${isoDay(date)} ${pad(h)}:${pad(mi)}:00` };
  }),
);

const TEXT_START = ['A', 'B', 'D', 'E', 'G', 'H', 'J', 'K', 'L', 'M', 'a', 'b', 'k', 'm', 'x', '客', '王', '李', '张', '陈', 'é'];
const TEXT_BODY = ['a', 'b', 'Z', 'q', '7', '0', '.', '-', ' ', '客', '户', '满', '意', '度', '，', '、', '😀', ',', ';', '\t', '|', '"', '\n', '\r\n'];
const textCell = fc
  .tuple(fc.constantFrom('', ' ', '  '), fc.constantFrom(...TEXT_START), fc.array(fc.constantFrom(...TEXT_BODY), { maxLength: 12 }), fc.constantFrom('', ' ', '  '))
  .map(([lead, start, body, trail]): Cell => {
    const written = `${lead}${start}${body.join('')}${trail}`;
    return { written, stored: written };
  });

function cellsOf(kind: ColumnKind): fc.Arbitrary<fc.Arbitrary<Cell>> {
  switch (kind) {
    case 'integer':
      return fc.constant(integerCell);
    case 'decimal':
      return fc.constant(decimalCell);
    case 'boolean':
      return fc.constant(booleanCell);
    case 'date':
      return dateCells;
    case 'datetime':
      return datetimeCells;
    case 'text':
      return fc.constant(textCell);
  }
}

interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly cells: readonly Cell[];
}

function columnOf(name: string, rows: number, nullable: boolean): fc.Arbitrary<Column> {
  return fc
    .constantFrom<ColumnKind>('integer', 'decimal', 'boolean', 'date', 'datetime', 'text')
    .chain((kind) =>
      cellsOf(kind).chain((cell) =>
        fc
          .array(nullable ? fc.oneof({ arbitrary: fc.constant(NULL_CELL), weight: 1 }, { arbitrary: cell, weight: 9 }) : cell, { minLength: rows, maxLength: rows })
          .map((cells): Column => ({ name, kind, cells })),
      ),
    );
}

const headerName = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/).filter((name) => !/date|timestamp|^at$/.test(name));

const tableArb = fc
  .record({ rows: fc.integer({ min: 1, max: 40 }), names: fc.uniqueArray(headerName, { minLength: 1, maxLength: 8 }) })
  .chain(({ rows, names }) => fc.tuple(...names.map((name) => columnOf(name, rows, names.length > 1))).map((columns) => ({ rows, columns })));

const dialectArb = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  lineEnding: fc.constantFrom('\n', '\r\n', '\r'),
  quoteAll: fc.boolean(),
  endsWithLineEnding: fc.boolean(),
  encoding: fc.constantFrom<TextEncoding>('utf-8', 'utf-16le', 'utf-16be'),
  utf8Bom: fc.boolean(),
});
type Dialect = typeof dialectArb extends fc.Arbitrary<infer D> ? D : never;

const NEEDS_QUOTES = /[,;\t|"\r\n]/;

function writeCsv(columns: readonly Column[], rows: number, dialect: Dialect): Uint8Array {
  const field = (value: string): string => (dialect.quoteAll || NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [columns.map((c) => field(c.name)).join(dialect.delimiter)];
  for (let r = 0; r < rows; r++) lines.push(columns.map((c) => field(c.cells[r]!.written)).join(dialect.delimiter));
  const text = lines.join(dialect.lineEnding) + (dialect.endsWithLineEnding ? dialect.lineEnding : '');
  switch (dialect.encoding) {
    case 'utf-16le':
      return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    case 'utf-16be':
      return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    default: {
      const utf8 = Buffer.from(text, 'utf8');
      return new Uint8Array(dialect.utf8Bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8);
    }
  }
}

describe('import round trip (property)', () => {
  let current: { engine: Engine; cleanup: () => void } | undefined;
  beforeAll(async () => {
    const { dir, cleanup } = tempDir();
    const engine = new Engine({ workerScript: JOB_WORKER });
    await engine.createWorkbench({ path: path.join(dir, 'wb.rootwise') });
    current = { engine, cleanup };
  });
  afterAll(() => {
    current?.engine.close();
    current?.cleanup();
  });

  it('imports a random typed table written in any dialect and encoding back to the same values', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(tableArb, dialectArb, async ({ rows, columns }, dialect) => {
        const engine = current!.engine;
        const table = `roundtrip_${++run}`;
        const bytes = writeCsv(columns, rows, dialect);
        const report = await engine.importFile({ source: { kind: 'bytes', name: `${table}.csv`, bytes }, table });

        expect(report.table).toBe(table);
        expect(report.encoding.name).toBe(dialect.encoding);
        expect(report.encoding.replacements).toBe(0);
        // with one column there is no delimiter in the file to find
        if (columns.length > 1) expect(report.dialect.delimiter).toBe(dialect.delimiter);
        expect(report.rows).toBe(rows);
        expect(report.rejected).toEqual({ rows: 0, values: 0 });
        expect(report.skipped).toEqual({ titleRows: [], notes: [] });
        expect(report.columns.map((c) => c.name)).toEqual(columns.map((c) => c.name));
        columns.forEach((column, c) => {
          // a column with no value at all is text, whatever it was meant to hold
          if (column.cells.some((cell) => cell.stored !== null)) expect(report.columns[c]?.type, column.name).toBe(TYPE_OF[column.kind]);
        });

        const page = await engine.previewRows({ table, limit: 100 });
        const expected = Array.from({ length: rows }, (_, r) => columns.map((column) => column.cells[r]!.stored));
        expect(page.rows).toEqual(expected);
      }),
      { numRuns: 30, seed: 20_240_305, endOnFailure: true },
    );
  }, 60_000);
});
