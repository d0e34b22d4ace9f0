/**
 * The real Electron app, launched the way `npm start` launches it (`electron app`), for what only
 * a real binary shows: the bridge, the protocols, photos rendering, the window state, closing
 * while typing, and the spellchecker's suggestions. Skips, saying why, where no Electron binary is
 * installed (the build machines cannot download it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { Channel, ChannelArg, InvokeResult, NewsroomBridge } from '../../common/contract/index.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { dropFiles, pageFile } from '../e2e/photosDrop.js';
import { NO_ELECTRON_BINARY, installedElectronBinary } from './electronBinary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The one runtime skip allowed: without the binary there is nothing to launch.
test.skip(installedElectronBinary() === null, NO_ELECTRON_BINARY);

let dataDir: string;
test.beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-electron-smoke-'));
});
test.afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Running {
  app: ElectronApplication;
  page: Page;
}

async function launch(): Promise<Running> {
  // No executablePath: Playwright then resolves the electron package's binary itself and adds
  // its loader; the skip above makes sure that resolution cannot start a download.
  const app = await electron.launch({ args: ['app'], cwd: root, env: { ...process.env, NEWSROOM_DATA_DIR: dataDir } });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

function invoke<C extends Channel>(page: Page, channel: C, arg: ChannelArg<C>): Promise<InvokeResult<C>> {
  return page.evaluate(
    ([c, a]) => (window as unknown as { newsroom: NewsroomBridge }).newsroom.invoke(c as Channel, a as never),
    [channel, arg] as const,
  ) as Promise<InvokeResult<C>>;
}

async function value<C extends Channel>(page: Page, channel: C, arg: ChannelArg<C>) {
  const result = await invoke(page, channel, arg);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/** Closes the window as the reporter does, and waits for the app to have quit. */
async function closeWindowAndWait(app: ElectronApplication): Promise<void> {
  const exited = app.waitForEvent('close');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await exited;
}

async function newStory(page: Page): Promise<void> {
  await page.getByTestId('new-story').click();
  await expect(page.getByTestId('story-view')).toBeVisible();
}

test('Newsroom starts in Electron, and a story created in its window is stored and read back', async () => {
  const { app, page } = await launch();
  try {
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

    const created = await value(page, 'story:create', { fields: { headline: 'Smoke test: the river bridge reopens' } });
    const read = await invoke(page, 'story:get', { id: created.id });
    expect(read).toMatchObject({ ok: true, value: { id: created.id, headline: 'Smoke test: the river bridge reopens' } });
    expect(await invoke(page, 'app:info', undefined)).toMatchObject({ ok: true, value: { dataDir } });
    expect(fs.existsSync(path.join(dataDir, 'newsroom.db'))).toBe(true);
  } finally {
    await app.close();
  }
});

test('a photo dropped into a story renders in the window (newsroom-media:// from app://newsroom)', async () => {
  const { app, page } = await launch();
  try {
    await newStory(page);
    await page.getByTestId('story-body').click();
    await page.keyboard.type('The statue was cleaned by volunteers.');
    await dropFiles(page.getByTestId('story-body'), [pageFile(fixturePhoto('iptc-agency-photographer-example.jpg'))]);
    const image = page.getByTestId('photo').locator('img');
    await expect(image).toHaveAttribute('src', /^newsroom-media:\/\/photo\/[0-9a-f]{64}\//);
    // Decoded, so served, allowed by the CSP and not blocked as cross-origin.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});

test('a window last closed maximized opens maximized, once it has rendered', async () => {
  fs.writeFileSync(path.join(dataDir, 'window-state.json'), JSON.stringify({ x: 60, y: 40, width: 900, height: 640, maximized: true }));
  const { app, page } = await launch();
  try {
    await expect(page.getByTestId('new-story')).toBeVisible();
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => {
        const window = BrowserWindow.getAllWindows()[0];
        return window ? { maximized: window.isMaximized(), visible: window.isVisible() } : null;
      }))
      .toEqual({ maximized: true, visible: true });
    // Un-maximized it returns to the size it had.
    const normal = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getNormalBounds());
    expect(normal).toMatchObject({ width: 900, height: 640 });
  } finally {
    await app.close();
  }
});

test('closing the window while typing keeps the last words for the next start', async () => {
  const first = await launch();
  let id: string;
  try {
    await newStory(first.page);
    await first.page.getByTestId('headline').fill('Late vote on the bridge');
    await first.page.getByTestId('story-body').click();
    await first.page.keyboard.type('The council voted at midnight');
    id = decodeURIComponent(new URL(first.page.url()).hash.replace('#/story/', ''));
    // No wait for "Saved": the close itself must flush.
  } catch (error) {
    await first.app.close();
    throw error;
  }
  await closeWindowAndWait(first.app);

  const second = await launch();
  try {
    const story = await value(second.page, 'story:get', { id });
    expect(story.headline).toBe('Late vote on the bridge');
    expect(story.body).toContain('The council voted at midnight');
  } finally {
    await second.app.close();
  }
});

test('right-clicking a misspelled word offers the dictionary’s suggestions, with no download', async () => {
  const { app, page } = await launch();
  try {
    // Count what the context menu is built with, by wrapping Electron's Menu in main.
    await app.evaluate(({ Menu }) => {
      const built: string[][] = [];
      (globalThis as unknown as { builtMenus: string[][] }).builtMenus = built;
      const original = Menu.buildFromTemplate.bind(Menu);
      Menu.buildFromTemplate = (template) => {
        built.push(template.map((item) => String(item.label ?? item.role ?? item.type ?? '')));
        return original(template);
      };
    });
    await newStory(page);
    await page.getByTestId('story-body').click();
    await page.keyboard.type('The goverment met on Tuesday. ');

    // The spellchecker marks the word once it has read it: right-click until it has.
    const word = page.getByTestId('story-body').getByText('goverment', { exact: false });
    await expect
      .poll(async () => {
        const params = app.evaluate(({ BrowserWindow }) =>
          new Promise<{ misspelledWord: string; dictionarySuggestions: string[] }>((resolve) => {
            BrowserWindow.getAllWindows()[0]?.webContents.once('context-menu', (_event, p) =>
              resolve({ misspelledWord: p.misspelledWord, dictionarySuggestions: p.dictionarySuggestions }),
            );
          }),
        );
        await word.click({ button: 'right', position: { x: 12, y: 6 } });
        return params;
      }, { timeout: 20_000 })
      .toMatchObject({ misspelledWord: 'goverment', dictionarySuggestions: expect.arrayContaining(['government']) });

    const menus = await app.evaluate(() => (globalThis as unknown as { builtMenus: string[][] }).builtMenus);
    expect(menus.at(-1)).toEqual(expect.arrayContaining(['government', 'Add to Dictionary', 'Cut', 'Copy', 'Paste']));
    if (process.platform !== 'darwin') {
      // Chromium found the shipped dictionary and fetched nothing.
      expect(fs.readdirSync(path.join(dataDir, 'Dictionaries'))).toContain('en-US-10-1.bdic');
    }
  } finally {
    await app.close();
  }
});
