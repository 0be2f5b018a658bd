import type Database from 'better-sqlite3';

/**
 * A counter in rw_meta that every write to the workbench's data or model raises, in the writer's
 * transaction: query results are cached under it, so a cached answer never outlives its data.
 */
export function workbenchVersion(db: Database.Database): number {
  const row = db.prepare("SELECT value FROM rw_meta WHERE key = 'version'").get() as { value: string } | undefined;
  return row === undefined ? 0 : Number(row.value);
}

/**
 * A counter in rw_meta that only writes of rows raise (a table written, rows appended): figures
 * that depend on the rows alone (key statistics of relationships) are cached under it, so a
 * change of the model does not recompute them.
 */
export function dataVersion(db: Database.Database): number {
  const row = db.prepare("SELECT value FROM rw_meta WHERE key = 'data_version'").get() as { value: string } | undefined;
  return row === undefined ? 0 : Number(row.value);
}

/** Raises both counters: new rows are a change of the workbench too. */
export function bumpDataVersion(db: Database.Database): number {
  const next = dataVersion(db) + 1;
  db.prepare("INSERT INTO rw_meta (key, value) VALUES ('data_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(next));
  bumpWorkbenchVersion(db);
  return next;
}

export function bumpWorkbenchVersion(db: Database.Database): number {
  const next = workbenchVersion(db) + 1;
  db.prepare("INSERT INTO rw_meta (key, value) VALUES ('version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(next));
  return next;
}
