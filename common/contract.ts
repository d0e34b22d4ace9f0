/**
 * The one IPC contract between the renderer and main. Each `domain:verb` channel names the schema
 * of its argument (checked in main before any service sees it) and the type of its result.
 * Main must handle every channel (see `Handlers`); the renderer can only call channels listed here.
 */
import { z } from 'zod';
import type { NewsroomErrorShape } from './errors.js';
import type { Revision, RevisionSummary, SearchHit, Story, StorySummary } from './story.js';
import { STORY_SORT_KEYS, datelineSchema, slugSchema, storyFieldsSchema } from './story.js';

const id = z.string().min(1).max(200);
const storyRef = z.object({ id }).strict();
const partialFields = storyFieldsSchema.partial().strict();
/** The body travels as Lexical JSON text; its content is checked by `parseStoryDocument`. */
const body = z.string().max(6_000_000, 'Story body is over the 5 MB limit: split it into several stories');

function channel<Result>() {
  return <Arg extends z.ZodType>(arg: Arg, doc: string) => ({ arg, doc, result: undefined as unknown as Result });
}

export const contract = {
  /** Creates a draft. Errors: invalid-argument, too-large. */
  'story:create': channel<Story>()(
    z.object({ fields: partialFields.optional(), body: body.optional(), slug: slugSchema.optional() }).strict(),
    'Creates a new draft story from optional fields and body',
  ),
  /** Reads one story by id or slug, trashed ones included. Errors: not-found. */
  'story:get': channel<Story>()(storyRef, 'Reads one story by id or slug'),
  /**
   * Saves fields and/or body over the version the caller edited.
   * Errors: conflict (someone saved a newer version; nothing written), not-found, invalid-argument, too-large.
   */
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
    'Saves a story over the version the caller edited',
  ),
  /** Writes a revision snapshot if the text changed since the last one. Errors: not-found. */
  'story:close': channel<RevisionSummary | null>()(storyRef, 'Snapshots a story as its window closes'),
  /** Moves a story to the trash. Errors: not-found. */
  'story:trash': channel<Story>()(storyRef, 'Moves a story to the trash'),
  /** Takes a story out of the trash. Errors: not-found. */
  'story:restore': channel<Story>()(storyRef, 'Restores a story from the trash'),
  /** Deletes a trashed story for good; only when the user confirms. Errors: not-found, invalid-argument. */
  'story:purge': channel<{ purged: true }>()(
    z.object({ id, confirm: z.literal(true) }).strict(),
    'Deletes a trashed story and its revisions for good',
  ),
  /** One page of the desk list. */
  'story:list': channel<{ total: number; items: StorySummary[] }>()(
    z
      .object({
        sort: z.enum(STORY_SORT_KEYS).default('updatedAt'),
        direction: z.enum(['asc', 'desc']).default('desc'),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        trashed: z.boolean().default(false),
      })
      .strict(),
    'Lists one page of stories, sorted',
  ),
  /** Full-text search, ranked, with snippets. Errors: invalid-argument. */
  'story:search': channel<SearchHit[]>()(
    z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    'Searches headline, standfirst, byline and body text',
  ),
  /** A story's revision snapshots, newest first. Errors: not-found. */
  'revision:list': channel<RevisionSummary[]>()(z.object({ storyId: id }).strict(), 'Lists revisions of a story'),
  /** One revision with its text. Errors: not-found. */
  'revision:get': channel<Revision>()(storyRef, 'Reads one revision'),
  /** Snapshots the story now ("Save Revision"). Errors: not-found. */
  'revision:create': channel<RevisionSummary>()(z.object({ storyId: id }).strict(), 'Snapshots a story now'),
  /**
   * Restores a revision's text over the version the caller has, snapshotting the current text first.
   * Errors: conflict, not-found.
   */
  'revision:restore': channel<Story>()(
    z.object({ storyId: id, revisionId: id, version: z.number().int().min(1) }).strict(),
    'Restores a revision, keeping the current text as a revision first',
  ),
  /** Where the data lives and which version runs. */
  'app:info': channel<{ dataDir: string; appVersion: string; schemaVersion: number }>()(
    z.undefined().or(z.object({}).strict()),
    'Says where the data lives and which version runs',
  ),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What the caller passes (defaults not yet applied). */
export type ChannelArg<C extends Channel> = z.input<Contract[C]['arg']>;
/** What a handler receives, after the schema parsed it. */
export type ChannelParsedArg<C extends Channel> = z.output<Contract[C]['arg']>;
export type ChannelResult<C extends Channel> = Contract[C]['result'];

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** What crosses the bridge: a value, or a typed error the renderer can show. */
export type InvokeResult<C extends Channel> =
  | { ok: true; value: ChannelResult<C> }
  | { ok: false; error: NewsroomErrorShape };

/** Events main sends to the renderer (menu commands, window life). */
export const events = {
  'menu:new-story': true,
  'menu:find': true,
  'menu:save-revision': true,
  /** The window is closing: flush unsaved text, then call `window:flushed`. */
  'window:flush-request': true,
} as const;
export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The one object preload puts on `window.newsroom`. */
export interface NewsroomBridge {
  invoke<C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<InvokeResult<C>>;
  on(event: EventName, listener: () => void): () => void;
  /** Tells main the renderer has flushed after a `window:flush-request`. */
  flushed(): void;
}

export { datelineSchema };
