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

/**
 * Where each field of a parsed text lies in it, so that a field becomes a string only when
 * something needs it: `starts[k]` and `ends[k]` bound field k, or `ends[k]` is -1 for a field that
 * is not a plain stretch of the text (doubled quotes inside, or text after its closing quote),
 * whose value is kept in `specials`.
 */
export class FieldSpans {
  starts: Int32Array;
  ends: Int32Array;
  length = 0;
  readonly specials = new Map<number, string>();

  constructor(
    /** The text the spans point into. */
    readonly text: string,
    capacity = 1024,
  ) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(start: number, end: number): void {
    if (this.length === this.starts.length) {
      const starts = new Int32Array(this.length * 2);
      const ends = new Int32Array(this.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  pushSpecial(value: string): void {
    this.specials.set(this.length, value);
    this.push(-1, -1);
  }

  /** Forgets the spans from `length` on (a record that was not finished, or skipped). */
  truncate(length: number): void {
    for (let k = length; k < this.length; k++) if (this.ends[k] === -1) this.specials.delete(k);
    this.length = length;
  }

  /** Field k's value. */
  value(k: number): string {
    const end = this.ends[k]!;
    return end >= 0 ? this.text.slice(this.starts[k], end) : this.specials.get(k)!;
  }

  /** The values of `count` fields from span `first` on. */
  values(first: number, count: number): string[] {
    const values = new Array<string>(count);
    for (let c = 0; c < count; c++) values[c] = this.value(first + c);
    return values;
  }
}

/** Receives each record of `scanCsv`: its fields as `count` spans from span `first`, its first
 * line, its offsets in the text, and whether the text ended inside a quote. */
export type CsvRecordSink = (first: number, count: number, line: number, start: number, end: number, truncated: boolean) => void;

/**
 * RFC 4180 records from text: quoted fields may hold delimiters, doubled quotes and line breaks;
 * records end at LF, CRLF or a lone CR. Empty lines are skipped. Text may come in chunks (see
 * `ParseCsvOptions.final`); the generator returns where it stopped.
 */
export function* parseCsv(text: string, delimiter: string, options: ParseCsvOptions = {}): Generator<CsvRecord, CsvChunkEnd> {
  const records: CsvRecord[] = [];
  const spans = new FieldSpans(text);
  const end = scanCsv(spans, delimiter, options, (first, count, line, start, stop, truncated) => records.push({ fields: spans.values(first, count), line, start, end: stop, truncated }));
  yield* records;
  return end;
}

/**
 * The parser's loop over `spans.text`: pushes each field's span (no string per field) and hands each
 * record to `sink`; returns where it stopped. The next delimiter and line break are found with
 * `indexOf`, which runs natively, and remembered until passed.
 */
export function scanCsv(spans: FieldSpans, delimiter: string, options: ParseCsvOptions, sink: CsvRecordSink): CsvChunkEnd {
  const text = spans.text;
  const delim = delimiter.charCodeAt(0);
  const final = options.final ?? true;
  const n = text.length;
  let i = 0;
  let line = options.firstLine ?? 1;
  // the next delimiter, LF and CR at or after i (n when there is none)
  let nextDelim = -1;
  let nextLf = -1;
  let nextCr = -1;
  const find = (what: string, from: number): number => {
    const at = text.indexOf(what, from);
    return at === -1 ? n : at;
  };
  /** Line breaks in [from, to) (LF, CRLF or a lone CR), found by the remembered positions. */
  const breaks = (from: number, to: number): number => {
    let count = 0;
    if (nextLf < from) nextLf = find('\n', from);
    for (; nextLf < to; nextLf = find('\n', nextLf + 1)) count++;
    if (nextCr < from) nextCr = find('\r', from);
    for (; nextCr < to; nextCr = find('\r', nextCr + 1)) if (text.charCodeAt(nextCr + 1) !== LF) count++;
    return count;
  };
  while (i < n) {
    const recordLine = line;
    const start = i;
    const first = spans.length;
    let truncated = false;
    let terminated = false;
    for (;;) {
      // one field
      if (text.charCodeAt(i) === QUOTE) {
        let value: string | undefined;
        let from = ++i;
        let closed = -1;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            value = (value ?? '') + text.slice(from, n);
            line += breaks(from, n);
            i = n;
            truncated = true;
            break;
          }
          line += breaks(i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value = (value ?? '') + text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          if (value !== undefined) value += text.slice(from, q);
          closed = q;
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
        if (value === undefined && tail === i) spans.push(from, closed);
        else spans.pushSpecial((value ?? text.slice(from, closed)) + text.slice(i, tail));
        i = tail;
      } else {
        if (nextDelim < i) nextDelim = find(delimiter, i);
        if (nextLf < i) nextLf = find('\n', i);
        if (nextCr < i) nextCr = find('\r', i);
        const j = Math.min(nextDelim, nextLf, nextCr);
        spans.push(i, j);
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          spans.push(i, i);
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
    if (!terminated && !final) {
      spans.truncate(first);
      return { consumed: start, line: recordLine };
    }
    const end = i;
    const count = spans.length - first;
    // an empty line is skipped; a line holding `""` is a record with one empty field
    if (count === 1 && spans.ends[first] === spans.starts[first] && !truncated && text.charCodeAt(start) !== QUOTE) {
      spans.truncate(first);
      continue;
    }
    sink(first, count, recordLine, start, end, truncated);
  }
  return { consumed: n, line };
}
