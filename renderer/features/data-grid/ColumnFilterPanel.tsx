import { useEffect, useState } from 'react';
import type { CellValue } from '../../../shared/api/types';
import type { FilterSpec } from '../../../shared/spec/query-spec';
import { useT } from '../../i18n/locale-context';
import { asApiCallError } from '../../state/workbench-store';
import { cellText } from './cell-text';
import type { ColumnFilter } from './grid-filters';
import { NUMERIC_TYPES, TEMPORAL_TYPES, type ColumnValues, type GridColumn, type GridSource } from './grid-source';
import '../shelves/filter-picker.css';

const VALUE_LIMIT = 500;
const SEARCH_DELAY_MS = 200;

type Loaded = { readonly key: string } & ({ readonly status: 'ready'; readonly data: ColumnValues } | { readonly status: 'error'; readonly message: string });

function Footer(props: { readonly valid: boolean; readonly note?: string | undefined; readonly onApply: () => void; readonly onCancel: () => void }) {
  const { t } = useT();
  return (
    <div className="picker-footer">
      {props.note === undefined ? <span /> : <span className="picker-note num">{props.note}</span>}
      <button type="button" className="btn" onClick={props.onCancel}>
        {t('filter.cancel')}
      </button>
      <button type="button" className="btn btn-primary" disabled={!props.valid} onClick={props.onApply} data-testid="grid-filter-apply">
        {t('filter.apply')}
      </button>
    </div>
  );
}

/** A text column's values with their counts (under the other filters), searchable, to tick. */
function ValueFilter(props: {
  readonly source: GridSource;
  readonly column: GridColumn;
  readonly others: readonly FilterSpec[];
  readonly current: ColumnFilter | undefined;
  readonly onApply: (filter: ColumnFilter | undefined) => void;
  readonly onCancel: () => void;
}) {
  const { t, locale, number, label } = useT();
  const { source, column, others } = props;
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<Loaded | undefined>(undefined);
  const [chosen, setChosen] = useState<readonly CellValue[]>(props.current?.kind === 'values' ? props.current.values : []);
  const key = JSON.stringify([source.id, column.name, others, query]);

  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(search), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let live = true;
    const [, field, filters, search] = JSON.parse(key) as [string, string, FilterSpec[], string];
    source.columnValues(field, filters, search, VALUE_LIMIT).then(
      (data) => live && setAnswer({ key, status: 'ready', data }),
      (error: unknown) => live && setAnswer({ key, status: 'error', message: asApiCallError(error).messageFor(locale) }),
    );
    return () => {
      live = false;
    };
  }, [source, key, locale]);
  const loaded = answer?.key === key ? answer : { status: 'loading' as const };

  const selected = new Set(chosen);
  const toggle = (value: CellValue) => setChosen(selected.has(value) ? chosen.filter((v) => v !== value) : [...chosen, value]);
  const values = loaded.status === 'ready' ? loaded.data.values : [];

  return (
    <div className="picker" data-testid="grid-value-filter">
      <div className="picker-title">{t('filter.title', { field: label(column.label) })}</div>
      <input className="input picker-search" type="search" placeholder={t('filter.search')} aria-label={t('filter.search')} value={search} onChange={(e) => setSearch(e.target.value)} data-autofocus />
      <div className="picker-bulk">
        <button type="button" className="link-btn" onClick={() => setChosen([...new Set([...chosen, ...values.map((v) => v.value)])])}>
          {t('grid.filter.allShown')}
        </button>
        <button type="button" className="link-btn" onClick={() => setChosen([])}>
          {t('filter.none')}
        </button>
      </div>
      <div className="picker-values" role="group" aria-label={label(column.label)}>
        {loaded.status === 'loading' && <p className="picker-note">{t('filter.loading')}</p>}
        {loaded.status === 'error' && <p className="picker-error">{loaded.message}</p>}
        {loaded.status === 'ready' && values.length === 0 && <p className="picker-note">{t('grid.filter.noValues')}</p>}
        {values.map((v) => (
          <label key={String(v.value)} className="picker-value">
            <input type="checkbox" checked={selected.has(v.value)} onChange={() => toggle(v.value)} />
            <span className="picker-value-text">{cellText(v.value, number)}</span>
            <span className="picker-value-count num">{number(v.count, 0)}</span>
          </label>
        ))}
      </div>
      {loaded.status === 'ready' && loaded.data.distinct > values.length && <p className="picker-note">{t('grid.filter.more', { shown: values.length, total: loaded.data.distinct })}</p>}
      <Footer
        valid={chosen.length > 0 || props.current !== undefined}
        note={t('grid.filter.chosen', { count: chosen.length })}
        onApply={() => props.onApply(chosen.length === 0 ? undefined : { field: column.name, kind: 'values', values: chosen })}
        onCancel={props.onCancel}
      />
    </div>
  );
}

