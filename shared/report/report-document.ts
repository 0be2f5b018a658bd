import type { Locale } from '../i18n/messages';
import type { KpiChangeTone } from '../chart/kpi-format';
import type { Figure } from '../chart/chart-figure';
import type { ChartKind } from '../chart/show-me';
import type { MetricUnit } from '../metrics/metric-definition';
import type { ReportBlockKind, ReportPage } from '../spec/report-spec';

/**
 * A report with its numbers read: what every exporter (PDF, HTML, PPTX, XLSX) draws from. The
 * engine builds it from a `ReportSpec` in one language (`electron/engine/reports/report-document.ts`);
 * the exporters only lay it out, so every format says the same thing. Texts are final (in the
 * document's language); cells keep their raw value next to the text shown, so XLSX keeps types.
 */
export const REPORT_DOCUMENT_VERSION = 1;

/** How a column's values are typed in a spreadsheet. */
export type DocColumnType = 'text' | 'integer' | 'number' | 'date' | 'datetime';

export interface DocColumn {
  readonly label: string;
  readonly type: DocColumnType;
  /** A metric's unit: percent values are 0–100 (a spreadsheet shows them as `0.0"%"`). */
  readonly unit?: MetricUnit | undefined;
  /** A column that only qualifies another (a metric's n): drawn quieter. */
  readonly detail?: boolean | undefined;
}

/** A raw cell: dates and datetimes are ISO text (`2024-10-01`, `2024-10-01T08:30:00`). */
export type DocValue = string | number | null;

/** A table as every format draws it: typed raw values and the text the window would show. */
export interface DocTable {
  readonly columns: readonly DocColumn[];
  readonly rows: readonly (readonly DocValue[])[];
  /** `rows` as shown (same shape). */
  readonly text: readonly (readonly string[])[];
  /** Set when the rows were cut: how many there were in all. */
  readonly totalRows?: number | undefined;
  /** Rows that are subtotals or totals (pivot tables), drawn bold. */
  readonly totalRowIndexes?: readonly number[] | undefined;
}

/** The kinds PowerPoint (and Keynote, LibreOffice) draw as native, editable charts. */
export type NativeChartType = 'bar' | 'line' | 'area' | 'pie' | 'doughnut' | 'scatter';

/** A chart in the terms a native office chart takes: categories and one value per category per series. */
export interface NativeChart {
  readonly type: NativeChartType;
  /** Bars: side by side, stacked, or stacked to 100 %. */
  readonly grouping?: 'clustered' | 'stacked' | 'percentStacked' | undefined;
  /** Bars along the side (the axes swapped). */
  readonly horizontal?: boolean | undefined;
  /** Category labels (for a scatter: the x values as text, `series[i].x` holds them as numbers). */
  readonly categories: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly (number | null)[]; readonly x?: readonly (number | null)[] | undefined }[];
  readonly valueAxisTitle?: string | undefined;
  readonly categoryAxisTitle?: string | undefined;
  /** An Excel number format for the values (`0.0"%"`, `#,##0`). */
  readonly numberFormat: string;
}

/** A chart: its plotly figure (HTML and PDF, and the picture where no native chart fits), the native
 * form when an office chart can draw it, and the data behind it. */
export interface DocChart {
  /** The kind drawn. */
  readonly kind: ChartKind;
  readonly figure: Figure | null;
  readonly native: NativeChart | null;
  /** KPI cards, tables and pivots are not plotly figures: they are drawn from `data`. */
  readonly data: DocTable;
}

export interface DocKpiCard {
  readonly label: string;
  readonly value: number | null;
  readonly valueText: string;
  readonly unit?: MetricUnit | undefined;
  /** The change on the period before, and that period's value as text (`1,927`). */
  readonly change?: { readonly text: string; readonly tone: KpiChangeTone; readonly previousText: string } | undefined;
  readonly n?: number | undefined;
  /** The metric month by month, oldest first (a sparkline). */
  readonly trend: readonly (number | null)[];
}

/** Inline runs of a line of Markdown text. */
export interface DocRun {
  readonly text: string;
  readonly bold?: boolean | undefined;
  readonly italic?: boolean | undefined;
}

export type DocParagraph =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly runs: readonly DocRun[] }
  | { readonly kind: 'paragraph'; readonly runs: readonly DocRun[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly (readonly DocRun[])[] };

interface DocBlockBase {
  readonly id: string;
  /** What the block is called (in the table of contents, a slide's title, a sheet's name). */
  readonly title: string;
  /** Lines saying which period and filters the numbers use ("Period: …", "Filters: …"); empty for text blocks. */
  readonly context: readonly string[];
}

export type DocBlock =
  | (DocBlockBase & { readonly kind: 'title'; readonly subtitle: string })
  | (DocBlockBase & { readonly kind: 'heading'; readonly level: 1 | 2 })
  | (DocBlockBase & { readonly kind: 'text'; readonly paragraphs: readonly DocParagraph[] })
  | (DocBlockBase & { readonly kind: 'kpis'; readonly cards: readonly DocKpiCard[] })
  | (DocBlockBase & { readonly kind: 'chart'; readonly chart: DocChart })
  | (DocBlockBase & { readonly kind: 'dashboard'; readonly kpis: readonly DocKpiCard[]; readonly charts: readonly { readonly title: string; readonly chart: DocChart }[] })
  | (DocBlockBase & { readonly kind: 'table'; readonly table: DocTable })
  /** A fishbone (SVG text, drawn by `shared/board/fishbone-svg.ts`), the problem and the 5-Why chains. */
  | (DocBlockBase & { readonly kind: 'board'; readonly problem: readonly string[]; readonly svg: string; readonly svgSize: { readonly width: number; readonly height: number }; readonly whys: DocTable })
  /** The change explainer: the waterfall from before to after, and the ranked candidate causes. */
  | (DocBlockBase & { readonly kind: 'explainer'; readonly summary: readonly string[]; readonly chart: DocChart; readonly candidates: DocTable })
  | (DocBlockBase & { readonly kind: 'actions'; readonly table: DocTable })
  | (DocBlockBase & { readonly kind: 'pageBreak' })
  /** A block whose data could not be read (a chart deleted since): the report says so in its place. */
  | (DocBlockBase & { readonly kind: 'missing'; readonly of: ReportBlockKind; readonly message: string });

export type DocBlockKind = DocBlock['kind'];

export interface ReportDocument {
  readonly version: typeof REPORT_DOCUMENT_VERSION;
  readonly title: string;
  readonly locale: Locale;
  readonly page: ReportPage;
  /** The report's period and the one it is compared with, as a line ("October 2024 vs September 2024"); null when it has none. */
  readonly periodText: string | null;
  /** The workbench's file name. */
  readonly source: string;
  /** When the numbers were read (ISO). */
  readonly generatedAt: string;
  readonly blocks: readonly DocBlock[];
}

/** The bytes of an exported report, with the file name it suggests. */
export interface ExportedReport {
  readonly name: string;
  readonly bytes: Uint8Array;
}
