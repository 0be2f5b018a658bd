import { create } from 'zustand';
import type { MessageKey } from '../../../shared/i18n/messages';
import { newBoardSpec, type BoardProblem, type BoardRevision, type BoardSpec, type BoardSummary, type EvidenceSnapshot, type SavedBoard } from '../../../shared/spec/board-spec';
import type { ExplainMetricResult } from '../../../shared/spec/explain-spec';
import type { HistoryActionName } from '../../actions/action-types';
import { api } from '../../api/client';
import { documentSwitcher, documentToShow } from '../../state/open-document';
import { asApiCallError } from '../../state/workbench-store';
import { useToastStore } from '../toasts/toast-store';
import { addCause, addEvidence, nextId, type BoardEdit } from './board-edits';
import type { Candidate } from '../../../shared/board/explain-candidates';

/** Changes are saved this long after the last one, so a burst of typing is one revision. */
export const BOARD_AUTOSAVE_MS = 500;
const HISTORY_LIMIT = 200;

interface HistoryEntry {
  readonly spec: BoardSpec;
  readonly label: MessageKey;
}

type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'failed';

export type BoardTab = 'explain' | 'node' | 'actions' | 'history';

/** What the change explainer found for the open board's problem (not saved: it is run again on demand). */
export type ExplainState =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly result: ExplainMetricResult; readonly problem: string }
  | { readonly state: 'failed'; readonly message: (locale: 'en' | 'zh-CN') => string };

interface BoardStore {
  readonly list: readonly BoardSummary[];
  readonly loaded: boolean;
  readonly open: SavedBoard | null;
  readonly spec: BoardSpec | null;
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
  /** The labels of the edits not yet saved, named in the revision that saves them. */
  readonly pending: readonly MessageKey[];
  readonly status: SaveStatus;
  /** The problem's figures (the whole scope in both periods), read again when the problem changes. */
  readonly figures: EvidenceSnapshot | null;
  readonly explain: ExplainState;
  /** The selected cause or 5-Why step. */
  readonly selected: string | null;
  /** The side panel's tab, and the action it shows open. */
  readonly tab: BoardTab;
  readonly focusAction: string | null;
  readonly setTab: (tab: BoardTab, focusAction?: string | null) => void;
  readonly load: () => Promise<void>;
  readonly select: (id: number) => Promise<void>;
  readonly create: (name: string, problem: BoardProblem) => Promise<void>;
  readonly rename: (name: string) => Promise<void>;
  readonly remove: (id: number) => Promise<void>;
  readonly edit: (edit: BoardEdit) => void;
  readonly performHistory: (name: HistoryActionName) => void;
  readonly selectNode: (id: string | null) => void;
  readonly runExplainer: () => Promise<void>;
  /** Puts a candidate of the explainer on a bone as a cause named `text`, with its numbers frozen as evidence. */
  readonly dropCandidate: (candidate: Candidate, categoryId: string, text: string) => void;
  /** Saves an earlier revision's spec as the newest revision. */
  readonly restore: (revision: BoardRevision) => Promise<void>;
  readonly save: () => Promise<void>;
}

let timer: number | undefined;

function reportFailure(error: unknown): void {
  const failure = asApiCallError(error);
  useToastStore.getState().show({ tone: 'error', title: 'board.failed', message: (locale) => failure.messageFor(locale) });
}

/** The key a problem is explained under: the explainer's result is kept while the problem is the same. */
export const problemKey = (problem: BoardProblem): string => JSON.stringify(problem);

