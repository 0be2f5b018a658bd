import { useDraggable } from '@dnd-kit/core';
import { useMemo, useRef, useState } from 'react';
import type { Locale } from '../../../shared/i18n/messages';
import type { ExplainMetricResult } from '../../../shared/spec/explain-spec';
import { useT } from '../../i18n/locale-context';
import { Icon } from '../../ui/Icon';
import { Popover } from '../../ui/Popover';
import { PlotlyChart } from '../chart/PlotlyChart';
import { useChartTheme } from '../chart/use-chart-theme';
import { useBoardStore } from './board-store';
import { categoryName } from '../../../shared/board/board-view';
import { boardValueText, effectText, segmentText, shareText } from '../../../shared/board/board-text';
import { rankedCandidates, waterfallSteps, type Candidate } from '../../../shared/board/explain-candidates';
import { waterfallFigure } from '../../../shared/board/board-figures';

/** What a candidate dragged onto a bone carries. */
export interface CandidateDragData {
  readonly source: 'candidate';
  readonly candidate: Candidate;
}

function pText(locale: Locale, candidate: { readonly significance: Candidate['significance'] }): string {
  const s = candidate.significance;
  if (s === null) return locale === 'zh-CN' ? '无法检验' : 'not testable';
  const p = s.pValue < 0.001 ? '< 0.001' : `= ${s.pValue.toFixed(3)}`;
  return `p ${p}`;
}

function CandidateRow(props: {
  readonly candidate: Candidate;
  readonly rank: number;
  readonly result: ExplainMetricResult;
  readonly active: boolean;
  readonly onShow: () => void;
}) {
  const { t, locale, number } = useT();
  const { candidate, result } = props;
  const spec = useBoardStore((s) => s.spec);
  const dropCandidate = useBoardStore((s) => s.dropCandidate);
  const anchor = useRef<HTMLButtonElement>(null);
  const [menu, setMenu] = useState(false);
  const data: CandidateDragData = { source: 'candidate', candidate };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `candidate:${candidate.key}`, data });
  const fieldLabel = (field: string) => {
    const found = result.dimensionLabels.find((d) => d.field === field);
    return found === undefined ? field : found.label[locale];
  };
  const unit = result.metric.unit;
  const significant = candidate.significance?.significant === true;
  return (
    <li className={`explain-candidate${props.active ? ' is-active' : ''}${isDragging ? ' is-dragging' : ''}`} data-testid="explain-candidate">
      <div ref={setNodeRef} className="explain-candidate-main" {...attributes} {...listeners} aria-roledescription={t('board.explain.dragHint')} title={t('board.explain.dragHint')}>
        <span className="explain-rank num">{props.rank}</span>
        <div className="explain-candidate-body">
          <button type="button" className="explain-candidate-name" onClick={props.onShow} data-testid="explain-candidate-name">
            {segmentText(candidate.segment, fieldLabel, t('board.emptyValue'))}
          </button>
          <div className="explain-candidate-figures num">
            <span className={`explain-effect ${candidate.effect * (result.total.delta ?? 0) > 0 ? 'is-with' : 'is-against'}`}>{effectText(locale, candidate.effect, unit)}</span>
            <span>{t('board.explain.shareOf', { share: shareText(candidate.share, locale) })}</span>
            <span>
              {boardValueText(locale, candidate.a, unit)} → {boardValueText(locale, candidate.b, unit)}
            </span>
            <span>n {number(candidate.nA)} / {number(candidate.nB)}</span>
          </div>
          <div className="explain-candidate-tags">
            <span className={`explain-tag ${significant ? 'is-significant' : ''}`}>{significant ? t('board.explain.significant') : t('board.explain.notSignificant')}</span>
            <span className="explain-tag num">{pText(locale, candidate)}</span>
            {candidate.lowN && <span className="explain-tag is-low">{t('board.explain.lowN')}</span>}
            {candidate.source === 'combination' && <span className="explain-tag">{t('board.explain.combination')}</span>}
          </div>
        </div>
      </div>
      <button ref={anchor} type="button" className="icon-btn" aria-label={t('board.explain.addToBone')} title={t('board.explain.addToBone')} onClick={() => setMenu(true)} data-testid="explain-candidate-add">
        <Icon name="plus" />
      </button>
      {menu && spec !== null && (
        <Popover anchor={anchor} label={t('board.explain.addToBone')} onClose={() => setMenu(false)} role="menu" testId="explain-bone-menu">
          <div className="menu-title">{t('board.explain.addToBone')}</div>
          {spec.categories.map((category) => (
            <button
              key={category.id}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setMenu(false);
                dropCandidate(candidate, category.id, segmentText(candidate.segment, fieldLabel, t('board.emptyValue')));
              }}
            >
              {categoryName(category, t)}
            </button>
          ))}
        </Popover>
      )}
    </li>
  );
}

