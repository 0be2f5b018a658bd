import type { CellValue, ColumnType } from '../../../shared/api/types';

/**
 * Typed rows on their way from the reader thread to the thread that writes them. Structured
 * cloning an array of millions of small values costs more than the parsing did, so a batch travels
 * as two flat pieces: the numeric columns' values in a Float64Array (moved, not copied, and never
 * turned into text and back), and the other columns' values joined into one string with separators,
 * which crosses threads almost for free and splits back fast. When a text value holds a separator
 * character itself, the texts are cloned as an array instead.
 */
export interface EncodedRows {
  readonly rows: number;
  /** The numeric columns' values, row after row; NaN stands for NULL (no converter yields NaN). */
  readonly numbers: Float64Array;
  /** The other columns' values, row after row: joined (NULL as NULL_MARK), or as they are. */
  readonly texts: { readonly kind: 'joined'; readonly text: string } | { readonly kind: 'values'; readonly values: (string | null)[] };
}

const SEPARATOR = '\u001f';
const NULL_MARK = '\u001e';

const holdsMarks = (value: string): boolean => value.includes(SEPARATOR) || value.includes(NULL_MARK);

/** Integers, reals and booleans (stored as 0 and 1) travel as numbers. */
const isNumeric = (type: ColumnType): boolean => type === 'integer' || type === 'real' || type === 'boolean';

/** `mayHoldMarks`: false when the values' source text is known to hold no separator character. */
export function encodeRows(values: readonly CellValue[], types: readonly ColumnType[], mayHoldMarks = true): EncodedRows {
  const width = types.length;
  const numeric = types.map(isNumeric);
  const numericWidth = numeric.filter(Boolean).length;
  const rows = width === 0 ? 0 : values.length / width;
  const numbers = new Float64Array(rows * numericWidth);
  const texts = new Array<string | null>(rows * (width - numericWidth));
  let n = 0;
  let t = 0;
  for (let k = 0, c = 0; k < values.length; k++, c = c + 1 === width ? 0 : c + 1) {
    const v = values[k] ?? null;
    if (numeric[c] === true) numbers[n++] = v === null ? NaN : (v as number);
    else texts[t++] = v as string | null;
  }
  if (mayHoldMarks && texts.some((v) => v !== null && holdsMarks(v))) return { rows, numbers, texts: { kind: 'values', values: texts } };
  for (let k = 0; k < texts.length; k++) if (texts[k] === null) texts[k] = NULL_MARK;
  return { rows, numbers, texts: { kind: 'joined', text: texts.join(SEPARATOR) } };
}

/** The values of `encodeRows`, row after row, as the table's columns take them. */
export function decodeRows(encoded: EncodedRows, types: readonly ColumnType[]): CellValue[] {
  const width = types.length;
  const numeric = types.map(isNumeric);
  const textWidth = width - numeric.filter(Boolean).length;
  const { rows, numbers } = encoded;
  let texts: (string | null)[];
  if (encoded.texts.kind === 'values') texts = encoded.texts.values;
  else {
    texts = textWidth === 0 || rows === 0 ? [] : encoded.texts.text.split(SEPARATOR);
    for (let k = 0; k < texts.length; k++) if (texts[k] === NULL_MARK) texts[k] = null;
  }
  const values = new Array<CellValue>(rows * width);
  let n = 0;
  let t = 0;
  for (let k = 0, c = 0; k < values.length; k++, c = c + 1 === width ? 0 : c + 1) {
    if (numeric[c] === true) {
      const v = numbers[n++]!;
      values[k] = Number.isNaN(v) ? null : v;
    } else values[k] = texts[t++]!;
  }
  return values;
}

/** What to move instead of copying when the rows are posted. */
export const transferOf = (encoded: EncodedRows): ArrayBuffer[] => [encoded.numbers.buffer as ArrayBuffer];
