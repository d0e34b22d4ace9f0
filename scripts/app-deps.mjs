// Before `npm start` (and the Electron smoke test): app/node_modules must hold the app's runtime
// dependencies (app/package.json) with their native addons built for Electron, not for Node.
//
// `electron-builder install-app-deps` does that, but always the whole way: with two package.json
// files it runs a full `npm install` in app/ (contacting the registry) and rebuilds. So it runs
// only when needed:
//   - app/node_modules is missing, or lacks a dependency at the version app/package.json names
//     (the first start after `npm install`, or after app/package.json changed);
//   - a native addon there is built for another ABI than the installed Electron's (after `npm
//     rebuild` for Node, or an Electron upgrade), or was never built at all.
// Otherwise it says so and does nothing, so a second start works offline and at once.
//
// The ABI an addon was built for is read from the addon itself: a (non-N-API) addon exports
// `node_register_module_v<ABI>`. Electron's ABI comes from node-abi, as @electron/rebuild (which
// install-app-deps runs) finds it; where node-abi does not know this Electron yet, the record
// this script writes after each rebuild (app/node_modules/.newsroom-electron.json) stands in.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
export const STAMP_FILE = '.newsroom-electron.json';

/** The ABI a native addon was built for, or null for an N-API addon (which runs on any). */
export function addonAbi(bytes) {
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return match ? match[1] : null;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function addonsIn(dir) {
  const found = [];
  const walk = (current) => {
    let entries;
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.node')) found.push(full);
    }
  };
  walk(dir);
  return found;
}

/** What is in app/: the dependencies it asks for, what is installed, and the addons built. */
export function inspectApp(appDir) {
  const declared = readJson(path.join(appDir, 'package.json'))?.dependencies ?? {};
  const modules = path.join(appDir, 'node_modules');
  const packages = {};
  for (const name of Object.keys(declared)) {
    const dir = path.join(modules, ...name.split('/'));
    const pkg = readJson(path.join(dir, 'package.json'));
    packages[name] = pkg === null
      ? null
      : {
          version: pkg.version,
          // A package with a binding.gyp builds an addon at install; the ones it has built:
          buildsAddon: fs.existsSync(path.join(dir, 'binding.gyp')),
          addons: addonsIn(dir)
            .filter((file) => !path.relative(dir, file).split(path.sep).includes('node_modules'))
            .map((file) => ({ file: path.relative(appDir, file), abi: addonAbi(fs.readFileSync(file)) })),
        };
  }
  return { declared, installed: fs.existsSync(modules), packages, stamp: readJson(path.join(modules, STAMP_FILE)) };
}

const isExactVersion = (spec) => /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec);

/**
 * Must install-app-deps run? `app` is what inspectApp found; `electron` the installed Electron's
 * version and ABI (null when node-abi does not know it). Returns the reason it must, or null.
 */
export function rebuildReason(app, electron) {
  if (!app.installed) return 'app/node_modules is missing (the first start after an install)';
  for (const [name, spec] of Object.entries(app.declared)) {
    const pkg = app.packages[name];
    if (pkg == null) return `${name} is not installed in app/node_modules`;
    if (isExactVersion(spec) && pkg.version !== spec) return `app/node_modules has ${name} ${pkg.version}, app/package.json asks for ${spec}`;
    if (pkg.buildsAddon && pkg.addons.length === 0) return `${name} has no addon built`;
    for (const addon of pkg.addons) {
      if (addon.abi === null) continue;
      if (electron.abi !== null && addon.abi !== electron.abi) {
        return `${addon.file} is built for ABI ${addon.abi}; Electron ${electron.version} needs ABI ${electron.abi}`;
      }
    }
  }
  if (electron.abi === null && app.stamp?.electronVersion !== electron.version) {
    return `the addons were last built for Electron ${app.stamp?.electronVersion ?? '(never)'}, not ${electron.version}`;
  }
  return null;
}

/** The installed Electron's version, and its ABI as node-abi (the one @electron/rebuild uses) knows it. */
export async function installedElectron(projectDir = root) {
  const version = readJson(path.join(projectDir, 'node_modules', 'electron', 'package.json'))?.version;
  if (typeof version !== 'string') throw new Error('The electron package is not installed: run `npm install` first.');
  let abi;
  try {
    const fromBuilder = createRequire(createRequire(path.join(projectDir, 'package.json')).resolve('electron-builder'));
    const fromRebuild = createRequire(fromBuilder.resolve('app-builder-lib'));
    const nodeAbi = fromRebuild.resolve('@electron/rebuild');
    const { getAbi } = await import(pathToFileURL(createRequire(nodeAbi).resolve('node-abi')).href);
    abi = getAbi(version, 'electron');
  } catch {
    abi = null;
  }
  return { version, abi };
}

function installAppDeps() {
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
  const result = spawnSync(bin, ['install-app-deps'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

export async function ensureAppDeps() {
  const appDir = path.join(root, 'app');
  const electron = await installedElectron();
  const reason = rebuildReason(inspectApp(appDir), electron);
  if (reason === null) {
    console.log(`app/node_modules is built for Electron ${electron.version}: nothing to rebuild.`);
    return;
  }
  console.log(`Building the app's native dependencies for Electron ${electron.version}: ${reason}.`);
  const after = installAppDeps() ? inspectApp(appDir) : null;
  const still = after === null ? 'electron-builder install-app-deps failed (its output above says why)' : rebuildReason({ ...after, stamp: { electronVersion: electron.version } }, electron);
  if (still !== null) {
    throw new Error(
      `${still}. Newsroom's window cannot open its store without better-sqlite3 built for Electron. ` +
        'Where no prebuilt better-sqlite3 exists for this Electron, it is compiled: that needs Python 3 and a C++ toolchain ' +
        '(build-essential on Debian/Ubuntu, Xcode Command Line Tools on macOS, Visual Studio Build Tools on Windows). ' +
        'The first time it also needs the network, for the packages and for Electron\'s headers. Then run `npm start` again.',
    );
  }
  const abis = [...new Set(Object.values(after.packages).flatMap((pkg) => pkg?.addons ?? []).map((addon) => addon.abi).filter((abi) => abi !== null))];
  fs.writeFileSync(path.join(appDir, 'node_modules', STAMP_FILE), `${JSON.stringify({ electronVersion: electron.version, abi: electron.abi ?? abis[0] ?? null }, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureAppDeps().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
