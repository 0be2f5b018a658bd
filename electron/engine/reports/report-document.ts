import type Database from 'better-sqlite3';
import type { QueryResult, TableSchema } from '../../../shared/api/types';
import { statusColor, fishboneSvg } from '../../../shared/board/fishbone-svg';
import { boardFishbone } from '../../../shared/board/fishbone-layout';
import { waterfallFigure } from '../../../shared/board/board-figures';
import { boardValueText, effectText, periodText, segmentText, shareText, STATUS_LABEL } from '../../../shared/board/board-text';
import { categoryName } from '../../../shared/board/board-view';
import { rankedCandidates, waterfallSteps } from '../../../shared/board/explain-candidates';
import { buildKindFigure, type ChartTheme, type Figure } from '../../../shared/chart/chart-figure';
import { fromChartSpec } from '../../../shared/chart/chart-spec-convert';
import { measureTitle } from '../../../shared/chart/chart-text';
import { kpiChange, kpiValueText } from '../../../shared/chart/kpi-format';
import { chartFilterSpec, withFilters } from '../../../shared/chart/plan-filters';
import { valueText } from '../../../shared/chart/pill-text';
import { sheetKinds } from '../../../shared/chart/sheet-kind';
import { sheetQuery, type KpiPlan } from '../../../shared/chart/sheet-query';
import { transposeFigure } from '../../../shared/chart/transpose-figure';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { format, type Locale, type MessageKey, type MessageParams } from '../../../shared/i18n/messages';
import { resultRows, type ResultRow } from '../../../shared/query/result-rows';
import { chartDataTable, measureText, nativeChart, pivotDataTable } from '../../../shared/report/chart-data';
import { parseMarkdown } from '../../../shared/report/markdown';
import { REPORT_DOCUMENT_VERSION, type DocBlock, type DocChart, type DocKpiCard, type DocTable, type ReportDocument } from '../../../shared/report/report-document';
import type { BoardSpec } from '../../../shared/spec/board-spec';
import type { ChartFilter, ChartSpec } from '../../../shared/spec/chart-spec';
import { isSavedChartTile } from '../../../shared/spec/dashboard-spec';
import type { ExplainMetricRequest, ExplainMetricResult, ExplainPeriod } from '../../../shared/spec/explain-spec';
import { dimensionId, type FilterSpec, type QuerySpec } from '../../../shared/spec/query-spec';
import type { ReportBlock, ReportContext, ReportSpec } from '../../../shared/spec/report-spec';
import { getBoard, listBoards } from '../boards/board-store';
import { getChart } from '../documents/saved-charts';
import { getDashboard } from '../documents/saved-dashboards';
import { tableMetrics } from '../metrics/compute-metrics';
import { appliedRoles, getSemanticModel } from '../model/semantic-model';
import { getTableSchema } from '../workbench/table-catalog';

/** Where a report's numbers come from: the workbench, and its query and explainer threads. */
export interface DocumentSources {
  readonly db: Database.Database;
  /** The workbench's file name (printed on the title page and in footers). */
  readonly source: string;
  readonly query: (spec: QuerySpec) => Promise<QueryResult>;
  readonly explain: (request: ExplainMetricRequest) => Promise<ExplainMetricResult>;
  readonly signal?: AbortSignal | undefined;
  /** Blocks read so far, of all. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  readonly now?: (() => Date) | undefined;
}

/** Colours of charts on paper and slides: dark text on white, quiet grid lines. */
export const PRINT_THEME: ChartTheme = {
  text: '#1f2933',
  textMuted: '#52606d',
  grid: '#e4e7eb',
  axis: '#9aa5b1',
  panel: '#ffffff',
  border: '#d9dee3',
  font: '"Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
};

/** Rows a report's table shows at most (the XLSX sheet of the same data holds them all up to the query's limit). */
export const REPORT_TABLE_ROWS = 500;
/** Months of a KPI card's sparkline. */
const KPI_TREND_MONTHS = 12;
const OPEN_ACTION = new Set(['open', 'in-progress']);

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The same number of days just before `period`. */
export function spanBefore(period: ExplainPeriod): ExplainPeriod {
  const days = Math.round((dayOf(period.to) - dayOf(period.from)) / DAY_MS) + 1;
  return { from: isoDay(dayOf(period.from) - days * DAY_MS), to: isoDay(dayOf(period.from) - DAY_MS) };
}

/** A period as words: a whole month as `October 2024` / `2024年10月`, else `Oct 3, 2024 – Oct 17, 2024`. */
export function periodWords(locale: Locale, period: ExplainPeriod): string {
  const from = new Date(dayOf(period.from));
  const month = period.from.slice(0, 7);
  const nextMonth = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  if (period.from.endsWith('-01') && isoDay(nextMonth.getTime() - DAY_MS) === period.to && period.to.startsWith(month)) {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(from);
  }
  const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return period.from === period.to ? day.format(from) : `${day.format(from)} – ${day.format(new Date(dayOf(period.to)))}`;
}

/** Rows of `field` within the period's whole days. */
function periodFilters(field: string, period: ExplainPeriod): FilterSpec[] {
  return [
    { field, op: 'gte', values: [period.from] },
    { field, op: 'lt', values: [isoDay(dayOf(period.to) + DAY_MS)] },
  ];
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new RootwiseError('error.export.cancelled', {});
}

/** Reads one report into a document; one instance per export (it caches schemas and roles). */
class DocumentReader {
  private readonly schemas = new Map<string, TableSchema>();
  private roles: Map<string, ReadonlyMap<string, string>> | undefined;

