import type Database from 'better-sqlite3';
import type { CellValue } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { droppedRowsSql, planRecipe } from '../../../shared/recipe/compile-recipe';
import { ROW_ORDER_COLUMN, type StageColumn } from '../../../shared/recipe/recipe-dataflow';
import { trusted } from '../../../shared/model/expression/expression-dialect';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import type { DroppedRows } from '../../../shared/spec/recipe-preview';
import type { RecipeSpec } from '../../../shared/spec/recipe-spec';
import { exportRelationCsv } from '../export/export-table';
import { dataVersion } from '../workbench/workbench-version';
import { withRecipeFunctions } from './preview-recipe';
import { getRecipe, stageColumnsOf, tableColumnsIn } from './recipe-store';
import { rowsEnteringStep } from './run-recipe';

const q = (name: string): string => sqliteDialect.quoteIdent(name);

/** Where the rows a step drops are kept between pages (a temporary table: the file is not written). */
const DROPPED = 'rw_dropped_rows';
/** The column of DROPPED holding each row's `__rw_row`, under a name no stage column can take. */
const SOURCE_ROW = ROW_ORDER_COLUMN;

/** What DROPPED holds on each connection: the rows of the step and data under `key`. */
const held = new WeakMap<Database.Database, { readonly key: string; readonly total: number; readonly columns: readonly StageColumn[] }>();

function stepIndex(spec: RecipeSpec, stepId: string): number {
  const index = spec.steps.findIndex((s) => s.id === stepId);
  if (index < 0) throw new RootwiseError('error.recipe.noStep', { step: stepId });
  return index;
}

/** The data a step's input depends on: the source's rows and every table a step reads. */
function dataKey(db: Database.Database, spec: RecipeSpec, upTo: number): string {
  const tables = [spec.source, ...spec.steps.slice(0, upTo).flatMap((s) => (s.kind === 'lookup' ? [s.table] : s.kind === 'union' ? s.tables.map((t) => t.table) : []))];
  const signatures = tables.map((table) => db.prepare(`SELECT COUNT(*) AS n, MAX(rowid) AS last FROM ${q(table)}`).get() as { n: number; last: number | null });
  return JSON.stringify({ data: dataVersion(db), signatures, steps: spec.steps.slice(0, upTo), source: spec.source });
}

/**
 * Works out the rows a step of the recipe leaves out, over every row of the source, into a
 * temporary table in source order, unless it already holds them for the same steps and data: the
 * first page pays for running the steps before it once, the next pages and the export read it.
 */
function collectDropped(db: Database.Database, spec: RecipeSpec, stepId: string): { readonly total: number; readonly columns: readonly StageColumn[] } {
  const index = stepIndex(spec, stepId);
  const step = spec.steps[index]!;
  const key = dataKey(db, spec, index + 1);
  const kept = held.get(db);
  if (kept?.key === key) return kept;
  withRecipeFunctions(db);
  const entering = rowsEnteringStep(db, spec, index);
  const flow = planRecipe(stageColumnsOf(db, spec.source), spec.steps.slice(0, index + 1), tableColumnsIn(db)).flow.steps[index];
  const dropped = step.enabled && flow !== undefined && flow.problems.length === 0 ? droppedRowsSql(step, entering.columns) : undefined;
  db.exec(`DROP TABLE IF EXISTS temp.${q(DROPPED)}`);
  let total = 0;
  if (dropped !== undefined) {
    // a filter's dropped rows are the rows kept by its negation, which the compiler applies as early
    // as the filter itself, so the steps before it work only on those rows
    const select =
      step.kind === 'filter'
        ? rowsEnteringStep(db, { ...spec, steps: spec.steps.map((s, i) => (i === index && s.kind === 'filter' ? { ...s, expression: `NOT COALESCE((${s.expression}), FALSE)` } : s)) }, index + 1).sql
        : dropped(entering.sql);
    const names = [SOURCE_ROW, ...entering.columns.map((c) => c.name)].map(q).join(', ');
    db.prepare(`CREATE TEMP TABLE ${q(DROPPED)} AS SELECT ${names} FROM (${select.sql}) ORDER BY ${q(ROW_ORDER_COLUMN)}`).run(...select.params);
    total = (db.prepare(`SELECT COUNT(*) AS n FROM temp.${q(DROPPED)}`).get() as { n: number }).n;
  }
  const result = { key, total, columns: entering.columns };
  held.set(db, result);
  return result;
}

function savedSpec(db: Database.Database, source: string): RecipeSpec {
  const saved = getRecipe(db, source);
  if (saved === undefined) throw new RootwiseError('error.recipe.none', { table: source });
  return saved.spec;
}

/**
 * A page of the rows one step of a table's saved recipe leaves out (a filter's rows whose
 * condition is not true, a dedupe's later duplicates, an unpivot's rows with every cell empty),
 * as they entered the step, counted over the whole source. Nothing is written to the workbench
 * and a recipe run does no extra work for it.
 */
export function listDroppedRows(db: Database.Database, source: string, stepId: string, offset: number, limit: number): DroppedRows {
  const spec = savedSpec(db, source);
  const { total, columns } = collectDropped(db, spec, stepId);
  if (total === 0) return { stepId, total, columns, offset, rows: [] };
  const rows = db
    .prepare(`SELECT ${[SOURCE_ROW, ...columns.map((c) => c.name)].map(q).join(', ')} FROM temp.${q(DROPPED)} ORDER BY rowid LIMIT ? OFFSET ?`)
    .raw(true)
    .all(limit, offset) as CellValue[][];
  return { stepId, total, columns, offset, rows: rows.map(([sourceRow, ...values]) => ({ sourceRow: Number(sourceRow), values })) };
}

/** Every row a step leaves out as CSV, its source row number first, written (and refused in
 * share-safe mode) as a table's export is. */
export function exportDroppedRows(db: Database.Database, source: string, stepId: string): { readonly name: string; readonly bytes: Uint8Array } {
  const spec = savedSpec(db, source);
  const index = stepIndex(spec, stepId);
  const { total, columns } = collectDropped(db, spec, stepId);
  const rowColumn = { name: 'source_row', type: 'integer' as const, label: { en: 'Source row', 'zh-CN': '源数据行号' } };
  const taken = columns.some((c) => c.name.toLowerCase() === rowColumn.name);
  const first = taken ? { ...rowColumn, name: '__source_row' } : rowColumn;
  const names = columns.map((c) => q(c.name)).join(', ');
  const select =
    total === 0
      ? trusted(`SELECT NULL AS ${q(first.name)}${columns.map((c) => `, NULL AS ${q(c.name)}`).join('')} WHERE 0`)
      : trusted(`SELECT ${q(SOURCE_ROW)} AS ${q(first.name)}${names === '' ? '' : `, ${names}`} FROM temp.${q(DROPPED)} ORDER BY rowid`);
  const bytes = exportRelationCsv(db, { name: source, select, columns: [first, ...columns] });
  return { name: `${source}_step${index + 1}_dropped.csv`, bytes };
}
