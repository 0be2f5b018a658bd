import { z } from 'zod';
import { COLUMN_TYPES, type ColumnType, type LocalizedText } from '../api/types';
import { FIELD_ROLES, ROLE_INFO, normalizeFieldName, type FieldRole } from '../model/field-roles';
import { lookupRoles, type SynonymDictionary } from './synonym-dictionary';
import { toHalfWidth } from './text-normalize';
import { comparisonForm } from './value-fingerprint';

/**
 * Maps the columns of a new export of a source onto the columns the source had before (or, on a
 * first import, onto service roles), so next month's file maps itself and only what is new is
 * asked.
 *
 * Scoring. Each (incoming, remembered) pair gathers evidence in four families; within a family
 * only the strongest kind counts, because its kinds say the same thing twice:
 *   name      exact name 0.95 · name confirmed at an earlier import 0.95 · same normalised name 0.9 ·
 *             a synonym of the same role 0.75 × the weaker of the two names' role scores
 *   values    0.8 × shared sample values (containment, discounted when few are shared) ·
 *             0.35 × shared value shapes (`2026-10-01 09:30:00` → `9999-99-99 99:99:99`)
 *   type      same type 0.05
 *   position  0.08 at the same position, 0.04 one place away
 * and the families combine as a noisy-or, 1 − Π(1 − contribution), so one strong family is enough
 * and agreeing families add up without passing 1. The result is then multiplied by the penalties
 * that apply (a changed type: 0.9 within integer/real, date/datetime, integer/boolean or
 * integer/text, else 0.7; names meaning two different roles with no name evidence: 0.5), and a
 * pair with no name evidence at all is capped at {@link NAMELESS_CAP}, below
 * {@link AUTO_ACCEPT_CONFIDENCE}: values alone propose a rename, a person confirms it once.
 *
 * A synonym with the same value shapes gives 1 − 0.25 × 0.65 × 0.95 ≈ 0.85 (accepted); a synonym
 * whose values changed shape 0.76 (asked); shapes, type and position alone 0.43 (new).
 */

/** The version of {@link SourceMemory}'s JSON. */
export const SOURCE_MEMORY_VERSION = 1;

/** Matches at least this confident are applied without asking. */
export const AUTO_ACCEPT_CONFIDENCE = 0.8;
/** Below this an incoming column matches nothing: it is new, and the user is asked about it. */
export const MATCH_CONFIDENCE = 0.5;
/** The most a match without any name evidence (values, shapes, type, position) can score. */
export const NAMELESS_CAP = 0.75;
/** How many distinct sample values a remembered column keeps. */
export const SAMPLE_LIMIT = 300;

const WEIGHT = {
  exactName: 0.95,
  rememberedName: 0.95,
  normalizedName: 0.9,
  synonym: 0.75,
  values: 0.8,
  valueShapes: 0.35,
  sameType: 0.05,
  position: 0.08,
} as const;
const COMPATIBLE_TYPE_FACTOR = 0.9;
const OTHER_TYPE_FACTOR = 0.7;
const ROLE_CONFLICT_FACTOR = 0.5;
/** A role proposed from the name alone (no memory) scores this times the dictionary's score. */
const ROLE_NAME_WEIGHT = 0.95;

/** What is known of one column of an export: its header, type, place and a sample of its values. */
export interface ColumnProfile {
  /** The header as it appears in the file. */
  readonly name: string;
  readonly label?: LocalizedText | undefined;
  readonly type: ColumnType;
  /** 0-based place in the file. */
  readonly position: number;
  /** A few hundred distinct values, as text. */
  readonly sample: readonly string[];
  /** Share of empty values, 0–1. */
  readonly nullShare?: number | undefined;
  readonly role?: FieldRole | undefined;
}

/** A column a source had at its earlier imports: `name` is its header in the latest file. */
export interface RememberedColumn extends ColumnProfile {
  /** The column's name in the clean table, which mappings point at; it stays when headers change. */
  readonly column: string;
}

/** A header, as it appeared in a file, that the user confirmed fills a column. */
export interface ConfirmedName {
  readonly sourceName: string;
  readonly column: string;
}

/** What a source remembers from its earlier imports. Plain JSON; read back with {@link restoreSourceMemory}. */
export interface SourceMemory {
  readonly version: typeof SOURCE_MEMORY_VERSION;
  readonly columns: readonly RememberedColumn[];
  /** Every header ever confirmed for a column, so a rename confirmed once is known next time. */
  readonly confirmed: readonly ConfirmedName[];
}

