import type { ColumnType, ValueFormat } from '../api/types';
import type { FieldRole } from '../model/field-roles';
import type { MaskMethod, PiiKind } from '../cleaning/pii';

/**
 * A recipe: the ordered steps that turn an imported table (kept as imported, never modified) into
 * its clean table. Kept as data in the workbench, one saved version per change, so a recipe can be
 * replayed on next month's import and its history audited. Each step declares the columns it
 * reads and produces (see recipe-dataflow.ts), so a step that needs a column an earlier step
 * dropped is flagged before anything runs, and the schema after every step is known.
 */
export const RECIPE_SPEC_VERSION = 1;

export interface RecipeSpec {
  readonly version: typeof RECIPE_SPEC_VERSION;
  /** The imported table the recipe reads. */
  readonly source: string;
  /** The clean table the recipe writes (replaced as a whole by each run). */
  readonly output: string;
  readonly steps: readonly RecipeStep[];
}

/** Steps that touch the text of columns in place apply to each listed column. */
export type TextColumns = readonly string[];

export type RecipeStepBody =
  /** Gives a column a new name. */
  | { readonly kind: 'rename'; readonly column: string; readonly to: string }
  /** Leaves out columns. */
  | { readonly kind: 'drop'; readonly columns: readonly string[] }
  /** Reads a column's values as another type, written as `format` says (a value that does not fit
   * becomes NULL and is counted as rejected by the step). */
  | { readonly kind: 'retype'; readonly column: string; readonly type: ColumnType; readonly format: ValueFormat }
  /** Reads text dates written in one format as dates or datetimes (a retype limited to dates). */
  | { readonly kind: 'parseDates'; readonly column: string; readonly format: DateFormat; readonly withTime: boolean }
  /** Gives the clean table's column a service role (it takes effect in the model on the clean table). */
  | { readonly kind: 'setRole'; readonly column: string; readonly role: FieldRole }
  /** Trims the ends; with `inner`, also turns runs of spaces, tabs and ideographic spaces into one space. */
  | { readonly kind: 'trim'; readonly columns: TextColumns; readonly inner: boolean }
  /** Full-width (全角) letters, digits and punctuation to half-width (半角), or back. */
  | { readonly kind: 'width'; readonly columns: TextColumns; readonly to: 'half' | 'full' }
  /** Traditional ↔ simplified Chinese characters (OpenCC's tables, offline). */
  | { readonly kind: 'chineseScript'; readonly columns: TextColumns; readonly to: 'simplified' | 'traditional' }
  | { readonly kind: 'case'; readonly columns: TextColumns; readonly to: 'upper' | 'lower' | 'title' }
  /** Splits a text column at each `separator` into the named columns (the rest stays in the last one). */
  | { readonly kind: 'split'; readonly column: string; readonly separator: string; readonly into: readonly string[]; readonly keep: boolean }
  /** Joins columns' texts with `separator` into a new column (NULL parts left out). */
  | { readonly kind: 'merge'; readonly columns: readonly string[]; readonly separator: string; readonly into: string; readonly keep: boolean }
  /** The first match of a regular expression (its first group when it has one) as a new column. */
  | { readonly kind: 'extract'; readonly column: string; readonly pattern: string; readonly into: string }
  /** Fills empty cells from the nearest filled cell above (in the source's row order). */
  | { readonly kind: 'fillDown'; readonly columns: readonly string[] }
  /** Fills empty cells with a constant, or the column's mean or median over the filled cells. */
  | { readonly kind: 'fillMissing'; readonly column: string; readonly with: 'constant' | 'mean' | 'median'; readonly value?: string | number | undefined }
  /** Replaces values through a mapping table; values not in it stay (or, with `otherwise`, become it). */
  | { readonly kind: 'mapValues'; readonly column: string; readonly mapping: readonly ValueMapping[]; readonly otherwise?: string | null | undefined }
  /** Merges near-duplicate values as a clustering proposed and the user accepted: each cluster's
   * values become its chosen value. Kept apart from mapValues so the method is on record. */
  | { readonly kind: 'cluster'; readonly column: string; readonly method: ClusterMethodName; readonly clusters: readonly MergedCluster[] }
  /** Keeps one row per key (every column when `keys` is empty): the first in row order, or the
   * latest by `latestBy`. */
  | { readonly kind: 'dedupe'; readonly keys: readonly string[]; readonly keep: 'first' | 'latest'; readonly latestBy?: string | undefined }
  /** Keeps the rows for which a formula (the model's expression language) is true. */
  | { readonly kind: 'filter'; readonly expression: string }
  /** A new column from a formula (the model's expression language). */
  | { readonly kind: 'derive'; readonly into: string; readonly expression: string }
  /** Masks, hashes (HMAC with the workbench's own secret, so equal values stay joinable) or drops
   * the personal data in a column: the whole value, or only the identifiers found in free text. */
  | { readonly kind: 'mask'; readonly column: string; readonly method: MaskMethod; readonly scope: 'value' | 'text'; readonly kinds: readonly PiiKind[] }
  /** A customer key for stitching identities across sources: the first of the columns that holds
   * a phone number, e-mail or ID card number, normalised (`phone:13812345678`, `email:…`, `id:…`),
   * hashed with the workbench's secret when asked, so the same person gets the same key in every
   * table whatever the export wrote. */
  | { readonly kind: 'identity'; readonly columns: readonly string[]; readonly into: string; readonly hash: boolean }
  /** Columns to rows: each listed column becomes a row with its name and value. */
  | { readonly kind: 'unpivot'; readonly columns: readonly string[]; readonly nameColumn: string; readonly valueColumn: string }
  /** Rows to columns: one row per combination of the other columns, one column per listed value of
   * `nameColumn` holding `valueColumn` (the largest when several rows share a cell). */
  | { readonly kind: 'pivot'; readonly nameColumn: string; readonly valueColumn: string; readonly values: readonly string[] }
  /** Brings columns of another table by key (the first matching row; no match leaves NULL). */
  | { readonly kind: 'lookup'; readonly table: string; readonly on: readonly { readonly column: string; readonly other: string }[]; readonly columns: readonly { readonly other: string; readonly into: string }[] }
  /** Appends the rows of other tables, their columns mapped onto this one's (unmapped columns NULL). */
  | { readonly kind: 'union'; readonly tables: readonly { readonly table: string; readonly columns: Readonly<Record<string, string | null>> }[] };

