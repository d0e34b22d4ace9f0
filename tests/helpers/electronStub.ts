/**
 * A stand-in for the `electron` module, which cannot run here (no Electron binary). It behaves
 * like Electron where our code depends on it (events, close/preventDefault, quit being cancelled
 * by a held close) and records everything our code asked for, so tests can assert it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { it as base } from 'vitest';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindowConstructorOptions, CustomScheme, MenuItemConstructorOptions, MessageBoxSyncOptions, Rectangle } from 'electron';
import type { Channel, ChannelArg, ChannelResult, InvokeResult } from '../../common/contract/index.js';
import type { ContextMenuRequest, ElectronApi, IpcSenderEvent, WebFrame } from '../../main/electron/electronApi.js';
import { startApp, type RunningApp } from '../../main/electron/startApp.js';
import { tempDataDir } from './dataDir.js';
import { ENGINE_BUNDLE } from './engine.js';
import type { FromEngine } from '../../main/engine/protocol.js';

/** The spelling dictionaries the app ships (app/dictionaries), which every stubbed start installs. */
export const SHIPPED_DICTIONARIES_DIR = path.resolve(import.meta.dirname, '../../app/dictionaries');

export class StubEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface StubOptions {
  /** What requestSingleInstanceLock() answers; true unless another instance "runs". */
  gotLock?: boolean;
  userData?: string;
  appPath?: string;
  workAreas?: Rectangle[];
  isPackaged?: boolean;
  /**
   * Fault injection between the engine and main: sees each message the engine sends and decides
   * when (and whether, and as what) main gets it. By default every message goes through at once.
   */
  engineMessages?: (message: FromEngine, deliver: (message: FromEngine) => void) => void;
}

let nextContentsId = 1;

