import type { Locale } from '../i18n/messages';
import type { MetricDirection, MetricUnit } from '../metrics/metric-definition';
import type { Aggregate, MeasureDetail } from '../spec/query-spec';

/** A name shown to people, in both languages (imported data uses its header for both). */
export type LocalizedText = Readonly<Record<Locale, string>>;

/** How a column is stored. Dates are ISO text `YYYY-MM-DD`; datetimes ISO text `YYYY-MM-DD HH:MM:SS`
 * in the wall-clock time of the source file (no time zone is applied or assumed). */
export const COLUMN_TYPES = ['integer', 'real', 'boolean', 'date', 'datetime', 'text'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** What the analyst does with a field: group by it, aggregate it, or bucket it in time. */
export type FieldKind = 'dimension' | 'measure' | 'temporal';

/** How a column's values were written in its source, as the importer read them: e.g. `percent`
 * (stored as a fraction), `mdy`/`dmy` dates, `duration-clock` (stored as seconds). */
export const VALUE_FORMATS = [
  'boolean',
  'integer',
  'decimal',
  'grouped',
  'percent',
  'money',
  'ymd',
  'cn-date',
  'cn-month',
  'mdy',
  'dmy',
  'compact-date',
  'excel-serial',
  'unix-seconds',
  'unix-millis',
  'duration-clock',
  'duration-words',
  'text',
] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

export interface WorkbenchInfo {
  readonly path: string;
  /** File name without the `.rootwise` extension. */
  readonly name: string;
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly tableCount: number;
  readonly totalRows: number;
  readonly lastImportAt: string | null;
  /** Set when opening migrated the file: where the pre-migration backup was written. */
  readonly migratedFrom?: { readonly version: number; readonly backupPath: string } | undefined;
}

export interface TableSummary {
  readonly name: string;
  /** The label the user sees; the name is the SQL-safe identifier. */
  readonly label: LocalizedText;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly sourceFile: string | null;
  readonly importedAt: string | null;
  /** Rows and values its imports could not take; `listRejects({ table })` shows them. */
  readonly rejectCount: number;
}

export interface FieldInfo {
  readonly name: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
  /** How the source wrote the values (empty for tables not made by the importer). */
  readonly format: ValueFormat | '';
  readonly kind: FieldKind;
  /** Aggregate used when the field is dropped on a measure shelf. */
  readonly defaultAggregate: Aggregate;
  readonly nullCount: number;
  readonly distinctCount: number;
  /** False when the column has so many distinct values that `distinctCount` is an estimate (±1 %). */
  readonly distinctExact: boolean;
  /** A calculated field's formula (absent for a stored column). */
  readonly expression?: string | undefined;
}

export interface TableSchema {
  readonly table: string;
  readonly label: LocalizedText;
  readonly rowCount: number;
  readonly fields: readonly FieldInfo[];
}

export type CellValue = string | number | null;

export interface RowsPage {
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  readonly offset: number;
  readonly total: number;
}

/** One key of a table's row order: a field (stored or calculated) and its direction. Rows equal on
 * every key keep the table's order (rowid). */
export interface RowSortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/** A page of a table's rows in the asked order and under the asked filters. */
export interface TableRowsPage {
  readonly table: string;
  /** Every field of the table, calculated fields after the stored ones. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  readonly offset: number;
  /** Rows under the filters (the whole table without filters). */
  readonly total: number;
}

/** A value of a field and how many rows hold it. */
export interface ValueCount {
  readonly value: CellValue;
  readonly count: number;
}

/** A bar of a histogram: the rows whose value is in [from, to) (the last bar includes `to`). */
export interface HistogramBin {
  readonly from: number | string;
  readonly to: number | string;
  readonly count: number;
}

/** A profile of one field over the rows under some filters. */
export interface ColumnStats {
  readonly table: string;
  readonly field: string;
  readonly type: ColumnType;
  readonly rows: number;
  readonly nulls: number;
  readonly distinct: number;
  readonly min: CellValue;
  readonly max: CellValue;
  /** Numbers only (null otherwise, or when every value is NULL). */
  readonly mean: number | null;
  /** Numbers only: the middle value, or the mean of the two middle values. */
  readonly median: number | null;
  /** The most frequent values, most first (ties by value), NULL not included. */
  readonly topValues: readonly ValueCount[];
  /** Numbers and dates: equal-width bins from min to max (dates by day); null for other types. */
  readonly histogram: readonly HistogramBin[] | null;
}

/** The text encodings the importer reads. GBK and GB2312 files are read as GB18030, their superset. */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** Where the bytes of an import come from: a path on the engine's machine, or the bytes themselves
 * (a file dropped on a browser window has no path). */
export type ImportSource =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'bytes'; readonly name: string; readonly bytes: Uint8Array };

/** The delimiters the importer sniffs, and a user may choose instead. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** A column's type as the user chose it before importing: the storage type and how values are written. */
export interface ColumnTypeChoice {
  readonly type: ColumnType;
  readonly format: ValueFormat;
}

/** Appending a file to an existing table: its columns are matched to the table's by name (or the
 * user's `mapping`, file column → table column, null for a new column); the others become new columns. */
export interface AppendTarget {
  readonly table: string;
  readonly mapping?: Readonly<Record<string, string | null>> | undefined;
}

