import type Database from 'better-sqlite3';
import type { CellValue, FieldInfo } from '../../../shared/api/types';
import type { MessageKey, MessageParams } from '../../../shared/i18n/messages';
import { ROLE_INFO, type FieldRole } from '../../../shared/model/field-roles';
import { compareSqlite } from '../../../shared/query/sqlite-order';
import { sqliteDialect } from '../../../shared/query/sql-dialect';
import {
  OUTLIER_FENCE_FACTOR,
  type ColumnQualityProfile,
  type NumberStats,
  type PatternCount,
  type ProfileRule,
  type RejectCount,
  type RuleViolation,
  type TableProfile,
  type ValueCount,
} from '../../../shared/spec/table-profile';
import { appliedRoles, tableModel } from '../model/semantic-model';
import { getTableSchema } from '../workbench/table-catalog';
import { ColumnPatterns, valuePattern } from './value-pattern';

const q = (identifier: string): string => sqliteDialect.quoteIdent(identifier);

const DEFAULT_SAMPLE_LIMIT = 5;
/** Counts per value kept in memory for the whole table (about 100 MB at most). Columns get them
 * fewest distinct values first, as far as the catalogue's distinct counts fit; the others (keys,
 * timestamps) are shaped value by value and SQL counts their distinct and most frequent values. */
const VALUE_COUNT_BUDGET = 1_000_000;

export interface ProfileOptions {
  /** How many frequent values, patterns, outlier examples and rowids to keep (5 unless given). */
  readonly sampleLimit?: number | undefined;
}

