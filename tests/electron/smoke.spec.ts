import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { Channel, ChannelArg, InvokeResult, NewsroomBridge } from '../../common/contract/index.js';
import { NO_ELECTRON_BINARY, installedElectronBinary } from './electronBinary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('Newsroom starts in Electron, and a story created in its window is stored and read back', async () => {
  // The one runtime skip allowed: without the binary there is nothing to launch.
  test.skip(installedElectronBinary() === null, NO_ELECTRON_BINARY);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-electron-smoke-'));
  // No executablePath: Playwright then resolves the electron package's binary itself and adds
  // its loader; the check above makes sure that resolution cannot start a download.
  const app = await electron.launch({ args: ['app'], cwd: root, env: { ...process.env, NEWSROOM_DATA_DIR: dataDir } });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('app://newsroom/index.html');

    // The page sees the bridge, and nothing of Node or Electron.
    expect(
      await page.evaluate(() => ({
        bridge: Object.keys((window as unknown as { newsroom: object }).newsroom).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      })),
    ).toEqual({ bridge: ['flushed', 'invoke', 'on'], require: 'undefined', process: 'undefined' });

    // Our own pages carry the Content-Security-Policy.
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");

    const invoke = <C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<InvokeResult<C>> =>
      page.evaluate(
        ([c, a]) => (window as unknown as { newsroom: NewsroomBridge }).newsroom.invoke(c as Channel, a as never),
        [channel, arg] as const,
      ) as Promise<InvokeResult<C>>;

    const created = await invoke('story:create', { fields: { headline: 'Smoke test: the river bridge reopens' } });
    if (!created.ok) throw new Error(created.error.message);
    const read = await invoke('story:get', { id: created.value.id });
    expect(read).toMatchObject({ ok: true, value: { id: created.value.id, headline: 'Smoke test: the river bridge reopens' } });
    expect(await invoke('app:info', undefined)).toMatchObject({ ok: true, value: { dataDir } });
    expect(fs.existsSync(path.join(dataDir, 'newsroom.db'))).toBe(true);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