export type EvidenceKind =
  | 'exact-name'
  | 'remembered-name'
  | 'normalized-name'
  | 'synonym'
  | 'values'
  | 'value-shapes'
  | 'same-type'
  | 'position'
  | 'type-change'
  | 'role-conflict';

export interface MatchEvidence {
  readonly kind: EvidenceKind;
  /** How alike the two columns are in this respect, 0–1 (1 for an exact name, the share of shared values…). */
  readonly similarity: number;
  /** Its term in the noisy-or (weight × similarity); for `type-change` and `role-conflict`, the factor applied. */
  readonly contribution: number;
  readonly detail?: string | undefined;
}

export type MappingTarget =
  | { readonly kind: 'column'; readonly column: string; readonly role: FieldRole | undefined }
  | { readonly kind: 'role'; readonly role: FieldRole };

export interface ColumnMatch {
  /** The incoming column's header. */
  readonly incoming: string;
  readonly position: number;
  readonly target: MappingTarget;
  /** 0–1, rounded to hundredths. */
  readonly confidence: number;
  /** The evidence that made the confidence, strongest first. */
  readonly evidence: readonly MatchEvidence[];
}

/** An incoming column that matches nothing remembered, with the role its name suggests if any. */
export interface NewColumn {
  readonly incoming: string;
  readonly position: number;
  readonly suggestedRole?: { readonly role: FieldRole; readonly confidence: number; readonly synonym: string } | undefined;
}

export interface ColumnMappingProposal {
  /** Incoming columns matched to a remembered column (or, with no memory, to a role), in file order. */
  readonly matched: readonly ColumnMatch[];
  /** Incoming columns that match nothing at or above {@link MATCH_CONFIDENCE}: the ones to ask about. */
  readonly new: readonly NewColumn[];
  /** Remembered columns (their clean names) no incoming column matched. */
  readonly missing: readonly string[];
  /** The matches at or above {@link AUTO_ACCEPT_CONFIDENCE}, applied without asking. */
  readonly autoAccepted: readonly ColumnMatch[];
}

/** What the user settled for one incoming column: the clean column it fills (a remembered one or a new one) and its role. */
export interface ConfirmedMapping {
  readonly sourceName: string;
  readonly column: string;
  /** Absent keeps the remembered column's role (or the incoming profile's). */
  readonly role?: FieldRole | undefined;
}

const HAN = /\p{Script=Han}/u;
const DIGIT = /\p{Nd}/u;
const LETTER = /\p{L}/u;
const SPACE = /\s/u;

/**
 * The shape of a value: every digit becomes 9 (so lengths of codes and phone numbers count), a run
 * of letters becomes `a`, a run of Han characters `汉`, a run of spaces one space; everything else
 * stays (`2026-10-01 09:30` → `9999-99-99 99:99`, `T-000123` → `a-999999`, `华东大区` → `汉`).
 */
export function valueShape(value: string): string {
  let shape = '';
  let last = '';
  for (const char of toHalfWidth(value.normalize('NFKC')).trim()) {
    const kind = DIGIT.test(char) ? '9' : HAN.test(char) ? '汉' : LETTER.test(char) ? 'a' : SPACE.test(char) ? ' ' : char;
    if (kind === last && (kind === 'a' || kind === '汉' || kind === ' ')) continue;
    shape += kind;
    last = kind;
  }
  return shape;
}

interface Prepared {
  readonly profile: ColumnProfile;
  /** Headers and labels as written. */
  readonly rawNames: ReadonlySet<string>;
  readonly normalizedNames: ReadonlySet<string>;
  /** Roles the column's names mean (or its set role, at 1). */
  readonly roles: ReadonlyMap<FieldRole, number>;
  readonly values: ReadonlySet<string>;
  /** Share of the distinct sample values with each shape. */
  readonly shapes: ReadonlyMap<string, number>;
}

interface PreparedRemembered extends Prepared {
  readonly column: string;
  /** Normalised headers confirmed for the column at earlier imports, with one as written. */
  readonly confirmed: ReadonlyMap<string, string>;
}