export type RecipeStepKind = RecipeStepBody['kind'];

export type RecipeStep = RecipeStepBody & {
  /** Stable within the recipe (undo, selection and cached results follow it when steps move). */
  readonly id: string;
  /** A disabled step is kept but skipped. */
  readonly enabled: boolean;
  readonly note?: string | undefined;
};

export interface ValueMapping {
  readonly from: string;
  readonly to: string | null;
}

export type ClusterMethodName = 'fingerprint' | 'ngramFingerprint' | 'editDistance';

export interface MergedCluster {
  readonly values: readonly string[];
  readonly into: string;
}

/** How dates are written, as the importer names the formats. */
export const DATE_FORMATS = ['ymd', 'cn-date', 'cn-month', 'mdy', 'dmy', 'compact-date', 'excel-serial', 'unix-seconds', 'unix-millis'] as const satisfies readonly ValueFormat[];
export type DateFormat = (typeof DATE_FORMATS)[number];

export const RECIPE_STEP_KINDS = [
  'rename',
  'drop',
  'retype',
  'parseDates',
  'setRole',
  'trim',
  'width',
  'chineseScript',
  'case',
  'split',
  'merge',
  'extract',
  'fillDown',
  'fillMissing',
  'mapValues',
  'cluster',
  'dedupe',
  'filter',
  'derive',
  'mask',
  'identity',
  'unpivot',
  'pivot',
  'lookup',
  'union',
] as const satisfies readonly RecipeStepKind[];

/** Steps that can leave rows of their input out, each row kept or not (their dropped rows can be
 * listed); a pivot merges rows and a union adds them instead. */
export const ROW_DROPPING_KINDS: ReadonlySet<RecipeStepKind> = new Set<RecipeStepKind>(['filter', 'dedupe', 'unpivot']);

/** A saved version of a table's recipe. */
export interface SavedRecipe {
  readonly source: string;
  readonly version: number;
  readonly spec: RecipeSpec;
  readonly savedAt: string;
}

/** What a recipe run did. */
export interface RecipeRunReport {
  readonly source: string;
  readonly output: string;
  readonly recipeVersion: number;
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly columns: number;
  /** Segments of the plan (one SELECT each) and how many of the leading ones were reused from the last run. */
  readonly segments: number;
  readonly reusedSegments: number;
  readonly elapsedMs: number;
}

/** Brings a stored recipe to the current spec version (the one place old recipes are read). */
export function restoreRecipe(stored: unknown): RecipeSpec {
  const { version } = stored as { readonly version: unknown };
  if (version !== RECIPE_SPEC_VERSION) throw new Error(`recipe spec version ${String(version)} is not known`);
  return stored as RecipeSpec;
}
