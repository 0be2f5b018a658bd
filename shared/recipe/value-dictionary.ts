import type { RecipeStep, ValueMapping } from '../spec/recipe-spec';
import type { StageColumn, StepFlow } from './recipe-dataflow';

/**
 * Dictionary runs of value-wise chains. Trim, width, script, case, map values and cluster each
 * turn one text into another, so a run of them on one column is a function of that column's value
 * alone. On a category column (a region, a channel: a few hundred values over a million rows)
 * that function is worked out once per distinct value, and the run becomes one `mapValues` step
 * with the whole dictionary, a CASE that SQLite evaluates without calling back into JavaScript
 * for every row. The clean table is the same; only the way it is computed changes.
 *
 * A chain lives within one segment of the plan (so a stage's content still depends only on the
 * steps up to it), starts on a text column no earlier step of the segment wrote, and ends before
 * the first other step that reads or writes the column.
 */

/** A column with more distinct values than this is run row by row, as the steps say. */
export const DICTIONARY_MAX_VALUES = 256;

type ValueWiseStep = Extract<RecipeStep, { readonly kind: 'trim' | 'width' | 'chineseScript' | 'case' | 'mapValues' | 'cluster' }>;

const FUNCTION_KINDS: ReadonlySet<RecipeStep['kind']> = new Set(['trim', 'width', 'chineseScript', 'case']);
const VALUE_WISE_KINDS: ReadonlySet<RecipeStep['kind']> = new Set([...FUNCTION_KINDS, 'mapValues', 'cluster']);

const isValueWise = (step: RecipeStep): step is ValueWiseStep => VALUE_WISE_KINDS.has(step.kind);
const key = (name: string): string => name.toLowerCase();

/** The columns a value-wise step changes. */
function columnsOf(step: ValueWiseStep): readonly string[] {
  return step.kind === 'mapValues' || step.kind === 'cluster' ? [step.column] : step.columns;
}

/** The step as it applies to one of its columns only. */
function narrowed(step: ValueWiseStep, column: string): ValueWiseStep {
  return step.kind === 'mapValues' || step.kind === 'cluster' ? step : { ...step, columns: [column] };
}

/** A run of value-wise steps on one column, each narrowed to the column. */
export interface ValueChain {
  readonly column: string;
  /** The value-wise steps the segment applied to the column before the chain (a step that only
   * read the column came between): the chain's dictionary is keyed on the values they give. */
  readonly prefix: readonly RecipeStep[];
  readonly steps: readonly RecipeStep[];
  /** Ids of the steps in the chain (as the segment has them). */
  readonly stepIds: readonly string[];
  /** The chain's last step id: its dictionary step takes effect there. */
  readonly lastStepId: string;
}

/** A chain worked out: the chain's result for each distinct text, and for NULL. */
export interface ChainDictionary {
  readonly chain: ValueChain;
  readonly mapping: readonly ValueMapping[];
  readonly whenNull: string | null;
}

interface ColumnState {
  readonly column: string;
  /** Value-wise steps already applied to it in the segment, chained or not. */
  readonly prefix: RecipeStep[];
  current: { readonly prefix: readonly RecipeStep[]; readonly steps: RecipeStep[]; readonly stepIds: string[] } | undefined;
}

/**
 * The chains of a segment worth a dictionary: those that call a text function (a chain of
 * mappings alone is a CASE already). `steps` are the segment's enabled steps with their flows;
 * `input` the columns the segment reads. A column stays a function of its input value while only
 * value-wise steps write it; a step that reads it ends a chain and the next one starts after it.
 */
export function findValueChains(input: readonly StageColumn[], steps: readonly { readonly step: RecipeStep; readonly flow: StepFlow }[]): ValueChain[] {
  const textInput = new Set(input.filter((c) => c.type === 'text').map((c) => key(c.name)));
  const columns = new Map<string, ColumnState>();
  const unavailable = new Set<string>();
  const done: ValueChain[] = [];
  const finish = (state: ColumnState): void => {
    const chain = state.current;
    state.current = undefined;
    if (chain === undefined) return;
    state.prefix.push(...chain.steps);
    if (chain.steps.some((s) => FUNCTION_KINDS.has(s.kind))) done.push({ column: state.column, prefix: chain.prefix, steps: chain.steps, stepIds: chain.stepIds, lastStepId: chain.stepIds.at(-1)! });
  };
  for (const { step, flow } of steps) {
    if (isValueWise(step)) {
      for (const column of columnsOf(step)) {
        const k = key(column);
        if (unavailable.has(k) || !textInput.has(k)) {
          unavailable.add(k);
          continue;
        }
        const state = columns.get(k) ?? { column, prefix: [], current: undefined };
        state.current ??= { prefix: [...state.prefix], steps: [], stepIds: [] };
        state.current.steps.push(narrowed(step, column));
        state.current.stepIds.push(step.id);
        columns.set(k, state);
      }
      continue;
    }
    // a dedupe on every column reads them all
    const reads = step.kind === 'dedupe' && step.keys.length === 0 ? [...columns.keys()] : flow.reads;
    for (const name of reads) {
      const state = columns.get(key(name));
      if (state !== undefined) finish(state);
    }
    for (const name of [...flow.produces, ...flow.removes]) {
      const state = columns.get(key(name));
      if (state !== undefined) finish(state);
      unavailable.add(key(name));
    }
  }
  for (const state of columns.values()) finish(state);
  return done;
}

/**
 * The segment's steps with each worked-out chain replaced by its dictionary: the chain's steps
 * leave its column alone (and go when nothing is left to them), and a `mapValues` step with the
 * dictionary follows the chain's last step.
 */
export function applyDictionaries(steps: readonly RecipeStep[], dictionaries: readonly ChainDictionary[]): RecipeStep[] {
  const out: RecipeStep[] = [];
  for (const step of steps) {
    const mine = dictionaries.filter((d) => d.chain.stepIds.includes(step.id));
    if (mine.length === 0 || !isValueWise(step)) out.push(step);
    else {
      const left = columnsOf(step).filter((c) => !mine.some((d) => key(d.chain.column) === key(c)));
      if (left.length > 0) out.push(step.kind === 'mapValues' || step.kind === 'cluster' ? step : { ...step, columns: left });
    }
    for (const d of mine.filter((m) => m.chain.lastStepId === step.id)) {
      out.push({
        id: `${step.id}:dictionary:${d.chain.column}`,
        enabled: true,
        kind: 'mapValues',
        column: d.chain.column,
        mapping: d.mapping,
        ...(d.whenNull === null ? {} : { otherwise: d.whenNull }),
      });
    }
  }
  return out;
}
