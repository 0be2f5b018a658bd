import type { CellValue, ColumnTypeChoice, ImportReport } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { MessageKey, MessageParams } from '../../../shared/i18n/messages';
import { columnNames } from '../workbench/identifiers';
import { appendedDecision, planAppend, type AppendPlan, type TableColumn } from './append-plan';
import { countTrailingNotes, detectHeaderIndex, NOTES_LOOKBEHIND, tableWidth } from './detect-table-shape';
import { DistinctCounter, detach, hash32, hashSpan } from './distinct-counter';
import { SpanIndex } from './span-index';
import { NULL_MARKER, REJECTED, TypeTally, converterFor, canonicalMomentKeyAt, rejectReasonFor, type Candidate, type ColumnDecision, type Converted } from './infer-types';
import { rawLine, type RecordStream, type SourceRecord } from './record-stream';

/** A row's value that is its record's field as it stands in the text: it travels as the field's
 * span, not as a string (see row-transport.ts). */
export const VERBATIM: unique symbol = Symbol('verbatim');
export type RowValue = CellValue | typeof VERBATIM;

/** SQLite's column limit as better-sqlite3 compiles it (SQLITE_MAX_COLUMN). */
export const MAX_COLUMNS = 2000;
/** Records read before the header is looked for among them. */
const HEAD_RECORDS = 200;
/** Rows whose types are tallied before the table is created with the types they suggest. */
export const SAMPLE_ROWS = 5_000;
/** Rows per batch posted to the writer: 1,000 hold the peak RSS lower than 2,000, at no cost in time. */
const BATCH_ROWS = 1_000;
const PREVIEW_ROWS = 50;
/** A column whose distinct values stay under this is converted once per value, not per row. */
const CACHED_VALUES = 4_096;
/** Formats whose fit says all the tally needs to know (no day/month order, currency marks or codes). */
const FAST_TALLY: ReadonlySet<string> = new Set(['ymd', 'cn-date', 'decimal', 'grouped', 'percent', 'duration-clock', 'duration-words', 'boolean']);

export interface RejectDraft {
  readonly line: number;
  readonly column: number | null;
  readonly field: string | null;
  readonly raw: string;
  readonly reason: MessageKey;
  readonly params: MessageParams;
}


export interface LoadedColumn {
  /** The table column it is written to (appending: maybe an existing column of another name). */
  readonly name: string;
  /** The column's name in the file. */
  readonly source: string;
  /** Appending: true for a column the table does not have yet. */
  readonly isNew?: boolean | undefined;
  /** The header's text (`column_3` for an empty one), kept while the name is made unique. */
  readonly label: string;
  readonly decision: ColumnDecision;
}

export interface ColumnStats {
  readonly rejected: number;
  readonly nullMarkers: number;
  /** NULLs stored: empty cells, null markers and rejected values. */
  readonly nulls: number;
  readonly distinct: number;
  readonly distinctExact: boolean;
}

export type LoadEvent =
  | {
      readonly type: 'schema';
      readonly columns: readonly LoadedColumn[];
      /** How many records precede the header, and their text. */
      readonly headerIndex: number;
      readonly titleRows: readonly string[];
      /** Appending: the table's columns the file lacks. */
      readonly missing: readonly string[];
      /** The fields of the first rows as the file has them, for a preview. */
      readonly firstRows: readonly (readonly string[])[];
    }
  | {
      readonly type: 'rows';
      readonly count: number;
      /** `count` rows of the table's width, row after row (the array may be longer: it is filled
       * again for the next batch once `emit` returns). */
      readonly values: RowValue[];
      /** The record each of the `count` rows was read from (where a VERBATIM value is found); reused
       * like `values`. */
      readonly records: SourceRecord[];
      readonly rejects: RejectDraft[];
      readonly bytesRead: number;
      readonly totalBytes: number;
      readonly rowsSoFar: number;
    }
  | {
      readonly type: 'end';
      /** The types the whole columns decided (or the user chose); they may differ from the schema's. */
      readonly columns: readonly LoadedColumn[];
      readonly notes: readonly string[];
      readonly rows: number;
      readonly rejectedRows: number;
      readonly stats: readonly ColumnStats[];
      readonly source: ImportReport['source'];
      readonly encoding: ImportReport['encoding'];
      readonly dialect: ImportReport['dialect'];
    };

