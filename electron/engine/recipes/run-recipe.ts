import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { keptRowsSql, planRecipe, sourceRelation, tableRelation, needsWholeTable, type RecipePlan, type RecipeSegment } from '../../../shared/recipe/compile-recipe';
import { ROW_ORDER_COLUMN, type StageColumn } from '../../../shared/recipe/recipe-dataflow';
import type { SqlFragment } from '../../../shared/model/expression/expression-dialect';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import type { RecipeRunReport, RecipeSpec, RecipeStep } from '../../../shared/spec/recipe-spec';
import type { CellValue } from '../../../shared/api/types';
import { DistinctCounter } from '../import/distinct-counter';
import { createTable, registerTable, type ColumnProfile } from '../workbench/table-catalog';
import { bumpDataVersion } from '../workbench/workbench-version';
import { applyDictionaries, DICTIONARY_MAX_VALUES, findValueChains, type ChainDictionary, type ValueChain } from '../../../shared/recipe/value-dictionary';
import { registerRecipeFunctions, workbenchSecret } from './recipe-functions';
import { getRecipe, recipeSourceFile, stageColumnsOf, tableColumnsIn } from './recipe-store';

const q = (name: string): string => sqliteDialect.quoteIdent(name);

/** Rows of the source read per statement: progress and cancel happen between them. */
const CHUNK_ROWS = 65_536;
/** Where a run writes the clean table before it takes the output's name. */
const BUILDING = 'rw_recipe_building';

/**
 * Where a segment's rows come from: the source, read in rowid ranges (or whole, when the segment
 * starts with a whole-table step); the stage table the segment before wrote; or, after a stage
 * that holds only the row numbers a dedupe keeps, the source's rows again through the segment
 * before, those the stage keeps. Writing a million rows to read them back costs more than running
 * row-wise steps twice.
 */
type SegmentInput =
  | { readonly kind: 'source'; readonly columns: readonly StageColumn[] }
  | { readonly kind: 'stage'; readonly table: string; readonly columns: readonly StageColumn[] }
  | {
      readonly kind: 'kept';
      readonly table: string;
      readonly columns: readonly StageColumn[];
      readonly through: RecipeSegment['select'];
      readonly sourceColumns: readonly StageColumn[];
      readonly throughSteps: readonly string[];
    };

export interface RecipeRunHooks {
  /** Rows read so far of about `total` (the source's rows for each segment to compute). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Throws to stop the run; the transaction is rolled back and the workbench left as it was. */
  readonly checkCancelled?: (() => void) | undefined;
}


/** What a source (and any table a lookup or union reads) holds now: a stage is reused only if it is unchanged. */
function tableSignature(db: Database.Database, table: string): string {
  const rows = db.prepare(`SELECT COUNT(*) AS n, MAX(rowid) AS last FROM ${q(table)}`).get() as { n: number; last: number | null };
  const lastImport = (db.prepare('SELECT MAX(id) AS id FROM rw_imports WHERE table_name = ?').get(table) as { id: number | null }).id;
  return `${table}:${rows.n}:${rows.last ?? 0}:${lastImport ?? 0}`;
}

function otherTables(steps: readonly RecipeStep[]): string[] {
  return steps.flatMap((s) => (s.kind === 'lookup' ? [s.table] : s.kind === 'union' ? s.tables.map((t) => t.table) : []));
}

/** Each segment's fingerprint: the data read, every enabled step up to the segment's end, and whether its stage keeps rows or row numbers
 * (the same for a segment of a plan of the recipe's first steps as for that segment of the whole plan). */
export function fingerprints(db: Database.Database, spec: RecipeSpec, plan: RecipePlan, keepsRowNumbers: (index: number) => boolean = () => false): string[] {
  const enabled = spec.steps.filter((s) => s.enabled);
  const signatures = [spec.source, ...new Set(otherTables(enabled))].map((t) => tableSignature(db, t));
  let upTo = 0;
  return plan.segments.map((segment, index) => {
    const last = segment.stepIds.at(-1);
    if (last !== undefined) upTo = enabled.findIndex((s) => s.id === last) + 1;
    return createHash('sha256')
      .update(JSON.stringify({ signatures, steps: enabled.slice(0, upTo), ...(keepsRowNumbers(index) ? { rowNumbers: true } : {}) }))
      .digest('hex');
  });
}

