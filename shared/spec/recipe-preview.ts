import type { CellValue } from '../api/types';
import type { RecipeFlow, StageColumn } from '../recipe/recipe-dataflow';
import type { RecipeRunReport, SavedRecipe } from './recipe-spec';

/** One side of a step's preview: the columns and the first rows. */
export interface RecipePreviewSide {
  readonly columns: readonly StageColumn[];
  readonly rows: readonly (readonly CellValue[] | null)[];
  /** Rows on this side in the whole sample. */
  readonly rowCount: number;
}

/**
 * The rows before and after one step, worked out on the first rows of the source (`sampleRows`
 * of `sourceRows`). When `aligned`, `after.rows[i]` is `before.rows[i]` after the step, or null
 * when the step dropped it (a filter, a dedupe); a step that reshapes the rows (unpivot, pivot,
 * union) shows each side's first rows instead.
 */
export interface RecipePreview {
  readonly stepId: string;
  readonly sourceRows: number;
  readonly sampleRows: number;
  readonly aligned: boolean;
  readonly before: RecipePreviewSide;
  readonly after: RecipePreviewSide;
  /** Per column present on both sides: cells of the sample the step changed. */
  readonly changedCells: Readonly<Record<string, number>>;
  /** Values a retype or date parsing could not read (filled before, empty after) in the sample. */
  readonly rejectedValues: number;
}

/** A table's recipe as the Clean workspace shows it: the latest version, its dataflow over the
 * source as it is now, and what the last run did. */
export interface RecipeState {
  readonly source: string;
  readonly recipe: SavedRecipe | null;
  readonly flow: RecipeFlow | null;
  readonly lastRun: RecipeRunReport | null;
}

/** A value a mapping or clustering step meets for the first time in the newly imported rows. */
export interface UncoveredValues {
  readonly stepId: string;
  readonly column: string;
  /** Up to 50 of the values, most frequent first. */
  readonly values: readonly { readonly value: string; readonly count: number }[];
  readonly total: number;
}

/** How the clean table differs after a refresh from before it. */
export interface RefreshDiff {
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  /** The key rows are matched by (the clean table's ticket id, else customer id); null without one. */
  readonly key: string | null;
  /** Rows whose key was not in the clean table before. */
  readonly rowsAdded: number | null;
  /** Rows present before and after (by key) with at least one value changed, and changed cells per column. */
  readonly rowsChanged: number | null;
  readonly changedCells: Readonly<Record<string, number>>;
  readonly uncovered: readonly UncoveredValues[];
}

/** One incoming column and the source column it fills. */
export interface RefreshColumn {
  readonly incoming: string;
  readonly column: string;
  readonly confidence: number;
}

/** The user's word on one column of the file: the source column it fills, or null for a new column. */
export interface RefreshConfirmation {
  readonly incoming: string;
  readonly column: string | null;
}

/** Where one column of the file goes: a source column, or a new column under the name it gets. */
export interface RefreshAppliedColumn {
  readonly incoming: string;
  readonly column: string;
  readonly isNew: boolean;
  /** Whether the user confirmed it (rather than the mapping accepting it, or appending it unasked). */
  readonly confirmed: boolean;
}

/**
 * What refreshing a source did (or, on a dry run, would do): the new file's columns mapped onto
 * the source's (by memory, names, synonyms and values), the rows appended, the recipe replayed and
 * the clean table's diff. Nothing is kept on a dry run.
 */
export interface SourceRefreshReport {
  readonly source: string;
  readonly file: string;
  readonly committed: boolean;
  readonly mapping: {
    readonly matched: readonly RefreshColumn[];
    /** Columns matching nothing surely enough: appended as new columns, to be confirmed. */
    readonly asked: readonly { readonly incoming: string; readonly suggestedColumn: string | null; readonly confidence: number }[];
    /** Source columns the file lacks (empty in the new rows). */
    readonly missing: readonly string[];
    /** Every column of the file, in file order, where it goes once the user's confirmations are applied. */
    readonly applied: readonly RefreshAppliedColumn[];
    /** The source's columns a column of the file can be confirmed into. */
    readonly columns: readonly string[];
  };
  readonly imported: { readonly rows: number; readonly rejectedRows: number; readonly rejectedValues: number };
  readonly run: RecipeRunReport | null;
  readonly diff: RefreshDiff | null;
}

/** One row a step leaves out, as it entered the step. */
export interface DroppedRow {
  /** The row's order in the recipe (`__rw_row`): the source's rowid, so the row can be found in
   * the imported table (rows an unpivot or a union made earlier are numbered as they number them). */
  readonly sourceRow: number;
  readonly values: readonly CellValue[];
}

/** A page of the rows one step of a table's saved recipe leaves out, over every row of the source. */
export interface DroppedRows {
  readonly stepId: string;
  /** Rows the step leaves out over the whole source (0 for a step that is off, broken, or keeps every row). */
  readonly total: number;
  /** The columns as they entered the step. */
  readonly columns: readonly StageColumn[];
  readonly offset: number;
  /** Up to `limit` of them from `offset`, in source order. */
  readonly rows: readonly DroppedRow[];
}
