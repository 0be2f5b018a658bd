import type { Session, WebContents } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-protocol';

/**
 * The app makes no network request, ever (DESIGN.md): the only URLs a page may load are the app
 * scheme, its own blobs, inline data, and the developer tools' own frontend.
 */
export function isAllowedRequestUrl(url: string): boolean {
  return isAppUrl(url) || url.startsWith(`blob:${APP_ORIGIN}/`) || url.startsWith('data:') || url.startsWith('devtools:');
}

/** Applies the request and permission policy to a session; every permission is refused. */
export function applySessionPolicy(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Chromium's spellchecker fetches dictionaries from Google's servers.
  session.setSpellCheckerEnabled(false);
}

/** Applied to every web contents the app creates (the window and the developer tools): no
 * navigation away from the app, no pop-ups, no <webview>. */
export function guardWebContents(contents: WebContents): void {
  const allowNavigation = (url: string): boolean => isAppUrl(url) || url.startsWith('devtools:');
  contents.on('will-navigate', (event) => {
    if (!allowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!allowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!allowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
