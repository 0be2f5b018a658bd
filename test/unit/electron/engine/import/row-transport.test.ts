import { describe, expect, it } from 'vitest';
import { VERBATIM, type RowValue } from '../../../../../electron/engine/import/load-records';
import { FieldSpans, scanCsv } from '../../../../../electron/engine/import/parse-csv';
import { SourceRecord } from '../../../../../electron/engine/import/record-stream';
import { RowDecoder, RowEncoder, transferOf, type EncodedRows } from '../../../../../electron/engine/import/row-transport';
import type { CellValue, ColumnType } from '../../../../../shared/api/types';

const types: ColumnType[] = ['text', 'integer', 'real', 'boolean', 'datetime'];

/** The records of a CSV text, with their fields as spans. */
function spanRecords(text: string): SourceRecord[] {
  const spans = new FieldSpans(text, 4);
  const records: SourceRecord[] = [];
  scanCsv(spans, ',', {}, (first, count, line, start, end, truncated) => records.push(new SourceRecord(line, truncated, text, start, end, count, spans, first, undefined)));
  return records;
}

/** Posts a batch the way the reader does: a structured clone with the buffers moved. */
const post = (encoded: EncodedRows): EncodedRows => structuredClone(encoded, { transfer: transferOf(encoded) });

describe('rows between threads', () => {
  it('travel as numbers and strings, and come back with their types and NULLs', () => {
    const values: CellValue[] = ['华东', 12, 0.85, 1, '2024-03-05 14:02:00', null, -3, 1e-7, 0, null, '', null, null, null, null];
    const records = [0, 1, 2].map((line) => SourceRecord.of([], line, false, ''));
    const encoded = new RowEncoder(types).encode(values, records);
    expect([...encoded.numbers]).toEqual([12, 0.85, 1, -3, 1e-7, 0, NaN, NaN, NaN]);
    expect(encoded.strings).toEqual(['华东', '2024-03-05 14:02:00', '']);
    expect(encoded.texts).toEqual([]);
    expect(new RowDecoder(types).decode(post(encoded))).toEqual(values);
  });

  it('keep large integers, negative zero and infinities exact', () => {
    const values: CellValue[] = ['a', 2 ** 53 - 1, -0, 0, 'b', 'c', -(2 ** 53 - 1), Infinity, 1, 'd'];
    const records = [1, 2].map((line) => SourceRecord.of([], line, false, ''));
    const decoded = new RowDecoder(types).decode(post(new RowEncoder(types).encode(values, records)));
    expect(decoded).toEqual(values);
    expect(Object.is(decoded[2], -0)).toBe(true);
  });

  it('send a verbatim field as its span, each text once, and forget a text no batch points into any more', () => {
    const first = spanRecords('华东,1,0.5,1,"2024-03-05 14:02:00"\n"a ""quoted"" one",2,,0,x\n');
    const second = spanRecords('华南,3,1.5,0,2024-03-06 09:00:00\n');
    const encoder = new RowEncoder(types);
    const decoder = new RowDecoder(types);
    const row = (record: SourceRecord, text: RowValue, date: RowValue): RowValue[] => [text, Number(record.field(1)), record.field(2) === '' ? null : Number(record.field(2)), Number(record.field(3)), date];
    // the quoted field with doubled quotes is not a plain stretch of the text: it goes as a string
    const batch1 = encoder.encode([...row(first[0]!, VERBATIM, VERBATIM), ...row(first[1]!, 'a "quoted" one', 'x converted')], first);
    expect(batch1.texts.map((t) => t.id)).toEqual([0]);
    expect(batch1.strings).toEqual(['a "quoted" one', 'x converted']);
    expect(decoder.decode(post(batch1))).toEqual(['华东', 1, 0.5, 1, '2024-03-05 14:02:00', 'a "quoted" one', 2, null, 0, 'x converted']);
    // the same text again: not sent twice
    const again = encoder.encode(row(first[0]!, VERBATIM, null), [first[0]!]);
    expect(again.texts).toEqual([]);
    expect(decoder.decode(post(again))).toEqual(['华东', 1, 0.5, 1, null]);
    const batch2 = encoder.encode(row(second[0]!, VERBATIM, VERBATIM), second);
    expect(batch2.texts.map((t) => t.id)).toEqual([1]);
    expect(batch2.oldestText).toBe(1);
    expect(decoder.decode(post(batch2))).toEqual(['华南', 3, 1.5, 0, '2024-03-06 09:00:00']);
  });

  it('tell one empty text from no rows, and carry tables of only numbers or only texts', () => {
    const one = [SourceRecord.of([''], 1, false, '')];
    expect(new RowDecoder(['text']).decode(post(new RowEncoder(['text']).encode([''], one)))).toEqual(['']);
    expect(new RowDecoder(['text']).decode(post(new RowEncoder(['text']).encode([], [])))).toEqual([]);
    const three = [1, 2, 3].map((line) => SourceRecord.of([], line, false, ''));
    expect(new RowDecoder(['integer']).decode(post(new RowEncoder(['integer']).encode([1, null, 3], three)))).toEqual([1, null, 3]);
  });
});
