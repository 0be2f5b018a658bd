import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';

export interface MainWindowOptions {
  readonly preloadScript: string;
  readonly title: string;
  /** Called when the renderer cannot be loaded (a missing build, most likely). */
  readonly onLoadFailed: (detail: string) => void;
}

/** The one application window, locked down per Electron's security checklist. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: options.title,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f6f7f9',
    webPreferences: {
      preload: options.preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  // The title names the open workbench; the main process owns it, not the page.
  window.on('page-title-updated', (event) => {
    event.preventDefault();
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    options.onLoadFailed(error instanceof Error ? error.message : String(error));
  });
  return window;
}
