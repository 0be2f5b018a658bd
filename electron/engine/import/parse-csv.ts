import type { MessageKey } from '../../../shared/i18n/messages';

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** Character offsets of the record in the text, for keeping a rejected row's raw text. */
  readonly start: number;
  readonly end: number;
  /** The text ended inside a quoted field: the record is incomplete. */
  readonly truncated: boolean;
  /** Set by readers that already know the record cannot be a row (a JSON Lines line that does not parse). */
  readonly rejectReason?: MessageKey | undefined;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Picks the delimiter whose per-line field count is highest and most consistent over the first
 * lines (quotes respected). Ties go to the comma.
 */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: string = ',';
  let bestScore = -1;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts: number[] = [];
    for (const record of parseCsv(sample, delimiter)) {
      if (record.truncated || counts.length >= 50) break;
      counts.push(record.fields.length);
    }
    if (counts.length === 0) continue;
    const mode = [...counts].sort((a, b) => counts.filter((c) => c === b).length - counts.filter((c) => c === a).length)[0]!;
    const consistent = counts.filter((c) => c === mode).length / counts.length;
    const score = mode > 1 ? mode * consistent * consistent : 0;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Where a chunked parse stopped: the text from `consumed` on is an unfinished record, to be
 * parsed again with the next chunk prepended; `line` is the line it starts at. */
export interface CsvChunkEnd {
  readonly consumed: number;
  readonly line: number;
}

export interface ParseCsvOptions {
  /** The text is the end of the input (default). Otherwise a record that runs to the end of the
   * text is not yielded: it may continue in the next chunk. */
  readonly final?: boolean | undefined;
  /** The physical line the text starts at (default 1). */
  readonly firstLine?: number | undefined;
}

/** Receives each record of `scanCsv`: its fields, first line, offsets in the text, and whether the
 * text ended inside a quote. */
export type CsvRecordSink = (fields: string[], line: number, start: number, end: number, truncated: boolean) => void;

/**
 * RFC 4180 records from text: quoted fields may hold delimiters, doubled quotes and line breaks;
 * records end at LF, CRLF or a lone CR. Empty lines are skipped. Text may come in chunks (see
 * `ParseCsvOptions.final`); the generator returns where it stopped.
 */
export function* parseCsv(text: string, delimiter: string, options: ParseCsvOptions = {}): Generator<CsvRecord, CsvChunkEnd> {
  const records: CsvRecord[] = [];
  const end = scanCsv(text, delimiter, options, (fields, line, start, stop, truncated) => records.push({ fields, line, start, end: stop, truncated }));
  yield* records;
  return end;
}

/** The parser's loop: hands each record to `sink` (no object per record) and returns where it stopped. */
export function scanCsv(text: string, delimiter: string, options: ParseCsvOptions, sink: CsvRecordSink): CsvChunkEnd {
  const final = options.final ?? true;
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = options.firstLine ?? 1;
  while (i < n) {
    const recordLine = line;
    const start = i;
    const fields: string[] = [];
    let truncated = false;
    let terminated = false;
    for (;;) {
      // one field
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            value += text.slice(from, n);
            line += countLineBreaks(text, from, n);
            i = n;
            truncated = true;
            break;
          }
          line += countLineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        // anything between the closing quote and the delimiter is kept, as spreadsheets do
        let tail = i;
        while (tail < n) {
          const c = text.charCodeAt(tail);
          if (c === delim || c === LF || c === CR) break;
          tail++;
        }
        fields.push(tail > i ? value + text.slice(i, tail) : value);
        i = tail;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          fields.push('');
          break;
        }
        continue;
      }
      // end of record; a CR that ends a chunk may be the first half of a CRLF
      if (c === CR && i + 1 >= n && !final) break;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      terminated = true;
      break;
    }
    if (!terminated && !final) return { consumed: start, line: recordLine };
    const end = i;
    // an empty line is skipped; a line holding `""` is a record with one empty field
    if (fields.length === 1 && fields[0] === '' && !truncated && text.charCodeAt(start) !== QUOTE) continue;
    sink(fields, recordLine, start, end, truncated);
  }
  return { consumed: n, line };
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}
