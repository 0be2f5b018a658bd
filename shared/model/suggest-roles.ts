import type { ColumnType, LocalizedText } from '../api/types';
import { FIELD_ROLES, ROLE_INFO, normalizeFieldName, type FieldRole } from './field-roles';

/** What the suggester knows of a field: its name, labels, type and, for numbers, its range. */
export interface RoleCandidateField {
  readonly name: string;
  readonly label: LocalizedText;
  readonly type: ColumnType;
  readonly min?: number | null | undefined;
  readonly max?: number | null | undefined;
}

export interface RoleSuggestion {
  readonly role: FieldRole;
  readonly field: string;
  /** 0–1: 0.95 for a name the dictionary knows exactly, less for a name that contains one. */
  readonly confidence: number;
  /** The dictionary entry the name matched. */
  readonly matched: string;
}

/** Suggestions at least this confident are applied where nobody confirms roles (CLI, scripts). */
export const AUTO_APPLY_CONFIDENCE = 0.8;

const EXACT = 0.95;
const CJK = /\p{Script=Han}/u;

/** How well one name means a role: exact, contained (scored by how much of the name it covers), or not. */
function nameScore(name: string, synonyms: readonly string[]): { score: number; matched: string } | undefined {
  if (name === '') return undefined;
  let best: { score: number; matched: string } | undefined;
  for (const synonym of synonyms) {
    if (name === synonym) return { score: EXACT, matched: synonym };
    // short Latin words ("at", "zip") would be found inside too many names
    const longEnough = CJK.test(synonym) ? synonym.length >= 2 : synonym.length >= 4;
    if (!longEnough || !name.includes(synonym)) continue;
    const score = 0.55 + 0.35 * (synonym.length / name.length);
    if (best === undefined || score > best.score) best = { score, matched: synonym };
  }
  return best;
}

/** How much a role's table context moves its score: preferred in its kind of table, less likely elsewhere. */
const CONTEXT_BONUS = 0.03;
const CONTEXT_PENALTY = 0.1;

function fieldScore(field: RoleCandidateField, role: FieldRole, table: string): { score: number; matched: string } | undefined {
  const info = ROLE_INFO[role];
  if (!info.types.includes(field.type)) return undefined;
  if (info.range !== undefined && field.min != null && field.max != null) {
    const [low, high] = info.range;
    if (field.min < low || field.max > high) return undefined;
  }
  let best: { score: number; matched: string } | undefined;
  for (const text of new Set([field.name, field.label.en, field.label['zh-CN']])) {
    const found = nameScore(normalizeFieldName(text), info.synonyms);
    if (found !== undefined && (best === undefined || found.score > best.score)) best = found;
  }
  if (best === undefined || info.context === undefined) return best;
  const inContext = info.context.some((word) => table.includes(word));
  return { score: best.score + (inContext ? CONTEXT_BONUS : -CONTEXT_PENALTY), matched: best.matched };
}

/** Whether a field's range can change what is suggested for it: its name means a role with a range (a score). */
export function rangeMatters(field: RoleCandidateField): boolean {
  return FIELD_ROLES.some((role) => ROLE_INFO[role].range !== undefined && fieldScore({ ...field, min: undefined, max: undefined }, role, '') !== undefined);
}

/**
 * Suggests a role for the fields of one table from their names and labels (Chinese or English,
 * through the role dictionary), their types, for scores their ranges, and the table's name (a
 * survey table's times are the survey's). Each role goes to at most
 * one field and each field takes at most one role, the most confident pairs first.
 */
export function suggestRoles(fields: readonly RoleCandidateField[], tableName = ''): RoleSuggestion[] {
  const table = normalizeFieldName(tableName);
  const candidates: RoleSuggestion[] = [];
  for (const field of fields) {
    for (const role of FIELD_ROLES) {
      const found = fieldScore(field, role, table);
      if (found !== undefined) candidates.push({ role, field: field.name, confidence: Math.min(1, Math.round(found.score * 100) / 100), matched: found.matched });
    }
  }
  const order = (role: FieldRole): number => FIELD_ROLES.indexOf(role);
  candidates.sort((a, b) => b.confidence - a.confidence || order(a.role) - order(b.role));
  const roles = new Set<FieldRole>();
  const taken = new Set<string>();
  const chosen: RoleSuggestion[] = [];
  for (const candidate of candidates) {
    if (roles.has(candidate.role) || taken.has(candidate.field)) continue;
    roles.add(candidate.role);
    taken.add(candidate.field);
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => order(a.role) - order(b.role));
}
