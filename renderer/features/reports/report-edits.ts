import type { MessageKey } from '../../../shared/i18n/messages';
import type { ExplainPeriod } from '../../../shared/spec/explain-spec';
import type { ReportBlock, ReportContext, ReportPage, ReportSpec } from '../../../shared/spec/report-spec';

/** A change of a report, as the undo list names it. */
export interface ReportEdit {
  readonly label: MessageKey;
  readonly apply: (spec: ReportSpec) => ReportSpec;
  /** Edits of one group made without a pause (typing in a block's fields) are undone as one. */
  readonly group?: string | undefined;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A block before it has its place in a report (the report gives it a free id). */
export type NewReportBlock = WithoutId<ReportBlock>;

/** The blocks that carry a period and filters. */
export type ContextBlock = Extract<ReportBlock, { readonly context: ReportContext }>;

export const hasContext = (block: ReportBlock): block is ContextBlock => 'context' in block;

/** The first free id `bN`, as the template numbers its blocks: deterministic, so an edit replayed gives the same report. */
export function nextBlockId(spec: ReportSpec): string {
  const used = new Set(spec.blocks.map((b) => b.id));
  for (let n = spec.blocks.length + 1; ; n++) if (!used.has(`b${n}`)) return `b${n}`;
}

/** The days of a month (YYYY-MM), first to last. */
export function monthPeriod(month: string): ExplainPeriod {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0));
  return { from: `${month}-01`, to: last.toISOString().slice(0, 10) };
}

/** The month (YYYY-MM) a period covers exactly, or null when it is not one whole month. */
export function monthOf(period: ExplainPeriod | null): string | null {
  if (period === null || !/^\d{4}-\d{2}-01$/.test(period.from)) return null;
  const month = period.from.slice(0, 7);
  return monthPeriod(month).to === period.to ? month : null;
}

/** The month `delta` months from `month` (YYYY-MM). */
export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1 + delta, 1)).toISOString().slice(0, 7);
}

const samePeriod = (a: ExplainPeriod | null, b: ExplainPeriod | null): boolean => (a === null ? b === null : b !== null && a.from === b.from && a.to === b.to);

const mapBlock = (spec: ReportSpec, id: string, f: (block: ReportBlock) => ReportBlock): ReportSpec => ({ ...spec, blocks: spec.blocks.map((b) => (b.id === id ? f(b) : b)) });

/** Puts a new block at `at` (clamped to the list); it takes the next free id. */
export function addBlock(block: NewReportBlock, at: number): ReportEdit {
  return {
    label: 'reports.action.add',
    apply(spec) {
      const placed = { ...block, id: nextBlockId(spec) } as ReportBlock;
      const index = Math.max(0, Math.min(spec.blocks.length, at));
      return { ...spec, blocks: [...spec.blocks.slice(0, index), placed, ...spec.blocks.slice(index)] };
    },
  };
}

/** Moves a block to place `index` of the list without it (a drop on another block's place). */
export function moveBlockTo(id: string, index: number): ReportEdit {
  return {
    label: 'reports.action.move',
    apply(spec) {
      const block = spec.blocks.find((b) => b.id === id);
      if (block === undefined) return spec;
      const rest = spec.blocks.filter((b) => b.id !== id);
      const at = Math.max(0, Math.min(rest.length, index));
      return { ...spec, blocks: [...rest.slice(0, at), block, ...rest.slice(at)] };
    },
  };
}

/** Moves a block one place up (-1) or down (+1); at either end nothing changes. */
export function moveBlock(id: string, delta: -1 | 1): ReportEdit {
  return {
    label: 'reports.action.move',
    apply(spec) {
      const from = spec.blocks.findIndex((b) => b.id === id);
      return from < 0 ? spec : moveBlockTo(id, from + delta).apply(spec);
    },
  };
}

export function removeBlock(id: string): ReportEdit {
  return { label: 'reports.action.remove', apply: (spec) => ({ ...spec, blocks: spec.blocks.filter((b) => b.id !== id) }) };
}

/** A copy of a block right below it, with the next free id. */
export function duplicateBlock(id: string): ReportEdit {
  return {
    label: 'reports.action.duplicate',
    apply(spec) {
      const index = spec.blocks.findIndex((b) => b.id === id);
      const block = spec.blocks[index];
      if (block === undefined) return spec;
      return addBlock(block, index + 1).apply(spec);
    },
  };
}

