import type Database from 'better-sqlite3';
import type { TableSchema } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { FIELD_ROLES, ROLE_INFO, type FieldRole } from '../../../shared/model/field-roles';
import type { LocalizedText } from '../../../shared/api/types';
import type { AppliedRoles, Cardinality, DrillPath, FieldRef, Relationship, RoleAssignment, SemanticModel, TableModel } from '../../../shared/model/semantic-model';
import { AUTO_APPLY_CONFIDENCE, rangeMatters, suggestRoles, type RoleCandidateField } from '../../../shared/model/suggest-roles';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import { getTableSchema, listTables } from '../workbench/table-catalog';
import { cachedDataStats } from '../workbench/data-stats';
import { bumpWorkbenchVersion, workbenchVersion } from '../workbench/workbench-version';

const q = (identifier: string): string => sqliteDialect.quoteIdent(identifier);

interface ConfirmedRole {
  readonly role: FieldRole;
  readonly field: string | null;
}

function confirmedRoles(db: Database.Database, table: string): ConfirmedRole[] {
  return db.prepare('SELECT role, field FROM rw_field_roles WHERE table_name = ?').all(table) as ConfirmedRole[];
}

/** The fields as the suggester sees them; fields named like scores get their range from the data, in one scan. */
function roleCandidates(db: Database.Database, schema: TableSchema): RoleCandidateField[] {
  const numeric = schema.fields.filter((f) => rangeMatters(f));
  // a scan of the table (a second at 1 M rows), so counted once per data version, not per model change
  const ranges =
    numeric.length === 0
      ? {}
      : cachedDataStats(db, `ranges:${schema.table}:${numeric.map((f) => f.name).join(',')}`, () =>
          db.prepare(`SELECT ${numeric.map((f, i) => `MIN(${q(f.name)}) AS min${i}, MAX(${q(f.name)}) AS max${i}`).join(', ')} FROM ${q(schema.table)}`).get() as Record<string, number | null>,
        );
  return schema.fields.map((f) => {
    const i = numeric.indexOf(f);
    return { name: f.name, label: f.label, type: f.type, min: i < 0 ? undefined : ranges[`min${i}`], max: i < 0 ? undefined : ranges[`max${i}`] };
  });
}

/** Table models by workbench version: suggesting roles scans the numeric columns once. */
const modelCache = new WeakMap<Database.Database, { version: number; tables: Map<string, TableModel> }>();

/** A table's roles: the confirmed ones, and suggestions for the roles and fields nobody confirmed. */
export function tableModel(db: Database.Database, table: string): TableModel {
  const version = workbenchVersion(db);
  let cache = modelCache.get(db);
  if (cache?.version !== version) {
    cache = { version, tables: new Map() };
    modelCache.set(db, cache);
  }
  const cached = cache.tables.get(table);
  if (cached !== undefined) return cached;
  const model = buildTableModel(db, table);
  cache.tables.set(table, model);
  return model;
}

function buildTableModel(db: Database.Database, table: string): TableModel {
  const schema = getTableSchema(db, table);
  const confirmed = confirmedRoles(db, table);
  const confirmedRolesSet = new Set(confirmed.map((c) => c.role));
  const confirmedFields = new Set(confirmed.flatMap((c) => (c.field === null ? [] : [c.field])));
  const suggestions = suggestRoles(roleCandidates(db, schema), `${schema.table} ${schema.label.en} ${schema.label['zh-CN']}`).filter((s) => !confirmedRolesSet.has(s.role) && !confirmedFields.has(s.field));
  const byRole = new Map<FieldRole, RoleAssignment>();
  for (const c of confirmed) byRole.set(c.role, { role: c.role, field: c.field, confidence: 1, source: 'confirmed', applied: c.field !== null });
  for (const s of suggestions) byRole.set(s.role, { role: s.role, field: s.field, confidence: s.confidence, source: 'suggested', applied: s.confidence >= AUTO_APPLY_CONFIDENCE });
  return {
    table: schema.table,
    label: schema.label,
    rowCount: schema.rowCount,
    roles: FIELD_ROLES.flatMap((role) => {
      const assignment = byRole.get(role);
      return assignment === undefined ? [] : [assignment];
    }),
    drillPaths: drillPaths(db, schema.table),
  };
}

interface DrillPathRow {
  id: number;
  label_en: string;
  label_zh: string;
  fields: string;
}

function drillPaths(db: Database.Database, table: string): DrillPath[] {
  const rows = db.prepare('SELECT id, label_en, label_zh, fields FROM rw_drill_paths WHERE table_name = ? ORDER BY id').all(table) as DrillPathRow[];
  return rows.map((r) => ({ id: r.id, label: { en: r.label_en, 'zh-CN': r.label_zh }, fields: JSON.parse(r.fields) as string[] }));
}

