import type Database from 'better-sqlite3';
import type { JobProgress } from '../../../shared/api/types';
import { writeTable } from '../workbench/table-catalog';
import type { DemoOptions } from './demo-dataset';
import { generateDemoDataset } from './generate-demo';

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
    db.prepare("INSERT OR REPLACE INTO rw_meta (key, value) VALUES ('demo', ?)").run(JSON.stringify(options));
  })();
  return { tables: tables.length, rows: before };
}
