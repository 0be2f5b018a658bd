import type { ExplainDimension } from '../../../shared/spec/explain-spec';
import type { FieldInfo } from '../../../shared/api/types';
import { RootwiseError } from '../../../shared/errors/rootwise-error';
import { ROLE_INFO, type FieldRole } from '../../../shared/model/field-roles';
import type { AppliedRoles } from '../../../shared/model/semantic-model';

/** Default dimensions have between these many distinct values, and at most MAX_DEFAULT_DIMENSIONS are taken. */
export const MIN_DISTINCT = 2;
export const MAX_DISTINCT = 200;
export const MAX_DEFAULT_DIMENSIONS = 8;

/** Names that say a field identifies a row or a thing rather than groups rows. */
const ID_NAME = /(^|_)(id|no|code|key|uuid|guid|number|zip|phone|tel|email|url)$|编号|号码|代码|单号|邮箱|电话号/i;


/**
 * The fields a change is split over when none are asked for: text fields with between 2 and 200
 * distinct values, not keys (by role or by name) and not free text (comments), the fields that play
 * a dimension role first, then in the table's order; at most eight.
 */
export function defaultDimensions(fields: readonly FieldInfo[], roles: AppliedRoles): ExplainDimension[] {
  const roleOf = new Map<string, FieldRole>([...roles].map(([role, field]) => [field, role]));
  const candidates = fields.filter((f) => {
    if (f.type !== 'text' || f.expression !== undefined) return false;
    if (f.distinctCount < MIN_DISTINCT || f.distinctCount > MAX_DISTINCT) return false;
    const role = roleOf.get(f.name);
    if (role !== undefined && ROLE_INFO[role].kind !== 'dimension') return false;
    return role !== undefined || !ID_NAME.test(f.name);
  });
  const ranked = candidates
    .map((f, i) => ({ f, i, dimensionRole: roleOf.has(f.name) ? 0 : 1 }))
    .sort((a, b) => a.dimensionRole - b.dimensionRole || a.i - b.i)
    .slice(0, MAX_DEFAULT_DIMENSIONS)
    .sort((a, b) => a.i - b.i);
  return ranked.map(({ f }) => ({ field: f.name, label: f.label }));
}

/** The asked-for dimensions, each a field of the table (named once). */
export function chosenDimensions(table: string, fields: readonly FieldInfo[], asked: readonly string[]): ExplainDimension[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return [...new Set(asked)].map((name) => {
    const field = byName.get(name);
    if (field === undefined) throw new RootwiseError('error.field.notFound', { table, field: name });
    return { field: field.name, label: field.label };
  });
}