  constructor(
    private readonly sources: DocumentSources,
    private readonly spec: ReportSpec,
    private readonly locale: Locale,
  ) {}

  private t(key: MessageKey, params?: MessageParams): string {
    return format(this.locale, key, params);
  }

  private schema(table: string): TableSchema {
    let schema = this.schemas.get(table);
    if (schema === undefined) {
      schema = getTableSchema(this.sources.db, table);
      this.schemas.set(table, schema);
    }
    return schema;
  }

  /** The field a period applies to: the table's creation time, else its first date field. */
  private dateField(table: string): string | undefined {
    this.roles ??= new Map(getSemanticModel(this.sources.db).tables.map((t) => [t.table, appliedRoles(t)]));
    return this.roles.get(table)?.get('created_at') ?? this.schema(table).fields.find((f) => f.type === 'date' || f.type === 'datetime')?.name;
  }

  private fieldLabel(table: string, field: string): string {
    return this.schema(table).fields.find((f) => f.name === field)?.label[this.locale] ?? field;
  }

  private filterText(table: string, field: string, filter: ChartFilter): string {
    const label = this.fieldLabel(table, field);
    const values = (list: readonly unknown[]): string => list.map((v) => valueText(this.locale, v as string | number | null)).join(', ');
    switch (filter.op) {
      case 'in':
        return this.t('report.filter.in', { field: label, values: values(filter.values) });
      case 'not_in':
        return this.t('report.filter.notIn', { field: label, values: values(filter.values) });
      case 'between':
        return this.t('report.filter.between', { field: label, from: String(filter.values[0]), to: String(filter.values[1]) });
      case 'last_days':
        return this.t('report.filter.lastDays', { field: label, n: filter.values[0] });
      case 'top':
        return this.t('report.filter.top', { field: label, n: filter.values[0] });
      case 'bottom':
        return this.t('report.filter.bottom', { field: label, n: filter.values[0] });
    }
  }

  /** The lines a block prints about its numbers: the period, and every filter (its own and the chart's). */
  private contextLines(table: string, context: ReportContext, own: readonly { readonly field: string; readonly filter: ChartFilter }[]): string[] {
    const lines: string[] = [];
    if (context.period === null) lines.push(this.t('report.context.allData'));
    else if (this.dateField(table) === undefined) lines.push(this.t('report.context.noDateField', { table: this.schema(table).label[this.locale] }));
    else lines.push(this.t('report.context.period', { period: periodWords(this.locale, context.period) }));
    const filters = [...own, ...context.filters].filter((f) => this.schema(table).fields.some((field) => field.name === f.field));
    if (filters.length > 0) lines.push(this.t('report.context.filters', { filters: filters.map((f) => this.filterText(table, f.field, f.filter)).join('; ') }));
    return lines;
  }

