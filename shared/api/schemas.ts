import { z } from 'zod';
import type { CalendarDefinition } from '../model/calendar';
import { METRIC_UNITS } from '../metrics/metric-definition';
import { FIELD_ROLES } from '../model/field-roles';
import { FILTER_OPS, MAX_QUERY_ROWS, QUERY_SPEC_VERSION, TIME_UNITS } from '../spec/query-spec';
import { FOLLOW_UP_MAX_DAYS } from '../spec/board-spec';
import { DASHBOARD_COLUMNS, DASHBOARD_MAX_ROWS, DASHBOARD_SPEC_VERSION } from '../spec/dashboard-spec';
import type { ApiMethod, ApiRequest } from './contract';
import { boardAttachmentSchema, boardSpecSchema } from './board-schemas';
import { chartFilterSchema as chartFilter, chartSpecSchema, measureSchema as measure, scalarSchema as scalar } from './chart-schemas';
import { recipeSpecSchema } from './recipe-schemas';
import { reportMonthSchema, reportSpecSchema } from './report-schemas';
import { COLUMN_TYPES, DELIMITERS, TEXT_ENCODINGS, VALUE_FORMATS } from './types';

const name = z.string().min(1).max(200);
/** A period of whole days, inclusive. */
const explainPeriod = z.strictObject({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
/** Rows kept when a field's value is one of the values (null: empty), as the explainer and the boards filter. */
const explainFilters = z.array(z.strictObject({ field: name, values: z.array(z.union([z.string().max(1000), z.number(), z.null()])).min(1).max(1000) })).max(20);
const filePath = z.string().min(1).max(4096);
const empty = z.strictObject({});

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const filterSpec = z.strictObject({ field: name, op: z.enum(FILTER_OPS), values: z.array(scalar).max(10_000), by: measure.optional() });

export const querySpecSchema = z.strictObject({
  version: z.literal(QUERY_SPEC_VERSION),
  table: name,
  dimensions: z.array(z.strictObject({ field: name, timeUnit: z.enum(TIME_UNITS).optional(), bin: z.number().positive().max(1e12).optional() })).max(8),
  measures: z.array(measure).max(16),
  filters: z.array(filterSpec).max(32),
  sort: z.array(z.strictObject({ by: name, direction: z.enum(['asc', 'desc']) })).max(8),
  limit: z.number().int().min(1).max(MAX_QUERY_ROWS).optional(),
  compare: z.strictObject({ field: name, from: date, to: date, with: z.enum(['previous_period', 'previous_year']) }).optional(),
  totals: z.boolean().optional(),
  rowStatistics: z
    .strictObject({
      runningShare: z.array(name).max(16).optional(),
      total: z.array(name).max(16).optional(),
      spread: z.array(name).max(16).optional(),
      share: z.strictObject({ measures: z.array(name).min(1).max(16), within: name.optional() }).optional(),
    })
    .optional(),
});

const chartId = z.number().int().min(1);
const dashboardTile = z.strictObject({
  id: z.string().min(1).max(64),
  chart: z.union([z.strictObject({ chartId }), z.strictObject({ spec: chartSpecSchema, title: z.strictObject({ en: z.string().max(500), 'zh-CN': z.string().max(500) }) })]),
  x: z.number().int().min(0).max(DASHBOARD_COLUMNS - 1),
  y: z.number().int().min(0).max(DASHBOARD_MAX_ROWS),
  w: z.number().int().min(1).max(DASHBOARD_COLUMNS),
  h: z.number().int().min(1).max(DASHBOARD_MAX_ROWS),
});
const dashboardSpecSchema = z.strictObject({
  version: z.literal(DASHBOARD_SPEC_VERSION),
  header: chartSpecSchema.nullable(),
  tiles: z.array(dashboardTile).max(64),
  filters: z.array(z.strictObject({ field: name, table: name, filter: chartFilter })).max(32),
});

const importSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('path'), path: filePath }),
  z.strictObject({ kind: z.literal('bytes'), name: name, bytes: z.instanceof(Uint8Array) }),
]);

