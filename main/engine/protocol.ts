/**
 * The messages between the engine (the store and the services, in a process of their own) and
 * whoever started it: the app's main process, the CLI, the browser harness, the tests. Everything
 * crosses as structured-clone data. The contract's channels travel as `invoke`; the few things
 * only the starter asks (open the store, the start-up check, a photo's file, closing) travel as
 * `request`; dialogs the engine needs go the other way as `platform`.
 */
import type { CallerClaim, InvokeResult } from '../../common/contract/index.js';
import type { NewsroomErrorShape } from '../../common/errors.js';
import type { Rendition } from '../../common/photo.js';
import type { Platform } from '../handlers.js';
import type { StartCheck } from '../services/backups.js';

/** What only the engine's starter may ask; never reachable from the renderer. */
export type EngineRequest =
  /** Opens the store in the data dir ('store'), or only its backups when it is closed or damaged ('closed'). */
  | { what: 'open'; dataDir: string; mode: 'store' | 'closed'; dialogs: (keyof Platform)[]; now?: string; keepInStepWithDesk?: boolean }
  /** The start-up check of the closed store, reporting progress as job `start-check`. */
  | { what: 'check'; dataDir: string; level?: 'quick' | 'light' | 'full' }
  /** Puts the newest good backup in place of the closed store. */
  | { what: 'restore-newest'; dataDir: string }
  /** A backup when the newest is over a day old (in the background, at start); null when none was due. */
  | { what: 'daily-backup' }
  /** The file behind a photo's display copy, made again if it went missing. */
  | { what: 'media-file'; id: string; rendition: Rendition }
  /** Waits for background work (the daily backup), closes the store; the engine then exits. */
  | { what: 'close' };

export interface EngineRequestResults {
  open: { schemaVersion: number };
  check: StartCheck;
  'restore-newest': { restored: string; setAside: string | null };
  'media-file': { file: string };
  'daily-backup': { file: string } | null;
  close: null;
}

export type ToEngine =
  | { type: 'invoke'; id: number; claim: CallerClaim; channel: string; arg: unknown; job?: string }
  | { type: 'cancel'; job: string }
  | { type: 'request'; id: number; request: EngineRequest }
  | { type: 'platform-reply'; id: number; ok: true; value: unknown }
  | { type: 'platform-reply'; id: number; ok: false; error: NewsroomErrorShape };

export type FromEngine =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: InvokeResult<never> }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: NewsroomErrorShape }
  | { type: 'event'; name: EngineEventName; payload: unknown }
  | { type: 'platform'; id: number; method: keyof Platform; args: unknown[] };

/** Events the engine sends on its own: progress of long work, and stories that changed. */
export type EngineEventName = 'job:progress' | 'story:changed' | 'desk:status' | 'doc:update';

/** How far a long job is (declared with the contract, where the window reads it too). */
export type { JobProgress } from '../../common/contract/job.js';

/** The two ends of a message channel, whatever carries it (a child process, Electron's utilityProcess, a MessageChannel). */
export interface MessagePortLike<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
