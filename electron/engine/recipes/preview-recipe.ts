import type Database from 'better-sqlite3';
import type { CellValue } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { clusterValues, type ClusterMethod, type ValueCluster } from '../../../shared/cleaning/cluster-values';
import { detectColumnPii, type ColumnPiiProfile } from '../../../shared/cleaning/pii';
import { planRecipe, sourceRelation } from '../../../shared/recipe/compile-recipe';
import { ROW_ORDER_COLUMN, type StageColumn } from '../../../shared/recipe/recipe-dataflow';
import type { SqlFragment } from '../../../shared/model/expression/expression-dialect';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import type { RecipePreview } from '../../../shared/spec/recipe-preview';
import type { RecipeSpec, RecipeStep } from '../../../shared/spec/recipe-spec';
import { registerRecipeFunctions, workbenchSecret } from './recipe-functions';
import { stageColumnsOf, tableColumnsIn } from './recipe-store';

const q = (name: string): string => sqliteDialect.quoteIdent(name);

/** Source rows a preview works on, as Power Query previews the top of a table. */
export const PREVIEW_SAMPLE_ROWS = 10_000;
const PREVIEW_LIMIT = 200;

/** Steps whose output rows are not their input rows, so before and after do not line up row by row. */
const RESHAPES_ROWS: ReadonlySet<RecipeStep['kind']> = new Set(['unpivot', 'pivot', 'union']);

const registered = new WeakSet<Database.Database>();
/** Registers the recipe functions on a connection once. */
export function withRecipeFunctions(db: Database.Database): void {
  if (registered.has(db)) return;
  registerRecipeFunctions(db, workbenchSecret(db));
  registered.add(db);
}

/** The SQL of the recipe's enabled steps before `upTo` (an index into spec.steps) over some source rows. */
function chainSql(db: Database.Database, spec: RecipeSpec, upTo: number, sample: number | undefined): { readonly sql: SqlFragment; readonly columns: readonly StageColumn[] } {
  const lastRowid = sample === undefined ? undefined : ((db.prepare(`SELECT rowid FROM ${q(spec.source)} ORDER BY rowid LIMIT 1 OFFSET ?`).get(sample - 1) as { rowid: number } | undefined)?.rowid ?? Number.MAX_SAFE_INTEGER);
  return stageRelation(db, spec, upTo, lastRowid === undefined ? undefined : { after: 0, upTo: lastRowid });
}

/** The rows after the recipe's enabled steps before `upTo` (an index into spec.steps), over the
 * source rows in a rowid range (all without it), as SQL and the columns it gives. */
export function stageRelation(db: Database.Database, spec: RecipeSpec, upTo: number, range?: { readonly after: number; readonly upTo: number }): { readonly sql: SqlFragment; readonly columns: readonly StageColumn[] } {
  const input = stageColumnsOf(db, spec.source);
  const plan = planRecipe(input, spec.steps.slice(0, upTo), tableColumnsIn(db));
  const base = sourceRelation(spec.source, input, range);
  return { sql: plan.segments.reduce((relation, segment) => segment.select(relation), base), columns: plan.output };
}

function materialize(db: Database.Database, name: string, select: SqlFragment): void {
  db.exec(`DROP TABLE IF EXISTS temp.${q(name)}`);
  db.prepare(`CREATE TEMP TABLE ${q(name)} AS SELECT * FROM (${select.sql})`).run(...select.params);
}

/**
 * The rows before and after one step, over the first PREVIEW_SAMPLE_ROWS rows of the source: for a
 * step that keeps rows (a filter or a dedupe may drop some), each row before is shown beside itself
 * after, with the cells that changed and the rows dropped counted; for one that reshapes rows, the
 * first rows of each side. Works in temporary tables, so the workbench file is not written.
 */