export interface LoadOptions {
  /** Records above the header; absent = found in the data. */
  readonly skipRows?: number | undefined;
  /** Types the user chose, by column name. */
  readonly columnTypes?: Readonly<Record<string, ColumnTypeChoice>> | undefined;
  /** Append to a table with these columns, matching the file's columns to them. */
  readonly appendTo?: { readonly columns: readonly TableColumn[]; readonly mapping?: Readonly<Record<string, string | null>> | undefined } | undefined;
  /** Every column's type, known from an earlier pass: no tally. */
  readonly fixed?: readonly ColumnDecision[] | undefined;
  readonly batchRows?: number | undefined;
  readonly checkCancelled: () => void;
  /** Receives the schema, the batches of typed rows with their rejects, and the end; may block
   * (the reader thread waits there while the writer is behind). Synchronous: a row costs no await. */
  readonly emit: (event: LoadEvent) => void;
}

interface CachedValue {
  /** The value, detached from the chunk it was read in. */
  readonly key: string;
  /** Occurrences not yet added to the tally. */
  weight: number;
  converted: Converted | undefined;
}

/** One column while it streams: its tally, its converter, its counts. */
class ColumnLoad {
  readonly tally: TypeTally;
  /** Raw value → its conversion and pending tally weight, while the column has few distinct values. */
  private cache: Map<string, CachedValue> | null = new Map();
  private convert: (raw: string) => Converted = () => REJECTED;
  readonly distinct = new DistinctCounter();
  rejected = 0;
  nullMarkers = 0;
  nulls = 0;
  /** Off while the sampled rows, already tallied, are loaded. */
  counting = true;
  /** A column whose fields are read from their spans, not made strings here: one that caches its
   * values (found by span in `spanIndex`), a text column that no longer tallies them, or a column
   * of ISO dates or datetimes (a field that is not a canonical ISO moment still goes the string's way). */
  bySpan = false;
  private spanIndex: SpanIndex<CachedValue> | null = null;
  private isText = false;
  /** A column of ISO dates (false) or datetimes (true); undefined for others. */
  private momentWithTime: boolean | undefined;

  constructor(
    label: string,
    private readonly tallying: boolean,
  ) {
    this.tally = new TypeTally(label);
  }

  /** Before the type is decided: only tallies. */
  sample(raw: string): void {
    if (this.cache !== null) {
      const entry = this.cache.get(raw);
      if (entry !== undefined) {
        entry.weight++;
        return;
      }
      if (this.cache.size < CACHED_VALUES) {
        const key = detach(raw);
        this.cache.set(key, { key, weight: 1, converted: undefined });
        return;
      }
      this.dropCache();
    }
    if (this.tallying) this.tally.add(raw);
  }

  private dropCache(): void {
    this.flushTally();
    this.cache = null;
    this.spanIndex = null;
    this.bySpan = false;
  }

  flushTally(): void {
    if (this.cache === null) return;
    for (const [raw, entry] of this.cache) {
      if (this.tallying && entry.weight > 0) this.tally.add(raw, entry.weight);
      entry.weight = 0;
    }
  }

  /** The decided format, when a value converted in it can be tallied as a fit without retrying it. */
  private fastFormat: Candidate | undefined;
  private fastType: ColumnDecision['type'] = 'text';

  useDecision(decision: ColumnDecision): void {
    this.convert = converterFor(decision);
    this.fastFormat = FAST_TALLY.has(decision.format) ? (decision.format as Candidate) : undefined;
    this.fastType = decision.type;
    this.isText = decision.type === 'text';
    this.momentWithTime = decision.format === 'ymd' && (decision.type === 'date' || decision.type === 'datetime') ? decision.type === 'datetime' : undefined;
    this.checkSpanMode();
  }

  private checkSpanMode(): void {
    if (this.cache !== null) {
      this.bySpan = true;
      if (this.spanIndex === null) {
        const index = new SpanIndex<CachedValue>(CACHED_VALUES);
        for (const entry of this.cache.values()) index.add(hash32(entry.key), entry);
        this.spanIndex = index;
      }
    } else if (this.isText) this.bySpan = !this.tallying || this.tally.settledAsText;
    else this.bySpan = this.momentWithTime !== undefined;
  }

