// Makes the spelling dictionary the window ships with: app/dictionaries/en-US-10-1.bdic.
//
// Chromium (so Electron, on Windows and Linux) reads Hunspell dictionaries only in its own .bdic
// format, and would otherwise download them from Google. No npm package carries .bdic files, but
// Chromium's own converter (convert_dict) turns Hunspell's .aff/.dic into one, and checks every
// word of the result reads back. Debian packages it as `convert-bdic` (qt6-webengine-dev-tools:
// Qt WebEngine's build of the same tool): `apt-get install qt6-webengine-dev-tools`.
// Elsewhere, point NEWSROOM_CONVERT_DICT at a convert_dict binary.
//
// The source is the `dictionary-en` package the copy desk checks with, so the window and the copy
// desk agree on what is a word. Writes beside the .bdic a record of what it was made from, which
// tests/main/electron-spelling.test.ts checks against the installed package: when dictionary-en is
// updated, run `node scripts/make-dictionary.mjs` again and commit the result.
//
// The file name is Chromium's for en-US: the language and the dictionary version it expects
// (components/spellcheck/common/spellcheck_common.cc, `{"en-US", "-10-1"}`).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const LANGUAGE = 'en-US';
const BDIC = 'en-US-10-1.bdic';
const outDir = path.join(root, 'app', 'dictionaries');

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

function findConverter() {
  const candidates = [process.env.NEWSROOM_CONVERT_DICT, 'convert-bdic', 'qwebengine_convert_dict', '/usr/lib/qt6/libexec/qwebengine_convert_dict', 'convert_dict'];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      // Run without arguments, each prints its usage and exits non-zero: it exists if it ran at all.
      execFileSync(candidate, [], { stdio: 'ignore' });
      return candidate;
    } catch (error) {
      if (error.code !== 'ENOENT') return candidate;
    }
  }
  throw new Error(
    "Chromium's dictionary converter was not found. On Debian or Ubuntu: apt-get install qt6-webengine-dev-tools " +
      '(it provides convert-bdic); elsewhere set NEWSROOM_CONVERT_DICT to a convert_dict binary.',
  );
}

// The package exports only its entry point; its files sit beside it.
const packageDir = path.dirname(require.resolve('dictionary-en'));
const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const aff = fs.readFileSync(path.join(packageDir, 'index.aff'));
const dic = fs.readFileSync(path.join(packageDir, 'index.dic'));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-dictionary-'));
try {
  // The converter reads <name>.aff beside <name>.dic.
  fs.writeFileSync(path.join(work, `${LANGUAGE}.aff`), aff);
  fs.writeFileSync(path.join(work, `${LANGUAGE}.dic`), dic);
  const converter = findConverter();
  execFileSync(converter, [`${LANGUAGE}.dic`, BDIC], { cwd: work, stdio: ['ignore', 'inherit', 'inherit'] });
  const bdic = fs.readFileSync(path.join(work, BDIC));
  if (bdic.subarray(0, 4).toString('latin1') !== 'BDic') throw new Error(`${converter} did not write a .bdic file`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, BDIC), bdic);
  // The dictionary's licence travels with it (SCOWL and Hunspell terms, as dictionary-en ships them).
  fs.copyFileSync(path.join(packageDir, 'license'), path.join(outDir, `${LANGUAGE}.LICENSE.txt`));
  const record = {
    language: LANGUAGE,
    file: BDIC,
    source: { package: pkg.name, version: pkg.version, aff: sha256(aff), dic: sha256(dic) },
    sha256: sha256(bdic),
    madeWith: path.basename(converter),
  };
  fs.writeFileSync(path.join(outDir, `${BDIC}.json`), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`Wrote app/dictionaries/${BDIC} (${bdic.length} bytes) from ${pkg.name} ${pkg.version}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
