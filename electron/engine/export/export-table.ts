import type Database from 'better-sqlite3';
import type { CellValue, ColumnType, LocalizedText } from '../../../shared/api/types';
import { detectColumnPii, PII_KINDS, type PiiKind } from '../../../shared/cleaning/pii';
import { csvCell } from '../../../shared/format/csv';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { trusted, type SqlFragment } from '../../../shared/model/expression/expression-dialect';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { getTableSchema } from '../workbench/table-catalog';

const q = (name: string): string => sqliteDialect.quoteIdent(name);
const SHARE_SAFE_KEY = 'share_safe';
/** Values of a column sampled to judge whether it holds personal data. */
const PII_SAMPLE = 2_000;
/** A column where this share of the sampled values holds an identifier counts as personal. */
const PII_SHARE = 0.02;
/** A byte-order mark, so Excel opens the UTF-8 file with its Chinese intact. */
const BOM = '\uFEFF';

/** Whether the workbench refuses to export personal data that is not masked. */
export function shareSafe(db: Database.Database): boolean {
  const row = db.prepare('SELECT value FROM rw_meta WHERE key = ?').get(SHARE_SAFE_KEY) as { value: string } | undefined;
  return row?.value === '1';
}

export function setShareSafe(db: Database.Database, on: boolean): boolean {
  db.prepare('INSERT INTO rw_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SHARE_SAFE_KEY, on ? '1' : '0');
  return on;
}

/** Rows to write as CSV: a SELECT giving `columns` (by name) in the order to write them. */
export interface CsvRelation {
  /** What the rows are, as an error names them (a table's name). */
  readonly name: string;
  readonly select: SqlFragment;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType; readonly label: LocalizedText }[];
}

function tableRelation(db: Database.Database, table: string): CsvRelation {
  const schema = getTableSchema(db, table);
  return { name: table, select: trusted(`SELECT * FROM ${q(table)} ORDER BY rowid`), columns: schema.fields.filter((f) => f.expression === undefined) };
}

/**
 * The columns of a table that hold personal data in the clear: phone numbers, ID and bank card
 * numbers or e-mails in at least 2 % of a sample of their values (masked and hashed values are not
 * recognised, so a cleaned column passes), or names making up most of a column.
 */
export function unmaskedPersonalColumns(db: Database.Database, table: string): { readonly column: string; readonly kind: PiiKind }[] {
  return personalColumnsIn(db, tableRelation(db, table));
}

/**
 * The kind of personal data a column's values hold in the clear, judged from its name and a
 * sample of its values (see `unmaskedPersonalColumns`); undefined when it holds none.
 */
export function personalKind(name: string, values: readonly string[]): PiiKind | undefined {
  const profile = detectColumnPii(name, values.slice(0, PII_SAMPLE));
  return PII_KINDS.find((k) => (k === 'personName' ? profile.suggested?.kind === 'personName' : profile.shares[k] >= PII_SHARE));
}

function personalColumnsIn(db: Database.Database, relation: CsvRelation): { readonly column: string; readonly kind: PiiKind }[] {
  const found: { column: string; kind: PiiKind }[] = [];
  for (const field of relation.columns) {
    if (field.type !== 'text' && field.type !== 'integer') continue;
    const values = db
      .prepare(`SELECT CAST(${q(field.name)} AS TEXT) FROM (${relation.select.sql}) WHERE ${q(field.name)} IS NOT NULL LIMIT ?`)
      .pluck()
      .all(...relation.select.params, PII_SAMPLE) as string[];
    const kind = personalKind(`${field.name} ${field.label['zh-CN']}`, values);
    if (kind !== undefined) found.push({ column: field.name, kind });
  }
  return found;
}

/**
 * A table as CSV (UTF-8 with a BOM, header of column names, cells a spreadsheet would run as
 * formulas neutralised). In share-safe mode a table with personal data in the clear is refused,
 * naming the columns, so that it is masked in a recipe first.
 */
export function exportTableCsv(db: Database.Database, table: string): Uint8Array {
  return exportRelationCsv(db, tableRelation(db, table));
}

/** Any rows as CSV, written and refused in share-safe mode exactly as a table is. */
export function exportRelationCsv(db: Database.Database, relation: CsvRelation): Uint8Array {
  if (shareSafe(db)) {
    const personal = personalColumnsIn(db, relation);
    if (personal.length > 0) throw new RootwiseError('error.shareSafe.unmasked', { table: relation.name, columns: personal.map((p) => p.column).join(', ') });
  }
  const columns = relation.columns.map((c) => c.name);
  const parts: string[] = [BOM + columns.map(csvCell).join(',')];
  const rows = db.prepare(`SELECT ${columns.map(q).join(', ')} FROM (${relation.select.sql})`).raw(true).iterate(...relation.select.params) as IterableIterator<CellValue[]>;
  for (const row of rows) parts.push(row.map(csvCell).join(','));
  return new TextEncoder().encode(parts.join('\n') + '\n');
}
