import { Fragment, useEffect, useState, type ReactNode } from 'react';
import type { RejectRecord, TableSchema } from '../../../shared/api/types';
import type { ApiCallError } from '../../../shared/errors/rootwise-error';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { exportRejects } from '../import/export-rejects';
import { tabPanelProps } from './DataViewTabs';
import { PreviewHeader } from './PreviewHeader';
import { RAW_TITLE_CHARS, REJECTS_PAGE_SIZE, RETURN_SYMBOL, clipText, fileBaseName, pageRange, rawCellLines } from './reject-display';

interface RejectsPage {
  readonly offset: number;
  readonly total: number;
  readonly rejects: readonly RejectRecord[];
}

/** Raw text on one line, each line break drawn as a faint ⏎ so it cannot pass for a character of the data. */
function RawText({ raw }: { readonly raw: string }) {
  const { lines, clipped } = rawCellLines(raw);
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="reject-raw-break">{RETURN_SYMBOL}</span>}
          {line}
        </Fragment>
      ))}
      {clipped && <span className="reject-raw-break">…</span>}
    </>
  );
}

type Loaded = { readonly key: string; readonly page: RejectsPage } | { readonly key: string; readonly error: ApiCallError };

/** The rows and values that the imports into a table rejected, page by page, as the file had them. */
export function RejectsTable(props: { readonly schema: TableSchema; readonly tabs?: ReactNode; readonly tabId?: string }) {
  const { schema } = props;
  const { t, label, locale, number } = useT();
  const revision = useWorkbenchStore((s) => s.revision);
  const [offset, setOffset] = useState(0);
  const key = `${revision}|${schema.table}|${offset}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api()
      .listRejects({ table: schema.table, offset, limit: REJECTS_PAGE_SIZE })
      .then(
        ({ total, rejects }) => {
          if (live) setLoaded({ key, page: { offset, total, rejects } });
        },
        (error: unknown) => {
          if (live) setLoaded({ key, error: asApiCallError(error) });
        },
      );
    return () => {
      live = false;
    };
  }, [key, schema.table, offset]);

  // while the next page loads, the last one stays in place rather than flashing "Loading…"
  const page = loaded !== undefined && 'page' in loaded ? loaded.page : undefined;
  const error = loaded?.key === key && 'error' in loaded ? loaded.error : undefined;
  const busy = loaded?.key !== key;
  const fields = new Map(schema.fields.map((f) => [f.name, f]));
  const range = page === undefined ? undefined : pageRange(page.offset, page.rejects.length, page.total);

  const rawTitle = (raw: string): string => {
    const clipped = clipText(raw, RAW_TITLE_CHARS);
    return clipped.omitted === 0 ? raw : `${clipped.text}\n${t('data.rejects.moreChars', { count: clipped.omitted })}`;
  };

  const pager = page !== undefined && range !== undefined && (
    <div className="rejects-pager">
      <span className="preview-caption num" data-testid="rejects-range">
        {t('data.rejects.range', { from: range.from, to: range.to, total: page.total })}
      </span>
      {(range.hasPrevious || range.hasNext) && (
        <>
          <button
            type="button"
            className="icon-btn"
            disabled={!range.hasPrevious || busy}
            onClick={() => setOffset(Math.max(0, page.offset - REJECTS_PAGE_SIZE))}
            aria-label={t('data.rejects.previous', { count: REJECTS_PAGE_SIZE })}
            title={t('data.rejects.previous', { count: REJECTS_PAGE_SIZE })}
          >
            <Icon name="chevronLeft" />
          </button>
          <button
            type="button"
            className="icon-btn"
            disabled={!range.hasNext || busy}
            onClick={() => setOffset(page.offset + REJECTS_PAGE_SIZE)}
            aria-label={t('data.rejects.next', { count: REJECTS_PAGE_SIZE })}
            title={t('data.rejects.next', { count: REJECTS_PAGE_SIZE })}
          >
            <Icon name="chevronRight" />
          </button>
        </>
      )}
      <button type="button" className="btn btn-quiet" data-testid="rejects-export" onClick={() => void exportRejects({ table: schema.table }, schema.table, locale)}>
        {t('data.rejects.export')}
      </button>
    </div>
  );

  return (
    <section className="preview" aria-label={t('data.view.rejects')}>
      <PreviewHeader schema={schema} tabs={props.tabs} aside={pager} />
      <div className="preview-scroll" {...tabPanelProps(props.tabId)} aria-busy={busy}>
        <p className="rejects-note">{t('data.rejects.note')}</p>
        {page === undefined && error === undefined && <p className="panel-note">{t('data.loading')}</p>}
        {error !== undefined && (
          <div className="preview-error" role="alert">
            <Icon name="alert" />
            {error.messageFor(locale)}
          </div>
        )}
        {page !== undefined && (
          <table className="grid rejects-grid selectable" data-testid="rejects-table">
            <thead>
              <tr>
                <th scope="col">{t('data.rejects.file')}</th>
                <th scope="col" className="num cell-number">
                  {t('data.rejects.line')}
                </th>
                <th scope="col">{t('data.rejects.column')}</th>
                <th scope="col">{t('data.rejects.raw')}</th>
                <th scope="col">{t('data.rejects.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rejects.map((reject, i) => {
                const field = reject.field === null ? undefined : fields.get(reject.field);
                return (
                  <tr key={page.offset + i} data-testid={`reject-row-${page.offset + i}`}>
                    <td className="reject-file" title={reject.file}>
                      {fileBaseName(reject.file)}
                    </td>
                    <td className="num cell-number" data-testid="reject-line">
                      {reject.line}
                    </td>
                    <td className="reject-column" title={reject.field ?? undefined} data-testid="reject-column">
                      {reject.column === null ? (
                        <span className="reject-whole-row">{t('data.rejects.wholeRow')}</span>
                      ) : (
                        <>
                          <span className="num">{number(reject.column, 0)}</span> · {field === undefined ? (reject.field ?? '') : label(field.label)}
                        </>
                      )}
                    </td>
                    <td className="reject-raw" title={rawTitle(reject.raw)} data-testid="reject-raw">
                      {reject.raw === '' ? <span className="cell-null">{t('data.rejects.emptyRaw')}</span> : <RawText raw={reject.raw} />}
                    </td>
                    <td className="reject-reason" data-testid="reject-reason">
                      {reject.reason[locale]}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