/** Saves a drill path (a new one, or `id` changed): two or more distinct fields of the table, coarse to fine. */
export function setDrillPath(db: Database.Database, table: string, path: { readonly id?: number | undefined; readonly label: LocalizedText; readonly fields: readonly string[] }): DrillPath {
  const schema = getTableSchema(db, table);
  const names = new Set(schema.fields.map((f) => f.name));
  for (const field of path.fields) if (!names.has(field)) throw new RootwiseError('error.field.notFound', { table, field });
  if (path.fields.length < 2 || new Set(path.fields).size !== path.fields.length) throw new RootwiseError('error.model.drillPath', {});
  const id = db.transaction(() => {
    let saved: number;
    if (path.id === undefined) {
      saved = Number(db.prepare('INSERT INTO rw_drill_paths (table_name, label_en, label_zh, fields) VALUES (?, ?, ?, ?)').run(schema.table, path.label.en, path.label['zh-CN'], JSON.stringify(path.fields)).lastInsertRowid);
    } else {
      const changed = db.prepare('UPDATE rw_drill_paths SET label_en = ?, label_zh = ?, fields = ? WHERE id = ? AND table_name = ?').run(path.label.en, path.label['zh-CN'], JSON.stringify(path.fields), path.id, schema.table);
      if (changed.changes === 0) throw new RootwiseError('error.model.noDrillPath', { id: path.id });
      saved = path.id;
    }
    bumpWorkbenchVersion(db);
    return saved;
  })();
  return { id, label: path.label, fields: path.fields };
}

export function removeDrillPath(db: Database.Database, id: number): void {
  db.transaction(() => {
    if (db.prepare('DELETE FROM rw_drill_paths WHERE id = ?').run(id).changes === 0) throw new RootwiseError('error.model.noDrillPath', { id });
    bumpWorkbenchVersion(db);
  })();
}

/** role → field for the roles metrics may use on a table. */
export function appliedRoles(model: TableModel): AppliedRoles {
  return new Map(model.roles.flatMap((r) => (r.applied && r.field !== null ? [[r.role, r.field] as const] : [])));
}

/**
 * Confirms roles of one table: each given role gets the field named (which must exist and have a
 * fitting type), or null for "no field plays it"; a field given a new role leaves its old one.
 */
export function setFieldRoles(db: Database.Database, table: string, roles: Readonly<Partial<Record<FieldRole, string | null>>>): TableModel {
  const schema = getTableSchema(db, table);
  const fields = new Map(schema.fields.map((f) => [f.name, f]));
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const [role, field] of Object.entries(roles) as [FieldRole, string | null][]) {
      if (field !== null) {
        const info = fields.get(field);
        if (info === undefined) throw new RootwiseError('error.field.notFound', { table, field });
        if (!ROLE_INFO[role].types.includes(info.type)) throw new RootwiseError('error.model.roleType', { field, role: `role.${role}`, type: `type.${info.type}` });
        db.prepare('DELETE FROM rw_field_roles WHERE table_name = ? AND field = ? AND role <> ?').run(table, field, role);
      }
      db.prepare('INSERT INTO rw_field_roles (table_name, role, field, confirmed_at) VALUES (?, ?, ?, ?) ON CONFLICT (table_name, role) DO UPDATE SET field = excluded.field, confirmed_at = excluded.confirmed_at').run(
        table,
        role,
        field,
        now,
      );
    }
    bumpWorkbenchVersion(db);
  })();
  return tableModel(db, table);
}

/** Forgets the confirmed roles of a table (they are suggested again). */
export function resetFieldRoles(db: Database.Database, table: string): TableModel {
  getTableSchema(db, table);
  db.transaction(() => {
    db.prepare('DELETE FROM rw_field_roles WHERE table_name = ?').run(table);
    bumpWorkbenchVersion(db);
  })();
  return tableModel(db, table);
}

// ---- relationships ---------------------------------------------------------------------------

interface KeyStats {
  readonly fromKeys: number;
  readonly matched: number;
  readonly toDuplicates: number;
  readonly fromDuplicates: number;
}

function keyStats(db: Database.Database, from: FieldRef, to: FieldRef): KeyStats {
  return cachedDataStats(db, `keys:${from.table}.${from.field}>${to.table}.${to.field}`, () => countKeyStats(db, from, to));
}

function countKeyStats(db: Database.Database, from: FieldRef, to: FieldRef): KeyStats {
  const f = q(from.field);
  const t = q(to.field);
  return db
    .prepare(
      `SELECT
         (SELECT COUNT(DISTINCT ${f}) FROM ${q(from.table)}) AS fromKeys,
         (SELECT COUNT(*) FROM (SELECT DISTINCT ${f} AS k FROM ${q(from.table)} WHERE ${f} IS NOT NULL) a WHERE EXISTS (SELECT 1 FROM ${q(to.table)} b WHERE b.${t} = a.k)) AS matched,
         (SELECT COUNT(${t}) - COUNT(DISTINCT ${t}) FROM ${q(to.table)}) AS toDuplicates,
         (SELECT COUNT(${f}) - COUNT(DISTINCT ${f}) FROM ${q(from.table)}) AS fromDuplicates`,
    )
    .get() as KeyStats;
}

