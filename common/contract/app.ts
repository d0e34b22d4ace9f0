/** `app:*`: facts about this installation. */
import { z } from 'zod';
import { channel } from './define.js';

export const appChannels = {
  'app:info': channel<{ dataDir: string; appVersion: string; schemaVersion: number }>()(
    z.undefined().or(z.object({}).strict()),
    'Says where the data lives and which version runs',
    [],
  ),
} as const;