  /** The query filters of a block's context on a table: its filters on fields the table has, and its period. */
  private contextFilters(table: string, context: ReportContext, period: ExplainPeriod | null = context.period): FilterSpec[] {
    const has = (field: string): boolean => this.schema(table).fields.some((f) => f.name === field);
    const filters = context.filters.filter((f) => has(f.field)).map((f) => chartFilterSpec(f.field, f.filter));
    const dateField = this.dateField(table);
    return period === null || dateField === undefined ? filters : [...filters, ...periodFilters(dateField, period)];
  }

  /** The period a KPI compares with: the report's previous one for the report's period, else the same span just before. */
  private previousOf(period: ExplainPeriod): ExplainPeriod {
    const { spec } = this;
    if (spec.period !== null && spec.previous !== null && spec.period.from === period.from && spec.period.to === period.to) return spec.previous;
    return spanBefore(period);
  }

  private async rows(spec: QuerySpec): Promise<{ readonly result: QueryResult; readonly rows: ResultRow[] }> {
    throwIfAborted(this.sources.signal);
    const result = await this.sources.query(spec);
    return { result, rows: resultRows(result) };
  }

  /** KPI cards of a plan (measures only): the period's values, the previous period's, and a monthly sparkline. */
  private async kpiCards(plan: KpiPlan, table: string, context: ReportContext): Promise<DocKpiCard[]> {
    const base = plan.spec;
    const current = await this.rows({ ...base, filters: [...base.filters, ...this.contextFilters(table, context)] });
    const previousPeriod = context.period === null ? null : this.previousOf(context.period);
    const previous = previousPeriod === null ? undefined : await this.rows({ ...base, filters: [...base.filters, ...this.contextFilters(table, context, previousPeriod)] });
    const dateField = this.dateField(table);
    let trend: ResultRow[] = [];
    if (dateField !== undefined) {
      const end = context.period?.to;
      const start = end === undefined ? undefined : isoDay(Date.UTC(Number(end.slice(0, 4)), Number(end.slice(5, 7)) - KPI_TREND_MONTHS, 1));
      const span = end === undefined || start === undefined ? null : { from: start, to: end };
      const month = { field: dateField, timeUnit: 'month' as const };
      trend = (await this.rows({ ...base, dimensions: [month], filters: [...base.filters, ...this.contextFilters(table, { ...context, period: span })], sort: [{ by: dimensionId(month), direction: 'asc' }], limit: 240 })).rows;
    }
    return plan.measures.map((m): DocKpiCard => {
      const column = current.result.columns.find((c) => c.name === m.id);
      const unit = column?.metric?.unit;
      const raw = current.rows[0]?.[m.id];
      const value = typeof raw === 'number' ? raw : null;
      const prevRaw = previous?.rows[0]?.[m.id];
      const prevValue = typeof prevRaw === 'number' ? prevRaw : null;
      const change = kpiChange(this.locale, value, prevValue, unit, column?.metric?.direction);
      const n = current.rows[0]?.[`${m.id}__n`];
      return {
        label: measureTitle(this.locale, m.pill),
        value,
        valueText: kpiValueText(this.locale, value, unit),
        unit,
        ...(change === undefined ? {} : { change: { ...change, previousText: kpiValueText(this.locale, prevValue, unit) } }),
        ...(typeof n === 'number' ? { n } : {}),
        trend: trend.map((row) => {
          const v = row[m.id];
          return typeof v === 'number' ? v : null;
        }),
      };
    });
  }

