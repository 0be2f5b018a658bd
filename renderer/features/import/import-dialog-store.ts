import { create } from 'zustand';
import type { ColumnTypeChoice, Delimiter, ImportPreview, ImportReport, ImportSource, TextEncoding } from '../../../shared/api/types';
import { ApiCallError } from '../../../shared/errors/rootwise-error';
import { api } from '../../api/client';
import { asApiCallError, useWorkbenchStore } from '../../state/workbench-store';
import { useImportStore } from './import-store';

/** How the file is read; each absent choice is detected. */
export interface Reading {
  readonly encoding?: TextEncoding | undefined;
  readonly delimiter?: Delimiter | undefined;
  readonly skipRows?: number | undefined;
  readonly sheet?: string | undefined;
}

export type Target = { readonly mode: 'new'; readonly table: string; readonly edited: boolean } | { readonly mode: 'append'; readonly table: string };

export type ImportStep =
  | { readonly kind: 'preview'; readonly loading: boolean; readonly preview: ImportPreview | null; readonly error: ApiCallError | null; readonly cancelled: boolean }
  | { readonly kind: 'importing'; readonly jobId: string }
  | { readonly kind: 'report'; readonly report: ImportReport };

/** A file waiting for the dialog: picked or dropped in the window (its bytes), or chosen by the
 * desktop app's File › Import (its path: read by the engine from disk, streamed). */
export type QueuedFile =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'path'; readonly path: string }
  /** One sheet of a workbook already read, queued by "Import every sheet". */
  | { readonly kind: 'sheet'; readonly source: ImportSource; readonly name: string; readonly size: number | undefined; readonly sheet: string };

export interface PendingFile {
  readonly name: string;
  /** Bytes; known at once for a file from the window, from the preview for a path. */
  readonly size: number | undefined;
  readonly source: ImportSource;
  readonly reading: Reading;
  /** Added to the suggested table name: the sheet's name when every sheet is imported. */
  readonly tableSuffix?: string | undefined;
  readonly target: Target;
  /** Types the user chose, by the column's name in the file. */
  readonly columnTypes: Readonly<Record<string, ColumnTypeChoice>>;
  readonly step: ImportStep;
}

interface ImportDialogStore {
  /** Files waiting after the current one. */
  readonly queue: readonly QueuedFile[];
  readonly index: number;
  readonly total: number;
  readonly current: PendingFile | null;
  readonly open: (files: readonly File[]) => Promise<void>;
  readonly openPaths: (paths: readonly string[]) => Promise<void>;
  readonly setReading: (patch: Partial<Reading>) => Promise<void>;
  readonly setTarget: (target: Target) => Promise<void>;
  readonly setColumnType: (column: string, choice: ColumnTypeChoice | undefined) => void;
  readonly confirm: () => Promise<void>;
  /** Replaces the current workbook by one entry per sheet, each previewed and imported as its own table. */
  readonly importEverySheet: () => Promise<void>;
  /** Moves on to the next file, or closes the dialog after the last. */
  readonly next: () => Promise<void>;
  readonly closeAll: () => void;
}

/** Each preview request gets a number; an answer to an older one is dropped. */
let previewRequest = 0;

const first = (): ImportStep => ({ kind: 'preview', loading: true, preview: null, error: null, cancelled: false });

/**
 * The import dialog's state: the files dropped or picked, one at a time, through three steps:
 * the preview (how the file will be read, every choice overridable), the import (with progress and
 * cancel), and the report (rows, rejects, reconciled columns).
 */