export class StubWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: { url: string; parent: WebFrame | null } = { url: '', parent: null };
  /** Every (channel, ...args) sent to the page. */
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  destroyed = false;
  crashed = false;
  /** Every word a suggestion replaced the misspelling with. */
  readonly replacedMisspellings: string[] = [];

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  sentChannels(): string[] {
    return this.sent.map(([channel]) => channel as string);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isCrashed(): boolean {
    return this.crashed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits will-navigate as Electron would; true if our code let the navigation go ahead. */
  navigate(url: string): boolean {
    const event = Object.assign(new StubEvent(), { url, isMainFrame: true });
    this.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  }
  /** Emits will-frame-navigate for the main frame or an iframe; true if our code let it go ahead. */
  frameNavigate(url: string, isMainFrame: boolean): boolean {
    const event = Object.assign(new StubEvent(), { url, isMainFrame, isSameDocument: false, frame: null });
    this.emit('will-frame-navigate', event);
    return !event.defaultPrevented;
  }
  /** The reporter right-clicks: Electron's context-menu event, with the page's answer to it. */
  rightClick(params: Partial<ContextMenuRequest> = {}): void {
    const request: ContextMenuRequest = {
      isEditable: false,
      selectionText: '',
      misspelledWord: '',
      dictionarySuggestions: [],
      ...params,
      editFlags: {
        canUndo: false,
        canRedo: false,
        canCut: false,
        canCopy: false,
        canPaste: false,
        canDelete: false,
        canSelectAll: false,
        canEditRichly: false,
        ...params.editFlags,
      },
    };
    this.emit('context-menu', new StubEvent(), request);
  }
  replaceMisspelling(text: string): void {
    this.replacedMisspellings.push(text);
  }
  /** Emits will-attach-webview; true if our code let the webview attach. */
  attachWebview(): boolean {
    const event = new StubEvent();
    this.emit('will-attach-webview', event, {}, {});
    return !event.defaultPrevented;
  }
  /** An IPC event as if sent by this page's main frame, or by a frame at `url` inside it. */
  ipcEvent(frame: { url?: string; subframe?: boolean; gone?: boolean } = {}): IpcSenderEvent {
    if (frame.gone === true) return { sender: this, senderFrame: null };
    const url = frame.url ?? this.mainFrame.url;
    return { sender: this, senderFrame: frame.subframe === true ? { url, parent: this.mainFrame } : { url, parent: null } };
  }
}

export type StubWindow = InstanceType<ElectronStub['BrowserWindow']>;

export function createElectronStub(options: StubOptions = {}) {
  // The window class is declared below; its type is usable here already.
  const windows: BrowserWindow[] = [];

  class StubApp extends EventEmitter {
    readonly isPackaged = options.isPackaged ?? false;
    readonly paths: Record<string, string> = { userData: options.userData ?? '/nonexistent/Newsroom' };
    /** Like Electron: sessionData follows userData unless it was set itself. */
    sessionDataSet = false;
    quitRequests = 0;
    /** Set once Electron would have exited: quit was not cancelled by a held window close. */
    quitted = false;
    /** userData at each requestSingleInstanceLock(): Electron keys the lock on it. */
    readonly lockRequests: string[] = [];

    requestSingleInstanceLock(): boolean {
      this.lockRequests.push(this.paths.userData as string);
      return options.gotLock ?? true;
    }
    whenReady(): Promise<void> {
      return Promise.resolve();
    }
    getAppPath(): string {
      return options.appPath ?? '/nonexistent/app';
    }
    getPath(name: 'userData' | 'sessionData'): string {
      return (this.paths[name] ?? this.paths.userData) as string;
    }
    setPath(name: 'userData', value: string): void {
      this.paths[name] = value;
    }
    /** Like Electron: before-quit, then every window is asked to close; a held close cancels the quit. */
    quit(): void {
      this.quitRequests += 1;
      if (this.quitted) return;
      const event = new StubEvent();
      this.emit('before-quit', event);
      if (event.defaultPrevented) return;
      for (const window of windows.filter((w) => !w.isDestroyed())) window.close();
      if (windows.some((w) => !w.isDestroyed())) return;
      const willQuit = new StubEvent();
      this.emit('will-quit', willQuit);
      // A prevented will-quit keeps the app running; it quits when quit() is called again.
      if (willQuit.defaultPrevented) return;
      this.quitted = true;
    }
  }
  const app = new StubApp();

  class BrowserWindow extends EventEmitter {
    readonly webContents = new StubWebContents();
    loadedUrl: string | null = null;
    bounds: Rectangle;
    maximized = false;
    minimized = false;
    visible = false;
    focusCount = 0;
    destroyed = false;

    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
      windows.push(this);
      app.emit('web-contents-created', new StubEvent(), this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
    }
    show(): void {
      this.visible = true;
    }
    focus(): void {
      this.focusCount += 1;
    }
    restore(): void {
      this.minimized = false;
    }
    minimize(): void {
      this.minimized = true;
    }
    /** Like Electron: maximizing also shows the window. */
    maximize(): void {
      this.maximized = true;
      this.visible = true;
      this.emit('maximize');
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    getNormalBounds(): Rectangle {
      return { ...this.bounds };
    }
    /** The user drags the window. */
    moveTo(x: number, y: number): void {
      this.bounds = { ...this.bounds, x, y };
      this.emit('move');
    }
    /** The user resizes the window. */
    resizeTo(width: number, height: number): void {
      this.bounds = { ...this.bounds, width, height };
      this.emit('resize');
    }
    /** Like Electron: 'close' may be prevented; otherwise the window goes, 'closed' follows. */
    close(): void {
      if (this.destroyed) return;
      const event = new StubEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
      if (windows.every((w) => w.isDestroyed())) app.emit('window-all-closed');
    }
  }

  class IpcMainStub extends EventEmitter {
    readonly handlers = new Map<string, (event: IpcSenderEvent, arg: unknown, options?: unknown) => unknown>();
    handle(channel: string, listener: (event: IpcSenderEvent, arg: unknown, options?: unknown) => unknown): void {
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, listener);
    }
    /** What ipcRenderer.invoke(channel, arg[, options]) from `event`'s sender would get back. */
    async invoke(channel: string, event: IpcSenderEvent, arg?: unknown, ...options: unknown[]): Promise<unknown> {
      const handler = this.handlers.get(channel);
      if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
      return handler(event, arg, ...options);
    }
  }

  const recorded = {
    privilegedSchemes: [] as CustomScheme[],
    protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    menus: [] as Array<StubMenu | null>,
    /** Every menu popped up (the context menus), in order. */
    popups: [] as StubMenu[],
    messageBoxes: [] as MessageBoxSyncOptions[],
    errorBoxes: [] as Array<{ title: string; content: string }>,
    openDialogs: [] as Array<{ properties: string[]; filters?: { name: string; extensions: string[] }[] }>,
    nextOpenDialogPaths: [] as string[],
    saveDialogs: [] as Array<{ defaultPath?: string }>,
    nextSavePath: null as string | null,
    openedExternally: [] as string[],
    permissionRequestHandler: null as
      | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void)
      | null,
    permissionCheckHandler: null as ((contents: unknown, permission: string) => boolean) | null,
    /** Every URL given to setSpellCheckerDictionaryDownloadURL. */
    dictionaryDownloadUrls: [] as string[],
    spellCheckerLanguages: [] as string[][],
    wordsAddedToDictionary: [] as string[],
    /** Every engine process started, with the module path and options our code gave. */
    utilityForks: [] as Array<{ modulePath: string; options: { serviceName: string; stdio: string }; process: UtilityChildStub }>,
  };

  class StubMenu {
    constructor(readonly template: MenuItemConstructorOptions[]) {}
    popup(): void {
      recorded.popups.push(this);
    }
    /** The labels shown, separators as '-', roles by name, as the reporter reads the menu. */
    labels(): string[] {
      return this.template.map((item) => (item.type === 'separator' ? '-' : (item.label ?? item.role ?? '?')));
    }
    /** Clicks the item with that label. */
    click(label: string): void {
      const item = this.template.find((entry) => entry.label === label);
      if (item?.click === undefined) throw new Error(`No item "${label}" to click in ${JSON.stringify(this.labels())}`);
      (item.click as () => void)();
    }
  }

  /**
   * utilityProcess.fork, run for real: the path our code asked for is recorded, and the engine is
   * the Node bundle (dist/engine.mjs; the app's engine.cjs is built for Electron's ABI).
   */
  class UtilityChildStub extends EventEmitter {
    readonly child: ChildProcess;
    constructor(readonly modulePath: string) {
      super();
      this.child = fork(ENGINE_BUNDLE, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const deliver = (message: FromEngine) => this.emit('message', message);
      this.child.on('message', (message) => (options.engineMessages ?? ((m, d) => d(m)))(message as FromEngine, deliver));
      this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal === null ? 0 : 1)));
    }
    postMessage(message: unknown): void {
      if (this.child.connected) this.child.send(message as never);
    }
    kill(): boolean {
      return this.child.kill('SIGKILL');
    }
  }

  class PowerMonitorStub extends EventEmitter {
    /** The system is logging out or shutting down; true if our code asked to delay it. */
    shutdown(): boolean {
      const event = new StubEvent();
      this.emit('shutdown', event);
      return event.defaultPrevented;
    }
  }

  const electron = {
    app,
    BrowserWindow,
    ipcMain: new IpcMainStub(),
    protocol: {
      registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
        recorded.privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
        recorded.protocolHandlers.set(scheme, handler);
      },
    },
    Menu: {
      buildFromTemplate(template: MenuItemConstructorOptions[]): StubMenu {
        return new StubMenu(template);
      },
      setApplicationMenu(menu: StubMenu | null): void {
        recorded.menus.push(menu);
      },
    },
    dialog: {
      showMessageBoxSync(box: MessageBoxSyncOptions): number {
        recorded.messageBoxes.push(box);
        return 0;
      },
      showErrorBox(title: string, content: string): void {
        recorded.errorBoxes.push({ title, content });
      },
      /** Answers with `recorded.nextOpenDialogPaths`, as if the reporter picked those files. */
      async showOpenDialog(options: { properties: string[]; filters?: { name: string; extensions: string[] }[] }) {
        recorded.openDialogs.push(options);
        const filePaths = recorded.nextOpenDialogPaths;
        return { canceled: filePaths.length === 0, filePaths };
      },
      async showSaveDialog(options: { defaultPath?: string }) {
        recorded.saveDialogs.push(options);
        return recorded.nextSavePath === null ? { canceled: true } : { canceled: false, filePath: recorded.nextSavePath };
      },
    },
    shell: {
      async openExternal(url: string): Promise<void> {
        recorded.openedExternally.push(url);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler(handler: typeof recorded.permissionRequestHandler): void {
          recorded.permissionRequestHandler = handler;
        },
        setPermissionCheckHandler(handler: typeof recorded.permissionCheckHandler): void {
          recorded.permissionCheckHandler = handler;
        },
        setSpellCheckerDictionaryDownloadURL(url: string): void {
          // Electron throws on an invalid URL; so does the stub.
          new URL(url);
          recorded.dictionaryDownloadUrls.push(url);
        },
        setSpellCheckerLanguages(languages: string[]): void {
          recorded.spellCheckerLanguages.push([...languages]);
        },
        addWordToSpellCheckerDictionary(word: string): boolean {
          recorded.wordsAddedToDictionary.push(word);
          return true;
        },
      },
    },
    powerMonitor: new PowerMonitorStub(),
    screen: {
      getAllDisplays: () => (options.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1080 }]).map((workArea) => ({ workArea })),
    },
    utilityProcess: {
      fork(modulePath: string, _args: string[], forkOptions: { serviceName: string; stdio: string }): UtilityChildStub {
        const child = new UtilityChildStub(modulePath);
        recorded.utilityForks.push({ modulePath, options: forkOptions, process: child });
        return child;
      },
    },
  } satisfies ElectronApi;

  return Object.assign(electron, { recorded, windows });
}