  /** A chart spec read into a document chart, with the lines saying what it shows. */
  private async chart(spec: ChartSpec, context: ReportContext, extra: readonly FilterSpec[] = []): Promise<{ readonly chart: DocChart; readonly context: string[] } | { readonly missing: string }> {
    if (spec.table === null) return { missing: this.t('report.missing.empty') };
    const table = spec.table;
    const schema = this.schema(table);
    const metrics = tableMetrics(this.sources.db, table).available;
    const { sheet } = fromChartSpec(spec, schema, metrics);
    const { kind } = sheetKinds(sheet, schema);
    const timeField = schema.fields.find((f) => f.kind === 'temporal')?.name;
    const planned = withFilters(sheetQuery(sheet, timeField, kind), [...this.contextFilters(table, context), ...extra]);
    const own = spec.shelves.filters.flatMap((item) => ('field' in item && item.field !== undefined && item.filter !== undefined ? [{ field: item.field, filter: item.filter }] : []));
    const lines = this.contextLines(table, context, own);
    if (planned.kind === 'empty') return { missing: this.t('report.missing.empty') };
    if (planned.kind === 'kpi') {
      const cards = await this.kpiCards(planned.plan, table, { ...context, filters: [] });
      return { chart: { kind: 'kpi', figure: null, native: null, data: kpiTable(this.locale, cards) }, context: lines };
    }
    const { plan } = planned;
    const { result, rows } = await this.rows(plan.spec);
    const units = plan.measures.map((m) => result.columns.find((c) => c.name === m.id)?.metric?.unit);
    if (kind === 'table' || kind === 'pivot') {
      const pivot = plan.extras.pivot;
      const data = pivot === undefined ? chartDataTable(plan, rows, result.columns, this.locale) : pivotDataTable(plan, rows, (await this.rows(pivot.rowTotals)).rows, result.columns, this.locale);
      return { chart: { kind, figure: null, native: null, data: cut(data) }, context: lines };
    }
    const minSamples = Object.fromEntries(result.columns.flatMap((c) => (c.metric === undefined ? [] : [[c.name, c.metric.minSample] as const])));
    const figure = buildKindFigure({ plan, rows, kind, locale: this.locale, theme: PRINT_THEME, minSamples });
    const transposed = spec.options?.transposed === true;
    const native = nativeChart({ kind, figure, plan, rows, locale: this.locale, units, horizontal: transposed });
    const drawn: Figure = transposed ? transposeFigure(figure) : figure;
    return { chart: { kind: figure.mark, figure: drawn, native, data: chartDataTable(plan, rows, result.columns, this.locale) }, context: lines };
  }

  private missing(block: ReportBlock, title: string, message: string): DocBlock {
    return { id: block.id, kind: 'missing', title, context: [], of: block.kind, message };
  }

