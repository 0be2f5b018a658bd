import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, Menu, session, shell, type BrowserWindow } from 'electron';
import type { MenuCommand, WorkbenchInfo } from '../../shared/api/types';
import { APP_VERSION } from '../../shared/app-version';
import { RootwiseError, toErrorPayload } from '../../shared/errors/rootwise-error';
import { format, localeFromSystem, type Locale } from '../../shared/i18n/messages';
import { createDispatcher } from '../engine/api-dispatcher';
import { Engine } from '../engine/engine';
import { electronPrinter } from './electron-printer';
import { appMenuTemplate, type AppMenuActions } from './app-menu';
import type { AppPaths } from './app-paths';
import { serveRenderer } from './app-protocol';
import { createMainWindow } from './create-window';
import { registerApiIpc, sendApiEvent } from './ipc';
import { RecentWorkbenches } from './recent-workbenches';
import { applySessionPolicy } from './session-policy';
import { chooseFilesToImport, chooseNewWorkbench, chooseSaveAs, chooseWorkbenchToOpen } from './workbench-dialogs';
import { DEMO_WORKBENCH_FILE, openStartupWorkbench } from './workbench-launch';

/** The brand in the window title, in both languages (the catalogue's app.name is localised). */
export const PRODUCT_NAME = 'Rootwise';

/**
 * The desktop app once Electron is ready: the engine, the one window, the menu and the recent list.
 * Everything the renderer does goes through the IPC gate; the menu calls the engine directly.
 */
