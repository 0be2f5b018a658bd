import { z } from 'zod';
import { PII_KINDS } from '../cleaning/pii';
import { FIELD_ROLES } from '../model/field-roles';
import { DATE_FORMATS, RECIPE_SPEC_VERSION, type RecipeSpec } from '../spec/recipe-spec';
import { COLUMN_TYPES, VALUE_FORMATS } from './types';

/** Request schemas of recipes: the shape only; the dataflow then checks what the steps mean. */
const name = z.string().min(1).max(200);
const columns = z.array(name).max(500);
const text = z.string().max(10_000);
const mappedValue = z.string().max(10_000).nullable();

const meta = { id: z.string().min(1).max(100), enabled: z.boolean(), note: z.string().max(2000).optional() };
/** A step of one kind with its id, switch and note. */
const stepOf = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, ...meta });

const step = z.discriminatedUnion('kind', [
  stepOf({ kind: z.literal('rename'), column: name, to: name }),
  stepOf({ kind: z.literal('drop'), columns: columns.min(1) }),
  stepOf({ kind: z.literal('retype'), column: name, type: z.enum(COLUMN_TYPES), format: z.enum(VALUE_FORMATS) }),
  stepOf({ kind: z.literal('parseDates'), column: name, format: z.enum(DATE_FORMATS), withTime: z.boolean() }),
  stepOf({ kind: z.literal('setRole'), column: name, role: z.enum(FIELD_ROLES) }),
  stepOf({ kind: z.literal('trim'), columns: columns.min(1), inner: z.boolean() }),
  stepOf({ kind: z.literal('width'), columns: columns.min(1), to: z.enum(['half', 'full']) }),
  stepOf({ kind: z.literal('chineseScript'), columns: columns.min(1), to: z.enum(['simplified', 'traditional']) }),
  stepOf({ kind: z.literal('case'), columns: columns.min(1), to: z.enum(['upper', 'lower', 'title']) }),
  stepOf({ kind: z.literal('split'), column: name, separator: z.string().max(50), into: z.array(name).max(50), keep: z.boolean() }),
  stepOf({ kind: z.literal('merge'), columns: columns, separator: z.string().max(50), into: name, keep: z.boolean() }),
  stepOf({ kind: z.literal('extract'), column: name, pattern: z.string().max(500), into: name }),
  stepOf({ kind: z.literal('fillDown'), columns: columns.min(1) }),
  stepOf({ kind: z.literal('fillMissing'), column: name, with: z.enum(['constant', 'mean', 'median']), value: z.union([text, z.number()]).optional() }),
  stepOf({ kind: z.literal('mapValues'), column: name, mapping: z.array(z.strictObject({ from: text, to: mappedValue })).max(100_000), otherwise: mappedValue.optional() }),
  stepOf({
    kind: z.literal('cluster'),
    column: name,
    method: z.enum(['fingerprint', 'ngramFingerprint', 'editDistance']),
    clusters: z.array(z.strictObject({ values: z.array(text).min(1).max(10_000), into: text })).max(100_000),
  }),
  stepOf({ kind: z.literal('dedupe'), keys: columns, keep: z.enum(['first', 'latest']), latestBy: name.optional() }),
  stepOf({ kind: z.literal('filter'), expression: z.string().max(4000) }),
  stepOf({ kind: z.literal('derive'), into: name, expression: z.string().max(4000) }),
  stepOf({ kind: z.literal('mask'), column: name, method: z.enum(['mask', 'hash', 'drop']), scope: z.enum(['value', 'text']), kinds: z.array(z.enum(PII_KINDS)).max(PII_KINDS.length) }),
  stepOf({ kind: z.literal('identity'), columns: columns.min(1), into: name, hash: z.boolean() }),
  stepOf({ kind: z.literal('unpivot'), columns: columns, nameColumn: name, valueColumn: name }),
  stepOf({ kind: z.literal('pivot'), nameColumn: name, valueColumn: name, values: z.array(name).max(500) }),
  stepOf({
    kind: z.literal('lookup'),
    table: name,
    on: z.array(z.strictObject({ column: name, other: name })).max(8),
    columns: z.array(z.strictObject({ other: name, into: name })).max(200),
  }),
  stepOf({ kind: z.literal('union'), tables: z.array(z.strictObject({ table: name, columns: z.record(name, name.nullable()) })).max(50) }),
]);

export const recipeSpecSchema: z.ZodType<RecipeSpec> = z.strictObject({
  version: z.literal(RECIPE_SPEC_VERSION),
  source: name,
  output: name,
  steps: z.array(step).max(500),
});
