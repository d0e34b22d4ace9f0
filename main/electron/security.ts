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

/** Applied to every web contents the app creates (`web-contents-created`), so none escapes it. */
export function lockDownContents(contents: PageContents, shell: ElectronApi['shell']): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
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
