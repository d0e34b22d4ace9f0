/**
 * Where the electron package keeps its binary, found the way node_modules/electron/index.js finds
 * it (path.txt names the executable inside dist/) but without calling it: requiring 'electron'
 * when the binary is missing starts a download, which cannot work offline.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function installedElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const executable = fs.readFileSync(pathFile, 'utf8');
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(packageDir, 'dist');
  const binary = path.join(distDir, executable);
  return fs.existsSync(binary) ? binary : null;
}

export const NO_ELECTRON_BINARY =
  'Electron binary not installed (no network to download it): skipping the Electron smoke test';
