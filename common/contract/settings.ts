/** `settings:*`: the newsroom's settings, served by the settings service. */
import { z } from 'zod';
import { checklistSettingsSchema, type ChecklistSettings } from '../checklist.js';
import { CREDIT_FORMATS, type CreditFormat } from '../photo.js';
import { channel, noArgument } from './define.js';

export interface NewsroomSettings {
  creditFormat: CreditFormat;
  /** May an editor approve a story they created? Off by default. */
  allowSelfApproval: boolean;
  checklist: ChecklistSettings;
}

export const settingsChannels = {
  'settings:get': channel<NewsroomSettings>()(noArgument, "Reads the newsroom's settings", []),
  'settings:set': channel<NewsroomSettings>()(
    z.object({ creditFormat: z.enum(CREDIT_FORMATS).optional(), allowSelfApproval: z.boolean().optional(), checklist: checklistSettingsSchema.optional() }).strict(),
    "Changes the newsroom's settings; stored photo credits never change, only how they are shown",
    [],
  ),
} as const;
