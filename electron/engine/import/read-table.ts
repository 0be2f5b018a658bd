import type { ImportReport, TextEncoding } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { DETECTION_SAMPLE_BYTES, bomLengthFor, decodeText, detectEncoding, looksBinary } from './detect-encoding';
import { parseCsv, sniffDelimiter, type CsvRecord } from './parse-csv';
import { jsonFlavour, parseJsonTable } from './parse-json';

/** A file read as records, before the table is found in them and typed. */
export interface SourceTable {
  /** Every record in file order; the header is among the first (title rows may precede it). */
  readonly records: CsvRecord[];
  /** The record's text as the file has it, for rejects and the report. */
  readonly rawText: (record: CsvRecord) => string;
  readonly encoding: ImportReport['encoding'];
  readonly dialect: ImportReport['dialect'];
  /** Whether the records may have title rows above the header and notes below (delimited text does). */
  readonly mayHaveTitleAndNotes: boolean;
}

export interface ReadTableOptions {
  readonly encoding?: TextEncoding | undefined;
  readonly onParsed: (done: number, total: number) => void;
  readonly checkCancelled: () => void;
}

/** Reads delimited text or JSON (encoding detected unless given) into records. */
export function readTable(bytes: Uint8Array, fileName: string, options: ReadTableOptions): SourceTable {
  const sample = bytes.subarray(0, DETECTION_SAMPLE_BYTES);
  const guess =
    options.encoding === undefined ? detectEncoding(sample) : { encoding: options.encoding, confidence: 1, bomLength: bomLengthFor(bytes, options.encoding) };
  if (looksBinary(sample, guess.encoding)) throw new RootwiseError('error.import.binary', { file: fileName });
  const { text, replacements } = decodeText(bytes, guess.encoding, guess.bomLength);
  const encoding = { name: guess.encoding, confidence: guess.confidence, replacements };
  const rawText = (record: CsvRecord): string => text.slice(record.start, record.end).replace(/\r?\n$|\r$/, '');

  const flavour = jsonFlavour(text, fileName);
  if (flavour !== undefined) {
    const records = parseJsonTable(text, fileName, flavour);
    options.onParsed(text.length, text.length);
    return { records, rawText, encoding, dialect: { format: flavour, delimiter: null }, mayHaveTitleAndNotes: false };
  }
  const delimiter = sniffDelimiter(text);
  const records: CsvRecord[] = [];
  for (const record of parseCsv(text, delimiter)) {
    records.push(record);
    if (records.length % 20_000 === 0) {
      options.onParsed(record.end, text.length);
      options.checkCancelled();
    }
  }
  options.onParsed(text.length, text.length);
  return { records, rawText, encoding, dialect: { format: 'delimited', delimiter }, mayHaveTitleAndNotes: true };
}
