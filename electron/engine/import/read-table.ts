import type { ImportReport, TextEncoding } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { DETECTION_SAMPLE_BYTES, bomLengthFor, decodeText, detectEncoding, looksBinary } from './detect-encoding';
import { parseCsv, sniffDelimiter, type CsvRecord } from './parse-csv';
import { jsonFlavour, parseJsonTable } from './parse-json';
import { isCfbStart, isZipStart } from './source-kind';
import { endsLikeZip } from './zip-guard';

/** A file read as records, before the table is found in them and typed. */
export interface SourceTable {
  /** Every record in file order; the header is among the first (title rows may precede it). */
  readonly records: CsvRecord[];
  /** The record's text as the file has it, for rejects and the report. */
  readonly rawText: (record: CsvRecord) => string;
  readonly encoding: ImportReport['encoding'];
  readonly dialect: ImportReport['dialect'];
  /** Whether the records may have title rows above the header and notes below (delimited text and sheets do). */
  readonly mayHaveTitleAndNotes: boolean;
}

export interface ReadTableOptions {
  readonly encoding?: TextEncoding | undefined;
  /** The workbook sheet to read; absent = the first visible sheet with data. */
  readonly sheet?: string | undefined;
  readonly onParsed: (done: number, total: number) => void;
  readonly checkCancelled: () => void;
}


/** Workbooks go to the XLSX reader, which reads an .xlsx and tells why it cannot read an .xls, a
 * protected or a damaged workbook. A ZIP is one by its name or when it is whole (a few bytes that
 * start like one are binary junk); an ".xls" that is really text, as many systems export, stays text. */
const looksLikeWorkbook = (bytes: Uint8Array, fileName: string): boolean =>
  /\.xls[xm]$/i.test(fileName) || isCfbStart(bytes) || (isZipStart(bytes) && endsLikeZip(bytes));

/** Reads an Excel workbook's sheet, or delimited text or JSON (encoding detected unless given), into records. */
export async function readTable(bytes: Uint8Array, fileName: string, options: ReadTableOptions): Promise<SourceTable> {
  if (looksLikeWorkbook(bytes, fileName)) {
    // exceljs is loaded only for a workbook: it would double the time every import takes to start
    const { readXlsx } = await import('./read-xlsx');
    return readXlsx(bytes, fileName, options);
  }
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
