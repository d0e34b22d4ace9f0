/**
 * The one contract between the renderer (or the CLI, or a test) and the engine. Each `domain:verb`
 * channel, declared in the file of its domain, names the schema of its argument (checked before
 * any service sees it), the type of its result, and the errors it may answer with. The channel's
 * prefix names the service that serves it. The engine must handle every channel (see `Handlers`);
 * the renderer can only call channels listed here.
 */
import type { z } from 'zod';
import { CHANNEL_NAMES, EVENT_NAMES_LIST } from '../channels.js';
import type { ErrorCode, NewsroomErrorShape } from '../errors.js';
import { appChannels } from './app.js';
import { backupChannels } from './backup.js';
import { deskChannels } from './desk.js';
import { docChannels } from './doc.js';
import { ANY_CHANNEL_ERRORS } from './define.js';
import { exportChannels } from './export.js';
import { importChannels } from './import.js';
import { jobChannels } from './job.js';
import { mediaChannels } from './media.js';
import { noteChannels } from './note.js';
import { packageChannels } from './package.js';
import { profileChannels } from './profile.js';
import { revisionChannels } from './revision.js';
import { settingsChannels } from './settings.js';
import { storyChannels } from './story.js';
import { styleChannels } from './style.js';
import { workflowChannels } from './workflow.js';

export type { AuditEntry, MoveOption, StoryDiff } from './workflow.js';
export type { DeskListEntry, DeskMoveResult, DeskStatus, DeskSyncReport } from './desk.js';
export type { BackupSummary, NewBackupSummary, RestoreSummary, VerifySummary } from './backup.js';
export type { CallerClaim, CallerContext, JobControl, Origin } from './caller.js';
export type { ExportBatch, ExportedFiles } from './export.js';
export type { ImportBatch, ImportReport } from './import.js';
export type { JobProgress } from './job.js';
export type { StoreStatus } from './app.js';
export type { ImportedPhoto, PhotoBatch, StoryPhoto } from './media.js';
export type { NewsroomSettings } from './settings.js';
export type { PackageArrival } from './package.js';
export type { Profile } from './profile.js';
export type { StoryNote } from './note.js';
export type { StoryDocState, StoryDocUpdate } from './doc.js';
export { ORIGINS } from './caller.js';
export { ANY_CHANNEL_ERRORS } from './define.js';

export const contract = {
  ...storyChannels,
  ...revisionChannels,
  ...mediaChannels,
  ...settingsChannels,
  ...profileChannels,
  ...workflowChannels,
  ...noteChannels,
  ...importChannels,
  ...styleChannels,
  ...exportChannels,
  ...packageChannels,
  ...backupChannels,
  ...appChannels,
  ...jobChannels,
  ...deskChannels,
  ...docChannels,
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

/** Every error code a channel may answer with: its own, and those any channel may. */
export function channelErrors(channel: Channel): readonly ErrorCode[] {
  return [...ANY_CHANNEL_ERRORS, ...contract[channel].errors];
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

/** How the window follows a call: as a long job with this id (at most 100 characters). */
export interface InvokeOptions {
  job?: string;
}

/** The one object preload puts on `window.newsroom`. */
export interface NewsroomBridge {
  /** Calls a channel; with `job`, the call is followed as a long job (`job:progress` events, `job:cancel`). */
  invoke<C extends Channel>(channel: C, arg: ChannelArg<C>, options?: InvokeOptions): Promise<InvokeResult<C>>;
  /** Listens for an event from main; some carry a payload (a job's progress, the store's state). */
  on(event: EventName, listener: (payload?: unknown) => void): () => void;
  /** Tells main the renderer has flushed after a `window:flush-request`. */
  flushed(): void;
}
