/** `style:*`: the house style, served by the house-style service. */
import { z } from 'zod';
import type { Finding, HouseStyle } from '../houseStyle/index.js';
import { channel, id, noArgument, storyRef } from './define.js';

export const styleChannels = {
  'style:check': channel<{ findings: Finding[]; ignored: number }>()(storyRef, 'Checks a story against the house style (ignored findings left out); invalid-argument for a broken style file', ['not-found']),
  'style:ignore': channel<{ ignored: boolean }>()(
    z.object({ storyId: id, findingId: z.string().min(1).max(300), ignore: z.boolean() }).strict(),
    'Ignores (or takes back the ignore of) a house-style finding for this story',
    ['not-found'],
  ),
  'style:get': channel<HouseStyle>()(noArgument, "Reads the newsroom's house style (its style file, or the default)", []),
} as const;
