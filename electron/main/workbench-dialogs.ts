import path from 'node:path';
import { dialog, type BrowserWindow, type FileFilter, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { format, type Locale } from '../../shared/i18n/messages';
import { WORKBENCH_EXTENSION, isWorkbenchPath } from './workbench-launch';

/** The file types the CSV importer reads. */
const IMPORT_EXTENSIONS = ['csv', 'tsv', 'txt'];

function workbenchFilter(locale: Locale): FileFilter {
  return { name: format(locale, 'dialog.workbenchFilter'), extensions: [WORKBENCH_EXTENSION.slice(1)] };
}

/** The menu label without its trailing ellipsis makes the dialog title. */
function titleOf(label: string): string {
  return label.replace(/(…|\.\.\.)$/u, '').trim();
}

async function showOpen(window: BrowserWindow | null, options: OpenDialogOptions): Promise<readonly string[]> {
  const result = window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
  return result.canceled ? [] : result.filePaths;
}

async function showSave(window: BrowserWindow | null, options: SaveDialogOptions): Promise<string | undefined> {
  const result = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
  if (result.canceled || result.filePath === '') return undefined;
  // Linux file choosers do not always append the filter's extension
  return isWorkbenchPath(result.filePath) ? result.filePath : `${result.filePath}${WORKBENCH_EXTENSION}`;
}

export function chooseNewWorkbench(window: BrowserWindow | null, locale: Locale, defaultDir: string): Promise<string | undefined> {
  return showSave(window, {
    title: titleOf(format(locale, 'menu.file.new')),
    defaultPath: path.join(defaultDir, `${format(locale, 'app.name')}${WORKBENCH_EXTENSION}`),
    filters: [workbenchFilter(locale)],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
}

export function chooseSaveAs(window: BrowserWindow | null, locale: Locale, currentPath: string): Promise<string | undefined> {
  const base = path.basename(currentPath, path.extname(currentPath));
  return showSave(window, {
    title: titleOf(format(locale, 'menu.file.saveAs')),
    defaultPath: path.join(path.dirname(currentPath), `${base}-2${WORKBENCH_EXTENSION}`),
    filters: [workbenchFilter(locale)],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
}

export async function chooseWorkbenchToOpen(window: BrowserWindow | null, locale: Locale, defaultDir: string): Promise<string | undefined> {
  const [chosen] = await showOpen(window, {
    title: titleOf(format(locale, 'menu.file.open')),
    defaultPath: defaultDir,
    filters: [workbenchFilter(locale)],
    properties: ['openFile'],
  });
  return chosen;
}

export function chooseFilesToImport(window: BrowserWindow | null, locale: Locale, defaultDir: string): Promise<readonly string[]> {
  return showOpen(window, {
    title: titleOf(format(locale, 'menu.file.import')),
    defaultPath: defaultDir,
    filters: [{ name: format(locale, 'dialog.importFilter'), extensions: IMPORT_EXTENSIONS }],
    properties: ['openFile', 'multiSelections'],
  });
}
