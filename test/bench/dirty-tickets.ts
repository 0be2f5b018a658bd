import type Database from 'better-sqlite3';
import { SeededRandom } from '../../electron/engine/demo/seeded-random';
import { CHANNELS, REGIONS } from '../../electron/engine/demo/demo-vocabulary';
import { createTable, registerTable } from '../../electron/engine/workbench/table-catalog';
import type { ColumnType } from '../../shared/api/types';
import { toFullWidth } from '../../shared/cleaning/text-normalize';
import { generateDistinctValues } from '../support/value-variants';

/**
 * A seeded export as the cleaning benchmark needs it dirty: regions spelled several ways (padded,
 * with 区, full-width), channels in full-width letters, 2 % of tickets exported twice, dates written
 * with slashes as text, phones, an account column of `accounts` distinct values, empty scores.
 */
export const DIRTY_COLUMNS: readonly { readonly name: string; readonly type: ColumnType }[] = [
  { name: 'ticket_id', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'channel', type: 'text' },
  { name: 'account', type: 'text' },
  { name: 'phone', type: 'text' },
  { name: 'created', type: 'text' },
  { name: 'csat', type: 'integer' },
  { name: 'handle_minutes', type: 'real' },
];

const pad = (n: number): string => String(n).padStart(2, '0');

export function writeDirtyTickets(db: Database.Database, table: string, rows: number, seed: number, accounts: number): void {
  const random = new SeededRandom(seed);
  const names = generateDistinctValues(seed, accounts).map((v) => v.value);
  const columns = DIRTY_COLUMNS.map((c) => ({ ...c, label: { en: c.name, 'zh-CN': c.name } }));
  createTable(db, table, columns);
  const insert = db.prepare(`INSERT INTO "${table}" VALUES (${columns.map(() => '?').join(', ')})`);
  db.transaction(() => {
    let ticket = 0;
    for (let i = 0; i < rows; i++) {
      // a ticket exported twice keeps the id of the one before
      if (!(i > 0 && random.chance(0.02))) ticket++;
      const region = REGIONS[random.below(REGIONS.length)]!;
      const spelled = random.chance(0.1) ? `${region}区` : random.chance(0.05) ? ` ${region} ` : region;
      const channel = CHANNELS[random.below(CHANNELS.length)]!;
      const day = 1 + random.below(28);
      insert.run(
        `TK${String(ticket).padStart(8, '0')}`,
        spelled,
        random.chance(0.2) ? toFullWidth(channel) : channel,
        names[random.below(names.length)]!,
        `1${3 + random.below(7)}${String(random.below(1e9)).padStart(9, '0')}`,
        `2024/${1 + random.below(12)}/${day} ${pad(random.below(24))}:${pad(random.below(60))}`,
        random.chance(0.3) ? null : 1 + random.below(5),
        Math.round(random.logNormal(12, 0.6) * 10) / 10,
      );
    }
  })();
  registerTable(db, { name: table, label: { en: 'Dirty tickets', 'zh-CN': '待清洗工单' }, columns, sourceFile: 'bench' }, rows);
}
