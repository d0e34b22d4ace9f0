/** The newsroom's settings: credit format, self-approval, checklist levels, backups kept, who is working now. */
import type { Db } from '../../db/open.js';
import { settingsQueries } from '../../db/settings.js';
import { DEFAULT_BACKUPS_KEPT } from '../../db/backup.js';
import type { NewsroomSettings } from '../../common/contract/index.js';
import { CREDIT_FORMATS, type CreditFormat } from '../../common/photo.js';
import { DEFAULT_CHECKLIST, checklistSettingsSchema } from '../../common/checklist.js';

const DEFAULT_SETTINGS: NewsroomSettings = { creditFormat: 'slash', allowSelfApproval: false, checklist: DEFAULT_CHECKLIST };

export function createSettingsService(db: Db) {
  const q = settingsQueries(db);
  return {
    get(): NewsroomSettings {
      const format = q.get('creditFormat');
      const checklist = checklistSettingsSchema.safeParse(q.get('checklist'));
      return {
        creditFormat: (CREDIT_FORMATS as readonly unknown[]).includes(format) ? (format as CreditFormat) : DEFAULT_SETTINGS.creditFormat,
        allowSelfApproval: q.get('allowSelfApproval') === true,
        checklist: checklist.success ? { ...DEFAULT_CHECKLIST, ...checklist.data, levels: { ...DEFAULT_CHECKLIST.levels, ...checklist.data.levels } } : DEFAULT_CHECKLIST,
      };
    },
    set(change: Partial<NewsroomSettings>): NewsroomSettings {
      if (change.creditFormat !== undefined) q.set('creditFormat', change.creditFormat);
      if (change.allowSelfApproval !== undefined) q.set('allowSelfApproval', change.allowSelfApproval);
      if (change.checklist !== undefined) q.set('checklist', change.checklist);
      return this.get();
    },
    /** How many backups to keep (`backupsKept`, a whole number from 1). */
    backupsKept(): number {
      const value = q.get('backupsKept');
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : DEFAULT_BACKUPS_KEPT;
    },
    setBackupsKept(keep: number): void {
      q.set('backupsKept', keep);
    },
    currentProfileId(): string | null {
      const id = q.get('currentProfileId');
      return typeof id === 'string' ? id : null;
    },
    setCurrentProfileId(id: string): void {
      q.set('currentProfileId', id);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
