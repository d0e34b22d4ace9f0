/**
 * Bringing copy in from files: each import is one new draft with its photos and the notes the
 * file carried, written after its photos are stored, in one transaction.
 */
import type { Db } from '../../db/open.js';
import path from 'node:path';
import type { CallerContext, ImportBatch, ImportReport } from '../../common/contract/index.js';
import type { StoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { importStoryFile, withStoredPhoto } from './import/index.js';
import { eachStep } from './jobs.js';
import type { MediaService } from './media.js';
import type { NoteService } from './notes.js';
import type { StoryService } from './stories.js';

export function createImportService(db: Db, stories: Pick<StoryService, 'create'>, notes: Pick<NoteService, 'add'>, media: Pick<MediaService, 'importPhoto'>) {
  const service = {
    /** Files the person picked, each its own draft; one refused does not stop the others. */
    async importFiles(files: string[], caller: CallerContext): Promise<ImportBatch> {
      const batch: ImportBatch = { imported: [], refused: [] };
      await eachStep(
        caller,
        files,
        (file) => `Importing ${path.basename(file)}`,
        async (file) => {
          try {
            batch.imported.push({ ...(await service.importFile(file, caller)), name: file });
          } catch (error) {
            if (!(error instanceof NewsroomError)) throw error;
            batch.refused.push({ name: path.basename(file), message: error.message });
          }
        },
        (done, total) => `Import cancelled after ${done} of ${total} files: ${batch.imported.length} became drafts, whole; nothing of the others was written`,
      );
      return batch;
    },
    async importFile(source: string | { name: string; bytes: Uint8Array }, caller: CallerContext): Promise<ImportReport> {
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
        const created = stories.create({ fields: { ...fields, ...(language === '' ? {} : { language }) }, body: JSON.stringify(body) }, caller);
        for (const note of imported.notes) {
          notes.add({ storyId: created.id, text: note.author ? `${note.author}: ${note.text}` : note.text, ...(note.anchor ? { anchor: note.anchor } : {}), kind: note.kind }, caller);
        }
        return created;
      })();
      const report = { ...imported.report, warnings: [...imported.report.warnings, ...refused.map((r) => r.message)] };
      return { story, report, notes: imported.notes.length, photos: { stored, refused } };
    },
  };
  return service;
}

export type ImportService = ReturnType<typeof createImportService>;
