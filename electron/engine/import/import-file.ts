import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { ApiRequest } from '../../../shared/api/contract';
import type { AppendTarget, ImportReport, ImportSource } from '../../../shared/api/types';
import { ApiCallError, RootwiseError } from '../../../shared/errors/rootwise-error';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { addColumn, createTable, freeTableName, getTableSchema, profileColumns, registerTable, RowInserter, type ColumnDefinition } from '../workbench/table-catalog';
import type { TableColumn } from './append-plan';
import { toIdentifier } from '../workbench/identifiers';
import { bumpDataVersion } from '../workbench/workbench-version';
import type { ColumnDecision } from './infer-types';
import { sameDecisions, type LoadEvent, type LoadedColumn } from './load-records';
import { type ReaderMessage, type ReaderRequest, type ReaderWorkerData } from './reader-messages';
import { streamsInChunks } from './source-kind';
import { RowDecoder } from './row-transport';

export { MAX_COLUMNS } from './load-records';

/** How far an import is: bytes of the file read and typed, and rows written. */
export interface ImportProgress {
  readonly done: number;
  readonly total: number;
  readonly rows: number;
}

/** What the API's importFile asks for, without the job id. */
export type ImportFileRequest = Omit<ApiRequest<'importFile'>, 'jobId'>;

export interface ImportFileOptions extends ImportFileRequest {
  /** The reader thread's script (`import-reader.cjs` beside the job worker). */
  readonly readerScript: string;
  /** The job's cancel flag (Int32 set to 1), which the reader thread watches too. */
  readonly cancel: SharedArrayBuffer;
  readonly onProgress: (progress: ImportProgress) => void;
  /** Throws when the job was cancelled; checked between batches. */
  readonly checkCancelled: () => void;
  /** Runs in the import's transaction once every row is written, before it commits (a refresh
   * replays the recipe there); a throw rolls the whole import back. */
  readonly beforeCommit?: ((imported: { readonly importId: number; readonly rowsBefore: number; readonly rows: number }) => void) | undefined;
}

/** What the worker hands back; the engine adds the job id and the time it took. */
export type ImportFileResult = Omit<ImportReport, 'jobId' | 'milliseconds'>;

type Schema = Extract<LoadEvent, { type: 'schema' }>;
type End = Extract<LoadEvent, { type: 'end' }>;

interface Pass {
  readonly schema: Schema;
  readonly end: End;
  readonly tableName: string;
  readonly importId: number;
  /** The rowid of the first row written (rows are appended in order). */
  readonly firstRowid: number;
}

/** The table a file is appended to, as the reader needs it. */
interface AppendInto {
  readonly table: string;
  readonly columns: readonly TableColumn[];
  readonly mapping?: Readonly<Record<string, string | null>> | undefined;
  readonly rowsBefore: number;
}

/** The old-generation heap of a reader thread streaming a file: chunks of 1 MiB, records up to
 * MAX_RECORD_CHARS (a test holds a 9 M-character record to it), caches of a few thousand values
 * per column. 32 MB, against 48, keeps the process's peak RSS under 200 MB for about 3 % of time. */
const READER_HEAP_MB = 32;
/** The young generation of the writer thread: it splits each batch and binds it, little more. */
export const YOUNG_HEAP_MB = 8;
/** The reader's nursery. It used to make a string per field and needed 48 MB; reading fields as
 * spans of the decoded text (see parse-csv.ts), it makes few, and 8 MB costs no time measurable
 * while the process's peak RSS drops by about 30 MB. */
const READER_YOUNG_HEAP_MB = 8;

const labelOf = (text: string): { en: string; 'zh-CN': string } => ({ en: text, 'zh-CN': text });

/** The name a new table gets: the one asked for, else the file's name, made free in the workbench. */
export function newTableName(db: Database.Database, source: ImportSource, asked?: string): string {
  const fileName = path.basename(source.kind === 'path' ? source.path : source.name);
  return freeTableName(db, asked ?? toIdentifier(path.parse(fileName).name, 'imported'));
}

