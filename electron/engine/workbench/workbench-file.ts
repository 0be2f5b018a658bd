import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { LATEST_SCHEMA_VERSION, WORKBENCH_APPLICATION_ID, migrate } from './migrations';

export interface OpenedWorkbench {
  readonly db: Database.Database;
  readonly path: string;
  readonly migratedFrom?: { readonly version: number; readonly backupPath: string } | undefined;
}

/**
 * Every connection to a workbench gets the same settings: WAL, explicit synchronous, foreign keys,
 * and sorts and DISTINCT sets kept in memory rather than spilled to temporary files (a recipe's
 * dedupe or a distinct count over a million rows runs about twice as fast; a desktop has the memory).
 */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
}

/** The page size of a new workbench: tables of a million wide rows are written and scanned whole far
 * more than rows are looked up one by one, and 16 KiB pages (against SQLite's 4 KiB) make a 1 M-row
 * import about 15 % faster. A workbench keeps the size it was made with. */
export const WORKBENCH_PAGE_SIZE = 16_384;

/** better-sqlite3's addon is built per runtime; inside Electron it may need a build of its own. */
export interface SqliteOptions {
  readonly nativeBinding?: string | undefined;
}

function connect(file: string, options: SqliteOptions & { fileMustExist?: boolean }): Database.Database {
  return new Database(file, { fileMustExist: options.fileMustExist ?? false, ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }) });
}

export function createWorkbenchFile(filePath: string, createdBy: string, sqlite: SqliteOptions = {}): OpenedWorkbench {
  const resolved = path.resolve(filePath);
  if (fs.existsSync(resolved)) throw new RootwiseError('error.workbench.exists', { file: resolved });
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const db = connect(resolved, sqlite);
  try {
    // set while the file is empty, before WAL, which fixes it
    db.pragma(`page_size = ${WORKBENCH_PAGE_SIZE}`);
    configureConnection(db);
    migrate(db);
    const insert = db.prepare('INSERT INTO rw_meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      insert.run('created_at', new Date().toISOString());
      insert.run('created_by', createdBy);
    })();
  } catch (error) {
    db.close();
    fs.rmSync(resolved, { force: true });
    throw error;
  }
  return { db, path: resolved };
}

function readHeader(db: Database.Database, file: string): { applicationId: number; version: number; tableCount: number } {
  try {
    return {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      version: db.pragma('user_version', { simple: true }) as number,
      tableCount: (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n,
    };
  } catch {
    // better-sqlite3 opens any file lazily; the first read says whether it is SQLite at all
    throw new RootwiseError('error.workbench.notRootwise', { file });
  }
}

/** A free name beside the file for the pre-migration backup: `x.rootwise.v1.bak`, then `.v1-2.bak`… */
function backupPathFor(file: string, version: number): string {
  let candidate = `${file}.v${version}.bak`;
  for (let n = 2; fs.existsSync(candidate); n++) candidate = `${file}.v${version}-${n}.bak`;
  return candidate;
}

/**
 * Opens a workbench. A file from a newer Rootwise is refused; an older one is first copied to a
 * backup beside it (a consistent snapshot via SQLite's backup API), then migrated.
 */
export async function openWorkbenchFile(filePath: string, sqlite: SqliteOptions = {}): Promise<OpenedWorkbench> {
  const resolved = path.resolve(filePath);
  if (!fs.existsSync(resolved)) throw new RootwiseError('error.workbench.notFound', { file: resolved });
  let db: Database.Database;
  try {
    db = connect(resolved, { ...sqlite, fileMustExist: true });
  } catch (error) {
    throw new RootwiseError('error.workbench.corrupt', { file: resolved, detail: error instanceof Error ? error.message : String(error) });
  }
  try {
    const header = readHeader(db, resolved);
    if (header.applicationId !== WORKBENCH_APPLICATION_ID) throw new RootwiseError('error.workbench.notRootwise', { file: resolved });
    if (header.version > LATEST_SCHEMA_VERSION) {
      throw new RootwiseError('error.workbench.tooNew', { file: resolved, fileVersion: header.version, appVersion: LATEST_SCHEMA_VERSION });
    }
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new RootwiseError('error.workbench.corrupt', { file: resolved, detail: check });
    configureConnection(db);
    if (header.version === LATEST_SCHEMA_VERSION) return { db, path: resolved };
    const backupPath = backupPathFor(resolved, header.version);
    await db.backup(backupPath);
    migrate(db);
    return { db, path: resolved, migratedFrom: { version: header.version, backupPath } };
  } catch (error) {
    db.close();
    throw error;
  }
}
