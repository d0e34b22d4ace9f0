import { describe, expect } from 'vitest';
import { CHANNELS, type InvokeResult } from '../../common/contract/index.js';
import type { Story } from '../../common/story.js';
import { createBridge } from '../../main/electron/bridge.js';
import type { WebFrame } from '../../main/electron/electronApi.js';
import { checkSender } from '../../main/electron/ipc.js';
import { WINDOW_FLUSHED } from '../../common/channels.js';
import { StubWebContents, it } from '../helpers/electronStub.js';



const OURS = 'app://newsroom/index.html';

describe('checkSender', () => {
  const frame = (url: string, parent: WebFrame | null = null): WebFrame => ({ url, parent });

  it('lets the main frame of our window, on an app://newsroom page, through', () => {
    expect(checkSender({ sender: { id: 7 }, senderFrame: frame(OURS) }, 7, 'story:get')).toEqual({ ok: true });
    expect(checkSender({ sender: { id: 7 }, senderFrame: frame('app://newsroom/desk#story=1') }, 7, 'story:get').ok).toBe(true);
  });

  it.each([
    ['a page on another site', { sender: { id: 7 }, senderFrame: frame('https://evil.example/') }, 7],
    ['another app:// host', { sender: { id: 7 }, senderFrame: frame('app://elsewhere/index.html') }, 7],
    ['a file:// page', { sender: { id: 7 }, senderFrame: frame('file:///tmp/index.html') }, 7],
    ['an iframe inside our page', { sender: { id: 7 }, senderFrame: frame(OURS, frame(OURS)) }, 7],
    ['another window', { sender: { id: 8 }, senderFrame: frame(OURS) }, 7],
    ['a frame that has gone', { sender: { id: 7 }, senderFrame: null }, 7],
    ['any sender while no window is open', { sender: { id: 7 }, senderFrame: frame(OURS) }, null],
  ])('refuses %s with a forbidden error', (_what, event, mainContentsId) => {
    const check = checkSender(event, mainContentsId, 'story:purge');
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.code).toBe('forbidden');
      expect(check.error.message).toContain('story:purge was refused');
    }
  });
});

describe('IPC in the running app', () => {
  it('handles exactly the channels of the contract', async ({ startApp }) => {
    const { electron } = await startApp();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('creates a story in the real store for our page, and reads it back', async ({ startApp }) => {
    const { electron, contents } = await startApp();
    const created = (await electron.ipcMain.invoke('story:create', contents.ipcEvent(), {
      fields: { headline: 'Flood closes river bridge' },
    })) as InvokeResult<'story:create'>;
    expect(created.ok).toBe(true);
    const story = (created as { value: Story }).value;

    const read = (await electron.ipcMain.invoke('story:get', contents.ipcEvent(), { id: story.id })) as InvokeResult<'story:get'>;
    expect(read).toMatchObject({ ok: true, value: { id: story.id, headline: 'Flood closes river bridge', version: 1 } });
  });

  it('goes through the same page -> preload bridge -> main path the renderer uses', async ({ startApp }) => {
    const { electron, contents, dataDir } = await startApp();
    // ipcRenderer as seen from our page: every invoke arrives in main with our frame as sender.
    const bridge = createBridge({
      invoke: (channel, arg) => electron.ipcMain.invoke(channel, contents.ipcEvent(), arg),
      send: (channel) => electron.ipcMain.emit(channel, contents.ipcEvent()),
      on: () => undefined,
      removeListener: () => undefined,
    });
    const created = await bridge.invoke('story:create', { fields: { headline: 'Council votes on budget' } });
    if (!created.ok) throw new Error(created.error.message);
    const listed = await bridge.invoke('story:list', {});
    expect(listed).toMatchObject({ ok: true, value: { total: 1, items: [{ id: created.value.id, headline: 'Council votes on budget' }] } });
    expect(await bridge.invoke('app:info', undefined)).toMatchObject({ ok: true, value: { dataDir } });
  });

  it('returns the typed error of a bad argument instead of throwing', async ({ startApp }) => {
    const { electron, contents } = await startApp();
    const result = await electron.ipcMain.invoke('story:get', contents.ipcEvent(), { id: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('refuses an iframe, a foreign page and another window, and writes nothing for them', async ({ startApp }) => {
    const app = await startApp();
    const { electron, contents } = app;
    const intruders = [
      contents.ipcEvent({ subframe: true }),
      contents.ipcEvent({ url: 'https://evil.example/' }),
      new StubWebContents().ipcEvent({ url: OURS }),
      contents.ipcEvent({ gone: true }),
    ];
    for (const event of intruders) {
      const result = await electron.ipcMain.invoke('story:create', event, { fields: { headline: 'Planted' } });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await app.call('story:list', {})).total).toBe(0);
  });

  it('ignores window:flushed from anyone but our page', async ({ startApp }) => {
    const { electron, contents, window } = await startApp();
    window.close();
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent({ subframe: true }));
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent({ url: 'https://evil.example/' }));
    expect(window.isDestroyed()).toBe(false);
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());
    expect(window.isDestroyed()).toBe(true);
  });
});