export const useImportDialogStore = create<ImportDialogStore>()((set, get) => {
  const update = (patch: Partial<PendingFile>): void => {
    const current = get().current;
    if (current !== null) set({ current: { ...current, ...patch } });
  };

  async function refreshPreview(): Promise<void> {
    const current = get().current;
    if (current === null) return;
    const request = ++previewRequest;
    update({ step: { kind: 'preview', loading: true, preview: current.step.kind === 'preview' ? current.step.preview : null, error: null, cancelled: false } });
    try {
      const preview = await api().previewImport({
        source: current.source,
        ...current.reading,
        appendTo: current.target.mode === 'append' ? { table: current.target.table } : undefined,
      });
      if (request !== previewRequest) return;
      const target = get().current?.target;
      update({
        size: preview.size,
        step: { kind: 'preview', loading: false, preview, error: null, cancelled: false },
        // a new table takes the suggested name until the user types one
        ...(target?.mode === 'new' && !target.edited ? { target: { mode: 'new', table: `${preview.suggestedTable}${current.tableSuffix ?? ''}`, edited: false } } : {}),
      });
    } catch (error) {
      if (request !== previewRequest) return;
      update({ step: { kind: 'preview', loading: false, preview: null, error: asApiCallError(error), cancelled: false } });
    }
  }

  async function startFile(queued: QueuedFile): Promise<void> {
    const fresh = { reading: {}, target: { mode: 'new', table: '', edited: false }, columnTypes: {}, step: first() } as const;
    if (queued.kind === 'sheet') {
      set({ current: { name: queued.name, size: queued.size, source: queued.source, ...fresh, reading: { sheet: queued.sheet }, tableSuffix: `_${queued.sheet}` } });
    } else if (queued.kind === 'path') {
      const name = queued.path.split(/[\\/]/).pop() ?? queued.path;
      set({ current: { name, size: undefined, source: { kind: 'path', path: queued.path }, ...fresh } });
    } else {
      const bytes = new Uint8Array(await queued.file.arrayBuffer());
      set({ current: { name: queued.file.name, size: queued.file.size, source: { kind: 'bytes', name: queued.file.name, bytes }, ...fresh } });
    }
    await refreshPreview();
  }

  async function enqueue(items: readonly QueuedFile[]): Promise<void> {
    if (items.length === 0) return;
    if (get().current !== null) {
      set({ queue: [...get().queue, ...items], total: get().total + items.length });
      return;
    }
    const [head, ...rest] = items;
    set({ queue: rest, index: 1, total: items.length });
    await startFile(head!);
  }

  return {
    queue: [],
    index: 0,
    total: 0,
    current: null,

    open: (files) => enqueue(files.map((file) => ({ kind: 'file', file }))),
    openPaths: (paths) => enqueue(paths.map((path) => ({ kind: 'path', path }))),

    async setReading(patch) {
      const current = get().current;
      if (current === null) return;
      // other readings make other columns: the types chosen for the old ones no longer apply
      update({ reading: { ...current.reading, ...patch }, columnTypes: {} });
      await refreshPreview();
    },

    async setTarget(target) {
      update({ target });
      const current = get().current;
      if (current?.step.kind === 'preview' && (target.mode === 'append' || current.step.preview?.columns.some((c) => c.target !== undefined) === true)) {
        await refreshPreview();
      }
    },

    setColumnType(column, choice) {
      const current = get().current;
      if (current === null) return;
      const others = Object.entries(current.columnTypes).filter(([name]) => name !== column);
      update({ columnTypes: Object.fromEntries(choice === undefined ? others : [...others, [column, choice]]) });
    },

    async confirm() {
      const current = get().current;
      if (current?.step.kind !== 'preview' || current.step.preview === null) return;
      const preview = current.step.preview;
      const jobId = crypto.randomUUID();
      const jobs = useImportStore.getState();
      jobs.start(jobId, current.name, current.size ?? preview.size);
      update({ step: { kind: 'importing', jobId } });
      try {
        const report = await api().importFile({
          source: current.source,
          ...current.reading,
          ...(current.target.mode === 'new' ? { table: current.target.table.trim() === '' ? undefined : current.target.table.trim() } : { appendTo: { table: current.target.table } }),
          columnTypes: Object.keys(current.columnTypes).length === 0 ? undefined : current.columnTypes,
          jobId,
        });
        update({ step: { kind: 'report', report } });
      } catch (error) {
        // cancelled: back to the preview as it was, to adjust and import again; failed: the error, in place
        const cancelled = error instanceof ApiCallError && error.payload.key === 'error.import.cancelled';
        update({ step: { kind: 'preview', loading: false, preview, error: cancelled ? null : asApiCallError(error), cancelled } });
      } finally {
        useImportStore.getState().finish(jobId);
        await useWorkbenchStore.getState().refresh();
      }
    },

    async importEverySheet() {
      const current = get().current;
      const sheets = current?.step.kind === 'preview' ? (current.step.preview?.dialect.sheets ?? []) : [];
      if (current === null || sheets.length < 2) return;
      const entries: QueuedFile[] = sheets.map((sheet) => ({ kind: 'sheet', source: current.source, name: current.name, size: current.size, sheet }));
      const [head, ...rest] = entries;
      set({ queue: [...rest, ...get().queue], total: get().total + rest.length });
      await startFile(head!);
    },

    async next() {
      const [head, ...rest] = get().queue;
      if (head === undefined) {
        set({ current: null, queue: [], index: 0, total: 0 });
        return;
      }
      set({ queue: rest, index: get().index + 1 });
      await startFile(head);
    },

    closeAll() {
      previewRequest++;
      set({ current: null, queue: [], index: 0, total: 0 });
    },
  };
});
