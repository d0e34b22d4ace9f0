/** `app:*`: facts about this installation. */
import { z } from 'zod';
import { channel } from './define.js';

/**
 * The story store's state as main tells the window (`store:status`): starting (the start-up check,
 * then opening), ready, restarting after the engine stopped, or stopped for good (with why).
 */
export type StoreStatus = { state: 'starting' } | { state: 'ready' } | { state: 'restarting'; reason: string } | { state: 'stopped'; reason: string };

export const appChannels = {
  'app:info': channel<{ dataDir: string; appVersion: string; schemaVersion: number }>()(
    z.undefined().or(z.object({}).strict()),
    'Says where the data lives and which version runs',
    [],
  ),
} as const;
