/**
 * The one IPC contract between the renderer and main. Each `domain:verb` channel names the schema
 * of its argument (checked in main before any service sees it) and the type of its result.
 * Main must handle every channel (see `Handlers`); the renderer can only call channels listed here.
 */
import { z } from 'zod';
import { CHANNEL_NAMES, EVENT_NAMES_LIST } from './channels.js';
import type { NewsroomErrorShape } from './errors.js';
import type { Revision, RevisionSummary, SearchHit, Story, StorySummary } from './story.js';
import type { BlockKind, PhotoNodeJSON } from './document.js';
import { checklistSettingsSchema, type ChecklistResult, type ChecklistSettings } from './checklist.js';
import { ACTIONS, ROLES, STATES, type Action, type Role, type StoryState } from './workflow.js';
import type { BlockDiff, DiffPart } from './diff.js';
import type { Finding, HouseStyle } from './houseStyle/index.js';

export interface Profile {
  id: string;
  name: string;
  byline: string;
  roles: Role[];
  createdAt: string;
}

export interface MoveOption {
  action: Action;
  label: string;
  /** The move needs a note, and what to ask for. */
  note: boolean;
  notePrompt?: string;
  /** Set when the move is shown but refused for now, with the reason (checklist, own story). */
  blockedBy?: string;
  /** Open required checklist items: the window asks before making the move ("file anyway?"). */
  confirm?: string[];
}

export interface AuditEntry {
  id: string;
  storyId: string;
  at: string;
  profileId: string | null;
  profileName: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  note: string;
  revisionId: string | null;
}

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

export interface StoryDiff {
  /** `label` names the side with its time (UTC, for the command line); `title` without it, for the window to add the time in the reader's own format. */
  from: { label: string; title: string; revisionId: string | null; at: string };
  to: { label: string; title: string; revisionId: string | null; at: string };
  changed: boolean;
  headline: DiffPart[];
  standfirst: DiffPart[];
  byline: DiffPart[];
  body: DiffPart[];
  /** The body block by block (paragraphs, subheads, quotes, list items), for a view that keeps the story's shape. */
  bodyBlocks: BlockDiff<BlockKind>[];
  photos: { number: number; caption: DiffPart[]; credit: DiffPart[] }[];
}
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

export interface ImportReport {
  story: Story;
  report: { removed: { text: string; why: string }[]; dropped: { what: string; count: number }[]; warnings: string[] };
  notes: number;
  photos: { stored: number; refused: { name: string; message: string }[] };
}

export interface BackupSummary {
  name: string;
  takenAt: string;
  reason: string;
  bytes: number;
}

/** What opening a package did: created, updated (moved forward), older (nothing changed), same, or conflict. */
export interface PackageArrival {
  outcome: 'created' | 'updated' | 'older' | 'same' | 'conflict';
  story: Story;
  message: string;
  photos: number;
}

export interface NewsroomSettings {
  creditFormat: CreditFormat;
  /** May an editor approve a story they created? Off by default. */
  allowSelfApproval: boolean;
  checklist: ChecklistSettings;
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
        /** A queue: only stories in this state. */
        status: z.enum(STATES).optional(),
        desk: z.string().max(100).optional(),
        /** Only stories this profile created. */
        createdBy: id.optional(),
      })
      .strict(),
    'Lists one page of stories, sorted, optionally one queue, desk or person',
  ),
  /** Full-text search, ranked, with snippets; optionally within one queue, desk or person, and from an offset ("Show more"). Errors: invalid-argument. */
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
    'Searches headline, standfirst, byline and body text',
  ),
  /** How many stories a search finds (within the same queue, desk or person), for "12 of 312". Errors: invalid-argument. */
  'story:search-count': channel<{ total: number }>()(
    z.object({ query: z.string().max(500), status: z.enum(STATES).optional(), desk: z.string().max(100).optional(), createdBy: id.optional() }).strict(),
    'Counts the stories a search finds',
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
    z.object({ creditFormat: z.enum(CREDIT_FORMATS).optional(), allowSelfApproval: z.boolean().optional(), checklist: checklistSettingsSchema.optional() }).strict(),
    "Changes the newsroom's settings",
  ),
  /** Profiles on this machine and who is working now. */
  'profile:list': channel<{ profiles: Profile[]; currentId: string | null }>()(z.object({}).strict(), 'Lists profiles and the current one'),
  /** Adds a profile; the first one becomes current. Errors: invalid-argument (name taken). */
  'profile:create': channel<Profile>()(
    z.object({ name: z.string().trim().min(1).max(200), byline: z.string().trim().max(200).optional(), roles: z.array(z.enum(ROLES)).min(1, 'Choose at least one role: reporter or editor') }).strict(),
    'Adds a profile',
  ),
  /** Switches who is working. Errors: not-found. */
  'profile:switch': channel<Profile>()(z.object({ id }).strict(), 'Switches the current profile'),
  /** The moves the current profile may make on a story (and Approve, greyed out with the reason, when blocked). */
  'workflow:moves': channel<MoveOption[]>()(storyRef, 'Lists the moves the current profile may make'),
  /**
   * Moves a story through the review states, as the current profile.
   * Errors: forbidden (the rule that refused it), conflict, not-found.
   */
  'workflow:move': channel<Story>()(
    z.object({ id, version: z.number().int().min(1), action: z.enum(ACTIONS), note: z.string().max(10_000).optional() }).strict(),
    'Moves a story through the review states',
  ),
  /** The approval checklist, each item with what fails and where to fix it. */
  'workflow:checklist': channel<ChecklistResult[]>()(storyRef, "Reads a story's approval checklist"),
  /** The audit trail: every move and save, oldest first. */
  'story:history': channel<AuditEntry[]>()(storyRef, "Reads a story's audit trail"),
  /** Word-level differences; by default from the revision as last filed to now. Errors: not-found. */
  'story:diff': channel<StoryDiff>()(
    z.object({ storyId: id, from: id.optional(), to: id.optional() }).strict(),
    'Compares two revisions, by default "changes since filed"',
  ),
  /** Counts per queue (state), optionally for one desk. */
  'story:queues': channel<Record<StoryState, number>>()(z.object({ desk: z.string().max(100).optional() }).strict(), 'Counts stories per queue'),
  'note:list': channel<StoryNote[]>()(z.object({ storyId: id }).strict(), "Lists a story's notes"),
  'note:add': channel<StoryNote>()(
    z.object({ storyId: id, text: z.string().trim().min(1, 'A note needs some text').max(10_000), anchor: z.object({ quote: z.string().max(2000), block: z.number().int().min(0).optional() }).strict().optional() }).strict(),
    'Adds a note, optionally anchored to a passage',
  ),
  'note:resolve': channel<StoryNote>()(z.object({ id }).strict(), 'Marks a note resolved'),
  /**
   * Packs a story into one `.newsroom` file the reporter saves where they choose (system dialog).
   * Resolves to null when the dialog is cancelled. Errors: not-found.
   */
  'package:export': channel<{ path: string; bytes: number } | null>()(storyRef, 'Packs a story into a .newsroom file'),
  /**
   * Opens a package (dropped or picked): creates the story, moves it forward, leaves it (older
   * package), or keeps both versions and marks a conflict. Errors: invalid-argument naming what is
   * wrong with the file (nothing is changed).
   */
  'package:open': channel<PackageArrival>()(
    z.object({ name: z.string().min(1).max(500), bytes: z.instanceof(Uint8Array) }).strict(),
    'Opens a story package from another machine',
  ),