const fieldRef = z.strictObject({ table: name, field: name });

const localized = z.strictObject({ en: z.string().min(1).max(500), 'zh-CN': z.string().min(1).max(500) });
const formulaText = z.string().min(1).max(4000);
const metricFormula = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('count'), where: formulaText.optional() }),
  z.strictObject({ kind: z.literal('ratio'), numerator: formulaText, denominator: formulaText }),
  z.strictObject({ kind: z.literal('mean'), value: formulaText, where: formulaText.optional() }),
  z.strictObject({ kind: z.literal('quantile'), value: formulaText, p: z.number().min(0).max(100), where: formulaText.optional() }),
  z.strictObject({ kind: z.literal('nps'), score: formulaText }),
]);
const metricInput = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  name: localized,
  description: localized,
  unit: z.enum(METRIC_UNITS),
  direction: z.enum(['higher-is-better', 'lower-is-better', 'neutral']),
  minSample: z.number().int().min(1).max(1_000_000),
  variants: z.array(z.strictObject({ requires: z.array(z.enum(FIELD_ROLES)).max(20), timeRole: z.enum(FIELD_ROLES), formula: metricFormula })).min(1).max(8),
});
const slaPolicy = z.strictObject({
  businessHours: z.boolean(),
  targets: z
    .array(
      z.strictObject({
        priority: z.string().min(1).max(200).optional(),
        channel: z.string().min(1).max(200).optional(),
        firstResponseMinutes: z.number().positive().max(1e7).optional(),
        resolutionMinutes: z.number().positive().max(1e7).optional(),
      }),
    )
    .max(200),
});

/** Rows a page of `readRows` may hold: each is read by its rowid. */
export const MAX_ROWS_PAGE = 2000;

const jobId = z.string().regex(/^[\w-]{1,64}$/);

const importReading = {
  source: importSource,
  encoding: z.enum(TEXT_ENCODINGS).optional(),
  delimiter: z.enum(DELIMITERS).optional(),
  skipRows: z.number().int().min(0).max(10_000).optional(),
  sheet: z.string().min(1).max(255).optional(),
  appendTo: z.strictObject({ table: name, mapping: z.record(name, name.nullable()).optional() }).optional(),
};

const { appendTo: _appendTo, ...importReadingWithout } = importReading;

