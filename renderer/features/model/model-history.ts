import type { MessageKey, MessageParams } from '../../../shared/i18n/messages';

/**
 * One change of the semantic model, as the Model view records it: how to make it and how to take
 * it back, each through the engine's API. `run` is also the redo, so it must give the same model
 * when called again after `revert`.
 */
export interface ModelCommand {
  /** Names the change on the undo/redo buttons ("Undo: add relationship"). */
  readonly label: MessageKey;
  readonly params?: MessageParams | undefined;
  run(): Promise<void>;
  revert(): Promise<void>;
}

export interface ModelHistory {
  readonly past: readonly ModelCommand[];
  readonly future: readonly ModelCommand[];
}

export const EMPTY_HISTORY: ModelHistory = { past: [], future: [] };

/** Enough steps for an afternoon of modelling; the oldest fall off. */
export const MAX_HISTORY = 100;

/** The history after a new change was made: it can be undone, and what was undone before is gone. */
export function recorded(history: ModelHistory, command: ModelCommand): ModelHistory {
  return { past: [...history.past, command].slice(-MAX_HISTORY), future: [] };
}

/** The change to revert next, and the history once it is reverted; undefined with nothing to undo. */
export function undoStep(history: ModelHistory): { readonly command: ModelCommand; readonly history: ModelHistory } | undefined {
  const command = history.past.at(-1);
  if (command === undefined) return undefined;
  return { command, history: { past: history.past.slice(0, -1), future: [...history.future, command] } };
}

/** The change to run again next, and the history once it has run; undefined with nothing to redo. */
export function redoStep(history: ModelHistory): { readonly command: ModelCommand; readonly history: ModelHistory } | undefined {
  const command = history.future.at(-1);
  if (command === undefined) return undefined;
  return { command, history: { past: [...history.past, command], future: history.future.slice(0, -1) } };
}