function namesOf(profile: ColumnProfile, extra: readonly string[] = []): string[] {
  const names = [profile.name, ...extra];
  if (profile.label !== undefined) names.push(...Object.values(profile.label));
  return names.map((name) => name.trim()).filter((name) => name !== '');
}

function rolesOf(names: readonly string[], role: FieldRole | undefined, dictionary: SynonymDictionary): Map<FieldRole, number> {
  const roles = new Map<FieldRole, number>();
  if (role !== undefined) return roles.set(role, 1);
  for (const name of names) {
    for (const match of lookupRoles(dictionary, name)) roles.set(match.role, Math.max(roles.get(match.role) ?? 0, match.score));
  }
  return roles;
}

function prepare(profile: ColumnProfile, dictionary: SynonymDictionary, extraNames: readonly string[] = []): Prepared {
  const rawNames = namesOf(profile, extraNames);
  const values = new Set(profile.sample.map((value) => comparisonForm(value)).filter((value) => value !== ''));
  const shapeCounts = new Map<string, number>();
  const distinct = new Set(profile.sample.map((value) => value.trim()).filter((value) => value !== ''));
  for (const value of distinct) {
    const shape = valueShape(value);
    shapeCounts.set(shape, (shapeCounts.get(shape) ?? 0) + 1);
  }
  const shapes = new Map([...shapeCounts].map(([shape, count]) => [shape, count / distinct.size]));
  return {
    profile,
    rawNames: new Set(rawNames),
    normalizedNames: new Set(rawNames.map(normalizeFieldName).filter((name) => name !== '')),
    roles: rolesOf(rawNames, profile.role, dictionary),
    values,
    shapes,
  };
}

function prepareRemembered(column: RememberedColumn, confirmed: readonly ConfirmedName[], dictionary: SynonymDictionary): PreparedRemembered {
  const names = new Map<string, string>();
  for (const entry of confirmed) {
    if (entry.column === column.column) names.set(normalizeFieldName(entry.sourceName), entry.sourceName);
  }
  return { ...prepare(column, dictionary, [column.column]), column: column.column, confirmed: names };
}

const round = (value: number, places = 100): number => Math.round(value * places) / places;

/** Shared distinct values as a share of the smaller sample, discounted by n / (n + 1) when only n are shared. */
function valueSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): { similarity: number; shared: number; jaccard: number } {
  if (a.size === 0 || b.size === 0) return { similarity: 0, shared: 0, jaccard: 0 };
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const value of small) if (large.has(value)) shared += 1;
  const containment = shared / small.size;
  return { similarity: containment * (shared / (shared + 1)), shared, jaccard: shared / (a.size + b.size - shared) };
}

/** Histogram intersection of the two shape distributions. */
function shapeSimilarity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let overlap = 0;
  for (const [shape, share] of a) overlap += Math.min(share, b.get(shape) ?? 0);
  return Math.min(1, overlap);
}

const TYPE_GROUPS: readonly (readonly ColumnType[])[] = [
  ['integer', 'real'],
  ['date', 'datetime'],
  ['integer', 'boolean'],
  // identifiers: a number in one export, a code with a prefix in the next
  ['integer', 'text'],
];

function typeFactor(a: ColumnType, b: ColumnType): number {
  if (a === b) return 1;
  return TYPE_GROUPS.some((group) => group.includes(a) && group.includes(b)) ? COMPATIBLE_TYPE_FACTOR : OTHER_TYPE_FACTOR;
}

function nameEvidence(incoming: Prepared, remembered: PreparedRemembered): MatchEvidence | undefined {
  const exact = [...incoming.rawNames].find((name) => remembered.rawNames.has(name));
  if (exact !== undefined) return { kind: 'exact-name', similarity: 1, contribution: WEIGHT.exactName, detail: exact };
  for (const name of incoming.normalizedNames) {
    const confirmed = remembered.confirmed.get(name);
    if (confirmed !== undefined) return { kind: 'remembered-name', similarity: 1, contribution: WEIGHT.rememberedName, detail: confirmed };
  }
  const normalized = [...incoming.normalizedNames].find((name) => remembered.normalizedNames.has(name));
  if (normalized !== undefined) return { kind: 'normalized-name', similarity: 1, contribution: WEIGHT.normalizedName, detail: normalized };
  let best: { role: FieldRole; score: number } | undefined;
  for (const [role, score] of incoming.roles) {
    const other = remembered.roles.get(role);
    if (other === undefined) continue;
    const common = Math.min(score, other);
    if (best === undefined || common > best.score) best = { role, score: common };
  }
  if (best === undefined) return undefined;
  return { kind: 'synonym', similarity: round(best.score, 1000), contribution: round(WEIGHT.synonym * best.score, 1000), detail: best.role };
}

