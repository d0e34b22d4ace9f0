/** The newsroom's settings: credit format, self-approval, checklist levels, who is working now. */
import type { NewsroomSettings } from '../../common/contract.js';
import { CREDIT_FORMATS, type CreditFormat } from '../../common/photo.js';
import { DEFAULT_CHECKLIST, checklistSettingsSchema } from '../../common/checklist.js';
import type { MediaService } from './media.js';

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
