import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { RootwiseApi, ApiRequest } from '../../shared/api/contract';
import type { CellValue, ImportPreview, ImportReport, JobProgress, RejectRecord, RowsPage, WorkbenchInfo } from '../../shared/api/types';
import { APP_VERSION } from '../../shared/app-version';
import { RootwiseError } from '../../shared/errors/rootwise-error';
import type { RecipeRunReport } from '../../shared/spec/recipe-spec';
import type { TableProfile } from '../../shared/spec/table-profile';
import { format, type MessageKey, type MessageParams } from '../../shared/i18n/messages';
import { sqliteDialect } from '../../shared/query/sql-dialect';
import { EngineEvents } from './engine-events';
import { appendTarget, newTableName, type ImportFileResult } from './import/import-file';
import { previewImport } from './import/preview-import';
import { JobCancelledError, runJob, type RunningJob } from './jobs/run-job';
import type { JobRequest } from './jobs/job-messages';
import { addRelationship, getSemanticModel, removeDrillPath, removeRelationship, resetFieldRoles, setDrillPath, setFieldRoles } from './model/semantic-model';
import { computeMetrics, tableMetrics } from './metrics/compute-metrics';
import { explainMetricChange } from './explain/explain-metric-change';
import { snapshotSegment } from './boards/segment-snapshot';
import { followUpAction } from './boards/action-follow-up';
import { modelSchema, previewFormula, removeCalculatedField, setCalculatedField } from './model/calculated-fields';
import { registerModelFunctions, setWorkbenchCalendar, workbenchCalendar } from './model/workbench-calendar';
import { WorkerQueryExecutor, type QueryExecutor } from './query/query-executor';
import type { AnalysisAnswer, AnalysisWork } from './query/query-messages';
import { TableRowReader } from './query/table-rows';
import { workbenchVersion } from './workbench/workbench-version';
import { removeMetric, saveMetric, setSlaPolicy, slaPolicy, workbenchMetrics } from './metrics/workbench-metrics';
import { pauseModel, setPauseRule } from './model/pause-rule';
import { deleteChart, getChart, listCharts, orderCharts, saveChart } from './documents/saved-charts';
import { deleteDashboard, getDashboard, listDashboards, saveDashboard } from './documents/saved-dashboards';
import { addBoardAttachment, deleteBoard, getBoard, getBoardAttachment, getBoardRevision, listBoardRevisions, listBoards, saveBoard } from './boards/board-store';
import { serviceOverview } from './documents/service-overview';
import { deleteReport, getReport, listReports, saveReport } from './reports/report-store';
import { createReportFromTemplate } from './reports/report-templates';
import { buildReportDocument } from './reports/report-document';
import { checkShareSafe, renderChart, renderReport, writeFileAtomically } from './reports/export-report';
import { EMPTY_REPORT_SPEC, type ReportSpec } from '../../shared/spec/report-spec';
import { tableSheetSource } from './reports/export-xlsx';
import { monthlyReviewSpec } from './reports/monthly-review';
import { chromiumPrinter, type ReportPrinter } from './reports/report-printer';
import { listRecipeStates, recipeState, saveRecipe } from './recipes/recipe-store';
import { clusterStageColumn, detectStagePii, previewRecipeStep, stageValueCounts } from './recipes/preview-recipe';
import { loadChineseScript, workbenchSecret } from './recipes/recipe-functions';
import { planRefreshMapping, saveSourceMemory } from './recipes/refresh-source';
import { changeSynonym, synonymDictionary } from './recipes/synonym-store';
import { describeSynonymDictionary } from '../../shared/cleaning/synonym-dictionary';
import { exportTableCsv, setShareSafe, shareSafe, unmaskedPersonalColumns } from './export/export-table';
import type { RefreshOutcome } from './jobs/job-messages';
import { getTableSchema, listTables } from './workbench/table-catalog';
import { createWorkbenchFile, openWorkbenchFile, type OpenedWorkbench, type SqliteOptions } from './workbench/workbench-file';