const insertInto = (table: string, columns: readonly StageColumn[], withOrder: boolean, select: SqlFragment, ordered: boolean): SqlFragment => {
  const names = [...(withOrder ? [ROW_ORDER_COLUMN] : []), ...columns.map((c) => c.name)].map(q).join(', ');
  return { sql: `INSERT INTO ${q(table)} (${names}) SELECT ${names} FROM (${select.sql})${ordered ? ` ORDER BY ${q(ROW_ORDER_COLUMN)}` : ''}`, params: select.params };
};

/**
 * Runs a table's latest recipe into its clean table, in one transaction: on an error, a cancel or
 * a crash the workbench stays as it was. The source is only read. Stages before each whole-table
 * step are kept (rw_recipe_stages) under a fingerprint of the data and the steps up to them, so a
 * run after an edit further down starts from the last unchanged stage.
 */
export function runRecipe(db: Database.Database, source: string, hooks: RecipeRunHooks = {}): RecipeRunReport {
  const started = performance.now();
  const saved = getRecipe(db, source);
  if (saved === undefined) throw new RootwiseError('error.recipe.none', { table: source });
  const { spec } = saved;
  const plan = planRecipe(stageColumnsOf(db, source), spec.steps, tableColumnsIn(db));
  const [problem] = plan.flow.problems;
  if (problem !== undefined) {
    const step = spec.steps.findIndex((s) => s.id === problem.stepId) + 1;
    throw new RootwiseError('error.recipe.broken', { count: plan.flow.problems.length, step });
  }
  const checkCancelled = hooks.checkCancelled ?? (() => undefined);

  return db.transaction((): RecipeRunReport => {
    registerRecipeFunctions(db, workbenchSecret(db));
    const rowsIn = (db.prepare(`SELECT COUNT(*) AS n FROM ${q(source)}`).get() as { n: number }).n;
    const lastRowid = (db.prepare(`SELECT COALESCE(MAX(rowid), 0) AS r FROM ${q(source)}`).get() as { r: number }).r;
    const segments = plan.segments;
    const stepOf = (id: string | undefined): RecipeStep | undefined => spec.steps.find((s) => s.id === id);
    const startsWholeTable = (segment: RecipeSegment): boolean => {
      const first = stepOf(segment.stepIds[0]);
      return first !== undefined && needsWholeTable(first);
    };
    const dedupeAfterFirst = stepOf(segments[1]?.stepIds[0]);
    const keepsRowNumbers = stageKeepsRowNumbers(spec, plan);
    const prints = fingerprints(db, spec, plan, keepsRowNumbers);
    const total = lastRowid * segments.length;
    let done = 0;
    const progress = (): void => hooks.onProgress?.(Math.min(done, total), total);

    // the deepest stage of the last run that is still valid
    const kept = db.prepare('SELECT segment, fingerprint, table_name FROM rw_recipe_stages WHERE source = ? ORDER BY segment').all(source) as { segment: number; fingerprint: string; table_name: string }[];
    let reused = 0;
    while (reused < segments.length - 1 && kept[reused]?.segment === reused && kept[reused]?.fingerprint === prints[reused]) reused++;
    for (const stale of kept.slice(reused)) {
      db.exec(`DROP TABLE IF EXISTS ${q(stale.table_name)}`);
      db.prepare('DELETE FROM rw_recipe_stages WHERE source = ? AND segment = ?').run(source, stale.segment);
    }
    done = lastRowid * reused;
    progress();

    const sourceColumns = stageColumnsOf(db, source);
    const fromSource: SegmentInput = { kind: 'source', columns: sourceColumns };
    /** The input after segment `index`'s stage table. */
    const after = (index: number, table: string, through?: RecipeSegment['select']): SegmentInput => {
      const segment = segments[index]!;
      if (!keepsRowNumbers(index)) return { kind: 'stage', table, columns: segment.columns };
      return { kind: 'kept', table, columns: segment.columns, through: through ?? dictionarySelect(db, spec, plan, segment.stepIds, fromSource, segment.select), sourceColumns, throughSteps: segment.stepIds };
    };
    let input: SegmentInput = reused === 0 ? fromSource : after(reused - 1, kept[reused - 1]!.table_name);
    db.exec(`DROP TABLE IF EXISTS ${q(BUILDING)}`);
    segments.slice(reused).forEach((segment, offset) => {
      const index = reused + offset;
      const last = index === segments.length - 1;
      const target = last ? BUILDING : `rw_stage_${prints[index]!.slice(0, 12)}_${index}`;
      db.exec(`DROP TABLE IF EXISTS ${q(target)}`);
      let through: RecipeSegment['select'] | undefined;
      if (keepsRowNumbers(index) && dedupeAfterFirst?.kind === 'dedupe') {
        createTable(db, target, [{ name: ROW_ORDER_COLUMN, label: { en: '', 'zh-CN': '' }, type: 'integer' }], { rowidAlias: ROW_ORDER_COLUMN });
        through = dictionarySelect(db, spec, plan, segment.stepIds, input, segment.select);
        const numbers = keptRowsSql(dedupeAfterFirst, segment.columns)(through(inputRows(spec, input)));
        db.prepare(`INSERT INTO ${q(target)} (${q(ROW_ORDER_COLUMN)}) ${numbers.sql}`).run(...numbers.params);
      } else {
        if (last) createTable(db, target, segment.columns);
        else createStageTable(db, target, segment.columns);
        // after a stage of kept row numbers, the dedupe is done: the rest of the segment runs
        const stepIds = input.kind === 'kept' ? segment.stepIds.slice(1) : segment.stepIds;
        const own = input.kind === 'kept' ? planRecipe(input.columns, stepIds.map((id) => stepOf(id)!), tableColumnsIn(db)).segments[0]!.select : segment.select;
        const select = dictionarySelect(db, spec, plan, stepIds, input, own);
        const multiplies = [...stepIds, ...(input.kind === 'kept' ? input.throughSteps : [])].some((id) => stepOf(id)?.kind === 'unpivot');
        writeSegment(db, { columns: segment.columns, select, rowWise: input.kind === 'kept' || (input.kind === 'source' && !startsWholeTable(segment)), multiplies }, spec, input, target, !last, lastRowid, () => {
          done += CHUNK_ROWS;
          checkCancelled();
          progress();
        });
      }
      checkCancelled();
      if (!last) {
        const rows = (db.prepare(`SELECT COUNT(*) AS n FROM ${q(target)}`).get() as { n: number }).n;
        db.prepare('INSERT INTO rw_recipe_stages (source, segment, fingerprint, table_name, row_count) VALUES (?, ?, ?, ?, ?)').run(source, index, prints[index]!, target, rows);
        input = after(index, target, through);
      }
      done = lastRowid * (index + 1);
      progress();
    });

    const rowsOut = (db.prepare(`SELECT COUNT(*) AS n FROM ${q(BUILDING)}`).get() as { n: number }).n;
    const profiles = profileOutput(db, plan, spec, rowsIn, rowsOut);
    publishOutput(db, spec, plan.output, rowsOut, profiles);
    const report: RecipeRunReport = {
      source,
      output: spec.output,
      recipeVersion: saved.version,
      rowsIn,
      rowsOut,
      columns: plan.output.length,
      segments: segments.length,
      reusedSegments: reused,
      elapsedMs: Math.round(performance.now() - started),
    };
    const now = new Date().toISOString();
    db.prepare('INSERT INTO rw_recipe_runs (source, recipe_version, output, started_at, finished_at, report) VALUES (?, ?, ?, ?, ?, ?)').run(
      source,
      saved.version,
      spec.output,
      new Date(Date.now() - report.elapsedMs).toISOString(),
      now,
      JSON.stringify(report),
    );
    return report;
  })();
}

