import { z } from 'zod';
import type { LocalizedText } from '../api/types';
import { format } from '../i18n/messages';
import { FIELD_ROLES, ROLE_INFO, normalizeFieldName, type FieldRole } from '../model/field-roles';

/**
 * The names that mean each service role: the built-in synonyms of {@link ROLE_INFO} plus the
 * user's own, minus the ones the user removed (built-in ones included). Kept as plain JSON with a
 * version; every synonym is stored as {@link normalizeFieldName} compares it, so `客户 编号`,
 * `Cust_No` and full-width `ＣＵＳＴ ＮＯ` are one entry each.
 */
export const SYNONYM_DICTIONARY_VERSION = 1;

export interface SynonymEntry {
  readonly role: FieldRole;
  readonly synonym: string;
}

export interface SynonymDictionary {
  readonly version: typeof SYNONYM_DICTIONARY_VERSION;
  /** Synonyms the user added that are not built in. */
  readonly added: readonly SynonymEntry[];
  /** Built-in synonyms the user removed; remembered so they stay removed. */
  readonly removed: readonly SynonymEntry[];
}

/** A role a name means, and how well: 1 for a synonym equal to the name, less for one it contains. */
export interface RoleMatch {
  readonly role: FieldRole;
  readonly score: number;
  /** The synonym that matched, normalised. */
  readonly synonym: string;
}

export const EMPTY_SYNONYM_DICTIONARY: SynonymDictionary = { version: SYNONYM_DICTIONARY_VERSION, added: [], removed: [] };

const CJK = /\p{Script=Han}/u;
// a contained synonym scores between these, by the share of the name it covers (as suggestRoles does)
const CONTAINED_BASE = 0.55;
const CONTAINED_SPAN = 0.35;

const sameEntry = (a: SynonymEntry) => (b: SynonymEntry): boolean => a.role === b.role && a.synonym === b.synonym;

function normalizedEntry(entry: SynonymEntry): SynonymEntry {
  const synonym = normalizeFieldName(entry.synonym);
  if (synonym === '') throw new RangeError(`A synonym needs a letter or a digit, got ${JSON.stringify(entry.synonym)}`);
  if (!(FIELD_ROLES as readonly string[]).includes(entry.role)) throw new RangeError(`Unknown role ${JSON.stringify(entry.role)}`);
  return { role: entry.role, synonym };
}

const BUILT_IN = new Map<FieldRole, readonly string[]>(FIELD_ROLES.map((role) => [role, [...new Set(ROLE_INFO[role].synonyms.map(normalizeFieldName))]]));
const builtInSynonyms = (role: FieldRole): readonly string[] => BUILT_IN.get(role) ?? [];
const isBuiltIn = (entry: SynonymEntry): boolean => builtInSynonyms(entry.role).includes(entry.synonym);

/** The dictionary with the synonym added to the role (a removed built-in synonym comes back). */
export function addSynonym(dictionary: SynonymDictionary, entry: SynonymEntry): SynonymDictionary {
  const normalized = normalizedEntry(entry);
  const removed = dictionary.removed.filter((other) => !sameEntry(normalized)(other));
  const known = isBuiltIn(normalized) || dictionary.added.some(sameEntry(normalized));
  return { ...dictionary, added: known ? dictionary.added : [...dictionary.added, normalized], removed };
}

/** The dictionary without the synonym for the role; a built-in one is remembered as removed. */
export function removeSynonym(dictionary: SynonymDictionary, entry: SynonymEntry): SynonymDictionary {
  const normalized = normalizedEntry(entry);
  const added = dictionary.added.filter((other) => !sameEntry(normalized)(other));
  const remember = isBuiltIn(normalized) && !dictionary.removed.some(sameEntry(normalized));
  return { ...dictionary, added, removed: remember ? [...dictionary.removed, normalized] : dictionary.removed };
}

/** The synonyms a role has in this dictionary, built-in ones first, normalised. */
export function roleSynonyms(dictionary: SynonymDictionary, role: FieldRole): string[] {
  const removed = new Set(dictionary.removed.filter((entry) => entry.role === role).map((entry) => entry.synonym));
  const builtIn = builtInSynonyms(role);
  const own = dictionary.added.filter((entry) => entry.role === role).map((entry) => entry.synonym);
  return [...new Set([...builtIn, ...own])].filter((synonym) => !removed.has(synonym));
}

