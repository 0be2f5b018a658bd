import type { ExplainMetricRequest, ExplainMetricResult } from '../spec/explain-spec';
import type { ActionFollowUp, ActionFollowUpRequest, EvidenceSnapshot, SegmentSnapshotRequest } from '../spec/board-spec';
import type { MetricDefinition, MetricInput } from '../metrics/metric-definition';
import type { SlaPolicy } from '../metrics/sla-policy';
import type { MetricReport, MetricRequest } from '../metrics/metric-report';
import type { CalendarDefinition } from '../model/calendar';
import type { FieldRole } from '../model/field-roles';
import type { PauseModel, PauseRule } from '../model/pause-rule';
import type { DrillPath, FieldRef, Relationship, SemanticModel, TableModel } from '../model/semantic-model';
import type { FilterSpec, QuerySpec } from '../spec/query-spec';
import type { ChartSpec, ChartSummary, SavedChart } from '../spec/chart-spec';
import type { DashboardSpec, DashboardSummary, SavedDashboard } from '../spec/dashboard-spec';
import type { BoardAttachment, BoardImageMime, BoardRevision, BoardSpec, BoardSummary, SavedBoard } from '../spec/board-spec';
import type { ReportFormat, ReportSpec, ReportSummary, SavedReport } from '../spec/report-spec';
import type { ApiErrorPayload } from '../errors/rootwise-error';
import type { RecipeRunReport, RecipeSpec, ClusterMethodName } from '../spec/recipe-spec';
import type { DroppedRows, RecipePreview, RecipeState, RefreshConfirmation, SourceRefreshReport } from '../spec/recipe-preview';
import type { SynonymDictionaryView } from '../cleaning/synonym-dictionary';
import type { ColumnPiiProfile } from '../cleaning/pii';
import type { ValueCluster } from '../cleaning/cluster-values';
import type { TableProfile } from '../spec/table-profile';
import type {
  AppendTarget,
  CellValue,
  ColumnType,
  FieldInfo,
  ColumnTypeChoice,
  Delimiter,
  ImportPreview,
  TextEncoding,
  ImportReport,
  ImportSource,
  JobProgress,
  LocalizedText,
  MenuCommand,
  QueryResult,
  RejectRecord,
  RowSortKey,
  RowsPage,
  ColumnStats,
  TableRowsPage,
  ValueCount,
  TableSchema,
  TableSummary,
  WorkbenchInfo,
} from './types';

/** How to read a file for an import or its preview; every choice absent is detected. */
export interface ImportReading {
  readonly source: ImportSource;
  /** Overrides the detected encoding. */
  readonly encoding?: TextEncoding | undefined;
  /** Overrides the sniffed delimiter (delimited text). */
  readonly delimiter?: Delimiter | undefined;
  /** Records to skip before the header; absent = find the header (title rows above it are skipped). */
  readonly skipRows?: number | undefined;
  /** The sheet of an Excel workbook to import; absent = the first visible sheet that has data. */
  readonly sheet?: string | undefined;
  /** Append to this existing table instead of creating one. */
  readonly appendTo?: AppendTarget | undefined;
}

/**
 * The whole Rootwise API. Every method takes one JSON-safe request object (byte arrays are
 * `Uint8Array`) and resolves to a JSON-safe result. The engine implements it; the Electron preload
 * and the loopback host expose it unchanged; the renderer only ever sees this interface.
 */