export type ElectronStub = ReturnType<typeof createElectronStub>;

/**
 * Vitest's `it` for the Electron glue: `startApp(options?)` runs startApp on the stub with a real
 * engine and a temp data dir, and `defer(fn)` queues clean-up; both are undone after the test, in
 * reverse order, whatever happened.
 */
export const it = base.extend<{ defer: (fn: () => unknown) => void; startApp: (options?: Parameters<typeof startStubbedApp>[0]) => Promise<StubbedApp> }>({
  defer: async ({ task: _task }, use) => {
    const undo: (() => unknown)[] = [];
    await use((fn) => undo.push(fn));
    while (undo.length > 0) await undo.pop()?.();
  },
  startApp: async ({ defer }, use) => {
    await use(async (options) => {
      const app = await startStubbedApp(options);
      defer(app.cleanup);
      return app;
    });
  },
});

/** Lets pending promise callbacks (a handler's async reply, a flush) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface StubbedApp {
  electron: ElectronStub;
  running: RunningApp;
  dataDir: string;
  /** The folder given as app/dist: holds renderer/index.html. */
  distDir: string;
  window: StubWindow;
  contents: StubWebContents;
  /** Calls a channel as the window's page would: through the IPC relay to the engine. */
  call<C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>>;
  /** Ends the engine (as quitting does) and removes the temp folders. */
  cleanup: () => Promise<void>;
}

