import { createHash, type Hash } from 'node:crypto';
import path from 'node:path';
import type { Delimiter, ImportReport, ImportSource, TextEncoding } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { MessageKey } from '../../../shared/i18n/messages';
import { DETECTION_SAMPLE_BYTES, bomLengthFor, detectEncoding, looksBinary } from './detect-encoding';
import { FieldSpans, scanCsv, sniffDelimiter } from './parse-csv';
import { jsonFlavour } from './parse-json';
import { openBytes, type ByteSource } from './byte-source';
import { readTable } from './read-table';
import { mayBeWorkbook } from './source-kind';

/**
 * A record as the import reads it: its fields, where it starts, and its text as the file has it.
 * A delimited file's record holds its fields as spans of the decoded text (see `FieldSpans`), made
 * strings one at a time when asked for; other readers give the fields as strings.
 */
export class SourceRecord {
  private list: string[] | undefined;

  constructor(
    /** 1-based physical line (the row number in a sheet). */
    readonly line: number,
    readonly truncated: boolean,
    /** The record's text is `text.slice(start, end)`, possibly with its line break (see
     * `rawLine`): cut only when needed, as few records are ever shown as text. */
    readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly fieldCount: number,
    /** The spans its fields are, from `firstSpan` on; undefined when `list` holds them. */
    readonly spans: FieldSpans | undefined,
    readonly firstSpan: number,
    list: string[] | undefined,
    readonly rejectReason?: MessageKey | undefined,
  ) {
    this.list = list;
  }

  /** A record whose fields are strings already. */
  static of(fields: string[], line: number, truncated: boolean, text: string, rejectReason?: MessageKey): SourceRecord {
    return new SourceRecord(line, truncated, text, 0, text.length, fields.length, undefined, 0, fields, rejectReason);
  }

  get fields(): string[] {
    return (this.list ??= this.spans!.values(this.firstSpan, this.fieldCount));
  }

  /** Field c as a string. */
  field(c: number): string {
    return this.list === undefined ? this.spans!.value(this.firstSpan + c) : this.list[c]!;
  }
}

/** A record's text without the line break that ended it. */
export const rawLine = (record: SourceRecord): string => record.text.slice(record.start, record.end).replace(/\r?\n$|\r$/, '');

/**
 * A file read as batches of records, in file order, without holding the file in memory: delimited
 * text is read, hashed, decoded and parsed chunk by chunk. (JSON and XLSX are parsed whole and then
 * handed out in batches: their structure needs the whole file.)
 */
export interface RecordStream {
  readonly fileName: string;
  /** Replacements are the ones counted so far: final after the last batch. */
  readonly encoding: ImportReport['encoding'];
  readonly dialect: ImportReport['dialect'];
  /** Whether the records may have title rows above the header and notes below. */
  readonly mayHaveTitleAndNotes: boolean;
  readonly totalBytes: number;
  /** Bytes consumed so far, for progress. */
  bytesRead(): number;
  /** The next records, or undefined at the end. */
  next(): Promise<SourceRecord[] | undefined>;
  /** After the end: the size and SHA-256 of the bytes read. Throws when the file changed meanwhile. */
  finish(): { size: number; sha256: string };
  close(): void;
}

export interface OpenStreamOptions {
  readonly encoding?: TextEncoding | undefined;
  /** Overrides the sniffed delimiter. */
  readonly delimiter?: Delimiter | undefined;
  readonly sheet?: string | undefined;
  /** Bytes read and decoded at a time (default 1 MiB). */
  readonly chunkBytes?: number | undefined;
  /** The longest record taken, in characters (default MAX_RECORD_CHARS). */
  readonly maxRecordChars?: number | undefined;
  readonly checkCancelled?: (() => void) | undefined;
}

const DEFAULT_CHUNK = 1024 * 1024;
/** A record longer than this (in characters) is refused: it is almost always a quote never closed. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;
const WHOLE_FILE_BATCH = 10_000;

function readAll(bytes: ByteSource): Uint8Array {
  const all = new Uint8Array(bytes.size);
  let at = 0;
  while (at < bytes.size) {
    const n = bytes.read(all.subarray(at), at);
    if (n === 0) break;
    at += n;
  }
  return all.subarray(0, at);
}

/** Opens a file (or sent bytes) as a record stream, detecting its format and encoding. */
export async function openRecordStream(source: ImportSource, options: OpenStreamOptions = {}): Promise<RecordStream> {
  const { bytes, file } = openBytes(source);
  const fileName = path.basename(file);
  try {
    if (bytes.size === 0) throw new RootwiseError('error.import.empty', { file: fileName });
    const startStamp = bytes.stamp();
    const sample = new Uint8Array(Math.min(bytes.size, DETECTION_SAMPLE_BYTES));
    bytes.read(sample, 0);
    const guess = options.encoding === undefined ? detectEncoding(sample) : { encoding: options.encoding, confidence: 1, bomLength: bomLengthFor(sample, options.encoding) };
    const sampleText = new TextDecoder(guess.encoding, { ignoreBOM: true }).decode(sample.subarray(guess.bomLength));
    if (mayBeWorkbook(sample, fileName) || jsonFlavour(sampleText, fileName) !== undefined) {
      return await wholeFileStream(bytes, file, startStamp, options);
    }
    if (looksBinary(sample, guess.encoding)) throw new RootwiseError('error.import.binary', { file: fileName });
    return delimitedStream(bytes, file, startStamp, guess, options.delimiter ?? sniffDelimiter(sampleText), options);
  } catch (error) {
    bytes.close();
    throw error;
  }
}

