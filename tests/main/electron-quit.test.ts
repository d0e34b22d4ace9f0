import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WINDOW_FLUSHED } from '../../common/channels.js';
import { BACKUP_DIR } from '../../db/open.js';
import { FLUSH_TIMEOUT_MS } from '../../main/electron/lifecycle.js';
import { startStubbedApp, type StubbedApp } from '../helpers/electronStub.js';
import { doc } from '../helpers/documents.js';
import type { InvokeResult } from '../../common/contract/index.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function started(options: Parameters<typeof startStubbedApp>[0] = {}): Promise<StubbedApp> {
  const app = await startStubbedApp(options);
  cleanups.push(app.cleanup);
  return app;
}

function dailyBackups(dataDir: string): string[] {
  const dir = path.join(dataDir, BACKUP_DIR);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('-daily.db')) : [];
}

describe('quitting while the daily backup runs', () => {
  it('waits for the backup to finish before closing the store, and opens no dialog', async () => {
    // A fresh data dir has no backup yet, so the start begins a daily one in the background.
    const { electron, contents, running, dataDir } = await started({ platform: 'linux' });
    const newsroom = running.newsroom();
    electron.app.quit();
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());

    // The window is gone, but the store stays open under the running backup.
    expect(electron.windows[0]?.isDestroyed()).toBe(true);
    expect(newsroom?.db.open).toBe(true);
    expect(electron.app.quitted).toBe(false);

    await running.backgroundWork();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(newsroom?.db.open).toBe(false);
    expect(dailyBackups(dataDir)).toHaveLength(1);
    expect(electron.recorded.errorBoxes).toEqual([]);
  });

  it('reports a failed backup in the log, not in a dialog, once the app is quitting', async () => {
    const { electron, contents, running } = await started({ platform: 'linux' });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    cleanups.push(() => logged.mockRestore());
    electron.app.quit();
    // The disk goes away under the backup: it fails while the app is quitting.
    running.newsroom()?.db.close();
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());
    await running.backgroundWork();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(electron.recorded.errorBoxes).toEqual([]);
    expect(logged.mock.calls.map((call) => String(call[0])).join('\n')).toContain('Newsroom could not make its daily backup');
  });
});

describe('logging out or shutting down', () => {
  it('asks the system to wait, flushes the page, then quits without holding the close', async () => {
    const { electron, window, contents, running, dataDir } = await started({ platform: 'darwin' });
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

    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    // One flush only: the close that followed was not held again.
    expect(contents.sentChannels()).toEqual(['window:flush-request']);
    const { openNewsroom } = await import('../../main/newsroom.js');
    const reopened = openNewsroom(dataDir);
    cleanups.push(() => reopened.close());
    expect(reopened.stories.get(created.value.id).body).toContain('Filed just before the laptop shut down.');
  });

  it('still quits when the page never answers the flush', async () => {
    const { electron, running } = await started({ platform: 'linux' });
    await running.backgroundWork();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    electron.powerMonitor.shutdown();
    expect(electron.app.quitted).toBe(false);
    vi.advanceTimersByTime(FLUSH_TIMEOUT_MS);
    vi.useRealTimers();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
  });
});
