/**
 * Publishing: the export as the desk uses it. Only an approved (or already published) story
 * exports as publish-ready, and exporting it marks it published through the state machine,
 * recording where it went; anything else exports only as a preview that says so in the page.
 * The page's dates come from the story's history, so exporting the same revision twice gives the
 * same bytes.
 */
import fs from 'node:fs';
import type { CallerContext, ExportBatch, ExportedFiles } from '../../common/contract/index.js';
import { documentPhotos, parseStoryDocument } from '../../common/document.js';
import { photoUrl } from '../../common/photo.js';
import type { MediaService } from './media.js';
import { NewsroomError } from '../../common/errors.js';
import { PUBLISHABLE_STATES } from '../../common/publish/renderStory.js';
import type { Story } from '../../common/story.js';
import type { ExportResult, ExportService } from './export.js';
import type { SettingsService } from './settings.js';
import { eachStep } from './jobs.js';
import type { StoryLookup, StoryStore } from './storyStore.js';
import type { WorkflowService } from './workflow.js';

export interface PublishedExport extends ExportResult {
  mode: 'publish' | 'preview';
  /** True when this export moved the story to published. */
  published: boolean;
  story: Story;
}

export function createPublishingService(
  stories: StoryLookup & { list: StoryStore['list'] },
  workflow: WorkflowService,
  exports: ExportService,
  settings: SettingsService,
  media: Pick<MediaService, 'renditionFile'>,
  options: { now?: () => Date } = {},
) {
  const clock = options.now ?? (() => new Date());

  /** Dates for the page: published when first exported, modified when last approved. */
  function pageDates(story: Story): { publishedAt: string; updatedAt: string } {
    const history = workflow.history(story.id);
    const firstPublish = history.find((e) => e.action === 'publish');
    const lastApproval = [...history].reverse().find((e) => e.action === 'approve');
    return { publishedAt: firstPublish?.at ?? clock().toISOString(), updatedAt: lastApproval?.at ?? story.updatedAt };
  }

  const publishable = (story: Story) => (PUBLISHABLE_STATES as readonly string[]).includes(story.status);

  return {
    /**
     * The page exactly as it would be published, for the sandboxed preview frame. Its photos are
     * the display copies inlined as data: images (a sandboxed frame has no origin to load
     * newsroom-media: from), as a single-file export carries them.
     */
    async preview(ref: string): Promise<{ html: string; mode: 'publish' | 'preview' }> {
      const story = stories.get(ref);
      const { publishedAt, updatedAt } = pageDates(story);
      const mode = publishable(story) ? 'publish' : 'preview';
      const images = new Map<string, string>();
      for (const photo of documentPhotos(parseStoryDocument(story.body))) {
        if (photo.photoId === '' || images.has(photo.photoId)) continue;
        try {
          images.set(photo.photoId, `data:image/jpeg;base64,${(await fs.promises.readFile(await media.renditionFile(photo.photoId, 'display'))).toString('base64')}`);
        } catch (error) {
          if (!(error instanceof NewsroomError)) throw error;
        }
      }
      const html = exports.previewPage({
        story: { ...story, updatedAt },
        creditFormat: settings.get().creditFormat,
        publishedAt,
        mode,
        imageUrl: (id) => images.get(id) ?? photoUrl(id, 'display'),
      });
      return { html, mode };
    },

    /**
     * Refuses, before a folder is chosen or a file written, an export that would fail: a story not
     * approved (unless as a preview), or a publish-ready export by someone who may not publish.
     */
    precheck(input: { ref: string; preview?: boolean }, caller: CallerContext): void {
      const story = stories.get(input.ref);
      if (!publishable(story) && !input.preview) {
        throw new NewsroomError(
          'forbidden',
          `"${story.headline || story.slug}" is ${story.status.replace('-', ' ')}: only an approved story exports as publish-ready. Export it as a preview, or have an editor approve it`,
        );
      }
      if (story.status === 'approved' && !input.preview && !(caller.actor?.roles.includes('editor') ?? false)) {
        throw new NewsroomError('forbidden', 'Only an editor can publish: export it as a preview, or ask an editor');
      }
    },

    async exportStory(input: { ref: string; outDir: string; singleFile?: boolean; preview?: boolean }, caller: CallerContext): Promise<PublishedExport> {
      this.precheck(input, caller);
      const story = stories.get(input.ref);
      const mode = publishable(story) && !input.preview ? 'publish' : 'preview';
      const { publishedAt, updatedAt } = pageDates(story);
      const result = await exports.exportStory({
        story: { ...story, updatedAt },
        outDir: input.outDir,
        mode,
        singleFile: input.singleFile ?? false,
        creditFormat: settings.get().creditFormat,
        publishedAt,
      });
      let published = false;
      if (mode === 'publish' && story.status === 'approved') {
        const where = result.files.find((f) => f.kind === 'page')?.path ?? input.outDir;
        workflow.move({ id: story.id, version: story.version, action: 'publish', note: `Exported to ${where}` }, caller, { bySystem: true, at: new Date(publishedAt) });
        published = true;
      }
      return { ...result, mode, published, story: stories.get(story.id) };
    },

    /**
     * "Export…" in the app: refuses before the folder dialog an export that cannot happen (nobody
     * picks a folder for nothing), then exports to the folder chosen; null when the dialog is cancelled.
     */
    async exportToChosenFolder(
      input: { ref: string; singleFile?: boolean; preview?: boolean },
      caller: CallerContext,
      chooseFolder: () => Promise<string | null>,
    ): Promise<ExportedFiles | null> {
      this.precheck(input, caller);
      const folder = await chooseFolder();
      if (folder === null) return null;
      const result = await this.exportStory({ ...input, outDir: folder }, caller);
      return { folder, files: result.files, mode: result.mode, published: result.published };
    },

    /** Every approved story, each on its own: one failing does not stop the others. */
    async exportAllApproved(outDir: string, caller: CallerContext): Promise<ExportBatch> {
      const ids: string[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = stories.list({ sort: 'updatedAt', direction: 'asc', offset, limit: 500, trashed: false, filter: { status: 'approved' } });
        ids.push(...page.items.map((s) => s.id));
        if (ids.length >= page.total || page.items.length === 0) break;
      }
      const batch: ExportBatch = { folder: outDir, total: ids.length, stories: [] };
      await eachStep(
        caller,
        ids,
        (id) => `Exporting ${stories.get(id).slug}`,
        async (id) => {
          const story = stories.get(id);
          try {
            const result = await this.exportStory({ ref: id, outDir }, caller);
            batch.stories.push({ id, slug: story.slug, ok: true, message: '', files: result.files.length });
          } catch (error) {
            if (!(error instanceof NewsroomError)) throw error;
            batch.stories.push({ id, slug: story.slug, ok: false, message: error.message, files: 0 });
          }
        },
        (done, total) => `Export cancelled after ${done} of ${total} stories: those ${done} are complete in ${outDir} and marked published; nothing else was written`,
      );
      return batch;
    },
  };
}

export type PublishingService = ReturnType<typeof createPublishingService>;