export const useBoardStore = create<BoardStore>()((set, get) => {
  const readFigures = async (problem: BoardProblem): Promise<void> => {
    set({ figures: null });
    try {
      const figures = await api().snapshotSegment({ problem, segment: [] });
      if (problemKey(get().spec?.problem ?? problem) === problemKey(problem)) set({ figures });
    } catch (error) {
      reportFailure(error);
    }
  };
  const show = async (board: SavedBoard): Promise<void> => {
    const sameProblem = get().spec !== null && problemKey(get().spec!.problem) === problemKey(board.spec.problem);
    set({
      open: board,
      spec: board.spec,
      past: [],
      future: [],
      pending: [],
      status: 'saved',
      selected: null,
      explain: sameProblem ? get().explain : { state: 'idle' },
      list: await api().listBoards({}),
    });
    if (!sameProblem || get().figures === null) await readFigures(board.spec.problem);
  };
  const flush = async (): Promise<void> => {
    if (get().status === 'unsaved') await get().save();
  };
  const switchTo = documentSwitcher({ flush, show, fail: (error) => reportFailure(error) });
  const changed = (before: BoardSpec, after: BoardSpec): void => {
    if (problemKey(before.problem) !== problemKey(after.problem)) {
      set({ explain: { state: 'idle' } });
      void readFigures(after.problem);
    }
  };
  return {
    list: [],
    loaded: false,
    open: null,
    spec: null,
    past: [],
    future: [],
    pending: [],
    status: 'saved',
    figures: null,
    explain: { state: 'idle' },
    selected: null,
    tab: 'explain',
    focusAction: null,
    setTab: (tab, focusAction) => set({ tab, focusAction: focusAction ?? null }),
    async load() {
      window.clearTimeout(timer);
      try {
        const list = await api().listBoards({});
        set({ list, loaded: true });
        const first = documentToShow(list, get().open);
        if (first === undefined) set({ open: null, spec: null, past: [], future: [], figures: null, explain: { state: 'idle' } });
        else await show(await api().getBoard({ id: first.id }));
      } catch (error) {
        set({ loaded: true });
        reportFailure(error);
      }
    },
    async select(id) {
      if (get().open?.id === id) return;
      await switchTo(() => api().getBoard({ id }));
    },
    async create(name, problem) {
      await switchTo(() => api().saveBoard({ name, spec: newBoardSpec(problem), summary: 'board.action.create' }));
    },
    async rename(name) {
      const { open, spec } = get();
      const trimmed = name.trim();
      if (open === null || spec === null || trimmed === '' || trimmed === open.name) return;
      await flush();
      try {
        const saved = await api().saveBoard({ id: open.id, name: trimmed, spec, summary: 'board.action.rename', baseRevision: get().open?.revision });
        set({ open: saved, list: await api().listBoards({}) });
      } catch (error) {
        reportFailure(error);
      }
    },
    async remove(id) {
      window.clearTimeout(timer);
      try {
        await api().deleteBoard({ id });
        const list = await api().listBoards({});
        set({ list, status: 'saved', pending: [] });
        if (get().open?.id === id) {
          const next = list[0];
          if (next === undefined) set({ open: null, spec: null, past: [], future: [], figures: null, explain: { state: 'idle' } });
          else await show(await api().getBoard({ id: next.id }));
        }
      } catch (error) {
        reportFailure(error);
      }
    },
    edit(edit) {
      const { spec, past, open, pending } = get();
      if (open === null || spec === null) return;
      const next = edit.apply(spec);
      if (JSON.stringify(next) === JSON.stringify(spec)) return;
      set({ spec: next, past: [...past, { spec, label: edit.label }].slice(-HISTORY_LIMIT), future: [], status: 'unsaved', pending: [...pending, edit.label] });
      changed(spec, next);
      scheduleSave();
    },
    performHistory(name) {
      const { spec, past, future, pending } = get();
      if (spec === null) return;
      if (name === 'undo') {
        const previous = past.at(-1);
        if (previous === undefined) return;
        set({ spec: previous.spec, past: past.slice(0, -1), future: [...future, { spec, label: previous.label }], status: 'unsaved', pending: [...pending, 'board.action.undo'] });
        changed(spec, previous.spec);
      } else {
        const next = future.at(-1);
        if (next === undefined) return;
        set({ spec: next.spec, future: future.slice(0, -1), past: [...past, { spec, label: next.label }], status: 'unsaved', pending: [...pending, 'board.action.redo'] });
        changed(spec, next.spec);
      }
      scheduleSave();
    },
    selectNode: (selected) => set(selected === null ? { selected } : { selected, tab: 'node' }),
    async runExplainer() {
      const spec = get().spec;
      if (spec === null) return;
      const key = problemKey(spec.problem);
      set({ explain: { state: 'running' } });
      try {
        const { problem } = spec;
        const result = await api().explainChange({ table: problem.table, metric: problem.metric, periodA: problem.periodA, periodB: problem.periodB, filters: problem.filters });
        if (problemKey(get().spec?.problem ?? spec.problem) === key) set({ explain: { state: 'done', result, problem: key } });
      } catch (error) {
        const failure = asApiCallError(error);
        set({ explain: { state: 'failed', message: (locale) => failure.messageFor(locale) } });
      }
    },
    dropCandidate(candidate, categoryId, text) {
      const spec = get().spec;
      if (spec === null) return;
      const causeId = nextId(spec, 'cause');
      get().edit(addCause(categoryId, text, { origin: { segment: candidate.segment, share: candidate.share } }));
      set({ selected: causeId });
      api()
        .snapshotSegment({ problem: spec.problem, segment: candidate.segment })
        .then((snapshot) => {
          if (get().spec?.causes.some((c) => c.id === causeId) === true) get().edit(addEvidence(causeId, { kind: 'segment', segment: candidate.segment, snapshot }));
        })
        .catch(reportFailure);
    },
    async restore(revision) {
      const open = get().open;
      const spec = get().spec;
      if (open === null || spec === null) return;
      await flush();
      try {
        const old = await api().getBoardRevision({ id: open.id, revision: revision.revision });
        set({ past: [...get().past, { spec, label: 'board.action.restore' as const }].slice(-HISTORY_LIMIT), future: [] });
        const saved = await api().saveBoard({ id: open.id, name: open.name, spec: old.spec, summary: 'board.action.restore', baseRevision: get().open?.revision });
        set({ open: saved, spec: saved.spec, status: 'saved' });
        changed(spec, saved.spec);
      } catch (error) {
        reportFailure(error);
      }
    },
    async save() {
      window.clearTimeout(timer);
      const { open, spec, pending } = get();
      if (open === null || spec === null) return;
      set({ status: 'saving', pending: [] });
      const summary = revisionSummary(pending);
      try {
        const saved = await api().saveBoard({ id: open.id, name: open.name, spec, summary, baseRevision: open.revision });
        set({
          open: saved,
          status: get().status === 'saving' ? 'saved' : get().status,
          list: get().list.map((b) => (b.id === saved.id ? { ...b, causes: saved.spec.causes.length, actions: saved.spec.actions.length, revision: saved.revision, updatedAt: saved.updatedAt } : b)),
        });
      } catch (error) {
        set({ status: 'failed', pending: [...pending, ...get().pending] });
        reportFailure(error);
      }
    },
  };
});

/** The message keys of the edits a revision saves, as many as fit the history's 500 characters. */
export function revisionSummary(pending: readonly MessageKey[]): string {
  let summary = '';
  for (const key of new Set(pending)) {
    const next = summary === '' ? key : `${summary},${key}`;
    if (next.length > 500) break;
    summary = next;
  }
  return summary === '' ? 'board.action.edit' : summary;
}

function scheduleSave(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void useBoardStore.getState().save(), BOARD_AUTOSAVE_MS);
}
