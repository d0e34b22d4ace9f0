/**
 * The copy desk: bringing copy in from files (each import one new draft, written in one
 * transaction after its photos are stored) and checking stories against the house style, whose
 * rules live in a style file the newsroom edits (`house-style.json` in the data dir; the default
 * ships with the app).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Db } from '../../db/open.js';
import type { Profile } from '../../db/workflow.js';
import { parseStoryDocument, type StoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { createChecker, createSpeller, defaultHouseStyle, parseHouseStyle, type Finding, type HouseStyle, type HouseStyleChecker, type Speller } from '../../common/houseStyle/index.js';
import type { Story } from '../../common/story.js';
import { importStoryFile, withStoredPhoto, type ImportedStory } from './import/index.js';
import type { MediaService } from './media.js';
import type { StoryService } from './stories.js';
import type { WorkflowService } from './workflow.js';

export const STYLE_FILE = 'house-style.json';

/** A file inside an installed package, found the way Node finds the package (in the app or the CLI). */
function packageFile(pkg: string, file: string): string {
  const resolve = typeof require === 'function' ? require.resolve : createRequire(import.meta.url).resolve;
  return path.join(path.dirname(resolve(pkg)), file);
}

export interface ImportResult {
  story: Story;
  report: ImportedStory['report'];
  notes: number;
  photos: { stored: number; refused: { name: string; message: string }[] };
}

export interface CheckResult {
  findings: Finding[];
  ignored: number;
}

export function createCopyDesk(db: Db, dataDir: string, stories: StoryService, workflow: WorkflowService, media: MediaService) {
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

    ignore(storyId: string, findingId: string, profile: Profile | null): void {
      const story = stories.get(storyId);
      addIgnore.run(story.id, findingId, new Date().toISOString(), profile?.name ?? 'No profile chosen');
    },

    unignore(storyId: string, findingId: string): void {
      removeIgnore.run(stories.get(storyId).id, findingId);
    },

    async importFile(source: string | { name: string; bytes: Uint8Array }, profile: Profile | null): Promise<ImportResult> {
      const imported = await importStoryFile(source);
      let body: StoryDocument = imported.body;
      const refused: { name: string; message: string }[] = [];
      let stored = 0;
      for (const picture of imported.photos) {
        try {
          const { node } = await media.importPhoto(picture.name, picture.bytes);
          body = withStoredPhoto(body, picture.block, node);
          stored += 1;
        } catch (error) {
          if (!(error instanceof NewsroomError)) throw error;
          refused.push({ name: picture.name, message: error.message });
        }
      }
      const { agency: _agency, language, ...fields } = imported.fields;
      const story = db.transaction(() => {
        const created = workflow.create(
          { fields: { ...fields, ...(language === '' ? {} : { language }) }, body: JSON.stringify(body) },
          profile,
        );
        for (const note of imported.notes) {
          workflow.addNote({ storyId: created.id, text: note.author ? `${note.author}: ${note.text}` : note.text, ...(note.anchor ? { anchor: note.anchor } : {}), kind: note.kind }, profile);
        }
        return created;
      })();
      const report = { ...imported.report, warnings: [...imported.report.warnings, ...refused.map((r) => r.message)] };
      return { story, report, notes: imported.notes.length, photos: { stored, refused } };
    },
  };
}

export type CopyDesk = ReturnType<typeof createCopyDesk>;
