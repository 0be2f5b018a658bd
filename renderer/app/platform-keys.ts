import type { MessageKey } from '../../shared/i18n/messages';

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);
const mod = isMac ? '⌘' : 'Ctrl+';
const alt = isMac ? '⌥' : 'Alt+';
const shift = isMac ? '⇧' : 'Shift+';

/** How the undo/redo shortcuts are written on this platform. */
export const SHORTCUT_TEXT = {
  undo: `${mod}Z`,
  redo: isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z',
} as const;

export interface Shortcut {
  readonly keys: readonly string[];
  readonly label: MessageKey;
}

/** Every keyboard shortcut of the app, by section, as the Help dialog lists them. */
export const SHORTCUTS: readonly { readonly section: MessageKey; readonly items: readonly Shortcut[] }[] = [
  {
    section: 'shortcuts.section.general',
    items: [
      { keys: [SHORTCUT_TEXT.undo], label: 'shortcuts.undo' },
      { keys: [SHORTCUT_TEXT.redo, ...(isMac ? [] : ['Ctrl+Y'])], label: 'shortcuts.redo' },
      { keys: [`${mod}I`], label: 'shortcuts.import' },
      { keys: ['F1', `${mod}/`], label: 'shortcuts.help' },
    ],
  },
  {
    section: 'shortcuts.section.chart',
    items: [
      { keys: ['Space', '←↑↓→', 'Space'], label: 'shortcuts.keyboardDrag' },
      { keys: ['Delete'], label: 'shortcuts.removePill' },
      { keys: [`${mod}${alt}↓`], label: 'shortcuts.sortDesc' },
      { keys: [`${mod}${alt}↑`], label: 'shortcuts.sortAsc' },
      { keys: [`${mod}${alt}X`], label: 'shortcuts.swap' },
      { keys: [`${mod}${alt}U`], label: 'shortcuts.drillUp' },
      { keys: ['F2'], label: 'shortcuts.renameSheet' },
    ],
  },
  {
    section: 'shortcuts.section.dashboard',
    items: [
      { keys: [`${alt}←↑↓→`], label: 'shortcuts.moveTile' },
      { keys: [`${alt}${shift}←↑↓→`], label: 'shortcuts.resizeTile' },
      { keys: ['Delete'], label: 'shortcuts.removeTile' },
      { keys: ['Esc'], label: 'shortcuts.clearCrossFilter' },
    ],
  },
];

/** Ctrl (⌘ on a Mac) + Alt with this key, nothing else. */
export function isModAlt(event: KeyboardEvent, key: string): boolean {
  return (isMac ? event.metaKey : event.ctrlKey) && event.altKey && !event.shiftKey && (event.key.toLowerCase() === key.toLowerCase() || event.code === `Key${key.toUpperCase()}`);
}
