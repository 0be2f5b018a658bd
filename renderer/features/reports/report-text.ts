import type { LocalizedText } from '../../../shared/api/types';
import type { MessageKey, MessageParams } from '../../../shared/i18n/messages';
import type { ChartFilter } from '../../../shared/spec/chart-spec';
import type { ExplainPeriod } from '../../../shared/spec/explain-spec';
import type { ReportBlock, ReportBlockKind, ReportContext } from '../../../shared/spec/report-spec';
import { monthOf } from './report-edits';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The names a block's summary needs, read from the workbench (undefined: not there, or not read yet). */
export interface ReportNames {
  readonly chart: (id: number) => string | undefined;
  readonly dashboard: (id: number) => string | undefined;
  readonly board: (id: number) => string | undefined;
  readonly metric: (id: string) => string;
  readonly field: (name: string) => string;
  readonly label: (text: LocalizedText) => string;
}

export const BLOCK_KIND_KEYS: Readonly<Record<ReportBlockKind, MessageKey>> = {
  title: 'reports.kind.title',
  heading: 'reports.kind.heading',
  text: 'reports.kind.text',
  kpis: 'reports.kind.kpis',
  chart: 'reports.kind.chart',
  dashboard: 'reports.kind.dashboard',
  table: 'reports.kind.table',
  board: 'reports.kind.board',
  explainer: 'reports.kind.explainer',
  actions: 'reports.kind.actions',
  pageBreak: 'reports.kind.pageBreak',
};

/** A period as a chip: `2024-12` for a month, `2024-01 – 2024-12` for whole months, else its days; null: all the data. */
export function periodChip(period: ExplainPeriod | null, t: Translate): string {
  if (period === null) return t('reports.chip.allData');
  const month = monthOf(period);
  if (month !== null) return month;
  const first = period.from.endsWith('-01') ? period.from.slice(0, 7) : null;
  const last = monthOf({ from: `${period.to.slice(0, 7)}-01`, to: period.to });
  return first !== null && last !== null ? `${first} – ${last}` : `${period.from} – ${period.to}`;
}

const valueText = (value: string | number | boolean | null, t: Translate): string => (value === null ? t('reports.emptyValue') : String(value));

/** A filter as the exports word it: `Channel = Phone`, `Created from 2024-01-01 to 2024-03-31`. */
export function filterChip(filter: { readonly field: string; readonly filter: ChartFilter }, names: ReportNames, t: Translate): string {
  const field = names.field(filter.field);
  const { op, values } = filter.filter;
  switch (op) {
    case 'in':
      return t('report.filter.in', { field, values: values.map((v) => valueText(v, t)).join(t('reports.listSeparator')) });
    case 'not_in':
      return t('report.filter.notIn', { field, values: values.map((v) => valueText(v, t)).join(t('reports.listSeparator')) });
    case 'between':
      return t('report.filter.between', { field, from: valueText(values[0], t), to: valueText(values[1], t) });
    case 'last_days':
      return t('report.filter.lastDays', { field, n: values[0] });
    case 'top':
      return t('report.filter.top', { field, n: values[0] });
    case 'bottom':
      return t('report.filter.bottom', { field, n: values[0] });
  }
}

/** The chips a context shows: its period first, then each filter. */
export function contextChips(context: ReportContext, names: ReportNames, t: Translate): string[] {
  return [periodChip(context.period, t), ...context.filters.map((f) => filterChip(f, names, t))];
}

/** The chips under a block: the period and filters of its numbers (none for text blocks). */
export function blockChips(block: ReportBlock, names: ReportNames, t: Translate): string[] {
  if ('context' in block) return contextChips(block.context, names, t);
  if (block.kind === 'board' || block.kind === 'explainer') return [t('reports.chip.boardPeriods')];
  if (block.kind === 'actions') return [t('reports.chip.current')];
  return [];
}

/** The first lines of a Markdown text without its markers, for a card. */
export function markdownGist(markdown: string, lines = 2): string {
  return markdown
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(#{1,3}\s+|[-*+]\s+|\d{1,9}[.)]\s+)/, '').replace(/\*\*|__|`/g, '').trim())
    .filter((line) => line !== '')
    .slice(0, lines)
    .join(' · ');
}

const named = (name: string | undefined, id: number, t: Translate): string => name ?? t('reports.missing', { id });

/** What a block's card says it shows: its title or text, the metrics or the name of what it shows. */
export function blockText(block: ReportBlock, names: ReportNames, t: Translate): string {
  switch (block.kind) {
    case 'title':
      return block.subtitle.trim() === '' ? block.title : `${block.title} — ${block.subtitle}`;
    case 'heading':
      return block.text;
    case 'text':
      return markdownGist(block.markdown) || t('reports.text.empty');
    case 'kpis':
      return block.metrics.length === 0 ? t('reports.kpis.none') : block.metrics.map((m) => names.metric(m)).join(t('reports.listSeparator'));
    case 'chart':
      return 'chartId' in block.chart ? named(names.chart(block.chart.chartId), block.chart.chartId, t) : names.label(block.chart.title);
    case 'dashboard':
      return named(names.dashboard(block.dashboardId), block.dashboardId, t);
    case 'table':
      return names.label(block.title);
    case 'board':
    case 'explainer':
      return named(names.board(block.boardId), block.boardId, t);
    case 'actions':
      return block.boardId === null ? t('reports.actions.all') : t('reports.actions.of', { name: named(names.board(block.boardId), block.boardId, t) });
    case 'pageBreak':
      return t('reports.pageBreak.text');
  }
}
