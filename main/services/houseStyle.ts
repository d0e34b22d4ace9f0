/**
 * The copy desk's house style: checking stories against the newsroom's rules, which live in a
 * style file the newsroom edits (`house-style.json` in the data dir; the default ships with the
 * app), and findings a person chose to ignore for a story.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Db } from '../../db/open.js';
import type { CallerContext } from '../../common/contract/index.js';
import { parseStoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { createChecker, createSpeller, defaultHouseStyle, parseHouseStyle, type Finding, type HouseStyle, type HouseStyleChecker, type Speller } from '../../common/houseStyle/index.js';
import { NO_PROFILE } from './audit.js';
import type { StoryLookup } from './storyStore.js';

export const STYLE_FILE = 'house-style.json';

/** A file inside an installed package, found the way Node finds the package (in the app or the CLI). */
function packageFile(pkg: string, file: string): string {
  const resolve = typeof require === 'function' ? require.resolve : createRequire(import.meta.url).resolve;
  return path.join(path.dirname(resolve(pkg)), file);
}

export interface CheckResult {
  findings: Finding[];
  ignored: number;
}

export function createHouseStyleService(db: Db, dataDir: string, stories: StoryLookup) {
  let speller: Speller | undefined;
  let checker: { style: HouseStyle; mtime: number; checker: HouseStyleChecker } | undefined;
  const ignores = db.prepare('SELECT finding_id FROM style_ignores WHERE story_id = ?').pluck();
  const addIgnore = db.prepare('INSERT OR IGNORE INTO style_ignores (story_id, finding_id, ignored_at, ignored_by) VALUES (?, ?, ?, ?)');
  const removeIgnore = db.prepare('DELETE FROM style_ignores WHERE story_id = ? AND finding_id = ?');

  function styleFile(): { style: HouseStyle; mtime: number } {
    const file = path.join(dataDir, STYLE_FILE);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return { style: defaultHouseStyle, mtime: 0 };
    }
    try {
      return { style: parseHouseStyle(fs.readFileSync(file, 'utf8')), mtime: stat.mtimeMs };
    } catch (error) {
      throw new NewsroomError('invalid-argument', `${file}: ${(error as Error).message}`);
    }
  }

  /** The checker, made again when the style file changes; the English dictionary is loaded once. */
  function currentChecker(): HouseStyleChecker {
    const { style, mtime } = styleFile();
    if (checker && checker.mtime === mtime) return checker.checker;
    speller ??= createSpeller(
      { aff: fs.readFileSync(packageFile('dictionary-en', 'index.aff')), dic: fs.readFileSync(packageFile('dictionary-en', 'index.dic')) },
      style.spelling.en ?? {},
    );
    checker = { style, mtime, checker: createChecker(style, { spell: speller }) };
    return checker.checker;
  }

  return {
    style(): HouseStyle {
      return styleFile().style;
    },

    check(ref: string): CheckResult {
      const story = stories.get(ref);
      const ignored = new Set(ignores.all(story.id) as string[]);
      const all = currentChecker().check({ headline: story.headline, standfirst: story.standfirst, body: parseStoryDocument(story.body), language: story.language });
      const findings = all.filter((f) => !ignored.has(f.id));
      return { findings, ignored: all.length - findings.length };
    },

    ignore(storyId: string, findingId: string, caller: CallerContext): void {
      const story = stories.get(storyId);
      addIgnore.run(story.id, findingId, new Date().toISOString(), caller.actor?.name ?? NO_PROFILE);
    },

    unignore(storyId: string, findingId: string): void {
      removeIgnore.run(stories.get(storyId).id, findingId);
    },
  };
}

export type HouseStyleService = ReturnType<typeof createHouseStyleService>;
