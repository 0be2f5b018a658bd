import { useMemo, useRef, useState } from 'react';
import type { TableSchema } from '../../../shared/api/types';
import type { ChartFilter } from '../../../shared/spec/chart-spec';
import { isSavedChartTile, type DashboardFilter } from '../../../shared/spec/dashboard-spec';
import { useT } from '../../i18n/locale-context';
import type { FieldRef, Pill, PillFilter } from '../../../shared/chart/sheet-state';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { Popover } from '../../ui/Popover';
import { fieldRef } from '../../../shared/chart/field-refs';
import { FilterValuePicker } from '../shelves/FilterValuePicker';
import { pillTag } from '../../../shared/chart/pill-text';
import { setDashboardFilter } from './dashboard-edits';
import { useDashboardStore } from './dashboard-store';

/** A dashboard filter as a pill, so the shelves' pickers can edit it. */
function asPill(ref: FieldRef, filter: ChartFilter | undefined): Pill {
  const pillFilter: PillFilter | undefined =
    filter === undefined ? undefined : filter.op === 'between' ? { op: 'between', values: [String(filter.values[0]), String(filter.values[1])] } : (filter);
  return { ...ref, id: `dashboard-${ref.field}`, ...(pillFilter === undefined ? {} : { filter: pillFilter }) };
}

/** The fields a dashboard can filter on: the dimensions and dates of every table its tiles read, each name once. */
function filterableFields(schemas: readonly TableSchema[]): FieldRef[] {
  const seen = new Set<string>();
  const fields: FieldRef[] = [];
  for (const schema of schemas) {
    for (const f of schema.fields) {
      if ((f.kind !== 'dimension' && f.kind !== 'temporal') || seen.has(f.name)) continue;
      seen.add(f.name);
      fields.push(fieldRef(schema, f));
    }
  }
  return fields;
}

function FilterChip({ filter, schema }: { readonly filter: DashboardFilter; readonly schema: TableSchema | undefined }) {
  const { t, locale, label } = useT();
  const edit = useDashboardStore((s) => s.edit);
  const anchor = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const info = schema?.fields.find((f) => f.name === filter.field);
  if (schema === undefined || info === undefined) return null;
  const pill = asPill(fieldRef(schema, info), filter.filter);
  return (
    <div ref={anchor} className="dash-chip" data-testid="dashboard-filter">
      <button type="button" className="dash-chip-main" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <Icon name={info.kind === 'temporal' ? 'calendar' : 'filter'} size={13} />
        <span className="dash-chip-field">{label(info.label)}</span>
        <span className="dash-chip-value">{pillTag(locale, pill, 'filters')}</span>
      </button>
      <button type="button" className="dash-chip-remove" aria-label={t('dashboard.removeFilter', { field: label(info.label) })} onClick={() => edit(setDashboardFilter(filter.table, filter.field, undefined))}>
        <Icon name="close" size={12} />
      </button>
      {open && <FilterValuePicker pill={pill} anchor={anchor} onClose={() => setOpen(false)} onApply={(next) => edit(setDashboardFilter(filter.table, filter.field, next))} />}
    </div>
  );
}

/** Dashboard filters (each applies to every tile whose table has the field) and the cross-filter of a clicked mark. */
export function DashboardFilterBar() {
  const { t, label } = useT();
  const spec = useDashboardStore((s) => s.spec);
  const charts = useDashboardStore((s) => s.charts);
  const crossFilter = useDashboardStore((s) => s.crossFilter);
  const setCrossFilter = useDashboardStore((s) => s.setCrossFilter);
  const edit = useDashboardStore((s) => s.edit);
  const schemas = useWorkbenchStore((s) => s.schemas);
  const addAnchor = useRef<HTMLButtonElement>(null);
  const [adding, setAdding] = useState<'fields' | FieldRef | undefined>(undefined);
  const [search, setSearch] = useState('');

  const tables = useMemo(() => {
    const names = new Set<string>();
    if (spec.header?.table != null) names.add(spec.header.table);
    for (const tile of spec.tiles) {
      const table = isSavedChartTile(tile.chart) ? charts[tile.chart.chartId]?.spec.table : tile.chart.spec.table;
      if (table != null) names.add(table);
    }
    return [...names].flatMap((name) => (schemas[name] === undefined ? [] : [schemas[name]]));
  }, [spec, charts, schemas]);
  const fields = useMemo(() => filterableFields(tables), [tables]).filter((f) => !spec.filters.some((d) => d.field === f.field));
  const needle = search.trim().toLowerCase();
  const shown = needle === '' ? fields : fields.filter((f) => label(f.label).toLowerCase().includes(needle) || f.field.toLowerCase().includes(needle));

  return (
    <div className="dashboard-filters" role="toolbar" aria-label={t('dashboard.filters')}>
      {spec.filters.map((filter) => (
        <FilterChip key={filter.field} filter={filter} schema={schemas[filter.table]} />
      ))}
      <button ref={addAnchor} type="button" className="btn btn-ghost dash-add-filter" onClick={() => setAdding('fields')} disabled={tables.length === 0} data-testid="dashboard-add-filter">
        <Icon name="plus" size={14} />
        {t('dashboard.addFilter')}
      </button>
      {crossFilter !== null && (
        <div className="dash-chip is-cross" data-testid="cross-filter">
          <span className="dash-chip-main">
            <Icon name="filter" size={13} />
            <span className="dash-chip-field">{t('dashboard.crossFilter')}</span>
            <span className="dash-chip-value">{crossFilter.values.map((v) => `${label(v.label)} = ${v.text}`).join(' · ')}</span>
          </span>
          <button type="button" className="dash-chip-remove" aria-label={t('dashboard.clearCrossFilter')} title={`${t('dashboard.clearCrossFilter')} (Esc)`} onClick={() => setCrossFilter(null)}>
            <Icon name="close" size={12} />
          </button>
        </div>
      )}
      {adding === 'fields' && (
        <Popover anchor={addAnchor} label={t('dashboard.addFilter')} onClose={() => setAdding(undefined)} className="picker-popover" testId="dashboard-filter-fields">
          <div className="picker">
            <div className="picker-title">{t('dashboard.filterField')}</div>
            <input className="input picker-search" type="search" placeholder={t('filter.search')} aria-label={t('filter.search')} value={search} onChange={(e) => setSearch(e.target.value)} data-autofocus />
            <div className="picker-values" role="listbox" aria-label={t('dashboard.filterField')}>
              {shown.map((f) => (
                <button key={f.field} type="button" role="option" aria-selected={false} className="menu-item" onClick={() => setAdding(f)}>
                  <Icon name={f.kind === 'temporal' ? 'calendar' : 'text'} size={14} />
                  {label(f.label)}
                </button>
              ))}
            </div>
          </div>
        </Popover>
      )}
      {adding !== undefined && adding !== 'fields' && (
        <FilterValuePicker pill={asPill(adding, undefined)} anchor={addAnchor} onClose={() => setAdding(undefined)} onApply={(next) => edit(setDashboardFilter(adding.table, adding.field, next))} />
      )}
    </div>
  );
}
