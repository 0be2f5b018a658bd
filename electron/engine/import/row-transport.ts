import type { CellValue, ColumnType } from '../../../shared/api/types';

/**
 * Typed rows on their way from the reader thread to the thread that writes them. Structured
 * cloning an array of millions of small values costs more than the parsing did; one string with
 * separators crosses threads almost for free and splits back fast, so that is how batches travel,
 * unless a text value holds a separator character itself.
 */
export type EncodedRows = { readonly kind: 'joined'; readonly text: string } | { readonly kind: 'values'; readonly values: CellValue[] };

const SEPARATOR = '\u001f';
const NULL_MARK = '\u001e';

const holdsMarks = (value: string): boolean => value.includes(SEPARATOR) || value.includes(NULL_MARK);

/** `mayHoldMarks`: false when the values' source text is known to hold no separator character. */
export function encodeRows(values: CellValue[], types: readonly ColumnType[], mayHoldMarks = true): EncodedRows {
  const width = types.length;
  if (values.length === 0) return { kind: 'values', values };
  for (let c = 0; c < width && mayHoldMarks; c++) {
    if (types[c] !== 'text') continue;
    for (let k = c; k < values.length; k += width) {
      const v = values[k];
      if (typeof v === 'string' && holdsMarks(v)) return { kind: 'values', values };
    }
  }
  for (let k = 0; k < values.length; k++) if (values[k] === null) values[k] = NULL_MARK;
  return { kind: 'joined', text: values.join(SEPARATOR) };
}

export function decodeRows(encoded: EncodedRows, types: readonly ColumnType[]): CellValue[] {
  if (encoded.kind === 'values') return encoded.values;
  const width = types.length;
  const numeric = types.map((t) => t === 'integer' || t === 'real' || t === 'boolean');
  const values: CellValue[] = encoded.text.split(SEPARATOR);
  for (let k = 0, c = 0; k < values.length; k++, c = c + 1 === width ? 0 : c + 1) {
    const v = values[k] as string;
    if (v === NULL_MARK) values[k] = null;
    else if (numeric[c] === true) values[k] = Number(v);
  }
  return values;
}
