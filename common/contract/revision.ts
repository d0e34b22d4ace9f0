/** `revision:*`: snapshots of a story, served by the revisions service. */
import { z } from 'zod';
import type { Revision, RevisionSummary, Story } from '../story.js';
import { channel, id, storyRef } from './define.js';

export const revisionChannels = {
  'revision:list': channel<RevisionSummary[]>()(z.object({ storyId: id }).strict(), "Lists a story's revisions, newest first", ['not-found']),
  'revision:get': channel<Revision>()(storyRef, 'Reads one revision with its text', ['not-found']),
  'revision:create': channel<RevisionSummary>()(z.object({ storyId: id }).strict(), 'Snapshots a story now ("Save Revision")', ['not-found']),
  'revision:restore': channel<Story>()(
    z.object({ storyId: id, revisionId: id, version: z.number().int().min(1) }).strict(),
    'Restores a revision over the version the caller has, keeping the current text as a revision first',
    ['conflict', 'not-found', 'forbidden'],
  ),
} as const;