/**
 * Whether a segment's stage holds only row numbers: the first segment's does when it reads the
 * source row by row and the next segment starts with a dedupe (the numbers are the rows the dedupe
 * keeps). The same for a plan of the recipe's first steps as for the whole recipe's.
 */
export function stageKeepsRowNumbers(spec: RecipeSpec, plan: RecipePlan): (index: number) => boolean {
  const stepOf = (id: string | undefined): RecipeStep | undefined => spec.steps.find((s) => s.id === id);
  const first = stepOf(plan.segments[0]?.stepIds[0]);
  const rowWise = first === undefined || !needsWholeTable(first);
  const dedupeNext = stepOf(plan.segments[1]?.stepIds[0])?.kind === 'dedupe';
  return (index) => index === 0 && rowWise && dedupeNext;
}

/**
 * The rows entering step `index` of a recipe, over the whole source, as SQL: from the deepest
 * stage the last run left that still holds (its fingerprint covers the data and the steps up to
 * it), with the category columns' dictionaries a run would use, so only what a run would redo is
 * computed.
 */
export function rowsEnteringStep(db: Database.Database, spec: RecipeSpec, index: number): { readonly sql: SqlFragment; readonly columns: readonly StageColumn[] } {
  const sourceColumns = stageColumnsOf(db, spec.source);
  const plan = planRecipe(sourceColumns, spec.steps.slice(0, index), tableColumnsIn(db));
  const stepOf = (id: string): RecipeStep => spec.steps.find((s) => s.id === id)!;
  const fromSource: SegmentInput = { kind: 'source', columns: sourceColumns };
  const keepsRowNumbers = stageKeepsRowNumbers(spec, plan);
  let input: SegmentInput = fromSource;
  let start = 0;
  if (plan.flow.problems.length === 0) {
    const stored = db.prepare('SELECT segment, fingerprint, table_name FROM rw_recipe_stages WHERE source = ?').all(spec.source) as { segment: number; fingerprint: string; table_name: string }[];
    const prints = fingerprints(db, spec, plan, keepsRowNumbers);
    for (let j = plan.segments.length - 1; j >= 0; j--) {
      const stage = stored.find((k) => k.segment === j && k.fingerprint === prints[j]);
      if (stage === undefined) continue;
      const segment = plan.segments[j]!;
      input = keepsRowNumbers(j)
        ? { kind: 'kept', table: stage.table_name, columns: segment.columns, through: dictionarySelect(db, spec, plan, segment.stepIds, fromSource, segment.select), sourceColumns, throughSteps: segment.stepIds }
        : { kind: 'stage', table: stage.table_name, columns: segment.columns };
      start = j + 1;
      break;
    }
  }
  const rest = plan.segments.slice(start);
  const [next, ...after] = rest;
  if (next === undefined) return { sql: inputRows(spec, input), columns: plan.output };
  // after a stage of kept row numbers the dedupe is done: the rest of its segment
  const stepIds = input.kind === 'kept' ? next.stepIds.slice(1) : next.stepIds;
  const own = input.kind === 'kept' ? planRecipe(input.columns, stepIds.map(stepOf), tableColumnsIn(db)).segments[0]!.select : next.select;
  const first = dictionarySelect(db, spec, plan, stepIds, input, own)(inputRows(spec, input));
  return { sql: after.reduce((relation, segment) => segment.select(relation), first), columns: plan.output };
}

