import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, vi } from 'vitest';
import type { InvokeResult } from '../../common/contract/index.js';
import { BACKUP_DIR, DATABASE_FILE, openDatabase } from '../../db/open.js';
import { FLUSH_TIMEOUT_MS } from '../../main/electron/lifecycle.js';
import { startApp } from '../../main/electron/startApp.js';
import { WINDOW_FLUSHED } from '../../common/channels.js';
import { openNewsroom } from '../../main/newsroom.js';
import { createElectronStub, it, stopEngine } from '../helpers/electronStub.js';
import { tempDataDir, by } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('closing the window', () => {
  it('is held until the page has flushed its unsaved text', async ({ startApp, defer }) => {
    const { electron, window, contents, dataDir } = await startApp();
    const created = (await electron.ipcMain.invoke('story:create', contents.ipcEvent(), {})) as InvokeResult<'story:create'>;
    if (!created.ok) throw new Error(created.error.message);

    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(contents.sentChannels()).toEqual(['window:flush-request']);

    // The reporter clicks close again while the flush runs: still one request, still open.
    window.close();
    expect(contents.sentChannels()).toEqual(['window:flush-request']);

    // The page saves its last words, then says it is done.
    const saved = await electron.ipcMain.invoke('story:save', contents.ipcEvent(), {
      id: created.value.id,
      version: created.value.version,
      body: doc('Last words before closing.'),
    });
    expect(saved).toMatchObject({ ok: true });
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());
    expect(window.isDestroyed()).toBe(true);

    // linux: the last window closed quits, and the engine closes the store.
    await expect.poll(() => electron.app.quitted).toBe(true);
    const reopened = openNewsroom(dataDir);
    defer(() => reopened.close());
    expect(JSON.parse(reopened.stories.get(created.value.id).body)).toEqual(JSON.parse(doc('Last words before closing.')));
  });

  it('goes ahead after a few seconds if the page never answers', async ({ startApp }) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { window } = await startApp();
    window.close();
    expect(window.isDestroyed()).toBe(false);
    vi.advanceTimersByTime(FLUSH_TIMEOUT_MS);
    expect(window.isDestroyed()).toBe(true);
  });

  it('is not held when the page has crashed and cannot answer', async ({ startApp }) => {
    const { window, contents } = await startApp();
    contents.crashed = true;
    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(contents.sentChannels()).toEqual([]);
  });
});

describe('quitting', () => {
  it('waits for the flush, then closes the store in the engine and quits', async ({ startApp }) => {
    const { electron, window, contents, running } = await startApp({ platform: 'darwin' });
    const engine = running.engine();
    // The daily backup started at launch is done (quitting during one: electron-quit.test.ts).
    await running.backgroundWork();
    electron.app.quit();
    // Holding the window's close cancels this quit, as in Electron; the store stays open for the flush.
    expect(electron.app.quitted).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    expect(engine?.status()).toEqual({ state: 'ready' });

    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());
    expect(window.isDestroyed()).toBe(true);
    // The quit waits for the engine to close the store, then goes ahead.
    await expect.poll(() => electron.app.quitted).toBe(true);
    expect(engine?.status()).toEqual({ state: 'stopped', reason: 'closed' });
    expect(running.engine()).toBeNull();
  });

  it('on macOS, closing the window keeps the app running until quit, and the dock reopens it', async ({ startApp }) => {
    const { electron, window, contents } = await startApp({ platform: 'darwin' });
    window.close();
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());
    expect(electron.app.quitRequests).toBe(0);
    electron.app.emit('activate');
    expect(electron.windows).toHaveLength(2);
    expect(electron.windows[1]?.isDestroyed()).toBe(false);
  });

  it('elsewhere, closing the window quits the app', async ({ startApp }) => {
    const { electron, window, contents, running } = await startApp({ platform: 'win32' });
    await running.backgroundWork();
    window.close();
    electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());
    await expect.poll(() => electron.app.quitted).toBe(true);
  });
});

