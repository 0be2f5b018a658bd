import { bound, joinSql, sql, trusted, type SqlFragment } from '../model/expression/expression-dialect';
import { compileExpression } from '../model/expression/compile-expression';
import { sqliteDialect } from '../query/sql-dialect';
import type { RecipeStep } from '../spec/recipe-spec';
import { analyzeRecipe, ROW_ORDER_COLUMN, stageScope, type RecipeFlow, type StageColumn, type StepFlow, type TableColumns } from './recipe-dataflow';

/**
 * Compiles a recipe to SQL in segments. Steps that work row by row (rename, retype, trim, map,
 * filter, derive, mask, lookup, unpivot …) nest as subqueries, which SQLite flattens into one
 * pass; a step that needs the whole table at once (fill down, fill with a mean or median, dedupe,
 * pivot, union) starts a new segment, which reads the previous segment's result as a table. The
 * engine materializes each segment but the last into a stage table, reads the first one in rowid
 * ranges (progress and cancel between them), and writes the last into the clean table.
 *
 * Every relation carries `__rw_row`, the source row's order, so "first", "fill down" and the clean
 * table's row order follow the source file. Text work the SQL language cannot do (width, script,
 * patterns, PII) calls functions the engine registers under the names in RECIPE_FUNCTIONS.
 */

/** SQL functions the engine registers on the connection that runs recipes. */
export const RECIPE_FUNCTIONS = {
  /** (value, type, format) → the value read as the type, NULL when it does not fit. */
  convert: 'rw_convert',
  /** (value, inner 0/1) → trimmed text, inner whitespace collapsed when asked. */
  trim: 'rw_trim',
  /** (value, 'half'|'full'). */
  width: 'rw_width',
  /** (value, 'simplified'|'traditional'). */
  script: 'rw_script',
  /** (value, 'upper'|'lower'|'title'). */
  case: 'rw_case',
  /** (value, separator, index, count) → the index-th part; the last part keeps the rest. */
  splitPart: 'rw_split_part',
  /** (value, pattern) → the first match (its first group when it has one) or NULL. */
  extract: 'rw_extract',
  /** (value, method, scope, kinds as comma-separated text). */
  mask: 'rw_mask',
  /** (hash 0/1, value, value, …) → the first value that is a phone, e-mail or ID card, normalised. */
  identity: 'rw_identity',
} as const;

const q = (name: string): string => sqliteDialect.quoteIdent(name);
const column = (name: string): SqlFragment => trusted(q(name));
const call = (fn: string, ...args: SqlFragment[]): SqlFragment => ({ sql: `${fn}(${args.map((a) => a.sql).join(', ')})`, params: args.flatMap((a) => a.params) });

/** Steps that need every row of their input at once. */
const WHOLE_TABLE_KINDS: ReadonlySet<RecipeStep['kind']> = new Set(['fillDown', 'dedupe', 'pivot', 'union']);

export function needsWholeTable(step: RecipeStep): boolean {
  return WHOLE_TABLE_KINDS.has(step.kind) || (step.kind === 'fillMissing' && step.with !== 'constant');
}

/** One SELECT of the plan: the steps it applies to its input and the columns it gives. */
export interface RecipeSegment {
  /** The enabled steps it applies, in order; the first may need the whole table. */
  readonly stepIds: readonly string[];
  /** Its SELECT, given its input: the source's rows (`SELECT rowid AS __rw_row, … FROM source`,
   * possibly a range of them) or the previous segment's stage table. */
  readonly select: (input: SqlFragment) => SqlFragment;
  /** The columns it gives (besides `__rw_row`). */
  readonly columns: readonly StageColumn[];
}

export interface RecipePlan {
  readonly flow: RecipeFlow;
  readonly segments: readonly RecipeSegment[];
  readonly output: readonly StageColumn[];
}

/**
 * The source table's rows as the first relation, optionally a range of rowids (low, high], and
 * optionally only the rows whose numbers a table (`__rw_row INTEGER PRIMARY KEY`) keeps: read
 * through that table in order, so rows it does not keep are never read.
 */
export function sourceRelation(table: string, columns: readonly StageColumn[], range?: { readonly after: number; readonly upTo: number }, keptIn?: string): SqlFragment {
  const from = keptIn === undefined ? `FROM ${q(table)}` : `FROM ${q(keptIn)} AS __rw_k CROSS JOIN ${q(table)} ON ${q(table)}.rowid = __rw_k.${q(ROW_ORDER_COLUMN)}`;
  const rowid = keptIn === undefined ? 'rowid' : `__rw_k.${q(ROW_ORDER_COLUMN)}`;
  const select = `SELECT ${rowid} AS ${q(ROW_ORDER_COLUMN)}${columns.map((c) => `, ${q(table)}.${q(c.name)}`).join('')} ${from}`;
  if (range === undefined) return trusted(select);
  return sql`${trusted(select)} WHERE ${trusted(rowid)} > ${bound(range.after)} AND ${trusted(rowid)} <= ${bound(range.upTo)}`;
}

