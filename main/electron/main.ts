/**
 * Electron's entry point (bundled to app/dist/main.cjs): hands the real Electron API to startApp.
 * The compiler checks here that Electron fits the `ElectronApi` shape the tests stub.
 */
import path from 'node:path';
import * as electron from 'electron';
import { startApp } from './startApp.js';

const { app } = electron;
// app.getAppPath() is the app folder (app/, or app.asar once packaged); the bundles sit in its dist/.
// The spelling dictionaries are real files beside the asar once packaged (electron-builder.yml,
// extraResources), so the file: URL the spellchecker is given leads to them; app/dictionaries in
// development.
startApp(electron, {
  distDir: path.join(app.getAppPath(), 'dist'),
  dictionariesDir: app.isPackaged ? path.join(process.resourcesPath, 'dictionaries') : path.join(app.getAppPath(), 'dictionaries'),
});