/** How well a normalised name means one of the synonyms: equal, contained (by the share covered), or not. */
function nameScore(name: string, synonyms: readonly string[]): { score: number; synonym: string } | undefined {
  let best: { score: number; synonym: string } | undefined;
  for (const synonym of synonyms) {
    if (name === synonym) return { score: 1, synonym };
    // short Latin words ("at", "id") would be found inside too many names
    const longEnough = CJK.test(synonym) ? synonym.length >= 2 : synonym.length >= 4;
    if (!longEnough || !name.includes(synonym)) continue;
    const score = CONTAINED_BASE + CONTAINED_SPAN * (synonym.length / name.length);
    if (best === undefined || score > best.score) best = { score, synonym };
  }
  return best;
}

/**
 * The roles a column name means, best first (ties in {@link FIELD_ROLES} order). Names are
 * compared after {@link normalizeFieldName}, so case, spaces, underscores and full-width letters
 * do not matter. A name equal to a synonym scores 1; a name containing one scores
 * 0.55 + 0.35 × the share of the name it covers (`工单来源` holds `来源`: 0.725).
 */
export function lookupRoles(dictionary: SynonymDictionary, name: string): RoleMatch[] {
  const normalized = normalizeFieldName(name);
  if (normalized === '') return [];
  const matches: RoleMatch[] = [];
  for (const role of FIELD_ROLES) {
    const found = nameScore(normalized, roleSynonyms(dictionary, role));
    if (found !== undefined) matches.push({ role, score: Math.round(found.score * 1000) / 1000, synonym: found.synonym });
  }
  const order = (role: FieldRole): number => FIELD_ROLES.indexOf(role);
  return matches.sort((a, b) => b.score - a.score || order(a.role) - order(b.role));
}

/** One role's synonyms as the dictionary editor shows them. */
export interface RoleSynonyms {
  readonly role: FieldRole;
  readonly label: LocalizedText;
  /** Built-in ones first, normalised. */
  readonly synonyms: readonly { readonly synonym: string; readonly builtIn: boolean }[];
  /** Built-in synonyms the user removed, to put back. */
  readonly removed: readonly string[];
}

/** The dictionary per role, in {@link FIELD_ROLES} order, with the dictionary itself for {@link lookupRoles}. */
export interface SynonymDictionaryView {
  readonly roles: readonly RoleSynonyms[];
  readonly dictionary: SynonymDictionary;
}

export function describeSynonymDictionary(dictionary: SynonymDictionary): SynonymDictionaryView {
  const roles = FIELD_ROLES.map((role): RoleSynonyms => {
    const builtIn = builtInSynonyms(role);
    return {
      role,
      label: { en: format('en', `role.${role}`), 'zh-CN': format('zh-CN', `role.${role}`) },
      synonyms: roleSynonyms(dictionary, role).map((synonym) => ({ synonym, builtIn: builtIn.includes(synonym) })),
      removed: dictionary.removed.filter((entry) => entry.role === role).map((entry) => entry.synonym),
    };
  });
  return { roles, dictionary };
}

const entrySchema = z.strictObject({ role: z.enum(FIELD_ROLES), synonym: z.string() });
const dictionarySchema = z.strictObject({
  version: z.literal(SYNONYM_DICTIONARY_VERSION),
  added: z.array(entrySchema),
  removed: z.array(entrySchema),
});

/**
 * A dictionary read back from JSON: checked, its synonyms normalised again and de-duplicated, a
 * removed synonym that is no longer built in dropped. Throws on anything that is not a dictionary.
 */
export function restoreSynonymDictionary(json: unknown): SynonymDictionary {
  const parsed = dictionarySchema.parse(json);
  let dictionary = EMPTY_SYNONYM_DICTIONARY;
  for (const entry of parsed.added) {
    if (normalizeFieldName(entry.synonym) !== '') dictionary = addSynonym(dictionary, entry);
  }
  for (const entry of parsed.removed) {
    if (normalizeFieldName(entry.synonym) !== '') dictionary = removeSynonym(dictionary, entry);
  }
  return dictionary;
}