/** The input's rows: all of them, or those from a range of the source's rowids. */
function inputRows(spec: RecipeSpec, input: SegmentInput, range?: { readonly after: number; readonly upTo: number }): SqlFragment {
  switch (input.kind) {
    case 'source':
      return sourceRelation(spec.source, input.columns, range);
    case 'stage':
      return tableRelation(input.table);
    case 'kept':
      return input.through(sourceRelation(spec.source, input.sourceColumns, range, input.table));
  }
}

/**
 * The SELECT of some steps of a segment with their value-wise chains on category columns worked
 * out once per distinct value ({@link findValueChains}); `select`, the steps as they are, when
 * they have none, or if the rewrite would ever change the segment's shape.
 */
function dictionarySelect(db: Database.Database, spec: RecipeSpec, plan: RecipePlan, stepIds: readonly string[], input: SegmentInput, select: RecipeSegment['select']): RecipeSegment['select'] {
  const steps = stepIds.map((id) => {
    const index = spec.steps.findIndex((s) => s.id === id);
    return { step: spec.steps[index]!, flow: plan.flow.steps[index]! };
  });
  const chains = findValueChains(input.columns, steps);
  if (chains.length === 0) return select;
  const relation = inputRows(spec, input);
  const dictionaries = chains.flatMap((chain) => chainDictionary(db, chain, relation) ?? []);
  if (dictionaries.length === 0) return select;
  const original = planRecipe(input.columns, steps.map((s) => s.step), tableColumnsIn(db));
  const rewritten = planRecipe(
    input.columns,
    applyDictionaries(
      steps.map((s) => s.step),
      dictionaries,
    ),
    tableColumnsIn(db),
  );
  const [only] = rewritten.segments;
  const same = (a: readonly StageColumn[], b: readonly StageColumn[]): boolean => a.length === b.length && a.every((c, i) => c.name === b[i]!.name && c.type === b[i]!.type);
  return rewritten.segments.length === 1 && only !== undefined && rewritten.flow.problems.length === 0 && same(only.columns, original.output) ? only.select : select;
}