function changedError(file: string): RootwiseError {
  return new RootwiseError('error.import.fileChanged', { file: path.basename(file) });
}

/** JSON and workbooks: parsed whole by their readers, then handed out in batches. */
async function wholeFileStream(bytes: ByteSource, file: string, startStamp: string, options: OpenStreamOptions): Promise<RecordStream> {
  const fileName = path.basename(file);
  const all = readAll(bytes);
  if (bytes.stamp() !== startStamp || all.length !== bytes.size) throw changedError(file);
  const sha256 = createHash('sha256').update(all).digest('hex');
  const table = await readTable(all, fileName, {
    encoding: options.encoding,
    sheet: options.sheet,
    onParsed: () => undefined,
    checkCancelled: options.checkCancelled ?? (() => undefined),
  });
  const records = table.records;
  let at = 0;
  return {
    fileName: file,
    encoding: table.encoding,
    dialect: table.dialect,
    mayHaveTitleAndNotes: table.mayHaveTitleAndNotes,
    totalBytes: all.length,
    bytesRead: () => Math.round((at / Math.max(records.length, 1)) * all.length),
    next: () => {
      if (at >= records.length) return Promise.resolve(undefined);
      const batch = records.slice(at, at + WHOLE_FILE_BATCH).map((r) => SourceRecord.of(r.fields, r.line, r.truncated, table.rawText(r), r.rejectReason));
      at += batch.length;
      return Promise.resolve(batch);
    },
    finish: () => ({ size: all.length, sha256 }),
    close: () => bytes.close(),
  };
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

const UTF8_REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** U+FFFD characters written in a UTF-8 file itself (an earlier tool's replacements): they decoded
 * fine, so they are not counted as this import's. Counted over the chunk and the previous chunk's
 * last two bytes, so one cut by the chunk boundary is found once. */
function literalReplacements(previousTail: Buffer, chunk: Uint8Array): number {
  const window = Buffer.concat([previousTail, chunk]);
  let count = 0;
  for (let i = window.indexOf(UTF8_REPLACEMENT); i !== -1; i = window.indexOf(UTF8_REPLACEMENT, i + 3)) count++;
  return count;
}

/** Delimited text, read chunk by chunk: memory holds one chunk and the record it ends inside. */
function delimitedStream(
  bytes: ByteSource,
  file: string,
  startStamp: string,
  guess: { encoding: TextEncoding; confidence: number; bomLength: number },
  delimiter: string,
  options: OpenStreamOptions,
): RecordStream {
  const chunk = new Uint8Array(options.chunkBytes ?? DEFAULT_CHUNK);
  const maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const decoder = new TextDecoder(guess.encoding, { ignoreBOM: true });
  const hash: Hash = createHash('sha256');
  const encoding = { name: guess.encoding, confidence: guess.confidence, replacements: 0 };
  let position = 0;
  let carry = '';
  let line = 1;
  let done = false;
  let tail = Buffer.alloc(0);
  let spanCapacity = 0;

  function readChunk(): { text: string; final: boolean } {
    const n = position < bytes.size ? bytes.read(chunk, position) : 0;
    const read = chunk.subarray(0, n);
    hash.update(read);
    const skip = position === 0 ? guess.bomLength : 0;
    position += n;
    const final = n === 0 || position >= bytes.size;
    const text = decoder.decode(read.subarray(skip), { stream: !final });
    const replaced = countReplacements(text);
    if (replaced > 0) encoding.replacements += replaced - (guess.encoding === 'utf-8' ? literalReplacements(tail, read) : 0);
    if (guess.encoding === 'utf-8') tail = Buffer.from(read.subarray(Math.max(0, n - 2)));
    return { text, final };
  }

  return {
    fileName: file,
    encoding,
    dialect: { format: 'delimited', delimiter },
    mayHaveTitleAndNotes: true,
    totalBytes: bytes.size,
    bytesRead: () => position,
    next: () => {
      if (done) return Promise.resolve(undefined);
      const records: SourceRecord[] = [];
      // a record longer than a chunk needs several reads before one record comes out
      while (records.length === 0 && !done) {
        options.checkCancelled?.();
        const { text, final } = readChunk();
        if (carry.length > maxRecordChars) {
          throw new RootwiseError('error.import.recordTooLarge', { file: path.basename(file), line, max: Math.max(1, Math.round(maxRecordChars / 1024 / 1024)) });
        }
        const input = carry + text;
        const spans = new FieldSpans(input, Math.max(1024, spanCapacity));
        const stop = scanCsv(spans, delimiter, { final, firstLine: line }, (first, count, firstLine, start, end, truncated) =>
          records.push(new SourceRecord(firstLine, truncated, input, start, end, count, spans, first, undefined)),
        );
        // the next chunk likely holds as many fields: no growing on the way
        spanCapacity = spans.length + (spans.length >> 3);
        carry = input.slice(stop.consumed);
        line = stop.line;
        if (final) done = true;
      }
      return Promise.resolve(records.length === 0 ? undefined : records);
    },
    finish: () => {
      if (bytes.stamp() !== startStamp || position !== bytes.size) throw changedError(file);
      return { size: position, sha256: hash.digest('hex') };
    },
    close: () => bytes.close(),
  };
}
