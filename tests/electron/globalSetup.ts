/**
 * Before the Electron smoke test: the bundles must be built, and better-sqlite3 must sit in
 * app/node_modules built for Electron's Node (main.cjs resolves it from there; the copy in the
 * root node_modules is built for plain Node and would not load). Nothing to do without a binary:
 * the test skips.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedElectronBinary } from './electronBinary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function globalSetup(): void {
  if (installedElectronBinary() === null) return;
  for (const bundle of ['app/dist/main.cjs', 'app/dist/preload.cjs']) {
    if (!fs.existsSync(path.join(root, bundle))) {
      throw new Error(`${bundle} is missing: run \`npm run build\` first (npm run test:electron does).`);
    }
  }
  if (fs.existsSync(path.join(root, 'app/node_modules/better-sqlite3'))) return;
  const result = spawnSync('npx', ['electron-builder', 'install-app-deps'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    throw new Error(
      'electron-builder install-app-deps failed, so better-sqlite3 is not built for Electron: run it by hand to see why.',
    );
  }
}
