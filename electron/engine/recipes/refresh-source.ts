import type Database from 'better-sqlite3';
import type { ImportPreview } from '../../../shared/api/types';
import { mapColumns, rememberMapping, restoreSourceMemory, SAMPLE_LIMIT, type ColumnProfile, type ConfirmedMapping, type SourceMemory } from '../../../shared/cleaning/column-mapping';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import type { RefreshConfirmation, RefreshDiff, SourceRefreshReport, UncoveredValues } from '../../../shared/spec/recipe-preview';
import type { RecipeRunReport, RecipeSpec } from '../../../shared/spec/recipe-spec';
import { planAppend } from '../import/append-plan';
import { appendTarget } from '../import/import-file';
import { getTableSchema } from '../workbench/table-catalog';
import { stageRelation } from './preview-recipe';
import { getRecipe } from './recipe-store';
import { runRecipe, type RecipeRunHooks } from './run-recipe';
import { synonymDictionary } from './synonym-store';

const q = (name: string): string => sqliteDialect.quoteIdent(name);
const UNCOVERED_LISTED = 50;

/** The columns a refresh maps: file header (as the file writes it) → the file column's name and the source column. */
export interface RefreshMapping {
  readonly appendMapping: Readonly<Record<string, string | null>>;
  readonly report: SourceRefreshReport['mapping'];
  /** What the source will remember once the refresh is committed. */
  readonly memory: SourceMemory;
}

const memoryKey = (source: string): string => `source_memory:${source}`;

/** What a source remembers of its columns: kept from its last refresh, else read from its table now. */
export function sourceMemory(db: Database.Database, source: string): SourceMemory {
  const row = db.prepare('SELECT value FROM rw_meta WHERE key = ?').get(memoryKey(source)) as { value: string } | undefined;
  if (row !== undefined) return restoreSourceMemory(JSON.parse(row.value));
  const schema = getTableSchema(db, source);
  const roles = new Map((db.prepare('SELECT field, role FROM rw_field_roles WHERE table_name = ? AND field IS NOT NULL').all(source) as { field: string; role: string }[]).map((r) => [r.field, r.role]));
  return {
    version: 1,
    confirmed: [],
    columns: schema.fields
      .filter((f) => f.expression === undefined)
      .map((f, position) => ({
        name: f.label['zh-CN'] === f.name ? f.name : f.label['zh-CN'],
        label: f.label,
        type: f.type,
        position,
        column: f.name,
        role: roles.get(f.name) as ColumnProfile['role'],
        sample: db.prepare(`SELECT DISTINCT CAST(${q(f.name)} AS TEXT) FROM ${q(source)} WHERE ${q(f.name)} IS NOT NULL LIMIT ?`).pluck().all(SAMPLE_LIMIT) as string[],
      })),
  };
}

