/**
 * Newsroom's Electron main process, given the Electron API it runs on (the real module in the app,
 * a recording stub in the tests): one instance per data dir, one locked-down window serving the
 * renderer from app://newsroom, and the engine (the store and the services) in a utilityProcess of
 * its own. Main never opens the database: it relays the contract's channels to the engine behind a
 * sender check, shows the dialogs the engine asks for, streams photos the engine names, and closes
 * the engine only after the window has flushed its unsaved text.
 */
import path from 'node:path';
import { NewsroomError } from '../../common/errors.js';
import { resolveDataDir } from '../dataDir.js';
import { startEngineHost, type EngineHost, type SpawnEngine } from '../engine/host.js';
import type { StartCheck } from '../services/backups.js';
import { desktopDialogs } from './dialogs.js';
import type { AppWindow, ElectronApi } from './electronApi.js';
import { electronEngine } from './engineProcess.js';
import { registerIpc } from './ipc.js';
import { closeAfterFlush, type FlushGate } from './lifecycle.js';
import { menuTemplate } from './menu.js';
import { registerAppScheme, serveMedia, serveRenderer } from './protocol.js';
import { openPackageFile, packagePathsIn } from './packageFiles.js';
import { denyAllPermissions, lockDownContents } from './security.js';
import { attachContextMenu, installShippedDictionaries, useShippedDictionaries } from './spelling.js';
import { bringToFront, openMainWindow } from './window.js';

export interface StartOptions {
  /** The folder holding preload.cjs and renderer/ (app/dist). */
  distDir: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The command line, where Windows and Linux pass a double-clicked package. */
  argv?: string[];
  /** The folder holding the shipped spelling dictionaries (.bdic); app/dictionaries by default. */
  dictionariesDir?: string;
  /** How the engine is started; by default Electron's utilityProcess with app/dist/engine.cjs. */
  engine?: SpawnEngine;
  /**
   * When the start-up check (and opening the store) takes longer than this, the window opens
   * early on a splash with the check's progress, so the app never looks dead (default 700 ms).
   */
  splashAfterMs?: number;
}

export interface RunningApp {
  /** Settles once the window is open, or once the app has decided to quit instead. */
  ready: Promise<void>;
  dataDir: string;
  /** Settles once the background daily backup started at launch is over (at once if none). */
  backgroundWork(): Promise<void>;
  mainWindow(): AppWindow | null;
  /** The engine holding the store, or null before it is open and after it is closed. */
  engine(): EngineHost | null;
}