/** The columns of an existing table, to append to it. */
export function appendTarget(db: Database.Database, target: AppendTarget): AppendInto {
  const schema = getTableSchema(db, target.table);
  return {
    table: schema.table,
    columns: schema.fields.map((f) => ({ name: f.name, label: f.label.en, type: f.type, format: f.format === '' ? 'text' : f.format })),
    mapping: target.mapping,
    rowsBefore: schema.rowCount,
  };
}

/**
 * Imports a file as a new table, or appends it to an existing one, in one pass over it, on two
 * threads: a reader thread reads, decodes, parses and types the file (see load-records.ts) while
 * this thread writes the rows it posts, together with every reject and the import record, in one
 * transaction. The table is created with the types the first rows suggest; in the rare file whose
 * later rows change a column's type, the transaction is rolled back and the file read again with
 * the whole columns' types (and its SHA-256 compared, so a file that changed in between is refused).
 */
export async function importFile(db: Database.Database, options: ImportFileOptions): Promise<ImportFileResult> {
  const startedAt = new Date().toISOString();
  const file = options.source.kind === 'path' ? options.source.path : options.source.name;
  const fileName = path.basename(file);
  db.exec('BEGIN IMMEDIATE');
  try {
    const into = options.appendTo === undefined ? undefined : appendTarget(db, options.appendTo);
    // the import record is written before its table is registered, to give the rejects its id
    db.pragma('defer_foreign_keys = ON');
    let pass = await readPass(db, options, into, undefined);
    if (!sameDecisions(pass.schema.columns, pass.end.columns)) {
      const firstHash = pass.end.source.sha256;
      db.exec('ROLLBACK');
      db.exec('BEGIN IMMEDIATE');
      db.pragma('defer_foreign_keys = ON');
      pass = await readPass(
        db,
        options,
        into,
        pass.end.columns.map((c) => c.decision),
      );
      if (pass.end.source.sha256 !== firstHash) throw new RootwiseError('error.import.fileChanged', { file: fileName });
    }
    const { schema, end, tableName, importId, firstRowid } = pass;
    const columns = columnDefinitions(end.columns);
    let appended: ImportReport['appended'];
    if (into === undefined) {
      registerTable(
        db,
        { name: tableName, label: labelOf(options.table ?? path.parse(fileName).name), columns, sourceFile: file },
        end.rows,
        end.stats.map((s) => ({ nulls: s.nulls, distinct: s.distinct, distinctExact: s.distinctExact })),
      );
    } else {
      const rowsAfter = into.rowsBefore + end.rows;
      registerAppended(db, into, columns, end.columns, rowsAfter);
      appended = {
        newColumns: end.columns.filter((c) => c.isNew === true).map((c) => c.name),
        missingColumns: schema.missing,
        renamed: end.columns.filter((c) => c.isNew !== true && c.name !== c.source).map((c) => ({ from: c.source, to: c.name })),
        rowsBefore: into.rowsBefore,
        rowsAfter,
      };
    }
    const rejectedValues = end.stats.reduce((sum, s) => sum + s.rejected, 0);
    const report = {
      source: end.source,
      dialect: end.dialect,
      encoding: end.encoding,
      options: {
        table: options.table ?? null,
        encoding: options.encoding ?? null,
        delimiter: options.delimiter ?? null,
        skipRows: options.skipRows ?? null,
        sheet: options.sheet ?? null,
        columnTypes: options.columnTypes ?? null,
        appendTo: options.appendTo ?? null,
      },
      columns: end.columns.map((c) => ({ name: c.name, source: c.source, label: c.label, type: c.decision.type, format: c.decision.format, ambiguous: c.decision.ambiguous ?? null })),
      counts: { rows: end.rows, rejectedRows: end.rejectedRows, rejectedValues, nullMarkers: end.stats.reduce((sum, s) => sum + s.nullMarkers, 0) },
      skipped: { headerIndex: schema.headerIndex, titleRows: schema.titleRows, notes: end.notes },
      appended: appended ?? null,
    };
    const lastRowid = end.rows === 0 ? null : firstRowid + end.rows - 1;
    db.prepare(
      `UPDATE rw_imports SET started_at = ?, finished_at = ?, row_count = ?, rejected_rows = ?, rejected_values = ?, report = ?, first_rowid = ?, last_rowid = ? WHERE id = ?`,
    ).run(startedAt, new Date().toISOString(), end.rows, end.rejectedRows, rejectedValues, JSON.stringify(report), end.rows === 0 ? null : firstRowid, lastRowid, importId);
    options.beforeCommit?.({ importId, rowsBefore: into?.rowsBefore ?? 0, rows: end.rows });
    db.exec('COMMIT');
    return {
      importId,
      table: tableName,
      file,
      rows: end.rows,
      rejected: { rows: end.rejectedRows, values: rejectedValues },
      columns: end.columns.map((c, i) => ({
        name: c.name,
        label: labelOf(c.label),
        type: c.decision.type,
        format: c.decision.format,
        ambiguous: c.decision.ambiguous,
        rejected: end.stats[i]!.rejected,
        nullMarkers: end.stats[i]!.nullMarkers,
      })),
      encoding: end.encoding,
      source: end.source,
      dialect: end.dialect,
      skipped: { titleRows: schema.titleRows, notes: end.notes },
      appended,
    };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    // SQLite rolled the transaction back; say so in the user's terms
    if ((error as { code?: unknown }).code === 'SQLITE_FULL') throw new RootwiseError('error.import.diskFull', { file: fileName });
    throw error;
  }
}

