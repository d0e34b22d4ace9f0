import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, vi } from 'vitest';
import { WINDOW_FLUSHED } from '../../common/channels.js';
import { BACKUP_DIR } from '../../db/open.js';
import { FLUSH_TIMEOUT_MS } from '../../main/electron/lifecycle.js';
import { it } from '../helpers/electronStub.js';
import { doc } from '../helpers/documents.js';
import type { InvokeResult } from '../../common/contract/index.js';

afterEach(() => {
  vi.useRealTimers();
});


function dailyBackups(dataDir: string): string[] {
  const dir = path.join(dataDir, BACKUP_DIR);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('-daily.db')) : [];
}

describe('quitting while the daily backup runs', () => {
  it('waits for the backup to finish before closing the store, and opens no dialog', async ({ startApp }) => {
    // A fresh data dir has no backup yet, so the start begins a daily one in the background.
    const { electron, contents, running, dataDir } = await startApp({ platform: 'linux' });
    const engine = running.engine();
    electron.app.quit();
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());

    // The window is gone, but the store stays open in the engine under the running backup.
    expect(electron.windows[0]?.isDestroyed()).toBe(true);
    expect(engine?.status()).toEqual({ state: 'ready' });
    expect(electron.app.quitted).toBe(false);

    await running.backgroundWork();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true), { timeout: 30_000 });
    expect(engine?.status()).toEqual({ state: 'stopped', reason: 'closed' });
    expect(dailyBackups(dataDir)).toHaveLength(1);
    expect(electron.recorded.errorBoxes).toEqual([]);
  });

  it('reports a failed backup in the log, not in a dialog, once the app is quitting', async ({ startApp, defer }) => {
    // The disk goes away under the backup: its answer is held until the app is quitting, and is a failure.
    let quitting: () => void = () => undefined;
    const quit = new Promise<void>((resolve) => (quitting = resolve));
    const { electron, contents, running } = await startApp({
      platform: 'linux',
      engineMessages: (message, deliver) => {
        if (message.type !== 'reply' || !message.ok || message.value === null || typeof message.value !== 'object' || !('file' in message.value) || !String(message.value.file).endsWith('-daily.db')) {
          deliver(message);
          return;
        }
        void quit.then(() => deliver({ type: 'reply', id: message.id, ok: false, error: { code: 'internal', message: 'ENOSPC: no space left on device' } }));
      },
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    defer(() => logged.mockRestore());
    electron.app.quit();
    quitting();
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());
    await running.backgroundWork();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true), { timeout: 30_000 });
    expect(electron.recorded.errorBoxes).toEqual([]);
    expect(logged.mock.calls.map((call) => String(call[0])).join('\n')).toContain('Newsroom could not make its daily backup');
  });
});

describe('logging out or shutting down', () => {
  it('asks the system to wait, flushes the page, then quits without holding the close', async ({ startApp, defer }) => {
    const { electron, window, contents, running, dataDir } = await startApp({ platform: 'darwin' });
    await running.backgroundWork();
    const created = (await electron.ipcMain.invoke('story:create', contents.ipcEvent(), {})) as InvokeResult<'story:create'>;
    if (!created.ok) throw new Error(created.error.message);

    // macOS: a prevented 'shutdown' tells Electron not to close the windows itself; a close we
    // held then would answer the system "cancel" and abort the logout.
    expect(electron.powerMonitor.shutdown()).toBe(true);
    expect(contents.sentChannels()).toEqual(['window:flush-request']);
    expect(window.isDestroyed()).toBe(false);

    const saved = await electron.ipcMain.invoke('story:save', contents.ipcEvent(), {
      id: created.value.id,
      version: created.value.version,
      body: doc('Filed just before the laptop shut down.'),
    });
    expect(saved).toMatchObject({ ok: true });
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());

    await vi.waitFor(() => expect(electron.app.quitted).toBe(true), { timeout: 30_000 });
    // One flush only: the close that followed was not held again.
    expect(contents.sentChannels()).toEqual(['window:flush-request']);
    const { openNewsroom } = await import('../../main/newsroom.js');
    const reopened = openNewsroom(dataDir);
    defer(() => reopened.close());
    expect(reopened.stories.get(created.value.id).body).toContain('Filed just before the laptop shut down.');
  });

  it('still quits when the page never answers the flush', async ({ startApp }) => {
    const { electron, running } = await startApp({ platform: 'linux' });
    await running.backgroundWork();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    electron.powerMonitor.shutdown();
    expect(electron.app.quitted).toBe(false);
    vi.advanceTimersByTime(FLUSH_TIMEOUT_MS);
    vi.useRealTimers();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true), { timeout: 30_000 });
  });
});
