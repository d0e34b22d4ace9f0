/**
 * Before the Electron smoke test: the bundles must be built, and better-sqlite3 must sit in
 * app/node_modules built for Electron's Node (main.cjs resolves it from there; the copy in the
 * root node_modules is built for plain Node and would not load). scripts/app-deps.mjs rebuilds
 * only when that is not so already, as `npm start` does. Nothing to do without a binary: the
 * test skips.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- a plain ES module script, shared with `npm start` (node scripts/app-deps.mjs)
import { ensureAppDeps } from '../../scripts/app-deps.mjs';
import { NO_ELECTRON_BINARY, installedElectronBinary } from './electronBinary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function globalSetup(): Promise<void> {
  if (installedElectronBinary() === null) {
    console.log(NO_ELECTRON_BINARY);
    return;
  }
  for (const bundle of ['app/dist/main.cjs', 'app/dist/preload.cjs']) {
    if (!fs.existsSync(path.join(root, bundle))) {
      throw new Error(`${bundle} is missing: run \`npm run build\` first (npm run test:electron does).`);
    }
  }
  await (ensureAppDeps as () => Promise<void>)();
}
