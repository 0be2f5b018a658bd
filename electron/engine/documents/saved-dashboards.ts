import type Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { DashboardSpec, DashboardSummary, SavedDashboard } from '../../../shared/spec/dashboard-spec';

interface DashboardRow {
  id: number;
  name: string;
  spec: string;
  built_in: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, name, spec, built_in, created_at, updated_at';

function toDashboard(row: DashboardRow): SavedDashboard {
  return {
    id: row.id,
    name: row.name,
    spec: JSON.parse(row.spec) as DashboardSpec,
    builtIn: row.built_in === 'service-overview' ? 'service-overview' : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The dashboards, the Service overview first, then in the order they were made. */
export function listDashboards(db: Database.Database): DashboardSummary[] {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM rw_dashboards ORDER BY built_in IS NULL, position, id`).all() as DashboardRow[];
  return rows.map((row) => {
    const { spec, ...dashboard } = toDashboard(row);
    return { ...dashboard, tiles: spec.tiles.length };
  });
}

export function getDashboard(db: Database.Database, id: number): SavedDashboard {
  const row = db.prepare(`SELECT ${COLUMNS} FROM rw_dashboards WHERE id = ?`).get(id) as DashboardRow | undefined;
  if (row === undefined) throw new RootwiseError('error.dashboard.notFound', { id });
  return toDashboard(row);
}

/** The Service overview, when it has been generated. */
export function builtInDashboard(db: Database.Database): SavedDashboard | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM rw_dashboards WHERE built_in = 'service-overview'`).get() as DashboardRow | undefined;
  return row === undefined ? undefined : toDashboard(row);
}

/** Saves a dashboard: a new one without `id`, else that one (autosave calls it after every change). */
export function saveDashboard(
  db: Database.Database,
  dashboard: { readonly id?: number | undefined; readonly name: string; readonly spec: DashboardSpec; readonly builtIn?: 'service-overview' | undefined },
): SavedDashboard {
  const ids = new Set<string>();
  for (const tile of dashboard.spec.tiles) {
    if (ids.has(tile.id)) throw new RootwiseError('error.dashboard.duplicateTile', { tile: tile.id });
    ids.add(tile.id);
  }
  const now = new Date().toISOString();
  const spec = JSON.stringify(dashboard.spec);
  return db.transaction(() => {
    if (dashboard.id === undefined) {
      const position = (db.prepare('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM rw_dashboards').get() as { p: number }).p;
      const id = Number(
        db
          .prepare('INSERT INTO rw_dashboards (name, spec, built_in, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(dashboard.name, spec, dashboard.builtIn ?? null, position, now, now).lastInsertRowid,
      );
      return getDashboard(db, id);
    }
    const changed = db.prepare('UPDATE rw_dashboards SET name = ?, spec = ?, updated_at = ? WHERE id = ?').run(dashboard.name, spec, now, dashboard.id);
    if (changed.changes === 0) throw new RootwiseError('error.dashboard.notFound', { id: dashboard.id });
    return getDashboard(db, dashboard.id);
  })();
}

export function deleteDashboard(db: Database.Database, id: number): void {
  if (db.prepare('DELETE FROM rw_dashboards WHERE id = ?').run(id).changes === 0) throw new RootwiseError('error.dashboard.notFound', { id });
}