/** The characters String.prototype.trim removes. */
function isSpace(code: number): boolean {
  if (code < 0x80) return code <= 32 && (code === 32 || (code >= 9 && code <= 13));
  return code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Empty or whitespace only; most values start with a visible character and are not trimmed. */
function isBlank(text: string): boolean {
  return text.length === 0 || (isSpace(text.charCodeAt(0)) && text.trim() === '');
}

/** A check of one row, on the values of the SELECT list. */
interface RuleCheck {
  readonly rule: ProfileRule;
  readonly message: MessageKey;
  readonly params: MessageParams;
  readonly fields: readonly string[];
  /** Index of the suspect column among the profiled columns. */
  readonly column: number;
  readonly breaks: (row: readonly CellValue[]) => boolean;
  count: number;
  readonly rowids: number[];
}

interface ColumnState {
  readonly field: FieldInfo;
  readonly role: FieldRole | null;
  nulls: number;
  readonly isDate: boolean;
  /** Count per non-empty value while the column has few distinct values; null past its share of the budget. */
  values: Map<string | number, number> | null;
  readonly valueLimit: number;
  readonly shapes: ColumnPatterns;
  /** Shapes counted value by value once `values` is dropped. */
  readonly patterns: Map<string, number>;
  /** The distinct empty strings met: SQL's COUNT(DISTINCT) counts them, the profile does not. */
  readonly blanks: Set<string>;
  numbers: Float64Array;
  numberCount: number;
  minDate: string | null;
  maxDate: string | null;
  violatingRows: number;
  lastViolatingRow: number;
}

const TIME_RULES: readonly (readonly [ProfileRule, MessageKey, FieldRole, FieldRole])[] = [
  ['first_response_before_created', 'profile.rule.firstResponseBeforeCreated', 'created_at', 'first_response_at'],
  ['resolved_before_created', 'profile.rule.resolvedBeforeCreated', 'created_at', 'resolved_at'],
  ['closed_before_created', 'profile.rule.closedBeforeCreated', 'created_at', 'closed_at'],
  ['resolved_before_first_response', 'profile.rule.resolvedBeforeFirstResponse', 'first_response_at', 'resolved_at'],
];
const SCORE_ROLES: readonly FieldRole[] = ['csat', 'nps', 'ces'];
const COUNT_ROLES: readonly FieldRole[] = ['reopen_count', 'transfer_count'];

/** The checks the table's applied roles call for; `offset` is where the profiled columns start in a row. */
function ruleChecks(states: readonly ColumnState[], offset: number): RuleCheck[] {
  const indexOfRole = new Map(states.flatMap((s, i) => (s.role === null ? [] : [[s.role, i] as const])));
  const checks: RuleCheck[] = [];
  const add = (rule: ProfileRule, message: MessageKey, params: MessageParams, columns: readonly number[], breaks: RuleCheck['breaks']): void => {
    checks.push({ rule, message, params, fields: columns.map((c) => states[c]!.field.name), column: columns[columns.length - 1]!, breaks, count: 0, rowids: [] });
  };
  for (const role of SCORE_ROLES) {
    const c = indexOfRole.get(role);
    const range = ROLE_INFO[role].range;
    if (c === undefined || range === undefined) continue;
    const [min, max] = range;
    const at = c + offset;
    add('score_range', 'profile.rule.scoreRange', { min, max }, [c], (row) => {
      const v = row[at];
      return typeof v === 'number' && (v < min || v > max);
    });
  }
  for (const role of COUNT_ROLES) {
    const c = indexOfRole.get(role);
    if (c === undefined) continue;
    const at = c + offset;
    add('negative_count', 'profile.rule.negativeCount', {}, [c], (row) => {
      const v = row[at];
      return typeof v === 'number' && v < 0;
    });
  }
  for (const [rule, message, earlierRole, laterRole] of TIME_RULES) {
    const earlier = indexOfRole.get(earlierRole);
    const later = indexOfRole.get(laterRole);
    if (earlier === undefined || later === undefined) continue;
    const e = earlier + offset;
    const l = later + offset;
    // a date against a datetime compares days: '2024-05-01' is not before '2024-05-01 09:00:00'
    const length = states[earlier]!.field.type === states[later]!.field.type ? Infinity : 10;
    add(rule, message, {}, [earlier, later], (row) => {
      const a = row[e];
      const b = row[l];
      if (typeof a !== 'string' || typeof b !== 'string' || isBlank(a) || isBlank(b)) return false;
      return length === Infinity ? b < a : b.slice(0, length) < a.slice(0, length);
    });
  }
  return checks;
}

function rejectCounts(db: Database.Database, table: string): { byField: Map<string, RejectCount>; wholeRows: number } {
  const rows = db
    .prepare(
      `SELECT r.field AS field, r.reason_key AS reason, COUNT(*) AS count
       FROM rw_rejects r JOIN rw_imports i ON i.id = r.import_id
       WHERE i.table_name = ? GROUP BY r.field, r.reason_key ORDER BY count DESC, reason`,
    )
    .all(table) as { field: string | null; reason: MessageKey; count: number }[];
  const byField = new Map<string, { count: number; byReason: { reason: MessageKey; count: number }[] }>();
  let wholeRows = 0;
  for (const r of rows) {
    if (r.field === null) {
      wholeRows += r.count;
      continue;
    }
    let entry = byField.get(r.field);
    if (entry === undefined) {
      entry = { count: 0, byReason: [] };
      byField.set(r.field, entry);
    }
    entry.count += r.count;
    entry.byReason.push({ reason: r.reason, count: r.count });
  }
  return { byField, wholeRows };
}

/** Linear interpolation between ranks (R's type 7) on sorted values. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const a = sorted[low]!;
  const b = sorted[Math.min(low + 1, sorted.length - 1)]!;
  return a + (h - low) * (b - a);
}

function numberStats(values: Float64Array, limit: number): NumberStats {
  const n = values.length;
  if (n === 0) return { min: null, max: null, mean: null, q1: null, q3: null, lowerFence: null, upperFence: null, outliers: 0, outlierExamples: [] };
  values.sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  const iqr = q3 - q1;
  const lowerFence = q1 - OUTLIER_FENCE_FACTOR * iqr;
  const upperFence = q3 + OUTLIER_FENCE_FACTOR * iqr;
  let below = 0;
  let above = 0;
  if (iqr > 0) {
    while (below < n && values[below]! < lowerFence) below++;
    while (above < n && values[n - 1 - above]! > upperFence) above++;
  }
  // distinct outlying values from both ends, the farthest from the median first
  const median = quantile(values, 0.5);
  const examples: number[] = [];
  let i = 0;
  let j = n - 1;
  while (examples.length < limit && (i < below || j > n - 1 - above)) {
    const low = i < below ? values[i]! : undefined;
    const high = j > n - 1 - above ? values[j]! : undefined;
    const takeLow = low !== undefined && (high === undefined || median - low >= high - median);
    const value = takeLow ? low : high!;
    if (takeLow) while (i < below && values[i] === value) i++;
    else while (j > n - 1 - above && values[j] === value) j--;
    examples.push(value);
  }
  return { min: values[0]!, max: values[n - 1]!, mean: sum / n, q1, q3, lowerFence, upperFence, outliers: below + above, outlierExamples: examples };
}

function topOf<T extends CellValue>(counts: Iterable<[T, number]>, limit: number): [T, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || compareSqlite(a[0], b[0])).slice(0, limit);
}

/** One decimal, rounded down, and below 100 whenever anything was found. */
function roundScore(share: number, anyProblem: boolean): number {
  const score = Math.floor(100 * Math.max(0, 1 - share) * 10 + 1e-6) / 10;
  return anyProblem ? Math.min(score, 99.9) : score;
}

/**
 * The weighted problem cells of a column: empty values weigh 0.5 (1 when the column plays a key
 * or time role: a ticket without an id or a creation time cannot be counted), values rejected at
 * import 1 (they are among the empty values, which then weigh only for the rest), rows breaking a
 * rule of the role 1, outliers 0.25. A cell may count under two problems (an out-of-range score
 * that is also an outlier).
 *
 *   score = 100 × (1 − min(1, weighted problem cells / rows)), rounded down to one decimal and
 *   at most 99.9 when anything was found; 100 for an empty table.
 */
function qualityScore(p: Pick<ColumnQualityProfile, 'rows' | 'nulls' | 'role' | 'rejects' | 'numbers'>, violatingRows: number): { share: number; score: number } {
  const kind = p.role === null ? null : ROLE_INFO[p.role].kind;
  const nullWeight = kind === 'key' || kind === 'time' ? 1 : 0.5;
  const rejects = Math.min(p.rejects.count, p.nulls);
  const weighted = (p.nulls - rejects) * nullWeight + rejects + violatingRows + 0.25 * (p.numbers?.outliers ?? 0);
  const share = p.rows === 0 ? 0 : Math.min(1, weighted / p.rows);
  return { share, score: roundScore(share, weighted > 0) };
}

/**
 * A data-quality profile of a workbench table in one streaming pass over its rows (counts per
 * value, shapes, numbers, date ranges and role rules at once), then SQL only for the columns with
 * many distinct values: their exact COUNT(DISTINCT) in one statement, and their most frequent
 * values unless every value is distinct.
 */
export function profileTable(db: Database.Database, table: string, options: ProfileOptions = {}): TableProfile {
  const limit = options.sampleLimit ?? DEFAULT_SAMPLE_LIMIT;
  const schema = getTableSchema(db, table);
  const roleOf = new Map([...appliedRoles(tableModel(db, table))].map(([role, field]) => [field, role] as const));
  const valueLimits = new Map<string, number>();
  let budget = VALUE_COUNT_BUDGET;
  for (const field of [...schema.fields].sort((a, b) => a.distinctCount - b.distinctCount)) {
    // room to spare: the catalogue's count may be an estimate, or older than an edit
    const wanted = Math.ceil(field.distinctCount * 1.1) + 100;
    if (wanted > budget) break;
    valueLimits.set(field.name, wanted);
    budget -= wanted;
  }
  const states: ColumnState[] = schema.fields.map((field) => ({
    field,
    role: roleOf.get(field.name) ?? null,
    isDate: field.type === 'date' || field.type === 'datetime',
    nulls: 0,
    values: valueLimits.has(field.name) ? new Map() : null,
    valueLimit: valueLimits.get(field.name) ?? 0,
    shapes: new ColumnPatterns(),
    patterns: new Map(),
    blanks: new Set(),
    numbers: new Float64Array(field.type === 'integer' || field.type === 'real' ? Math.max(16, schema.rowCount) : 0),
    numberCount: 0,
    minDate: null,
    maxDate: null,
    violatingRows: 0,
    lastViolatingRow: -1,
  }));
  const checks = ruleChecks(states, 1);
  const width = states.length;

  let rows = 0;
  if (width > 0) {
    const select = db.prepare(`SELECT rowid, ${states.map((s) => q(s.field.name)).join(', ')} FROM ${q(schema.table)}`).raw();
    for (const row of select.iterate() as Iterable<CellValue[]>) {
      for (let c = 0; c < width; c++) {
        const v = row[c + 1] as CellValue;
        const s = states[c]!;
        if (v === null) {
          s.nulls++;
          continue;
        }
        if (typeof v === 'string') {
          if (isBlank(v)) {
            s.nulls++;
            s.blanks.add(v);
            continue;
          }
          if (s.isDate) {
            if (s.minDate === null || v < s.minDate) s.minDate = v;
            if (s.maxDate === null || v > s.maxDate) s.maxDate = v;
          }
        } else if (s.numbers.length > 0) {
          if (s.numberCount === s.numbers.length) {
            const grown = new Float64Array(s.numbers.length * 2);
            grown.set(s.numbers);
            s.numbers = grown;
          }
          s.numbers[s.numberCount++] = v;
        }
        const values = s.values;
        if (values !== null) {
          values.set(v, (values.get(v) ?? 0) + 1);
          if (values.size > s.valueLimit) {
            for (const [value, count] of values) addPattern(s.patterns, valuePattern(value), count);
            s.values = null;
          }
        } else {
          addPattern(s.patterns, s.shapes.of(v), 1);
        }
      }
      for (const check of checks) {
        if (!check.breaks(row)) continue;
        check.count++;
        if (check.rowids.length < limit) check.rowids.push(row[0] as number);
        const s = states[check.column]!;
        if (s.lastViolatingRow !== rows) {
          s.lastViolatingRow = rows;
          s.violatingRows++;
        }
      }
      rows++;
    }
  }

  const many = states.filter((s) => s.values === null);
  const distinctOfMany =
    many.length === 0 ? [] : (db.prepare(`SELECT ${many.map((s) => `COUNT(DISTINCT ${q(s.field.name)})`).join(', ')} FROM ${q(schema.table)}`).raw().get() as number[]);
  const rejects = rejectCounts(db, schema.table);

  let weightedShares = 0;
  let anyProblem = false;
  const columns = states.map((s, index): ColumnQualityProfile => {
    const present = rows - s.nulls;
    let distinct: number;
    let topValues: ValueCount[];
    let patternCounts: Map<string, number>;
    if (s.values !== null) {
      distinct = s.values.size;
      topValues = distinct === present ? [] : topOf(s.values, limit).map(([value, count]) => ({ value, count }));
      patternCounts = new Map();
      for (const [value, count] of s.values) addPattern(patternCounts, valuePattern(value), count);
    } else {
      distinct = distinctOfMany[many.indexOf(s)]! - s.blanks.size;
      topValues = distinct === present ? [] : mostFrequent(db, schema.table, s, limit);
      patternCounts = s.patterns;
    }
    const patterns: PatternCount[] = topOf(patternCounts, limit).map(([pattern, count]) => ({ pattern, count, share: present === 0 ? 0 : count / present }));
    const isNumber = s.field.type === 'integer' || s.field.type === 'real';
    const isDate = s.field.type === 'date' || s.field.type === 'datetime';
    const profile = {
      name: s.field.name,
      label: s.field.label,
      type: s.field.type,
      role: s.role,
      rows,
      nulls: s.nulls,
      distinct,
      topValues,
      patterns,
      numbers: isNumber ? numberStats(s.numbers.subarray(0, s.numberCount), limit) : null,
      dates: isDate ? { min: s.minDate, max: s.maxDate } : null,
      rejects: rejects.byField.get(s.field.name) ?? { count: 0, byReason: [] },
      violations: checks
        .filter((c) => c.column === index)
        .map((c): RuleViolation => ({ rule: c.rule, message: c.message, params: c.params, fields: c.fields, count: c.count, rowids: c.rowids })),
    };
    const { share, score } = qualityScore(profile, s.violatingRows);
    weightedShares += share;
    anyProblem ||= score < 100;
    return { ...profile, score };
  });
  return {
    table: schema.table,
    label: schema.label,
    rows,
    columns,
    rejectedRows: rejects.wholeRows,
    score: columns.length === 0 ? 100 : roundScore(weightedShares / columns.length, anyProblem),
  };
}

function addPattern(patterns: Map<string, number>, pattern: string, count: number): void {
  patterns.set(pattern, (patterns.get(pattern) ?? 0) + count);
}

/** The most frequent non-empty values of a column with many distinct values, by SQL. */
function mostFrequent(db: Database.Database, table: string, s: ColumnState, limit: number): ValueCount[] {
  const column = q(s.field.name);
  const rows = db
    .prepare(`SELECT ${column} AS value, COUNT(*) AS count FROM ${q(table)} WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY count DESC, ${column} LIMIT ?`)
    .all(limit + s.blanks.size) as ValueCount[];
  return rows.filter((r) => typeof r.value !== 'string' || !s.blanks.has(r.value)).slice(0, limit);
}
