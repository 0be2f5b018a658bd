import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { CellValue, ImportReport, ImportSource, JobProgress, TextEncoding } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { MessageKey, MessageParams } from '../../../shared/i18n/messages';
import { freeTableName, writeTable, type ColumnDefinition } from '../workbench/table-catalog';
import { columnNames, toIdentifier } from '../workbench/identifiers';
import { detectTableShape } from './detect-table-shape';
import { TypeTally, converterFor } from './infer-types';
import type { CsvRecord } from './parse-csv';
import { readTable } from './read-table';

export interface ImportFileOptions {
  readonly source: ImportSource;
  readonly table?: string | undefined;
  readonly encoding?: TextEncoding | undefined;
  readonly skipRows?: number | undefined;
  /** The workbook sheet to read (XLSX only); absent = the first visible sheet with data. */
  readonly sheet?: string | undefined;
  readonly onProgress: (phase: JobProgress['phase'], done: number, total: number) => void;
  /** Throws when the job was cancelled; checked between batches. */
  readonly checkCancelled: () => void;
}

/** SQLite's column limit as better-sqlite3 compiles it (SQLITE_MAX_COLUMN). */
export const MAX_COLUMNS = 2000;

/** What the worker hands back; the engine adds the job id and the time it took. */
export type ImportFileResult = Omit<ImportReport, 'jobId' | 'milliseconds'>;

interface Reject {
  readonly line: number;
  readonly column: number | null;
  readonly field: string | null;
  readonly raw: string;
  readonly reason: MessageKey;
  readonly params: MessageParams;
}

function readSource(source: ImportSource): { bytes: Uint8Array; file: string } {
  if (source.kind === 'bytes') return { bytes: source.bytes, file: source.name };
  try {
    return { bytes: fs.readFileSync(source.path), file: source.path };
  } catch {
    throw new RootwiseError('error.import.fileNotFound', { file: source.path });
  }
}

/**
 * Imports a UTF-8 delimited text file as a new table: decode → sniff → parse → infer types from
 * the whole column → write, all in one transaction together with the import record and every
 * reject, so the workbench either gains the whole import or nothing.
 */
