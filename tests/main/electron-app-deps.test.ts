import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script, shared with `npm start` (node scripts/app-deps.mjs)
import { STAMP_FILE, addonAbi, inspectApp, installedElectron, rebuildReason } from '../../scripts/app-deps.mjs';
import { ROOT } from '../helpers/builderConfig.js';
import { tempDataDir } from '../helpers/dataDir.js';

interface Electron {
  version: string;
  abi: string | null;
}
const decide = rebuildReason as (app: unknown, electron: Electron) => string | null;
const inspect = inspectApp as (appDir: string) => unknown;

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

const ELECTRON: Electron = { version: '45.5.0', abi: '150' };
const DECLARED = { 'better-sqlite3': '12.11.1', sharp: '0.35.5', 'dictionary-en': '4.0.0' };

/** An app/ folder as install-app-deps would leave it, with the addon built for `abi`. */
function appFolder(options: { installed?: boolean; abi?: string | null; versions?: Record<string, string>; stamp?: object } = {}): string {
  const { dir, cleanup } = tempDataDir('newsroom-app-deps-');
  cleanups.push(cleanup);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'newsroom', dependencies: DECLARED }));
  if (options.installed === false) return dir;
  for (const [name, version] of Object.entries({ ...DECLARED, ...options.versions })) {
    const pkg = path.join(dir, 'node_modules', name);
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name, version }));
  }
  const sqlite = path.join(dir, 'node_modules', 'better-sqlite3');
  fs.writeFileSync(path.join(sqlite, 'binding.gyp'), '{}');
  if (options.abi !== null) {
    fs.mkdirSync(path.join(sqlite, 'build', 'Release'), { recursive: true });
    // What an addon built by node-gyp exports for the runtime it was built against.
    fs.writeFileSync(path.join(sqlite, 'build', 'Release', 'better_sqlite3.node'), `\x7fELF...node_register_module_v${options.abi ?? ELECTRON.abi}\0...`);
  }
  if (options.stamp) fs.writeFileSync(path.join(dir, 'node_modules', STAMP_FILE), JSON.stringify(options.stamp));
  return dir;
}

describe('npm start rebuilds the app’s native dependencies only when needed', () => {
  it('does nothing when app/node_modules is built for this Electron: a second start stays offline', () => {
    expect(decide(inspect(appFolder()), ELECTRON)).toBeNull();
  });

  it('installs when app/node_modules is missing: the first start after an install', () => {
    expect(decide(inspect(appFolder({ installed: false })), ELECTRON)).toMatch(/app\/node_modules is missing/);
  });

  it('installs when a dependency is not at the version app/package.json names', () => {
    expect(decide(inspect(appFolder({ versions: { sharp: '0.34.0' } })), ELECTRON)).toBe('app/node_modules has sharp 0.34.0, app/package.json asks for 0.35.5');
  });

  it('rebuilds an addon built for Node (or another Electron), naming both ABIs', () => {
    expect(decide(inspect(appFolder({ abi: '115' })), ELECTRON)).toBe(
      `${path.join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')} is built for ABI 115; Electron 45.5.0 needs ABI 150`,
    );
  });

  it('rebuilds when the addon was never built', () => {
    expect(decide(inspect(appFolder({ abi: null })), ELECTRON)).toBe('better-sqlite3 has no addon built');
  });

  it('where node-abi does not know this Electron, goes by the Electron of the last rebuild', () => {
    const unknown = { version: '99.0.0', abi: null };
    expect(decide(inspect(appFolder({ abi: '170', stamp: { electronVersion: '99.0.0', abi: '170' } })), unknown)).toBeNull();
    expect(decide(inspect(appFolder({ abi: '170', stamp: { electronVersion: '98.1.0', abi: '168' } })), unknown)).toMatch(/last built for Electron 98\.1\.0, not 99\.0\.0/);
    expect(decide(inspect(appFolder({ abi: '170' })), unknown)).toMatch(/last built for Electron \(never\)/);
  });

  it('reads the ABI from a real addon: the root better-sqlite3, built for this Node', () => {
    const addon = fs.readFileSync(path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    expect(addonAbi(addon)).toBe(process.versions.modules);
    // sharp's addon uses N-API: no ABI of its own, nothing to rebuild.
    const sharpAddon = fs.readdirSync(path.join(ROOT, 'node_modules', '@img'))
      .map((name) => path.join(ROOT, 'node_modules', '@img', name, 'lib'))
      .filter((dir) => fs.existsSync(dir))
      .flatMap((dir) => fs.readdirSync(dir).filter((file) => file.endsWith('.node')).map((file) => path.join(dir, file)))[0];
    expect(sharpAddon).toBeDefined();
    expect(addonAbi(fs.readFileSync(sharpAddon as string))).toBeNull();
  });

  it('knows the installed Electron and its ABI, which differs from Node’s', async () => {
    const electron = (await installedElectron()) as Electron;
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'));
    expect(electron.version).toBe(pkg.version);
    expect(electron.abi).toMatch(/^\d+$/);
    expect(electron.abi).not.toBe(process.versions.modules);
  });

  it('app/package.json names exact versions, which app/package-lock.json pins with everything they need', () => {
    const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app', 'package.json'), 'utf8'));
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'app', 'package-lock.json'), 'utf8'));
    for (const [name, version] of Object.entries(app.dependencies as Record<string, string>)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
    expect(lock.packages[''].dependencies).toEqual(app.dependencies);
  });
});
