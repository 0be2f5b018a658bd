import { create } from 'zustand';
import type { TableSchema, TableSummary, WorkbenchInfo } from '../../shared/api/types';
import type { MetricDefinition } from '../../shared/metrics/metric-definition';
import type { DrillPath, SemanticModel } from '../../shared/model/semantic-model';
import { ApiCallError } from '../../shared/errors/rootwise-error';
import { format } from '../../shared/i18n/messages';
import { api } from '../api/client';

/** One empty list, so store selectors answer the same value while nothing changes. */
const NO_PATHS: readonly DrillPath[] = [];

/** A table's drill paths (region → city) as the model holds them, for drilling a chart from one field to the next. */
export function drillPathsOf(model: SemanticModel | null, table: string | undefined): readonly DrillPath[] {
  return (table === undefined ? undefined : model?.tables.find((t) => t.table === table)?.drillPaths) ?? NO_PATHS;
}

interface WorkbenchStore {
  readonly status: 'loading' | 'ready' | 'error';
  readonly info: WorkbenchInfo | null;
  readonly tables: readonly TableSummary[];
  readonly schemas: Readonly<Record<string, TableSchema>>;
  /** Per table: the catalogue metrics its roles allow (the field panel's Metrics group). */
  readonly metrics: Readonly<Record<string, readonly MetricDefinition[]>>;
  /** Roles, relationships and drill paths of every table (the Model view draws them). */
  readonly model: SemanticModel | null;
  readonly error: ApiCallError | null;
  /** Goes up with every successful refresh, so queries rerun when the data may have changed. */
  readonly revision: number;
  /** Reads the workbench, its tables, their schemas and the model again (after an import, a file switch or a model change). */
  readonly refresh: () => Promise<void>;
}

let generation = 0;

/** Errors that did not come through the API (a dropped connection) still get a bilingual message. */
export function asApiCallError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiCallError({
    key: 'error.internal',
    params: { detail },
    message: { en: format('en', 'error.internal', { detail }), 'zh-CN': format('zh-CN', 'error.internal', { detail }) },
  });
}

export const useWorkbenchStore = create<WorkbenchStore>()((set, get) => ({
  status: 'loading',
  revision: 0,
  info: null,
  tables: [],
  schemas: {},
  metrics: {},
  model: null,
  error: null,
  async refresh() {
    const mine = ++generation;
    try {
      const client = api();
      const info = await client.getWorkbenchInfo({});
      const tables = info === null ? [] : await client.listTables({});
      const schemaList = await Promise.all(tables.map((t) => client.getTableSchema({ table: t.name })));
      const metricLists = await Promise.all(tables.map((t) => client.tableMetrics({ table: t.name })));
      const model = info === null ? null : await client.getModel({});
      if (mine !== generation) return;
      set({
        status: 'ready',
        info,
        tables,
        schemas: Object.fromEntries(schemaList.map((s) => [s.table, s])),
        metrics: Object.fromEntries(tables.map((t, i) => [t.name, metricLists[i]!.available])),
        model,
        error: null,
        revision: get().revision + 1,
      });
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'error', error: asApiCallError(error) });
    }
  },
}));