/** A stage table (or any table with `__rw_row`) as a relation. */
export function tableRelation(table: string): SqlFragment {
  return trusted(`SELECT * FROM ${q(table)}`);
}

/**
 * Plans a recipe over a source with `input` columns. Throws nothing for a broken recipe: its
 * problems are in `flow.problems`, and the caller refuses to run it.
 */
export function planRecipe(input: readonly StageColumn[], steps: readonly RecipeStep[], tables: TableColumns = () => undefined): RecipePlan {
  const flow = analyzeRecipe(input, steps, tables);
  const segments: RecipeSegment[] = [];
  let current: { stepIds: string[]; entries: SegmentEntry[]; columns: readonly StageColumn[] } | undefined;
  let schema = input;
  const close = (): void => {
    if (current === undefined) return;
    const select = segmentSelect(current.entries);
    segments.push({ stepIds: current.stepIds, columns: current.columns, select });
    current = undefined;
  };
  steps.forEach((step, i) => {
    const stepFlow = flow.steps[i]!;
    if (!step.enabled || stepFlow.problems.length > 0) return;
    if (needsWholeTable(step) && current !== undefined && current.stepIds.length > 0) close();
    current ??= { stepIds: [], entries: [], columns: schema };
    current.stepIds.push(step.id);
    current.entries.push({ step, flow: stepFlow, before: schema, part: stepSql(step, schema, stepFlow.schema) });
    current.columns = stepFlow.schema;
    schema = stepFlow.schema;
  });
  if (current === undefined) current = { stepIds: [], entries: [], columns: schema };
  close();
  return { flow, segments, output: schema };
}

/** A step of a segment: its flow, the columns before it and its SQL. */
interface SegmentEntry {
  readonly step: RecipeStep;
  readonly flow: StepFlow;
  readonly before: readonly StageColumn[];
  readonly part: (relation: SqlFragment) => SqlFragment;
}

/** Steps whose columns are computed by a function the engine registers (a call back into JavaScript for every row). */
const CALLING_KINDS: ReadonlySet<RecipeStep['kind']> = new Set(['retype', 'parseDates', 'trim', 'width', 'chineseScript', 'case', 'split', 'extract', 'mask', 'identity']);

/**
 * A segment's steps composed into one SELECT, with two changes to how SQLite runs it that give the
 * same rows:
 * - a filter is also applied as early as it can be (before the steps that do not write what it
 *   reads; never before the whole-table step that starts the segment or an unpivot), so the work
 *   of the steps after that point is done only for the rows it keeps;
 * - after a step that calls a registered function, if a later step of the segment reads what it
 *   wrote, the subquery is fenced (`LIMIT -1 OFFSET 0`) so that SQLite does not flatten it and
 *   call the function once more for each reading.
 */
function segmentSelect(entries: readonly SegmentEntry[]): (relation: SqlFragment) => SqlFragment {
  const lower = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()));
  const first = entries[0] !== undefined && needsWholeTable(entries[0].step) ? 1 : 0;
  const early = new Map<number, SqlFragment[]>();
  entries.forEach((entry, k) => {
    if (entry.step.kind !== 'filter') return;
    const reads = lower(entry.flow.reads);
    let at = k;
    while (at > first) {
      const previous = entries[at - 1]!;
      if (previous.step.kind === 'unpivot' || [...previous.flow.produces, ...previous.flow.removes].some((n) => reads.has(n.toLowerCase()))) break;
      at--;
    }
    if (at < k) early.set(at, [...(early.get(at) ?? []), filterKeeps(entry.step, entries[at]!.before)]);
  });
  const fenced = entries.map((entry, k) => {
    if (!CALLING_KINDS.has(entry.step.kind)) return false;
    const wrote = lower(entry.flow.produces);
    return entries.slice(k + 1).some((later) => later.flow.reads.some((n) => wrote.has(n.toLowerCase())));
  });
  return (relation) =>
    entries.reduce((r, entry, k) => {
      const kept = (early.get(k) ?? []).reduce((rows, keeps) => sql`SELECT * FROM (${rows}) WHERE ${keeps}`, r);
      const out = entry.part(kept);
      return fenced[k] ? sql`SELECT * FROM (${out}) LIMIT -1 OFFSET 0` : out;
    }, relation);
}

