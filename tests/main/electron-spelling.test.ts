import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { DICTIONARIES_FOLDER, SHIPPED_DICTIONARIES } from '../../main/electron/spelling.js';
import { SHIPPED_DICTIONARIES_DIR, it, stopEngine } from '../helpers/electronStub.js';
import { tempDataDir } from '../helpers/dataDir.js';



const BDIC = SHIPPED_DICTIONARIES['en-US'] as string;
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('the shipped dictionary', () => {
  it('is a sound Chromium .bdic: signature, version 2, offsets inside the file, digest of its contents', () => {
    const bytes = fs.readFileSync(path.join(SHIPPED_DICTIONARIES_DIR, BDIC));
    // third_party/hunspell/google/bdict.h: "BDic", major and minor version, the aff and dic
    // offsets, then the MD5 of everything after the 32-byte header (what BDict::Verify checks first).
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('BDic');
    expect(bytes.readUInt16LE(4)).toBe(2);
    const affOffset = bytes.readUInt32LE(8);
    const dicOffset = bytes.readUInt32LE(12);
    expect(affOffset).toBe(32);
    expect(dicOffset).toBeGreaterThan(affOffset);
    expect(dicOffset).toBeLessThan(bytes.length);
    expect(crypto.createHash('md5').update(bytes.subarray(32)).digest('hex')).toBe(bytes.subarray(16, 32).toString('hex'));
  });

  it('was made from the dictionary-en the copy desk uses, as installed now', () => {
    const record = JSON.parse(fs.readFileSync(path.join(SHIPPED_DICTIONARIES_DIR, `${BDIC}.json`), 'utf8'));
    const packageDir = path.dirname(createRequire(import.meta.url).resolve('dictionary-en'));
    const installed = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    // If this fails after updating dictionary-en: run `node scripts/make-dictionary.mjs` and commit.
    expect(record.source).toEqual({
      package: 'dictionary-en',
      version: installed.version,
      aff: sha256(fs.readFileSync(path.join(packageDir, 'index.aff'))),
      dic: sha256(fs.readFileSync(path.join(packageDir, 'index.dic'))),
    });
    expect(record.sha256).toBe(sha256(fs.readFileSync(path.join(SHIPPED_DICTIONARIES_DIR, BDIC))));
    expect(fs.existsSync(path.join(SHIPPED_DICTIONARIES_DIR, 'en-US.LICENSE.txt'))).toBe(true);
  });
});

describe('spelling without a download', () => {
  it.for(['linux', 'win32'] as const)('on %s, puts the dictionary where Chromium looks before the window opens', async (platform, { startApp, defer }) => {
    const { dir, cleanup } = tempDataDir();
    defer(cleanup);
    const { electron } = await startApp({ platform, dataDir: dir });
    const installed = path.join(electron.app.getPath('sessionData'), DICTIONARIES_FOLDER, BDIC);
    expect(fs.readFileSync(installed).equals(fs.readFileSync(path.join(SHIPPED_DICTIONARIES_DIR, BDIC)))).toBe(true);
    expect(electron.recorded.spellCheckerLanguages).toEqual([['en-US']]);
  });

  it('never lets Chromium fetch a dictionary from anywhere but the files shipped with the app', async ({ startApp }) => {
    const { electron } = await startApp({ platform: 'linux' });
    expect(electron.recorded.dictionaryDownloadUrls).toHaveLength(1);
    for (const url of electron.recorded.dictionaryDownloadUrls) {
      expect(new URL(url).protocol).toBe('file:');
      // Chromium appends the file name (lower-cased) to the base URL.
      expect(url.endsWith('/')).toBe(true);
      expect(fs.existsSync(path.join(fileURLToPath(url), BDIC))).toBe(true);
    }
  });

  it('replaces a damaged copy, and leaves a good one alone', async ({ startApp }) => {
    const first = await startApp({ platform: 'linux' });
    const installed = path.join(first.electron.app.getPath('sessionData'), DICTIONARIES_FOLDER, BDIC);
    await stopEngine(first.running);
    const stat = fs.statSync(installed);
    const again = await startApp({ platform: 'linux', dataDir: first.dataDir });
    await stopEngine(again.running);
    expect(fs.statSync(installed).mtimeMs).toBe(stat.mtimeMs);

    fs.writeFileSync(installed, 'BDic but cut short');
    await startApp({ platform: 'linux', dataDir: first.dataDir });
    expect(fs.readFileSync(installed).equals(fs.readFileSync(path.join(SHIPPED_DICTIONARIES_DIR, BDIC)))).toBe(true);
  });

  it('on macOS, where the system checks spelling, installs and sets nothing', async ({ startApp }) => {
    const { electron } = await startApp({ platform: 'darwin' });
    expect(fs.existsSync(path.join(electron.app.getPath('sessionData'), DICTIONARIES_FOLDER))).toBe(false);
    expect(electron.recorded.dictionaryDownloadUrls).toEqual([]);
    expect(electron.recorded.spellCheckerLanguages).toEqual([]);
  });
});

describe('the context menu', () => {
  it('offers the suggestions for a misspelled word and puts the chosen one in its place', async ({ startApp }) => {
    const { electron, contents } = await startApp();
    contents.rightClick({
      isEditable: true,
      misspelledWord: 'goverment',
      dictionarySuggestions: ['government', 'governments'],
      editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true } as never,
    });
    const menu = electron.recorded.popups.at(-1);
    expect(menu?.labels()).toEqual(['government', 'governments', '-', 'Add to Dictionary', '-', 'Cut', 'Copy', 'Paste', '-', 'Select All']);
    menu?.click('government');
    expect(contents.replacedMisspellings).toEqual(['government']);
  });

  it('adds a word to the dictionary, so a name the desk uses every day stops being underlined', async ({ startApp }) => {
    const { electron, contents } = await startApp();
    contents.rightClick({ isEditable: true, misspelledWord: 'Zelenskyy', dictionarySuggestions: [] });
    const menu = electron.recorded.popups.at(-1);
    expect(menu?.labels().slice(0, 3)).toEqual(['No spelling suggestions', '-', 'Add to Dictionary']);
    menu?.click('Add to Dictionary');
    expect(electron.recorded.wordsAddedToDictionary).toEqual(['Zelenskyy']);
  });

  it('offers cut, copy and paste in a field as the page allows them', async ({ startApp }) => {
    const { electron, contents } = await startApp();
    contents.rightClick({ isEditable: true, selectionText: 'river', editFlags: { canCut: true, canCopy: true, canPaste: false, canSelectAll: true } as never });
    const items = electron.recorded.popups.at(-1)?.template ?? [];
    expect(items.map((item) => [item.role, item.enabled])).toEqual([
      ['cut', true],
      ['copy', true],
      ['paste', false],
      [undefined, undefined],
      ['selectAll', true],
    ]);
  });

  it('offers Copy on selected text outside a field, and nothing at all on a blank spot', async ({ startApp }) => {
    const { electron, contents } = await startApp();
    contents.rightClick({ selectionText: 'Floods hit river villages', editFlags: { canCopy: true } as never });
    expect(electron.recorded.popups.at(-1)?.labels()).toEqual(['Copy']);
    contents.rightClick({});
    expect(electron.recorded.popups).toHaveLength(1);
  });
});
