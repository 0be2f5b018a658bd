/**
 * What the workspaces that edit one saved document at a time (dashboards, boards, reports) share
 * when they change which document is open.
 */

/** The document to show once the list is read: the one open before while it is still there, else the first. */
export function documentToShow<T extends { readonly id: number }>(list: readonly T[], open: { readonly id: number } | null): T | undefined {
  return (open === null ? undefined : list.find((d) => d.id === open.id)) ?? list[0];
}

/**
 * A switch to another document for a store: the edits still waiting are written first, then the
 * document `read` gives is shown; a failure is reported and the open document stays.
 */
export function documentSwitcher<T>(store: { readonly flush: () => Promise<void>; readonly show: (document: T) => Promise<void>; readonly fail: (error: unknown) => void }): (read: () => Promise<T>) => Promise<void> {
  return async (read) => {
    await store.flush();
    try {
      await store.show(await read());
    } catch (error) {
      store.fail(error);
    }
  };
}