export interface RootwiseApi {
  /** Creates a new workbench file and makes it the open one. With `demo`, fills it with the seeded demo dataset. */
  createWorkbench(req: { readonly path: string; readonly demo?: { readonly rows: number; readonly seed: number } | undefined }): Promise<WorkbenchInfo>;
  /** Opens an existing workbench; an older file is backed up and migrated, a newer one refused. */
  openWorkbench(req: { readonly path: string }): Promise<WorkbenchInfo>;
  /** Writes a consistent copy of the open workbench to `path` and continues in the copy. */
  saveWorkbenchAs(req: { readonly path: string }): Promise<WorkbenchInfo>;
  /** The open workbench, or null when none is open. */
  getWorkbenchInfo(req: Record<string, never>): Promise<WorkbenchInfo | null>;
  listTables(req: Record<string, never>): Promise<readonly TableSummary[]>;
  getTableSchema(req: { readonly table: string }): Promise<TableSchema>;
  previewRows(req: { readonly table: string; readonly offset?: number | undefined; readonly limit?: number | undefined }): Promise<RowsPage>;
  /** A page of a table's rows (calculated fields included) in the order of `sort` and under
   * `filters` (compiled as a query's filters), with the number of rows under the filters. Any page
   * of a million rows answers quickly: the order is worked out once per data version and kept. */
  readRows(req: {
    readonly table: string;
    readonly offset?: number | undefined;
    readonly limit?: number | undefined;
    readonly sort?: readonly RowSortKey[] | undefined;
    readonly filters?: readonly FilterSpec[] | undefined;
  }): Promise<TableRowsPage>;
  /** A field's profile over the rows under `filters`: counts, min and max, mean and median of
   * numbers, the most frequent values, and a histogram of numbers and dates. */
  columnStats(req: { readonly table: string; readonly field: string; readonly filters?: readonly FilterSpec[] | undefined }): Promise<ColumnStats>;
  /** A field's values under `filters` with their row counts, most first (NULL left out), those
   * containing `search` only; `distinct` counts every value that matches, beyond `limit`. */
  columnValues(req: {
    readonly table: string;
    readonly field: string;
    readonly filters?: readonly FilterSpec[] | undefined;
    readonly search?: string | undefined;
    readonly limit?: number | undefined;
  }): Promise<{ readonly values: readonly ValueCount[]; readonly distinct: number }>;
  /** Reads the start of a file as `importFile` would read it, writing nothing: encoding, delimiter,
   * header, column types and the first rows, so the user can adjust them before importing. */
  previewImport(req: ImportReading): Promise<ImportPreview>;
  /** Imports delimited text (encoding and delimiter detected), JSON or one sheet of an Excel workbook
   * into a new table, or appends it to an existing one, in one transaction; progress arrives as
   * `onDidReportProgress` with `jobId`. */
  importFile(
    req: ImportReading & {
      readonly table?: string | undefined;
      readonly jobId?: string | undefined;
      /** Column types chosen by the user, by the column's name in the file. */
      readonly columnTypes?: Readonly<Record<string, ColumnTypeChoice>> | undefined;
    },
  ): Promise<ImportReport>;
  /** The rows and values that imports could not take, with line and column. */
  listRejects(req: {
    readonly importId?: number | undefined;
    /** Only the rejects of imports into this table. */
    readonly table?: string | undefined;
    readonly offset?: number | undefined;
    readonly limit?: number | undefined;
  }): Promise<{ readonly total: number; readonly rejects: readonly RejectRecord[] }>;
  /** Runs a query spec off the engine's thread; the rows come back as Arrow IPC bytes. A repeated
   * question on unchanged data answers from memory; a newer query on the same `channel` (one chart
   * being edited) cancels an older one still running, which fails with `error.query.superseded`. */
  query(req: { readonly spec: QuerySpec; readonly channel?: string | undefined }): Promise<QueryResult>;
  /** The semantic model: every table's field roles (confirmed, or suggested from names, types and
   * ranges) and the relationships between tables (confirmed, or suggested from shared key roles). */
  getModel(req: Record<string, never>): Promise<SemanticModel>;
  /** Confirms roles of a table's fields: role → field, or null for "no field plays this role". */
  setFieldRoles(req: { readonly table: string; readonly roles: Readonly<Partial<Record<FieldRole, string | null>>> }): Promise<TableModel>;
  /** Adds or changes a calculated field: a row-level formula on the table's fields (checked, never pasted into SQL). */
  setCalculatedField(req: { readonly table: string; readonly name: string; readonly label?: string | undefined; readonly expression: string }): Promise<FieldInfo>;
  removeCalculatedField(req: { readonly table: string; readonly name: string }): Promise<{ readonly removed: true }>;
  /** The values a formula gives on a table's first rows, and its type; saves nothing. */
  previewFormula(req: { readonly table: string; readonly expression: string; readonly limit?: number | undefined }): Promise<{ readonly type: ColumnType; readonly values: readonly CellValue[] }>;
  /** Forgets a table's confirmed roles, so they are suggested again. */
  resetFieldRoles(req: { readonly table: string }): Promise<TableModel>;
  /** Rows of `from.table` point at rows of `to.table` through these fields; reports cardinality and match share. */
  addRelationship(req: { readonly from: FieldRef; readonly to: FieldRef }): Promise<Relationship>;
  removeRelationship(req: { readonly id: number }): Promise<{ readonly removed: true }>;
  /** Saves a drill path of a table (fields coarse to fine, e.g. region → city); with `id`, changes that one. */
  setDrillPath(req: { readonly table: string; readonly id?: number | undefined; readonly label: LocalizedText; readonly fields: readonly string[] }): Promise<DrillPath>;
  removeDrillPath(req: { readonly id: number }): Promise<{ readonly removed: true }>;
  /** The business calendar working minutes are counted in (mainland China's until another is saved). */
  getCalendar(req: Record<string, never>): Promise<CalendarDefinition>;
  /** Saves a business calendar in the workbench (checked first) and counts business hours in it. */
  setCalendar(req: { readonly calendar: CalendarDefinition }): Promise<CalendarDefinition>;
  /** The metric catalogue (指标中心): every metric's definition, formula, unit and required roles. */
  listMetrics(req: Record<string, never>): Promise<readonly MetricDefinition[]>;
  /** Saves a metric of the user's own as the next version of its definition (formulas checked first). */
  saveMetric(req: { readonly definition: MetricInput }): Promise<MetricDefinition>;
  /** Takes a metric of the user's own out of the catalogue (charts keep computing the version they recorded); answers its last definition, which saving again restores. */
  removeMetric(req: { readonly id: string }): Promise<MetricDefinition>;
  /** The SLA targets per priority and channel that SLA metrics are counted against (null: none set). */
  getSlaPolicy(req: Record<string, never>): Promise<SlaPolicy | null>;
  setSlaPolicy(req: { readonly policy: SlaPolicy }): Promise<SlaPolicy>;
  /** When tickets wait for the customer (from a status events table), so that the service clock stops: the rule in use, where it came from, and the statuses to choose from. */
  getPauseRule(req: Record<string, never>): Promise<PauseModel>;
  /** Sets the pause rule, turns pauses off, or returns to the suggested rule. */
  setPauseRule(req: { readonly rule: PauseRule | 'off' | 'suggested' }): Promise<PauseModel>;
  /** The catalogue metrics a table's roles allow (for the field panel), and the roles the others lack. */
  tableMetrics(req: { readonly table: string }): Promise<{ readonly available: readonly MetricDefinition[]; readonly unavailable: readonly { readonly metric: string; readonly missing: readonly FieldRole[] }[] }>;
  /** The saved charts (sheets), in the order of their tabs. */
  listCharts(req: Record<string, never>): Promise<readonly ChartSummary[]>;
  getChart(req: { readonly id: number }): Promise<SavedChart>;
  /** Saves a chart: a new one (the last tab) without `id`, else that one; autosave calls it after every change. */
  saveChart(req: { readonly id?: number | undefined; readonly name: string; readonly spec: ChartSpec }): Promise<SavedChart>;
  deleteChart(req: { readonly id: number }): Promise<{ readonly removed: true }>;
  /** Puts the tabs in this order (every saved chart's id, once). */
  orderCharts(req: { readonly ids: readonly number[] }): Promise<readonly ChartSummary[]>;
  /** The dashboards: the Service overview first, then the user's in the order they were made. */
  listDashboards(req: Record<string, never>): Promise<readonly DashboardSummary[]>;
  getDashboard(req: { readonly id: number }): Promise<SavedDashboard>;
  /** Saves a dashboard: a new one without `id`, else that one; autosave calls it after every change. */
  saveDashboard(req: { readonly id?: number | undefined; readonly name: string; readonly spec: DashboardSpec }): Promise<SavedDashboard>;
  deleteDashboard(req: { readonly id: number }): Promise<{ readonly removed: true }>;
  /** The root-cause boards, in the order they were made. */
  listBoards(req: Record<string, never>): Promise<readonly BoardSummary[]>;
  getBoard(req: { readonly id: number }): Promise<SavedBoard>;
  /** Saves a board as its next revision (a new one without `id`), recording `summary` in its history.
   * With `baseRevision`, fails with `error.board.conflict` when another window saved after that
   * revision. The spec's references (bones, parents, chains, addressed causes, images) are checked. */
  saveBoard(req: {
    readonly id?: number | undefined;
    readonly name: string;
    readonly spec: BoardSpec;
    readonly summary: string;
    readonly baseRevision?: number | undefined;
  }): Promise<SavedBoard>;
  /** Removes a board with its history and attachments. */
  deleteBoard(req: { readonly id: number }): Promise<{ readonly removed: true }>;
  /** A board's history (its last 500 revisions), newest first. */
  listBoardRevisions(req: { readonly id: number }): Promise<readonly BoardRevision[]>;
  /** The board as it was at a revision; restoring it is saving that spec as a new revision. */
  getBoardRevision(req: { readonly id: number; readonly revision: number }): Promise<SavedBoard>;
  /** Stores a PNG, JPEG, GIF or WebP image (recognised from its bytes, at most 5 MB) with a board, for image evidence. */
  addBoardAttachment(req: { readonly boardId: number; readonly name: string; readonly bytes: Uint8Array }): Promise<BoardAttachment>;
  getBoardAttachment(req: { readonly id: number }): Promise<{ readonly name: string; readonly mime: BoardImageMime; readonly bytes: Uint8Array }>;
  /** The reports, in the order they were made. */
  listReports(req: Record<string, never>): Promise<readonly ReportSummary[]>;
  getReport(req: { readonly id: number }): Promise<SavedReport>;
  /** Saves a report: a new one without `id` (made from `template`, if any), else that one (whose
   * template stays the one it was made from). Fails naming the block when two blocks share an id or
   * a block shows a chart, dashboard or board that is not in the workbench. */
  saveReport(req: { readonly id?: number | undefined; readonly name: string; readonly spec: ReportSpec; readonly template?: 'monthly-review' | null | undefined }): Promise<SavedReport>;
  deleteReport(req: { readonly id: number }): Promise<{ readonly removed: true }>;
  /** Makes and saves a report: the monthly service review (月度服务复盘) of `period` (YYYY-MM; default
   * the last month with tickets), named in `locale`, or a blank one. The review fails with
   * `error.report.noTicketTable` when no table has the ticket roles. */
  createReportFromTemplate(req: { readonly template: 'monthly-review' | 'blank'; readonly period?: string | undefined; readonly locale: 'en' | 'zh-CN' }): Promise<SavedReport>;
  /** Exports a saved report, or the Monthly service review made on the fly for `period` (default: the
   * last month with tickets), as PDF, PPTX, XLSX or HTML in one language; an XLSX also holds the
   * workbench `tables` named. Progress arrives as `onDidReportProgress` (kind `export`) with `jobId`,
   * and `cancelJob` stops it. With `path` (the desktop app's save dialog) the file is written there
   * whole or not at all and no bytes come back. In share-safe mode personal data in the clear is refused. */
  exportReport(req: {
    readonly report: { readonly id: number } | { readonly template: 'monthly-review'; readonly period?: string | undefined };
    readonly format: ReportFormat;
    readonly locale: 'en' | 'zh-CN';
    readonly jobId?: string | undefined;
    readonly path?: string | undefined;
    readonly tables?: readonly string[] | undefined;
  }): Promise<{ readonly name: string; readonly size: number; readonly bytes: Uint8Array | null }>;
  /** One chart (a saved one, or a spec with its title) as CSV (its data, typed as the engine gave it,
   * formula-like cells neutralised), PNG (drawn at twice its size with the app's fonts) or SVG (fonts
   * inlined); tables and pivots as CSV or PNG. Refused in share-safe mode when it shows personal data. */
  exportChart(req: {
    readonly chart: { readonly chartId: number } | { readonly spec: ChartSpec; readonly title: LocalizedText };
    readonly format: 'csv' | 'png' | 'svg';
    readonly locale: 'en' | 'zh-CN';
  }): Promise<{ readonly name: string; readonly bytes: Uint8Array }>;
  /** The Service overview (服务总览), generated from the tickets table's roles the first time (or again
   * with `regenerate`), named in `locale`; fails with `error.dashboard.noTicketTable` when no table has them. */
  serviceOverview(req: { readonly regenerate?: boolean | undefined; readonly locale: 'en' | 'zh-CN' }): Promise<SavedDashboard>;
  /** Computes catalogue metrics with their n and 95 % interval, on the tables whose roles they need. */
  computeMetrics(req: MetricRequest): Promise<MetricReport>;
  /** Why a metric moved between two periods: its change split over the table's dimensions, ranked, with the combinations of values that explain it. */
  explainChange(req: ExplainMetricRequest): Promise<ExplainMetricResult>;
  /** The numbers behind a segment of a board's problem, to freeze as evidence: its values and n in
   * both periods, its part of the change, the test of its own change and a sparkline. */
  snapshotSegment(req: SegmentSnapshotRequest): Promise<EvidenceSnapshot>;
  /** Did an action move its metric: before against after the day it took effect, tested, with a control chart and a verdict. */
  followUpAction(req: ActionFollowUpRequest): Promise<ActionFollowUp>;
  /** Every table's recipe (the latest version each), with what its last run did. */
  listRecipes(req: Record<string, never>): Promise<readonly RecipeState[]>;
  /** A table's recipe, its dataflow (schema and problems after every step) and its last run. */
  getRecipe(req: { readonly source: string }): Promise<RecipeState>;
  /** Saves a recipe as its table's next version (nothing is overwritten); the Clean workspace saves after every change. */
  saveRecipe(req: { readonly spec: RecipeSpec }): Promise<RecipeState>;
  /** The rows before and after one step, on the first rows of the source; writes nothing. */
  previewRecipe(req: { readonly spec: RecipeSpec; readonly stepId: string; readonly limit?: number | undefined }): Promise<RecipePreview>;
  /** Runs a table's saved recipe into its clean table in one transaction, as a job (progress as
   * `onDidReportProgress`, stopped by `cancelJob`). */
  runRecipe(req: { readonly source: string; readonly jobId?: string | undefined }): Promise<RecipeRunReport>;
  /** Near-duplicate values of a column at a point of a recipe (before `beforeStep`, or after all steps). */
  clusterRecipeValues(req: {
    readonly spec: RecipeSpec;
    readonly beforeStep?: string | undefined;
    readonly column: string;
    readonly method: ClusterMethodName;
  }): Promise<{ readonly clusters: readonly ValueCluster[]; readonly distinct: number }>;
  /** Personal data found in each text column at a point of a recipe, from a sample of values. */
  detectRecipePii(req: { readonly spec: RecipeSpec; readonly beforeStep?: string | undefined }): Promise<readonly (ColumnPiiProfile & { readonly column: string })[]>;
  /** Next month's export of a source: its columns mapped onto the source's (remembered renames,
   * synonyms, values), its rows appended and the recipe replayed, in one transaction, with how the
   * clean table changes. `dryRun` reports all of it and keeps nothing. `confirmed` is the user's
   * word on columns of the file (over the mapping's own matches too); it is remembered on commit. */
  refreshSource(
    req: Omit<ImportReading, 'appendTo'> & {
      readonly into: string;
      readonly dryRun?: boolean | undefined;
      readonly jobId?: string | undefined;
      readonly confirmed?: readonly RefreshConfirmation[] | undefined;
    },
  ): Promise<SourceRefreshReport>;
  /** The synonyms of every service role (built-in and the user's), with which built-in ones were removed. */
  getSynonymDictionary(req: Record<string, never>): Promise<SynonymDictionaryView>;
  /** Adds a synonym to a role or removes one (a removed built-in one comes back when added again). */
  saveSynonymDictionary(req: { readonly change: 'add' | 'remove'; readonly role: FieldRole; readonly synonym: string }): Promise<SynonymDictionaryView>;
  /** The data-quality profile of a table (nulls, distinct values, patterns, ranges, outliers, values
   * breaking the type or the roles, a score), worked out as a job away from the window. */
  profileTable(req: { readonly table: string; readonly jobId?: string | undefined }): Promise<TableProfile>;
  /** A table as CSV bytes (UTF-8, formulas neutralised); refused in share-safe mode while personal
   * data in it is not masked. */
  exportTable(req: { readonly table: string }): Promise<{ readonly name: string; readonly bytes: Uint8Array }>;
  /** A page of the rows a step of a table's saved recipe leaves out (filter, dedupe, unpivot), as
   * they entered it, with their total over the whole source; worked out on demand, writing nothing. */
  listDroppedRows(req: { readonly source: string; readonly stepId: string; readonly offset: number; readonly limit: number }): Promise<DroppedRows>;
  /** Every row a step leaves out as CSV, its source row number first; refused in share-safe mode as exportTable is. */
  exportDroppedRows(req: { readonly source: string; readonly stepId: string }): Promise<{ readonly name: string; readonly bytes: Uint8Array }>;
  /** Share-safe mode: when on, exports refuse personal data that is not masked. */
  getShareSafe(req: Record<string, never>): Promise<{ readonly on: boolean }>;
  setShareSafe(req: { readonly on: boolean }): Promise<{ readonly on: boolean }>;
  /** Asks a running job to stop; it then rolls back and reports `cancelled`. */
  cancelJob(req: { readonly jobId: string }): Promise<{ readonly cancelled: boolean }>;
}

