import { useEffect, useState } from 'react';
import type { ApiCallError } from '../../../shared/errors/rootwise-error';
import { QUERY_SPEC_VERSION } from '../../../shared/spec/query-spec';
import { resultRows } from '../../../shared/query/result-rows';
import { api } from '../../api/client';
import { asApiCallError } from '../../state/workbench-store';

export type Loaded<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'loading' }
  | { readonly state: 'done'; readonly value: T }
  | { readonly state: 'failed'; readonly error: ApiCallError };

/**
 * A value read from the engine for `key` (null: nothing to read). The answer is kept with the key it
 * answers, so a newer key reads as loading until its own answer comes, and a late answer to an
 * older key is dropped.
 */
export function useEngineValue<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [answer, setAnswer] = useState<{ readonly key: string; readonly loaded: Loaded<T> } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load()
      .then((value) => {
        if (live) setAnswer({ key, loaded: { state: 'done', value } });
      })
      .catch((error: unknown) => {
        if (live) setAnswer({ key, loaded: { state: 'failed', error: asApiCallError(error) } });
      });
    return () => {
      live = false;
    };
    // the key names everything `load` reads
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (key === null) return { state: 'idle' };
  return answer?.key === key ? answer.loaded : { state: 'loading' };
}

const NO_VALUES: readonly string[] = [];

/** The top 200 values of a field by count, for scope and segment pickers. */
export function useFieldValues(table: string | undefined, field: string): readonly string[] {
  const loaded = useEngineValue(table === undefined || field === '' ? null : JSON.stringify([table, field]), async () => {
    const result = await api().query({
      spec: { version: QUERY_SPEC_VERSION, table: table!, dimensions: [{ field }], measures: [{ aggregate: 'count' }], filters: [], sort: [{ by: 'count', direction: 'desc' }], limit: 200 },
    });
    return resultRows(result).flatMap((row) => (row[field] === null || row[field] === undefined ? [] : [String(row[field])]));
  });
  return loaded.state === 'done' ? loaded.value : NO_VALUES;
}
