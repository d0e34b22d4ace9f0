/**
 * The part of Electron the app uses, and nothing more. `startApp` takes it as an argument:
 * main.ts passes the real `electron` module (the compiler checks it fits this shape), and the
 * tests pass a stub that records what was asked of it, because the Electron binary cannot run
 * under Node. Only type imports from 'electron' here: loading the real module outside Electron
 * tries to download the binary.
 */
import type {
  BrowserWindowConstructorOptions,
  ContextMenuParams,
  CustomScheme,
  MenuItemConstructorOptions,
  MessageBoxSyncOptions,
  Rectangle,
} from 'electron';

export interface PreventableEvent {
  preventDefault(): void;
}

/** A frame of a page, as main sees it (Electron's WebFrameMain). */
export interface WebFrame {
  readonly url: string;
  /** null for a page's main frame; set for iframes. */
  readonly parent: WebFrame | null;
}

/** What main knows about who sent an IPC message (IpcMainEvent / IpcMainInvokeEvent). */
export interface IpcSenderEvent {
  readonly sender: { readonly id: number };
  /** null when the frame has navigated away or gone since it sent the message. */
  readonly senderFrame: WebFrame | null;
}

/** What the context menu needs of a right-click (Electron's ContextMenuParams). */
export type ContextMenuRequest = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'>;

/** A menu built from a template: the application menu, or a context menu to pop up. */
export interface BuiltMenu {
  /** Shows the menu at the pointer, in the focused window. */
  popup(): void;
}

export interface PageContents {
  readonly id: number;
  readonly mainFrame: WebFrame;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  isCrashed(): boolean;
  on(event: 'will-navigate', listener: (event: PreventableEvent & { readonly url: string }) => void): unknown;
  /** Any frame, the main frame or an iframe, is about to navigate. */
  on(
    event: 'will-frame-navigate',
    listener: (event: PreventableEvent & { readonly url: string; readonly isMainFrame: boolean }) => void,
  ): unknown;
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuRequest) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  /** The page finished loading (a reload too): main tells it what it missed, such as the store's state. */
  on(event: 'did-finish-load', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
  /** Replaces the misspelled word under the caret with a suggestion. */
  replaceMisspelling(text: string): void;
}

export interface AppWindow {
  readonly webContents: PageContents;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'resize', listener: () => void): unknown;
  on(event: 'move', listener: () => void): unknown;
  on(event: 'maximize', listener: () => void): unknown;
  on(event: 'unmaximize', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  close(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  /** The bounds the window returns to when un-maximized: what we remember. */
  getNormalBounds(): Rectangle;
}

export interface ElectronApi {
  app: {
    readonly isPackaged: boolean;
    requestSingleInstanceLock(): boolean;
    whenReady(): Promise<void>;
    getAppPath(): string;
    /** sessionData holds Chromium's own files, among them the Dictionaries folder. */
    getPath(name: 'userData' | 'sessionData'): string;
    setPath(name: 'userData', path: string): void;
    quit(): void;
    on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
    /** macOS: a file was opened with the app (double click, drag onto the Dock icon). */
    on(event: 'open-file', listener: (event: { preventDefault(): void }, path: string) => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: PageContents) => void): unknown;
    on(event: 'window-all-closed', listener: () => void): unknown;
    on(event: 'activate', listener: () => void): unknown;
    on(event: 'before-quit', listener: () => void): unknown;
    /** May be prevented: the app then stays up until quit() is called again. */
    on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
  };
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => AppWindow;
  protocol: {
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  ipcMain: {
    handle(channel: string, listener: (event: IpcSenderEvent, arg: unknown, options?: unknown) => unknown): void;
    on(channel: string, listener: (event: IpcSenderEvent) => void): unknown;
  };
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): BuiltMenu;
    setApplicationMenu(menu: BuiltMenu | null): void;
  };
  dialog: {
    showMessageBoxSync(options: MessageBoxSyncOptions): number;
    showErrorBox(title: string, content: string): void;
    showOpenDialog(
      options: { title?: string; properties: ('openFile' | 'openDirectory' | 'createDirectory' | 'multiSelections')[]; filters?: { name: string; extensions: string[] }[] },
    ): Promise<{ canceled: boolean; filePaths: string[] }>;
    showSaveDialog(options: { title?: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
  };
  shell: {
    openExternal(url: string): Promise<void>;
  };
  session: {
    readonly defaultSession: {
      setPermissionRequestHandler(
        handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
      ): void;
      setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
      /** Where Chromium fetches a Hunspell dictionary it does not have (Windows and Linux). */
      setSpellCheckerDictionaryDownloadURL(url: string): void;
      setSpellCheckerLanguages(languages: string[]): void;
      addWordToSpellCheckerDictionary(word: string): boolean;
    };
  };
  /** Usable only once the app is ready. */
  powerMonitor: {
    /**
     * The system is logging out, restarting or shutting down (macOS, Linux). Prevented, the app
     * quits itself once its work is safe, instead of Electron closing the windows at once.
     */
    on(event: 'shutdown', listener: (event?: PreventableEvent) => void): unknown;
  };
  screen: {
    getAllDisplays(): Array<{ readonly workArea: Rectangle }>;
  };
  /** Starts the engine in a process of its own (https://www.electronjs.org/docs/latest/api/utility-process). */
  utilityProcess: {
    fork(modulePath: string, args: string[], options: { serviceName: string; stdio: 'inherit' | 'pipe' | 'ignore' }): UtilityChild;
  };
}

/** A utilityProcess child as the engine host uses it. */
export interface UtilityChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}
