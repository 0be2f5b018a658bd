import type Database from 'better-sqlite3';
import type { CellValue, ColumnType, FieldInfo, TableSchema } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { EXPR_TYPE_OF_COLUMN, compileExpression, scopeOfFields, type CompiledExpression, type ExprType, type ExpressionScope } from '../../../shared/model/expression/compile-expression';
import { sqliteExpressionDialect } from '../../../shared/model/expression/expression-dialect';
import type { SchemaField } from '../../../shared/query/compile-query';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { isReservedTableName } from '../workbench/identifiers';
import { fieldKindOf, getTableSchema } from '../workbench/table-catalog';
import { bumpWorkbenchVersion } from '../workbench/workbench-version';

const q = (identifier: string): string => sqliteDialect.quoteIdent(identifier);
const COLUMN_TYPES: Readonly<Record<ExprType, ColumnType>> = { number: 'real', boolean: 'boolean', date: 'date', datetime: 'datetime', text: 'text', null: 'text' };
const NAME = /^[\p{L}_][\p{L}\p{N}_]{0,63}$/u;

interface CalculatedRow {
  name: string;
  label_en: string;
  label_zh: string;
  expression: string;
  type: ColumnType;
  null_count: number;
  distinct_count: number;
}

/** A table's stored fields as formulas see them: by name, and by label when that differs. */
function storedScope(schema: TableSchema): ExpressionScope {
  const entries = schema.fields.map((f) => [f.name, { sql: q(f.name), type: EXPR_TYPE_OF_COLUMN[f.type] }] as const);
  const labels = schema.fields.flatMap((f) => [f.label.en, f.label['zh-CN']].filter((l) => l !== f.name).map((l) => [l, { sql: q(f.name), type: EXPR_TYPE_OF_COLUMN[f.type] }] as const));
  return scopeOfFields([...entries, ...labels]);
}

/** Compiles a row-level formula on a table's stored fields; aggregates belong in metrics. */
function compileRowFormula(schema: TableSchema, expression: string): CompiledExpression {
  const compiled = compileExpression(expression, storedScope(schema), sqliteExpressionDialect);
  if (compiled.aggregate) throw new RootwiseError('error.model.calculatedAggregate', {});
  return compiled;
}

function rows(db: Database.Database, table: string): CalculatedRow[] {
  return db.prepare('SELECT * FROM rw_calculated_fields WHERE table_name = ? ORDER BY name').all(table) as CalculatedRow[];
}

/** The calculated fields of a table as the field list shows them. */
export function calculatedFieldInfos(db: Database.Database, table: string): FieldInfo[] {
  return rows(db, table).map((r) => {
    const kind = fieldKindOf(r.name, r.type);
    return {
      name: r.name,
      label: { en: r.label_en, 'zh-CN': r.label_zh },
      type: r.type,
      format: '',
      kind,
      defaultAggregate: kind === 'measure' ? 'avg' : 'count_distinct',
      nullCount: r.null_count,
      distinctCount: r.distinct_count,
      distinctExact: true,
      expression: r.expression,
    };
  });
}

/** A table's stored and calculated fields: what the window and the query engine work with. */
export function modelSchema(db: Database.Database, table: string): TableSchema {
  const schema = getTableSchema(db, table);
  return { ...schema, fields: [...schema.fields, ...calculatedFieldInfos(db, schema.table)] };
}

/** The fields a query may use, calculated ones with their compiled SQL. */
export function queryFields(db: Database.Database, table: string): { readonly table: string; readonly fields: SchemaField[] } {
  const schema = getTableSchema(db, table);
  const calculated = rows(db, schema.table).map((r): SchemaField => {
    const compiled = compileRowFormula(schema, r.expression);
    return { name: r.name, label: { en: r.label_en, 'zh-CN': r.label_zh }, type: r.type, sql: { sql: `(${compiled.sql})`, params: compiled.params } };
  });
  return { table: schema.table, fields: [...schema.fields, ...calculated] };
}

export interface CalculatedFieldRequest {
  readonly table: string;
  readonly name: string;
  readonly label?: string | undefined;
  readonly expression: string;
}

/**
 * Adds or changes a calculated field: a row-level formula on the table's stored fields, checked
 * and compiled (never pasted into SQL), profiled, and saved in the workbench.
 */
export function setCalculatedField(db: Database.Database, request: CalculatedFieldRequest): FieldInfo {
  const schema = getTableSchema(db, request.table);
  if (!NAME.test(request.name) || isReservedTableName(request.name)) throw new RootwiseError('error.model.calculatedName', { name: request.name });
  if (schema.fields.some((f) => f.name.toLowerCase() === request.name.toLowerCase())) throw new RootwiseError('error.model.calculatedNameTaken', { name: request.name, table: schema.table });
  const compiled = compileRowFormula(schema, request.expression);
  const type = COLUMN_TYPES[compiled.type];
  const profile = db.prepare(`SELECT COUNT(*) - COUNT(v) AS nulls, COUNT(DISTINCT v) AS distinct_count FROM (SELECT ${compiled.sql} AS v FROM ${q(schema.table)})`).get(...compiled.params) as {
    nulls: number;
    distinct_count: number;
  };
  const label = request.label ?? request.name;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO rw_calculated_fields (table_name, name, label_en, label_zh, expression, type, null_count, distinct_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (table_name, name) DO UPDATE SET label_en = excluded.label_en, label_zh = excluded.label_zh, expression = excluded.expression, type = excluded.type,
         null_count = excluded.null_count, distinct_count = excluded.distinct_count, updated_at = excluded.updated_at`,
    ).run(schema.table, request.name, label, label, request.expression, type, profile.nulls, profile.distinct_count, new Date().toISOString());
    bumpWorkbenchVersion(db);
  })();
  return calculatedFieldInfos(db, schema.table).find((f) => f.name === request.name)!;
}

export function removeCalculatedField(db: Database.Database, table: string, name: string): void {
  db.transaction(() => {
    const removed = db.prepare('DELETE FROM rw_calculated_fields WHERE table_name = ? AND name = ?').run(table, name);
    if (removed.changes === 0) throw new RootwiseError('error.field.notFound', { table, field: name });
    bumpWorkbenchVersion(db);
  })();
}

/** What a formula gives on the first rows of a table, for the editor's preview; saves nothing. */
export function previewFormula(db: Database.Database, table: string, expression: string, limit: number): { readonly type: ColumnType; readonly values: readonly CellValue[] } {
  const schema = getTableSchema(db, table);
  const compiled = compileRowFormula(schema, expression);
  const values = db
    .prepare(`SELECT ${compiled.sql} FROM ${q(schema.table)} LIMIT ?`)
    .pluck()
    .all(...compiled.params, limit) as CellValue[];
  return { type: COLUMN_TYPES[compiled.type], values };
}
