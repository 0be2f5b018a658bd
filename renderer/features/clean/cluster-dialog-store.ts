import { create } from 'zustand';

/** Where the clustering dialog proposes merges: a column, after a step (or at the start), and
 * the cluster step it edits when it was opened from one. */
export interface ClusterTarget {
  readonly column: string;
  readonly after: string | undefined;
  readonly stepId?: string | undefined;
}

interface ClusterDialogStore {
  readonly target: ClusterTarget | null;
  readonly open: (target: ClusterTarget) => void;
  readonly close: () => void;
}

export const useClusterDialog = create<ClusterDialogStore>()((set) => ({
  target: null,
  open: (target) => set({ target }),
  close: () => set({ target: null }),
}));
