import { isUtf8 } from 'node:buffer';
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

function countReplacements(text: string, from: number): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD', from); i !== -1; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

const UTF8_REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** U+FFFD characters written in a UTF-8 file itself (an earlier tool's replacements): they decode
 * fine, so they are not counted as this import's. */
function literalReplacements(bytes: Uint8Array): number {
  const window = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let i = window.indexOf(UTF8_REPLACEMENT); i !== -1; i = window.indexOf(UTF8_REPLACEMENT, i + 3)) count++;
  return count;
}

/** Where a chunk's decoded text comes from: the text of the next bytes, with the unfinished record
 * of the last chunk (`carry`) in front. */
type ChunkTexts = (carry: string, carryIsWholeText: boolean) => { input: string; final: boolean };

/** The start of the incomplete UTF-8 character that ends `bytes[from, to)`, or `to` when the last
 * character is complete (or no character at all: the decoder replaces stray bytes either way). */
export function utf8CompleteEnd(bytes: Uint8Array, from: number, to: number): number {
  let i = to - 1;
  while (i >= from && to - i <= 3 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < from) return to;
  const lead = bytes[i]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + length > to ? i : to;
}

/**
 * UTF-8, decoded so that each chunk's text is one flat string with the carried record in front: the
 * carry's bytes go before the chunk's, and the two are decoded as one. (`carry + text` would be a
 * concatenation V8 reads through an indirection on every access; that cost about 6 % of the reading.)
 * A character cut by the end of a chunk waits for the next one. Whether the decoder replaced any
 * bytes is asked of the bytes themselves, which is far cheaper than looking for U+FFFD in the text.
 */
function utf8ChunkTexts(read: (into: Uint8Array) => number, atEnd: () => boolean, chunkBytes: number, bomLength: number, encoding: { replacements: number }): ChunkTexts {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(chunkBytes + 4096);
  /** buffer[windowStart, windowEnd) held the last text; buffer[windowEnd, pendingEnd) a character cut in two. */
  let windowStart = 0;
  let windowEnd = 0;
  let pendingEnd = 0;
  let first = true;
  /** A buffer of at least `size` bytes, holding `buffer[keepFrom, pendingEnd)` at its start. */
  const room = (size: number, keepFrom: number): void => {
    if (buffer.length >= size) buffer.copyWithin(0, keepFrom, pendingEnd);
    else {
      const grown = new Uint8Array(size + (chunkBytes >> 1));
      grown.set(buffer.subarray(keepFrom, pendingEnd));
      buffer = grown;
    }
  };
  return (carry, carryIsWholeText) => {
    const pending = pendingEnd - windowEnd;
    let carryLength: number;
    if (carryIsWholeText) {
      // nothing of the last window was taken: its bytes are the carry's
      carryLength = windowEnd - windowStart;
      room(carryLength + pending + chunkBytes, windowStart);
    } else {
      const pendingBytes = buffer.slice(windowEnd, pendingEnd);
      room(carry.length * 3 + pending + chunkBytes, pendingEnd);
      carryLength = carry === '' ? 0 : encoder.encodeInto(carry, buffer).written;
      buffer.set(pendingBytes, carryLength);
    }
    const readAt = carryLength + pending;
    const n = read(buffer.subarray(readAt, readAt + chunkBytes));
    const final = n === 0 || atEnd();
    const end = readAt + n;
    const textEnd = final ? end : utf8CompleteEnd(buffer, carryLength, end);
    const from = first ? Math.min(bomLength, textEnd) : 0;
    first = false;
    const input = decoder.decode(buffer.subarray(from, textEnd));
    // replacements made now, not U+FFFD characters the file holds (nor the carry's, counted before)
    const fresh = buffer.subarray(Math.max(from, carryLength), textEnd);
    if (!isUtf8(fresh)) encoding.replacements += countReplacements(input, carryLength === 0 ? 0 : carry.length) - literalReplacements(fresh);
    windowStart = from;
    windowEnd = textEnd;
    pendingEnd = end;
    return { input, final };
  };
}

/** Any other encoding: decoded by a streaming decoder, the carry joined to the chunk's text. */
function decodedChunkTexts(read: (into: Uint8Array) => number, atEnd: () => boolean, chunkBytes: number, guess: { encoding: TextEncoding; bomLength: number }, encoding: { replacements: number }): ChunkTexts {
  const chunk = new Uint8Array(chunkBytes);
  const decoder = new TextDecoder(guess.encoding, { ignoreBOM: true });
  let first = true;
  return (carry) => {
    const n = read(chunk);
    const final = n === 0 || atEnd();
    const skip = first ? guess.bomLength : 0;
    first = false;
    const text = decoder.decode(chunk.subarray(Math.min(skip, n), n), { stream: !final });
    encoding.replacements += countReplacements(text, 0);
    return { input: carry + text, final };
  };
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
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK;
  const maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const hash: Hash = createHash('sha256');
  const encoding = { name: guess.encoding, confidence: guess.confidence, replacements: 0 };
  let position = 0;
  let carry = '';
  let carryIsWholeText = false;
  let line = 1;
  let done = false;
  let spanCapacity = 0;
  /** Reads the next bytes of the file into `into`, hashing them; 0 at its end. */
  const read = (into: Uint8Array): number => {
    const n = position < bytes.size ? bytes.read(into, position) : 0;
    hash.update(into.subarray(0, n));
    position += n;
    return n;
  };
  const atEnd = (): boolean => position >= bytes.size;
  const nextText = guess.encoding === 'utf-8' ? utf8ChunkTexts(read, atEnd, chunkBytes, guess.bomLength, encoding) : decodedChunkTexts(read, atEnd, chunkBytes, guess, encoding);

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
        if (carry.length > maxRecordChars) {
          throw new RootwiseError('error.import.recordTooLarge', { file: path.basename(file), line, max: Math.max(1, Math.round(maxRecordChars / 1024 / 1024)) });
        }
        const { input, final } = nextText(carry, carryIsWholeText);
        const spans = new FieldSpans(input, Math.max(1024, spanCapacity));
        const stop = scanCsv(spans, delimiter, { final, firstLine: line }, (first, count, firstLine, start, end, truncated) =>
          records.push(new SourceRecord(firstLine, truncated, input, start, end, count, spans, first, undefined)),
        );
        // the next chunk likely holds as many fields: no growing on the way
        spanCapacity = spans.length + (spans.length >> 3);
        carryIsWholeText = stop.consumed === 0;
        carry = carryIsWholeText ? input : input.slice(stop.consumed);
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