export interface PreviewColumn {
  /** The column's name in the file (made unique) and its header text. */
  readonly name: string;
  readonly label: string;
  readonly type: ColumnType;
  readonly format: ValueFormat;
  readonly ambiguous?: 'day-month-order' | undefined;
  /** Appending: the table column it goes to, and whether that column is new. */
  readonly target?: string | undefined;
  readonly isNew?: boolean | undefined;
}

/** What an import would do, read from the start of the file, before anything is written. */
export interface ImportPreview {
  readonly file: string;
  readonly size: number;
  readonly encoding: ImportReport['encoding'];
  readonly dialect: ImportReport['dialect'];
  /** Records above the header (a title block), i.e. the `skipRows` the import will use. */
  readonly headerRow: number;
  readonly titleRows: readonly string[];
  readonly columns: readonly PreviewColumn[];
  /** The first rows as the file has them. */
  readonly rows: readonly (readonly string[])[];
  /** Appending: the table's columns the file lacks (they stay empty in the new rows). */
  readonly missingColumns: readonly string[];
  /** The table name an import would create. */
  readonly suggestedTable: string;
}

export interface ImportedColumn {
  readonly name: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
  readonly format: ValueFormat;
  /** The data could not settle how to read the column (a/b/yyyy dates with no part above 12: read month-first). */
  readonly ambiguous?: 'day-month-order' | undefined;
  readonly rejected: number;
  /** Values such as `N/A`, `-` or `暂无` stored as NULL in a typed column. */
  readonly nullMarkers: number;
}

export interface ImportReport {
  readonly jobId: string;
  readonly importId: number;
  readonly table: string;
  readonly file: string;
  readonly rows: number;
  /** Rows and values that did not fit; each is kept in the workbench's rejects with line and column. */
  readonly rejected: { readonly rows: number; readonly values: number };
  readonly columns: readonly ImportedColumn[];
  /** The encoding read (detected unless the request named one), how sure the detection was, and how
   * many characters could not be decoded (shown, never silent). */
  readonly encoding: { readonly name: TextEncoding; readonly confidence: number; readonly replacements: number };
  /** The bytes read, so the import can be audited or repeated on the same file. */
  readonly source: { readonly size: number; readonly sha256: string };
  /** How the file was read: delimited text with the delimiter found, JSON / JSON Lines, or one
   * sheet of an Excel workbook (`sheet`, among all the workbook's `sheets` in tab order). */
  readonly dialect: {
    readonly format: 'delimited' | 'json' | 'jsonl' | 'xlsx';
    readonly delimiter: string | null;
    readonly sheet?: string | undefined;
    readonly sheets?: readonly string[] | undefined;
  };
  /** Lines around the table that are not part of it: a title block above the header, notes below. */
  readonly skipped: { readonly titleRows: readonly string[]; readonly notes: readonly string[] };
  /** Set when the file was appended to an existing table: how its columns were reconciled. */
  readonly appended?:
    | {
        readonly newColumns: readonly string[];
        readonly missingColumns: readonly string[];
        /** File columns that went to a table column of another name. */
        readonly renamed: readonly { readonly from: string; readonly to: string }[];
        /** The table's rows before and after. */
        readonly rowsBefore: number;
        readonly rowsAfter: number;
      }
    | undefined;
  readonly milliseconds: number;
}

export interface RejectRecord {
  readonly importId: number;
  readonly table: string;
  readonly file: string;
  readonly line: number;
  /** 1-based column; null when the whole row was rejected. */
  readonly column: number | null;
  readonly field: string | null;
  readonly raw: string;
  readonly reason: LocalizedText;
}

export interface ResultColumn {
  readonly name: string;
  readonly label: LocalizedText;
  readonly role: 'dimension' | 'measure';
  readonly type: ColumnType;
  /** A metric of the catalogue: which one, the version of its definition used, and how to read it. */
  readonly metric?: { readonly id: string; readonly version: number; readonly unit: MetricUnit; readonly direction: MetricDirection; readonly minSample: number } | undefined;
  /** A column that belongs to a measure (`of`): its n, interval, previous-period value or change. */
  readonly detail?: { readonly of: string; readonly kind: MeasureDetail } | undefined;
}

export interface QueryResult {
  /** Apache Arrow IPC stream bytes, one column per entry of `columns`. */
  readonly arrow: Uint8Array;
  readonly columns: readonly ResultColumn[];
  readonly rowCount: number;
  /** True when the result was cut at the spec's limit. */
  readonly truncated: boolean;
  readonly elapsedMs: number;
  /** Answered from the results of an identical earlier query on the same data. */
  readonly cached?: boolean | undefined;
}

export interface JobProgress {
  readonly jobId: string;
  readonly kind: 'import' | 'demo' | 'recipe' | 'refresh' | 'profile' | 'export';
  readonly phase: 'reading' | 'parsing' | 'writing' | 'done' | 'cancelled' | 'failed';
  /** Units done and in all (bytes of the file for an import, rows for the demo); total 0 = unknown. */
  readonly done: number;
  readonly total: number;
  /** Rows written so far (imports). */
  readonly rows?: number | undefined;
  /** Seconds left at the pace so far, once it can be told. */
  readonly etaSeconds?: number | undefined;
}

/** Commands the desktop app menu sends to the window. */
export const MENU_COMMANDS = ['new', 'open', 'saveAs', 'import', 'export', 'undo', 'redo', 'about', 'localeEn', 'localeZh'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
