/** `note:*`: notes on a story, served by the notes service. */
import { z } from 'zod';
import { channel, id } from './define.js';

export interface StoryNote {
  id: string;
  storyId: string;
  authorId: string | null;
  authorName: string;
  kind: 'note' | 'change-request' | 'correction' | 'footnote' | 'comment';
  text: string;
  anchor: { quote: string; block?: number } | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export const noteChannels = {
  'note:list': channel<StoryNote[]>()(z.object({ storyId: id }).strict(), "Lists a story's notes", ['not-found']),
  'note:add': channel<StoryNote>()(
    z
      .object({
        storyId: id,
        text: z.string().trim().min(1, 'A note needs some text').max(10_000),
        anchor: z.object({ quote: z.string().max(2000), block: z.number().int().min(0).optional() }).strict().optional(),
      })
      .strict(),
    'Adds a note, optionally anchored to a passage',
    ['not-found'],
  ),
  'note:resolve': channel<StoryNote>()(z.object({ id }).strict(), 'Marks a note resolved', ['not-found']),
} as const;
