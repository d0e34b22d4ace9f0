/**
 * Closing the window must not lose the last words typed. The first close is held: the renderer is
 * asked to flush (save what is unsaved), and the window closes when it answers `window:flushed`,
 * or after a timeout, so a hung page can never keep the window open.
 */
import type { EventName } from '../../common/contract/index.js';
import type { AppWindow } from './electronApi.js';

export const FLUSH_TIMEOUT_MS = 3_000;
const FLUSH_REQUEST: EventName = 'window:flush-request';

export interface FlushGate {
  /** Called when the renderer reports `window:flushed`. */
  flushed(): void;
}

export function closeAfterFlush(window: AppWindow, timeoutMs: number = FLUSH_TIMEOUT_MS): FlushGate {
  let phase: 'open' | 'flushing' | 'closing' = 'open';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const closeNow = (): void => {
    if (phase !== 'flushing') return;
    phase = 'closing';
    clearTimeout(timer);
    if (!window.isDestroyed()) window.close();
  };

  window.on('close', (event) => {
    if (phase === 'closing') return;
    const contents = window.webContents;
    // A crashed or destroyed page cannot answer: let the close go ahead.
    if (contents.isDestroyed() || contents.isCrashed()) {
      phase = 'closing';
      return;
    }
    event.preventDefault();
    if (phase === 'flushing') return;
    phase = 'flushing';
    timer = setTimeout(closeNow, timeoutMs);
    contents.send(FLUSH_REQUEST);
  });
  window.on('closed', () => clearTimeout(timer));

  return { flushed: closeNow };
}