export type ApiMethod = keyof RootwiseApi;
export type ApiRequest<M extends ApiMethod> = Parameters<RootwiseApi[M]>[0];
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<RootwiseApi[M]>>;

/** The method names, in one list that IPC registration, the preload and the host iterate. */
export const API_METHODS = [
  'createWorkbench',
  'openWorkbench',
  'saveWorkbenchAs',
  'getWorkbenchInfo',
  'listTables',
  'getTableSchema',
  'previewRows',
  'readRows',
  'columnStats',
  'columnValues',
  'previewImport',
  'importFile',
  'listRejects',
  'query',
  'getModel',
  'setFieldRoles',
  'resetFieldRoles',
  'setCalculatedField',
  'removeCalculatedField',
  'previewFormula',
  'addRelationship',
  'removeRelationship',
  'setDrillPath',
  'removeDrillPath',
  'getCalendar',
  'setCalendar',
  'listMetrics',
  'saveMetric',
  'removeMetric',
  'getSlaPolicy',
  'setSlaPolicy',
  'getPauseRule',
  'setPauseRule',
  'computeMetrics',
  'explainChange',
  'snapshotSegment',
  'followUpAction',
  'tableMetrics',
  'listCharts',
  'getChart',
  'saveChart',
  'deleteChart',
  'orderCharts',
  'listDashboards',
  'getDashboard',
  'saveDashboard',
  'deleteDashboard',
  'listBoards',
  'getBoard',
  'saveBoard',
  'deleteBoard',
  'listBoardRevisions',
  'getBoardRevision',
  'addBoardAttachment',
  'getBoardAttachment',
  'listReports',
  'getReport',
  'saveReport',
  'deleteReport',
  'createReportFromTemplate',
  'exportReport',
  'exportChart',
  'serviceOverview',
  'listRecipes',
  'getRecipe',
  'saveRecipe',
  'previewRecipe',
  'runRecipe',
  'clusterRecipeValues',
  'detectRecipePii',
  'refreshSource',
  'getSynonymDictionary',
  'saveSynonymDictionary',
  'profileTable',
  'exportTable',
  'listDroppedRows',
  'exportDroppedRows',
  'getShareSafe',
  'setShareSafe',
  'cancelJob',
] as const satisfies readonly ApiMethod[];