export class DesktopShell implements AppMenuActions {
  private window: BrowserWindow | null = null;
  private workbench: WorkbenchInfo | null = null;
  private locale: Locale;
  private readonly recent: RecentWorkbenches;
  private readonly engine: Engine;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly paths: AppPaths) {
    this.locale = localeFromSystem(app.getLocale());
    this.recent = new RecentWorkbenches(path.join(app.getPath('userData'), 'recent-workbenches.json'));
    applySessionPolicy(session.defaultSession);
    serveRenderer(paths.rendererDir);
    // `rootwise start` passes a better-sqlite3 build for Electron; a packaged app needs none
    // reports print with Electron's own Chromium
    this.engine = new Engine({ workerScript: paths.workerScript, nativeBinding: process.env['ROOTWISE_SQLITE_BINDING'], printer: electronPrinter });
    this.disposers.push(
      registerApiIpc(createDispatcher(this.engine), () => this.window),
      this.engine.events.onAny((event, payload) => {
        sendApiEvent(this.window, event, payload);
      }),
      this.engine.events.on('onDidChangeWorkbench', (info) => {
        this.workbenchChanged(info);
      }),
    );
    this.rebuildMenu();
  }

  /** Opens the startup workbench, then shows the window, so the renderer's first
   * getWorkbenchInfo already sees it. */
  async launch(requested: string | undefined): Promise<void> {
    await openStartupWorkbench(
      this.engine,
      {
        requested,
        recent: this.recent.list(),
        demoPath: path.join(app.getPath('userData'), DEMO_WORKBENCH_FILE),
        exists: (file) => fs.existsSync(file),
      },
      (error) => {
        this.showError(error);
      },
    );
    this.showWindow();
  }

  showWindow(): void {
    const existing = this.window;
    if (existing !== null && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    const window = createMainWindow({
      preloadScript: this.paths.preloadScript,
      title: this.title(),
      onLoadFailed: (detail) => {
        this.showError(new Error(`${this.paths.rendererDir}: ${detail}`));
      },
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    this.window = window;
    this.representFile();
  }

  /** A workbench handed over by the OS or a second instance. */
  async openPath(file: string): Promise<void> {
    this.showWindow();
    await this.guard(() => this.engine.openWorkbench({ path: file }));
  }

  close(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.engine.close();
  }

  // ---- menu actions ----

  newWorkbench(): void {
    void this.guard(async () => {
      const file = await chooseNewWorkbench(this.window, this.locale, this.defaultDir());
      if (file !== undefined) await this.engine.createWorkbench({ path: file });
    });
  }

  openWorkbench(): void {
    void this.guard(async () => {
      const file = await chooseWorkbenchToOpen(this.window, this.locale, this.defaultDir());
      if (file !== undefined) await this.engine.openWorkbench({ path: file });
    });
  }

  openRecent(file: string): void {
    void this.guard(async () => {
      try {
        await this.engine.openWorkbench({ path: file });
      } catch (error) {
        if (toErrorPayload(error).key === 'error.workbench.notFound') {
          this.recent.remove(file);
          this.rebuildMenu();
        }
        throw error;
      }
    });
  }

  clearRecent(): void {
    void this.guard(() => {
      this.recent.clear();
      if (process.platform !== 'linux') app.clearRecentDocuments();
      this.rebuildMenu();
    });
  }

  saveWorkbenchAs(): void {
    void this.guard(async () => {
      const current = this.requireWorkbench();
      const file = await chooseSaveAs(this.window, this.locale, current.path);
      if (file !== undefined) await this.engine.saveWorkbenchAs({ path: file });
    });
  }

  importData(): void {
    void this.guard(async () => {
      this.requireWorkbench();
      const files = await chooseFilesToImport(this.window, this.locale, this.defaultDir());
      // the window previews each file (encoding, header, types) before importing it from its path
      if (files.length > 0) sendApiEvent(this.window, 'onDidRequestImport', { paths: files });
    });
  }

  sendCommand(command: MenuCommand): void {
    sendApiEvent(this.window, 'onDidRequestCommand', { command });
  }

  setLocale(locale: Locale): void {
    this.locale = locale;
    this.rebuildMenu();
    this.sendCommand(locale === 'zh-CN' ? 'localeZh' : 'localeEn');
  }

  showAbout(): void {
    const t = (key: 'app.name' | 'app.tagline' | 'menu.help.about'): string => format(this.locale, key);
    const { electron, chrome, node } = process.versions;
    const options = {
      type: 'info' as const,
      title: t('menu.help.about'),
      message: t('app.name') === PRODUCT_NAME ? `${PRODUCT_NAME} ${APP_VERSION}` : `${t('app.name')} ${PRODUCT_NAME} ${APP_VERSION}`,
      detail: `${t('app.tagline')}\n\nElectron ${electron} · Chromium ${chrome} · Node.js ${node}`,
    };
    void this.guard(() => (this.window === null ? dialog.showMessageBox(options) : dialog.showMessageBox(this.window, options)));
  }

  openDocs(): void {
    void this.guard(async () => {
      const failure = await shell.openPath(this.paths.userDocs);
      if (failure !== '') throw new Error(`${this.paths.userDocs}: ${failure}`);
    });
  }

  // ---- internals ----

  private workbenchChanged(info: WorkbenchInfo | null): void {
    this.workbench = info;
    if (this.window !== null && !this.window.isDestroyed()) this.window.setTitle(this.title());
    this.representFile();
    if (info === null || this.recent.list()[0] === info.path) return;
    // the engine is mid-emit here: a failing recent list must not turn into an engine error
    try {
      this.recent.add(info.path);
      if (process.platform !== 'linux') app.addRecentDocument(info.path);
    } catch (error) {
      process.stderr.write(`rootwise: could not update the recent list: ${String(error)}\n`);
    }
    this.rebuildMenu();
  }

  private representFile(): void {
    if (process.platform !== 'darwin' || this.window === null || this.window.isDestroyed()) return;
    this.window.setRepresentedFilename(this.workbench?.path ?? '');
  }

  private title(): string {
    return this.workbench === null ? PRODUCT_NAME : `${this.workbench.name} — ${PRODUCT_NAME}`;
  }

  private rebuildMenu(): void {
    const template = appMenuTemplate(
      { locale: this.locale, recent: this.recent.list(), docsAvailable: fs.existsSync(this.paths.userDocs), platform: process.platform },
      this,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  private requireWorkbench(): WorkbenchInfo {
    if (this.workbench === null) throw new RootwiseError('error.noWorkbench');
    return this.workbench;
  }

  /** Beside the open workbench, unless that is the demo in the hidden user-data folder. */
  private defaultDir(): string {
    const beside = this.workbench === null ? null : path.dirname(this.workbench.path);
    return beside === null || beside === app.getPath('userData') ? app.getPath('documents') : beside;
  }

  /** Runs a command; whatever it throws is shown to the user in the menu's language. */
  private async guard(command: () => unknown): Promise<void> {
    try {
      await command();
    } catch (error) {
      this.showError(error);
    }
  }

  private showError(error: unknown): void {
    const message = toErrorPayload(error).message;
    // also on stderr: the dialog is modal, and a test or a terminal user should see why it is up
    process.stderr.write(`rootwise: ${message.en}\n`);
    dialog.showErrorBox(format(this.locale, 'error.title'), message[this.locale]);
  }
}