export function startApp(electron: ElectronApi, options: StartOptions): RunningApp {
  const { app } = electron;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const dictionariesDir = options.dictionariesDir ?? path.join(options.distDir, '..', 'dictionaries');

  registerAppScheme(electron.protocol);

  // NEWSROOM_DATA_DIR makes a separate newsroom: its own browser profile and its own
  // single-instance lock (Electron keys the lock on userData), so a test run never meets the
  // reporter's running app.
  const userData = app.getPath('userData');
  const dataDir = resolveDataDir(undefined, env, userData);
  if (dataDir !== userData) app.setPath('userData', dataDir);

  let engine: EngineHost | null = null;
  let mainWindow: AppWindow | null = null;
  let flushGate: FlushGate | null = null;
  let quitting = false;
  /** The daily backup while it runs: the store must not close under it. */
  let dailyBackup: Promise<void> | null = null;

  if (!app.requestSingleInstanceLock()) {
    // The running instance gets 'second-instance' and comes to the front.
    app.quit();
    return { ready: Promise.resolve(), dataDir, backgroundWork: () => Promise.resolve(), mainWindow: () => null, engine: () => null };
  }
  // Before Chromium's spellchecker starts: it then finds the dictionary and downloads nothing.
  installShippedDictionaries(dictionariesDir, app.getPath('sessionData'), platform);

  const openWindow = (): void => {
    const window = openMainWindow(electron, { preloadPath: path.join(options.distDir, 'preload.cjs'), dataDir });
    mainWindow = window;
    flushGate = closeAfterFlush(window);
    attachContextMenu(window.webContents, electron);
    window.on('closed', () => {
      if (mainWindow === window) {
        mainWindow = null;
        flushGate = null;
      }
      // Holding the close for the flush cancelled a quit in progress (Electron's rule): resume it.
      if (quitting) app.quit();
    });
  };

  // Story packages opened by double click or file association: argv on Windows and Linux
  // (also of a second launch), 'open-file' on macOS. Opened once the window is up.
  const pendingPackages: string[] = packagePathsIn(options.argv ?? process.argv);
  const openPendingPackages = (): void => {
    if (engine === null || mainWindow === null) return;
    const open = engine;
    for (const file of pendingPackages.splice(0)) {
      void openPackageFile(open, file).then(
        () => mainWindow?.webContents.send('package:opened'),
        (error: unknown) => electron.dialog.showErrorBox('The story package was not opened', error instanceof Error ? error.message : String(error)),
      );
    }
  };
  app.on('open-file', (event, file) => {
    event.preventDefault();
    pendingPackages.push(file);
    openPendingPackages();
  });
  app.on('second-instance', (_event, argv) => {
    if (mainWindow !== null) bringToFront(mainWindow);
    pendingPackages.push(...packagePathsIn(argv));
    openPendingPackages();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, electron.shell));
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (engine !== null && mainWindow === null) openWindow();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  /** Set while the engine closes at quit; the quit goes ahead once it has. */
  let engineClosing: Promise<void> | null = null;
  let engineClosed = false;
  app.on('will-quit', (event) => {
    if (engineClosed || (engine === null && engineClosing === null)) return;
    // The engine closes the store after its background work (a running daily backup would be
    // broken off half-written); then the app quits again (Electron: a prevented will-quit keeps
    // the app up). Another quit meanwhile waits for the same close.
    event.preventDefault();
    if (engineClosing !== null) return;
    const closing = engine;
    engine = null;
    const resume = (): void => {
      engineClosed = true;
      dailyBackup = null;
      app.quit();
    };
    engineClosing = (closing?.close() ?? Promise.resolve()).then(resume, resume);
  });

  const ready = app
    .whenReady()
    .then(async () => {
      const host = startEngineHost({
        spawn: options.engine ?? electronEngine(electron.utilityProcess, path.join(options.distDir, 'engine.cjs')),
        dataDir,
        platform: desktopDialogs(electron, () => mainWindow !== null),
        // Progress, changed stories and the store's state go on to the window.
        onEvent: (name, payload) => mainWindow?.webContents.send(name, payload),
        keepInStepWithDesk: true,
      });
      // The window's side of the app: its protocols, its IPC relay and the window itself. Done
      // once: early behind a splash when the start-up check is slow, else once the store is open.
      let wired = false;
      const wireWindow = (): void => {
        if (wired) return;
        wired = true;
        denyAllPermissions(electron.session);
        useShippedDictionaries(electron.session, dictionariesDir, platform);
        serveRenderer(electron.protocol, path.join(options.distDir, 'renderer'));
        serveMedia(electron.protocol, { renditionFile: async (id, rendition) => (await host.request({ what: 'media-file', id, rendition })).file });
        registerIpc(electron.ipcMain, {
          engine: host,
          mainContentsId: () => mainWindow?.webContents.id ?? null,
          onFlushed: () => flushGate?.flushed(),
        });
      };
      let splash = false;
      const closeSplash = (): void => {
        if (!splash) return;
        splash = false;
        mainWindow?.close();
      };
      await host.started;
      // A large store's check reads every page (seconds): the window shows how far it is. Its
      // calls wait for the store to open (the host holds them).
      const splashTimer = setTimeout(() => {
        if (quitting) return;
        splash = true;
        wireWindow();
        openWindow();
        const contents = mainWindow?.webContents;
        const tell = () => contents?.send('store:status', host.status());
        tell();
        contents?.on('did-finish-load', tell);
      }, options.splashAfterMs ?? 700);
      try {
        // A quick integrity check first: a damaged store is explained and, if the reporter agrees,
        // replaced by the newest good backup (the damaged file is kept aside, never deleted).
        const check = await host.request({ what: 'check', dataDir });
        // The splash also covers opening the store (the first start of a large archive converts
        // its stories), but never stands behind a dialog.
        if (check.state !== 'ok') clearTimeout(splashTimer);
        if (check.state === 'read-only' && !openForReading(electron, check.problem)) {
          closeSplash();
          await host.close();
          app.quit();
          return;
        }
        if (check.state === 'damaged') {
          closeSplash();
          const restored = await offerRestore(electron, check, () => host.request({ what: 'restore-newest', dataDir }));
          if (!restored) {
            await host.close();
            app.quit();
            return;
          }
        }
        try {
          await host.open();
        } catch (error) {
          closeSplash();
          await host.close();
          if (!(error instanceof NewsroomError)) throw error;
          explainUnopenableStore(electron, error, dataDir);
          app.quit();
          return;
        }
      } finally {
        clearTimeout(splashTimer);
      }
      engine = host;
      // Logout, restart or shutdown (macOS, Linux). Left alone, Electron closes the window at
      // once, and our held close makes it answer the system "cancel": on macOS the logout is
      // aborted (shell/browser/mac/electron_application.mm, terminate:). Prevented, the system
      // waits; the page flushes, then the app quits with nothing left to hold.
      // Electron's typings omit the event, but the handler gets one (PowerMonitor::ShouldShutdown).
      electron.powerMonitor.on('shutdown', (event) => {
        event?.preventDefault();
        quitting = true;
        void (flushGate?.flushBeforeQuit() ?? Promise.resolve()).then(() => app.quit());
      });
      wireWindow();
      const template = menuTemplate({
        platform,
        isPackaged: app.isPackaged,
        send: (event) => mainWindow?.webContents.send(event),
        openPackage: () => {
          void electron.dialog
            .showOpenDialog({ title: 'Open a story package', properties: ['openFile', 'multiSelections'], filters: [{ name: 'Newsroom story package', extensions: ['newsroom'] }] })
            .then((chosen) => {
              if (chosen.canceled) return;
              pendingPackages.push(...chosen.filePaths);
              openPendingPackages();
            });
        },
      });
      electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
      // Behind a splash, the window is open already: the store's 'ready' took the splash away.
      if (mainWindow === null) openWindow();
      // The renderer asks for `package:last` when it starts, so a package opened before it
      // loaded is shown too.
      openPendingPackages();
      // A backup when the newest is over a day old, in the background: the reporter can write.
      dailyBackup = host.request({ what: 'daily-backup' }).then(
        () => undefined,
        (error: unknown) => {
          const message = `${error instanceof Error ? error.message : String(error)}\n\nYour stories are safe; check the disk has free space.`;
          // Never a dialog while the app is going away: it would hold up a logout or shutdown.
          if (quitting) console.error(`Newsroom could not make its daily backup: ${message}`);
          else electron.dialog.showErrorBox('Newsroom could not make its daily backup', message);
        },
      );
      const backup = dailyBackup;
      void backup.then(() => {
        if (dailyBackup === backup) dailyBackup = null;
      });
    })
    .catch((error: unknown) => {
      electron.dialog.showErrorBox(
        'Newsroom could not start',
        `${error instanceof Error ? error.message : String(error)}\n\nPlease report this to the newsroom's technical desk.`,
      );
      app.quit();
    });

  return {
    ready,
    dataDir,
    backgroundWork: async () => {
      await ready;
      await dailyBackup;
    },
    mainWindow: () => mainWindow,
    engine: () => engine,
  };
}