/** A runtime schema for every request; the mapped type makes the compiler demand one per method. */
export const apiRequestSchemas: { readonly [M in ApiMethod]: z.ZodType<ApiRequest<M>> } = {
  createWorkbench: z.strictObject({
    path: filePath,
    demo: z.strictObject({ rows: z.number().int().min(100).max(2_000_000), seed: z.number().int() }).optional(),
  }),
  openWorkbench: z.strictObject({ path: filePath }),
  saveWorkbenchAs: z.strictObject({ path: filePath }),
  getWorkbenchInfo: empty,
  listTables: empty,
  getTableSchema: z.strictObject({ table: name }),
  previewRows: z.strictObject({
    table: name,
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  }),
  readRows: z.strictObject({
    table: name,
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(MAX_ROWS_PAGE).optional(),
    sort: z.array(z.strictObject({ field: name, direction: z.enum(['asc', 'desc']) })).max(8).optional(),
    filters: z.array(filterSpec).max(32).optional(),
  }),
  columnStats: z.strictObject({ table: name, field: name, filters: z.array(filterSpec).max(32).optional() }),
  columnValues: z.strictObject({
    table: name,
    field: name,
    filters: z.array(filterSpec).max(32).optional(),
    search: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
  previewImport: z.strictObject(importReading),
  importFile: z.strictObject({
    ...importReading,
    table: name.optional(),
    jobId: jobId.optional(),
    columnTypes: z.record(name, z.strictObject({ type: z.enum(COLUMN_TYPES), format: z.enum(VALUE_FORMATS) })).optional(),
  }),
  listRejects: z.strictObject({
    importId: z.number().int().min(1).optional(),
    table: name.optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  }),
  query: z.strictObject({ spec: querySpecSchema, channel: z.string().min(1).max(200).optional() }),
  getModel: empty,
  setFieldRoles: z.strictObject({ table: name, roles: z.partialRecord(z.enum(FIELD_ROLES), name.nullable()) }),
  resetFieldRoles: z.strictObject({ table: name }),
  setCalculatedField: z.strictObject({ table: name, name: name, label: name.optional(), expression: z.string().max(4000) }),
  removeCalculatedField: z.strictObject({ table: name, name: name }),
  previewFormula: z.strictObject({ table: name, expression: z.string().max(4000), limit: z.number().int().min(1).max(1000).optional() }),
  addRelationship: z.strictObject({ from: fieldRef, to: fieldRef }),
  removeRelationship: z.strictObject({ id: z.number().int().min(1) }),
  setDrillPath: z.strictObject({ table: name, id: z.number().int().min(1).optional(), label: localized, fields: z.array(name).min(2).max(8) }),
  removeDrillPath: z.strictObject({ id: z.number().int().min(1) }),
  getCalendar: empty,
  // the engine's restoreCalendar checks the calendar in detail, with messages that say what is wrong
  setCalendar: z.strictObject({ calendar: z.custom<CalendarDefinition>((value) => typeof value === 'object' && value !== null && !Array.isArray(value)) }),
  listMetrics: empty,
  saveMetric: z.strictObject({ definition: metricInput }),
  removeMetric: z.strictObject({ id: metricInput.shape.id }),
  getSlaPolicy: empty,
  setSlaPolicy: z.strictObject({ policy: slaPolicy }),
  getPauseRule: empty,
  setPauseRule: z.strictObject({
    rule: z.union([
      z.literal('off'),
      z.literal('suggested'),
      z.strictObject({ table: name, keyField: name, timeField: name, statusField: name, statuses: z.array(z.string().min(1).max(200)).min(1).max(50) }),
    ]),
  }),
  tableMetrics: z.strictObject({ table: name }),
  listCharts: empty,
  getChart: z.strictObject({ id: chartId }),
  saveChart: z.strictObject({ id: chartId.optional(), name: z.string().min(1).max(200), spec: chartSpecSchema }),
  deleteChart: z.strictObject({ id: chartId }),
  orderCharts: z.strictObject({ ids: z.array(chartId).max(10_000) }),
  listDashboards: empty,
  getDashboard: z.strictObject({ id: chartId }),
  saveDashboard: z.strictObject({ id: chartId.optional(), name: z.string().min(1).max(200), spec: dashboardSpecSchema }),
  deleteDashboard: z.strictObject({ id: chartId }),
  listBoards: empty,
  getBoard: z.strictObject({ id: chartId }),
  saveBoard: z.strictObject({
    id: chartId.optional(),
    name: z.string().min(1).max(200),
    spec: boardSpecSchema,
    summary: z.string().max(500),
    baseRevision: z.number().int().min(1).optional(),
  }),
  deleteBoard: z.strictObject({ id: chartId }),
  listBoardRevisions: z.strictObject({ id: chartId }),
  getBoardRevision: z.strictObject({ id: chartId, revision: z.number().int().min(1) }),
  addBoardAttachment: boardAttachmentSchema,
  getBoardAttachment: z.strictObject({ id: chartId }),
  listReports: empty,
  getReport: z.strictObject({ id: chartId }),
  saveReport: z.strictObject({ id: chartId.optional(), name: z.string().min(1).max(200), spec: reportSpecSchema, template: z.enum(['monthly-review']).nullable().optional() }),
  deleteReport: z.strictObject({ id: chartId }),
  createReportFromTemplate: z.strictObject({ template: z.enum(['monthly-review', 'blank']), period: reportMonthSchema.optional(), locale: z.enum(['en', 'zh-CN']) }),
  exportChart: z.strictObject({
    chart: z.union([z.strictObject({ chartId }), z.strictObject({ spec: chartSpecSchema, title: z.strictObject({ en: z.string().max(500), 'zh-CN': z.string().max(500) }) })]),
    format: z.enum(['csv', 'png', 'svg']),
    locale: z.enum(['en', 'zh-CN']),
  }),
  exportReport: z.strictObject({
    report: z.union([z.strictObject({ id: chartId }), z.strictObject({ template: z.literal('monthly-review'), period: reportMonthSchema.optional() })]),
    format: z.enum(['pdf', 'pptx', 'xlsx', 'html']),
    locale: z.enum(['en', 'zh-CN']),
    jobId: z.string().min(1).max(64).optional(),
    path: z.string().min(1).max(4096).optional(),
    tables: z.array(name).max(50).optional(),
  }),
  serviceOverview: z.strictObject({ regenerate: z.boolean().optional(), locale: z.enum(['en', 'zh-CN']) }),
  computeMetrics: z.strictObject({
    table: name.optional(),
    metrics: z.array(name).max(200).optional(),
    by: name.optional(),
    from: z.string().max(10).optional(),
    to: z.string().max(10).optional(),
  }),
  explainChange: z.strictObject({
    table: name.optional(),
    metric: name,
    periodA: explainPeriod,
    periodB: explainPeriod,
    filters: explainFilters.optional(),
    dimensions: z.array(name).min(1).max(20).optional(),
    pairs: z.boolean().optional(),
  }),
  snapshotSegment: z.strictObject({
    problem: z.strictObject({ metric: name, table: name.optional(), filters: explainFilters, periodA: explainPeriod, periodB: explainPeriod }),
    segment: explainFilters,
    grain: z.enum(['day', 'week', 'month']).optional(),
  }),
  followUpAction: z.strictObject({
    table: name.optional(),
    metric: name,
    filters: explainFilters,
    effectiveFrom: date,
    days: z.number().int().min(1).max(FOLLOW_UP_MAX_DAYS).optional(),
    grain: z.enum(['day', 'week']).optional(),
  }),
  listRecipes: empty,
  getRecipe: z.strictObject({ source: name }),
  saveRecipe: z.strictObject({ spec: recipeSpecSchema }),
  previewRecipe: z.strictObject({ spec: recipeSpecSchema, stepId: z.string().min(1).max(100), limit: z.number().int().min(1).max(1000).optional() }),
  runRecipe: z.strictObject({ source: name, jobId: jobId.optional() }),
  clusterRecipeValues: z.strictObject({
    spec: recipeSpecSchema,
    beforeStep: z.string().min(1).max(100).optional(),
    column: name,
    method: z.enum(['fingerprint', 'ngramFingerprint', 'editDistance']),
  }),
  detectRecipePii: z.strictObject({ spec: recipeSpecSchema, beforeStep: z.string().min(1).max(100).optional() }),
  profileTable: z.strictObject({ table: name, jobId: jobId.optional() }),
  exportTable: z.strictObject({ table: name }),
  listDroppedRows: z.strictObject({ source: name, stepId: z.string().min(1).max(100), offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }),
  exportDroppedRows: z.strictObject({ source: name, stepId: z.string().min(1).max(100) }),
  getShareSafe: empty,
  setShareSafe: z.strictObject({ on: z.boolean() }),
  refreshSource: z.strictObject({
    ...importReadingWithout,
    into: name,
    dryRun: z.boolean().optional(),
    jobId: jobId.optional(),
    confirmed: z.array(z.strictObject({ incoming: z.string().min(1).max(1000), column: name.nullable() })).max(2000).optional(),
  }),
  getSynonymDictionary: empty,
  saveSynonymDictionary: z.strictObject({ change: z.enum(['add', 'remove']), role: z.enum(FIELD_ROLES), synonym: z.string().min(1).max(200) }),
  cancelJob: z.strictObject({ jobId }),
};

/** Validates a request; the message names the first offending path. */
export function parseRequest<M extends ApiMethod>(method: M, raw: unknown): { ok: true; value: ApiRequest<M> } | { ok: false; detail: string } {
  const result = apiRequestSchemas[method].safeParse(raw ?? {});
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
  return { ok: false, detail: `${where}${issue?.message ?? 'invalid'}` };
}
