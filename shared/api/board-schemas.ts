import { z } from 'zod';
import { CAUSE_STATUSES, DEFAULT_CATEGORIES, type BoardSpec } from '../spec/board-spec';

/** Request schemas of root-cause boards: the shape and its limits only; the board store then
 * checks what the ids refer to. */
const name = z.string().min(1).max(200);
const id = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** An ISO timestamp, as `new Date().toISOString()` writes it. */
const instant = z.string().min(1).max(40);
const rate = z.number().nullable();

const explainFilter = z.strictObject({ field: name, values: z.array(z.union([z.string().max(1000), z.number(), z.null()])).min(1).max(1000) });
const segment = z.array(explainFilter).max(20);
const period = z.strictObject({ from: day, to: day });
const series = z.array(z.strictObject({ bucket: z.string().min(1).max(40), value: rate, n: z.number().int().min(0) })).max(1000);

const evidence = z.discriminatedUnion('kind', [
  z.strictObject({
    id,
    kind: z.literal('segment'),
    segment,
    snapshot: z.strictObject({
      takenAt: instant,
      a: rate,
      b: rate,
      nA: z.number().int().min(0),
      nB: z.number().int().min(0),
      effect: rate,
      share: rate,
      pValue: z.number().min(0).max(1).nullable(),
      series,
    }),
  }),
  z.strictObject({
    id,
    kind: z.literal('chart'),
    chartId: z.number().int().min(1),
    title: z.string().max(500),
    columns: z.array(z.string().max(500)).max(64),
    rows: z.array(z.array(z.union([z.string().max(1000), z.number(), z.null()])).max(64)).max(200),
    takenAt: instant,
  }),
  z.strictObject({ id, kind: z.literal('note'), text: z.string().max(10_000) }),
  z.strictObject({ id, kind: z.literal('image'), attachmentId: z.number().int().min(1), name }),
]);
const evidenceList = z.array(evidence).max(50);
const causeStatus = z.enum(CAUSE_STATUSES);

const cause = z.strictObject({
  id,
  categoryId: id,
  parentId: id.nullable(),
  text: z.string().max(2000),
  status: causeStatus,
  votes: z.number().min(0).max(1_000_000),
  collapsed: z.boolean().optional(),
  origin: z.strictObject({ segment, share: rate }).optional(),
  evidence: evidenceList,
});

const chain = z.strictObject({
  id,
  causeId: id,
  steps: z.array(z.strictObject({ id, answer: z.string().max(2000), status: causeStatus, evidence: evidenceList })).max(20),
});

const action = z.strictObject({
  id,
  kind: z.enum(['corrective', 'preventive']),
  title: z.string().max(500),
  owner: z.string().max(200),
  due: day.nullable(),
  effectiveFrom: day.nullable(),
  status: z.enum(['open', 'in-progress', 'done', 'cancelled']),
  addresses: id.nullable(),
  metric: name,
});

/** A root-cause board as the renderer saves it. */
export const boardSpecSchema = z.strictObject({
  version: z.literal(1),
  problem: z.strictObject({
    metric: name,
    table: name.optional(),
    filters: segment,
    periodA: period,
    periodB: period,
  }),
  categories: z
    .array(z.strictObject({ id, key: z.enum(DEFAULT_CATEGORIES).optional(), label: z.string().max(200).optional() }))
    .max(50),
  causes: z.array(cause).max(500),
  chains: z.array(chain).max(500),
  actions: z.array(action).max(500),
}) satisfies z.ZodType<BoardSpec>;

/** An image sent to be attached; the store checks that the bytes are an image and not too large,
 * so that the user reads why in their language. */
export const boardAttachmentSchema = z.strictObject({ boardId: z.number().int().min(1), name, bytes: z.instanceof(Uint8Array) });
