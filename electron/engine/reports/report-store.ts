import type Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import type { ReportBlock, ReportSpec, ReportSummary, SavedReport } from '../../../shared/spec/report-spec';

interface ReportRow {
  id: number;
  name: string;
  spec: string;
  template: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, name, spec, template, created_at, updated_at';

function toReport(row: ReportRow): SavedReport {
  return {
    id: row.id,
    name: row.name,
    spec: JSON.parse(row.spec) as ReportSpec,
    template: row.template === 'monthly-review' ? 'monthly-review' : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The reports in the order of their position (the order they were made). */
export function listReports(db: Database.Database): ReportSummary[] {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM rw_reports ORDER BY position, id`).all() as ReportRow[];
  return rows.map((row) => {
    const { spec, ...report } = toReport(row);
    return { ...report, blocks: spec.blocks.length };
  });
}

export function getReport(db: Database.Database, id: number): SavedReport {
  const row = db.prepare(`SELECT ${COLUMNS} FROM rw_reports WHERE id = ?`).get(id) as ReportRow | undefined;
  if (row === undefined) throw new RootwiseError('error.report.notFound', { id });
  return toReport(row);
}

/** What saving a report takes: without `id` a new report, else that one (its template stays what it was made from). */
export interface ReportSave {
  readonly id?: number | undefined;
  readonly name: string;
  readonly spec: ReportSpec;
  readonly template?: 'monthly-review' | null | undefined;
}

/** The saved document a block points at, if any: which table holds it and which message says it is gone. */
function blockReference(block: ReportBlock): { readonly table: string; readonly id: number; readonly missing: 'error.report.chartMissing' | 'error.report.dashboardMissing' | 'error.report.boardMissing' } | undefined {
  switch (block.kind) {
    case 'chart':
      return 'chartId' in block.chart ? { table: 'rw_charts', id: block.chart.chartId, missing: 'error.report.chartMissing' } : undefined;
    case 'dashboard':
      return { table: 'rw_dashboards', id: block.dashboardId, missing: 'error.report.dashboardMissing' };
    case 'board':
    case 'explainer':
      return { table: 'rw_boards', id: block.boardId, missing: 'error.report.boardMissing' };
    case 'actions':
      return block.boardId === null ? undefined : { table: 'rw_boards', id: block.boardId, missing: 'error.report.boardMissing' };
    default:
      return undefined;
  }
}

/**
 * Checks a report before it is saved: every block id is unique, and every chart, dashboard and
 * board a block names is in the workbench (the error names the block, so the editor can show it).
 */
export function checkReportSpec(db: Database.Database, spec: ReportSpec): void {
  const ids = new Set<string>();
  for (const block of spec.blocks) {
    if (ids.has(block.id)) throw new RootwiseError('error.report.duplicateBlock', { block: block.id });
    ids.add(block.id);
    const reference = blockReference(block);
    if (reference !== undefined && db.prepare(`SELECT 1 FROM ${reference.table} WHERE id = ?`).get(reference.id) === undefined) {
      throw new RootwiseError(reference.missing, { block: block.id, id: reference.id });
    }
  }
}

/** Saves a report: a new one (at the end of the list) without `id`, else that one; the spec is checked first. */
export function saveReport(db: Database.Database, save: ReportSave): SavedReport {
  const now = new Date().toISOString();
  const spec = JSON.stringify(save.spec);
  return db.transaction(() => {
    checkReportSpec(db, save.spec);
    if (save.id === undefined) {
      const position = (db.prepare('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM rw_reports').get() as { p: number }).p;
      const id = Number(
        db
          .prepare('INSERT INTO rw_reports (name, spec, template, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(save.name, spec, save.template ?? null, position, now, now).lastInsertRowid,
      );
      return getReport(db, id);
    }
    const changed = db.prepare('UPDATE rw_reports SET name = ?, spec = ?, updated_at = ? WHERE id = ?').run(save.name, spec, now, save.id);
    if (changed.changes === 0) throw new RootwiseError('error.report.notFound', { id: save.id });
    return getReport(db, save.id);
  })();
}

export function deleteReport(db: Database.Database, id: number): void {
  if (db.prepare('DELETE FROM rw_reports WHERE id = ?').run(id).changes === 0) throw new RootwiseError('error.report.notFound', { id });
}