export async function importFile(db: Database.Database, options: ImportFileOptions): Promise<ImportFileResult> {
  const startedAt = new Date().toISOString();
  const { bytes, file } = readSource(options.source);
  const fileName = path.basename(file);
  options.onProgress('reading', bytes.length, bytes.length);
  if (bytes.length === 0) throw new RootwiseError('error.import.empty', { file: fileName });
  const source = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  const table = await readTable(bytes, fileName, {
    encoding: options.encoding,
    sheet: options.sheet,
    onParsed: (done, total) => options.onProgress('parsing', done, total),
    checkCancelled: options.checkCancelled,
  });
  const { records, rawText, encoding, dialect } = table;
  const shape =
    !table.mayHaveTitleAndNotes ? { headerIndex: 0, notesCount: 0 } : options.skipRows === undefined ? detectTableShape(records) : { headerIndex: options.skipRows, notesCount: 0 };
  const titleRows = records.splice(0, shape.headerIndex).map(rawText);
  const notes = records.splice(records.length - shape.notesCount, shape.notesCount).map(rawText);
  const header = records.shift();
  if (header === undefined || header.fields.every((f) => f.trim() === '')) throw new RootwiseError('error.import.noHeader', { file: fileName });
  if (header.truncated) throw new RootwiseError('error.import.unclosedQuote', { file: fileName, line: header.line, column: 1 });

  const labels = header.fields.map((f, i) => (f.trim() === '' ? `column_${i + 1}` : f.trim()));
  const names = columnNames(labels);
  const width = names.length;
  if (width > MAX_COLUMNS) throw new RootwiseError('error.import.tooManyColumns', { file: fileName, count: width, max: MAX_COLUMNS });
  const rejects: Reject[] = [];
  const good: CsvRecord[] = [];
  for (const record of records) {
    const raw = rawText(record);
    if (record.rejectReason !== undefined) rejects.push({ line: record.line, column: null, field: null, raw, reason: record.rejectReason, params: {} });
    else if (record.truncated) rejects.push({ line: record.line, column: null, field: null, raw, reason: 'reject.truncated', params: {} });
    else if (record.fields.length !== width) {
      rejects.push({ line: record.line, column: null, field: null, raw, reason: 'reject.fieldCount', params: { expected: width, actual: record.fields.length } });
    } else good.push(record);
  }
  const rejectedRows = rejects.length;

  // reading the whole column to decide its type is part of preparing the write
  options.onProgress('writing', 0, good.length);
  const tallies = labels.map((label) => new TypeTally(label, good.length));
  good.forEach((record, i) => {
    for (let c = 0; c < width; c++) tallies[c]!.add(record.fields[c]!);
    if (i % 50_000 === 49_999) options.checkCancelled();
  });
  const decisions = tallies.map((tally) => tally.decide());
  const converters = decisions.map(converterFor);
  const columns: ColumnDefinition[] = names.map((name, c) => ({
    name,
    label: { en: labels[c]!, 'zh-CN': labels[c]! },
    type: decisions[c]!.type,
    format: decisions[c]!.format,
  }));
  const rejectedPerColumn = new Array<number>(width).fill(0);
  const nullMarkersPerColumn = new Array<number>(width).fill(0);

  function* typedRows(): Generator<CellValue[]> {
    for (const record of good) {
      const row = new Array<CellValue>(width);
      for (let c = 0; c < width; c++) {
        const raw = record.fields[c]!;
        const conversion = converters[c]!(raw);
        if (conversion.ok) {
          row[c] = conversion.value;
          if (conversion.nullMarker === true) nullMarkersPerColumn[c]!++;
        } else {
          row[c] = null;
          rejectedPerColumn[c]!++;
          rejects.push({ line: record.line, column: c + 1, field: names[c]!, raw, reason: conversion.reason, params: {} });
        }
      }
      yield row;
    }
  }

  const tableName = freeTableName(db, options.table ?? toIdentifier(path.parse(fileName).name, 'imported'));
  const run = db.transaction(() => {
    const { rowCount } = writeTable(db, {
      name: tableName,
      label: { en: options.table ?? path.parse(fileName).name, 'zh-CN': options.table ?? path.parse(fileName).name },
      columns,
      sourceFile: file,
      rows: typedRows(),
      onRows: (written) => {
        options.onProgress('writing', written, good.length);
        options.checkCancelled();
      },
    });
    const rejectedValues = rejects.length - rejectedRows;
    const importId = Number(
      db
        .prepare(
          `INSERT INTO rw_imports (table_name, file, started_at, finished_at, row_count, rejected_rows, rejected_values, report)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          tableName,
          file,
          startedAt,
          new Date().toISOString(),
          rowCount,
          rejectedRows,
          rejectedValues,
          JSON.stringify({
            source,
            dialect,
            encoding,
            options: { table: options.table ?? null, encoding: options.encoding ?? null, skipRows: options.skipRows ?? null },
            columns: columns.map((c, i) => ({ name: c.name, label: labels[i], type: c.type, format: c.format, ambiguous: decisions[i]!.ambiguous ?? null })),
            counts: { rows: good.length, rejectedRows, rejectedValues, nullMarkers: nullMarkersPerColumn.reduce((a, b) => a + b, 0) },
            skipped: { titleRows, notes },
          }),
        )
        .lastInsertRowid,
    );
    const insertReject = db.prepare(
      'INSERT INTO rw_rejects (import_id, line, column_number, field, raw, reason_key, reason_params) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of rejects) insertReject.run(importId, r.line, r.column, r.field, r.raw, r.reason, JSON.stringify(r.params));
    return { importId, rowCount, rejectedValues };
  });
  const { importId, rowCount, rejectedValues } = run();
  return {
    importId,
    table: tableName,
    file,
    rows: rowCount,
    rejected: { rows: rejectedRows, values: rejectedValues },
    columns: columns.map((c, i) => ({
      name: c.name,
      label: c.label,
      type: c.type,
      format: decisions[i]!.format,
      ambiguous: decisions[i]!.ambiguous,
      rejected: rejectedPerColumn[i]!,
      nullMarkers: nullMarkersPerColumn[i]!,
    })),
    encoding,
    source,
    dialect,
    skipped: { titleRows, notes },
  };
}
