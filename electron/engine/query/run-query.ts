import { performance } from 'node:perf_hooks';
import { Float64, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type Database from 'better-sqlite3';
import type { CellValue, QueryResult } from '../../../shared/api/types';
import { assembleRows, compileQuery, completeRowStatistics, type CompiledQuery } from '../../../shared/query/compile-query';
import type { QuerySpec } from '../../../shared/spec/query-spec';
import { appliedRoles, tableModel } from '../model/semantic-model';
import { workbenchMetric } from '../metrics/workbench-metrics';
import type { ColumnStore } from './column-store';
import { queryFields } from '../model/calculated-fields';
import { pauseSourceFor } from '../model/pause-rule';
import { customerSourceFor } from '../model/customer-source';

const NUMERIC = new Set(['integer', 'real', 'boolean']);

export function compileForWorkbench(db: Database.Database, spec: QuerySpec): CompiledQuery {
  const schema = queryFields(db, spec.table);
  return compileQuery(spec, { ...schema, roles: appliedRoles(tableModel(db, schema.table)), metric: (id, version) => workbenchMetric(db, id, version), pauses: pauseSourceFor(db, schema.table),
    customers: customerSourceFor(db, schema.table),
  });
}

/** The rows of a compiled query as its SQL gives them: from the column store when it can answer, else from SQLite. */
export function sqlRows(db: Database.Database, compiled: CompiledQuery, columns?: { readonly store: ColumnStore; readonly version: number }): CellValue[][] {
  if (columns !== undefined && columns.store.answers(compiled.tree, columns.version)) return columns.store.run(compiled.tree, columns.version);
  return db.prepare(compiled.sql).raw(true).all(...compiled.params) as CellValue[][];
}

/** Runs a spec against the workbench and returns the rows as Arrow IPC bytes. */
export function runQuery(db: Database.Database, spec: QuerySpec, columns?: { readonly store: ColumnStore; readonly version: number }): QueryResult {
  const started = performance.now();
  const compiled = compileForWorkbench(db, spec);
  const rows = assembleRows(compiled, sqlRows(db, compiled, columns));
  const truncated = rows.length > compiled.limit;
  if (truncated) rows.length = compiled.limit;
  completeRowStatistics(compiled, rows);

  const vectors: Record<string, Vector> = {};
  compiled.columns.forEach((column, i) => {
    if (NUMERIC.has(column.type)) {
      vectors[column.name] = vectorFromArray(
        rows.map((r) => (r[i] === null || r[i] === undefined ? null : Number(r[i]))),
        new Float64(),
      );
    } else {
      vectors[column.name] = vectorFromArray(
        rows.map((r) => (r[i] === null || r[i] === undefined ? null : String(r[i]))),
        new Utf8(),
      );
    }
  });
  const arrow = tableToIPC(new Table(vectors), 'stream');
  return { arrow, columns: compiled.columns, rowCount: rows.length, truncated, elapsedMs: Math.round((performance.now() - started) * 10) / 10 };
}