  async block(block: ReportBlock): Promise<DocBlock> {
    const { db } = this.sources;
    switch (block.kind) {
      case 'title':
        return { id: block.id, kind: 'title', title: block.title, subtitle: block.subtitle, context: [] };
      case 'heading':
        return { id: block.id, kind: 'heading', title: block.text, level: block.level, context: [] };
      case 'text':
        return { id: block.id, kind: 'text', title: firstLine(block.markdown), paragraphs: parseMarkdown(block.markdown), context: [] };
      case 'pageBreak':
        return { id: block.id, kind: 'pageBreak', title: '', context: [] };
      case 'kpis': {
        const title = this.t('report.block.kpis');
        const metrics = new Map(tableMetrics(db, block.table).available.map((m) => [m.id, m.version]));
        const rows = block.metrics.flatMap((id) => {
          const version = metrics.get(id);
          return version === undefined ? [] : [{ metric: id, version }];
        });
        const spec: ChartSpec = { version: 1, table: block.table, kind: 'kpi', shelves: { columns: [], rows, color: [], size: [], label: [], tooltip: [], filters: [] } };
        const planned = sheetQuery(fromChartSpec(spec, this.schema(block.table), tableMetrics(db, block.table).available).sheet);
        if (planned.kind !== 'kpi') return this.missing(block, title, this.t('report.missing.empty'));
        const cards = await this.kpiCards(planned.plan, block.table, block.context);
        return { id: block.id, kind: 'kpis', title, cards, context: this.contextLines(block.table, block.context, []) };
      }
      case 'chart': {
        const saved = 'chartId' in block.chart ? tryRead(() => getChart(db, (block.chart as { chartId: number }).chartId)) : undefined;
        if ('chartId' in block.chart && saved === undefined) return this.missing(block, this.t('report.block.chart'), this.t('report.missing.chart', { id: block.chart.chartId }));
        const spec = saved?.spec ?? (block.chart as { spec: ChartSpec }).spec;
        const title = saved?.name ?? (block.chart as { title: { en: string; 'zh-CN': string } }).title[this.locale];
        const read = await this.chart(spec, block.context);
        if ('missing' in read) return this.missing(block, title, read.missing);
        return { id: block.id, kind: 'chart', title, chart: read.chart, context: read.context };
      }
      case 'table': {
        const title = block.title[this.locale];
        const read = await this.chart(block.spec, block.context);
        if ('missing' in read) return this.missing(block, title, read.missing);
        return { id: block.id, kind: 'table', title, table: cut(read.chart.data), context: read.context };
      }
      case 'dashboard': {
        const dashboard = tryRead(() => getDashboard(db, block.dashboardId));
        if (dashboard === undefined) return this.missing(block, this.t('reports.kind.dashboard'), this.t('report.missing.dashboard', { id: block.dashboardId }));
        const filtersOn = (table: string | null): FilterSpec[] => (table === null ? [] : dashboard.spec.filters.filter((f) => this.schema(table).fields.some((field) => field.name === f.field)).map((f) => chartFilterSpec(f.field, f.filter)));
        let kpis: DocKpiCard[] = [];
        const header = dashboard.spec.header;
        if (header?.table != null) {
          const planned = withFilters(sheetQuery(fromChartSpec(header, this.schema(header.table), tableMetrics(db, header.table).available).sheet), filtersOn(header.table));
          if (planned.kind === 'kpi') kpis = await this.kpiCards(planned.plan, header.table, block.context);
        }
        const charts: { title: string; chart: DocChart }[] = [];
        for (const tile of dashboard.spec.tiles) {
          const saved = isSavedChartTile(tile.chart) ? tryRead(() => getChart(db, (tile.chart as { chartId: number }).chartId)) : undefined;
          const spec = saved?.spec ?? (isSavedChartTile(tile.chart) ? undefined : tile.chart.spec);
          if (spec === undefined) continue;
          const title = saved?.name ?? (isSavedChartTile(tile.chart) ? '' : tile.chart.title[this.locale]);
          const read = await this.chart(spec, block.context, filtersOn(spec.table));
          if ('chart' in read) charts.push({ title, chart: read.chart });
        }
        const table = header?.table ?? dashboard.spec.tiles.map((t) => (isSavedChartTile(t.chart) ? null : t.chart.spec.table)).find((t) => t !== null) ?? null;
        const dashboardFilters = dashboard.spec.filters.map((f) => ({ field: f.field, filter: f.filter }));
        const context = table === null ? [] : this.contextLines(table, block.context, dashboardFilters);
        return { id: block.id, kind: 'dashboard', title: dashboard.name, kpis, charts, context };
      }
      case 'board': {
        const board = tryRead(() => getBoard(db, block.boardId));
        if (board === undefined) return this.missing(block, this.t('reports.kind.board'), this.t('report.missing.board', { id: block.boardId }));
        return this.board(block.id, board.name, board.spec);
      }
      case 'explainer': {
        const board = tryRead(() => getBoard(db, block.boardId));
        if (board === undefined) return this.missing(block, this.t('reports.kind.explainer'), this.t('report.missing.board', { id: block.boardId }));
        return this.explainer(block.id, board.spec);
      }
      case 'actions':
        return this.actions(block.id, block.boardId);
    }
  }

  private metricName(spec: BoardSpec, result?: ExplainMetricResult): string {
    if (result !== undefined) return result.metric.name[this.locale];
    const table = spec.problem.table;
    const found = table === undefined ? undefined : tableMetrics(this.sources.db, table).available.find((m) => m.id === spec.problem.metric);
    return found?.name[this.locale] ?? spec.problem.metric;
  }

  private problemLines(spec: BoardSpec, result?: ExplainMetricResult): string[] {
    const { problem } = spec;
    const lines = [this.t('report.board.problem', { metric: this.metricName(spec, result), after: periodText(problem.periodB), before: periodText(problem.periodA) })];
    if (problem.filters.length > 0) {
      const table = problem.table;
      const label = (field: string): string => (table === undefined ? field : this.fieldLabel(table, field));
      lines.push(this.t('report.board.scope', { scope: segmentText(problem.filters, label, this.t('board.emptyValue')) }));
    }
    return lines;
  }

