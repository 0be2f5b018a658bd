import type Database from 'better-sqlite3';

/** 'RWwb': marks a SQLite file as a Rootwise workbench (PRAGMA application_id). */
export const WORKBENCH_APPLICATION_ID = 0x52577762;

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/**
 * Numbered schema migrations. Never edit a released migration: add the next number.
 * App-owned tables are prefixed `rw_`; imported tables keep user names, which may not start with
 * `rw_` or `sqlite_`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'workbench metadata and the catalogue of imported tables',
    sql: `
      CREATE TABLE rw_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE rw_tables (
        name TEXT PRIMARY KEY,
        label_en TEXT NOT NULL,
        label_zh TEXT NOT NULL,
        source_file TEXT,
        imported_at TEXT,
        row_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE rw_columns (
        table_name TEXT NOT NULL REFERENCES rw_tables(name) ON DELETE CASCADE ON UPDATE CASCADE,
        ordinal INTEGER NOT NULL,
        name TEXT NOT NULL,
        label_en TEXT NOT NULL,
        label_zh TEXT NOT NULL,
        type TEXT NOT NULL,
        null_count INTEGER NOT NULL DEFAULT 0,
        distinct_count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (table_name, name)
      ) STRICT;
    `,
  },
  {
    version: 2,
    description: 'import history and the rejects of every import',
    sql: `
      CREATE TABLE rw_imports (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL REFERENCES rw_tables(name) ON DELETE CASCADE ON UPDATE CASCADE,
        file TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        rejected_rows INTEGER NOT NULL,
        rejected_values INTEGER NOT NULL,
        report TEXT NOT NULL
      ) STRICT;
      CREATE TABLE rw_rejects (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES rw_imports(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        column_number INTEGER,
        field TEXT,
        raw TEXT NOT NULL,
        reason_key TEXT NOT NULL,
        reason_params TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rw_rejects_by_import ON rw_rejects(import_id, line);
    `,
  },
  {
    version: 3,
    description: 'how each imported column was written in its source (percent, day-first dates, …)',
    sql: `ALTER TABLE rw_columns ADD COLUMN format TEXT NOT NULL DEFAULT '';`,
  },
  {
    version: 4,
    description: 'which rows each import added (rowid ranges, for appended imports), and estimated distinct counts',
    sql: `
      ALTER TABLE rw_imports ADD COLUMN first_rowid INTEGER;
      ALTER TABLE rw_imports ADD COLUMN last_rowid INTEGER;
      ALTER TABLE rw_columns ADD COLUMN distinct_exact INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 5,
    description: 'the semantic model: field roles, relationships, calculated fields, drill paths, calendars, user metrics, model settings',
    sql: `
      CREATE TABLE rw_field_roles (
        table_name TEXT NOT NULL REFERENCES rw_tables(name) ON DELETE CASCADE ON UPDATE CASCADE,
        role TEXT NOT NULL,
        field TEXT,
        confirmed_at TEXT NOT NULL,
        PRIMARY KEY (table_name, role)
      ) STRICT;
      CREATE TABLE rw_relationships (
        id INTEGER PRIMARY KEY,
        from_table TEXT NOT NULL REFERENCES rw_tables(name) ON DELETE CASCADE ON UPDATE CASCADE,
        from_field TEXT NOT NULL,
        to_table TEXT NOT NULL REFERENCES rw_tables(name) ON DELETE CASCADE ON UPDATE CASCADE,
        to_field TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (from_table, from_field, to_table, to_field)
      ) STRICT;
      CREATE TABLE rw_calculated_fields (
        table_name TEXT NOT NULL REFERENCES rw_tables(name) ON DELETE CASCADE ON UPDATE CASCADE,
        name TEXT NOT NULL,
        label_en TEXT NOT NULL,
        label_zh TEXT NOT NULL,
        expression TEXT NOT NULL,
        type TEXT NOT NULL,
        null_count INTEGER NOT NULL DEFAULT 0,
        distinct_count INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (table_name, name)
      ) STRICT;
      CREATE TABLE rw_drill_paths (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL REFERENCES rw_tables(name) ON DELETE CASCADE ON UPDATE CASCADE,
        label_en TEXT NOT NULL,
        label_zh TEXT NOT NULL,
        fields TEXT NOT NULL
      ) STRICT;
      CREATE TABLE rw_calendars (id TEXT PRIMARY KEY, definition TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
      CREATE TABLE rw_metrics (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        definition TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;
      CREATE TABLE rw_model_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    `,
  },
  {
    version: 6,
    description: 'saved charts (the sheets of the Analyze workspace), in the order of their tabs',
    sql: `
      CREATE TABLE rw_charts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        spec TEXT NOT NULL,
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 7,
    description: 'dashboards: tiles of charts on a grid, filters, a KPI header; the Service overview is marked built-in',
    sql: `
      CREATE TABLE rw_dashboards (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        spec TEXT NOT NULL,
        built_in TEXT CHECK (built_in IS NULL OR built_in = 'service-overview') UNIQUE,
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 8,
    description: 'recipes: every saved version of each table’s recipe, the stage tables of the last run, and the runs',
    sql: `
      CREATE TABLE rw_recipes (
        source TEXT NOT NULL,
        version INTEGER NOT NULL,
        spec TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (source, version)
      ) STRICT;
      CREATE TABLE rw_recipe_stages (
        source TEXT NOT NULL,
        segment INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        table_name TEXT NOT NULL UNIQUE,
        row_count INTEGER NOT NULL,
        PRIMARY KEY (source, segment)
      ) STRICT;
      CREATE TABLE rw_recipe_runs (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        recipe_version INTEGER NOT NULL,
        output TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        report TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 9,
    description: 'root-cause boards: the board (one JSON spec), every saved revision of it, and its image attachments',
    sql: `
      CREATE TABLE rw_boards (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        spec TEXT NOT NULL,
        revision INTEGER NOT NULL,
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE rw_board_revisions (
        board_id INTEGER NOT NULL REFERENCES rw_boards(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        spec TEXT NOT NULL,
        summary TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (board_id, revision)
      ) STRICT;
      CREATE TABLE rw_board_attachments (
        id INTEGER PRIMARY KEY,
        board_id INTEGER NOT NULL REFERENCES rw_boards(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        bytes BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rw_board_attachments_by_board ON rw_board_attachments(board_id);
    `,
  },
  {
    version: 10,
    description: 'reports: an ordered list of blocks (one JSON spec), made blank or from a template',
    sql: `
      CREATE TABLE rw_reports (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        spec TEXT NOT NULL,
        template TEXT CHECK (template IS NULL OR template = 'monthly-review'),
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Applies every migration above the file's version up to `target`, in one transaction. */
export function migrate(db: Database.Database, target: number = LATEST_SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) db.exec(migration.sql);
    db.pragma(`application_id = ${WORKBENCH_APPLICATION_ID}`);
    db.pragma(`user_version = ${target}`);
  })();
}