function describeRelationship(db: Database.Database, id: number | null, from: FieldRef, to: FieldRef, source: Relationship['source']): Relationship {
  const stats = keyStats(db, from, to);
  const cardinality: Cardinality = stats.toDuplicates > 0 ? 'many-to-many' : stats.fromDuplicates > 0 ? 'many-to-one' : 'one-to-one';
  return { id, from, to, cardinality, matchShare: stats.fromKeys === 0 ? 0 : stats.matched / stats.fromKeys, source };
}

function checkFieldRef(db: Database.Database, ref: FieldRef): void {
  const schema = getTableSchema(db, ref.table);
  if (!schema.fields.some((f) => f.name === ref.field)) throw new RootwiseError('error.field.notFound', { table: ref.table, field: ref.field });
}

/** An index on the key a relationship points at, so lookups and joins through it do not scan. */
function indexKey(db: Database.Database, ref: FieldRef): void {
  db.exec(`CREATE INDEX IF NOT EXISTS ${q(`rw_key_${ref.table}_${ref.field}`)} ON ${q(ref.table)} (${q(ref.field)})`);
}

export function addRelationship(db: Database.Database, from: FieldRef, to: FieldRef): Relationship {
  checkFieldRef(db, from);
  checkFieldRef(db, to);
  if (from.table === to.table) throw new RootwiseError('error.model.selfRelationship', { table: from.table });
  const id = db.transaction(() => {
    indexKey(db, to);
    const inserted = db
      .prepare('INSERT INTO rw_relationships (from_table, from_field, to_table, to_field, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(from.table, from.field, to.table, to.field, new Date().toISOString());
    bumpWorkbenchVersion(db);
    if (inserted.changes > 0) return Number(inserted.lastInsertRowid);
    return (db.prepare('SELECT id FROM rw_relationships WHERE from_table = ? AND from_field = ? AND to_table = ? AND to_field = ?').get(from.table, from.field, to.table, to.field) as { id: number }).id;
  })();
  return describeRelationship(db, id, from, to, 'confirmed');
}

export function removeRelationship(db: Database.Database, id: number): void {
  db.transaction(() => {
    const removed = db.prepare('DELETE FROM rw_relationships WHERE id = ?').run(id);
    if (removed.changes === 0) throw new RootwiseError('error.model.noRelationship', { id });
    bumpWorkbenchVersion(db);
  })();
}

interface RelationshipRow {
  id: number;
  from_table: string;
  from_field: string;
  to_table: string;
  to_field: string;
}

const KEY_ROLES: readonly FieldRole[] = ['ticket_id', 'customer_id'];

/**
 * Relationships a person would draw: for each key role (ticket, customer), the table where the key
 * is unique and most complete is its home, and every other table with that role points at it when
 * most of its keys are found there.
 */
function suggestedRelationships(db: Database.Database, models: readonly TableModel[], existing: readonly Relationship[]): Relationship[] {
  const taken = new Set(existing.map((r) => `${r.from.table}.${r.from.field}`));
  const suggestions: Relationship[] = [];
  for (const role of KEY_ROLES) {
    const holders = models.flatMap((m) => {
      const field = appliedRoles(m).get(role);
      return field === undefined ? [] : [{ table: m.table, field }];
    });
    const unique = holders
      .map((ref) => ({
        ref,
        ...cachedDataStats(db, `unique:${ref.table}.${ref.field}`, () => db.prepare(`SELECT COUNT(DISTINCT ${q(ref.field)}) AS keys, COUNT(${q(ref.field)}) AS filled FROM ${q(ref.table)}`).get() as { keys: number; filled: number }),
      }))
      .filter((h) => h.keys > 0 && h.keys === h.filled)
      .sort((a, b) => b.keys - a.keys);
    const home = unique[0]?.ref;
    if (home === undefined) continue;
    for (const from of holders) {
      if (from.table === home.table || taken.has(`${from.table}.${from.field}`)) continue;
      const relationship = describeRelationship(db, null, from, home, 'suggested');
      if (relationship.matchShare >= 0.5) suggestions.push(relationship);
    }
  }
  return suggestions;
}

export function listRelationships(db: Database.Database): Relationship[] {
  const rows = db.prepare('SELECT * FROM rw_relationships ORDER BY id').all() as RelationshipRow[];
  return rows.map((r) => describeRelationship(db, r.id, { table: r.from_table, field: r.from_field }, { table: r.to_table, field: r.to_field }, 'confirmed'));
}

export function getSemanticModel(db: Database.Database): SemanticModel {
  const tables = listTables(db).map((t) => tableModel(db, t.name));
  const confirmed = listRelationships(db);
  return { version: workbenchVersion(db), tables, relationships: [...confirmed, ...suggestedRelationships(db, tables, confirmed)] };
}