/** What value-wise steps on one text column give for each of some values, in order; undefined if they cannot be worked out alone. */
function evaluateSteps(db: Database.Database, column: string, steps: readonly RecipeStep[], values: readonly (string | null)[]): (string | null)[] | undefined {
  if (steps.length === 0) return [...values];
  const plan = planRecipe([{ name: column, type: 'text', label: { en: column, 'zh-CN': column } }], steps);
  const [segment] = plan.segments;
  if (segment === undefined || plan.segments.length !== 1 || plan.flow.problems.length > 0) return undefined;
  const select = segment.select({
    sql: `SELECT column1 AS ${q(ROW_ORDER_COLUMN)}, column2 AS ${q(column)} FROM (VALUES ${values.map(() => '(?, ?)').join(', ')})`,
    params: values.flatMap((value, i) => [i, value]),
  });
  const results = db.prepare(`SELECT ${q(column)} FROM (${select.sql}) ORDER BY ${q(ROW_ORDER_COLUMN)}`).pluck().all(...select.params);
  return results.length === values.length && results.every((v) => v === null || typeof v === 'string') ? (results) : undefined;
}

/** A chain's result for each value its column can have where the chain starts, or undefined when the column has too many values or holds other than text. */
function chainDictionary(db: Database.Database, chain: ValueChain, relation: SqlFragment): ChainDictionary | undefined {
  const values = db.prepare(`SELECT DISTINCT ${q(chain.column)} FROM (${relation.sql}) LIMIT ${DICTIONARY_MAX_VALUES + 1}`).pluck().all(...relation.params);
  if (values.length > DICTIONARY_MAX_VALUES || values.some((v) => v !== null && typeof v !== 'string')) return undefined;
  // the values where the chain starts: the segment's input values after the steps before the chain
  const starts = evaluateSteps(db, chain.column, chain.prefix, values as (string | null)[]);
  if (starts === undefined) return undefined;
  const texts = [...new Set(starts.filter((v): v is string => v !== null))];
  // NULL first, then each text
  const ends = evaluateSteps(db, chain.column, chain.steps, [null, ...texts]);
  if (ends === undefined) return undefined;
  return { chain, mapping: texts.map((from, i) => ({ from, to: ends[i + 1]! })), whenNull: ends[0]! };
}