  private board(id: string, name: string, spec: BoardSpec): DocBlock {
    const layout = boardFishbone(spec, { effect: name, boneName: (c) => categoryName(c, (key, params) => this.t(key, params)) });
    const svg = fishboneSvg(layout, { title: name, statusColor });
    const causes = new Map(spec.causes.map((c) => [c.id, c.text]));
    const rows: string[][] = spec.chains.flatMap((chain) =>
      chain.steps.map((step, i) => [causes.get(chain.causeId) ?? '', this.t('board.why.n', { n: i + 1 }), step.answer, this.t(STATUS_LABEL[step.status])]),
    );
    const whys: DocTable = {
      columns: [
        { label: this.t('report.whys.cause'), type: 'text' },
        { label: this.t('report.whys.step'), type: 'text' },
        { label: this.t('board.why.answer'), type: 'text' },
        { label: this.t('board.status.label'), type: 'text' },
      ],
      rows,
      text: rows,
    };
    return { id, kind: 'board', title: name, problem: this.problemLines(spec), svg, svgSize: { width: layout.width, height: layout.height }, whys, context: [] };
  }

  private async explainer(id: string, spec: BoardSpec): Promise<DocBlock> {
    const { problem } = spec;
    throwIfAborted(this.sources.signal);
    const result = await this.sources.explain({ table: problem.table, metric: problem.metric, periodA: problem.periodA, periodB: problem.periodB, filters: problem.filters });
    const metric = result.metric.name[this.locale];
    const title = this.t('report.block.explainer', { metric });
    const unit = result.metric.unit;
    const label = (field: string): string => result.dimensionLabels.find((d) => d.field === field)?.label[this.locale] ?? field;
    const context = this.problemLines(spec, result);
    const candidates = rankedCandidates(result);
    const candidateRows = candidates.map((c) => [
      segmentText(c.segment, label, this.t('board.emptyValue')),
      c.effect,
      c.share === null ? null : c.share * 100,
      c.a,
      c.b,
      c.nA,
      c.nB,
      c.significance === null ? this.t('board.explain.notTestable') : `p = ${c.significance.pValue.toPrecision(2)}`,
    ]);
    const candidateTable: DocTable = {
      columns: [
        { label: this.t('report.explainer.segment'), type: 'text' },
        { label: this.t('report.explainer.effect'), type: 'number' },
        { label: this.t('report.explainer.share'), type: 'number', unit: 'percent' },
        { label: this.t('board.explain.before'), type: 'number', unit },
        { label: this.t('board.explain.after'), type: 'number', unit },
        { label: this.t('report.explainer.nBefore'), type: 'integer', detail: true },
        { label: this.t('report.explainer.nAfter'), type: 'integer', detail: true },
        { label: this.t('report.explainer.significance'), type: 'text' },
      ],
      rows: candidateRows,
      text: candidates.map((c, i) => [
        String(candidateRows[i]![0]),
        effectText(this.locale, c.effect, unit),
        shareText(c.share, this.locale),
        boardValueText(this.locale, c.a, unit),
        boardValueText(this.locale, c.b, unit),
        measureText(this.locale, c.nA, 'count'),
        measureText(this.locale, c.nB, 'count'),
        String(candidateRows[i]![7]),
      ]),
    };
    const decomposition = result.dimensions.find((d) => d.dimension === result.adtributor[0]?.dimension) ?? result.dimensions[0];
    const steps = decomposition === undefined ? [] : waterfallSteps(decomposition, result.total, { before: this.t('board.explain.before'), after: this.t('board.explain.after'), rest: this.t('board.explain.rest'), empty: this.t('board.emptyValue') });
    const figure = steps.length === 0 || decomposition === undefined ? null : waterfallFigure(steps, { locale: this.locale, unit, theme: PRINT_THEME, highlight: null, title: label(decomposition.dimension) });
    const stepRows = steps.map((s) => [s.label, s.value]);
    const chart: DocChart = {
      kind: 'waterfall',
      figure,
      native: null,
      data: {
        columns: [
          { label: decomposition === undefined ? this.t('report.explainer.segment') : label(decomposition.dimension), type: 'text' },
          { label: this.t('report.explainer.effect'), type: 'number', unit },
        ],
        rows: stepRows,
        text: steps.map((s) => [s.label, s.measure === 'relative' ? effectText(this.locale, s.value, unit) : boardValueText(this.locale, s.value, unit)]),
      },
    };
    const { total } = result;
    const summary =
      result.status !== 'ok' || total.delta === null
        ? [this.t('report.explainer.noData')]
        : [this.t('report.explainer.summary', { metric, a: boardValueText(this.locale, total.a, unit), b: boardValueText(this.locale, total.b, unit), change: effectText(this.locale, total.delta, unit) })];
    return { id, kind: 'explainer', title, summary, chart, candidates: candidateTable, context };
  }

