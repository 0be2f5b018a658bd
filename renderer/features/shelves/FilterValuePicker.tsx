import { useEffect, useMemo, useState, type RefObject } from 'react';
import { ApiCallError } from '../../../shared/errors/rootwise-error';
import { QUERY_SPEC_VERSION, type QuerySpec, type ScalarValue } from '../../../shared/spec/query-spec';
import { resultRows } from '../../../shared/query/result-rows';
import { api } from '../../api/client';
import { useT } from '../../i18n/locale-context';
import type { Pill, PillFilter } from '../../../shared/chart/sheet-state';
import { Popover } from '../../ui/Popover';
import { valueText } from '../../../shared/chart/pill-text';
import './filter-picker.css';

const VALUE_LIMIT = 1000;

interface ValueCount {
  readonly value: ScalarValue;
  readonly count: number;
}

type Loaded<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly data: T } | { readonly status: 'error'; readonly error: ApiCallError | Error };

function useQueryOnce<T>(spec: QuerySpec, read: (rows: ReturnType<typeof resultRows>, truncated: boolean) => T): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const key = JSON.stringify(spec);
  useEffect(() => {
    let live = true;
    api()
      .query({ spec: JSON.parse(key) as QuerySpec })
      .then((result) => {
        if (live) setState({ status: 'ready', data: read(resultRows(result), result.truncated) });
      })
      .catch((error: unknown) => {
        if (live) setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      });
    return () => {
      live = false;
    };
    // `read` is a pure decoder chosen by the caller; the spec alone decides when to fetch
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

/** Cancel and Apply under a picker; Apply closes it once the filter is set. */
function PickerFooter(props: { readonly valid: boolean; readonly onApply: () => void; readonly onClose: () => void; readonly note?: string | undefined }) {
  const { t } = useT();
  return (
    <div className="picker-footer">
      {props.note === undefined ? <span /> : <span className="picker-note num">{props.note}</span>}
      <button type="button" className="btn" onClick={props.onClose}>
        {t('filter.cancel')}
      </button>
      <button
        type="button"
        className="btn btn-primary"
        disabled={!props.valid}
        onClick={() => {
          props.onApply();
          props.onClose();
        }}
      >
        {t('filter.apply')}
      </button>
    </div>
  );
}

function ErrorText({ error }: { readonly error: ApiCallError | Error }) {
  const { locale } = useT();
  return <p className="picker-error">{error instanceof ApiCallError ? error.messageFor(locale) : error.message}</p>;
}

/** Distinct values with their counts, most frequent first, for an `in` filter. */
function ValueList(props: { readonly pill: Pill; readonly onApply: ApplyFilter; readonly onClose: () => void }) {
  const { t, locale, number } = useT();
  const { pill, onApply, onClose } = props;
  const spec: QuerySpec = {
    version: QUERY_SPEC_VERSION,
    table: pill.table,
    dimensions: [{ field: pill.field }],
    measures: [{ aggregate: 'count' }],
    filters: [],
    sort: [{ by: 'count', direction: 'desc' }],
    limit: VALUE_LIMIT,
  };
  const loaded = useQueryOnce(spec, (rows, truncated) => ({
    values: rows
      .map((row): ValueCount => ({ value: row[pill.field] ?? null, count: Number(row.count ?? 0) }))
      .filter((v) => v.value !== null),
    truncated,
  }));
  const initial = pill.filter?.op === 'in' ? pill.filter.values : undefined;
  const [chosen, setChosen] = useState<ReadonlySet<ScalarValue> | undefined>(initial === undefined ? undefined : new Set(initial));
  const [search, setSearch] = useState('');

  const all = useMemo(() => (loaded.status === 'ready' ? loaded.data.values : []), [loaded]);
  const excluded = pill.filter?.op === 'not_in' ? new Set(pill.filter.values) : undefined;
  const selected = chosen ?? new Set(all.filter((v) => excluded?.has(v.value) !== true).map((v) => v.value));
  const needle = search.trim().toLowerCase();
  const shown = needle === '' ? all : all.filter((v) => valueText(locale, v.value).toLowerCase().includes(needle));

  const toggle = (value: ScalarValue) => {
    const next = new Set(selected);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    setChosen(next);
  };
  const apply = () => {
    const everything = all.length > 0 && all.every((v) => selected.has(v.value));
    const truncated = loaded.status === 'ready' && loaded.data.truncated;
    onApply(everything && !truncated ? undefined : { op: 'in', values: all.filter((v) => selected.has(v.value)).map((v) => v.value) });
  };

  return (
    <div className="picker">
      <div className="picker-title">{t('filter.title', { field: pill.label[locale] })}</div>
      <input
        className="input picker-search"
        type="search"
        placeholder={t('filter.search')}
        aria-label={t('filter.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-autofocus
      />
      <div className="picker-bulk">
        <button type="button" className="link-btn" onClick={() => setChosen(new Set(all.map((v) => v.value)))}>
          {t('filter.all')}
        </button>
        <button type="button" className="link-btn" onClick={() => setChosen(new Set())}>
          {t('filter.none')}
        </button>
      </div>
      <div className="picker-values" role="group" aria-label={pill.label[locale]}>
        {loaded.status === 'loading' && <p className="picker-note">{t('filter.loading')}</p>}
        {loaded.status === 'error' && <ErrorText error={loaded.error} />}
        {shown.map((v) => (
          <label key={String(v.value)} className="picker-value">
            <input type="checkbox" checked={selected.has(v.value)} onChange={() => toggle(v.value)} />
            <span className="picker-value-text">{valueText(locale, v.value)}</span>
            <span className="picker-value-count num">{number(v.count, 0)}</span>
          </label>
        ))}
      </div>
      {loaded.status === 'ready' && loaded.data.truncated && <p className="picker-note">{t('filter.top', { count: VALUE_LIMIT })}</p>}
      <PickerFooter valid={loaded.status === 'ready' && selected.size > 0} onClose={onClose} onApply={apply} note={t('filter.selected', { count: selected.size, total: all.length })} />
    </div>
  );
}

/** A from–to range for a date filter, starting at the data's first and last day. */
function DateRange(props: { readonly pill: Pill; readonly onApply: ApplyFilter; readonly onClose: () => void }) {
  const { t, locale } = useT();
  const { pill, onApply, onClose } = props;
  const spec: QuerySpec = {
    version: QUERY_SPEC_VERSION,
    table: pill.table,
    dimensions: [],
    measures: [
      { aggregate: 'min', field: pill.field },
      { aggregate: 'max', field: pill.field },
    ],
    filters: [],
    sort: [],
  };
  const loaded = useQueryOnce(spec, (rows) => ({
    min: String(rows[0]?.[`min_${pill.field}`] ?? '').slice(0, 10),
    max: String(rows[0]?.[`max_${pill.field}`] ?? '').slice(0, 10),
  }));
  const current = pill.filter?.op === 'between' ? pill.filter.values : undefined;
  const [from, setFrom] = useState<string | undefined>(current?.[0].slice(0, 10));
  const [to, setTo] = useState<string | undefined>(current?.[1].slice(0, 10));
  const bounds = loaded.status === 'ready' ? loaded.data : { min: '', max: '' };
  const start = from ?? bounds.min;
  const end = to ?? bounds.max;
  const valid = start !== '' && end !== '' && start <= end;

  return (
    <div className="picker">
      <div className="picker-title">{t('filter.rangeTitle', { field: pill.label[locale] })}</div>
      {loaded.status === 'loading' && <p className="picker-note">{t('filter.loading')}</p>}
      {loaded.status === 'error' && <ErrorText error={loaded.error} />}
      <div className="picker-range">
        <label>
          <span>{t('filter.from')}</span>
          <input className="input" type="date" value={start} min={bounds.min} max={bounds.max} onChange={(e) => setFrom(e.target.value)} data-autofocus />
        </label>
        <label>
          <span>{t('filter.to')}</span>
          <input className="input" type="date" value={end} min={bounds.min} max={bounds.max} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <PickerFooter valid={valid} onClose={onClose} onApply={() => onApply({ op: 'between', values: [start, `${end} 23:59:59`] })} />
    </div>
  );
}

/** Keeps the N values with the most (or fewest) records, under the sheet's other filters. */
function TopN(props: { readonly pill: Pill; readonly onApply: ApplyFilter; readonly onClose: () => void }) {
  const { t, locale } = useT();
  const { pill, onApply, onClose } = props;
  const current = pill.filter?.op === 'top' || pill.filter?.op === 'bottom' ? pill.filter : undefined;
  const [op, setOp] = useState<'top' | 'bottom'>(current?.op ?? 'top');
  const [count, setCount] = useState(String(current?.values[0] ?? 10));
  const n = Number(count);
  const valid = Number.isInteger(n) && n >= 1 && n <= 10_000;
  return (
    <div className="picker">
      <div className="picker-title">{t('filter.topTitle', { field: pill.label[locale] })}</div>
      <div className="picker-range">
        <label>
          <span>{t('filter.count')}</span>
          <input className="input" type="number" min={1} max={10000} value={count} onChange={(e) => setCount(e.target.value)} data-autofocus />
        </label>
        <fieldset className="picker-choice">
          {(['top', 'bottom'] as const).map((choice) => (
            <label key={choice}>
              <input type="radio" name="top-n" checked={op === choice} onChange={() => setOp(choice)} />
              {t(choice === 'top' ? 'filter.topMost' : 'filter.topFewest')}
            </label>
          ))}
        </fieldset>
      </div>
      <PickerFooter valid={valid} onClose={onClose} onApply={() => onApply({ op, values: [n] })} />
    </div>
  );
}

const PRESET_DAYS = [7, 30, 90, 365] as const;

/** Keeps the last N days of a date, up to the latest day in the data (an old export still answers "the last 30 days"). */
function LastDays(props: { readonly pill: Pill; readonly onApply: ApplyFilter; readonly onClose: () => void }) {
  const { t, locale } = useT();
  const { pill, onApply, onClose } = props;
  const [days, setDays] = useState(String(pill.filter?.op === 'last_days' ? pill.filter.values[0] : 30));
  const n = Number(days);
  const valid = Number.isInteger(n) && n >= 1 && n <= 100_000;
  return (
    <div className="picker">
      <div className="picker-title">{t('filter.relativeTitle', { field: pill.label[locale] })}</div>
      <div className="picker-presets">
        {PRESET_DAYS.map((preset) => (
          <button key={preset} type="button" className={`chip${n === preset ? ' is-on' : ''}`} aria-pressed={n === preset} onClick={() => setDays(String(preset))}>
            {t('shelf.lastDays', { days: preset })}
          </button>
        ))}
      </div>
      <div className="picker-range">
        <label>
          <span>{t('filter.days')}</span>
          <input className="input" type="number" min={1} value={days} onChange={(e) => setDays(e.target.value)} data-autofocus />
        </label>
      </div>
      <PickerFooter valid={valid} onClose={onClose} onApply={() => onApply({ op: 'last_days', values: [n] })} />
    </div>
  );
}

/** Sets the filter the picker was opened for (undefined: all values). */
export type ApplyFilter = (filter: PillFilter | undefined) => void;

type PickerMode = 'values' | 'top' | 'range' | 'relative';

export function FilterValuePicker(props: {
  readonly pill: Pill;
  readonly onApply: ApplyFilter;
  readonly anchor: RefObject<HTMLElement | null>;
  readonly onClose: () => void;
}) {
  const { t, label } = useT();
  const { pill, onApply, onClose } = props;
  const temporal = pill.kind === 'temporal';
  const modes: readonly PickerMode[] = temporal ? ['range', 'relative'] : ['values', 'top'];
  const op = pill.filter?.op;
  const [mode, setMode] = useState<PickerMode>(op === 'last_days' ? 'relative' : op === 'top' || op === 'bottom' ? 'top' : modes[0]!);
  return (
    <Popover anchor={props.anchor} label={label(pill.label)} onClose={onClose} className="picker-popover" testId="filter-picker">
      <div className="picker-modes" role="tablist" aria-label={label(pill.label)}>
        {modes.map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} className={`picker-mode${mode === m ? ' is-on' : ''}`} onClick={() => setMode(m)}>
            {t(`filter.mode.${m}`)}
          </button>
        ))}
      </div>
      {mode === 'range' && <DateRange pill={pill} onApply={onApply} onClose={onClose} />}
      {mode === 'relative' && <LastDays pill={pill} onApply={onApply} onClose={onClose} />}
      {mode === 'values' && <ValueList pill={pill} onApply={onApply} onClose={onClose} />}
      {mode === 'top' && <TopN pill={pill} onApply={onApply} onClose={onClose} />}
    </Popover>
  );
}