  /** The field `text.slice(from, to)` in span mode (or empty, in any mode): NULL when empty (every
   * type reads an empty cell so, and the tally passes it by), VERBATIM when taken as it stands, the
   * stored value of a cached one, undefined when it has to be read as a string (`load`). */
  loadSpan(text: string, from: number, to: number): Converted | typeof VERBATIM | undefined {
    if (from === to) {
      this.nulls++;
      return null;
    }
    const index = this.spanIndex;
    if (index !== null) {
      // a column with few values: one met before is found by its span; a new one is loaded as a
      // string, once, and indexed
      const hash = hashSpan(text, from, to);
      const entry = index.find(text, from, to, hash);
      if (entry !== undefined) {
        const converted = this.fromEntry(entry);
        return converted === entry.key ? VERBATIM : converted;
      }
      const raw = text.slice(from, to);
      const converted = this.load(raw);
      const added = this.cache?.get(raw);
      if (added !== undefined && this.spanIndex !== null) this.spanIndex.add(hash, added);
      return typeof converted === 'string' && converted === raw ? VERBATIM : converted;
    }
    const withTime = this.momentWithTime;
    if (withTime !== undefined) {
      const key = canonicalMomentKeyAt(text, from, to, withTime);
      if (key < 0) return undefined;
      if (this.tallying && this.counting) {
        const tally = this.tally;
        if (tally.soleFormat() === 'ymd') tally.addFit('ymd', withTime);
        else tally.addCanonicalMoment(withTime);
      }
      this.distinct.add(key);
      return VERBATIM;
    }
    this.distinct.addSpan(text, from, to);
    return VERBATIM;
  }

  /** Tallies a value that was just converted: most of the time the column has one format left, and
   * a value that converted in it is a fit without another look. */
  private tallyConverted(raw: string, converted: Converted): void {
    const tally = this.tally;
    if (tally.settledAsText) return;
    const format = this.fastFormat;
    if (format !== undefined && typeof converted !== 'symbol' && converted !== null && tally.soleFormat() === format) {
      // a date column's values are cut to the date; one that carried a time needs the full look
      if (this.fastType === 'date' && raw.length > 10) tally.add(raw);
      else tally.addFit(format, this.fastType === 'datetime');
      return;
    }
    tally.add(raw);
  }

  /** After the type is decided: tallies and converts; the stored value, or REJECTED. */
  load(raw: string): Converted {
    const cache = this.cache;
    if (cache !== null) {
      let entry = cache.get(raw);
      if (entry === undefined) {
        if (cache.size >= CACHED_VALUES) {
          this.dropCache();
          return this.loadDirect(raw);
        }
        const key = detach(raw);
        entry = { key, weight: 0, converted: undefined };
        cache.set(key, entry);
      }
      return this.fromEntry(entry);
    }
    return this.loadDirect(raw);
  }

  /** A cached value met once more: counted, and converted the first time. */
  private fromEntry(entry: CachedValue): Converted {
    if (this.counting) entry.weight++;
    let converted = entry.converted;
    if (converted === undefined) {
      // converted from the detached key, so a text value kept here keeps no chunk alive either
      converted = entry.converted = this.convert(entry.key);
      this.countDistinct(converted);
    }
    return this.count(converted);
  }

  private loadDirect(raw: string): Converted {
    const converted = this.convert(raw);
    if (this.tallying && this.counting) this.tallyConverted(raw, converted);
    if (!this.bySpan) this.checkSpanMode();
    this.countDistinct(converted);
    return this.count(converted);
  }

  /** Counts a converted value among the distinct ones: in a column of ISO moments read from spans,
   * by the moment's key, as the spans are counted (see loadSpan). */
  private countDistinct(converted: Converted): void {
    if (converted === REJECTED || converted === NULL_MARKER || converted === null) return;
    const withTime = this.momentWithTime;
    if (withTime !== undefined && typeof converted === 'string') {
      const key = canonicalMomentKeyAt(converted, 0, converted.length, withTime);
      this.distinct.add(key < 0 ? converted : key);
    } else this.distinct.add(converted);
  }

  private count(converted: Converted): Converted {
    if (converted === null) this.nulls++;
    else if (converted === REJECTED) {
      this.rejected++;
      this.nulls++;
    } else if (converted === NULL_MARKER) {
      this.nullMarkers++;
      this.nulls++;
      return null;
    }
    return converted;
  }

  stats(): ColumnStats {
    return { rejected: this.rejected, nullMarkers: this.nullMarkers, nulls: this.nulls, distinct: this.distinct.count(), distinctExact: this.distinct.isExact };
  }
}

/** The tally's decisions, with the user's choices, or the appended table's types, applied. */
function resolved(names: readonly string[], decisions: readonly ColumnDecision[], options: LoadOptions, plan: AppendPlan | undefined): ColumnDecision[] {
  return decisions.map((d, c) => {
    const target = plan?.matched[c];
    if (target !== undefined) return appendedDecision(d, target);
    const chosen = options.columnTypes?.[names[c]!];
    return chosen === undefined ? d : { type: chosen.type, format: chosen.format };
  });
}