/**
 * The row numbers a dedupe keeps of a relation: the first row of each key, or the latest by a
 * column. Found on the keys alone (sorting whole rows costs several times more); the engine may
 * keep them as a table of their own and read the rows later.
 */
export function keptRowsSql(step: Extract<RecipeStep, { readonly kind: 'dedupe' }>, before: readonly StageColumn[]): (relation: SqlFragment) => SqlFragment {
  const partition = joinSql((step.keys.length > 0 ? step.keys : before.map((c) => c.name)).map(column), ', ');
  if (step.keep === 'latest' && step.latestBy !== undefined) {
    const order = sql`${column(step.latestBy)} DESC NULLS LAST, ${column(ROW_ORDER_COLUMN)}`;
    return (r) => sql`SELECT ${column(ROW_ORDER_COLUMN)} FROM (SELECT ${column(ROW_ORDER_COLUMN)}, ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY ${order}) AS __rw_rank FROM (${r})) WHERE __rw_rank = 1`;
  }
  return (r) => sql`SELECT MIN(${column(ROW_ORDER_COLUMN)}) FROM (${r}) GROUP BY ${partition}`;
}

/** `SELECT __rw_row, <items> FROM (<relation>)`, one item per column after the step. */
function project(relation: SqlFragment, items: readonly SqlFragment[], where?: SqlFragment): SqlFragment {
  const list = joinSql([column(ROW_ORDER_COLUMN), ...items], ', ');
  const base = sql`SELECT ${list} FROM (${relation})`;
  return where === undefined ? base : sql`${base} WHERE ${where}`;
}

const as = (value: SqlFragment, name: string): SqlFragment => sql`${value} AS ${column(name)}`;

/** Every column after the step, each as `expression AS name`, given how changed ones are computed. */
function columnsAfter(after: readonly StageColumn[], changed: (name: string) => SqlFragment | undefined): SqlFragment[] {
  return after.map((c) => as(changed(c.name) ?? column(c.name), c.name));
}

/** Missing: NULL, or text that is empty after trimming. */
const missingAsNull = (value: SqlFragment): SqlFragment => sql`CASE WHEN trim(${value}) = '' THEN NULL ELSE ${value} END`;

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const inList = (names: readonly string[], name: string): boolean => names.some((n) => sameName(n, name));

/** The condition a filter keeps a row by; a row whose formula is NULL (unknown) is left out, as SQL's WHERE does. */
function filterKeeps(step: Extract<RecipeStep, { kind: 'filter' }>, before: readonly StageColumn[]): SqlFragment {
  const predicate = compileExpression(step.expression, stageScope(before));
  return { sql: `COALESCE((${predicate.sql}), 0)`, params: predicate.params };
}

/**
 * The rows a step leaves out, as they entered it (`__rw_row` and the columns before it), given
 * its input: the negation of exactly the condition the step keeps rows by. Undefined for a step
 * that keeps every row, or that reshapes rows rather than leaving some out (a pivot merges rows,
 * a union adds them).
 */
export function droppedRowsSql(step: RecipeStep, before: readonly StageColumn[]): ((relation: SqlFragment) => SqlFragment) | undefined {
  const all = (relation: SqlFragment, where: SqlFragment): SqlFragment => project(relation, before.map((c) => column(c.name)), where);
  switch (step.kind) {
    case 'filter': {
      const keeps = filterKeeps(step, before);
      return (r) => all(r, sql`NOT ${keeps}`);
    }
    case 'dedupe': {
      const kept = keptRowsSql(step, before);
      return (r) => all(r, sql`${column(ROW_ORDER_COLUMN)} NOT IN (${kept(r)})`);
    }
    case 'unpivot':
      // a row with every unpivoted cell empty gives no row
      return (r) => all(r, trusted(step.columns.length === 0 ? '1' : step.columns.map((c) => `${q(c)} IS NULL`).join(' AND ')));
    default:
      return undefined;
  }
}

