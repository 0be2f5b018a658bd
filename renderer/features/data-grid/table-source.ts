import type { TableSchema } from '../../../shared/api/types';
import { api } from '../../api/client';
import type { GridSource } from './grid-source';

/** The rows of a workbench table, read page by page through the API (sorted and filtered by the engine). */
export function tableSource(schema: TableSchema, revision: number): GridSource {
  const table = schema.table;
  return {
    id: `table:${table}:${revision}`,
    columns: schema.fields.map((f) => ({ name: f.name, label: f.label, type: f.type })),
    readRows: async (view, offset, limit) => {
      const page = await api().readRows({ table, offset, limit, sort: view.sort, filters: view.filters });
      return { rows: page.rows, total: page.total };
    },
    columnStats: (field, filters) => api().columnStats({ table, field, filters }),
    columnValues: (field, filters, search, limit) => api().columnValues({ table, field, filters, search, limit }),
  };
}
