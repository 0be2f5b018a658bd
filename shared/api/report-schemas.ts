import { z } from 'zod';
import { REPORT_SPEC_VERSION, type ReportSpec } from '../spec/report-spec';
import { chartFilterSchema, chartSpecSchema } from './chart-schemas';

/** Request schemas of reports: the shape and its limits only; the report store then checks that
 * the charts, dashboards and boards the blocks name exist. */
const name = z.string().min(1).max(200);
const id = z.string().min(1).max(64);
const recordId = z.number().int().min(1);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const period = z.strictObject({ from: day, to: day });
const localized = z.strictObject({ en: z.string().max(500), 'zh-CN': z.string().max(500) });
const context = z.strictObject({
  filters: z.array(z.strictObject({ field: name, filter: chartFilterSchema })).max(32),
  period: period.nullable(),
});

const block = z.discriminatedUnion('kind', [
  z.strictObject({ id, kind: z.literal('title'), title: z.string().max(500), subtitle: z.string().max(1000) }),
  z.strictObject({ id, kind: z.literal('heading'), text: z.string().max(500), level: z.union([z.literal(1), z.literal(2)]) }),
  z.strictObject({ id, kind: z.literal('text'), markdown: z.string().max(50_000) }),
  z.strictObject({ id, kind: z.literal('kpis'), table: name, metrics: z.array(name).min(1).max(16), context }),
  z.strictObject({
    id,
    kind: z.literal('chart'),
    chart: z.union([z.strictObject({ chartId: recordId }), z.strictObject({ spec: chartSpecSchema, title: localized })]),
    context,
  }),
  z.strictObject({ id, kind: z.literal('dashboard'), dashboardId: recordId, context }),
  z.strictObject({ id, kind: z.literal('table'), spec: chartSpecSchema, title: localized, context }),
  z.strictObject({ id, kind: z.literal('board'), boardId: recordId }),
  z.strictObject({ id, kind: z.literal('explainer'), boardId: recordId }),
  z.strictObject({ id, kind: z.literal('actions'), boardId: recordId.nullable() }),
  z.strictObject({ id, kind: z.literal('pageBreak') }),
]);

/** A report as the renderer saves it. */
export const reportSpecSchema = z.strictObject({
  version: z.literal(REPORT_SPEC_VERSION),
  period: period.nullable(),
  previous: period.nullable(),
  page: z.strictObject({ size: z.enum(['A4', 'Letter']), orientation: z.enum(['portrait', 'landscape']) }),
  blocks: z.array(block).max(500),
}) satisfies z.ZodType<ReportSpec>;

/** A month, YYYY-MM. */
export const reportMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
