import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type ApiEvent, type ApiEvents } from '../../shared/api/contract';
import type { Dispatch } from '../engine/api-dispatcher';
import { isAppUrl } from './app-protocol';

/**
 * Answers API calls from the renderer. The sender must be the main frame of the app window showing
 * the app scheme; the dispatcher then checks the method and validates the request.
 */
export function registerApiIpc(dispatch: Dispatch, currentWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, request: unknown) => {
    const window = currentWindow();
    if (window === null || !isAppMainFrame(window, event)) {
      throw new Error('Rootwise refused an API call from a frame that is not the app window.');
    }
    return dispatch(typeof method === 'string' ? method : typeof method, request);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}

export function isAppMainFrame(window: BrowserWindow, event: IpcMainInvokeEvent): boolean {
  // read now: senderFrame turns null once the frame navigates or goes away
  const frame = event.senderFrame;
  if (frame === null || window.isDestroyed()) return false;
  const contents = window.webContents;
  if (event.sender.id !== contents.id) return false;
  const main = contents.mainFrame;
  return frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId && isAppUrl(frame.url);
}

/** Pushes one API event to the window, if it is there and showing the app. */
export function sendApiEvent<E extends ApiEvent>(window: BrowserWindow | null, event: E, payload: ApiEvents[E]): void {
  if (window === null || window.isDestroyed()) return;
  const contents = window.webContents;
  if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
  contents.send(IPC_EVENT_CHANNEL, event, payload);
}