/** The compiler refuses this line when a method of RootwiseApi is missing from API_METHODS. */
export const EVERY_METHOD_LISTED: [Exclude<ApiMethod, (typeof API_METHODS)[number]>] extends [never] ? true : never = true;

/** Events pushed from the engine (and, for commands, the desktop menu) to the window. */
export interface ApiEvents {
  onDidReportProgress: JobProgress;
  onDidChangeWorkbench: WorkbenchInfo | null;
  onDidRequestCommand: { readonly command: MenuCommand };
  /** The desktop app's File › Import chose these files: the window previews and imports them by path
   * (streamed from disk, never sent whole through IPC). */
  onDidRequestImport: { readonly paths: readonly string[] };
}

export type ApiEvent = keyof ApiEvents;

export const API_EVENTS = ['onDidReportProgress', 'onDidChangeWorkbench', 'onDidRequestCommand', 'onDidRequestImport'] as const satisfies readonly ApiEvent[];

/** Likewise for events. */
export const EVERY_EVENT_LISTED: [Exclude<ApiEvent, (typeof API_EVENTS)[number]>] extends [never] ? true : never = true;

export type Unsubscribe = () => void;

/** What the renderer holds: the API plus event subscription. */
export interface RootwiseClient extends RootwiseApi {
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): Unsubscribe;
}

/** Every transport answers a call with this envelope, so errors keep their bilingual message. */
export type ApiResponse<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorPayload };

/** Names used on the wire: the IPC channels and the HTTP paths. */
export const IPC_CALL_CHANNEL = 'rootwise:call';
export const IPC_EVENT_CHANNEL = 'rootwise:event';
export const HTTP_CALL_PATH = '/api/call/';
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_TOKEN_HEADER = 'x-rootwise-token';

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

/** What the Electron preload puts on `window.rootwise`: one function per method, answering with the
 * envelope (an Error would lose its bilingual payload crossing the context bridge), plus `on`. */
export type RootwiseBridge = {
  readonly [M in ApiMethod]: (req: ApiRequest<M>) => Promise<ApiResponse<ApiResult<M>>>;
} & {
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): Unsubscribe;
};

export const BRIDGE_GLOBAL = 'rootwise';
