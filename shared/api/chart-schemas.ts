import { z } from 'zod';
import { AGGREGATES, TIME_UNITS } from '../spec/query-spec';
import { CHART_KIND_CHOICES, CHART_SHELVES, CHART_SPEC_VERSION, type ChartShelf, type ChartSpec } from '../spec/chart-spec';

/** Request schemas of charts, apart from the other requests because dashboards and reports both hold charts. */
const name = z.string().min(1).max(200);

export const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const fieldMeasure = z.strictObject({ aggregate: z.enum(AGGREGATES), field: name.optional(), p: z.number().min(0).max(100).optional() });
const metricMeasure = z.strictObject({ metric: name, version: z.number().int().min(1).optional() });
/** A measure of a query: an aggregate of a field (or the count) or a catalogue metric. */
export const measureSchema = z.union([fieldMeasure, metricMeasure]);

/** What a filter on a chart's Filters shelf (or a dashboard's or report block's filter) keeps. */
export const chartFilterSchema = z.union([
  z.strictObject({ op: z.enum(['in', 'not_in']), values: z.array(scalarSchema).max(10_000) }),
  z.strictObject({ op: z.literal('between'), values: z.tuple([scalarSchema, scalarSchema]) }),
  z.strictObject({ op: z.literal('last_days'), values: z.tuple([z.number().int().min(1).max(100_000)]) }),
  z.strictObject({ op: z.enum(['top', 'bottom']), values: z.tuple([z.number().int().min(1).max(10_000)]), by: measureSchema.optional() }),
]);

const chartItem = z.union([
  z.strictObject({
    field: name,
    aggregate: z.enum(AGGREGATES).optional(),
    p: z.number().min(0).max(100).optional(),
    timeUnit: z.enum(TIME_UNITS).optional(),
    bin: z.number().positive().max(1e12).optional(),
    filter: chartFilterSchema.optional(),
  }),
  z.strictObject({ aggregate: z.literal('count') }),
  z.strictObject({ metric: name, version: z.number().int().min(1) }),
]);

/** A chart as a sheet, a dashboard tile or a report block holds it. */
export const chartSpecSchema = z.strictObject({
  version: z.literal(CHART_SPEC_VERSION),
  table: name.nullable(),
  kind: z.enum(CHART_KIND_CHOICES as [ChartSpec['kind'], ...ChartSpec['kind'][]]),
  shelves: z.strictObject(Object.fromEntries(CHART_SHELVES.map((shelf) => [shelf, z.array(chartItem).max(32)])) as Record<ChartShelf, z.ZodArray<typeof chartItem>>),
  options: z.strictObject({ sort: z.enum(['asc', 'desc']).optional(), transposed: z.boolean().optional() }).optional(),
});
