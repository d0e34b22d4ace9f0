import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, vi } from 'vitest';
import { startApp as startElectronApp } from '../../main/electron/startApp.js';
import { START_URL } from '../../main/electron/protocol.js';
import { WINDOW_FLUSHED } from '../../common/channels.js';
import { DEFAULT_WINDOW_STATE, WINDOW_STATE_FILE, fitToDisplays, readWindowState } from '../../main/electron/windowState.js';
import { createElectronStub, it, stopEngine, type StubbedApp } from '../helpers/electronStub.js';
import { tempDataDir } from '../helpers/dataDir.js';

afterEach(() => {
  vi.useRealTimers();
});


/** The reporter closes the window and the page answers the flush request. */
function closeWindow({ window, contents, electron }: StubbedApp): void {
  window.close();
  electron.ipcMain.emit(WINDOW_FLUSHED, contents.ipcEvent());
}

describe('the Newsroom window', () => {
  it('is sandboxed and context-isolated, with no Node in the page and only our preload', async ({ startApp }) => {
    const { window, distDir } = await startApp();
    expect(window.options.webPreferences).toEqual({
      preload: path.join(distDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    });
  });

  it('loads the renderer from app://newsroom and shows itself once ready', async ({ startApp }) => {
    const { window } = await startApp();
    expect(window.loadedUrl).toBe(START_URL);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('is the only window', async ({ startApp }) => {
    const { electron } = await startApp();
    expect(electron.windows).toHaveLength(1);
  });
});

describe('one Newsroom per data dir', () => {
  it('quits at once, opening nothing, when another instance holds the lock', async ({ defer }) => {
    const { dir, cleanup } = tempDataDir();
    defer(cleanup);
    const electron = createElectronStub({ gotLock: false, userData: dir });
    const running = startElectronApp(electron, { distDir: dir, env: {}, platform: 'linux' });
    await running.ready;
    expect(electron.app.quitRequests).toBe(1);
    expect(electron.windows).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(running.engine()).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('brings the open window back when the app is launched again', async ({ startApp }) => {
    const { electron, window } = await startApp();
    window.minimize();
    electron.app.emit('second-instance', {}, ['newsroom'], '/');
    expect(window.isMinimized()).toBe(false);
    expect(window.visible).toBe(true);
    expect(window.focusCount).toBe(1);
    expect(electron.windows).toHaveLength(1);
  });

  it('with NEWSROOM_DATA_DIR, keeps its browser profile and its lock in that folder', async ({ defer }) => {
    const { dir, cleanup } = tempDataDir();
    const electron = createElectronStub({ userData: '/home/reporter/.config/Newsroom' });
    const running = startElectronApp(electron, { distDir: dir, env: { NEWSROOM_DATA_DIR: dir }, platform: 'linux' });
    defer(async () => {
      await stopEngine(running);
      cleanup();
    });
    await running.ready;
    expect(electron.app.getPath('userData')).toBe(dir);
    expect(electron.app.lockRequests).toEqual([dir]);
    expect(fs.existsSync(path.join(dir, 'newsroom.db'))).toBe(true);
  });
});

describe('window position and size', () => {
  it('are saved when the window closes and restored at the next start', async ({ startApp }) => {
    const first = await startApp();
    first.window.moveTo(40, 60);
    first.window.resizeTo(1000, 700);
    closeWindow(first);
    expect(first.window.isDestroyed()).toBe(true);
    const file = path.join(first.dataDir, WINDOW_STATE_FILE);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ x: 40, y: 60, width: 1000, height: 700, maximized: false });

    await stopEngine(first.running);
    const second = await startApp({ dataDir: first.dataDir });
    expect(second.window.options).toMatchObject({ x: 40, y: 60, width: 1000, height: 700 });
    expect(second.window.isMaximized()).toBe(false);
  });

  it('are saved after the window is moved, without waiting for it to close', async ({ startApp }) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { window, dataDir } = await startApp();
    window.moveTo(200, 150);
    window.moveTo(210, 160);
    vi.runAllTimers();
    expect(readWindowState(path.join(dataDir, WINDOW_STATE_FILE))).toMatchObject({ x: 210, y: 160 });
  });

  it('remembers a maximized window as maximized', async ({ startApp }) => {
    const first = await startApp();
    first.window.maximize();
    closeWindow(first);
    await stopEngine(first.running);
    const second = await startApp({ dataDir: first.dataDir });
    second.window.emit('ready-to-show');
    expect(second.window.isMaximized()).toBe(true);
  });

  it('a window last closed maximized stays hidden until it has rendered, then opens maximized', async ({ startApp, defer }) => {
    const { dir, cleanup } = tempDataDir();
    defer(cleanup);
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), JSON.stringify({ x: 40, y: 60, width: 1000, height: 700, maximized: true }));
    const { window } = await startApp({ dataDir: dir });
    // maximize() would show it (a blank white frame): not before the first paint.
    expect(window.visible).toBe(false);
    expect(window.isMaximized()).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    expect(window.isMaximized()).toBe(true);
    // Un-maximized, it returns to the size it had.
    expect(window.options).toMatchObject({ x: 40, y: 60, width: 1000, height: 700 });
  });

  it('ignores a damaged state file and opens at the default size', async ({ startApp, defer }) => {
    const { dir, cleanup } = tempDataDir();
    defer(cleanup);
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{"x": 10, "width": "wide"');
    const { window } = await startApp({ dataDir: dir });
    expect(window.options).toMatchObject({ width: DEFAULT_WINDOW_STATE.width, height: DEFAULT_WINDOW_STATE.height });
    expect(window.options.x).toBeUndefined();
    expect(window.options.y).toBeUndefined();
  });

  it('drops a position on a display that is no longer attached, and shrinks to fit', async ({ startApp, defer }) => {
    const { dir, cleanup } = tempDataDir();
    defer(cleanup);
    fs.writeFileSync(
      path.join(dir, WINDOW_STATE_FILE),
      JSON.stringify({ x: 2500, y: 100, width: 2400, height: 1400, maximized: false }),
    );
    const { window } = await startApp({ dataDir: dir, workAreas: [{ x: 0, y: 0, width: 1440, height: 900 }] });
    expect(window.options).toMatchObject({ width: 1440, height: 900 });
    expect(window.options.x).toBeUndefined();
  });

  it('keeps a position on a second display left of the main one', () => {
    const displays = [
      { x: 0, y: 0, width: 1920, height: 1080 },
      { x: -1280, y: 0, width: 1280, height: 1024 },
    ];
    expect(fitToDisplays({ x: -1200, y: 40, width: 1000, height: 800, maximized: false }, displays)).toEqual({
      x: -1200,
      y: 40,
      width: 1000,
      height: 800,
      maximized: false,
    });
  });
});
