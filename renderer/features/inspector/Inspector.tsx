import type { QuerySpec } from '../../../shared/spec/query-spec';
import { SHELF_LABEL } from '../../actions/sheet-actions';
import { performAction } from '../../actions/perform-action';
import { useT } from '../../i18n/locale-context';
import { useEditorStore } from '../../state/editor-store';
import { CHART_TYPES, allPills, sheetTable, type ChartType } from '../../../shared/chart/sheet-state';
import { Icon, type IconName } from '../../ui/Icon';
import { FieldGlyph } from '../data-panel/FieldGlyph';
import { querySentence } from '../chart/chart-summary';
import { useSheetKinds } from '../chart/use-sheet-plan';
import type { ChartQuery } from '../chart/use-chart-query';
import { pillTag } from '../../../shared/chart/pill-text';
import './inspector.css';

/** Kinds with an icon of their own; the others show their name alone. */
const CHART_TYPE_ICON: Partial<Readonly<Record<ChartType, IconName>>> = { auto: 'auto', bar: 'bar', line: 'line' };

/** The right panel of Analyze: chart type, the fields in use, and what the query is and returned. */
export function Inspector({ spec, query }: { readonly spec: QuerySpec | undefined; readonly query: ChartQuery }) {
  const { t, label, locale, number } = useT();
  const sheet = useEditorStore((s) => s.sheet);
  const pills = allPills(sheet);
  const table = sheetTable(sheet);
  const kinds = useSheetKinds();
  const sentence = querySentence(locale, sheet);
  const answer = query.answer;

  return (
    <aside className="inspector" aria-label={t('inspector.title')}>
      <div className="panel-header">
        <h2 className="section-title">{t('inspector.title')}</h2>
      </div>
      <div className="inspector-scroll">
        <section className="inspector-section">
          <h3 className="inspector-heading" id="chart-type-heading">
            {t('chart.type')}
          </h3>
          <div className="segmented chart-kinds" role="radiogroup" aria-labelledby="chart-type-heading">
            {CHART_TYPES.map((type) => {
              const fits = type === 'auto' || kinds.fits.includes(type);
              const icon = CHART_TYPE_ICON[type];
              return (
                <button
                  key={type}
                  type="button"
                  role="radio"
                  aria-checked={sheet.chartType === type}
                  aria-disabled={!fits}
                  className={`segment${type === 'auto' ? ' is-auto' : ''}`}
                  data-testid={`chart-type-${type}`}
                  title={fits ? undefined : t('chart.type.notFit')}
                  onClick={() => {
                    if (fits) performAction('setChartType', { chartType: type });
                  }}
                >
                  {icon !== undefined && <Icon name={icon} size={14} />}
                  {type === 'auto' && sheet.chartType === 'auto' && pills.length > 0 ? t('chart.type.autoChose', { kind: t(`chart.type.${kinds.kind}`) }) : t(`chart.type.${type}`)}
                </button>
              );
            })}
          </div>
        </section>

        <section className="inspector-section">
          <h3 className="inspector-heading">{t('inspector.fields')}</h3>
          {pills.length === 0 ? (
            <p className="inspector-muted">{t('inspector.empty')}</p>
          ) : (
            <ul className="inspector-fields">
              {pills.map(({ shelf, pill }) => {
                const tag = pillTag(locale, pill, shelf);
                return (
                  <li key={pill.id}>
                    <FieldGlyph kind={pill.kind} metric={pill.metric !== undefined} />
                    <span className="inspector-field-name">
                      {label(pill.label)}
                      {tag !== undefined && <span className="inspector-field-tag"> · {tag}</span>}
                    </span>
                    <span className="inspector-shelf">{t(SHELF_LABEL[shelf])}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section className="inspector-section">
          <dl className="inspector-facts">
            <dt>{t('inspector.table')}</dt>
            <dd>{table === undefined ? t('inspector.none') : label(table.label)}</dd>
            <dt>{t('inspector.result')}</dt>
            <dd className="num" data-testid="inspector-result">
              {answer?.ok === true ? (
                <>
                  {t('inspector.resultRows', { count: answer.result.rowCount })}
                  <span className="inspector-dot">·</span>
                  {t('inspector.elapsed', { ms: number(answer.result.elapsedMs, 1) })}
                </>
              ) : (
                t('inspector.none')
              )}
            </dd>
          </dl>
        </section>

        {sentence !== undefined && (
          <section className="inspector-section">
            <h3 className="inspector-heading">{t('inspector.summary')}</h3>
            <p className="inspector-sentence selectable" data-testid="query-summary">
              {sentence}
            </p>
          </section>
        )}

        {spec !== undefined && (
          <section className="inspector-section">
            <details className="inspector-spec selectable">
              <summary>{t('inspector.spec')}</summary>
              <pre>{JSON.stringify(spec, null, 2)}</pre>
            </details>
          </section>
        )}
      </div>
    </aside>
  );
}
