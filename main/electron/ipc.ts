/**
 * Wires every channel of the contract to `invokeChannel`, behind a check of who is asking: only
 * the main frame of Newsroom's own window, showing an app://newsroom page, may call the store.
 * An iframe, another window or a page that navigated elsewhere gets a `forbidden` error instead
 * (https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages).
 */
import { CHANNELS, type Channel, type InvokeResult } from '../../common/contract/index.js';
import type { NewsroomErrorShape } from '../../common/errors.js';
import type { EngineHost } from '../engine/host.js';
import type { ElectronApi, IpcSenderEvent, WebFrame } from './electronApi.js';
import { isAppUrl } from './protocol.js';
import { WINDOW_FLUSHED } from '../../common/channels.js';

export type SenderCheck = { ok: true } | { ok: false; error: NewsroomErrorShape };

function forbidden(what: string, why: string): SenderCheck {
  return { ok: false, error: { code: 'forbidden', message: `${what} was refused: ${why}. Only Newsroom's own window may use it.` } };
}

/**
 * May this IPC message be acted on? Pure: it looks only at the event and at the id of the main
 * window's web contents (null while there is no window).
 */
export function checkSender(event: IpcSenderEvent, mainContentsId: number | null, what: string): SenderCheck {
  let frame: WebFrame | null;
  try {
    frame = event.senderFrame;
  } catch {
    frame = null;
  }
  if (frame === null) return forbidden(what, 'the page that sent it has navigated away or closed');
  if (mainContentsId === null || event.sender.id !== mainContentsId) {
    return forbidden(what, 'it came from a window that is not the Newsroom window');
  }
  if (frame.parent !== null) return forbidden(what, `it came from an embedded frame (${frame.url.slice(0, 200)})`);
  if (!isAppUrl(frame.url)) return forbidden(what, `it came from a page that is not Newsroom (${frame.url.slice(0, 200)})`);
  return { ok: true };
}

export interface IpcWiring {
  /** The engine the window's calls are relayed to. */
  engine: Pick<EngineHost, 'invoke'>;
  /** The web contents id of the Newsroom window, or null while none is open. */
  mainContentsId: () => number | null;
  /** The renderer says its unsaved text is flushed (reply to `window:flush-request`). */
  onFlushed: () => void;
}

/** The job id a window's call names, if it is a sensible one (anything else is ignored). */
function jobIdOf(options: unknown): string | undefined {
  const job = (options as { job?: unknown } | null | undefined)?.job;
  return typeof job === 'string' && job.length > 0 && job.length <= 100 ? job : undefined;
}

export function registerIpc(ipcMain: ElectronApi['ipcMain'], wiring: IpcWiring): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, arg, options?: unknown): Promise<InvokeResult<Channel>> | InvokeResult<Channel> => {
      const check = checkSender(event, wiring.mainContentsId(), channel);
      if (!check.ok) return check;
      // The window works as the profile at work on this machine; a long call may name its job.
      const job = jobIdOf(options);
      return wiring.engine.invoke({ origin: 'window' }, channel, arg, job === undefined ? {} : { job });
    });
  }
  ipcMain.on(WINDOW_FLUSHED, (event) => {
    if (checkSender(event, wiring.mainContentsId(), WINDOW_FLUSHED).ok) wiring.onFlushed();
  });
}