/** A stage table: the row order is its rowid (every step keeps it unique), so reading it in order costs no sort. */
function createStageTable(db: Database.Database, name: string, columns: readonly StageColumn[]): void {
  createTable(db, name, [{ name: ROW_ORDER_COLUMN, label: { en: '', 'zh-CN': '' }, type: 'integer' }, ...columns], { rowidAlias: ROW_ORDER_COLUMN });
}

/** Writes a segment's rows into `target`: in ranges of the source's rowids when it works row by row (progress and cancel between them), else in one statement. */
function writeSegment(
  db: Database.Database,
  segment: { readonly columns: readonly StageColumn[]; readonly select: RecipeSegment['select']; readonly rowWise: boolean; readonly multiplies: boolean },
  spec: RecipeSpec,
  input: SegmentInput,
  target: string,
  withOrder: boolean,
  lastRowid: number,
  onChunk: () => void,
): void {
  if (segment.rowWise) {
    // a step that makes several rows of one (unpivot) gives them out of order: sort each chunk
    const insert = (after: number): SqlFragment => insertInto(target, segment.columns, withOrder, segment.select(inputRows(spec, input, { after, upTo: after + CHUNK_ROWS })), segment.multiplies);
    const statement = db.prepare(insert(0).sql);
    for (let after = 0; after < lastRowid; after += CHUNK_ROWS) {
      statement.run(...insert(after).params);
      onChunk();
    }
    return;
  }
  const write = insertInto(target, segment.columns, withOrder, segment.select(inputRows(spec, input)), true);
  db.prepare(write.sql).run(...write.params);
}

/** Steps after which no column can be taken for the source's: rows are reshaped or come from elsewhere. */
const RESHAPING: ReadonlySet<RecipeStep['kind']> = new Set(['unpivot', 'pivot', 'union']);

/** Distinct values in the first rows above which a column's values are counted in JavaScript, not sorted by SQLite. */
const MANY_VALUES_PROBE_ROWS = 20_000;
const MANY_VALUES = 2_000;

/**
 * Null and distinct counts of the built table. A column no step wrote keeps the source's distinct
 * count (exact when every row was kept, else an upper bound marked inexact). The others are
 * counted: a column with few values by SQLite (a quick lookup per row), one with many (dates,
 * identifiers) as an import counts them, exactly up to EXACT_DISTINCT_LIMIT values and then as a
 * HyperLogLog estimate marked inexact, since sorting a million values costs seconds.
 */
function profileOutput(db: Database.Database, plan: RecipePlan, spec: RecipeSpec, rowsIn: number, rowsOut: number): ColumnProfile[] {
  const enabled = new Set(plan.segments.flatMap((s) => s.stepIds));
  const steps = spec.steps.filter((s) => enabled.has(s.id));
  const written = new Set(plan.flow.steps.filter((f) => enabled.has(f.stepId)).flatMap((f) => f.produces.map((n) => n.toLowerCase())));
  const sourceCounts = new Map(
    (db.prepare('SELECT name, distinct_count, distinct_exact FROM rw_columns WHERE table_name = ?').all(spec.source) as { name: string; distinct_count: number; distinct_exact: number }[]).map((c) => [c.name.toLowerCase(), c]),
  );
  const reshaped = steps.some((s) => RESHAPING.has(s.kind));
  const columns = plan.output.map((c) => q(c.name));
  const carried = plan.output.map((c) => (reshaped || written.has(c.name.toLowerCase()) ? undefined : sourceCounts.get(c.name.toLowerCase())));
  const counted = plan.output.flatMap((_, i) => (carried[i] === undefined ? [i] : []));
  const probe = (counted.length === 0 ? [] : db.prepare(`SELECT ${counted.map((i) => `COUNT(DISTINCT ${columns[i]!})`).join(', ')} FROM (SELECT * FROM ${q(BUILDING)} LIMIT ${MANY_VALUES_PROBE_ROWS})`).raw(true).get()) as number[];
  const many = new Set(counted.filter((_, k) => probe[k]! > MANY_VALUES));
  const sorted = counted.filter((i) => !many.has(i));
  const items = [...columns.map((c) => `COUNT(${c})`), ...sorted.map((i) => `COUNT(DISTINCT ${columns[i]!})`)];
  const row = (items.length === 0 ? [] : db.prepare(`SELECT ${items.join(', ')} FROM ${q(BUILDING)}`).raw(true).get()) as number[];
  const distinct = new Map<number, { count: number; exact: boolean }>(sorted.map((i, k) => [i, { count: row[columns.length + k]!, exact: true }]));
  for (const i of many) {
    const counter = new DistinctCounter();
    for (const value of db.prepare(`SELECT ${columns[i]!} FROM ${q(BUILDING)}`).pluck().all() as CellValue[]) counter.add(value);
    distinct.set(i, { count: counter.count(), exact: counter.isExact });
  }
  return plan.output.map((_, i) => {
    const nulls = rowsOut - (row[i] ?? 0);
    const own = distinct.get(i);
    if (own !== undefined) return { nulls, distinct: own.count, distinctExact: own.exact };
    const kept = carried[i]!;
    return { nulls, distinct: Math.min(kept.distinct_count, rowsOut), distinctExact: kept.distinct_exact === 1 && rowsOut === rowsIn };
  });
}

