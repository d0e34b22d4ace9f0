import { afterEach, beforeAll, describe, expect, vi } from 'vitest';
import { it } from '../helpers/electronStub.js';
import { CHANNELS, EVENT_NAMES } from '../../common/contract/index.js';
import { BRIDGE_CHANNELS, BRIDGE_EVENTS } from '../../main/electron/bridge.js';
import { WINDOW_FLUSHED } from '../../common/channels.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

// What preload.ts gets from 'electron' in the sandbox: contextBridge and ipcRenderer, recorded.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>();
  return {
    exposed: [] as Array<{ key: string; api: unknown }>,
    invoked: [] as Array<{ channel: string; args: unknown[] }>,
    sent: [] as Array<{ channel: string; args: unknown[] }>,
    listeners,
    /** main sends an event to the page */
    emit(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the IpcRendererEvent' }, ...args);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push({ key, api }),
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      electron.invoked.push({ channel, args });
      return { ok: true, value: { answeredBy: 'main' } };
    },
    send: (channel: string, ...args: unknown[]) => electron.sent.push({ channel, args }),
    on: (channel: string, listener: Listener) => {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(listener);
      electron.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: Listener) => electron.listeners.get(channel)?.delete(listener),
  },
}));

type Bridge = import('../../common/contract/index.js').NewsroomBridge;
let bridge: Bridge;

beforeAll(async () => {
  await import('../../main/preload.js');
  bridge = electron.exposed[0]?.api as Bridge;
});
afterEach(() => {
  electron.invoked.length = 0;
  electron.sent.length = 0;
});

describe('the preload', () => {
  it('puts exactly one object on the page, window.newsroom, with invoke, on and flushed only', () => {
    expect(electron.exposed.map((e) => e.key)).toEqual(['newsroom']);
    expect(Object.keys(bridge).sort()).toEqual(['flushed', 'invoke', 'on']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('passes a contract channel to main and returns its answer', async () => {
    expect(await bridge.invoke('story:get', { id: 's1' })).toEqual({ ok: true, value: { answeredBy: 'main' } });
    expect(electron.invoked).toEqual([{ channel: 'story:get', args: [{ id: 's1' }] }]);
  });

  it.each(['fs:read', 'window:flushed', '__proto__', 'constructor', 'hasOwnProperty', 42, null])(
    'refuses %s with a typed error, without asking main',
    async (channel) => {
      const result = await (bridge.invoke as (c: unknown, a: unknown) => Promise<unknown>)(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(electron.invoked).toEqual([]);
    },
  );

  it('knows exactly the channels and events of the contract', () => {
    expect(Object.keys(BRIDGE_CHANNELS).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(BRIDGE_EVENTS).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('calls a listener without the Electron event, with the payload alone, and stops when unsubscribed', () => {
    const calls: unknown[][] = [];
    const unsubscribe = bridge.on('menu:new-story', (...args: unknown[]) => calls.push(args));
    electron.emit('menu:new-story');
    expect(calls).toEqual([[]]);
    const progress: unknown[][] = [];
    bridge.on('job:progress', (...args: unknown[]) => progress.push(args));
    electron.emit('job:progress', { job: 'export-1', what: 'Exporting', done: 1, total: 4 }, 'anything more');
    expect(progress).toEqual([[{ job: 'export-1', what: 'Exporting', done: 1, total: 4 }]]);
    unsubscribe();
    electron.emit('menu:new-story');
    expect(calls).toHaveLength(1);
  });

  it('lets the page listen to known events only', () => {
    expect(() => bridge.on('story:create' as never, () => undefined)).toThrow(/not a Newsroom event/);
    expect(() => bridge.on('__proto__' as never, () => undefined)).toThrow(/not a Newsroom event/);
    expect(electron.listeners.has('story:create')).toBe(false);
  });

  it('tells main the text is flushed', () => {
    bridge.flushed();
    expect(electron.sent).toEqual([{ channel: WINDOW_FLUSHED, args: [] }]);
  });
});