export function saveSourceMemory(db: Database.Database, source: string, memory: SourceMemory): void {
  db.prepare('INSERT INTO rw_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(memoryKey(source), JSON.stringify(memory));
}

/**
 * Maps a new file's columns (as its preview read them) onto the source's: matches at or above the
 * auto-accept confidence are applied; the others are reported as asked, with the column they most
 * resemble, and appended as new columns (or, when their header names a source column, into it, as
 * any append does). The user's confirmations come last and win, over accepted matches too: each
 * puts a column of the file into a source column, or into a new column whatever its header. What
 * was accepted or confirmed is what the source remembers once the refresh is committed.
 */
export function planRefreshMapping(db: Database.Database, source: string, preview: ImportPreview, confirmations: readonly RefreshConfirmation[] = []): RefreshMapping {
  const memory = sourceMemory(db, source);
  const incoming: ColumnProfile[] = preview.columns.map((c, position) => ({
    name: c.label,
    type: c.type,
    position,
    sample: [...new Set(preview.rows.map((r) => r[position] ?? '').filter((v) => v.trim() !== ''))].slice(0, SAMPLE_LIMIT),
  }));
  const proposal = mapColumns(incoming, memory, synonymDictionary(db));
  const accepted = proposal.autoAccepted.flatMap((m) => (m.target.kind === 'column' ? [{ incoming: m.incoming, column: m.target.column, confidence: m.confidence }] : []));
  const acceptedNames = new Set(accepted.map((a) => a.incoming));
  const asked = [
    ...proposal.matched.filter((m) => !acceptedNames.has(m.incoming)).map((m) => ({ incoming: m.incoming, suggestedColumn: m.target.kind === 'column' ? m.target.column : null, confidence: m.confidence })),
    ...proposal.new.map((n) => ({ incoming: n.incoming, suggestedColumn: null, confidence: 0 })),
  ];

  const into = appendTarget(db, { table: source });
  const columns = into.columns.map((c) => c.name);
  const headers = new Set(preview.columns.map((c) => c.label));
  const confirmed = new Map<string, string | null>();
  const confirmedInto = new Map<string, string>();
  for (const { incoming: header, column } of confirmations) {
    if (!headers.has(header)) throw new RootwiseError('error.refresh.noIncoming', { column: header });
    if (confirmed.has(header)) throw new RootwiseError('error.refresh.confirmedTwice', { column: header });
    if (column !== null) {
      if (!columns.includes(column)) throw new RootwiseError('error.refresh.noColumn', { column, source });
      const other = confirmedInto.get(column);
      if (other !== undefined) throw new RootwiseError('error.refresh.sameColumn', { column, first: other, second: header });
      confirmedInto.set(column, header);
    }
    confirmed.set(header, column);
  }
  // a confirmation wins over an accepted match for the same column, which then goes to a new one
  const chosen = new Map<string, string | null>(accepted.filter((a) => !confirmedInto.has(a.column)).map((a) => [a.incoming, a.column]));
  for (const [header, column] of confirmed) chosen.set(header, column);

  const appendMapping: Record<string, string | null> = {};
  for (const c of preview.columns) {
    const column = chosen.get(c.label);
    if (column !== undefined) appendMapping[c.name] = column;
  }
  const plan = planAppend(
    preview.columns.map((c) => ({ name: c.name, label: c.label })),
    into.columns,
    appendMapping,
  );
  const applied = preview.columns.map((c, i) => ({ incoming: c.label, column: plan.targets[i]!, isNew: plan.matched[i] === undefined, confirmed: confirmed.has(c.label) }));
  const remembered = applied.filter((a) => chosen.has(a.incoming)).map((a): ConfirmedMapping => ({ sourceName: a.incoming, column: a.column }));
  return {
    appendMapping,
    report: { matched: accepted, asked, missing: plan.missing, applied, columns },
    memory: rememberMapping(memory, incoming, remembered),
  };
}

/** The clean table's key for matching rows before and after: its ticket id, else its customer id. */
function keyOf(db: Database.Database, table: string): string | null {
  const row = db.prepare("SELECT field FROM rw_field_roles WHERE table_name = ? AND role IN ('ticket_id', 'customer_id') AND field IS NOT NULL ORDER BY role = 'ticket_id' DESC LIMIT 1").get(table) as { field: string } | undefined;
  return row?.field ?? null;
}

const tableExists = (db: Database.Database, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** Values a mapping or clustering step meets in the new rows that neither the old rows nor its mapping had. */
function uncoveredValues(db: Database.Database, spec: RecipeSpec, rowsBefore: number, lastRowid: number): UncoveredValues[] {
  const found: UncoveredValues[] = [];
  spec.steps.forEach((step, index) => {
    if (!step.enabled || (step.kind !== 'mapValues' && step.kind !== 'cluster')) return;
    const covered = new Set(step.kind === 'mapValues' ? step.mapping.flatMap((m) => [m.from, ...(m.to === null ? [] : [m.to])]) : step.clusters.flatMap((c) => [...c.values, c.into]));
    const values = (range: { after: number; upTo: number }): Map<string, number> => {
      const stage = stageRelation(db, spec, index, range);
      if (!stage.columns.some((c) => c.name === step.column)) return new Map();
      const rows = db
        .prepare(`SELECT CAST(${q(step.column)} AS TEXT) AS v, COUNT(*) AS n FROM (${stage.sql.sql}) WHERE ${q(step.column)} IS NOT NULL GROUP BY 1`)
        .raw(true)
        .all(...stage.sql.params) as [string, number][];
      return new Map(rows);
    };
    const before = values({ after: 0, upTo: rowsBefore });
    const fresh = [...values({ after: rowsBefore, upTo: lastRowid })].filter(([v]) => !before.has(v) && !covered.has(v)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (fresh.length > 0) found.push({ stepId: step.id, column: step.column, values: fresh.slice(0, UNCOVERED_LISTED).map(([value, count]) => ({ value, count })), total: fresh.length });
  });
  return found;
}

/**
 * Replays a source's recipe inside the transaction of the import that just appended its new rows,
 * and says how the clean table changed. Runs in the job thread; the import commits after it (or
 * rolls back, on a dry run or an error).
 */
export function replayAfterImport(db: Database.Database, source: string, imported: { readonly rowsBefore: number }, hooks: RecipeRunHooks): { readonly run: RecipeRunReport | null; readonly diff: RefreshDiff | null } {
  const saved = getRecipe(db, source);
  if (saved === undefined) return { run: null, diff: null };
  const { output } = saved.spec;
  const existed = tableExists(db, output);
  db.exec('DROP TABLE IF EXISTS temp.rw_refresh_old');
  if (existed) db.exec(`CREATE TEMP TABLE rw_refresh_old AS SELECT * FROM ${q(output)}`);
  const run = runRecipe(db, source, hooks);
  const rowsBefore = existed ? (db.prepare('SELECT COUNT(*) AS n FROM temp.rw_refresh_old').get() as { n: number }).n : 0;
  const rowsAfter = run.rowsOut;
  const key = keyOf(db, output);
  let rowsAdded: number | null = existed ? null : rowsAfter;
  let rowsChanged: number | null = null;
  const changedCells: Record<string, number> = {};
  if (existed && key !== null) {
    const oldColumns = new Set((db.prepare('SELECT name FROM temp.pragma_table_info(?)').pluck().all('rw_refresh_old') as string[]).map((c) => c.toLowerCase()));
    const shared = getTableSchema(db, output).fields.filter((f) => f.expression === undefined && f.name !== key && oldColumns.has(f.name.toLowerCase()));
    rowsAdded = (db.prepare(`SELECT COUNT(*) AS n FROM ${q(output)} WHERE ${q(key)} NOT IN (SELECT ${q(key)} FROM temp.rw_refresh_old WHERE ${q(key)} IS NOT NULL)`).get() as { n: number }).n;
    if (shared.length > 0) {
      const differs = shared.map((f) => `n.${q(f.name)} IS NOT o.${q(f.name)}`);
      const counts = db
        .prepare(`SELECT SUM(${differs.join(' OR ')}) AS rows_changed, ${differs.map((d, i) => `SUM(${d}) AS c${i}`).join(', ')} FROM ${q(output)} AS n JOIN temp.rw_refresh_old AS o ON o.${q(key)} = n.${q(key)}`)
        .get() as Record<string, number | null>;
      rowsChanged = counts['rows_changed'] ?? 0;
      shared.forEach((f, i) => {
        const n = counts[`c${i}`] ?? 0;
        if (n > 0) changedCells[f.name] = n;
      });
    } else rowsChanged = 0;
  }
  const lastRowid = (db.prepare(`SELECT COALESCE(MAX(rowid), 0) AS r FROM ${q(source)}`).get() as { r: number }).r;
  const uncovered = uncoveredValues(db, saved.spec, imported.rowsBefore, lastRowid);
  db.exec('DROP TABLE IF EXISTS temp.rw_refresh_old');
  return { run, diff: { rowsBefore, rowsAfter, key, rowsAdded, rowsChanged, changedCells, uncovered } };
}
