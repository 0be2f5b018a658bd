import { useEffect, useState } from 'react';
import type { QueryResult } from '../../../shared/api/types';
import type { ApiCallError } from '../../../shared/errors/rootwise-error';
import type { QuerySpec } from '../../../shared/spec/query-spec';
import { resultRows, type ResultRow } from '../../../shared/query/result-rows';
import { api } from '../../api/client';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';

export type ChartAnswer =
  | { readonly key: string; readonly ok: true; readonly result: QueryResult; readonly rows: readonly ResultRow[] }
  | { readonly key: string; readonly ok: false; readonly error: ApiCallError };

export interface ChartQuery {
  /** The newest answer, possibly for an older spec while the current one computes. */
  readonly answer: ChartAnswer | undefined;
  readonly pending: boolean;
}

/** Runs the chart's query whenever the spec (or the workbench's data) changes; late answers to older specs are dropped. */
export function useChartQuery(spec: QuerySpec | undefined): ChartQuery {
  const revision = useWorkbenchStore((s) => s.revision);
  const key = spec === undefined ? undefined : `${revision}|${JSON.stringify(spec)}`;
  const [answer, setAnswer] = useState<ChartAnswer | undefined>(undefined);

  useEffect(() => {
    if (key === undefined) return;
    let live = true;
    const request = JSON.parse(key.slice(key.indexOf('|') + 1)) as QuerySpec;
    api()
      .query({ spec: request })
      .then(
        (result) => {
          if (live) setAnswer({ key, ok: true, result, rows: resultRows(result) });
        },
        (error: unknown) => {
          if (live) setAnswer({ key, ok: false, error: asApiCallError(error) });
        },
      );
    return () => {
      live = false;
    };
  }, [key]);

  return { answer: key === undefined ? undefined : answer, pending: key !== undefined && answer?.key !== key };
}
