import type Database from 'better-sqlite3';
import type { JobProgress } from '../../../shared/api/types';
import type { SlaPolicy } from '../../../shared/metrics/sla-policy';
import { setSlaPolicy } from '../metrics/workbench-metrics';
import { writeTable } from '../workbench/table-catalog';
import type { DemoOptions } from './demo-dataset';
import { generateDemoDataset } from './generate-demo';

/** The demo's service-level targets, in calendar minutes, by priority (the team's published promise). */
export const DEMO_SLA_POLICY: SlaPolicy = {
  businessHours: false,
  targets: [
    { priority: 'P1', firstResponseMinutes: 30, resolutionMinutes: 8 * 60 },
    { priority: 'P2', firstResponseMinutes: 60, resolutionMinutes: 24 * 60 },
    { priority: 'P3', firstResponseMinutes: 120, resolutionMinutes: 48 * 60 },
    { priority: 'P4', firstResponseMinutes: 240, resolutionMinutes: 96 * 60 },
  ],
};

/** Writes every demo table in one transaction and records the options it was made with. */
export function writeDemoDataset(
  db: Database.Database,
  options: DemoOptions,
  onProgress: (phase: JobProgress['phase'], done: number, total: number) => void,
  checkCancelled: () => void,
): { tables: number; rows: number } {
  const tables = generateDemoDataset(options);
  const total = tables.reduce((sum, t) => sum + t.rowCount, 0);
  let before = 0;
  db.transaction(() => {
    for (const table of tables) {
      const { rowCount } = writeTable(db, {
        name: table.name,
        label: table.label,
        columns: table.columns,
        sourceFile: null,
        rows: table.rows(),
        onRows: (written) => {
          onProgress('writing', before + written, total);
          checkCancelled();
        },
      });
      before += rowCount;
    }
    setSlaPolicy(db, DEMO_SLA_POLICY);
    db.prepare("INSERT OR REPLACE INTO rw_meta (key, value) VALUES ('demo', ?)").run(JSON.stringify(options));
  })();
  return { tables: tables.length, rows: before };
}
