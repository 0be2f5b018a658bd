import type { ReportBlock } from '../../../shared/spec/report-spec';
import { useT } from '../../i18n/locale-context';
import { useWorkbenchStore } from '../../state/workbench-store';
import { Icon } from '../../ui/Icon';
import { api } from '../../api/client';
import { dashboardName } from '../dashboards/dashboard-edits';
import { BLOCK_ICONS, tableCharts } from './ReportComposer';
import { MarkdownPreview } from './MarkdownPreview';
import { hasContext, monthOf, monthPeriod, removeBlockFilter, setBlockPeriod, updateBlock, type ContextBlock } from './report-edits';
import { useReportNames } from './report-names';
import { useReportStore } from './report-store';
import { BLOCK_KIND_KEYS, filterChip, periodChip } from './report-text';

type Change = (block: ReportBlock) => ReportBlock;

/** The block's period: the report's month, all the data, a month of its own, or the span it was made with. */
function PeriodField({ block }: { readonly block: ContextBlock }) {
  const { t } = useT();
  const spec = useReportStore((s) => s.spec);
  const edit = useReportStore((s) => s.edit);
  const { period } = block.context;
  const reportMonth = monthOf(spec.period);
  const own = monthOf(period);
  const choice =
    period === null ? 'all' : spec.period !== null && period.from === spec.period.from && period.to === spec.period.to ? 'report' : own !== null ? 'month' : 'kept';
  return (
    <div className="report-field">
      <label className="report-label" htmlFor="report-block-period">
        {t('reports.field.period')}
      </label>
      <select
        id="report-block-period"
        className="select"
        value={choice}
        onChange={(e) => {
          const value = e.target.value;
          if (value === 'all') edit(setBlockPeriod(block.id, null));
          else if (value === 'report') edit(setBlockPeriod(block.id, spec.period));
          else if (value === 'month') edit(setBlockPeriod(block.id, monthPeriod(reportMonth ?? new Date().toISOString().slice(0, 7))));
        }}
        data-testid="report-block-period"
      >
        {spec.period !== null && <option value="report">{t('reports.period.report', { period: periodChip(spec.period, t) })}</option>}
        <option value="all">{t('reports.period.all')}</option>
        <option value="month">{t('reports.period.month')}</option>
        {choice === 'kept' && <option value="kept">{t('reports.period.kept', { period: periodChip(period, t) })}</option>}
      </select>
      {choice === 'month' && own !== null && (
        <input
          type="month"
          className="input report-month"
          aria-label={t('reports.field.month')}
          value={own}
          onChange={(e) => {
            if (/^\d{4}-\d{2}$/.test(e.target.value)) edit(setBlockPeriod(block.id, monthPeriod(e.target.value)));
          }}
        />
      )}
    </div>
  );
}

