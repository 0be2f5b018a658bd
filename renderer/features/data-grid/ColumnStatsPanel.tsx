import { useEffect, useState } from 'react';
import type { CellValue, ColumnStats } from '../../../shared/api/types';
import type { FilterSpec } from '../../../shared/spec/query-spec';
import { useT } from '../../i18n/locale-context';
import { asApiCallError } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import type { GridColumn, GridSource } from './grid-source';

type Loaded = { readonly key: string; readonly stats: ColumnStats } | { readonly key: string; readonly message: string };

/** A side panel profiling one column over the rows under the grid's filters. */
export function ColumnStatsPanel(props: { readonly source: GridSource; readonly column: GridColumn; readonly filters: readonly FilterSpec[]; readonly onClose: () => void }) {
  const { t, label, number, locale } = useT();
  const { source, column } = props;
  const key = JSON.stringify([source.id, column.name, props.filters]);
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const [, field, filters] = JSON.parse(key) as [string, string, FilterSpec[]];
    source.columnStats(field, filters).then(
      (stats) => live && setLoaded({ key, stats }),
      (error: unknown) => live && setLoaded({ key, message: asApiCallError(error).messageFor(locale) }),
    );
    return () => {
      live = false;
    };
  }, [key, source, locale]);

  const current = loaded?.key === key ? loaded : undefined;
  const value = (v: CellValue | number | string | null): string => (v === null ? '—' : typeof v === 'number' ? number(v, 4) : v);

  return (
    <aside className="dg-stats" aria-label={t('grid.stats.title', { field: label(column.label) })} data-testid="grid-stats">
      <header className="dg-stats-head">
        <div>
          <div className="dg-stats-kicker">{t('grid.stats.kicker')}</div>
          <h2 className="dg-stats-title">{label(column.label)}</h2>
        </div>
        <button type="button" className="icon-btn" aria-label={t('grid.stats.close')} title={t('grid.stats.close')} onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </header>
      {current === undefined && <p className="panel-note">{t('data.loading')}</p>}
      {current !== undefined && 'message' in current && (
        <div className="preview-error" role="alert">
          <Icon name="alert" />
          {current.message}
        </div>
      )}
      {current !== undefined && 'stats' in current && <StatsBody stats={current.stats} value={value} />}
    </aside>
  );
}

function StatsBody({ stats, value }: { readonly stats: ColumnStats; readonly value: (v: CellValue | number | string | null) => string }) {
  const { t, number } = useT();
  const facts: [string, string, string][] = [
    ['rows', t('grid.stats.rows'), number(stats.rows, 0)],
    ['nulls', t('grid.stats.nulls'), number(stats.nulls, 0)],
    ['distinct', t('grid.stats.distinct'), number(stats.distinct, 0)],
    ['min', t('grid.stats.min'), value(stats.min)],
    ['max', t('grid.stats.max'), value(stats.max)],
  ];
  if (stats.mean !== null) facts.push(['mean', t('grid.stats.mean'), value(stats.mean)]);
  if (stats.median !== null) facts.push(['median', t('grid.stats.median'), value(stats.median)]);
  const topMax = Math.max(1, ...stats.topValues.map((v) => v.count));
  const binMax = Math.max(1, ...(stats.histogram ?? []).map((b) => b.count));
  return (
    <div className="dg-stats-body">
      <dl className="dg-facts">
        {facts.map(([id, name, text]) => (
          <div key={id} className="dg-fact" data-stat={id}>
            <dt>{name}</dt>
            <dd className="num">{text}</dd>
          </div>
        ))}
      </dl>
      {stats.histogram !== null && stats.histogram.length > 0 && (
        <section className="dg-stats-section">
          <h3>{t('grid.stats.histogram')}</h3>
          <div className="dg-histogram" role="img" aria-label={t('grid.stats.histogram')}>
            {stats.histogram.map((bin, i) => (
              <div key={i} className="dg-bar-slot" title={`${value(bin.from)} – ${value(bin.to)}: ${number(bin.count, 0)}`}>
                <div className="dg-bar" style={{ height: `${Math.max(bin.count > 0 ? 2 : 0, (bin.count / binMax) * 100)}%` }} />
              </div>
            ))}
          </div>
          <div className="dg-histogram-axis num">
            <span>{value(stats.min)}</span>
            <span>{value(stats.max)}</span>
          </div>
        </section>
      )}
      {stats.topValues.length > 0 && (
        <section className="dg-stats-section">
          <h3>{t('grid.stats.top')}</h3>
          <ol className="dg-top" data-testid="grid-stats-top">
            {stats.topValues.map((v) => (
              <li key={String(v.value)} className="dg-top-item">
                <span className="dg-top-bar" style={{ width: `${(v.count / topMax) * 100}%` }} />
                <span className="dg-top-value">{value(v.value)}</span>
                <span className="dg-top-count num">{number(v.count, 0)}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
