/**
 * The engine: the store and the services, serving the contract to whoever started it. It runs in
 * a process of its own (entry.ts), so the thread that owns the windows never waits for SQLite, an
 * image resize or an import, and a native crash takes down only the engine, which the starter
 * restarts. The same engine serves the app, the CLI, the browser harness and the tests.
 */
import fs from 'node:fs';
import type { Channel, JobControl } from '../../common/contract/index.js';
import { NewsroomError, environmentError, type NewsroomErrorShape } from '../../common/errors.js';
import { createDoor, createStoreDoor, invokeChannel, type Door, type Platform } from '../handlers.js';
import { openNewsroom, type Newsroom } from '../newsroom.js';
import { createBackupService } from '../services/backups.js';
import { createJobRegistry } from '../services/jobs.js';
import type { EngineRequest, EngineRequestResults, FromEngine, MessagePortLike, ToEngine } from './protocol.js';

/** The splash hears the conversion at start every this many stories (and at its end). */
const CONVERSION_PROGRESS_EVERY = 50;

export interface EngineOptions {
  /** Called for an unexpected error inside a handler (the caller sees only `internal`). */
  log?: (line: string) => void;
}

function shapeOf(error: unknown): NewsroomErrorShape {
  if (error instanceof NewsroomError) return error.toShape();
  const environment = environmentError(error, 'The story store could not finish');
  if (environment !== null) return environment.toShape();
  return { code: 'internal', message: `The story store hit an unexpected problem: ${error instanceof Error ? error.message : String(error)}. Your last saved text is safe; try again.` };
}