/**
 * Reads a record stream into typed rows, streaming: finds the header (title rows above it are kept
 * for the report), tallies the first SAMPLE_ROWS rows to choose the types the table is created
 * with, then converts every row while the tally goes on over the whole column, and holds back the
 * last records until it is known whether they are notes under the table. Rows of the wrong width,
 * records cut off and values that do not fit become rejects. The end event carries the types the
 * whole columns decided: when they differ from the schema's, the caller loads again with them fixed.
 */
export async function loadRecords(stream: RecordStream, options: LoadOptions): Promise<void> {
  const fileName = stream.fileName.split(/[\\/]/).pop()!;
  const head: SourceRecord[] = [];
  let ended = false;
  while (head.length < HEAD_RECORDS) {
    const batch = await stream.next();
    if (batch === undefined) {
      ended = true;
      break;
    }
    head.push(...batch);
  }
  const headerIndex = options.skipRows ?? (stream.mayHaveTitleAndNotes ? detectHeaderIndex(head) : 0);
  const titleRows = head.slice(0, headerIndex).map(rawLine);
  const header = head[headerIndex];
  if (header === undefined || header.fields.every((f) => f.trim() === '')) throw new RootwiseError('error.import.noHeader', { file: fileName });
  if (header.truncated) throw new RootwiseError('error.import.unclosedQuote', { file: fileName, line: header.line, column: 1 });
  const labels = header.fields.map((f, i) => (f.trim() === '' ? `column_${i + 1}` : f.trim()));
  const names = columnNames(labels);
  const width = names.length;
  if (width > MAX_COLUMNS) throw new RootwiseError('error.import.tooManyColumns', { file: fileName, count: width, max: MAX_COLUMNS });
  const shapeWidth = stream.mayHaveTitleAndNotes ? tableWidth(head.slice(headerIndex)) : 0;
  const plan = options.appendTo === undefined ? undefined : planAppend(names.map((name, c) => ({ name, label: labels[c]! })), options.appendTo.columns, options.appendTo.mapping);
  const targets = plan?.targets ?? names;
  const loaded = (decisions: readonly ColumnDecision[]): LoadedColumn[] =>
    names.map((name, c) => ({ name: targets[c]!, source: name, isNew: plan === undefined ? undefined : plan.matched[c] === undefined, label: labels[c]!, decision: decisions[c]! }));

  const tallying = options.fixed === undefined;
  const columns = labels.map((label) => new ColumnLoad(label, tallying));
  const batchRows = options.batchRows ?? BATCH_ROWS;
  let pending: SourceRecord[] = head.slice(headerIndex + 1);
  let dataRecordsSeen = 0;
  let rows = 0;
  let rejectedRows = 0;
  let decided: ColumnDecision[] | undefined = options.fixed === undefined ? undefined : [...options.fixed];
  const sampled: SourceRecord[] = [];
  // one batch's arrays, filled again once `emit` has taken them
  const values = new Array<RowValue>(batchRows * width);
  const records = new Array<SourceRecord>(batchRows);
  let filled = 0;
  let rejects: RejectDraft[] = [];

  const flush = (): void => {
    if (filled === 0 && rejects.length === 0) return;
    const event: LoadEvent = {
      type: 'rows',
      count: filled,
      values,
      records,
      rejects,
      bytesRead: stream.bytesRead(),
      totalBytes: stream.totalBytes,
      rowsSoFar: rows,
    };
    filled = 0;
    rejects = [];
    options.emit(event);
  };

  /** A record that cannot be a row, or undefined for a good one. */
  const rowReject = (record: SourceRecord): RejectDraft | undefined => {
    if (record.rejectReason !== undefined) return { line: record.line, column: null, field: null, raw: rawLine(record), reason: record.rejectReason, params: {} };
    if (record.truncated) return { line: record.line, column: null, field: null, raw: rawLine(record), reason: 'reject.truncated', params: {} };
    if (record.fieldCount !== width) {
      return { line: record.line, column: null, field: null, raw: rawLine(record), reason: 'reject.fieldCount', params: { expected: width, actual: record.fieldCount } };
    }
    return undefined;
  };

  const loadRow = (record: SourceRecord): void => {
    const bad = rowReject(record);
    if (bad !== undefined) {
      rejectedRows++;
      rejects.push(bad);
      return;
    }
    const base = filled * width;
    const spans = record.spans;
    const first = record.firstSpan;
    const starts = spans?.starts;
    const ends = spans?.ends;
    const text = spans?.text ?? '';
    records[filled] = record;
    for (let c = 0; c < width; c++) {
      const column = columns[c]!;
      // a plain field of a column in span mode is read from its span, no string made
      const end = ends === undefined ? -1 : ends[first + c]!;
      const start = end >= 0 ? starts![first + c]! : -1;
      if (end >= 0 && (column.bySpan || start === end)) {
        const value = column.loadSpan(text, start, end);
        if (value === REJECTED) {
          values[base + c] = null;
          rejects.push({ line: record.line, column: c + 1, field: targets[c]!, raw: record.field(c), reason: reasonOf(c), params: {} });
          continue;
        }
        if (value !== undefined) {
          values[base + c] = value as RowValue;
          continue;
        }
      }
      const raw = record.field(c);
      const converted = column.load(raw);
      if (converted !== REJECTED) values[base + c] = end >= 0 && typeof converted === 'string' && converted === raw ? VERBATIM : (converted as CellValue);
      else {
        values[base + c] = null;
        rejects.push({ line: record.line, column: c + 1, field: targets[c]!, raw, reason: reasonOf(c), params: {} });
      }
    }
    filled++;
    rows++;
    if (filled === batchRows) flush();
  };

  const decide = (): void => {
    for (const column of columns) column.flushTally();
    decided = resolved(
      names,
      columns.map((column) => column.tally.decide()),
      options,
      plan,
    );
    begin(decided);
    for (const column of columns) column.counting = false;
    for (const record of sampled) loadRow(record);
    for (const column of columns) column.counting = true;
    sampled.length = 0;
  };

  let reasons: MessageKey[] = [];
  const reasonOf = (c: number): MessageKey => reasons[c]!;
  const begin = (decisions: readonly ColumnDecision[]): void => {
    decisions.forEach((d, c) => columns[c]!.useDecision(d));
    // a text column takes every value, so its entry is never read
    reasons = decisions.map((d) => (d.type === 'text' ? 'reject.fieldCount' : rejectReasonFor(d.type)));
    const firstRows = (sampled.length > 0 ? sampled : head.slice(headerIndex + 1)).slice(0, PREVIEW_ROWS).map((r) => r.fields);
    options.emit({ type: 'schema', columns: loaded(decisions), headerIndex, titleRows, missing: plan?.missing ?? [], firstRows });
  };
  if (decided !== undefined) begin(decided);

  /** Rows before the decision are tallied and kept; after it, tallied and loaded. */
  const take = (record: SourceRecord): void => {
    dataRecordsSeen++;
    if (decided !== undefined) return loadRow(record);
    if (rowReject(record) === undefined) for (let c = 0; c < width; c++) columns[c]!.sample(record.field(c));
    sampled.push(record);
    if (sampled.length >= SAMPLE_ROWS) {
      expectRows();
      decide();
    }
  };

  /** Tells the tallies how many rows the file holds at most, from its size, so formats most of a
   * column has already missed stop being tried. Generous, because rows differ in length. */
  const expectRows = (): void => {
    const read = stream.bytesRead();
    if (read === 0 || !tallying) return;
    const estimate = Math.ceil(((dataRecordsSeen * stream.totalBytes) / read) * 1.5);
    for (const column of columns) column.tally.expectValues(estimate);
  };

  for (;;) {
    // the last records wait until it is known whether they are notes
    const ready = stream.mayHaveTitleAndNotes ? pending.length - NOTES_LOOKBEHIND : pending.length;
    for (let i = 0; i < ready; i++) take(pending[i]!);
    pending = ready > 0 ? pending.slice(ready) : pending;
    if (ended) break;
    options.checkCancelled();
    const batch = await stream.next();
    if (batch === undefined) ended = true;
    else {
      pending.push(...batch);
      expectRows();
    }
  }
  // the table's first row is never a note
  const notesCount = stream.mayHaveTitleAndNotes ? countTrailingNotes(dataRecordsSeen === 0 ? pending.slice(1) : pending, shapeWidth) : 0;
  const notes = pending.slice(pending.length - notesCount).map(rawLine);
  for (const record of pending.slice(0, pending.length - notesCount)) take(record);
  if (decided === undefined) decide();
  flush();

  const source = stream.finish();
  for (const column of columns) column.flushTally();
  const final = tallying
    ? resolved(
        names,
        columns.map((column) => column.tally.decide()),
        options,
        plan,
      )
    : decided!;
  options.emit({
    type: 'end',
    columns: loaded(final),
    notes,
    rows,
    rejectedRows,
    stats: columns.map((column) => column.stats()),
    source,
    encoding: stream.encoding,
    dialect: stream.dialect,
  });
}

/** Whether the whole columns decided the types the table was created with. */
export function sameDecisions(a: readonly LoadedColumn[], b: readonly LoadedColumn[]): boolean {
  return a.length === b.length && a.every((column, c) => column.decision.type === b[c]!.decision.type && column.decision.format === b[c]!.decision.format);
}
