/** A story's photos as the photo panel, the checklist and the CLI see them. */
import { documentPhotos, parseStoryDocument } from '../../common/document.js';
import type { NewsroomSettings, StoryPhoto } from '../../common/contract.js';
import { CREDIT_FORMATS, formatCredit, missingPhotoFields, type CreditFormat } from '../../common/photo.js';
import { DEFAULT_CHECKLIST, checklistSettingsSchema } from '../../common/checklist.js';
import type { Story } from '../../common/story.js';
import type { MediaService } from './media.js';

export function storyPhotos(story: Pick<Story, 'body'>, format: CreditFormat): StoryPhoto[] {
  return documentPhotos(parseStoryDocument(story.body)).map((node, i) => ({
    number: i + 1,
    photoId: node.photoId,
    caption: node.caption,
    alt: node.alt,
    credit: node.credit,
    creditLine: formatCredit(node.credit, format),
    missing: missingPhotoFields(node),
    fromPhoto: node.fromPhoto,
  }));
}

const DEFAULT_SETTINGS: NewsroomSettings = { creditFormat: 'slash', allowSelfApproval: false, checklist: DEFAULT_CHECKLIST };

export function createSettingsService(media: Pick<MediaService, 'setting' | 'setSetting'>) {
  return {
    get(): NewsroomSettings {
      const format = media.setting<string>('creditFormat');
      const checklist = checklistSettingsSchema.safeParse(media.setting('checklist'));
      return {
        creditFormat: (CREDIT_FORMATS as readonly string[]).includes(format ?? '') ? (format as CreditFormat) : DEFAULT_SETTINGS.creditFormat,
        allowSelfApproval: media.setting<boolean>('allowSelfApproval') === true,
        checklist: checklist.success ? { ...DEFAULT_CHECKLIST, ...checklist.data, levels: { ...DEFAULT_CHECKLIST.levels, ...checklist.data.levels } } : DEFAULT_CHECKLIST,
      };
    },
    set(change: Partial<NewsroomSettings>): NewsroomSettings {
      if (change.creditFormat !== undefined) media.setSetting('creditFormat', change.creditFormat);
      if (change.allowSelfApproval !== undefined) media.setSetting('allowSelfApproval', change.allowSelfApproval);
      if (change.checklist !== undefined) media.setSetting('checklist', change.checklist);
      return this.get();
    },
    currentProfileId(): string | null {
      return media.setting<string>('currentProfileId') ?? null;
    },
    setCurrentProfileId(id: string): void {
      media.setSetting('currentProfileId', id);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
