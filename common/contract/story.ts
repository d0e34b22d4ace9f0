/** `story:*`: the story desk, served by the stories service. */
import { z } from 'zod';
import { STORY_SORT_KEYS, slugSchema, storyFieldsSchema, type RevisionSummary, type SearchHit, type Story, type StorySummary } from '../story.js';
import { STATES } from '../workflow.js';
import { ID_PATTERN } from '../ids.js';
import { body, channel, id, storyRef } from './define.js';

const partialFields = storyFieldsSchema.partial().strict();

export const storyChannels = {
  'story:create': channel<Story>()(
    z
      .object({
        fields: partialFields.optional(),
        body: body.optional(),
        slug: slugSchema.optional(),
        /** Chosen by the window (UUIDv7), so it can open the story before the store answers. */
        id: z.string().regex(ID_PATTERN, 'A new story id must be a UUIDv7').optional(),
      })
      .strict(),
    'Creates a new draft story from optional fields and body, under the id given when there is one (already-exists when a story has it)',
    ['too-large'],
  ),
  'story:get': channel<Story>()(storyRef, 'Reads one story by id or slug, trashed ones included', ['not-found']),
  'story:save': channel<Story>()(
    z
      .object({
        id,
        version: z.number().int().min(1),
        fields: partialFields.optional(),
        body: body.optional(),
        slug: slugSchema.optional(),
      })
      .strict(),
    'Saves fields and/or body over the version the caller edited; conflict when someone saved a newer one (nothing written), forbidden when the story is locked',
    ['conflict', 'not-found', 'too-large', 'forbidden'],
  ),
  'story:close': channel<RevisionSummary | null>()(storyRef, 'Snapshots a story as its window closes, if its text changed', ['not-found']),
  'story:trash': channel<Story>()(storyRef, 'Moves a story to the trash', ['not-found']),
  'story:restore': channel<Story>()(storyRef, 'Takes a story out of the trash', ['not-found']),
  'story:purge': channel<{ purged: true }>()(
    z.object({ id, confirm: z.literal(true) }).strict(),
    'Deletes a trashed story and its revisions for good; only when the user confirms',
    ['not-found'],
  ),
  'story:list': channel<{ total: number; items: StorySummary[] }>()(
    z
      .object({
        sort: z.enum(STORY_SORT_KEYS).default('updatedAt'),
        direction: z.enum(['asc', 'desc']).default('desc'),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        trashed: z.boolean().default(false),
        /** A queue: only stories in this state. */
        status: z.enum(STATES).optional(),
        desk: z.string().max(100).optional(),
        /** Only stories this profile created. */
        createdBy: id.optional(),
      })
      .strict(),
    'Lists one page of stories, sorted, optionally one queue, desk or person',
    [],
  ),
  'story:search': channel<SearchHit[]>()(
    z
      .object({
        query: z.string().max(500),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).max(100_000).optional(),
        status: z.enum(STATES).optional(),
        desk: z.string().max(100).optional(),
        createdBy: id.optional(),
      })
      .strict(),
    'Searches headline, standfirst, byline and body text, ranked, with snippets; optionally within one queue, desk or person, and from an offset ("Show more")',
    [],
  ),
  'story:search-count': channel<{ total: number }>()(
    z.object({ query: z.string().max(500), status: z.enum(STATES).optional(), desk: z.string().max(100).optional(), createdBy: id.optional() }).strict(),
    'Counts the stories a search finds (within the same queue, desk or person), for "12 of 312"',
    [],
  ),
} as const;
