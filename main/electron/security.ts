/**
 * The page may never leave the app: no navigation away from app://newsroom, no new windows, no
 * <webview>, no browser permissions. Links to the web open in the reporter's own browser.
 * Follows https://www.electronjs.org/docs/latest/tutorial/security (items 5, 12, 13, 14, 15).
 */
import type { ElectronApi, PageContents } from './electronApi.js';
import { isAppUrl } from './protocol.js';

/** Only web pages go to the system browser: file:, smb:, custom app schemes could run things. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * May a frame go to this URL? The page only between its own app://newsroom pages; an iframe (the
 * publishing preview, a sandboxed srcdoc frame) only to its own inline document, never to the web:
 * a link clicked inside the preview must not load a remote page into the app.
 */
export function mayFrameNavigate(url: string, isMainFrame: boolean): boolean {
  if (isAppUrl(url)) return true;
  return !isMainFrame && (url === 'about:srcdoc' || url === 'about:blank');
}

/** Applied to every web contents the app creates (`web-contents-created`), so none escapes it. */
export function lockDownContents(contents: PageContents, shell: ElectronApi['shell']): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // will-navigate sees only the main frame; this sees every frame (defence in depth).
  contents.on('will-frame-navigate', (event) => {
    if (!mayFrameNavigate(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) {
      // Only http(s) addresses reach the system browser (isWebUrl); never file:, smb: or custom
      // schemes, which is what Electronegativity's OPEN_EXTERNAL check warns about.
      shell.openExternal(url).catch((error: unknown) => { // eng-disable OPEN_EXTERNAL_JS_CHECK
        console.error(`Newsroom could not open ${url} in the browser:`, error);
      });
    }
    return { action: 'deny' };
  });
}

/** Camera, microphone, notifications, geolocation...: an editor needs none of them. */
export function denyAllPermissions(session: ElectronApi['session']): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