/** Explains a damaged store and offers the newest good backup; resolves to true once restored. */
async function offerRestore(electron: ElectronApi, check: Extract<StartCheck, { state: 'damaged' }>, restoreNewest: () => Promise<unknown>): Promise<boolean> {
  const backup = check.newestGoodBackup;
  if (backup === null) {
    electron.dialog.showErrorBox(
      'Newsroom cannot open its story database',
      `${check.problem}\n\nNo good backup was found. The damaged file has not been changed or deleted: ask the technical desk to look at it before anything else is written.`,
    );
    return false;
  }
  const choice = electron.dialog.showMessageBoxSync({
    type: 'error',
    title: 'Newsroom',
    message: 'The story database is damaged',
    detail: `${check.problem}\n\nNewsroom can put back the newest good backup, taken ${backup.takenAt}. The damaged file is kept aside, never deleted.`,
    buttons: [`Restore the backup from ${backup.takenAt.slice(0, 16).replace('T', ' ')}`, 'Quit'],
    defaultId: 0,
    cancelId: 1,
  });
  if (choice !== 0) return false;
  await restoreNewest();
  return true;
}

/**
 * A data folder Newsroom may not write to is not damage (issue 11): say what to check, offer the
 * stories for reading, and never a restore (which could not write either).
 */
function openForReading(electron: ElectronApi, problem: string): boolean {
  const choice = electron.dialog.showMessageBoxSync({
    type: 'warning',
    title: 'Newsroom',
    message: 'Newsroom can’t write to its data folder',
    detail: `${problem}\n\nYou can open your stories for reading; nothing you change can be saved until the folder is writable again. Fix the folder and start Newsroom again to write.`,
    buttons: ['Open for reading', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  return choice === 0;
}

/**
 * The store is damaged, newer than this app, or otherwise refused by db/open.ts (which has not
 * touched the file): say so and what to do, then quit. Never repair or replace it from here.
 */
function explainUnopenableStore(electron: ElectronApi, error: NewsroomError, dataDir: string): void {
  const message =
    error.code === 'database-too-new'
      ? 'Your stories were saved by a newer version of Newsroom.'
      : error.code === 'read-only'
        ? 'Newsroom can’t write to its data folder.'
        : error.code === 'database-unreadable'
        ? 'Newsroom cannot read the file that holds your stories.'
        : 'Newsroom cannot open the file that holds your stories.';
  const backup = typeof error.details?.backup === 'string' ? error.details.backup : null;
  const file = typeof error.details?.file === 'string' ? error.details.file : `the story database in ${dataDir}`;
  const recovery =
    backup === null
      ? ''
      : `\n\nTo carry on from the backup, move the damaged file aside and copy ${backup} to ${file}.`;
  electron.dialog.showMessageBoxSync({
    type: 'error',
    title: 'Newsroom',
    message,
    detail: `${error.message}${recovery}\n\nNewsroom will now quit.`,
    buttons: ['Quit'],
    defaultId: 0,
    noLink: true,
  });
}
