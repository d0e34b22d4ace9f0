/**
 * The door: every channel of the contract, each handled by the service its prefix names, behind
 * one entrance. `invokeChannel` refuses unknown channels, parses the argument with the channel's
 * schema, works out who is asking from the caller's claim, and turns thrown domain errors into
 * the typed `{ code, message }` the renderer shows. The app's engine, the CLI, the tests and the
 * browser harness all come through it. Handlers hold no logic: each one calls a service.
 */
import { z } from 'zod';
import {
  channelErrors,
  contract,
  isChannel,
  type CallerClaim,
  type CallerContext,
  type Channel,
  type ChannelParsedArg,
  type ChannelResult,
  type BackupSummary,
  type InvokeResult,
  type JobControl,
  type VerifySummary,
} from '../common/contract/index.js';
import { NewsroomError, environmentError, type ErrorCode, type NewsroomErrorShape } from '../common/errors.js';
import type { Newsroom } from './newsroom.js';
import type { BackupInfo, BackupService, VerifyResult } from './services/backups.js';
import { createJobRegistry, type JobRegistry } from './services/jobs.js';

export type Handlers = {
  [C in Channel]: (caller: CallerContext, arg: ChannelParsedArg<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;
};

/** What only the desktop can do (the system's file dialogs); the harness and tests bring their own. */
export interface Platform {
  /** Shows the system's open-file dialog for photos; resolves to the chosen paths ([] if cancelled). */
  chooseImageFiles(): Promise<string[]>;
  /** Shows the system's save dialog; resolves to the chosen path, or null if cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Shows the system's folder dialog for an export; resolves to the folder, or null if cancelled. */
  chooseExportFolder(): Promise<string | null>;
  /** Shows the system's open-file dialog for stories to import; resolves to the chosen paths ([] if cancelled). */
  chooseImportFiles(): Promise<string[]>;
}

export const NO_DIALOGS: Platform = {
  chooseImageFiles: () => Promise.reject(new NewsroomError('invalid-argument', 'There is no file dialog here: pass the photo file instead')),
  chooseSavePath: () => Promise.reject(new NewsroomError('invalid-argument', 'There is no file dialog here: give the output file instead')),
  chooseExportFolder: () => Promise.reject(new NewsroomError('invalid-argument', 'There is no folder dialog here: give the output folder instead')),
  chooseImportFiles: () => Promise.reject(new NewsroomError('invalid-argument', 'There is no file dialog here: pass the files to import instead')),
};

/** The handlers, and how a caller's claim becomes the person the services act for. */
export interface Door {
  handlers: Partial<Handlers>;
  callerFor(claim: CallerClaim): CallerContext;
}

const backupSummary = (b: BackupInfo): BackupSummary => ({ name: b.name, file: b.file, takenAt: b.takenAt, reason: b.reason, bytes: b.bytes });
const verifySummary = (v: VerifyResult): VerifySummary => ({ file: v.file, ok: v.ok, problems: v.problems, stories: v.stories ?? null, photosChecked: v.photosChecked });

/** The backup channels, which work with the store closed too (`createStoreDoor`). */
function backupHandlers(backups: BackupService, storeOpen: boolean): Pick<Handlers, 'backup:create' | 'backup:list' | 'backup:verify' | 'backup:restore'> {
  return {
    'backup:create': async (caller) => {
      const taken = await backups.backup('manual', caller.job);
      return { ...backupSummary(taken), photosCopied: taken.photos.copied, pruned: taken.pruned.length };
    },
    'backup:list': () => backups.list().map(backupSummary),
    // A path to any file only from the command line, where the person typed it; the window picks from the list.
    'backup:verify': async (caller, arg) =>
      verifySummary(arg.name === undefined ? await backups.verify(caller.job) : await backups.verifyBackup(arg.name, { allowOutside: caller.origin === 'cli', job: caller.job })),
    'backup:restore': async (caller, arg) => {
      if (storeOpen) throw new NewsroomError('forbidden', 'A backup can be restored only while the store is closed: quit Newsroom and run newsroom restore');
      const done = await backups.restore(arg.name, { allowOutside: caller.origin === 'cli' });
      return { restored: backupSummary(done.restored), setAside: done.setAside, replacedWasDamaged: done.replacedWasDamaged, photosRestored: done.photosRestored, photoProblems: done.photoProblems };
    },
  };
}

/** `job:cancel`, served by the jobs of the engine (or of this process) the call came through. */
function jobHandlers(jobs: JobRegistry): Pick<Handlers, 'job:cancel'> {
  return { 'job:cancel': (_caller, arg) => ({ cancelled: jobs.cancel(arg.job) }) };
}

/** Jobs nobody follows: for a door used in-process, where no caller passes a job id. */
const localJobs = (): JobRegistry => createJobRegistry(() => undefined);

export function createHandlers(newsroom: Newsroom, platform: Partial<Platform> = {}, jobs: JobRegistry = localJobs()): Handlers {
  const { stories, revisions, media, settings, profiles, workflow, notes, imports, houseStyle, publishing, packages, backups, storyDocs } = newsroom;
  const dialogs: Platform = { ...NO_DIALOGS, ...platform };
  return {
    'story:create': (caller, arg) => stories.create(arg, caller),
    'story:get': (_caller, arg) => stories.get(arg.id),
    'story:save': (caller, arg) => stories.save(arg, caller),
    'story:close': (_caller, arg) => stories.close(arg.id),
    'story:trash': (_caller, arg) => stories.trash(arg.id),
    'story:restore': (_caller, arg) => stories.restore(arg.id),
    'story:purge': (_caller, arg) => {
      stories.purge(arg.id);
      return { purged: true };
    },
    'story:list': (_caller, { status, desk, createdBy, ...page }) => stories.list({ ...page, filter: { status, desk, createdBy } }),
    'story:search': (_caller, { query, limit, offset, status, desk, createdBy }) => stories.search(query, limit, { offset, filter: { status, desk, createdBy } }),
    'story:search-count': (_caller, { query, status, desk, createdBy }) => ({ total: stories.searchCount(query, { status, desk, createdBy }) }),
    'revision:list': (_caller, arg) => revisions.list(arg.storyId),
    'revision:get': (_caller, arg) => revisions.get(arg.id),
    'revision:create': (_caller, arg) => revisions.create(arg.storyId),
    'revision:restore': (caller, arg) => revisions.restore(arg, caller),
    'media:import': (_caller, arg) => media.importPhoto(arg.name, arg.bytes),
    'media:choose': async (caller) => media.importFiles(await dialogs.chooseImageFiles(), caller),
    'media:get': (_caller, arg) => media.get(arg.id),
    'media:list': (_caller, arg) => media.ofStory(arg.id),
    'media:confirm-rights': (caller, arg) => media.confirmRights(arg, caller),
    'settings:get': () => settings.get(),
    'settings:set': (_caller, arg) => settings.set(arg),
    'profile:list': (caller) => ({ profiles: profiles.list(), currentId: caller.actor?.id ?? null }),
    'profile:create': (_caller, arg) => profiles.create(arg),
    'profile:switch': (_caller, arg) => profiles.switchTo(arg.id),
    'workflow:moves': (caller, arg) => workflow.moves(arg.id, caller),
    'workflow:move': (caller, arg) => workflow.move(arg, caller),
    'workflow:checklist': (_caller, arg) => workflow.checklist(arg.id, houseStyle.check(arg.id).findings.length),
    'workflow:history': (_caller, arg) => workflow.history(arg.id),
    'workflow:diff': (_caller, arg) => workflow.diff(arg),
    'workflow:queues': (_caller, arg) => workflow.queues(arg.desk),
    'note:list': (_caller, arg) => notes.list(arg.storyId),
    'note:add': (caller, arg) => notes.add(arg, caller),
    'note:resolve': (caller, arg) => notes.resolve(arg.id, caller),
    'import:file': (caller, arg) => imports.importFile({ name: arg.name, bytes: arg.bytes }, caller),
    'import:choose': async (caller) => imports.importFiles(await dialogs.chooseImportFiles(), caller),
    'style:check': (_caller, arg) => houseStyle.check(arg.id),
    'style:ignore': (caller, arg) => {
      if (arg.ignore) houseStyle.ignore(arg.storyId, arg.findingId, caller);
      else houseStyle.unignore(arg.storyId, arg.findingId);
      return { ignored: arg.ignore };
    },
    'style:get': () => houseStyle.style(),
    'export:preview': (_caller, arg) => publishing.preview(arg.id),
    'export:story': (caller, arg) =>
      publishing.exportToChosenFolder({ ref: arg.id, singleFile: arg.singleFile, preview: arg.preview }, caller, () => dialogs.chooseExportFolder()),
    'export:approved': async (caller) => {
      const folder = await dialogs.chooseExportFolder();
      return folder === null ? null : publishing.exportAllApproved(folder, caller);
    },
    'package:export': async (caller, arg) => {
      // Ask where first: packing marks the packed version as the one both sides share.
      const target = await dialogs.chooseSavePath(packages.fileNameFor(arg.id));
      return target === null ? null : packages.exportTo(arg.id, target, caller.job);
    },
    'package:open': (caller, arg) => packages.unpack(arg.name, arg.bytes, caller.job),
    'package:resolve': (_caller, arg) => packages.resolve(arg),
    'package:last': () => packages.lastArrival(),
    ...backupHandlers(backups, true),
    ...jobHandlers(jobs),
    'app:info': () => ({ dataDir: newsroom.dataDir, appVersion: newsroom.appVersion, schemaVersion: newsroom.schemaVersion }),
    'desk:status': () => newsroom.desk.status(),
    'desk:sync': (_caller, arg) => newsroom.desk.syncNow(arg.timeoutMs === undefined ? {} : { timeoutMs: arg.timeoutMs }),
    'desk:move': (_caller, arg) => newsroom.desk.move(arg.id, arg.action, arg.note),
    'desk:list': () => newsroom.desk.deskList(),
    'desk:open': (_caller, arg) => newsroom.desk.open(arg.id),
    'doc:open': (_caller, arg) => storyDocs.open(arg.id),
    'doc:update': async (caller, arg) => {
      await storyDocs.applyUpdate(arg.id, arg.update, caller, `${caller.origin}:${arg.origin}`);
      return { saved: true };
    },
    'doc:close': (_caller, arg) => {
      storyDocs.close(arg.id);
      return { closed: true };
    },
  };
}

/** The door of an open newsroom: every channel, callers looked up among its profiles. */
export function createDoor(newsroom: Newsroom, platform: Partial<Platform> = {}, jobs?: JobRegistry): Door {
  return { handlers: createHandlers(newsroom, platform, jobs), callerFor: (claim) => newsroom.profiles.caller(claim) };
}

/**
 * The door of a data dir whose store is closed (or too damaged to open): only the backup channels,
 * so the command line can list, check and restore; nobody is looked up.
 */
export function createStoreDoor(backups: BackupService, jobs: JobRegistry = localJobs()): Door {
  return { handlers: { ...backupHandlers(backups, false), ...jobHandlers(jobs) }, callerFor: (claim) => ({ origin: claim.origin, actor: null }) };
}

function describeInvalid(channel: Channel, error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  return `${channel} was called with a bad argument${where}: ${issue?.message ?? 'not accepted'}`;
}

export interface InvokeOptions {
  /** Called with unexpected (non-domain) errors, which the caller sees only as `internal`. */
  onInternalError?: (channel: string, error: unknown) => void;
  /** Called when a handler answers with a domain error its channel does not declare (a bug in the contract or the service). */
  onUndeclaredError?: (channel: Channel, code: ErrorCode) => void;
  /** When the caller follows the call as a long job: progress goes here, and its cancel arrives here. */
  job?: JobControl;
}

export async function invokeChannel(door: Door, claim: CallerClaim, channel: unknown, rawArg: unknown, options: InvokeOptions = {}): Promise<InvokeResult<Channel>> {
  if (!isChannel(channel)) {
    return fail({ code: 'unknown-channel', message: `"${String(channel).slice(0, 80)}" is not a Newsroom channel` });
  }
  const handler = door.handlers[channel] as ((caller: CallerContext, arg: unknown) => unknown) | undefined;
  if (handler === undefined) {
    return fail({ code: 'store-unavailable', message: `The story store is not open, so ${channel} cannot be served now: open the store (or restore a backup) and try again` });
  }
  const parsed = contract[channel].arg.safeParse(rawArg);
  if (!parsed.success) return fail({ code: 'invalid-argument', message: describeInvalid(channel, parsed.error) });
  try {
    const caller = options.job === undefined ? door.callerFor(claim) : { ...door.callerFor(claim), job: options.job };
    return { ok: true, value: (await handler(caller, parsed.data)) as ChannelResult<Channel> };
  } catch (error) {
    if (error instanceof NewsroomError) {
      if (!channelErrors(channel).includes(error.code)) options.onUndeclaredError?.(channel, error.code);
      return fail(error.toShape());
    }
    const environment = environmentError(error, `Newsroom could not finish that (${channel})`);
    if (environment !== null) return fail(environment.toShape());
    options.onInternalError?.(channel, error);
    return fail({
      code: 'internal',
      message: `Newsroom hit an unexpected problem in ${channel}: ${(error as Error)?.message ?? String(error)}. Your last saved text is safe; try again.`,
    });
  }
}

function fail(error: NewsroomErrorShape): InvokeResult<Channel> {
  return { ok: false, error };
}