/** Roles a column's names mean exactly (or its set role). */
const exactRoles = (prepared: Prepared): FieldRole[] => [...prepared.roles].filter(([, score]) => score >= 1).map(([role]) => role);

function scorePair(incoming: Prepared, remembered: PreparedRemembered): { confidence: number; evidence: MatchEvidence[] } {
  const support: MatchEvidence[] = [];
  const name = nameEvidence(incoming, remembered);
  if (name !== undefined) support.push(name);

  const values = valueSimilarity(incoming.values, remembered.values);
  const shapes = shapeSimilarity(incoming.shapes, remembered.shapes);
  const valueTerm: MatchEvidence = {
    kind: 'values',
    similarity: round(values.similarity, 1000),
    contribution: round(WEIGHT.values * values.similarity, 1000),
    detail: `${values.shared} shared, Jaccard ${round(values.jaccard)}`,
  };
  const shapeTerm: MatchEvidence = { kind: 'value-shapes', similarity: round(shapes, 1000), contribution: round(WEIGHT.valueShapes * shapes, 1000) };
  const valueFamily = valueTerm.contribution >= shapeTerm.contribution ? valueTerm : shapeTerm;
  if (valueFamily.contribution > 0) support.push(valueFamily);

  const { type } = incoming.profile;
  if (type === remembered.profile.type) support.push({ kind: 'same-type', similarity: 1, contribution: WEIGHT.sameType, detail: type });

  const nearness = Math.max(0, 1 - Math.abs(incoming.profile.position - remembered.profile.position) / 2);
  if (nearness > 0) support.push({ kind: 'position', similarity: nearness, contribution: WEIGHT.position * nearness });

  let confidence = 1 - support.reduce((rest, term) => rest * (1 - term.contribution), 1);
  const penalties: MatchEvidence[] = [];
  const factor = typeFactor(type, remembered.profile.type);
  if (factor < 1) penalties.push({ kind: 'type-change', similarity: 0, contribution: factor, detail: `${remembered.profile.type} → ${type}` });
  if (name === undefined) {
    const mine = exactRoles(incoming);
    const theirs = exactRoles(remembered);
    if (mine.length > 0 && theirs.length > 0 && !mine.some((role) => theirs.includes(role))) {
      penalties.push({ kind: 'role-conflict', similarity: 0, contribution: ROLE_CONFLICT_FACTOR, detail: `${mine.join('/')} ≠ ${theirs.join('/')}` });
    }
  }
  for (const penalty of penalties) confidence *= penalty.contribution;
  if (name === undefined) confidence = Math.min(confidence, NAMELESS_CAP);
  return { confidence: round(confidence), evidence: [...support.sort((a, b) => b.contribution - a.contribution), ...penalties] };
}

/** Whether every numeric sample value falls in the role's range (scores), as suggestRoles checks. */
function fitsRole(profile: ColumnProfile, role: FieldRole): boolean {
  const info = ROLE_INFO[role];
  if (!info.types.includes(profile.type)) return false;
  if (info.range === undefined) return true;
  const [low, high] = info.range;
  return profile.sample.every((value) => {
    const number = Number(value.trim());
    return value.trim() === '' || !Number.isFinite(number) || (number >= low && number <= high);
  });
}

interface RoleCandidate {
  readonly column: Prepared;
  readonly role: FieldRole;
  readonly confidence: number;
  readonly synonym: string;
}