function FiltersField({ block }: { readonly block: ContextBlock }) {
  const { t } = useT();
  const edit = useReportStore((s) => s.edit);
  const names = useReportNames();
  return (
    <div className="report-field">
      <span className="report-label">{t('reports.field.filters')}</span>
      {block.context.filters.length === 0 && <p className="report-note">{t('reports.filters.none')}</p>}
      <ul className="report-filters">
        {block.context.filters.map((f, i) => {
          const text = filterChip(f, names, t);
          return (
            <li key={i} className="report-chip">
              <Icon name="filter" size={11} />
              {text}
              <button type="button" className="report-chip-remove" aria-label={t('reports.filter.remove', { filter: text })} title={t('reports.filter.remove', { filter: text })} onClick={() => edit(removeBlockFilter(block.id, i))}>
                <Icon name="close" size={10} />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function TextField(props: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (value: string) => void; readonly testId?: string }) {
  return (
    <div className="report-field">
      <label className="report-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input id={props.id} className="input" value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId} />
    </div>
  );
}

function Picker(props: { readonly id: string; readonly label: string; readonly value: number | null; readonly options: readonly { readonly id: number; readonly name: string }[]; readonly empty: string; readonly onPick: (id: number) => void }) {
  const { t } = useT();
  return (
    <div className="report-field">
      <label className="report-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.options.length === 0 ? (
        <p className="report-note">{props.empty}</p>
      ) : (
        <select id={props.id} className="select" value={props.value ?? ''} onChange={(e) => props.onPick(Number(e.target.value))} data-testid={props.id}>
          {(props.value === null || !props.options.some((o) => o.id === props.value)) && <option value="">{t('reports.pick.choose')}</option>}
          {props.options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

function MetricsField({ block, change }: { readonly block: Extract<ReportBlock, { kind: 'kpis' }>; readonly change: (f: Change) => void }) {
  const { t, label } = useT();
  const available = useWorkbenchStore((s) => s.metrics[block.table]);
  if (available === undefined || available.length === 0) return <p className="report-note">{t('reports.pick.noMetrics')}</p>;
  return (
    <fieldset className="report-field report-metrics">
      <legend className="report-label">{t('reports.field.metrics')}</legend>
      {available.map((m) => (
        <label key={m.id} className="report-check">
          <input
            type="checkbox"
            checked={block.metrics.includes(m.id)}
            onChange={(e) => {
              const on = e.target.checked;
              change((b) => (b.kind === 'kpis' ? { ...b, metrics: on ? [...b.metrics, m.id] : b.metrics.filter((x) => x !== m.id) } : b));
            }}
          />
          {label(m.name)}
        </label>
      ))}
    </fieldset>
  );
}

/** What a block shows, by kind: its words, its metrics, or the saved chart, dashboard or board it shows. */
function KindFields({ block, change }: { readonly block: ReportBlock; readonly change: (f: Change) => void }) {
  const { t, label } = useT();
  const catalog = useReportStore((s) => s.catalog);
  const boards = catalog.boards.map((b) => ({ id: b.id, name: b.name }));
  switch (block.kind) {
    case 'title':
      return (
        <>
          <TextField id="report-title" label={t('reports.field.title')} value={block.title} onChange={(title) => change((b) => (b.kind === 'title' ? { ...b, title } : b))} testId="report-field-title" />
          <TextField id="report-subtitle" label={t('reports.field.subtitle')} value={block.subtitle} onChange={(subtitle) => change((b) => (b.kind === 'title' ? { ...b, subtitle } : b))} />
        </>
      );
    case 'heading':
      return (
        <>
          <TextField id="report-heading" label={t('reports.field.heading')} value={block.text} onChange={(text) => change((b) => (b.kind === 'heading' ? { ...b, text } : b))} testId="report-field-heading" />
          <div className="report-field">
            <label className="report-label" htmlFor="report-level">
              {t('reports.field.level')}
            </label>
            <select id="report-level" className="select" value={block.level} onChange={(e) => change((b) => (b.kind === 'heading' ? { ...b, level: e.target.value === '2' ? 2 : 1 } : b))}>
              <option value={1}>{t('reports.field.level1')}</option>
              <option value={2}>{t('reports.field.level2')}</option>
            </select>
          </div>
        </>
      );
    case 'text':
      return (
        <div className="report-field">
          <label className="report-label" htmlFor="report-markdown">
            {t('reports.field.markdown')}
          </label>
          <textarea
            id="report-markdown"
            className="input report-textarea"
            value={block.markdown}
            placeholder={t('reports.field.markdownHint')}
            rows={8}
            onChange={(e) => {
              const markdown = e.target.value;
              change((b) => (b.kind === 'text' ? { ...b, markdown } : b));
            }}
            data-testid="report-field-markdown"
          />
          <span className="report-label">{t('reports.field.preview')}</span>
          <MarkdownPreview markdown={block.markdown} />
        </div>
      );
    case 'kpis':
      return <MetricsField block={block} change={change} />;
    case 'chart':
      return (
        <>
          {!('chartId' in block.chart) && <p className="report-note">{t('reports.templateChart', { title: label(block.chart.title) })}</p>}
          <Picker
            id="report-pick-chart"
            label={t('reports.field.chart')}
            value={'chartId' in block.chart ? block.chart.chartId : null}
            options={catalog.charts}
            empty={t('reports.pick.noCharts')}
            onPick={(chartId) => change((b) => (b.kind === 'chart' ? { ...b, chart: { chartId } } : b))}
          />
        </>
      );
    case 'table':
      return (
        <Picker
          id="report-pick-table"
          label={t('reports.field.tableChart')}
          value={tableCharts(catalog).find((c) => c.name === label(block.title))?.id ?? null}
          options={tableCharts(catalog)}
          empty={t('reports.pick.noTables')}
          onPick={(id) =>
            void api()
              .getChart({ id })
              .then((chart) => change((b) => (b.kind === 'table' ? { ...b, spec: chart.spec, title: { en: chart.name, 'zh-CN': chart.name } } : b)))
          }
        />
      );
    case 'dashboard':
      return (
        <Picker
          id="report-pick-dashboard"
          label={t('reports.field.dashboard')}
          value={block.dashboardId}
          options={catalog.dashboards.map((d) => ({ id: d.id, name: dashboardName(d, t('dashboard.overviewName')) }))}
          empty={t('reports.pick.noDashboards')}
          onPick={(dashboardId) => change((b) => (b.kind === 'dashboard' ? { ...b, dashboardId } : b))}
        />
      );
    case 'board':
    case 'explainer':
      return <Picker id="report-pick-board" label={t('reports.field.board')} value={block.boardId} options={boards} empty={t('reports.pick.noBoards')} onPick={(boardId) => change((b) => (b.kind === 'board' || b.kind === 'explainer' ? { ...b, boardId } : b))} />;
    case 'actions':
      return (
        <div className="report-field">
          <label className="report-label" htmlFor="report-actions-of">
            {t('reports.field.actionsOf')}
          </label>
          <select id="report-actions-of" className="select" value={block.boardId ?? ''} onChange={(e) => change((b) => (b.kind === 'actions' ? { ...b, boardId: e.target.value === '' ? null : Number(e.target.value) } : b))}>
            <option value="">{t('reports.actions.all')}</option>
            {boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      );
    case 'pageBreak':
      return <p className="report-note">{t('reports.pageBreak.text')}</p>;
  }
}

/** The right panel: the selected block's settings, and the period and filters of its numbers. */
export function BlockEditor() {
  const { t } = useT();
  const open = useReportStore((s) => s.open);
  const block = useReportStore((s) => s.spec.blocks.find((b) => b.id === s.selected));
  const edit = useReportStore((s) => s.edit);
  if (open === null) return <p className="board-panel-empty">{t('reports.editor.noReport')}</p>;
  if (block === undefined) return <p className="board-panel-empty">{t('reports.editor.none')}</p>;
  const change = (f: Change) => edit(updateBlock(block.id, f));
  return (
    <aside className="report-editor" aria-label={t('reports.editor.heading')} data-testid="report-editor">
      <div className="panel-header">
        <h2 className="section-title report-editor-title">
          <Icon name={BLOCK_ICONS[block.kind]} size={14} />
          {t(BLOCK_KIND_KEYS[block.kind])}
        </h2>
      </div>
      <div className="report-editor-body">
        {hasContext(block) && (
          <>
            <PeriodField block={block} />
            <FiltersField block={block} />
          </>
        )}
        <KindFields block={block} change={change} />
      </div>
    </aside>
  );
}