/** Ends a stubbed app's engine, as quitting does: the store closes, the process exits. */
export async function stopEngine(running: RunningApp): Promise<void> {
  await running.engine()?.close();
}

/**
 * startApp on the stub, with a real store in a fresh temp data dir (as Electron's userData) and a
 * tiny built renderer; resolves once the window is open.
 */
export async function startStubbedApp(
  options: StubOptions & { platform?: NodeJS.Platform; dataDir?: string; argv?: string[]; dictionariesDir?: string } = {},
): Promise<StubbedApp> {
  const temp = tempDataDir('newsroom-electron-');
  const dataDir = options.dataDir ?? path.join(temp.dir, 'userData');
  const distDir = path.join(temp.dir, 'dist');
  fs.mkdirSync(path.join(distDir, 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(distDir, 'renderer', 'index.html'), '<!doctype html><title>Newsroom</title>');
  const electron = createElectronStub({ userData: dataDir, ...options });
  const running = startApp(electron, {
    distDir,
    env: {},
    platform: options.platform ?? 'linux',
    argv: options.argv ?? ['electron'],
    dictionariesDir: options.dictionariesDir ?? SHIPPED_DICTIONARIES_DIR,
  });
  await running.ready;
  const window = electron.windows[0];
  if (window === undefined) throw new Error('startApp opened no window');
  return {
    electron,
    running,
    dataDir,
    distDir,
    window,
    contents: window.webContents,
    async call(channel, arg) {
      const result = (await electron.ipcMain.invoke(channel, window.webContents.ipcEvent(), arg)) as InvokeResult<typeof channel>;
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    },
    cleanup: async () => {
      // The daily backup started at launch writes into the data dir: let it finish before the dir goes.
      await running.backgroundWork().catch(() => undefined);
      await stopEngine(running);
      temp.cleanup();
    },
  };
}
