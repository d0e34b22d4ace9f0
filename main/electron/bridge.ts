/**
 * The object preload puts on `window.newsroom`, and all the page can reach of Electron: call a
 * contract channel, listen to a named event, say "flushed". Kept free of zod and of anything
 * else heavy: it is bundled into the sandboxed preload, which runs on every page load.
 */
import type { Channel, InvokeOptions, InvokeResult, NewsroomBridge } from '../../common/contract/index.js';
import { CHANNEL_NAMES, EVENT_NAMES_LIST, WINDOW_FLUSHED } from '../../common/channels.js';

// Names only, from the zod-free list (the contract itself would pull zod into the preload).
export const BRIDGE_CHANNELS = CHANNEL_NAMES;
export const BRIDGE_EVENTS = EVENT_NAMES_LIST;

function isKnown<T extends object>(names: T, name: unknown): name is keyof T {
  return typeof name === 'string' && Object.hasOwn(names, name);
}

/** The part of Electron's ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: BridgeIpc): NewsroomBridge {
  const invoke = async (channel: unknown, arg: unknown, options?: InvokeOptions): Promise<InvokeResult<Channel>> => {
    if (!isKnown(BRIDGE_CHANNELS, channel)) {
      return {
        ok: false,
        error: { code: 'unknown-channel', message: `"${String(channel).slice(0, 80)}" is not a Newsroom channel` },
      };
    }
    try {
      // Only a job id crosses with the call, and only when there is one.
      const job = typeof options?.job === 'string' ? options.job : undefined;
      return (await (job === undefined ? ipc.invoke(channel, arg) : ipc.invoke(channel, arg, { job }))) as InvokeResult<Channel>;
    } catch (error) {
      // Only when main has no handler yet, or is going away: still a typed result for the page.
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `Newsroom's main process did not answer ${channel} (${error instanceof Error ? error.message : String(error)}). Your last saved text is safe; try again.`,
        },
      };
    }
  };

  return {
    invoke: invoke as NewsroomBridge['invoke'],
    on(event, listener) {
      if (!isKnown(BRIDGE_EVENTS, event)) throw new TypeError(`"${String(event).slice(0, 80)}" is not a Newsroom event`);
      if (typeof listener !== 'function') throw new TypeError(`The listener for ${event} must be a function`);
      // The page gets the payload alone: Electron's event object (with its sender) never crosses the bridge.
      const relay = (_event: unknown, payload?: unknown): void => (payload === undefined ? listener() : listener(payload));
      ipc.on(event, relay);
      return () => {
        ipc.removeListener(event, relay);
      };
    },
    flushed() {
      ipc.send(WINDOW_FLUSHED);
    },
  };
}