/** Changes what a block shows (its id and kind stay). */
export function updateBlock(id: string, change: (block: ReportBlock) => ReportBlock): ReportEdit {
  return { label: 'reports.action.edit', group: `block:${id}`, apply: (spec) => mapBlock(spec, id, (b) => ({ ...change(b), id: b.id, kind: b.kind }) as ReportBlock) };
}

/** Sets the period a block's numbers use (null: all the data). */
export function setBlockPeriod(id: string, period: ExplainPeriod | null): ReportEdit {
  return {
    label: 'reports.action.period',
    apply: (spec) => mapBlock(spec, id, (b) => (hasContext(b) ? { ...b, context: { ...b.context, period } } : b)),
  };
}

/** Takes the `index`th filter off a block. */
export function removeBlockFilter(id: string, index: number): ReportEdit {
  return {
    label: 'reports.action.filter',
    apply: (spec) => mapBlock(spec, id, (b) => (hasContext(b) ? { ...b, context: { ...b.context, filters: b.context.filters.filter((_, i) => i !== index) } } : b)),
  };
}

/**
 * Sets the report's month (null: none) and compares it with the month before. Blocks that used the
 * report's month move with it; a block with a period of its own keeps it.
 */
export function setReportPeriod(month: string | null): ReportEdit {
  return {
    label: 'reports.action.period',
    apply(spec) {
      const period = month === null ? null : monthPeriod(month);
      const previous = month === null ? null : monthPeriod(shiftMonth(month, -1));
      const blocks = spec.blocks.map((b) => (hasContext(b) && spec.period !== null && samePeriod(b.context.period, spec.period) ? { ...b, context: { ...b.context, period } } : b));
      return { ...spec, period, previous, blocks };
    },
  };
}

/** Sets the month the report's KPIs are compared with (null: the same span just before). */
export function setComparedWith(month: string | null): ReportEdit {
  return { label: 'reports.action.period', apply: (spec) => ({ ...spec, previous: month === null ? null : monthPeriod(month) }) };
}

export function setPage(page: Partial<ReportPage>): ReportEdit {
  return { label: 'reports.action.page', apply: (spec) => ({ ...spec, page: { ...spec.page, ...page } }) };
}

/** An edit the undo list remembers: the report before it and what it was. */
export interface ReportHistoryEntry {
  readonly spec: ReportSpec;
  readonly label: MessageKey;
  /** The group of the edit that left this state, and when the group was last edited (ms). */
  readonly group?: string | undefined;
  readonly at?: number | undefined;
}

/** The report as edited with its undo and redo lists. */
export interface ReportHistory {
  readonly spec: ReportSpec;
  readonly past: readonly ReportHistoryEntry[];
  readonly future: readonly ReportHistoryEntry[];
}

export const HISTORY_LIMIT = 200;

/** A pause in typing longer than this starts a new undo step. */
export const TYPING_PAUSE_MS = 1_000;

/**
 * Applies an edit; one that changes nothing leaves the history as it is (the same object). An edit
 * of the same group as the last one, less than TYPING_PAUSE_MS after it, joins that undo step, so
 * undo takes back a word typed, not a character.
 */
export function recordEdit(history: ReportHistory, edit: ReportEdit, now = Date.now()): ReportHistory {
  const next = edit.apply(history.spec);
  if (JSON.stringify(next) === JSON.stringify(history.spec)) return history;
  const last = history.past.at(-1);
  if (edit.group !== undefined && last?.group === edit.group && history.future.length === 0 && now - (last.at ?? 0) < TYPING_PAUSE_MS) {
    return { spec: next, past: [...history.past.slice(0, -1), { ...last, at: now }], future: [] };
  }
  return { spec: next, past: [...history.past, { spec: history.spec, label: edit.label, group: edit.group, at: now }].slice(-HISTORY_LIMIT), future: [] };
}

/** Takes the last edit back (the same object when there is none). */
export function undoEdit(history: ReportHistory): ReportHistory {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { spec: previous.spec, past: history.past.slice(0, -1), future: [...history.future, { spec: history.spec, label: previous.label }] };
}

/** Does the last undone edit again (the same object when there is none). */
export function redoEdit(history: ReportHistory): ReportHistory {
  const next = history.future.at(-1);
  if (next === undefined) return history;
  return { spec: next.spec, future: history.future.slice(0, -1), past: [...history.past, { spec: history.spec, label: next.label }] };
}
