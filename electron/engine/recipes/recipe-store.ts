import type Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { analyzeRecipe, type RecipeFlow, type StageColumn } from '../../../shared/recipe/recipe-dataflow';
import { restoreRecipe, type RecipeRunReport, type RecipeSpec, type SavedRecipe } from '../../../shared/spec/recipe-spec';
import type { RecipeState } from '../../../shared/spec/recipe-preview';
import { getTableSchema, listTables } from '../workbench/table-catalog';
import { isReservedTableName } from '../workbench/identifiers';
import { bumpWorkbenchVersion } from '../workbench/workbench-version';

/**
 * Recipes as the workbench keeps them: every save is a new version (nothing is overwritten, so a
 * recipe's history can be audited and an earlier version restored); the latest is the recipe.
 */

interface RecipeRow {
  source: string;
  version: number;
  spec: string;
  saved_at: string;
}

const toSaved = (row: RecipeRow): SavedRecipe => ({ source: row.source, version: row.version, spec: restoreRecipe(JSON.parse(row.spec)), savedAt: row.saved_at });

/** The latest version of a table's recipe, or a given one; undefined when it has none. */
export function getRecipe(db: Database.Database, source: string, version?: number): SavedRecipe | undefined {
  const row = (
    version === undefined
      ? db.prepare('SELECT * FROM rw_recipes WHERE source = ? ORDER BY version DESC LIMIT 1').get(source)
      : db.prepare('SELECT * FROM rw_recipes WHERE source = ? AND version = ?').get(source, version)
  ) as RecipeRow | undefined;
  return row === undefined ? undefined : toSaved(row);
}

/** The saved versions of a table's recipe, newest first. */
export function recipeHistory(db: Database.Database, source: string): SavedRecipe[] {
  return (db.prepare('SELECT * FROM rw_recipes WHERE source = ? ORDER BY version DESC').all(source) as RecipeRow[]).map(toSaved);
}

/** A table's columns as a recipe reads them. */
export function stageColumnsOf(db: Database.Database, table: string): StageColumn[] {
  return getTableSchema(db, table).fields.map((f) => ({ name: f.name, type: f.type, label: f.label }));
}

/** Another table's columns for lookups and unions (undefined when there is no such table). */
export function tableColumnsIn(db: Database.Database): (table: string) => StageColumn[] | undefined {
  const known = new Set(listTables(db).map((t) => t.name));
  return (table) => (known.has(table) ? stageColumnsOf(db, table) : undefined);
}

/** The dataflow of a recipe over its source as the workbench has it now. */
export function analyzeSavedRecipe(db: Database.Database, spec: RecipeSpec): RecipeFlow {
  return analyzeRecipe(stageColumnsOf(db, spec.source), spec.steps, tableColumnsIn(db));
}

/**
 * Saves a recipe as its table's next version. The output may not be the source, another recipe's
 * output or an imported table; a recipe with problems is saved too (the user fixes it in place),
 * but it will not run.
 */
export function saveRecipe(db: Database.Database, spec: RecipeSpec): SavedRecipe {
  getTableSchema(db, spec.source);
  if (isReservedTableName(spec.output)) throw new RootwiseError('error.table.reserved', { table: spec.output });
  if (spec.output.toLowerCase() === spec.source.toLowerCase()) throw new RootwiseError('error.recipe.outputIsSource', { table: spec.output });
  const owner = outputOwner(db, spec.output);
  if (owner !== undefined && owner !== spec.source) throw new RootwiseError('error.recipe.outputTaken', { table: spec.output, source: owner });
  const existing = listTables(db).find((t) => t.name.toLowerCase() === spec.output.toLowerCase());
  if (existing !== undefined && owner === undefined && existing.sourceFile !== recipeSourceFile(spec.source)) throw new RootwiseError('error.recipe.outputTaken', { table: spec.output, source: existing.name });
  return db.transaction(() => {
    const next = ((db.prepare('SELECT MAX(version) AS v FROM rw_recipes WHERE source = ?').get(spec.source) as { v: number | null }).v ?? 0) + 1;
    const savedAt = new Date().toISOString();
    db.prepare('INSERT INTO rw_recipes (source, version, spec, saved_at) VALUES (?, ?, ?, ?)').run(spec.source, next, JSON.stringify(spec), savedAt);
    bumpWorkbenchVersion(db);
    return { source: spec.source, version: next, spec, savedAt };
  })();
}

/** How a clean table records where it came from (rw_tables.source_file). */
export const recipeSourceFile = (source: string): string => `recipe:${source}`;

/** The source whose latest recipe writes `output`, if any. */
function outputOwner(db: Database.Database, output: string): string | undefined {
  const sources = db.prepare('SELECT DISTINCT source FROM rw_recipes').pluck().all() as string[];
  return sources.find((s) => getRecipe(db, s)?.spec.output.toLowerCase() === output.toLowerCase());
}

/** What the last run of a table's recipe did, if it ran. */
export function lastRecipeRun(db: Database.Database, source: string): RecipeRunReport | null {
  const row = db.prepare('SELECT report FROM rw_recipe_runs WHERE source = ? ORDER BY id DESC LIMIT 1').get(source) as { report: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.report) as RecipeRunReport);
}

/** A table's recipe as the Clean workspace shows it. */
export function recipeState(db: Database.Database, source: string): RecipeState {
  getTableSchema(db, source);
  const recipe = getRecipe(db, source) ?? null;
  return { source, recipe, flow: recipe === null ? null : analyzeSavedRecipe(db, recipe.spec), lastRun: lastRecipeRun(db, source) };
}

/** Every table that has a recipe, in the order of the tables. */
export function listRecipeStates(db: Database.Database): RecipeState[] {
  const sources = new Set(db.prepare('SELECT DISTINCT source FROM rw_recipes').pluck().all() as string[]);
  return listTables(db)
    .filter((t) => sources.has(t.name))
    .map((t) => recipeState(db, t.name));
}