export function previewRecipeStep(db: Database.Database, spec: RecipeSpec, stepId: string, limit = PREVIEW_LIMIT): RecipePreview {
  const index = spec.steps.findIndex((s) => s.id === stepId);
  if (index < 0) throw new RootwiseError('error.recipe.noStep', { step: stepId });
  const step = spec.steps[index]!;
  withRecipeFunctions(db);
  const sourceRows = (db.prepare(`SELECT COUNT(*) AS n FROM ${q(spec.source)}`).get() as { n: number }).n;
  const before = chainSql(db, spec, index, PREVIEW_SAMPLE_ROWS);
  const after = chainSql(db, spec, index + 1, PREVIEW_SAMPLE_ROWS);
  materialize(db, 'rw_preview_before', before.sql);
  materialize(db, 'rw_preview_after', after.sql);
  const rowsBefore = (db.prepare('SELECT COUNT(*) AS n FROM temp.rw_preview_before').get() as { n: number }).n;
  const rowsAfter = (db.prepare('SELECT COUNT(*) AS n FROM temp.rw_preview_after').get() as { n: number }).n;
  const names = (columns: readonly StageColumn[]): string => [ROW_ORDER_COLUMN, ...columns.map((c) => c.name)].map(q).join(', ');
  const aligned = step.enabled && !RESHAPES_ROWS.has(step.kind);
  const beforeRows = db.prepare(`SELECT ${names(before.columns)} FROM temp.rw_preview_before ORDER BY ${q(ROW_ORDER_COLUMN)} LIMIT ?`).raw(true).all(limit) as CellValue[][];
  let afterRows: (CellValue[] | null)[];
  const changedCells: Record<string, number> = {};
  if (aligned) {
    const byRow = new Map<CellValue, CellValue[]>();
    const wanted = beforeRows.map((r) => r[0]!);
    const found = db
      .prepare(`SELECT ${names(after.columns)} FROM temp.rw_preview_after WHERE ${q(ROW_ORDER_COLUMN)} IN (SELECT value FROM json_each(?))`)
      .raw(true)
      .all(JSON.stringify(wanted)) as CellValue[][];
    for (const row of found) byRow.set(row[0]!, row);
    afterRows = beforeRows.map((r) => byRow.get(r[0]!) ?? null);
    // cells that differ, over the whole sample, for every column on both sides
    const shared = after.columns.filter((c) => before.columns.some((b) => b.name === c.name));
    if (shared.length > 0) {
      const counts = db
        .prepare(`SELECT ${shared.map((c, i) => `SUM(a.${q(c.name)} IS NOT b.${q(c.name)}) AS c${i}`).join(', ')} FROM temp.rw_preview_before AS b JOIN temp.rw_preview_after AS a USING (${q(ROW_ORDER_COLUMN)})`)
        .get() as Record<string, number | null>;
      shared.forEach((c, i) => {
        changedCells[c.name] = counts[`c${i}`] ?? 0;
      });
    }
  } else {
    afterRows = db.prepare(`SELECT ${names(after.columns)} FROM temp.rw_preview_after ORDER BY ${q(ROW_ORDER_COLUMN)} LIMIT ?`).raw(true).all(limit) as CellValue[][];
  }
  // values a conversion could not read: filled before, empty after
  const converted = step.kind === 'retype' || step.kind === 'parseDates' ? step.column : undefined;
  const rejected =
    converted === undefined || !step.enabled
      ? 0
      : (
          db
            .prepare(`SELECT COUNT(*) AS n FROM temp.rw_preview_before AS b JOIN temp.rw_preview_after AS a USING (${q(ROW_ORDER_COLUMN)}) WHERE b.${q(converted)} IS NOT NULL AND a.${q(converted)} IS NULL`)
            .get() as { n: number }
        ).n;
  db.exec('DROP TABLE temp.rw_preview_before; DROP TABLE temp.rw_preview_after');
  return {
    stepId,
    sourceRows,
    sampleRows: Math.min(sourceRows, PREVIEW_SAMPLE_ROWS),
    aligned,
    before: { columns: before.columns, rows: beforeRows.map((r) => r.slice(1)), rowCount: rowsBefore },
    after: { columns: after.columns, rows: afterRows.map((r) => (r === null ? null : r.slice(1))), rowCount: rowsAfter },
    changedCells,
    rejectedValues: rejected,
  };
}

/** Where in a recipe a column is read: before the step `beforeStep` (after every step without it). */
export interface StagePoint {
  readonly spec: RecipeSpec;
  readonly beforeStep?: string | undefined;
}

function stageIndex(spec: RecipeSpec, beforeStep: string | undefined): number {
  if (beforeStep === undefined) return spec.steps.length;
  const index = spec.steps.findIndex((s) => s.id === beforeStep);
  if (index < 0) throw new RootwiseError('error.recipe.noStep', { step: beforeStep });
  return index;
}

/** The distinct values of a column at a point of the recipe, over every row, with their counts. */
export function stageValueCounts(db: Database.Database, point: StagePoint, column: string): { value: string; count: number }[] {
  withRecipeFunctions(db);
  const chain = chainSql(db, point.spec, stageIndex(point.spec, point.beforeStep), undefined);
  if (!chain.columns.some((c) => c.name === column)) throw new RootwiseError('error.recipe.missingColumn', { column });
  return db
    .prepare(`SELECT CAST(${q(column)} AS TEXT) AS value, COUNT(*) AS count FROM (${chain.sql.sql}) WHERE ${q(column)} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`)
    .all(...chain.sql.params) as { value: string; count: number }[];
}

/** Near-duplicate values among a column's value counts, as merges to propose. */
export function clusterStageColumn(counts: readonly { value: string; count: number }[], method: ClusterMethod): ValueCluster[] {
  return clusterValues(counts, method);
}

/** Personal data in each text or integer column at a point of the recipe, judged on a sample of its values. */
export function detectStagePii(db: Database.Database, point: StagePoint, sample = 2_000): (ColumnPiiProfile & { readonly column: string })[] {
  withRecipeFunctions(db);
  const chain = chainSql(db, point.spec, stageIndex(point.spec, point.beforeStep), PREVIEW_SAMPLE_ROWS);
  // phone and card numbers without a leading zero import as integers
  const candidates = chain.columns.filter((c) => c.type === 'text' || c.type === 'integer');
  return candidates.map((c) => {
    const values = db
      .prepare(`SELECT CAST(${q(c.name)} AS TEXT) FROM (${chain.sql.sql}) WHERE ${q(c.name)} IS NOT NULL LIMIT ?`)
      .pluck()
      .all(...chain.sql.params, sample) as string[];
    return { column: c.name, ...detectColumnPii(c.label['zh-CN'] === c.name ? c.name : `${c.name} ${c.label['zh-CN']}`, values) };
  });
}
