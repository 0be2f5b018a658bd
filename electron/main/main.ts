import path from 'node:path';
import { app, dialog } from 'electron';
import { toErrorPayload } from '../../shared/errors/rootwise-error';
import { format, localeFromSystem } from '../../shared/i18n/messages';
import { appPaths } from './app-paths';
import { registerAppScheme } from './app-protocol';
import { DesktopShell, PRODUCT_NAME } from './desktop-shell';
import { guardWebContents } from './session-policy';
import { workbenchPathFromArgv } from './workbench-launch';

/** Set by tests (and by anyone who wants a throwaway profile): where the recent list, the demo
 * workbench and Chromium's profile live instead of the per-user folder. */
const USER_DATA_ENV = 'ROOTWISE_USER_DATA_DIR';

// `electron dist/node/main.cjs` runs under Electron's default app, whose name and profile are
// "Electron"; the app's own name and folder must not depend on how it was started.
if (app.getName() !== PRODUCT_NAME) {
  app.setName(PRODUCT_NAME);
  app.setPath('userData', path.join(app.getPath('appData'), PRODUCT_NAME));
}
const userDataOverride = process.env[USER_DATA_ENV];
if (userDataOverride !== undefined && userDataOverride !== '') app.setPath('userData', path.resolve(userDataOverride));

app.enableSandbox();
registerAppScheme();

// The lock lives in the user-data folder, so it must be taken after that folder is settled.
if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}

function start(): void {
  const paths = appPaths(__dirname, app.isPackaged ? process.resourcesPath : null);
  let shell: DesktopShell | undefined;
  let launched = false;
  // A file may arrive (macOS open-file, a second instance) before the startup workbench is open;
  // it waits, so that the startup choice cannot replace it when it finishes later.
  const pending: string[] = [];
  const requested = workbenchPathFromArgv(process.argv, process.cwd());
  if (requested !== undefined) pending.push(requested);

  const openWhenLaunched = (file: string): void => {
    if (shell === undefined || !launched) pending.push(file);
    else void shell.openPath(file);
  };

  app.on('open-file', (event, file) => {
    event.preventDefault();
    openWhenLaunched(file);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = workbenchPathFromArgv(argv, workingDirectory);
    if (file !== undefined) openWhenLaunched(file);
    else shell?.showWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    shell?.showWindow();
  });
  app.on('will-quit', () => {
    shell?.close();
    shell = undefined;
  });

  app
    .whenReady()
    .then(async () => {
      const desktop = new DesktopShell(paths);
      shell = desktop;
      await desktop.launch(pending.shift());
      launched = true;
      for (const file of pending.splice(0)) await desktop.openPath(file);
    })
    .catch((error: unknown) => {
      const locale = localeFromSystem(app.getLocale());
      const message = toErrorPayload(error).message;
      process.stderr.write(`rootwise: ${message.en}\n`);
      dialog.showErrorBox(format(locale, 'error.title'), message[locale]);
      app.exit(1);
    });
}
