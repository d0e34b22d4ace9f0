/**
 * Electron's entry point (bundled to app/dist/main.cjs): hands the real Electron API to startApp.
 * The compiler checks here that Electron fits the `ElectronApi` shape the tests stub.
 */
import path from 'node:path';
import * as electron from 'electron';
import { startApp } from './startApp.js';

// app.getAppPath() is the app folder (app/, or app.asar once packaged); the bundles sit in its dist/.
startApp(electron, { distDir: path.join(electron.app.getAppPath(), 'dist') });
