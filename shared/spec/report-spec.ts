import type { LocalizedText } from '../api/types';
import type { ChartFilter, ChartSpec } from './chart-spec';
import type { ExplainPeriod } from './explain-spec';

/**
 * A report (the review-meeting pack): an ordered list of blocks, each exported as a page section in
 * PDF and HTML, a slide in PPTX and (when it holds data) a sheet in XLSX. Blocks name what they
 * show; the exporters read the numbers from the engine at export time, and every block carries the
 * filters and period it uses so each page can say so.
 */
export const REPORT_SPEC_VERSION = 1;

/** Where the period of a block comes from: the report's own, or one of its own. */
export interface ReportContext {
  /** Filters on top of the chart's or dashboard's own (field of the block's table = values). */
  readonly filters: readonly { readonly field: string; readonly filter: ChartFilter }[];
  /** The block's period (a month by default: the report's); null: all the data. */
  readonly period: ExplainPeriod | null;
}

export type ReportBlock =
  | { readonly id: string; readonly kind: 'title'; readonly title: string; readonly subtitle: string }
  | { readonly id: string; readonly kind: 'heading'; readonly text: string; readonly level: 1 | 2 }
  /** Markdown: headings, paragraphs, bold/italic, lists, links as text (no HTML is passed through). */
  | { readonly id: string; readonly kind: 'text'; readonly markdown: string }
  /** KPI cards: catalogue metrics in the period with the change on the period before. */
  | { readonly id: string; readonly kind: 'kpis'; readonly table: string; readonly metrics: readonly string[]; readonly context: ReportContext }
  /** A saved chart (follows the sheet) or a chart of its own (the template's). */
  | { readonly id: string; readonly kind: 'chart'; readonly chart: { readonly chartId: number } | { readonly spec: ChartSpec; readonly title: LocalizedText }; readonly context: ReportContext }
  | { readonly id: string; readonly kind: 'dashboard'; readonly dashboardId: number; readonly context: ReportContext }
  /** A data table or pivot: a chart spec whose kind is table or pivot (its rows, with headers repeated across pages). */
  | { readonly id: string; readonly kind: 'table'; readonly spec: ChartSpec; readonly title: LocalizedText; readonly context: ReportContext }
  | { readonly id: string; readonly kind: 'board'; readonly boardId: number }
  /** The change explainer's waterfall and ranked list for a board's problem. */
  | { readonly id: string; readonly kind: 'explainer'; readonly boardId: number }
  /** The actions of every open board (or of one). */
  | { readonly id: string; readonly kind: 'actions'; readonly boardId: number | null }
  | { readonly id: string; readonly kind: 'pageBreak' };

export type ReportBlockKind = ReportBlock['kind'];

export interface ReportPage {
  readonly size: 'A4' | 'Letter';
  readonly orientation: 'portrait' | 'landscape';
}

export interface ReportSpec {
  readonly version: typeof REPORT_SPEC_VERSION;
  /** The report's period (blocks default to it) and the one it is compared with. */
  readonly period: ExplainPeriod | null;
  readonly previous: ExplainPeriod | null;
  readonly page: ReportPage;
  readonly blocks: readonly ReportBlock[];
}

export interface SavedReport {
  readonly id: number;
  readonly name: string;
  readonly spec: ReportSpec;
  /** 'monthly-review' for a report made from the template (then edited freely); null otherwise. */
  readonly template: 'monthly-review' | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ReportSummary = Omit<SavedReport, 'spec'> & { readonly blocks: number };

export const EMPTY_REPORT_SPEC: ReportSpec = {
  version: REPORT_SPEC_VERSION,
  period: null,
  previous: null,
  page: { size: 'A4', orientation: 'landscape' },
  blocks: [],
};

export type ReportFormat = 'pdf' | 'pptx' | 'xlsx' | 'html';