/** A number or date column's range, either end open. */
function RangeFilter(props: { readonly column: GridColumn; readonly current: ColumnFilter | undefined; readonly onApply: (filter: ColumnFilter | undefined) => void; readonly onCancel: () => void }) {
  const { t, label } = useT();
  const { column } = props;
  const temporal = TEMPORAL_TYPES.has(column.type);
  const initial = props.current?.kind === 'range' ? props.current : undefined;
  const [from, setFrom] = useState(initial?.from === null || initial === undefined ? '' : String(initial.from));
  const [to, setTo] = useState(initial?.to === null || initial === undefined ? '' : String(initial.to));
  const read = (text: string): number | string | null | undefined => {
    const trimmed = text.trim();
    if (trimmed === '') return null;
    if (temporal) return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? trimmed : undefined;
    const value = Number(trimmed.replace(/[,\s]/g, ''));
    return Number.isFinite(value) ? value : undefined;
  };
  const low = read(from);
  const high = read(to);
  const valid = low !== undefined && high !== undefined && !(low !== null && high !== null && low > high);
  const apply = () => {
    if (low === undefined || high === undefined) return;
    props.onApply(low === null && high === null ? undefined : { field: column.name, kind: 'range', from: low, to: high });
  };
  return (
    <form
      className="picker"
      data-testid="grid-range-filter"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) apply();
      }}
    >
      <div className="picker-title">{t(temporal ? 'filter.rangeTitle' : 'grid.filter.numberRange', { field: label(column.label) })}</div>
      <div className="picker-range">
        <label>
          {t('filter.from')}
          <input className="input num" type={temporal ? 'date' : 'text'} inputMode={temporal ? undefined : 'decimal'} value={from} onChange={(e) => setFrom(e.target.value)} data-autofocus data-testid="grid-range-from" />
        </label>
        <label>
          {t('filter.to')}
          <input className="input num" type={temporal ? 'date' : 'text'} inputMode={temporal ? undefined : 'decimal'} value={to} onChange={(e) => setTo(e.target.value)} data-testid="grid-range-to" />
        </label>
      </div>
      {!valid && <p className="picker-error">{t('grid.filter.badRange')}</p>}
      <Footer valid={valid} note={t('grid.filter.rangeNote')} onApply={apply} onCancel={props.onCancel} />
    </form>
  );
}

/** The filter of one column: a value list for text, a range for numbers and dates. */
export function ColumnFilterPanel(props: {
  readonly source: GridSource;
  readonly column: GridColumn;
  readonly others: readonly FilterSpec[];
  readonly current: ColumnFilter | undefined;
  readonly onApply: (filter: ColumnFilter | undefined) => void;
  readonly onCancel: () => void;
}) {
  const ranged = TEMPORAL_TYPES.has(props.column.type) || (NUMERIC_TYPES.has(props.column.type) && props.column.type !== 'boolean');
  return ranged ? <RangeFilter column={props.column} current={props.current} onApply={props.onApply} onCancel={props.onCancel} /> : <ValueFilter {...props} />;
}
