/**
 * The one Newsroom window: sandboxed, context-isolated, no Node in the page, only the preload's
 * bridge (https://www.electronjs.org/docs/latest/tutorial/security), reopened where it was left.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../dataDir.js';
import type { AppWindow, ElectronApi } from './electronApi.js';
import { START_URL } from './protocol.js';
import {
  DEFAULT_WINDOW_STATE,
  MIN_HEIGHT,
  MIN_WIDTH,
  fitToDisplays,
  readWindowState,
  windowStateFile,
  writeWindowState,
  type WindowState,
} from './windowState.js';

/** Moves and resizes come in bursts while dragging: write the file once the burst is over. */
const SAVE_STATE_DELAY_MS = 500;

export function mainWindowOptions(preloadPath: string, state: WindowState): BrowserWindowConstructorOptions {
  return {
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: PRODUCT_NAME,
    // Shown on 'ready-to-show', so the reporter never sees a blank white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
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
    },
  };
}

/** Saves the window's bounds after it moves or resizes, and at once when it closes. */
export function rememberWindowState(window: AppWindow, file: string): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    // Normal bounds: a maximized window remembers the size it returns to, plus the flag.
    const { x, y, width, height } = window.getNormalBounds();
    writeWindowState(file, { x, y, width, height, maximized: window.isMaximized() });
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_STATE_DELAY_MS);
  };
  window.on('move', saveSoon);
  window.on('resize', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
  window.on('closed', () => clearTimeout(timer));
}

export interface MainWindowOptions {
  preloadPath: string;
  dataDir: string;
}

export function openMainWindow(electron: Pick<ElectronApi, 'BrowserWindow' | 'screen'>, options: MainWindowOptions): AppWindow {
  const file = windowStateFile(options.dataDir);
  const workAreas = electron.screen.getAllDisplays().map((display) => display.workArea);
  const state = fitToDisplays(readWindowState(file) ?? DEFAULT_WINDOW_STATE, workAreas);
  const window = new electron.BrowserWindow(mainWindowOptions(options.preloadPath, state));
  rememberWindowState(window, file);
  // maximize() also shows the window, so it waits for the first paint like show() does; until
  // then the window is hidden and its normal bounds are the remembered ones.
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.loadURL(START_URL).catch((error: unknown) => {
    console.error(`Newsroom could not load ${START_URL}:`, error);
  });
  return window;
}

/** A second launch brings the open window forward instead of opening another. */
export function bringToFront(window: AppWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