/** Gives the built table the output's name and registers it, keeping the model built on it (roles, relationships, formulas). */
function publishOutput(db: Database.Database, spec: RecipeSpec, columns: readonly StageColumn[], rowCount: number, profiles: readonly ColumnProfile[]): void {
  const existing = db.prepare('SELECT name, source_file FROM rw_tables WHERE name = ? COLLATE NOCASE').get(spec.output) as { name: string; source_file: string | null } | undefined;
  if (existing !== undefined && existing.source_file !== recipeSourceFile(spec.source)) throw new RootwiseError('error.recipe.outputTaken', { table: spec.output, source: existing.name });
  const definitions = columns.map((c) => ({ name: c.name, label: c.label, type: c.type }));
  if (existing === undefined) {
    db.exec(`ALTER TABLE ${q(BUILDING)} RENAME TO ${q(spec.output)}`);
    const sourceLabel = db.prepare('SELECT label_en, label_zh FROM rw_tables WHERE name = ?').get(spec.source) as { label_en: string; label_zh: string };
    registerTable(db, { name: spec.output, label: { en: `${sourceLabel.label_en} (clean)`, 'zh-CN': `${sourceLabel.label_zh}（清洗后）` }, columns: definitions, sourceFile: recipeSourceFile(spec.source) }, rowCount, profiles);
  } else {
    db.exec(`DROP TABLE ${q(existing.name)}`);
    db.exec(`ALTER TABLE ${q(BUILDING)} RENAME TO ${q(existing.name)}`);
    db.prepare('UPDATE rw_tables SET row_count = ?, imported_at = ? WHERE name = ?').run(rowCount, new Date().toISOString(), existing.name);
    db.prepare('DELETE FROM rw_columns WHERE table_name = ?').run(existing.name);
    const insert = db.prepare('INSERT INTO rw_columns (table_name, ordinal, name, label_en, label_zh, type, format, null_count, distinct_count, distinct_exact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    definitions.forEach((c, i) => insert.run(existing.name, i, c.name, c.label.en, c.label['zh-CN'], c.type, '', profiles[i]!.nulls, profiles[i]!.distinct, profiles[i]!.distinctExact ? 1 : 0));
    bumpDataVersion(db);
  }
  const now = new Date().toISOString();
  const setRole = db.prepare('INSERT INTO rw_field_roles (table_name, role, field, confirmed_at) VALUES (?, ?, ?, ?) ON CONFLICT (table_name, role) DO UPDATE SET field = excluded.field, confirmed_at = excluded.confirmed_at');
  for (const c of columns) if (c.role !== undefined) setRole.run(existing?.name ?? spec.output, c.role, c.name, now);
}
