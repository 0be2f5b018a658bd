import { useEffect, useState } from 'react';
import { QUERY_SPEC_VERSION } from '../../../shared/spec/query-spec';
import { resultRows } from '../../api/arrow';
import { api } from '../../api/client';

/** The top values of a field, for the scope picker. */
export function useFieldValues(table: string | undefined, field: string): readonly string[] {
  const [values, setValues] = useState<readonly string[]>([]);
  useEffect(() => {
    if (table === undefined || field === '') {
      setValues([]);
      return;
    }
    let live = true;
    api()
      .query({ spec: { version: QUERY_SPEC_VERSION, table, dimensions: [{ field }], measures: [{ aggregate: 'count' }], filters: [], sort: [{ by: 'count', direction: 'desc' }], limit: 200 } })
      .then((result) => {
        if (live) setValues(resultRows(result).flatMap((row) => (row[field] === null || row[field] === undefined ? [] : [String(row[field])])));
      })
      .catch(() => {
        if (live) setValues([]);
      });
    return () => {
      live = false;
    };
  }, [table, field]);
  return values;
}

