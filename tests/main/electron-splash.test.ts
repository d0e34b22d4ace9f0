/**
 * The start-up check of a large store takes seconds: the window opens early on a splash with the
 * check's progress, so the app never looks dead; its calls wait for the store, and it is the same
 * window that carries on once the store is open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { InvokeResult, JobProgress, StoreStatus } from '../../common/contract/index.js';
import type { FromEngine } from '../../main/engine/protocol.js';
import { startApp } from '../../main/electron/startApp.js';
import { SHIPPED_DICTIONARIES_DIR, createElectronStub, it, stopEngine } from '../helpers/electronStub.js';
import { tempDataDir } from '../helpers/dataDir.js';

function isCheckReply(message: FromEngine): boolean {
  return message.type === 'reply' && message.ok && typeof message.value === 'object' && message.value !== null && 'state' in message.value && 'check' in message.value;
}

function isOpenReply(message: FromEngine): boolean {
  return message.type === 'reply' && message.ok && typeof message.value === 'object' && message.value !== null && 'schemaVersion' in message.value;
}

/**
 * Starts the app on a fresh data dir with the engine's reply that `held` picks kept back until the
 * returned `release` is called, as a slow check or a slow open of a large store would be.
 */
function startHolding(defer: (cleanup: () => unknown) => void, held: (message: FromEngine) => boolean, splashAfterMs: number) {
  const { dir, cleanup } = tempDataDir('newsroom-splash-');
  defer(cleanup);
  const distDir = path.join(dir, 'dist');
  fs.mkdirSync(path.join(distDir, 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(distDir, 'renderer', 'index.html'), '<!doctype html><title>Newsroom</title>');
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const electron = createElectronStub({
    userData: path.join(dir, 'userData'),
    engineMessages: (message, deliver) => {
      if (held(message)) void released.then(() => deliver(message));
      else deliver(message);
    },
  });
  const running = startApp(electron, { distDir, env: {}, platform: 'linux', dictionariesDir: SHIPPED_DICTIONARIES_DIR, splashAfterMs });
  defer(() => stopEngine(running));
  return { electron, running, release };
}

/** The store states the window was told, in order. */
function statusesSentTo(contents: { sent: unknown[][] }): () => string[] {
  return () => contents.sent.filter(([name]) => name === 'store:status').map(([, s]) => (s as StoreStatus).state);
}

describe('the start-up splash', () => {
  it('opens the window on the check’s progress while the check runs; calls wait for the store, and the same window carries on', async ({ defer }) => {
    // The check's answer is held, as a slow check of a large store would be.
    const { electron, running, release: finishCheck } = startHolding(defer, isCheckReply, 0);
    await expect.poll(() => electron.windows.length, { timeout: 30_000 }).toBe(1);
    const contents = electron.windows[0]!.webContents;
    const statuses = statusesSentTo(contents);
    expect(statuses()).toEqual(['starting']);
    await expect.poll(() => contents.sent.filter(([name]) => name === 'job:progress').map(([, p]) => (p as JobProgress).job), { timeout: 60_000 }).toContain('start-check');
    // The page loads again (or late): it is told the state it missed.
    contents.emit('did-finish-load');
    expect(statuses()).toEqual(['starting', 'starting']);

    // The window asks for the desk while the store is still being checked: the call waits.
    let answered = false;
    const listing = (electron.ipcMain.invoke('story:list', contents.ipcEvent(), {}) as Promise<InvokeResult<'story:list'>>).then((answer) => {
      answered = true;
      return answer;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);

    finishCheck();
    await running.ready;
    expect(await listing).toMatchObject({ ok: true, value: { total: 0 } });
    expect(statuses()).toEqual(['starting', 'starting', 'ready']);
    expect(electron.windows).toHaveLength(1);
    expect(running.mainWindow()).toBe(electron.windows[0]);
  });

  it('also opens on the splash when the check is quick but opening the store is long (converting an archive at its first start)', async ({ defer }) => {
    const { electron, running, release: finishOpen } = startHolding(defer, isOpenReply, 1000);
    // The check of a new store answers long before the splash is due; the splash comes while the open is held.
    await expect.poll(() => electron.windows.length, { timeout: 30_000 }).toBe(1);
    const contents = electron.windows[0]!.webContents;
    const statuses = statusesSentTo(contents);
    expect(statuses()).toEqual(['starting']);
    finishOpen();
    await running.ready;
    expect(statuses()).toEqual(['starting', 'ready']);
    expect(running.mainWindow()).toBe(electron.windows[0]);
  });
});
