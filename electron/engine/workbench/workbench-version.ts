import type Database from 'better-sqlite3';

/**
 * A counter in rw_meta that every write to the workbench's data or model raises, in the writer's
 * transaction: query results are cached under it, so a cached answer never outlives its data.
 */
export function workbenchVersion(db: Database.Database): number {
  const row = db.prepare("SELECT value FROM rw_meta WHERE key = 'version'").get() as { value: string } | undefined;
  return row === undefined ? 0 : Number(row.value);
}

export function bumpWorkbenchVersion(db: Database.Database): number {
  const next = workbenchVersion(db) + 1;
  db.prepare("INSERT INTO rw_meta (key, value) VALUES ('version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(next));
  return next;
}
