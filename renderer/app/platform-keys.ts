const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** How the undo/redo shortcuts are written on this platform. */
export const SHORTCUT_TEXT = {
  undo: isMac ? '⌘Z' : 'Ctrl+Z',
  redo: isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z',
} as const;
