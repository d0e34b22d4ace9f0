/**
 * Closing the window must not lose the last words typed. The first close is held: the renderer is
 * asked to flush (save what is unsaved), and the window closes when it answers `window:flushed`,
 * or after a timeout, so a hung page can never keep the window open.
 *
 * When the operating system ends the session (logout, restart, shutdown) the close must not be
 * held at all: on macOS a held close makes Electron answer the system's terminate request with
 * "cancel", which aborts the logout. Then the flush is asked for first (`flushBeforeQuit`), and
 * the window closes unheld once it is done.
 */
import type { EventName } from '../../common/contract/index.js';
import type { AppWindow } from './electronApi.js';

export const FLUSH_TIMEOUT_MS = 3_000;
const FLUSH_REQUEST: EventName = 'window:flush-request';

export interface FlushGate {
  /** Called when the renderer reports `window:flushed`. */
  flushed(): void;
  /**
   * Asks the page to flush without closing; settles once it has answered (or timed out, or the
   * page cannot answer). After it, a close of the window is no longer held.
   */
  flushBeforeQuit(): Promise<void>;
}

export function closeAfterFlush(window: AppWindow, timeoutMs: number = FLUSH_TIMEOUT_MS): FlushGate {
  // open: nothing asked yet; flushing: the page was asked; flushed: answered, closes go through.
  let phase: 'open' | 'flushing' | 'flushed' = 'open';
  let closeWhenFlushed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waiting: Array<() => void> = [];

  const finish = (): void => {
    if (phase !== 'flushing') return;
    phase = 'flushed';
    clearTimeout(timer);
    for (const resolve of waiting.splice(0)) resolve();
    if (closeWhenFlushed && !window.isDestroyed()) window.close();
  };

  const pageCanAnswer = (): boolean => {
    const contents = window.webContents;
    return !window.isDestroyed() && !contents.isDestroyed() && !contents.isCrashed();
  };

  const requestFlush = (): void => {
    if (phase !== 'open') return;
    phase = 'flushing';
    timer = setTimeout(finish, timeoutMs);
    window.webContents.send(FLUSH_REQUEST);
  };

  window.on('close', (event) => {
    if (phase === 'flushed') return;
    // A crashed or destroyed page cannot answer: let the close go ahead.
    if (!pageCanAnswer()) {
      phase = 'flushed';
      return;
    }
    event.preventDefault();
    closeWhenFlushed = true;
    requestFlush();
  });
  window.on('closed', () => {
    clearTimeout(timer);
    for (const resolve of waiting.splice(0)) resolve();
  });

  return {
    flushed: finish,
    flushBeforeQuit() {
      if (phase === 'flushed') return Promise.resolve();
      if (!pageCanAnswer()) {
        phase = 'flushed';
        return Promise.resolve();
      }
      const done = new Promise<void>((resolve) => waiting.push(resolve));
      requestFlush();
      return done;
    },
  };
}
