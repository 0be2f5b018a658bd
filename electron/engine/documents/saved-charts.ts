import type Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { ChartSpec, ChartSummary, SavedChart } from '../../../shared/spec/chart-spec';

interface ChartRow {
  id: number;
  name: string;
  spec: string;
  created_at: string;
  updated_at: string;
}

function toChart(row: ChartRow): SavedChart {
  return { id: row.id, name: row.name, spec: JSON.parse(row.spec) as ChartSpec, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** The saved charts in the order of their tabs. */
export function listCharts(db: Database.Database): ChartSummary[] {
  const rows = db.prepare('SELECT id, name, spec, created_at, updated_at FROM rw_charts ORDER BY position, id').all() as ChartRow[];
  return rows.map((row) => {
    const { spec, ...chart } = toChart(row);
    return { ...chart, kind: spec.kind, table: spec.table };
  });
}

export function getChart(db: Database.Database, id: number): SavedChart {
  const row = db.prepare('SELECT id, name, spec, created_at, updated_at FROM rw_charts WHERE id = ?').get(id) as ChartRow | undefined;
  if (row === undefined) throw new RootwiseError('error.chart.notFound', { id });
  return toChart(row);
}

/**
 * Saves a chart: a new one (last tab) without `id`, else the one with that id. Saving is cheap
 * and atomic, so the window saves after every change (autosave) and nothing is lost in a crash.
 */
export function saveChart(db: Database.Database, chart: { readonly id?: number | undefined; readonly name: string; readonly spec: ChartSpec }): SavedChart {
  const now = new Date().toISOString();
  const spec = JSON.stringify(chart.spec);
  return db.transaction(() => {
    if (chart.id === undefined) {
      const position = (db.prepare('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM rw_charts').get() as { p: number }).p;
      const id = Number(db.prepare('INSERT INTO rw_charts (name, spec, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(chart.name, spec, position, now, now).lastInsertRowid);
      return getChart(db, id);
    }
    const changed = db.prepare('UPDATE rw_charts SET name = ?, spec = ?, updated_at = ? WHERE id = ?').run(chart.name, spec, now, chart.id);
    if (changed.changes === 0) throw new RootwiseError('error.chart.notFound', { id: chart.id });
    return getChart(db, chart.id);
  })();
}

export function deleteChart(db: Database.Database, id: number): void {
  if (db.prepare('DELETE FROM rw_charts WHERE id = ?').run(id).changes === 0) throw new RootwiseError('error.chart.notFound', { id });
}

/** Puts the charts' tabs in the given order (every saved chart, each once). */
export function orderCharts(db: Database.Database, ids: readonly number[]): ChartSummary[] {
  const known = (db.prepare('SELECT id FROM rw_charts').pluck().all() as number[]).sort((a, b) => a - b);
  if (ids.length !== known.length || [...ids].sort((a, b) => a - b).some((id, i) => id !== known[i])) throw new RootwiseError('error.chart.order', {});
  db.transaction(() => {
    const update = db.prepare('UPDATE rw_charts SET position = ? WHERE id = ?');
    ids.forEach((id, position) => update.run(position, id));
  })();
  return listCharts(db);
}
