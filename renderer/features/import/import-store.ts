import { create } from 'zustand';
import type { JobProgress } from '../../../shared/api/types';

/** The import the status bar shows; one at a time, others wait their turn. */
export interface ImportJob {
  readonly jobId: string;
  readonly file: string;
  readonly phase: JobProgress['phase'];
  readonly done: number;
  readonly total: number;
  /** Rows written so far, and the engine's estimate of the seconds left. */
  readonly rows?: number | undefined;
  readonly etaSeconds?: number | undefined;
  readonly cancelling: boolean;
}

interface ImportStore {
  readonly job: ImportJob | null;
  readonly start: (jobId: string, file: string, bytes: number) => void;
  /** Takes progress events of the running job and ignores everyone else's. */
  readonly report: (progress: JobProgress) => void;
  readonly markCancelling: (jobId: string) => void;
  readonly finish: (jobId: string) => void;
}

export const useImportStore = create<ImportStore>()((set, get) => ({
  job: null,
  start: (jobId, file, bytes) => set({ job: { jobId, file, phase: 'reading', done: 0, total: bytes, cancelling: false } }),
  report(progress) {
    const job = get().job;
    if (job?.jobId !== progress.jobId) return;
    set({ job: { ...job, phase: progress.phase, done: progress.done, total: progress.total, rows: progress.rows, etaSeconds: progress.etaSeconds } });
  },
  markCancelling(jobId) {
    const job = get().job;
    if (job?.jobId === jobId) set({ job: { ...job, cancelling: true } });
  },
  finish(jobId) {
    if (get().job?.jobId === jobId) set({ job: null });
  },
}));