/** Roles for columns from their names, one column per role and one role per column, the most confident first. */
function assignRoles(columns: readonly Prepared[], taken: ReadonlySet<FieldRole>, dictionary: SynonymDictionary): Map<Prepared, RoleCandidate> {
  const candidates: RoleCandidate[] = [];
  for (const column of columns) {
    if (column.profile.role !== undefined) {
      candidates.push({ column, role: column.profile.role, confidence: ROLE_NAME_WEIGHT, synonym: '' });
      continue;
    }
    const seen = new Set<FieldRole>();
    for (const name of column.rawNames) {
      for (const match of lookupRoles(dictionary, name)) {
        if (seen.has(match.role) || taken.has(match.role) || !fitsRole(column.profile, match.role)) continue;
        seen.add(match.role);
        candidates.push({ column, role: match.role, confidence: round(ROLE_NAME_WEIGHT * match.score), synonym: match.synonym });
      }
    }
  }
  const order = (role: FieldRole): number => FIELD_ROLES.indexOf(role);
  candidates.sort((a, b) => b.confidence - a.confidence || a.column.profile.position - b.column.profile.position || order(a.role) - order(b.role));
  const chosen = new Map<Prepared, RoleCandidate>();
  const roles = new Set<FieldRole>();
  for (const candidate of candidates) {
    if (chosen.has(candidate.column) || roles.has(candidate.role)) continue;
    chosen.set(candidate.column, candidate);
    roles.add(candidate.role);
  }
  return chosen;
}

function finish(matched: ColumnMatch[], fresh: NewColumn[], missing: string[]): ColumnMappingProposal {
  matched.sort((a, b) => a.position - b.position);
  fresh.sort((a, b) => a.position - b.position);
  return { matched, new: fresh, missing, autoAccepted: matched.filter((match) => match.confidence >= AUTO_ACCEPT_CONFIDENCE) };
}

/**
 * Proposes, for each column of a new export, the remembered column it is, with a confidence and
 * its evidence (see the scoring rule at the top of this file). Each remembered column takes at
 * most one incoming column: pairs are taken greedily, most confident first, ties to the earlier
 * incoming then the earlier remembered column. Without memory, the columns are matched to roles
 * by their names (0.95 × the dictionary's score, for roles their type and range fit).
 */
export function mapColumns(incoming: readonly ColumnProfile[], memory: SourceMemory | undefined, dictionary: SynonymDictionary): ColumnMappingProposal {
  const prepared = incoming.map((profile) => prepare(profile, dictionary));
  if (memory === undefined || memory.columns.length === 0) {
    const roles = assignRoles(prepared, new Set(), dictionary);
    const matched: ColumnMatch[] = [];
    const fresh: NewColumn[] = [];
    for (const column of prepared) {
      const { name, position } = column.profile;
      const found = roles.get(column);
      if (found === undefined || found.confidence < MATCH_CONFIDENCE) {
        fresh.push({ incoming: name, position });
        continue;
      }
      const evidence: MatchEvidence = { kind: 'synonym', similarity: round(found.confidence / ROLE_NAME_WEIGHT, 1000), contribution: found.confidence, detail: found.synonym };
      matched.push({ incoming: name, position, target: { kind: 'role', role: found.role }, confidence: found.confidence, evidence: [evidence] });
    }
    return finish(matched, fresh, []);
  }

  const remembered = memory.columns.map((column) => prepareRemembered(column, memory.confirmed, dictionary));
  const pairs: { incoming: Prepared; remembered: PreparedRemembered; confidence: number; evidence: MatchEvidence[] }[] = [];
  for (const column of prepared) {
    for (const old of remembered) {
      const scored = scorePair(column, old);
      if (scored.confidence >= MATCH_CONFIDENCE) pairs.push({ incoming: column, remembered: old, ...scored });
    }
  }
  pairs.sort((a, b) => b.confidence - a.confidence || a.incoming.profile.position - b.incoming.profile.position || a.remembered.profile.position - b.remembered.profile.position);
  const usedIncoming = new Set<Prepared>();
  const usedRemembered = new Set<PreparedRemembered>();
  const matched: ColumnMatch[] = [];
  for (const pair of pairs) {
    if (usedIncoming.has(pair.incoming) || usedRemembered.has(pair.remembered)) continue;
    usedIncoming.add(pair.incoming);
    usedRemembered.add(pair.remembered);
    const { name, position } = pair.incoming.profile;
    const target: MappingTarget = { kind: 'column', column: pair.remembered.column, role: pair.remembered.profile.role };
    matched.push({ incoming: name, position, target, confidence: pair.confidence, evidence: pair.evidence });
  }

  const unmatched = prepared.filter((column) => !usedIncoming.has(column));
  const takenRoles = new Set<FieldRole>();
  for (const old of usedRemembered) if (old.profile.role !== undefined) takenRoles.add(old.profile.role);
  const roles = assignRoles(unmatched, takenRoles, dictionary);
  const fresh = unmatched.map((column): NewColumn => {
    const found = roles.get(column);
    const suggestedRole = found === undefined ? undefined : { role: found.role, confidence: found.confidence, synonym: found.synonym };
    return { incoming: column.profile.name, position: column.profile.position, suggestedRole };
  });
  const missing = remembered.filter((old) => !usedRemembered.has(old)).map((old) => old.column);
  return finish(matched, fresh, missing);
}

