/**
 * The one IPC contract between the renderer and main. Each `domain:verb` channel names the schema
 * of its argument (checked in main before any service sees it) and the type of its result.
 * Main must handle every channel (see `Handlers`); the renderer can only call channels listed here.
 */
import { z } from 'zod';
import { CHANNEL_NAMES, EVENT_NAMES_LIST } from './channels.js';
import type { NewsroomErrorShape } from './errors.js';
import type { Revision, RevisionSummary, SearchHit, Story, StorySummary } from './story.js';
import type { PhotoNodeJSON } from './document.js';
import { CREDIT_FORMATS, type CreditFormat, type PhotoField, type StoredPhoto } from './photo.js';

/** A photo just added to the store, with a node ready to insert into the story. */
export interface ImportedPhoto {
  photo: StoredPhoto;
  node: PhotoNodeJSON;
  duplicate: boolean;
}

/** One photo of a story as the photo panel and the checklist see it. */
export interface StoryPhoto {
  /** 1-based position among the story's photos: "Photo 2 has no credit". */
  number: number;
  photoId: string;
  caption: string;
  alt: string;
  credit: PhotoNodeJSON['credit'];
  /** The credit as printed, in the house format. */
  creditLine: string;
  missing: PhotoField[];
  fromPhoto: PhotoNodeJSON['fromPhoto'];
}

export interface NewsroomSettings {
  creditFormat: CreditFormat;
}
import { STORY_SORT_KEYS, slugSchema, storyFieldsSchema } from './story.js';

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
  /**
   * Stores a photo (bytes from a drop, a paste or a file the reporter picked) and returns a node
   * pre-filled from its IPTC/XMP metadata. Errors: invalid-argument (not an image, damaged, too large).
   */
  'media:import': channel<ImportedPhoto>()(
    z.object({ name: z.string().min(1).max(500), bytes: z.instanceof(Uint8Array) }).strict(),
    'Stores a photo and returns a node pre-filled from its metadata',
  ),
  /** Opens the system file dialog and stores each photo chosen; refused files are listed with the reason. */
  'media:choose': channel<{ imported: ImportedPhoto[]; refused: { name: string; message: string }[] }>()(
    z.object({}).strict(),
    'Lets the reporter pick photos with the system file dialog and stores them',
  ),
  /** One stored photo's record. Errors: not-found. */
  'media:get': channel<StoredPhoto>()(z.object({ id }).strict(), 'Reads a stored photo record'),
  /** The story's photos with what each still lacks. Errors: not-found. */
  'story:photos': channel<StoryPhoto[]>()(storyRef, "Lists a story's photos and what each lacks"),
  /** The newsroom's settings. */
  'settings:get': channel<NewsroomSettings>()(z.object({}).strict(), "Reads the newsroom's settings"),
  /** Changes settings; the stored photo credits never change, only how they are shown. */
  'settings:set': channel<NewsroomSettings>()(
    z.object({ creditFormat: z.enum(CREDIT_FORMATS).optional() }).strict(),
    "Changes the newsroom's settings",
  ),
  /** Where the data lives and which version runs. */
  'app:info': channel<{ dataDir: string; appVersion: string; schemaVersion: number }>()(
    z.undefined().or(z.object({}).strict()),
    'Says where the data lives and which version runs',
  ),
} as const;

export type Contract = typeof contract;
// Compile-time check that the zod-free name list in channels.ts matches the contract exactly.
const _sameChannels: Record<keyof typeof CHANNEL_NAMES, unknown> = contract;
const _sameNames: Record<keyof Contract, true> = CHANNEL_NAMES;
void _sameChannels;
void _sameNames;
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

export const events = EVENT_NAMES_LIST;
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
