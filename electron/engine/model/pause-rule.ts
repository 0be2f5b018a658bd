import type Database from 'better-sqlite3';
import { cachedDataStats } from '../workbench/data-stats';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { suggestPauseStatuses, type PauseModel, type PauseRule, type PauseSource } from '../../../shared/model/pause-rule';
import type { TableModel } from '../../../shared/model/semantic-model';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { getTableSchema, listTables } from '../workbench/table-catalog';
import { bumpWorkbenchVersion, workbenchVersion } from '../workbench/workbench-version';
import { appliedRoles, tableModel } from './semantic-model';

const q = (identifier: string): string => sqliteDialect.quoteIdent(identifier);
const SETTING = 'pause_rule';
/** The most frequent statuses offered to choose from. */
const STATUS_VALUES = 200;

type Stored = PauseRule | { readonly off: true };

function stored(db: Database.Database): Stored | undefined {
  const row = db.prepare('SELECT value FROM rw_model_settings WHERE key = ?').get(SETTING) as { value: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value) as Stored);
}

/** The statuses an events table holds, the most frequent first. */
function statusValues(db: Database.Database, table: string, field: string): string[] {
  return cachedDataStats(db, `statuses:${table}.${field}`, () => {
    const rows = db.prepare(`SELECT ${q(field)} AS v FROM ${q(table)} WHERE ${q(field)} IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT ${STATUS_VALUES}`).raw(true).all() as [unknown][];
    return rows.map(([v]) => String(v));
  });
}

/** Whether a table holds tickets: a key and a creation time. */
const holdsTickets = (m: TableModel): boolean => {
  const roles = appliedRoles(m);
  return roles.has('ticket_id') && roles.has('created_at');
};

/** A status events table: rows that point at tickets, with a time and a status, in a workbench that has tickets. */
function eventsTable(models: readonly TableModel[]): { table: string; keyField: string; timeField: string; statusField: string } | undefined {
  if (!models.some(holdsTickets)) return undefined;
  for (const m of models) {
    const roles = appliedRoles(m);
    const keyField = roles.get('ticket_id');
    const timeField = roles.get('event_at');
    const statusField = roles.get('event_type');
    if (keyField !== undefined && timeField !== undefined && statusField !== undefined && !holdsTickets(m)) return { table: m.table, keyField, timeField, statusField };
  }
  return undefined;
}

/** Pause models by workbench version: suggesting reads the statuses of the events table once. */
const cache = new WeakMap<Database.Database, { version: number; model: PauseModel }>();

/**
 * The workbench's pause rule: the one a person set (or turned off), else one suggested from a
 * status events table whose statuses include waits for the customer (pending_customer, 等待客户…).
 */
export function pauseModel(db: Database.Database): PauseModel {
  const version = workbenchVersion(db);
  const cached = cache.get(db);
  if (cached?.version === version) return cached.model;
  const model = buildPauseModel(db);
  cache.set(db, { version, model });
  return model;
}

function buildPauseModel(db: Database.Database): PauseModel {
  const set = stored(db);
  if (set !== undefined && 'off' in set) {
    const found = eventsTable(listTables(db).map((t) => tableModel(db, t.name)));
    return { rule: undefined, source: 'off', statusValues: found === undefined ? [] : statusValues(db, found.table, found.statusField) };
  }
  if (set !== undefined && ruleProblem(db, set) === undefined) return { rule: set, source: 'confirmed', statusValues: statusValues(db, set.table, set.statusField) };
  const found = eventsTable(listTables(db).map((t) => tableModel(db, t.name)));
  if (found === undefined) return { rule: undefined, source: 'none', statusValues: [] };
  const values = statusValues(db, found.table, found.statusField);
  const statuses = suggestPauseStatuses(values);
  return statuses.length === 0 ? { rule: undefined, source: 'none', statusValues: values } : { rule: { ...found, statuses }, source: 'suggested', statusValues: values };
}

/** What is wrong with a rule for this workbench, as an error; undefined when it fits. */
function ruleProblem(db: Database.Database, rule: PauseRule): RootwiseError | undefined {
  const table = listTables(db).find((t) => t.name === rule.table);
  if (table === undefined) return new RootwiseError('error.table.notFound', { table: rule.table });
  const fields = new Map(getTableSchema(db, rule.table).fields.map((f) => [f.name, f.type]));
  for (const field of [rule.keyField, rule.timeField, rule.statusField]) if (!fields.has(field)) return new RootwiseError('error.field.notFound', { table: rule.table, field });
  const timeType = fields.get(rule.timeField);
  if (timeType !== 'datetime' && timeType !== 'date') return new RootwiseError('error.model.roleType', { field: rule.timeField, role: 'role.event_at', type: `type.${timeType}` });
  if (rule.statuses.length === 0) return new RootwiseError('error.model.pauseStatuses', {});
  return undefined;
}

/**
 * Sets the pause rule: a rule (checked against the workbench), 'off' (no pauses, even where a
 * status events table suggests some) or 'suggested' (forget the person's choice).
 */
export function setPauseRule(db: Database.Database, rule: PauseRule | 'off' | 'suggested'): PauseModel {
  if (typeof rule === 'object') {
    const problem = ruleProblem(db, rule);
    if (problem !== undefined) throw problem;
  }
  db.transaction(() => {
    if (rule === 'suggested') db.prepare('DELETE FROM rw_model_settings WHERE key = ?').run(SETTING);
    else {
      const value: Stored = rule === 'off' ? { off: true } : { table: rule.table, keyField: rule.keyField, timeField: rule.timeField, statusField: rule.statusField, statuses: [...new Set(rule.statuses)] };
      db.prepare('INSERT INTO rw_model_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SETTING, JSON.stringify(value));
    }
    bumpWorkbenchVersion(db);
  })();
  return pauseModel(db);
}

/** The pause rule as a ticket table's metrics use it: only for a table of tickets that is not the events table. */
export function pauseSourceFor(db: Database.Database, table: string): PauseSource | undefined {
  const rule = pauseModel(db).rule;
  if (rule === undefined || rule.table === table) return undefined;
  const ticketKey = appliedRoles(tableModel(db, table)).get('ticket_id');
  return ticketKey === undefined ? undefined : { rule, ticketKey };
}