/** The newest sample values first, then older ones, distinct, at most {@link SAMPLE_LIMIT}. */
function mergeSamples(newer: readonly string[], older: readonly string[]): string[] {
  return [...new Set([...newer, ...older])].slice(0, SAMPLE_LIMIT);
}

/**
 * The source's memory after an import the user confirmed: the confirmed columns take their
 * header, type, position and (merged) sample from this file, remembered columns the file lacked
 * are kept (a column dropped one month may come back), and every confirmed header is remembered
 * for its column, so a rename confirmed once is recognised next time.
 */
export function rememberMapping(memory: SourceMemory | undefined, incoming: readonly ColumnProfile[], confirmed: readonly ConfirmedMapping[]): SourceMemory {
  const byName = new Map(incoming.map((profile) => [profile.name, profile]));
  const oldColumns = new Map((memory?.columns ?? []).map((column) => [column.column, column]));
  const targets = new Set<string>();
  const sources = new Set<string>();
  const columns: RememberedColumn[] = [];
  for (const entry of confirmed) {
    const profile = byName.get(entry.sourceName);
    if (profile === undefined) throw new RangeError(`No incoming column is named ${JSON.stringify(entry.sourceName)}`);
    if (entry.column.trim() === '') throw new RangeError(`The column for ${JSON.stringify(entry.sourceName)} needs a name`);
    if (targets.has(entry.column)) throw new RangeError(`Two incoming columns are confirmed for ${JSON.stringify(entry.column)}`);
    if (sources.has(entry.sourceName)) throw new RangeError(`${JSON.stringify(entry.sourceName)} is confirmed twice`);
    targets.add(entry.column);
    sources.add(entry.sourceName);
    const old = oldColumns.get(entry.column);
    columns.push({
      name: profile.name,
      label: profile.label ?? old?.label,
      type: profile.type,
      position: profile.position,
      sample: mergeSamples(profile.sample, old?.sample ?? []),
      nullShare: profile.nullShare,
      role: entry.role ?? old?.role ?? profile.role,
      column: entry.column,
    });
  }
  columns.sort((a, b) => a.position - b.position);
  for (const old of memory?.columns ?? []) if (!targets.has(old.column)) columns.push(old);

  const confirmedNow = confirmed.map((entry): ConfirmedName => ({ sourceName: entry.sourceName, column: entry.column }));
  const renamed = new Set(confirmedNow.map((entry) => normalizeFieldName(entry.sourceName)));
  const earlier = (memory?.confirmed ?? []).filter((entry) => !renamed.has(normalizeFieldName(entry.sourceName)));
  return { version: SOURCE_MEMORY_VERSION, columns, confirmed: [...earlier, ...confirmedNow] };
}

const localized = z.strictObject({ en: z.string(), 'zh-CN': z.string() });
const rememberedSchema = z.strictObject({
  name: z.string(),
  label: localized.optional(),
  type: z.enum(COLUMN_TYPES),
  position: z.number().int().min(0),
  sample: z.array(z.string()),
  nullShare: z.number().min(0).max(1).optional(),
  role: z.enum(FIELD_ROLES).optional(),
  column: z.string().min(1),
});
const memorySchema = z.strictObject({
  version: z.literal(SOURCE_MEMORY_VERSION),
  columns: z.array(rememberedSchema),
  confirmed: z.array(z.strictObject({ sourceName: z.string(), column: z.string().min(1) })),
});

/** A source memory read back from JSON, checked; throws on anything that is not one. */
export function restoreSourceMemory(json: unknown): SourceMemory {
  const parsed = memorySchema.parse(json);
  const names = parsed.columns.map((column) => column.column);
  if (new Set(names).size !== names.length) throw new RangeError('A source memory names a column twice');
  return { ...parsed, columns: parsed.columns.map((column) => ({ ...column, sample: column.sample.slice(0, SAMPLE_LIMIT) })) };
}