/** After an append: the table's row count, its new columns, and every column profiled again. */
function registerAppended(db: Database.Database, into: AppendInto, columns: readonly ColumnDefinition[], loaded: readonly LoadedColumn[], rowsAfter: number): void {
  db.prepare('UPDATE rw_tables SET row_count = ? WHERE name = ?').run(rowsAfter, into.table);
  bumpDataVersion(db);
  const insert = db.prepare(
    'INSERT INTO rw_columns (table_name, ordinal, name, label_en, label_zh, type, format, null_count, distinct_count, distinct_exact) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 1)',
  );
  let ordinal = into.columns.length;
  loaded.forEach((c, i) => {
    if (c.isNew !== true) return;
    const column = columns[i]!;
    insert.run(into.table, ordinal++, column.name, column.label.en, column.label['zh-CN'], column.type, column.format ?? '');
  });
  const all = db.prepare('SELECT name FROM rw_columns WHERE table_name = ? ORDER BY ordinal').all(into.table) as { name: string }[];
  const profiles = profileColumns(db, into.table, all, rowsAfter);
  const update = db.prepare('UPDATE rw_columns SET null_count = ?, distinct_count = ?, distinct_exact = 1 WHERE table_name = ? AND name = ?');
  all.forEach((c, i) => update.run(profiles[i]!.nulls, profiles[i]!.distinct, into.table, c.name));
}

function columnDefinitions(columns: readonly LoadedColumn[]): ColumnDefinition[] {
  return columns.map((c) => ({ name: c.name, label: labelOf(c.label), type: c.decision.type, format: c.decision.format }));
}