/**
   * Turns a Word, Markdown, HTML or text file into one new draft: headline, byline, dateline,
   * subheads, quotes, photos with captions and credits; web leftovers removed and reported.
   * Errors: invalid-argument naming the file and what was wrong (nothing is written).
   */
  'import:file': channel<ImportReport>()(
    z.object({ name: z.string().min(1).max(500), bytes: z.instanceof(Uint8Array) }).strict(),
    'Imports a file as a new draft',
  ),
  /** House-style findings for a story (ignored ones left out). Errors: not-found, invalid-argument (a broken style file). */
  'style:check': channel<{ findings: Finding[]; ignored: number }>()(storyRef, 'Checks a story against the house style'),
  /** Ignores a finding for this story, or takes the ignore back. */
  'style:ignore': channel<{ ignored: boolean }>()(
    z.object({ storyId: id, findingId: z.string().min(1).max(300), ignore: z.boolean() }).strict(),
    'Ignores (or un-ignores) a house-style finding',
  ),
  /** The newsroom's house style (its style file, or the default). */
  'style:get': channel<HouseStyle>()(z.object({}).strict(), 'Reads the house style'),
  /** "Preview as published": the exact page the export would write, for a sandboxed frame. Errors: not-found. */
  'export:preview': channel<{ html: string; mode: 'publish' | 'preview' }>()(storyRef, 'Renders the page as it would be published'),
  /**
   * Exports the story to a folder the editor picks: publish-ready when approved (and then marks it
   * published), otherwise only with `preview: true`. Resolves to null if the dialog is cancelled.
   * Errors: forbidden (not approved), invalid-argument (not ready: the problems named), not-found.
   */
  'export:story': channel<{ folder: string; files: { path: string; bytes: number; kind: 'page' | 'image' }[]; mode: 'publish' | 'preview'; published: boolean } | null>()(
    z.object({ id, singleFile: z.boolean().optional(), preview: z.boolean().optional() }).strict(),
    'Exports a story as publish-ready HTML (or a marked preview)',
  ),
  /** The package opened most recently (the app shows it after a double click), or null. */
  'package:last': channel<PackageArrival | null>()(z.object({}).strict(), 'Reads the most recently opened package'),
  /** After a conflict, a person keeps this machine's text or the incoming one (the other stays a revision). */
  'package:resolve': channel<Story>()(
    z.object({ storyId: id, version: z.number().int().min(1), keep: z.enum(['local', 'incoming']) }).strict(),
    'Resolves a package conflict',
  ),
  /** Backs up the store and its photos now (online backup), then keeps only the newest N. */
  'backup:create': channel<BackupSummary>()(z.object({}).strict(), 'Backs up the store and its photos now'),
  /** Every backup, newest first. */
  'backup:list': channel<BackupSummary[]>()(z.object({}).strict(), 'Lists backups, newest first'),
  /** Full integrity check of the live store (or one backup, by name) and every photo's checksum. */
  'backup:verify': channel<{ ok: boolean; problems: string[]; stories: number | null; photosChecked: number }>()(
    z.object({ name: z.string().regex(/^[\w.-]+\.db$/).max(200).optional() }).strict(),
    'Verifies the store or one backup',
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