export interface EngineOptions {
  /** The bundled job worker; defaults to `job-worker.cjs` beside the running bundle. */
  readonly workerScript?: string | undefined;
  /** A better-sqlite3 addon built for this runtime (the desktop app in development needs an
   * Electron build; packaged apps are rebuilt by electron-builder and need none). */
  readonly nativeBinding?: string | undefined;
  /** Keep query answers for repeated questions (default true; the benchmark turns it off to time the work). */
  readonly queryCache?: boolean | undefined;
  /** What prints reports to PDF and pictures: the desktop app passes Electron's; else Chromium through playwright-core. */
  readonly printer?: (() => ReportPrinter) | undefined;
}

/** Proposed merges a clustering answers with at most (the largest first). */
const MAX_CLUSTERS = 500;

/** Runs synchronous engine work as an API answer: a throw becomes a rejected promise. */
function answer<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * The engine: one open workbench, the API over it, and its events. Pure Node; the Electron main
 * process, the loopback host and the CLI all drive this same class.
 */
export class Engine implements RootwiseApi {
  readonly events = new EngineEvents();
  private current: OpenedWorkbench | null = null;
  private executor: QueryExecutor | null = null;
  private rowReader: TableRowReader | null = null;
  private readonly jobs = new Map<string, RunningJob<unknown>>();
  /** Jobs write to the file, so they run one at a time. */
  private jobQueue: Promise<unknown> = Promise.resolve();
  private readonly workerScript: string;
  private readonly sqlite: SqliteOptions;
  private readonly queryCache: boolean;
  private readonly printer: () => ReportPrinter;

  constructor(options: EngineOptions = {}) {
    this.workerScript = options.workerScript ?? path.join(__dirname, 'job-worker.cjs');
    this.sqlite = { nativeBinding: options.nativeBinding };
    this.queryCache = options.queryCache ?? true;
    this.printer = options.printer ?? chromiumPrinter;
  }

  private get db(): Database.Database {
    if (this.current === null) throw new RootwiseError('error.noWorkbench');
    return this.current.db;
  }

  private openPath(): string {
    if (this.current === null) throw new RootwiseError('error.noWorkbench');
    return this.current.path;
  }

  private setCurrent(opened: OpenedWorkbench | null): WorkbenchInfo | null {
    this.current?.db.close();
    this.executor?.close();
    this.current = opened;
    this.rowReader = opened === null ? null : new TableRowReader(opened.db);
    this.executor = opened === null ? null : new WorkerQueryExecutor(path.join(path.dirname(this.workerScript), 'query-worker.cjs'), { dbPath: opened.path, nativeBinding: this.sqlite.nativeBinding }, this.queryCache);
    if (opened !== null) registerModelFunctions(opened.db);
    const info = this.info();
    this.events.emit('onDidChangeWorkbench', info);
    return info;
  }