export function serveEngine(port: MessagePortLike<ToEngine, FromEngine>, options: EngineOptions = {}): void {
  const log = options.log ?? ((line: string) => console.error(line));
  let newsroom: Newsroom | null = null;
  let door: Door | null = null;
  const jobs = createJobRegistry((progress) => port.post({ type: 'event', name: 'job:progress', payload: progress }));
  const platformCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextPlatformCall = 1;

  /** A dialog the engine needs, asked of its starter (which owns the windows). */
  function remoteDialog<M extends keyof Platform>(method: M): Platform[M] {
    return ((...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const id = nextPlatformCall++;
        platformCalls.set(id, { resolve, reject });
        port.post({ type: 'platform', id, method, args });
      })) as Platform[M];
  }

  /**
   * Converts the stories that have no doc yet, once, at start (a backup first). Its progress is
   * the start-up splash's, as the store check's is (job `start-check`, every 50 stories), so a large
   * archive's first start says what it is doing and how far it is. A store that cannot be written
   * (read-only, full) is left as it is: a story is then converted when it is first opened.
   */
  async function migrateStoryDocs(opened: Newsroom): Promise<void> {
    const job = jobControl('start-check');
    const splash: JobControl = {
      signal: job.signal,
      report: (what, done, total) => {
        if (done % CONVERSION_PROGRESS_EVERY === 0 || done === total) job.report(what, done, total);
      },
    };
    try {
      const run = await opened.storyDocs.migrateStories(() => opened.backups.backup('before-story-docs'), splash);
      if (run.mismatched.length > 0) log(`Newsroom engine: ${run.mismatched.length} stories converted with a difference, kept as revisions and flagged: ${run.mismatched.join(', ')}`);
    } catch (error) {
      log(`Newsroom engine: stories not converted at start (${error instanceof Error ? error.message : String(error)}); each is converted when opened`);
    } finally {
      jobs.finish('start-check');
    }
  }

  function jobControl(job: string): JobControl {
    return jobs.start(job);
  }

  async function request<R extends EngineRequest>(req: R): Promise<EngineRequestResults[R['what']]> {
    switch (req.what) {
      case 'open': {
        newsroom?.close();
        newsroom = null;
        if (req.mode === 'closed') {
          door = createStoreDoor(createBackupService({ dataDir: req.dataDir }), jobs);
          return { schemaVersion: 0 } as EngineRequestResults[R['what']];
        }
        const fixed = req.now === undefined ? undefined : new Date(req.now);
        newsroom = openNewsroom(req.dataDir, fixed === undefined ? {} : { now: () => fixed });
        const dialogs: Partial<Platform> = {};
        for (const method of req.dialogs) (dialogs as Record<string, unknown>)[method] = remoteDialog(method);
        door = createDoor(newsroom, dialogs, jobs);
        await migrateStoryDocs(newsroom);
        // Every change to a doc goes to the windows, tagged with who made it (a window skips its own).
        newsroom.storyDocs.onUpdate((change) => port.post({ type: 'event', name: 'doc:update', payload: change }));
        // The desk's state for this machine, for the window to show ("On the desk", "Offline: N changes waiting").
        newsroom.desk.onStatus((status) => port.post({ type: 'event', name: 'desk:status', payload: status }));
        // The app's engine keeps the stories in step with the desk while it runs, with or without a window on them.
        if (req.keepInStepWithDesk) newsroom.desk.start();
        return { schemaVersion: newsroom.schemaVersion } as EngineRequestResults[R['what']];
      }
      case 'check': {
        const job = jobControl('start-check');
        try {
          // One SQLite check, with no steps to count: say how big the store is, so a long wait makes sense.
          const backups = createBackupService({ dataDir: req.dataDir });
          const bytes = fs.statSync(backups.storeFile(), { throwIfNoEntry: false })?.size ?? 0;
          const what = bytes >= 64 * 1024 * 1024 ? `Checking the story store (${Math.round(bytes / 1024 / 1024)} MB)` : 'Checking the story store';
          job.report(what, 0, 1);
          const check = backups.checkAtStart(req.level ? { level: req.level } : {});
          job.report(what, 1, 1);
          return check as EngineRequestResults[R['what']];
        } finally {
          jobs.finish('start-check');
        }
      }
      case 'restore-newest': {
        const restored = await createBackupService({ dataDir: req.dataDir }).restoreNewestGood();
        return { restored: restored.restored.file, setAside: restored.setAside } as EngineRequestResults[R['what']];
      }
      case 'daily-backup': {
        if (newsroom === null) throw new NewsroomError('store-unavailable', 'The story store is not open, so it cannot be backed up now');
        const taken = await newsroom.backups.backupIfStale();
        return (taken === null ? null : { file: taken.file }) as EngineRequestResults[R['what']];
      }
      case 'media-file': {
        if (newsroom === null) throw new NewsroomError('store-unavailable', 'The story store is not open yet: try again in a moment');
        return { file: await newsroom.media.renditionFile(req.id, req.rendition) } as EngineRequestResults[R['what']];
      }
      case 'close': {
        const closing = newsroom;
        newsroom = null;
        door = null;
        if (closing !== null) {
          // A background backup finishes first: the store is never closed under it.
          await closing.backups.idle();
          closing.close();
        }
        return null as EngineRequestResults[R['what']];
      }
    }
  }

  port.onMessage((message) => {
    switch (message.type) {
      case 'invoke': {
        const job = message.job === undefined ? undefined : jobControl(message.job);
        const current = door;
        const answer =
          current === null
            ? Promise.resolve({ ok: false as const, error: { code: 'store-unavailable' as const, message: 'The story store is not open yet: try again in a moment' } })
            : invokeChannel(current, message.claim, message.channel, message.arg, {
                ...(job === undefined ? {} : { job }),
                onInternalError: (channel: Channel | string, error: unknown) => log(`Newsroom engine: unexpected error in ${channel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
              });
        void answer.then((result) => {
          if (message.job !== undefined) jobs.finish(message.job);
          port.post({ type: 'result', id: message.id, result: result as never });
        });
        return;
      }
      case 'cancel':
        jobs.cancel(message.job);
        return;
      case 'request':
        request(message.request).then(
          (value) => port.post({ type: 'reply', id: message.id, ok: true, value }),
          (error: unknown) => port.post({ type: 'reply', id: message.id, ok: false, error: shapeOf(error) }),
        );
        return;
      case 'platform-reply': {
        const call = platformCalls.get(message.id);
        platformCalls.delete(message.id);
        if (call === undefined) return;
        if (message.ok) call.resolve(message.value);
        else call.reject(new NewsroomError(message.error.code, message.error.message, message.error.details));
        return;
      }
    }
  });
  port.post({ type: 'ready' });
}