function stepSql(step: RecipeStep, before: readonly StageColumn[], after: readonly StageColumn[]): (relation: SqlFragment) => SqlFragment {
  const keepAll = (relation: SqlFragment): SqlFragment => project(relation, columnsAfter(after, () => undefined));
  switch (step.kind) {
    case 'rename':
      return (r) => project(r, before.map((c) => as(column(c.name), sameName(c.name, step.column) ? step.to : c.name)));
    case 'drop':
    case 'setRole':
      return keepAll;
    case 'retype':
      return (r) => project(r, columnsAfter(after, (n) => (sameName(n, step.column) ? call(RECIPE_FUNCTIONS.convert, column(n), bound(step.type), bound(step.format)) : undefined)));
    case 'parseDates':
      return (r) =>
        project(r, columnsAfter(after, (n) => (sameName(n, step.column) ? call(RECIPE_FUNCTIONS.convert, column(n), bound(step.withTime ? 'datetime' : 'date'), bound(step.format)) : undefined)));
    case 'trim':
      return (r) => project(r, columnsAfter(after, (n) => (inList(step.columns, n) ? call(RECIPE_FUNCTIONS.trim, column(n), bound(step.inner ? 1 : 0)) : undefined)));
    case 'width':
      return (r) => project(r, columnsAfter(after, (n) => (inList(step.columns, n) ? call(RECIPE_FUNCTIONS.width, column(n), bound(step.to)) : undefined)));
    case 'chineseScript':
      return (r) => project(r, columnsAfter(after, (n) => (inList(step.columns, n) ? call(RECIPE_FUNCTIONS.script, column(n), bound(step.to)) : undefined)));
    case 'case':
      return (r) => project(r, columnsAfter(after, (n) => (inList(step.columns, n) ? call(RECIPE_FUNCTIONS.case, column(n), bound(step.to)) : undefined)));
    case 'split':
      return (r) =>
        project(
          r,
          columnsAfter(after, (n) => {
            const index = step.into.findIndex((i) => sameName(i, n));
            return index < 0 ? undefined : call(RECIPE_FUNCTIONS.splitPart, column(step.column), bound(step.separator), bound(index), bound(step.into.length));
          }),
        );
    case 'merge':
      return (r) =>
        project(
          r,
          columnsAfter(after, (n) => (sameName(n, step.into) ? sql`NULLIF(concat_ws(${bound(step.separator)}, ${joinSql(step.columns.map(column), ', ')}), '')` : undefined)),
        );
    case 'extract':
      return (r) => project(r, columnsAfter(after, (n) => (sameName(n, step.into) ? call(RECIPE_FUNCTIONS.extract, column(step.column), bound(step.pattern)) : undefined)));
    case 'fillMissing': {
      if (step.with === 'constant') return (r) => project(r, columnsAfter(after, (n) => (sameName(n, step.column) ? sql`COALESCE(${missingAsNull(column(n))}, ${bound(step.value ?? null)})` : undefined)));
      const statistic = step.with === 'mean' ? 'avg' : 'median';
      return (r) => project(r, columnsAfter(after, (n) => (sameName(n, step.column) ? sql`COALESCE(${column(n)}, ${trusted(statistic)}(${column(n)}) OVER ())` : undefined)));
    }
    case 'fillDown': {
      // a group per filled cell, counted down the rows; each group's first value is its filled cell
      const group = (i: number): string => `__rw_group_${i}`;
      return (r) => {
        const counted = project(r, [
          ...before.map((c) => as(inList(step.columns, c.name) ? missingAsNull(column(c.name)) : column(c.name), c.name)),
          ...step.columns.map((name, i) => as(sql`COUNT(${missingAsNull(column(name))}) OVER (ORDER BY ${column(ROW_ORDER_COLUMN)} ROWS UNBOUNDED PRECEDING)`, group(i))),
        ]);
        return project(
          counted,
          columnsAfter(after, (n) => {
            const i = step.columns.findIndex((c) => sameName(c, n));
            return i < 0 ? undefined : sql`FIRST_VALUE(${column(n)}) OVER (PARTITION BY ${column(group(i))} ORDER BY ${column(ROW_ORDER_COLUMN)})`;
          }),
        );
      };
    }
    case 'mapValues':
    case 'cluster': {
      const pairs = step.kind === 'mapValues' ? step.mapping.map((m) => [m.from, m.to] as const) : step.clusters.flatMap((c) => c.values.map((v) => [v, c.into] as const));
      const otherwise = step.kind === 'mapValues' && step.otherwise !== undefined ? bound(step.otherwise) : undefined;
      return (r) =>
        project(
          r,
          columnsAfter(after, (n) => {
            if (!sameName(n, step.column)) return undefined;
            if (pairs.length === 0) return otherwise;
            // compared as text, so a mapping written for 1 also maps the number 1
            const whens = pairs.map(([from, to]) => sql`WHEN ${bound(from)} THEN ${bound(to)}`);
            return sql`CASE CAST(${column(n)} AS TEXT) ${joinSql(whens, ' ')} ELSE ${otherwise ?? column(n)} END`;
          }),
        );
    }
    case 'dedupe': {
      const kept = keptRowsSql(step, before);
      return (r) => project(r, columnsAfter(after, () => undefined), sql`${column(ROW_ORDER_COLUMN)} IN (${kept(r)})`);
    }
    case 'filter': {
      const keeps = filterKeeps(step, before);
      return (r) => project(r, columnsAfter(after, () => undefined), keeps);
    }
    case 'derive': {
      const value = compileExpression(step.expression, stageScope(before));
      return (r) => project(r, columnsAfter(after, (n) => (sameName(n, step.into) ? { sql: `(${value.sql})`, params: value.params } : undefined)));
    }
    case 'mask':
      return (r) =>
        project(r, columnsAfter(after, (n) => (sameName(n, step.column) ? call(RECIPE_FUNCTIONS.mask, column(n), bound(step.method), bound(step.scope), bound(step.kinds.join(','))) : undefined)));
    case 'identity':
      return (r) => project(r, columnsAfter(after, (n) => (sameName(n, step.into) ? call(RECIPE_FUNCTIONS.identity, bound(step.hash ? 1 : 0), ...step.columns.map(column)) : undefined)));
    case 'unpivot': {
      const rest = before.filter((c) => !inList(step.columns, c.name));
      const k = step.columns.length;
      // each source row becomes up to k rows, numbered so they keep the source's order; empty cells give no row
      return (r) =>
        joinSql(
          step.columns.map(
            (name, i) =>
              sql`SELECT ${column(ROW_ORDER_COLUMN)} * ${trusted(String(k))} + ${trusted(String(i))} AS ${column(ROW_ORDER_COLUMN)}, ${joinSql(
                [...rest.map((c) => column(c.name)), as(bound(name), step.nameColumn), as(column(name), step.valueColumn)],
                ', ',
              )} FROM (${r}) WHERE ${column(name)} IS NOT NULL`,
          ),
          ' UNION ALL ',
        );
    }
    case 'pivot': {
      const rest = before.filter((c) => !sameName(c.name, step.nameColumn) && !sameName(c.name, step.valueColumn));
      return (r) => {
        const cells = step.values.map((v) => as(sql`MAX(CASE WHEN CAST(${column(step.nameColumn)} AS TEXT) = ${bound(v)} THEN ${column(step.valueColumn)} END)`, v));
        const list = joinSql([as(trusted(`MIN(${q(ROW_ORDER_COLUMN)})`), ROW_ORDER_COLUMN), ...rest.map((c) => column(c.name)), ...cells], ', ');
        const grouped = rest.length === 0 ? sql`SELECT ${list} FROM (${r})` : sql`SELECT ${list} FROM (${r}) GROUP BY ${joinSql(rest.map((c) => column(c.name)), ', ')}`;
        return grouped;
      };
    }
    case 'lookup': {
      const other = q(step.table);
      const keys = joinSql(step.on.map((o) => column(o.other)), ', ');
      // the first row of the other table for each key, so a lookup never multiplies rows
      const firsts = sql`SELECT * FROM ${trusted(other)} WHERE rowid IN (SELECT MIN(rowid) FROM ${trusted(other)} GROUP BY ${keys})`;
      const on = joinSql(step.on.map((o) => trusted(`__rw_l.${q(o.other)} = __rw_p.${q(o.column)}`)), ' AND ');
      return (r) => {
        const items = [
          trusted(`__rw_p.${q(ROW_ORDER_COLUMN)}`),
          ...before.map((c) => trusted(`__rw_p.${q(c.name)} AS ${q(c.name)}`)),
          ...step.columns.map((c) => trusted(`__rw_l.${q(c.other)} AS ${q(c.into)}`)),
        ];
        return sql`SELECT ${joinSql(items, ', ')} FROM (${r}) AS __rw_p LEFT JOIN (${firsts}) AS __rw_l ON ${on}`;
      };
    }
    case 'union': {
      // the other tables' rows after this one's, each table in its own range of row numbers
      const parts = (r: SqlFragment): SqlFragment[] => [
        sql`SELECT ${joinSql([column(ROW_ORDER_COLUMN), ...before.map((c) => column(c.name))], ', ')} FROM (${r})`,
        ...step.tables.map((t, i) => {
          const items = before.map((c) => {
            const entry = Object.entries(t.columns).find(([target]) => sameName(target, c.name));
            return as(entry === undefined || entry[1] === null ? trusted('NULL') : column(entry[1]), c.name);
          });
          return sql`SELECT ${trusted(`${i + 1} * 1099511627776 + rowid`)} AS ${column(ROW_ORDER_COLUMN)}, ${joinSql(items, ', ')} FROM ${trusted(q(t.table))}`;
        }),
      ];
      return (r) => joinSql(parts(r), ' UNION ALL ');
    }
  }
}