  private info(): WorkbenchInfo | null {
    if (this.current === null) return null;
    const db = this.current.db;
    const meta = new Map((db.prepare('SELECT key, value FROM rw_meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const totals = db.prepare('SELECT COUNT(*) AS tables, COALESCE(SUM(row_count), 0) AS rows FROM rw_tables').get() as { tables: number; rows: number };
    const last = db.prepare('SELECT MAX(finished_at) AS at FROM rw_imports').get() as { at: string | null };
    return {
      path: this.current.path,
      name: path.basename(this.current.path).replace(/\.rootwise$/i, ''),
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      createdAt: meta.get('created_at') ?? '',
      createdBy: meta.get('created_by') ?? '',
      tableCount: totals.tables,
      totalRows: totals.rows,
      lastImportAt: last.at,
      migratedFrom: this.current.migratedFrom,
    };
  }

  private startJob<T>(request: JobRequest): Promise<T> {
    const run = async (): Promise<T> => {
      const job = runJob<T>(this.workerScript, request, (progress) => this.events.emit('onDidReportProgress', progress), this.sqlite.nativeBinding);
      this.jobs.set(request.jobId, job);
      try {
        return await job.result;
      } catch (error) {
        const phase: JobProgress['phase'] = error instanceof JobCancelledError ? 'cancelled' : 'failed';
        this.events.emit('onDidReportProgress', { jobId: request.jobId, kind: request.kind, phase, done: 0, total: 0 });
        throw error;
      } finally {
        this.jobs.delete(request.jobId);
      }
    };
    const next = this.jobQueue.then(run, run);
    this.jobQueue = next.catch(() => undefined);
    return next;
  }

  async createWorkbench(req: ApiRequest<'createWorkbench'>): Promise<WorkbenchInfo> {
    const opened = createWorkbenchFile(req.path, `Rootwise ${APP_VERSION}`, this.sqlite);
    if (req.demo !== undefined) {
      opened.db.close();
      const jobId = `demo-${Date.now().toString(36)}`;
      try {
        await this.startJob({ kind: 'demo', jobId, dbPath: opened.path, options: req.demo });
        this.events.emit('onDidReportProgress', { jobId, kind: 'demo', phase: 'done', done: 1, total: 1 });
      } catch (error) {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${opened.path}${suffix}`, { force: true });
        throw error;
      }
      return this.setCurrent(await openWorkbenchFile(opened.path, this.sqlite))!;
    }
    return this.setCurrent(opened)!;
  }

  async openWorkbench(req: ApiRequest<'openWorkbench'>): Promise<WorkbenchInfo> {
    return this.setCurrent(await openWorkbenchFile(req.path, this.sqlite))!;
  }

  async saveWorkbenchAs(req: ApiRequest<'saveWorkbenchAs'>): Promise<WorkbenchInfo> {
    const source = this.db;
    const target = path.resolve(req.path);
    if (this.current !== null && target === this.current.path) return this.info()!;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // copy beside the target, then rename over it, so a failed save never leaves half a file
    const temporary = `${target}.saving-${process.pid}`;
    await source.backup(temporary);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(temporary, target);
    return this.setCurrent(await openWorkbenchFile(target, this.sqlite))!;
  }

  getWorkbenchInfo(_req?: ApiRequest<'getWorkbenchInfo'>): Promise<WorkbenchInfo | null> {
    return Promise.resolve(this.info());
  }

  listTables(_req?: ApiRequest<'listTables'>): ReturnType<RootwiseApi['listTables']> {
    return Promise.resolve(listTables(this.db));
  }

  getTableSchema(req: ApiRequest<'getTableSchema'>): ReturnType<RootwiseApi['getTableSchema']> {
    return answer(() => modelSchema(this.db, req.table));
  }

  previewRows(req: ApiRequest<'previewRows'>): Promise<RowsPage> {
    const schema = getTableSchema(this.db, req.table);
    const offset = req.offset ?? 0;
    const rows = this.db
      .prepare(`SELECT * FROM ${sqliteDialect.quoteIdent(schema.table)} LIMIT ? OFFSET ?`)
      .raw(true)
      .all(req.limit ?? 200, offset) as CellValue[][];
    return Promise.resolve({ table: schema.table, columns: schema.fields.map((f) => f.name), rows, offset, total: schema.rowCount });
  }

  private get rows(): TableRowReader {
    if (this.rowReader === null) throw new RootwiseError('error.noWorkbench');
    return this.rowReader;
  }

  readRows(req: ApiRequest<'readRows'>): ReturnType<RootwiseApi['readRows']> {
    return answer(() => this.rows.readRows(req));
  }

  columnStats(req: ApiRequest<'columnStats'>): ReturnType<RootwiseApi['columnStats']> {
    return answer(() => this.rows.columnStats(req));
  }

  columnValues(req: ApiRequest<'columnValues'>): ReturnType<RootwiseApi['columnValues']> {
    return answer(() => this.rows.columnValues(req));
  }

  previewImport(req: ApiRequest<'previewImport'>): Promise<ImportPreview> {
    const { appendTo, ...reading } = req;
    const into = appendTo === undefined ? undefined : appendTarget(this.db, appendTo);
    return previewImport(
      path.join(path.dirname(this.workerScript), 'import-reader.cjs'),
      { ...reading, appendTo: into === undefined ? undefined : { columns: into.columns, mapping: into.mapping } },
      into?.table ?? newTableName(this.db, req.source),
    );
  }

  async importFile(req: ApiRequest<'importFile'>): Promise<ImportReport> {
    const dbPath = this.openPath();
    const jobId = req.jobId ?? `import-${Date.now().toString(36)}`;
    const started = Date.now();
    const fileName = req.source.kind === 'path' ? path.basename(req.source.path) : req.source.name;
    let result: ImportFileResult;
    try {
      result = await this.startJob<ImportFileResult>({
        ...req,
        kind: 'import',
        jobId,
        dbPath,
      });
    } catch (error) {
      if (error instanceof JobCancelledError) throw new RootwiseError('error.import.cancelled', { file: fileName });
      throw error;
    }
    const report: ImportReport = { jobId, ...result, milliseconds: Date.now() - started };
    this.events.emit('onDidReportProgress', { jobId, kind: 'import', phase: 'done', done: result.rows, total: result.rows });
    this.events.emit('onDidChangeWorkbench', this.info());
    return report;
  }

  listRejects(req: ApiRequest<'listRejects'>): ReturnType<RootwiseApi['listRejects']> {
    const db = this.db;
    const conditions: string[] = [];
    const params: (string | number)[] = [];
    if (req.importId !== undefined) {
      conditions.push('r.import_id = ?');
      params.push(req.importId);
    }
    if (req.table !== undefined) {
      conditions.push('i.table_name = ?');
      params.push(req.table);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const from = 'FROM rw_rejects r JOIN rw_imports i ON i.id = r.import_id';
    const total = (db.prepare(`SELECT COUNT(*) AS n ${from} ${where}`).get(...params) as { n: number }).n;
    const rows = db
      .prepare(`SELECT r.*, i.table_name, i.file ${from} ${where} ORDER BY r.import_id, r.line, r.column_number LIMIT ? OFFSET ?`)
      .all(...params, req.limit ?? 500, req.offset ?? 0) as {
      table_name: string;
      file: string;
      import_id: number;
      line: number;
      column_number: number | null;
      field: string | null;
      raw: string;
      reason_key: MessageKey;
      reason_params: string;
    }[];
    const rejects = rows.map((r): RejectRecord => {
      const reasonParams = JSON.parse(r.reason_params) as MessageParams;
      return {
        importId: r.import_id,
        table: r.table_name,
        file: r.file,
        line: r.line,
        column: r.column_number,
        field: r.field,
        raw: r.raw,
        reason: { en: format('en', r.reason_key, reasonParams), 'zh-CN': format('zh-CN', r.reason_key, reasonParams) },
      };
    });
    return Promise.resolve({ total, rejects });
  }

  query(req: ApiRequest<'query'>): ReturnType<RootwiseApi['query']> {
    return answer(() => this.executor!.execute(req.spec, workbenchVersion(this.db), { channel: req.channel }));
  }

  getModel(_req?: ApiRequest<'getModel'>): ReturnType<RootwiseApi['getModel']> {
    return answer(() => getSemanticModel(this.db));
  }

  setFieldRoles(req: ApiRequest<'setFieldRoles'>): ReturnType<RootwiseApi['setFieldRoles']> {
    return answer(() => setFieldRoles(this.db, req.table, req.roles));
  }

  setDrillPath(req: ApiRequest<'setDrillPath'>): ReturnType<RootwiseApi['setDrillPath']> {
    return answer(() => setDrillPath(this.db, req.table, req));
  }

  removeDrillPath(req: ApiRequest<'removeDrillPath'>): ReturnType<RootwiseApi['removeDrillPath']> {
    return answer(() => {
      removeDrillPath(this.db, req.id);
      return { removed: true as const };
    });
  }

  setCalculatedField(req: ApiRequest<'setCalculatedField'>): ReturnType<RootwiseApi['setCalculatedField']> {
    return answer(() => setCalculatedField(this.db, req));
  }

  removeCalculatedField(req: ApiRequest<'removeCalculatedField'>): ReturnType<RootwiseApi['removeCalculatedField']> {
    return answer(() => {
      removeCalculatedField(this.db, req.table, req.name);
      return { removed: true as const };
    });
  }

  previewFormula(req: ApiRequest<'previewFormula'>): ReturnType<RootwiseApi['previewFormula']> {
    return answer(() => previewFormula(this.db, req.table, req.expression, req.limit ?? 20));
  }

  resetFieldRoles(req: ApiRequest<'resetFieldRoles'>): ReturnType<RootwiseApi['resetFieldRoles']> {
    return answer(() => resetFieldRoles(this.db, req.table));
  }

  addRelationship(req: ApiRequest<'addRelationship'>): ReturnType<RootwiseApi['addRelationship']> {
    return answer(() => addRelationship(this.db, req.from, req.to));
  }

  removeRelationship(req: ApiRequest<'removeRelationship'>): ReturnType<RootwiseApi['removeRelationship']> {
    return answer(() => {
      removeRelationship(this.db, req.id);
      return { removed: true as const };
    });
  }

  getCalendar(_req?: ApiRequest<'getCalendar'>): ReturnType<RootwiseApi['getCalendar']> {
    return answer(() => workbenchCalendar(this.db));
  }

  setCalendar(req: ApiRequest<'setCalendar'>): ReturnType<RootwiseApi['setCalendar']> {
    return answer(() => setWorkbenchCalendar(this.db, req.calendar));
  }

  listMetrics(_req?: ApiRequest<'listMetrics'>): ReturnType<RootwiseApi['listMetrics']> {
    return answer(() => workbenchMetrics(this.db));
  }

  saveMetric(req: ApiRequest<'saveMetric'>): ReturnType<RootwiseApi['saveMetric']> {
    return answer(() => saveMetric(this.db, req.definition));
  }

  removeMetric(req: ApiRequest<'removeMetric'>): ReturnType<RootwiseApi['removeMetric']> {
    return answer(() => removeMetric(this.db, req.id));
  }

  getSlaPolicy(_req?: ApiRequest<'getSlaPolicy'>): ReturnType<RootwiseApi['getSlaPolicy']> {
    return answer(() => slaPolicy(this.db) ?? null);
  }

  setSlaPolicy(req: ApiRequest<'setSlaPolicy'>): ReturnType<RootwiseApi['setSlaPolicy']> {
    return answer(() => setSlaPolicy(this.db, req.policy));
  }

  getPauseRule(_req?: ApiRequest<'getPauseRule'>): ReturnType<RootwiseApi['getPauseRule']> {
    return answer(() => pauseModel(this.db));
  }

  setPauseRule(req: ApiRequest<'setPauseRule'>): ReturnType<RootwiseApi['setPauseRule']> {
    return answer(() => setPauseRule(this.db, req.rule));
  }

  tableMetrics(req: ApiRequest<'tableMetrics'>): ReturnType<RootwiseApi['tableMetrics']> {
    return answer(() => tableMetrics(this.db, req.table));
  }

  listCharts(_req?: ApiRequest<'listCharts'>): ReturnType<RootwiseApi['listCharts']> {
    return answer(() => listCharts(this.db));
  }

  getChart(req: ApiRequest<'getChart'>): ReturnType<RootwiseApi['getChart']> {
    return answer(() => getChart(this.db, req.id));
  }

  saveChart(req: ApiRequest<'saveChart'>): ReturnType<RootwiseApi['saveChart']> {
    return answer(() => saveChart(this.db, req));
  }

  deleteChart(req: ApiRequest<'deleteChart'>): ReturnType<RootwiseApi['deleteChart']> {
    return answer(() => {
      deleteChart(this.db, req.id);
      return { removed: true as const };
    });
  }

  orderCharts(req: ApiRequest<'orderCharts'>): ReturnType<RootwiseApi['orderCharts']> {
    return answer(() => orderCharts(this.db, req.ids));
  }

  listDashboards(_req?: ApiRequest<'listDashboards'>): ReturnType<RootwiseApi['listDashboards']> {
    return answer(() => listDashboards(this.db));
  }

  getDashboard(req: ApiRequest<'getDashboard'>): ReturnType<RootwiseApi['getDashboard']> {
    return answer(() => getDashboard(this.db, req.id));
  }

  saveDashboard(req: ApiRequest<'saveDashboard'>): ReturnType<RootwiseApi['saveDashboard']> {
    return answer(() => saveDashboard(this.db, req));
  }

  deleteDashboard(req: ApiRequest<'deleteDashboard'>): ReturnType<RootwiseApi['deleteDashboard']> {
    return answer(() => {
      deleteDashboard(this.db, req.id);
      return { removed: true as const };
    });
  }

  listBoards(_req?: ApiRequest<'listBoards'>): ReturnType<RootwiseApi['listBoards']> {
    return answer(() => listBoards(this.db));
  }

  getBoard(req: ApiRequest<'getBoard'>): ReturnType<RootwiseApi['getBoard']> {
    return answer(() => getBoard(this.db, req.id));
  }

  saveBoard(req: ApiRequest<'saveBoard'>): ReturnType<RootwiseApi['saveBoard']> {
    return answer(() => saveBoard(this.db, req));
  }

  deleteBoard(req: ApiRequest<'deleteBoard'>): ReturnType<RootwiseApi['deleteBoard']> {
    return answer(() => {
      deleteBoard(this.db, req.id);
      return { removed: true as const };
    });
  }

  listBoardRevisions(req: ApiRequest<'listBoardRevisions'>): ReturnType<RootwiseApi['listBoardRevisions']> {
    return answer(() => listBoardRevisions(this.db, req.id));
  }

  getBoardRevision(req: ApiRequest<'getBoardRevision'>): ReturnType<RootwiseApi['getBoardRevision']> {
    return answer(() => getBoardRevision(this.db, req.id, req.revision));
  }

  addBoardAttachment(req: ApiRequest<'addBoardAttachment'>): ReturnType<RootwiseApi['addBoardAttachment']> {
    return answer(() => addBoardAttachment(this.db, req));
  }

  getBoardAttachment(req: ApiRequest<'getBoardAttachment'>): ReturnType<RootwiseApi['getBoardAttachment']> {
    return answer(() => getBoardAttachment(this.db, req.id));
  }

  listReports(_req?: ApiRequest<'listReports'>): ReturnType<RootwiseApi['listReports']> {
    return answer(() => listReports(this.db));
  }

  getReport(req: ApiRequest<'getReport'>): ReturnType<RootwiseApi['getReport']> {
    return answer(() => getReport(this.db, req.id));
  }

  saveReport(req: ApiRequest<'saveReport'>): ReturnType<RootwiseApi['saveReport']> {
    return answer(() => saveReport(this.db, req));
  }

  deleteReport(req: ApiRequest<'deleteReport'>): ReturnType<RootwiseApi['deleteReport']> {
    return answer(() => {
      deleteReport(this.db, req.id);
      return { removed: true as const };
    });
  }

  createReportFromTemplate(req: ApiRequest<'createReportFromTemplate'>): ReturnType<RootwiseApi['createReportFromTemplate']> {
    return answer(() => createReportFromTemplate(this.db, req));
  }

  async exportReport(req: ApiRequest<'exportReport'>): ReturnType<RootwiseApi['exportReport']> {
    const db = this.db;
    const jobId = req.jobId ?? `export-${Date.now()}`;
    const controller = new AbortController();
    const progress = (phase: JobProgress['phase'], done: number, total: number): void => this.events.emit('onDidReportProgress', { jobId, kind: 'export', phase, done, total });
    this.jobs.set(jobId, { result: Promise.resolve(), cancel: () => controller.abort() });
    try {
      const report = 'id' in req.report ? getReport(db, req.report.id) : monthlyReviewSpec(db, { period: req.report.period, locale: req.locale });
      const total = report.spec.blocks.length + 1;
      progress('reading', 0, total);
      const doc = await buildReportDocument(
        {
          db,
          source: path.basename(this.openPath()),
          query: (spec) => this.query({ spec }),
          explain: (request) => this.explainChange(request),
          signal: controller.signal,
          onProgress: (done) => progress('reading', done, total),
        },
        report,
        req.locale,
      );
      const tables = req.tables ?? [];
      if (shareSafe(db)) {
        checkShareSafe(doc);
        for (const table of tables) {
          const personal = unmaskedPersonalColumns(db, table);
          if (personal.length > 0) throw new RootwiseError('error.shareSafe.unmasked', { table, columns: personal.map((p) => p.column).join(', ') });
        }
      }
      progress('writing', total - 1, total);
      const exported = await renderReport(doc, req.format, { printer: this.printer, signal: controller.signal, extraTables: req.format === 'xlsx' ? tables.map((t) => tableSheetSource(db, t)) : [] });
      if (controller.signal.aborted) throw new RootwiseError('error.export.cancelled', {});
      if (req.path !== undefined) writeFileAtomically(req.path, exported.bytes);
      progress('done', total, total);
      return { name: exported.name, size: exported.bytes.byteLength, bytes: req.path === undefined ? exported.bytes : null };
    } catch (error) {
      progress(controller.signal.aborted ? 'cancelled' : 'failed', 0, 0);
      throw error;
    } finally {
      this.jobs.delete(jobId);
    }
  }

  async exportChart(req: ApiRequest<'exportChart'>): ReturnType<RootwiseApi['exportChart']> {
    const db = this.db;
    const spec: ReportSpec = { ...EMPTY_REPORT_SPEC, blocks: [{ id: 'chart', kind: 'chart', chart: req.chart, context: { filters: [], period: null } }] };
    const doc = await buildReportDocument(
      { db, source: path.basename(this.openPath()), query: (query) => this.query({ spec: query }), explain: (request) => this.explainChange(request) },
      { name: '', spec },
      req.locale,
    );
    if (shareSafe(db)) checkShareSafe(doc);
    return renderChart(doc, req.format, this.printer);
  }

  serviceOverview(req: ApiRequest<'serviceOverview'>): ReturnType<RootwiseApi['serviceOverview']> {
    return answer(() => serviceOverview(this.db, req));
  }

  computeMetrics(req: ApiRequest<'computeMetrics'>): ReturnType<RootwiseApi['computeMetrics']> {
    return answer(() => computeMetrics(this.db, req));
  }

  /** The boards' analyses run on the query thread, so a scan of a million tickets does not hold up the window's other calls. */
  private analyse<W extends AnalysisWork>(work: W, here: () => AnalysisAnswer<W>): Promise<AnalysisAnswer<W>> {
    return answer(() => (this.executor === null ? here() : this.executor.analyse(work, workbenchVersion(this.db))));
  }

  explainChange(req: ApiRequest<'explainChange'>): ReturnType<RootwiseApi['explainChange']> {
    return this.analyse({ kind: 'explain', request: req }, () => explainMetricChange(this.db, req));
  }

  snapshotSegment(req: ApiRequest<'snapshotSegment'>): ReturnType<RootwiseApi['snapshotSegment']> {
    return this.analyse({ kind: 'snapshot', request: req }, () => snapshotSegment(this.db, req));
  }

  followUpAction(req: ApiRequest<'followUpAction'>): ReturnType<RootwiseApi['followUpAction']> {
    return this.analyse({ kind: 'followUp', request: req }, () => followUpAction(this.db, req));
  }

  listRecipes(_req?: ApiRequest<'listRecipes'>): ReturnType<RootwiseApi['listRecipes']> {
    return answer(() => listRecipeStates(this.db));
  }

  getRecipe(req: ApiRequest<'getRecipe'>): ReturnType<RootwiseApi['getRecipe']> {
    return answer(() => recipeState(this.db, req.source));
  }

  saveRecipe(req: ApiRequest<'saveRecipe'>): ReturnType<RootwiseApi['saveRecipe']> {
    return answer(() => {
      saveRecipe(this.db, req.spec);
      return recipeState(this.db, req.spec.source);
    });
  }

  async previewRecipe(req: ApiRequest<'previewRecipe'>): ReturnType<RootwiseApi['previewRecipe']> {
    await loadChineseScript(req.spec);
    return previewRecipeStep(this.db, req.spec, req.stepId, req.limit);
  }

  async runRecipe(req: ApiRequest<'runRecipe'>): ReturnType<RootwiseApi['runRecipe']> {
    const dbPath = this.openPath();
    const jobId = req.jobId ?? `recipe-${Date.now().toString(36)}`;
    let report: RecipeRunReport;
    try {
      report = await this.startJob<RecipeRunReport>({ kind: 'recipe', jobId, dbPath, source: req.source });
    } catch (error) {
      if (error instanceof JobCancelledError) throw new RootwiseError('error.recipe.cancelled', { table: req.source });
      throw error;
    }
    this.events.emit('onDidReportProgress', { jobId, kind: 'recipe', phase: 'done', done: 1, total: 1 });
    this.events.emit('onDidChangeWorkbench', this.info());
    return report;
  }

  async clusterRecipeValues(req: ApiRequest<'clusterRecipeValues'>): ReturnType<RootwiseApi['clusterRecipeValues']> {
    await loadChineseScript(req.spec);
    const counts = stageValueCounts(this.db, { spec: req.spec, beforeStep: req.beforeStep }, req.column);
    return { clusters: clusterStageColumn(counts, { kind: req.method }).slice(0, MAX_CLUSTERS), distinct: counts.length };
  }

  async detectRecipePii(req: ApiRequest<'detectRecipePii'>): ReturnType<RootwiseApi['detectRecipePii']> {
    await loadChineseScript(req.spec);
    return detectStagePii(this.db, { spec: req.spec, beforeStep: req.beforeStep });
  }

  async refreshSource(req: ApiRequest<'refreshSource'>): ReturnType<RootwiseApi['refreshSource']> {
    const dbPath = this.openPath();
    const { into, dryRun, jobId: asked, confirmed, ...reading } = req;
    const jobId = asked ?? `refresh-${Date.now().toString(36)}`;
    const file = reading.source.kind === 'path' ? reading.source.path : reading.source.name;
    const preview = await this.previewImport(reading);
    const mapping = planRefreshMapping(this.db, into, preview, confirmed);
    let outcome: RefreshOutcome;
    try {
      outcome = await this.startJob<RefreshOutcome>({ ...reading, kind: 'refresh', jobId, dbPath, dryRun: dryRun === true, appendTo: { table: into, mapping: mapping.appendMapping } });
    } catch (error) {
      if (error instanceof JobCancelledError) throw new RootwiseError('error.import.cancelled', { file: path.basename(file) });
      throw error;
    }
    if (outcome.committed) {
      saveSourceMemory(this.db, into, mapping.memory);
      this.events.emit('onDidChangeWorkbench', this.info());
    }
    this.events.emit('onDidReportProgress', { jobId, kind: 'refresh', phase: 'done', done: 1, total: 1 });
    return { source: into, file, committed: outcome.committed, mapping: mapping.report, imported: outcome.imported, run: outcome.run, diff: outcome.diff };
  }

  getSynonymDictionary(_req?: ApiRequest<'getSynonymDictionary'>): ReturnType<RootwiseApi['getSynonymDictionary']> {
    return answer(() => describeSynonymDictionary(synonymDictionary(this.db)));
  }

  saveSynonymDictionary(req: ApiRequest<'saveSynonymDictionary'>): ReturnType<RootwiseApi['saveSynonymDictionary']> {
    return answer(() => changeSynonym(this.db, req));
  }

  async profileTable(req: ApiRequest<'profileTable'>): ReturnType<RootwiseApi['profileTable']> {
    const dbPath = this.openPath();
    getTableSchema(this.db, req.table);
    const jobId = req.jobId ?? `profile-${Date.now().toString(36)}`;
    const profile = await this.startJob<TableProfile>({ kind: 'profile', jobId, dbPath, table: req.table });
    this.events.emit('onDidReportProgress', { jobId, kind: 'profile', phase: 'done', done: 1, total: 1 });
    return profile;
  }

  exportTable(req: ApiRequest<'exportTable'>): ReturnType<RootwiseApi['exportTable']> {
    return answer(() => ({ name: `${req.table}.csv`, bytes: exportTableCsv(this.db, req.table) }));
  }

  listDroppedRows(req: ApiRequest<'listDroppedRows'>): ReturnType<RootwiseApi['listDroppedRows']> {
    return answer(() => {
      // the query thread reads the hashing secret a mask step uses but cannot write it
      workbenchSecret(this.db);
      return this.executor!.droppedRows({ kind: 'list', ...req });
    });
  }

  exportDroppedRows(req: ApiRequest<'exportDroppedRows'>): ReturnType<RootwiseApi['exportDroppedRows']> {
    return answer(() => {
      workbenchSecret(this.db);
      return this.executor!.droppedRows({ kind: 'export', ...req });
    });
  }

  getShareSafe(_req?: ApiRequest<'getShareSafe'>): ReturnType<RootwiseApi['getShareSafe']> {
    return answer(() => ({ on: shareSafe(this.db) }));
  }

  setShareSafe(req: ApiRequest<'setShareSafe'>): ReturnType<RootwiseApi['setShareSafe']> {
    return answer(() => ({ on: setShareSafe(this.db, req.on) }));
  }

  cancelJob(req: ApiRequest<'cancelJob'>): Promise<{ cancelled: boolean }> {
    const job = this.jobs.get(req.jobId);
    job?.cancel();
    return Promise.resolve({ cancelled: job !== undefined });
  }

  close(): void {
    for (const job of this.jobs.values()) job.cancel();
    this.executor?.close();
    this.executor = null;
    this.rowReader = null;
    this.current?.db.close();
    this.current = null;
  }
}