/** One read of the file by the reader thread, written into a new table as it arrives. */
function readPass(db: Database.Database, options: ImportFileOptions, into: AppendInto | undefined, fixed: readonly ColumnDecision[] | undefined): Promise<Pass> {
  const request: ReaderRequest = {
    source: options.source,
    encoding: options.encoding,
    delimiter: options.delimiter,
    sheet: options.sheet,
    skipRows: options.skipRows,
    columnTypes: options.columnTypes,
    appendTo: into === undefined ? undefined : { columns: into.columns, mapping: into.mapping },
    fixed,
  };
  const cancel = options.cancel;
  const inFlight = new SharedArrayBuffer(4);
  const flow = new Int32Array(inFlight);
  const data: ReaderWorkerData = { request, cancel, inFlight };
  // a streamed file needs little memory, so the reader is held to it and its heap stays small;
  // JSON and workbooks are parsed whole and get what they need
  const reader = new Worker(options.readerScript, {
    workerData: data,
    ...(streamsInChunks(options.source) ? { resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB, maxYoungGenerationSizeMb: READER_YOUNG_HEAP_MB } } : {}),
  });
  const fileName = path.basename(options.source.kind === 'path' ? options.source.path : options.source.name);

  return new Promise<Pass>((resolve, reject) => {
    let settled = false;
    let schema: Schema | undefined;
    let tableName = '';
    let importId = 0;
    let firstRowid = 1;
    let inserter: RowInserter | undefined;
    let decoder: RowDecoder | undefined;
    let insertReject: Database.Statement | undefined;

    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      void reader.terminate();
      fn();
    };

    const onSchema = (event: Schema): void => {
      schema = event;
      const columns = columnDefinitions(event.columns);
      decoder = new RowDecoder(columns.map((c) => c.type));
      if (into === undefined) {
        tableName = newTableName(db, options.source, options.table);
        createTable(db, tableName, columns);
      } else {
        tableName = into.table;
        event.columns.forEach((c, i) => {
          if (c.isNew === true) addColumn(db, tableName, columns[i]!);
        });
        const last = db.prepare(`SELECT MAX(rowid) FROM ${sqliteDialect.quoteIdent(tableName)}`).pluck().get() as number | null;
        firstRowid = (last ?? 0) + 1;
      }
      inserter = new RowInserter(
        db,
        tableName,
        columns.map((c) => c.name),
      );
      importId = Number(
        db
          .prepare(`INSERT INTO rw_imports (table_name, file, started_at, finished_at, row_count, rejected_rows, rejected_values, report) VALUES (?, ?, ?, ?, 0, 0, 0, '{}')`)
          .run(tableName, options.source.kind === 'path' ? options.source.path : options.source.name, '', '').lastInsertRowid,
      );
      insertReject = db.prepare('INSERT INTO rw_rejects (import_id, line, column_number, field, raw, reason_key, reason_params) VALUES (?, ?, ?, ?, ?, ?, ?)');
    };

    const onMessage = (message: ReaderMessage): void => {
      switch (message.type) {
        case 'schema':
          onSchema(message);
          return;
        case 'rows': {
          options.checkCancelled();
          if (inserter === undefined || insertReject === undefined || decoder === undefined) throw new RootwiseError('error.internal', { detail: 'rows before the schema' });
          inserter.insert(decoder.decode(message.rows), message.count);
          for (const r of message.rejects) insertReject.run(importId, r.line, r.column, r.field, r.raw, r.reason, JSON.stringify(r.params));
          Atomics.sub(flow, 0, 1);
          Atomics.notify(flow, 0);
          options.onProgress({ done: message.bytesRead, total: message.totalBytes, rows: message.rowsSoFar });
          return;
        }
        case 'end':
          if (schema === undefined) throw new RootwiseError('error.internal', { detail: 'end before the schema' });
          options.onProgress({ done: message.source.size, total: message.source.size, rows: message.rows });
          settle(() => resolve({ schema: schema!, end: message, tableName, importId, firstRowid }));
          return;
        case 'cancelled':
          options.checkCancelled();
          throw new RootwiseError('error.import.cancelled', { file: fileName });
        case 'failed':
          throw new ApiCallError(message.error);
      }
    };

    reader.on('message', (message: ReaderMessage) => {
      try {
        onMessage(message);
      } catch (error) {
        settle(() => reject(error instanceof Error ? error : new Error(String(error))));
      }
    });
    reader.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new RootwiseError('error.import.outOfMemory', { file: fileName, mb: READER_HEAP_MB })
            : error,
        ),
      ),
    );
    reader.on('exit', (code) => settle(() => reject(new RootwiseError('error.internal', { detail: `import reader exited with code ${code}` }))));
  });
}