describe('a store the app cannot open', () => {
  function startOn(dataDir: string) {
    const electron = createElectronStub({ userData: dataDir });
    const running = startApp(electron, { distDir: dataDir, env: {}, platform: 'linux' });
    return { electron, running };
  }
  // The engine that found the store unfit has ended: nothing is left running.
  const noEngineLeft = (electron: ReturnType<typeof createElectronStub>) => expect.poll(() => electron.recorded.utilityForks.every((f) => f.process.child.exitCode !== null || f.process.child.signalCode !== null)).toBe(true);

  it('is explained and, with no good backup to offer, the app quits without touching the file', async ({ defer }) => {
    const { dir, cleanup } = tempDataDir();
    defer(cleanup);
    const file = path.join(dir, DATABASE_FILE);
    const damaged = Buffer.concat([Buffer.from('this is not SQLite at all\n'), Buffer.alloc(4096, 7)]);
    fs.writeFileSync(file, damaged);
    fs.mkdirSync(path.join(dir, BACKUP_DIR));
    // Backups that are themselves empty files are no good: none is offered.
    fs.writeFileSync(path.join(dir, BACKUP_DIR, 'newsroom-2025-06-01T00-00-00-000Z-before-migration-from-20.db'), '');

    const { electron, running } = startOn(dir);
    await running.ready;

    expect(electron.recorded.errorBoxes).toHaveLength(1);
    const box = electron.recorded.errorBoxes[0];
    expect(box?.title).toBe('Newsroom cannot open its story database');
    expect(box?.content).toContain(file);
    expect(box?.content).toContain('No good backup was found. The damaged file has not been changed or deleted');
    expect(electron.app.quitRequests).toBe(1);
    expect(electron.windows).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
    await noEngineLeft(electron);
  });

  it('offers the newest good backup, restores it when asked, keeps the damaged file aside and starts', async ({ defer }) => {
    const { dir, cleanup } = tempDataDir();
    defer(cleanup);
    const before = openNewsroom(dir);
    const story = before.stories.create({ fields: { headline: 'Saved before the crash' } }, by(null));
    await before.backups.backup('manual');
    before.close();
    const file = path.join(dir, DATABASE_FILE);
    for (const sidecar of ['-wal', '-shm']) fs.rmSync(file + sidecar, { force: true });
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 0, 100); // the header is gone
    fs.writeFileSync(file, bytes);

    const { electron, running } = startOn(dir);
    await running.ready;

    expect(electron.recorded.messageBoxes).toHaveLength(1);
    const box = electron.recorded.messageBoxes[0];
    expect(box?.message).toBe('The story database is damaged');
    expect(box?.buttons?.[0]).toMatch(/^Restore the backup from /);
    expect(electron.windows).toHaveLength(1);
    defer(() => stopEngine(running));
    expect(await running.engine()?.invoke({ origin: 'window' }, 'story:get', { id: story.id })).toMatchObject({ ok: true, value: { headline: 'Saved before the crash' } });
    const aside = fs.readdirSync(dir).filter((name) => name.startsWith('newsroom-damaged-'));
    expect(aside.some((name) => fs.readFileSync(path.join(dir, name)).equals(bytes))).toBe(true);
  });

  it('from a newer Newsroom is explained as such, and left as it was', async ({ defer }) => {
    const { dir, cleanup } = tempDataDir();
    defer(cleanup);
    const file = path.join(dir, DATABASE_FILE);
    openDatabase(dir).close();
    const future = new Database(file);
    future.pragma('user_version = 9990');
    future.close();
    const before = fs.readFileSync(file);

    const { electron, running } = startOn(dir);
    await running.ready;

    const box = electron.recorded.messageBoxes[0];
    expect(`${box?.message}\n${box?.detail}`).toMatch(/newer version of Newsroom/);
    expect(electron.app.quitRequests).toBe(1);
    expect(electron.windows).toHaveLength(0);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    await noEngineLeft(electron);
  });
});
