import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, vi } from 'vitest';
import { it } from '../helpers/electronStub.js';
import { START_URL } from '../../main/electron/protocol.js';
import { WINDOW_FLUSHED } from '../../common/channels.js';
import type { ElectronStub } from '../helpers/electronStub.js';

const temp = vi.hoisted(() => ({ dir: '' }));

// main.ts imports 'electron' itself: give it the stub, over a temp data dir and app folder.
vi.mock('electron', async () => {
  const { createElectronStub } = await import('../helpers/electronStub.js');
  const { tempDataDir: makeTemp } = await import('../helpers/dataDir.js');
  temp.dir = makeTemp('newsroom-entry-').dir;
  return createElectronStub({ userData: path.join(temp.dir, 'userData'), appPath: path.join(temp.dir, 'app') });
});

afterAll(() => fs.rmSync(temp.dir, { recursive: true, force: true }));

describe('main.ts, the Electron entry point', () => {
  it('starts Newsroom on the real Electron module, with the bundles of the app folder', async () => {
    vi.stubEnv('NEWSROOM_DATA_DIR', '');
    await import('../../main/electron/main.js');
    const electron = (await import('electron')) as unknown as ElectronStub;
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), { timeout: 30_000 });
    const window = electron.windows[0];
    if (window === undefined) throw new Error('no window');
    expect(window.options.webPreferences?.preload).toBe(path.join(temp.dir, 'app', 'dist', 'preload.cjs'));
    expect(window.loadedUrl).toBe(START_URL);
    expect(fs.existsSync(path.join(temp.dir, 'userData', 'newsroom.db'))).toBe(true);

    electron.app.quit();
    electron.ipcMain.emit(WINDOW_FLUSHED, window.webContents.ipcEvent());
    // The quit completes once the daily backup begun at launch has finished.
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true), { timeout: 20_000 });
    expect(fs.readdirSync(path.join(temp.dir, 'userData', 'backups')).some((name) => name.endsWith('-daily.db'))).toBe(true);
    vi.unstubAllEnvs();
  });
});
