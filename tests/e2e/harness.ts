/**
 * Runs the real renderer in Chromium against the real engine, without Electron.
 *
 * `startNewsroomPage` starts the engine as the app does (the bundled entry, dist/engine.mjs, in a
 * process of its own) on a data dir (a temp one, or the one given), serves the built renderer
 * (app/dist/renderer) from 127.0.0.1 on a free port through the app's own app:// handler (same
 * files, same CSP and security headers), serves photos through the app's own newsroom-media://
 * handler asking the engine for the file, and opens a page whose `window.newsroom` is the app's own
 * bundled preload, its ipcRenderer relayed to the engine as Electron's IPC relays it (`engine.invoke({ origin: 'window' }, …)`): one code path,
 * not a mock of it. The engine's events (job progress, the store's state) reach the page as they
 * would from main. Tests set the scene through `newsroom`, a second connection on the same store
 * in this process, as another window or the CLI would; they can kill the engine (`engine.kill()`),
 * send main→renderer events (`emit('menu:new-story')`) and open more pages on the same store
 * (`openPage()`), as a second window would.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { WINDOW_FLUSHED } from '../../common/channels.js';
import { isEventName, type ChannelArg, type EventName } from '../../common/contract/index.js';
import type { EngineHost } from '../../main/engine/host.js';
import { createDoor, type Door } from '../../main/handlers.js';
import { openNewsroom, type Newsroom } from '../../main/newsroom.js';
import type { TestNewsroomOptions } from '../helpers/dataDir.js';
import { startTestEngine } from '../helpers/engine.js';
import { APP_HOST, APP_SCHEME, MEDIA_SCHEME, createMediaHandler, createRendererHandler } from '../../main/electron/protocol.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RENDERER_DIR = path.resolve(here, '../../app/dist/renderer');

/**
 * Serves the built renderer on 127.0.0.1 through the app's app:// handler: a request for
 * /assets/x.js is answered as app://newsroom/assets/x.js would be inside Electron.
 */
async function serveRenderer(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`The renderer is not built (${root}/index.html is missing): run \`npx vite build\` first`);
  }
  const handle = createRendererHandler(root);
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    handle(new Request(`${APP_SCHEME}://${APP_HOST}${pathname}`, { method: request.method ?? 'GET' }))
      .then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const PRELOAD_BUNDLE = path.resolve(here, '../../app/dist/preload.cjs');

/**
 * The app's own preload (app/dist/preload.cjs, as Electron loads it), run in the page over a fake
 * `electron` module: `contextBridge.exposeInMainWorld` defines the global, and `ipcRenderer` is
 * relayed through the page's two bindings to the engine. So e2e runs the preload's own channel and
 * event filter, not a copy of it. The CSP watcher is the harness's own.
 */
