/**
 * Spelling in the window, offline, with a context menu to act on it.
 *
 * On Windows and Linux Chromium checks spelling with Hunspell dictionaries in its own `.bdic`
 * format, and fetches a missing one from Google's CDN at start. Newsroom ships its dictionary
 * instead: `app/dictionaries/en-US-10-1.bdic`, made from the same Hunspell files the copy desk uses
 * (the `dictionary-en` package) by Chromium's own converter (scripts/make-dictionary.mjs). At start
 * it is put where Chromium looks first, `<sessionData>/Dictionaries/` (Electron's
 * DIR_APP_DICTIONARIES; chrome/browser/spellchecker/spellcheck_hunspell_dictionary.cc opens and
 * verifies the file there and downloads nothing). The download URL is pointed at the shipped
 * folder too, so even a deleted or damaged copy is never fetched from the network.
 * On macOS Chromium uses the system's spellchecker and downloads nothing; none of this applies.
 *
 * Electron has no context menu of its own: right-clicking a misspelled word offers Chromium's
 * suggestions (`dictionarySuggestions`), "Add to Dictionary", and cut, copy and paste
 * (https://www.electronjs.org/docs/latest/tutorial/spellchecker).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import type { ContextMenuRequest, ElectronApi, PageContents } from './electronApi.js';

/**
 * The languages Newsroom has a dictionary for, with Chromium's file name for each: the language
 * and the dictionary version Chromium expects for it (`GetVersionedFileName` in
 * components/spellcheck/common/spellcheck_common.cc). English is what the copy desk checks too.
 */
export const SHIPPED_DICTIONARIES: Readonly<Record<string, string>> = { 'en-US': 'en-US-10-1.bdic' };
export const DICTIONARIES_FOLDER = 'Dictionaries';

/** At most this many suggestions in the menu, as word processors show. */
const MAX_SUGGESTIONS = 6;

/** Does this platform check spelling with Hunspell dictionaries (and so download them)? */
export function usesHunspell(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

/**
 * Copies the shipped dictionaries into Chromium's Dictionaries folder, where they are found before
 * any download is tried. A copy already there with the same bytes is left alone; a different one
 * (an older Newsroom's, or a damaged file) is replaced. Runs before the window exists, so Chromium
 * never sees a half-written file. Returns the files it wrote.
 */
export function installShippedDictionaries(shippedDir: string, sessionDataDir: string, platform: NodeJS.Platform): string[] {
  if (!usesHunspell(platform)) return [];
  const target = path.join(sessionDataDir, DICTIONARIES_FOLDER);
  const written: string[] = [];
  for (const file of Object.values(SHIPPED_DICTIONARIES)) {
    const to = path.join(target, file);
    try {
      const bytes = fs.readFileSync(path.join(shippedDir, file));
      if (fs.existsSync(to) && fs.readFileSync(to).equals(bytes)) continue;
      fs.mkdirSync(target, { recursive: true });
      const temp = `${to}.${process.pid}.tmp`;
      fs.writeFileSync(temp, bytes);
      fs.renameSync(temp, to);
      written.push(to);
    } catch (error) {
      // No spelling underline is a nuisance, not a reason to refuse to start.
      console.error(`Newsroom could not install its spelling dictionary ${file} into ${target}; spelling will not be checked in the window:`, error);
    }
  }
  return written;
}

/**
 * Tells the session to use the shipped dictionaries: their languages, and their folder as the only
 * place a dictionary may be fetched from (a file: URL; never Google's CDN).
 */
export function useShippedDictionaries(session: ElectronApi['session'], shippedDir: string, platform: NodeJS.Platform): void {
  if (!usesHunspell(platform)) return;
  const ses = session.defaultSession;
  // The trailing slash matters: Chromium appends the file name (electronjs.org/docs/latest/api/session).
  ses.setSpellCheckerDictionaryDownloadURL(`${pathToFileURL(shippedDir).href.replace(/\/?$/, '/')}`);
  ses.setSpellCheckerLanguages(Object.keys(SHIPPED_DICTIONARIES));
}

export interface SpellingActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

/** The context menu for a right-click: spelling first when the word is misspelled, then editing. */
export function contextMenuTemplate(request: ContextMenuRequest, actions: SpellingActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  const word = request.misspelledWord;
  if (request.isEditable && word !== '') {
    const suggestions = request.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false });
    for (const suggestion of suggestions) items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) });
    items.push({ type: 'separator' }, { label: 'Add to Dictionary', click: () => actions.addToDictionary(word) }, { type: 'separator' });
  }
  const flags = request.editFlags;
  if (request.isEditable) {
    items.push(
      { label: 'Cut', role: 'cut', enabled: flags.canCut },
      { label: 'Copy', role: 'copy', enabled: flags.canCopy },
      { label: 'Paste', role: 'paste', enabled: flags.canPaste },
      { type: 'separator' },
      { label: 'Select All', role: 'selectAll', enabled: flags.canSelectAll },
    );
  } else if (request.selectionText.trim() !== '') {
    items.push({ label: 'Copy', role: 'copy', enabled: flags.canCopy });
  }
  return items;
}

/** Right-clicks in the window get the context menu (nothing at all where there is nothing to do). */
export function attachContextMenu(contents: PageContents, electron: Pick<ElectronApi, 'Menu' | 'session'>): void {
  contents.on('context-menu', (_event, request) => {
    const template = contextMenuTemplate(request, {
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => {
        electron.session.defaultSession.addWordToSpellCheckerDictionary(word);
      },
    });
    if (template.length > 0) electron.Menu.buildFromTemplate(template).popup();
  });
}
