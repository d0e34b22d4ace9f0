import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, loadBuilderConfig, selectedBy } from '../helpers/builderConfig.js';

// Loading electron-builder's library takes seconds on a loaded machine: a wide bound, not a speed check.
const LOAD_TIMEOUT_MS = 120_000;

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
}, LOAD_TIMEOUT_MS);

/** The patterns of `files`, as electron-builder normalises them ({ filter: [...] }). */
function filePatterns(): string[] {
  const files = (config.files ?? []) as Array<string | { filter?: string | string[] }>;
  return files.flatMap((entry) => (typeof entry === 'string' ? [entry] : ([] as string[]).concat(entry.filter ?? [])));
}

/** Every file under a folder of the root node_modules, as 'node_modules/...' (app/node_modules has the same layout). */
function installedFiles(...packages: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(ROOT, full).split(path.sep).join('/'));
    }
  };
  for (const name of packages) walk(path.join(ROOT, 'node_modules', name));
  return out;
}

const NATIVE_BINARY = /\.(node|dylib|dll|so(\.\d+)*)$/;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema check', () => {
    // loadBuilderConfig validated it; a key in the wrong place would have thrown there.
    expect(config.appId).toBe('org.newsroom.desktop');
  });

  it('sets each Electron fuse to the value the security review chose, and no fuse untested', () => {
    // Every fuse the file sets is listed here; a new one fails this test until it is reviewed.
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    expect(config.asar).toBe(true);
  });

  it('leaves an unsigned Apple Silicon build launchable: the fuses’ change is ad-hoc signed again', () => {
    // Either the fuses re-sign ad hoc, or electron-builder signs ad hoc itself ("-"); skipping
    // signing (identity null) with neither would ship an app macOS refuses to open.
    const adHoc = config.electronFuses?.resetAdHocDarwinSignature === true || config.mac?.identity === '-';
    expect(adHoc).toBe(true);
    expect(config.mac?.identity).not.toBeNull();
  });

  it('builds a .deb on Linux, not an AppImage (which aborts on Ubuntu 23.10 and later)', () => {
    expect(config.linux?.target).toEqual(['deb']);
  });

  it('leaves source maps out of the installers and keeps the bundles in', () => {
    const app = ['dist/main.cjs', 'dist/main.cjs.map', 'dist/preload.cjs', 'dist/preload.cjs.map', 'dist/renderer/index.html', 'dist/renderer/assets/index-x1.js', 'dist/renderer/assets/index-x1.js.map', 'package.json'];
    expect(selectedBy(filePatterns(), app)).toEqual(['dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/assets/index-x1.js', 'package.json']);
  });

  it('packs only what better-sqlite3 runs with: lib/ and its addon, not its sources or build leftovers', () => {
    const files = installedFiles('better-sqlite3');
    // Node-module files pass every exclusion of `files` (electron-builder prepends "**/*").
    const packed = selectedBy(['**/*', ...filePatterns()], files);
    expect(packed).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(packed).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(packed).toContain('node_modules/better-sqlite3/package.json');
    const leftovers = packed.filter((file) => /\/(deps|src|obj|obj\.target)\/|Makefile|config\.gypi|test_extension/.test(file));
    expect(leftovers).toEqual([]);
  });

  it('unpacks from the asar exactly the native binaries: better-sqlite3’s addon, sharp’s and libvips', () => {
    const files = installedFiles('better-sqlite3', '@img');
    const packed = selectedBy(['**/*', ...filePatterns()], files);
    const unpacked = selectedBy(config.asarUnpack as string[], packed);
    expect(unpacked.length).toBeGreaterThanOrEqual(3);
    expect(unpacked.filter((file) => !NATIVE_BINARY.test(file))).toEqual([]);
    expect(packed.filter((file) => NATIVE_BINARY.test(file) && !unpacked.includes(file))).toEqual([]);
    expect(unpacked).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(unpacked.some((file) => /^node_modules\/@img\/sharp-[^/]+\/lib\/sharp-.*\.node$/.test(file))).toBe(true);
    expect(unpacked.some((file) => /^node_modules\/@img\/sharp-libvips-[^/]+\/lib\/libvips-cpp\./.test(file))).toBe(true);
  });

  it('ships the spelling dictionary as real files beside the asar', () => {
    expect(config.extraResources).toEqual([{ from: 'app/dictionaries', to: 'dictionaries', filter: ['*.bdic', '*.LICENSE.txt'] }]);
    expect(fs.readdirSync(path.join(ROOT, 'app', 'dictionaries')).filter((name) => name.endsWith('.bdic'))).not.toEqual([]);
  });
});

describe('the app icon', () => {
  const build = path.join(ROOT, 'build');

  it('comes from the one source image, as scripts/make-icons.mjs last made it', () => {
    const record = JSON.parse(fs.readFileSync(path.join(build, 'icons.json'), 'utf8'));
    // If this fails after editing build/icon.svg: run `node scripts/make-icons.mjs` and commit.
    expect(record.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(path.join(build, 'icon.svg'))).digest('hex'));
    expect(config.mac?.icon).toBe('build/icon.icns');
    expect(config.win?.icon).toBe('build/icon.ico');
    expect(config.linux?.icon).toBe('build/icons');
  });

  it('has a 1024 px PNG, and Linux sizes named as the icon theme wants them', async () => {
    expect(await sharp(path.join(build, 'icon.png')).metadata()).toMatchObject({ format: 'png', width: 1024, height: 1024 });
    for (const name of fs.readdirSync(path.join(build, 'icons'))) {
      const size = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
      expect(await sharp(path.join(build, 'icons', name)).metadata(), name).toMatchObject({ format: 'png', width: size, height: size });
    }
  });

  it('has a Windows .ico whose every entry is a PNG of the size its directory says, 256 included', async () => {
    const ico = fs.readFileSync(path.join(build, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i += 1) {
      const entry = 6 + 16 * i;
      const size = ico.readUInt8(entry) || 256;
      const data = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      expect(await sharp(data).metadata()).toMatchObject({ format: 'png', width: size, height: size });
      sizes.push(size);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('has a macOS .icns whose every element is a PNG of its type’s size, up to 1024', async () => {
    const icns = fs.readFileSync(path.join(build, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = { icp4: 16, icp5: 32, ic11: 32, icp6: 64, ic12: 64, ic07: 128, ic08: 256, ic13: 256, ic09: 512, ic14: 512, ic10: 1024 };
    const seen: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const type = icns.subarray(at, at + 4).toString('latin1');
      const data = icns.subarray(at + 8, at + icns.readUInt32BE(at + 4));
      expect(await sharp(data).metadata(), type).toMatchObject({ format: 'png', width: expected[type], height: expected[type] });
      seen.push(type);
    }
    expect(seen.sort()).toEqual(Object.keys(expected).sort());
  });
});