function bridgeScript(): string {
  if (!fs.existsSync(PRELOAD_BUNDLE)) {
    throw new Error(`The preload is not built (${PRELOAD_BUNDLE} is missing): run \`npm run build:main\` first`);
  }
  const preload = fs.readFileSync(PRELOAD_BUNDLE, 'utf8');
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, arg, options) => window.__newsroomInvoke(channel, arg, options),
    send: (channel) => { if (channel === ${JSON.stringify(WINDOW_FLUSHED)}) void window.__newsroomFlushed(); },
    on: (event, listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
    },
    removeListener: (event, listener) => { listeners.get(event)?.delete(listener); },
  };
  const contextBridge = {
    exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true }),
  };
  const require = (name) => {
    if (name !== 'electron') throw new Error('A sandboxed preload may require only electron, not ' + name);
    return { contextBridge, ipcRenderer };
  };
  (function (require, module, exports) {
${preload}
  })(require, { exports: {} }, {});
  Object.defineProperty(window, '__newsroomEmit', {
    value: (event, payload) => { for (const listener of listeners.get(event) ?? []) listener({}, payload); },
  });
  // Anything the page's CSP refuses is a bug: note it where the harness can read it.
  const violations = [];
  Object.defineProperty(window, '__newsroomCspViolations', { value: violations });
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' (' + event.sourceFile + ':' + event.lineNumber + ')');
  });
})();`;
}

export interface NewsroomPage {
  /** The first page, opened on the desk. */
  page: Page;
  /** The same store, opened in this process: for setting the scene and reading what was stored. */
  newsroom: Newsroom & { door: Door };
  /** The engine the page's calls are relayed to (kill() it to test a crash). */
  engine: EngineHost;
  dataDir: string;
  /** Where the renderer is served, e.g. http://127.0.0.1:40123/index.html. */
  url: string;
  /** Sends a main→renderer event (a menu command) to a page, the first one by default. */
  emit(event: EventName, page?: Page, payload?: unknown): Promise<void>;
  /** Sends `window:flush-request` and resolves when the renderer answers `flushed()`. */
  requestFlush(page?: Page): Promise<void>;
  /** Opens another window on the same store. */
  openPage(): Promise<Page>;
  /** Resolves when a page next calls `channel` (the call is on its way to the engine). */
  nextCall(channel: string): Promise<void>;
  /** Page errors, console errors and CSP violations seen so far, from every page. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

export interface StartOptions {
  browser: Browser;
  /** Open this data dir instead of a fresh temp one (which is removed on close). */
  dataDir?: string;
  /** Passed to `openNewsroom` here, and a `platform` whose file dialogs "choose" fixture files for the engine. */
  newsroomOptions?: TestNewsroomOptions;
  /**
   * A profile created (and so made current) before the page opens, so the window skips the
   * first-run "who are you?" screen. Without one the page opens on that screen.
   */
  profile?: ChannelArg<'profile:create'> | null;
}

/** Who works in a test's window unless the test says otherwise: a reporter with no byline of their own. */
export const TEST_PROFILE: ChannelArg<'profile:create'> = { name: 'Desk Tester', byline: '', roles: ['reporter'] };

export async function startNewsroomPage({ browser, dataDir, newsroomOptions, profile }: StartOptions): Promise<NewsroomPage> {
  const ownDir = dataDir === undefined;
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'));
  const { platform, ...openOptions } = newsroomOptions ?? {};
  // Opened here first, so the store is made and migrated before the engine opens it.
  const opened = openNewsroom(dir, openOptions);
  const newsroom = Object.assign(opened, { door: createDoor(opened, platform) });
  const pages: Page[] = [];
  const problems: string[] = [];
  const fixedNow = openOptions.now?.().toISOString();
  const engine = startTestEngine(dir, {
    ...(platform === undefined ? {} : { platform }),
    ...(fixedNow === undefined ? {} : { now: fixedNow }),
    // What main sends the window: job progress and the store's state, to every page.
    onEvent: (name, payload) => {
      if (!isEventName(name)) return;
      for (const p of pages) {
        if (!p.isClosed()) void p.evaluate(([event, data]) => (window as unknown as { __newsroomEmit(e: string, d: unknown): void }).__newsroomEmit(event, data), [name, payload] as const).catch(() => undefined);
      }
    },
  });
  let server: Awaited<ReturnType<typeof serveRenderer>> | undefined;
  let context: BrowserContext | undefined;
  const shutDown = async () => {
    await context?.close();
    await server?.close();
    await engine.close();
    newsroom.close();
    if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await engine.open();
    if (profile) {
      const created = await engine.invoke({ origin: 'test' }, 'profile:create', profile);
      if (!created.ok) throw new Error(`Could not create the test profile: ${created.error.message}`);
    }
    server = await serveRenderer(RENDERER_DIR);
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const flushWaiters = new Map<Page, Array<() => void>>();
    const callWaiters: { channel: string; resolve: () => void }[] = [];

    await context.exposeBinding('__newsroomInvoke', async (_source, channel: unknown, arg: unknown, options: unknown) => {
      const job = (options as { job?: unknown } | undefined)?.job;
      const answering = engine.invoke({ origin: 'window' }, channel as never, arg, typeof job === 'string' ? { job } : {});
      for (const waiter of callWaiters.filter((w) => w.channel === channel)) {
        callWaiters.splice(callWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const answer = await answering;
      if (!answer.ok && answer.error.code === 'internal') problems.push(`internal error in ${String(channel)}: ${answer.error.message}`);
      return answer;
    });
    await context.exposeBinding('__newsroomFlushed', ({ page }) => {
      const waiters = flushWaiters.get(page) ?? [];
      flushWaiters.delete(page);
      for (const resolve of waiters) resolve();
    });
    await context.addInitScript({ content: bridgeScript() });
    // Photos: Chromium does not know newsroom-media://, so the app's own handler answers for it,
    // with the file the engine names, as in the app.
    const media = createMediaHandler({ renditionFile: async (id, rendition) => (await engine.request({ what: 'media-file', id, rendition })).file });
    await context.route(new RegExp(`^${MEDIA_SCHEME}:`), async (route) => {
      const answer = await media(new Request(route.request().url(), { method: route.request().method() }));
      await route.fulfill({
        status: answer.status,
        headers: Object.fromEntries(answer.headers),
        body: Buffer.from(await answer.arrayBuffer()),
      });
    });

    const openPage = async (): Promise<Page> => {
      const page = await (context as BrowserContext).newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      await page.goto((server as { url: string }).url);
      pages.push(page);
      return page;
    };
    const page = await openPage();

    const first = (p?: Page) => p ?? page;
    const emit = async (event: EventName, target?: Page, payload?: unknown) => {
      if (!isEventName(event)) throw new Error(`${String(event)} is not an event in common/contract.ts`);
      await first(target).evaluate(([name, data]) => (window as unknown as { __newsroomEmit(e: string, d: unknown): void }).__newsroomEmit(name, data), [event, payload] as const);
    };

    return {
      page,
      newsroom,
      engine,
      dataDir: dir,
      url: server.url,
      emit,
      requestFlush: async (target) => {
        const p = first(target);
        const answered = new Promise<void>((resolve) => flushWaiters.set(p, [...(flushWaiters.get(p) ?? []), resolve]));
        await emit('window:flush-request', p);
        await answered;
      },
      openPage,
      nextCall: (channel) => new Promise<void>((resolve) => callWaiters.push({ channel, resolve })),
      problems: async () => {
        const csp: string[] = [];
        for (const p of pages) {
          if (p.isClosed()) continue;
          csp.push(...((await p.evaluate('[...window.__newsroomCspViolations]')) as string[]));
        }
        return [...problems, ...csp.map((v) => `CSP violation: ${v}`)];
      },
      close: shutDown,
    };
  } catch (error) {
    await shutDown();
    throw error;
  }
}

/**
 * Playwright's `test`, with `app`: a fresh newsroom and a page on it, closed after the test.
 * `test.use({ newsroomOptions: … })` passes options to `openNewsroom` (a fake file dialog, a clock);
 * `test.use({ profile: null })` opens on the first-run screen instead of as TEST_PROFILE.
 */
export const test = base.extend<{
  app: NewsroomPage;
  newsroomOptions: TestNewsroomOptions;
  profile: ChannelArg<'profile:create'> | null;
}>({
  newsroomOptions: [{}, { option: true }],
  profile: [TEST_PROFILE, { option: true }],
  app: async ({ browser, newsroomOptions, profile }, use) => {
    const app = await startNewsroomPage({ browser, newsroomOptions, profile });
    await use(app);
    await app.close();
  },
});

export { expect } from '@playwright/test';
