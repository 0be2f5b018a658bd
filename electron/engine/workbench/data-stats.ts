import type Database from 'better-sqlite3';
import { dataVersion } from './workbench-version';

/**
 * Figures that depend on the rows alone (key statistics of relationships, the statuses of an
 * events table) are counted once per data version (at 1 M rows that takes seconds) and kept in
 * memory and in the workbench (rw_meta), so neither a change of roles or relationships nor
 * opening the file again counts them anew.
 */
const statsCache = new WeakMap<Database.Database, { version: number; stats: Map<string, unknown> }>();

export function cachedDataStats<T>(db: Database.Database, key: string, compute: () => T): T {
  const version = dataVersion(db);
  let entry = statsCache.get(db);
  if (entry?.version !== version) {
    entry = { version, stats: new Map() };
    statsCache.set(db, entry);
  }
  if (entry.stats.has(key)) return entry.stats.get(key) as T;
  const metaKey = `stats:${key}`;
  const stored = db.prepare('SELECT value FROM rw_meta WHERE key = ?').get(metaKey) as { value: string } | undefined;
  const kept = stored === undefined ? undefined : (JSON.parse(stored.value) as { version: number; value: T });
  let value: T;
  if (kept?.version === version) value = kept.value;
  else {
    value = compute();
    // a read-only connection (the query thread) counts again next time instead
    if (!db.readonly) db.prepare('INSERT INTO rw_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(metaKey, JSON.stringify({ version, value }));
  }
  entry.stats.set(key, value);
  return value;
}

