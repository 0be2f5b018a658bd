import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/types';
import { format, type Locale, type MessageKey } from '../../shared/i18n/messages';

export interface AppMenuState {
  readonly locale: Locale;
  readonly recent: readonly string[];
  readonly docsAvailable: boolean;
  readonly platform: NodeJS.Platform;
}

/** What the menu does; the shell implements these with native dialogs and the engine. */
export interface AppMenuActions {
  newWorkbench(): void;
  openWorkbench(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  saveWorkbenchAs(): void;
  importData(): void;
  /** Forwarded to the renderer as onDidRequestCommand. */
  sendCommand(command: MenuCommand): void;
  setLocale(locale: Locale): void;
  showAbout(): void;
  openDocs(): void;
}

/** Language names are written in their own language, so either user can find theirs. */
const LANGUAGES: readonly { readonly locale: Locale; readonly label: string }[] = [
  { locale: 'zh-CN', label: '中文（简体）' },
  { locale: 'en', label: 'English' },
];

/** The application menu as a template (no Electron objects), so it can be checked without Electron. */
export function appMenuTemplate(state: AppMenuState, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const t = (key: MessageKey): string => format(state.locale, key);
  const isMac = state.platform === 'darwin';

  const recentItems: MenuItemConstructorOptions[] = state.recent.map((file) => ({
    // '&' marks a mnemonic in Windows and Linux menus; a path must show it literally
    label: file.replace(/&/g, '&&'),
    click: () => {
      actions.openRecent(file);
    },
  }));

  const macAppMenu: MenuItemConstructorOptions = {
    label: t('app.name'),
    submenu: [
      { label: t('menu.help.about'), click: () => actions.showAbout() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit', label: t('menu.file.quit') },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      { label: t('menu.file.new'), accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkbench() },
      { label: t('menu.file.open'), accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkbench() },
      {
        label: t('menu.file.openRecent'),
        submenu: [
          ...recentItems,
          ...(recentItems.length > 0 ? [{ type: 'separator' } as const] : []),
          { label: t('menu.file.clearRecent'), enabled: recentItems.length > 0, click: () => actions.clearRecent() },
        ],
      },
      { type: 'separator' },
      { label: t('menu.file.saveAs'), accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveWorkbenchAs() },
      { type: 'separator' },
      { label: t('menu.file.import'), accelerator: 'CmdOrCtrl+I', click: () => actions.importData() },
      { label: t('menu.file.export'), accelerator: 'CmdOrCtrl+E', click: () => actions.sendCommand('export') },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: t('menu.file.quit') } as const]),
    ],
  };

  // Undo and redo are the renderer's own actions, and it handles their keys itself (it must in the
  // browser too), so the accelerators are shown but not registered: a key press must not run twice,
  // and text fields keep their native undo.
  const edit: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      { label: t('menu.edit.undo'), accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => actions.sendCommand('undo') },
      {
        label: t('menu.edit.redo'),
        accelerator: state.platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z',
        registerAccelerator: false,
        click: () => actions.sendCommand('redo'),
      },
      { type: 'separator' },
      { role: 'cut', label: t('menu.edit.cut') },
      { role: 'copy', label: t('menu.edit.copy') },
      { role: 'paste', label: t('menu.edit.paste') },
      { role: 'selectAll', label: t('menu.edit.selectAll') },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      { role: 'reload', label: t('menu.view.reload') },
      { role: 'toggleDevTools', label: t('menu.view.toggleDevTools') },
      { type: 'separator' },
      { role: 'resetZoom', label: t('menu.view.resetZoom') },
      { role: 'zoomIn', label: t('menu.view.zoomIn') },
      { role: 'zoomOut', label: t('menu.view.zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('menu.view.fullscreen') },
      { type: 'separator' },
      {
        label: t('menu.view.language'),
        submenu: LANGUAGES.map(({ locale, label }) => ({
          label,
          type: 'radio' as const,
          checked: locale === state.locale,
          click: () => actions.setLocale(locale),
        })),
      },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: t('menu.help'),
    submenu: [
      ...(isMac ? [] : [{ label: t('menu.help.about'), click: () => actions.showAbout() }]),
      { label: t('menu.help.docs'), enabled: state.docsAvailable, click: () => actions.openDocs() },
    ],
  };

  return [...(isMac ? [macAppMenu] : []), file, edit, view, ...(isMac ? [{ role: 'windowMenu' } as const] : []), help];
}