/**
 * The change explainer for the board's problem: run on demand, a waterfall of one dimension's
 * effects from the value before to the value after, and the ranked list of candidate causes, each
 * one click from its dimension's waterfall and one drag (or the + menu) from a bone.
 */
export function ExplainerPanel() {
  const { t, locale, number } = useT();
  const theme = useChartTheme();
  const explain = useBoardStore((s) => s.explain);
  const runExplainer = useBoardStore((s) => s.runExplainer);
  const [dimension, setDimension] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const result = explain.state === 'done' ? explain.result : null;
  const candidates = useMemo(() => (result === null ? [] : rankedCandidates(result)), [result]);
  const shownDimension = result === null ? null : (dimension !== null && result.dimensions.some((d) => d.dimension === dimension) ? dimension : (result.adtributor[0]?.dimension ?? result.dimensions[0]?.dimension ?? null));
  const decomposition = result?.dimensions.find((d) => d.dimension === shownDimension);
  const highlightValue = candidates.find((c) => c.key === highlight)?.segment.find((f) => f.field === shownDimension)?.values[0];
  const highlightText = highlightValue === undefined ? null : highlightValue === null ? '' : String(highlightValue);
  const fieldLabel = (field: string) => result?.dimensionLabels.find((d) => d.field === field)?.label[locale] ?? field;
  const figure = useMemo(() => {
    if (result === null || decomposition === undefined) return null;
    const steps = waterfallSteps(decomposition, result.total, { before: t('board.explain.before'), after: t('board.explain.after'), rest: t('board.explain.rest'), empty: t('board.emptyValue') });
    return waterfallFigure(steps, { locale, unit: result.metric.unit, theme, highlight: highlightText, title: fieldLabel(decomposition.dimension) });
    // fieldLabel and t read the locale, which is a dependency
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, decomposition, locale, theme, highlightText]);

  return (
    <section className="board-panel explain-panel" aria-labelledby="explain-title" data-testid="explain-panel">
      <div className="panel-header">
        <h2 className="section-title" id="explain-title">
          {t('board.explain.title')}
        </h2>
        <button type="button" className="btn btn-primary" onClick={() => void runExplainer()} disabled={explain.state === 'running'} data-testid="explain-run">
          <Icon name={explain.state === 'done' ? 'refresh' : 'search'} />
          {explain.state === 'done' ? t('board.explain.again') : t('board.explain.run')}
        </button>
      </div>
      {explain.state === 'idle' && <p className="board-panel-empty">{t('board.explain.idle')}</p>}
      {explain.state === 'running' && (
        <p className="board-panel-empty" aria-busy="true">
          {t('board.explain.running')}
        </p>
      )}
      {explain.state === 'failed' && (
        <p className="board-panel-problem" role="alert">
          {explain.message(locale)}
        </p>
      )}
      {result !== null && result.status !== 'ok' && <p className="board-panel-empty">{t('board.explain.noData')}</p>}
      {result !== null && result.status === 'ok' && (
        <>
          <div className="explain-dimension">
            <label>
              <span>{t('board.explain.dimension')}</span>
              <select className="input" value={shownDimension ?? ''} onChange={(e) => setDimension(e.target.value)} data-testid="explain-dimension">
                {result.dimensions.map((d) => (
                  <option key={d.dimension} value={d.dimension}>
                    {fieldLabel(d.dimension)}
                  </option>
                ))}
              </select>
            </label>
            {decomposition !== undefined && result.metric.unit !== 'count' && (
              <span className="explain-split num" data-testid="explain-split">
                {t('board.explain.split', { rate: effectText(locale, decomposition.rate, result.metric.unit), mix: effectText(locale, decomposition.mix, result.metric.unit) })}
              </span>
            )}
          </div>
          {figure !== null && (
            <div className="explain-waterfall" data-testid="explain-waterfall">
              <PlotlyChart figure={figure} locale={locale} label={t('board.explain.waterfall', { dimension: fieldLabel(shownDimension ?? '') })} />
            </div>
          )}
          <h3 className="board-subtitle">{t('board.explain.candidates', { n: number(candidates.length) })}</h3>
          {candidates.length === 0 ? (
            <p className="board-panel-empty">{t('board.explain.noCandidates')}</p>
          ) : (
            <ol className="explain-candidates">
              {candidates.map((candidate, index) => (
                <CandidateRow
                  key={candidate.key}
                  candidate={candidate}
                  rank={index + 1}
                  result={result}
                  active={highlight === candidate.key}
                  onShow={() => {
                    setDimension(candidate.dimension);
                    setHighlight(candidate.key);
                  }}
                />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
