/** `package:*`: story packages between machines, served by the packages service. */
import { z } from 'zod';
import type { Story } from '../story.js';
import { channel, fileBytes, id, noArgument, storyRef } from './define.js';

/** What opening a package did: created, updated (moved forward), older (nothing changed), same, or conflict. */
export interface PackageArrival {
  outcome: 'created' | 'updated' | 'older' | 'same' | 'conflict';
  story: Story;
  message: string;
  photos: number;
}

export const packageChannels = {
  'package:export': channel<{ path: string; bytes: number } | null>()(storyRef, 'Packs a story into one .newsroom file saved where the reporter chooses; null when the dialog is cancelled', ['not-found']),
  'package:open': channel<PackageArrival>()(
    fileBytes,
    'Opens a package from another machine: creates the story, moves it forward (at most to filed: a package never approves), leaves it, or keeps both versions (always, for a story approved or published here); invalid-argument names what is wrong with the file (nothing is changed)',
    [],
  ),
  'package:resolve': channel<Story>()(
    z.object({ storyId: id, version: z.number().int().min(1), keep: z.enum(['local', 'incoming']) }).strict(),
    "After a conflict, keeps this machine's text or the incoming one (the other stays a revision); forbidden while the story is approved or published (an editor reopens it first)",
    ['conflict', 'not-found', 'forbidden'],
  ),
  'package:last': channel<PackageArrival | null>()(noArgument, 'Reads the package opened most recently (the app shows it after a double click)', ['not-found']),
} as const;
