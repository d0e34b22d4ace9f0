/**
 * The sandboxed preload (bundled to app/dist/preload.cjs; a sandboxed preload may require only
 * 'electron'). It exposes exactly one object, `window.newsroom`, and never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './electron/bridge.js';

contextBridge.exposeInMainWorld('newsroom', createBridge(ipcRenderer));
