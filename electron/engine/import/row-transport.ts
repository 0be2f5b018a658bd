import type { CellValue, ColumnType } from '../../../shared/api/types';
import type { FieldSpans } from './parse-csv';
import type { SourceRecord } from './record-stream';
import { VERBATIM, type RowValue } from './load-records';

/**
 * Typed rows on their way from the reader thread to the thread that writes them. Structured
 * cloning an array of millions of small values costs more than the parsing did, so a batch travels
 * in flat pieces: the numeric columns' values in a Float64Array (moved, not copied, and never turned
 * into text and back), and the other columns' values as spans of the decoded text they were read
 * from (an Int32Array, moved too). Each decoded text crosses once, with the first batch that points
 * into it; the few values that are not a plain stretch of it (converted dates, unquoted doubled
 * quotes, rows from JSON or a workbook) travel as strings.
 */
export interface EncodedRows {
  readonly rows: number;
  /** The numeric columns' values, row after row; NaN stands for NULL (no converter yields NaN). */
  readonly numbers: Float64Array;
  /** Per row, the id of the text its spans point into (-1 when it has none). */
  readonly rowTexts: Int32Array;
  /** The other columns' values, row after row, two numbers each: the start and end of the value in
   * its row's text; a start of -1 is NULL, -2 the next of `strings`. */
  readonly spans: Int32Array;
  readonly strings: string[];
  /** The texts this batch points into that no batch sent before. */
  readonly texts: { readonly id: number; readonly text: string }[];
  /** The lowest text id this batch points into: the receiver forgets every lower one. */
  readonly oldestText: number;
}

const NULL_SPAN = -1;
const STRING_SPAN = -2;

/** Integers, reals and booleans (stored as 0 and 1) travel as numbers. */
const isNumeric = (type: ColumnType): boolean => type === 'integer' || type === 'real' || type === 'boolean';

/** Encodes batches in the reader thread; remembers which texts it has sent. Records come in file order. */
export class RowEncoder {
  private readonly numeric: boolean[];
  private readonly numericWidth: number;
  private lastSpans: FieldSpans | undefined;
  private lastId = -1;

  constructor(private readonly types: readonly ColumnType[]) {
    this.numeric = types.map(isNumeric);
    this.numericWidth = this.numeric.filter(Boolean).length;
  }

  /** `values`: `rows` rows of the types' width, read from `records`; VERBATIM stands for the
   * record's field. */
  encode(values: readonly RowValue[], records: readonly SourceRecord[], rows = records.length): EncodedRows {
    const { numeric, numericWidth } = this;
    const width = this.types.length;
    const numbers = new Float64Array(rows * numericWidth);
    const spans = new Int32Array(rows * (width - numericWidth) * 2);
    const rowTexts = new Int32Array(rows);
    const strings: string[] = [];
    const texts: { id: number; text: string }[] = [];
    let oldestText = -1;
    let n = 0;
    let t = 0;
    for (let r = 0, k = 0; r < rows; r++) {
      const record = records[r]!;
      const recordSpans = record.spans;
      if (recordSpans === undefined) rowTexts[r] = -1;
      else {
        if (recordSpans !== this.lastSpans) {
          this.lastSpans = recordSpans;
          this.lastId++;
          texts.push({ id: this.lastId, text: recordSpans.text });
        }
        rowTexts[r] = this.lastId;
        if (oldestText === -1) oldestText = this.lastId;
      }
      for (let c = 0; c < width; c++, k++) {
        const v = values[k] ?? null;
        if (numeric[c] === true) {
          numbers[n++] = v === null ? NaN : (v as number);
          continue;
        }
        if (v === VERBATIM) {
          const at = record.firstSpan + c;
          spans[t++] = recordSpans!.starts[at]!;
          spans[t++] = recordSpans!.ends[at]!;
        } else if (v === null) {
          spans[t++] = NULL_SPAN;
          t++;
        } else {
          spans[t++] = STRING_SPAN;
          t++;
          strings.push(v as string);
        }
      }
    }
    return { rows, numbers, rowTexts, spans, strings, texts, oldestText };
  }
}

/** Decodes batches in the writing thread; keeps the texts that later batches may point into. */
export class RowDecoder {
  private readonly numeric: boolean[];
  private readonly texts = new Map<number, string>();

  constructor(private readonly types: readonly ColumnType[]) {
    this.numeric = types.map(isNumeric);
  }

  /** The values of `encoded`, row after row, as the table's columns take them. */
  decode(encoded: EncodedRows): CellValue[] {
    const { numeric, texts } = this;
    for (const { id, text } of encoded.texts) texts.set(id, text);
    if (encoded.oldestText >= 0) for (const id of texts.keys()) if (id < encoded.oldestText) texts.delete(id);
    const width = this.types.length;
    const { rows, numbers, spans, strings, rowTexts } = encoded;
    const values = new Array<CellValue>(rows * width);
    let n = 0;
    let t = 0;
    let s = 0;
    for (let r = 0, k = 0; r < rows; r++) {
      const text = rowTexts[r] === -1 ? '' : texts.get(rowTexts[r]!)!;
      for (let c = 0; c < width; c++, k++) {
        if (numeric[c] === true) {
          const v = numbers[n++]!;
          values[k] = Number.isNaN(v) ? null : v;
          continue;
        }
        const start = spans[t++]!;
        const end = spans[t++]!;
        values[k] = start >= 0 ? text.slice(start, end) : start === NULL_SPAN ? null : strings[s++]!;
      }
    }
    return values;
  }
}

/** What to move instead of copying when the rows are posted. */
export const transferOf = (encoded: EncodedRows): ArrayBuffer[] => [encoded.numbers.buffer as ArrayBuffer, encoded.spans.buffer as ArrayBuffer, encoded.rowTexts.buffer as ArrayBuffer];
