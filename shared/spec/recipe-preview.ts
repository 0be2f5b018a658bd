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