  private actions(id: string, boardId: number | null): DocBlock {
    const { db } = this.sources;
    const boards = boardId === null ? listBoards(db).map((b) => getBoard(db, b.id)) : [getBoard(db, boardId)];
    const rows: (string | null)[][] = [];
    const text: string[][] = [];
    for (const board of boards) {
      const causes = new Map(board.spec.causes.map((c) => [c.id, c.text]));
      for (const step of board.spec.chains.flatMap((c) => c.steps)) causes.set(step.id, step.answer);
      for (const action of board.spec.actions) {
        if (boardId === null && !OPEN_ACTION.has(action.status)) continue;
        const kind = this.t(`board.actionKind.${action.kind}`);
        const status = this.t(`board.actionStatus.${action.status}`);
        const addresses = action.addresses === null ? '' : (causes.get(action.addresses) ?? '');
        rows.push([action.title, kind, action.owner, action.due, status, addresses, action.effectiveFrom, board.name]);
        text.push([action.title, kind, action.owner, action.due ?? '', status, addresses, action.effectiveFrom ?? '', board.name]);
      }
    }
    const table: DocTable = {
      columns: [
        { label: this.t('board.actions.title'), type: 'text' },
        { label: this.t('board.actions.kind'), type: 'text' },
        { label: this.t('board.actions.owner'), type: 'text' },
        { label: this.t('board.actions.due'), type: 'date' },
        { label: this.t('board.actions.status'), type: 'text' },
        { label: this.t('board.actions.addresses'), type: 'text' },
        { label: this.t('board.actions.effectiveFrom'), type: 'date' },
        { label: this.t('report.actions.board'), type: 'text' },
      ],
      rows,
      text,
    };
    return { id, kind: 'actions', title: this.t('report.block.actions'), table, context: [] };
  }
}

/** KPI cards as a table (for the XLSX sheet and a table slide). */
function kpiTable(locale: Locale, cards: readonly DocKpiCard[]): DocTable {
  const label = (key: MessageKey): string => format(locale, key);
  return {
    columns: [
      { label: label('report.kpi.metric'), type: 'text' },
      { label: label('report.kpi.value'), type: 'number' },
    ],
    rows: cards.map((c) => [c.label, c.value]),
    text: cards.map((c) => [c.label, c.valueText]),
  };
}

/** A table cut to the rows a page shows, saying how many there were. */
function cut(table: DocTable): DocTable {
  if (table.rows.length <= REPORT_TABLE_ROWS) return table;
  return { ...table, rows: table.rows.slice(0, REPORT_TABLE_ROWS), text: table.text.slice(0, REPORT_TABLE_ROWS), totalRows: table.rows.length };
}

function firstLine(markdown: string): string {
  const line = markdown.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.replace(/^#+\s*/, '').replace(/[*_`]/g, '').trim().slice(0, 80);
}

/** A stored document, or undefined when it is no longer there (the report says so in its place). */
function tryRead<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof RootwiseError && /\.notFound$/.test(error.key)) return undefined;
    throw error;
  }
}

/**
 * Reads a report's numbers into a document in one language: every chart's query, KPI and
 * explainer run through the engine's threads, block after block, with progress and cancellation
 * between blocks. A block whose chart, dashboard or board is gone is kept as a note saying so.
 */
export async function buildReportDocument(sources: DocumentSources, report: { readonly name: string; readonly spec: ReportSpec }, locale: Locale): Promise<ReportDocument> {
  const reader = new DocumentReader(sources, report.spec, locale);
  const blocks: DocBlock[] = [];
  const total = report.spec.blocks.length;
  for (const block of report.spec.blocks) {
    throwIfAborted(sources.signal);
    blocks.push(await reader.block(block));
    sources.onProgress?.(blocks.length, total);
  }
  const { period, previous } = report.spec;
  return {
    version: REPORT_DOCUMENT_VERSION,
    title: report.name,
    locale,
    page: report.spec.page,
    periodText: period === null ? null : previous === null ? periodWords(locale, period) : format(locale, 'report.periodText', { period: periodWords(locale, period), previous: periodWords(locale, previous) }),
    source: sources.source,
    generatedAt: (sources.now?.() ?? new Date()).toISOString(),
    blocks,
  };
}
