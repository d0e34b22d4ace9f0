/**
 * The starter's side of the engine: starts the engine process, opens the store in it, relays the
 * contract, answers its dialog requests, and restarts it if it dies (a native crash in sharp or
 * SQLite, running out of memory). Calls in flight when it dies answer `store-unavailable`, saying
 * it is restarting; calls made while it restarts wait for it. Nothing acknowledged is lost: a
 * save is acknowledged only after its transaction has committed (`synchronous=FULL`).
 */
import type { CallerClaim, Channel, ChannelArg, InvokeResult, StoreStatus } from '../../common/contract/index.js';
import { NewsroomError, type NewsroomErrorShape } from '../../common/errors.js';
import type { Platform } from '../handlers.js';
import type { EngineEventName, EngineRequest, EngineRequestResults, FromEngine, ToEngine } from './protocol.js';

/** One running engine process, whatever started it (Node's fork, Electron's utilityProcess). */
export interface EngineProcess {
  post(message: ToEngine): void;
  onMessage(listener: (message: FromEngine) => void): void;
  /** Called once when the process ends, with a reason in words. */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

export type SpawnEngine = () => EngineProcess;

/** The store's state as the window shows it (declared with the contract). */
export type { StoreStatus };

export interface EngineHostOptions {
  spawn: SpawnEngine;
  dataDir: string;
  /** 'closed' serves only the backup channels, for a store that is closed or damaged. */
  mode?: 'store' | 'closed';
  /** The dialogs this starter can show; the engine asks for them by name. */
  platform?: Partial<Platform>;
  /** Progress of long jobs and stories that changed (from the engine); the store's status (from the host). */
  onEvent?: (name: EngineEventName | 'store:status', payload: unknown) => void;
  /** Restart a dead engine (default true); at most this many times a minute (default 3). */
  restarts?: number;
  /** A fixed clock for the engine (tests). */
  now?: string;
  /** Keep the stories in step with the connected desk while the engine runs (the app; not a one-off CLI command). */
  keepInStepWithDesk?: boolean;
}

export interface EngineHost {
  /** Settles when the engine process has started (before the store is open). */
  started: Promise<void>;
  /** Opens the store (or its backups only, in 'closed' mode); rejects with why it cannot be opened. */
  open(): Promise<void>;
  invoke<C extends Channel>(claim: CallerClaim, channel: C, arg: ChannelArg<C> | unknown, options?: { job?: string }): Promise<InvokeResult<C>>;
  cancel(job: string): void;
  /** What only the starter asks: the start-up check, a restore, a photo's file. */
  request<R extends Exclude<EngineRequest, { what: 'open' | 'close' }>>(request: R): Promise<EngineRequestResults[R['what']]>;
  status(): StoreStatus;
  /** Closes the store (after background work) and ends the engine. */
  close(): Promise<void>;
  /** Ends the engine process at once, as a crash would (tests). */
  kill(): void;
}

const STOPPED = (reason: string): NewsroomErrorShape => ({
  code: 'store-unavailable',
  message: `The story store stopped (${reason}); Newsroom is restarting it. Your text is still here: it will be saved again.`,
});

export function startEngineHost(options: EngineHostOptions): EngineHost {
  const restartsPerMinute = options.restarts ?? 3;
  const dialogNames = Object.keys(options.platform ?? {}) as (keyof Platform)[];
  let status: StoreStatus = { state: 'starting' };
  let child: EngineProcess | null = null;
  let nextId = 1;
  type Answer = Extract<FromEngine, { type: 'result' | 'reply' }> | { type: 'stopped'; reason: string };
  const pending = new Map<number, (answer: Answer) => void>();
  /** Set once the store has been opened: a restarted engine opens it again. */
  let wantOpen = false;
  let started: Promise<void>;
  let opened: Promise<void> | null = null;
  let closing = false;
  let closed: Promise<void> | null = null;
  const restartTimes: number[] = [];
  // Calls made before the starter opens the store (a window shown behind the start-up splash)
  // wait for it to be asked to open, or to close.
  let askedToOpen: () => void = () => undefined;
  const openAsked = new Promise<void>((resolve) => (askedToOpen = resolve));

  const setStatus = (next: StoreStatus) => {
    status = next;
    options.onEvent?.('store:status', next);
  };

  function send(build: (id: number) => ToEngine): Promise<Answer> {
    return new Promise((resolve) => {
      if (child === null) {
        resolve({ type: 'stopped', reason: 'it is not running' });
        return;
      }
      const id = nextId++;
      pending.set(id, resolve);
      child.post(build(id));
    });
  }

  async function answerDialog(message: Extract<FromEngine, { type: 'platform' }>): Promise<void> {
    const dialog = options.platform?.[message.method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    try {
      if (dialog === undefined) throw new NewsroomError('invalid-argument', 'There is no such dialog here');
      const value = await dialog(...message.args);
      child?.post({ type: 'platform-reply', id: message.id, ok: true, value });
    } catch (error) {
      const shape = error instanceof NewsroomError ? error.toShape() : { code: 'internal' as const, message: `The dialog failed: ${(error as Error).message}` };
      child?.post({ type: 'platform-reply', id: message.id, ok: false, error: shape });
    }
  }

  async function openStore(): Promise<void> {
    await started;
    const answer = await send((id) => ({
      type: 'request',
      id,
      request: {
        what: 'open',
        dataDir: options.dataDir,
        mode: options.mode ?? 'store',
        dialogs: dialogNames,
        ...(options.now ? { now: options.now } : {}),
        ...(options.keepInStepWithDesk ? { keepInStepWithDesk: true } : {}),
      },
    }));
    if (answer.type === 'stopped') throw new NewsroomError('store-unavailable', STOPPED(answer.reason).message);
    if (answer.type === 'reply' && !answer.ok) throw new NewsroomError(answer.error.code, answer.error.message, answer.error.details);
    setStatus({ state: 'ready' });
  }

  function launch(): Promise<void> {
    const proc = options.spawn();
    child = proc;
    let onReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    proc.onMessage((message) => {
      if (message.type === 'ready') onReady();
      else if (message.type === 'result' || message.type === 'reply') {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message);
      } else if (message.type === 'event') options.onEvent?.(message.name, message.payload);
      else if (message.type === 'platform') void answerDialog(message);
    });
    proc.onExit((reason) => {
      if (child === proc) child = null;
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve({ type: 'stopped', reason });
      }
      onReady();
      if (closing) return;
      const now = Date.now();
      while (restartTimes.length > 0 && now - (restartTimes[0] as number) > 60_000) restartTimes.shift();
      if (restartTimes.length >= restartsPerMinute) {
        setStatus({ state: 'stopped', reason: `${reason}, again; it was restarted ${restartsPerMinute} times this minute` });
        return;
      }
      restartTimes.push(now);
      setStatus({ state: 'restarting', reason });
      started = launch();
      if (wantOpen) {
        opened = openStore();
        opened.catch(() => undefined);
      }
    });
    return ready;
  }

  started = launch();

  /** Waits for the store to be open, through restarts; false when it cannot be. */
  async function isOpen(): Promise<boolean> {
    await openAsked;
    for (;;) {
      const waiting = opened;
      if (waiting === null) return false;
      try {
        await waiting;
        return true;
      } catch {
        if (waiting === opened) return false;
      }
    }
  }

  return {
    get started() {
      return started;
    },
    open() {
      wantOpen = true;
      opened = openStore();
      askedToOpen();
      return opened;
    },
    async invoke(claim, channel, arg, invokeOptions = {}) {
      if (!(await isOpen())) return { ok: false, error: STOPPED(status.state === 'stopped' ? status.reason : 'it is not open') };
      const answer = await send((id) => ({ type: 'invoke', id, claim, channel, arg, ...(invokeOptions.job ? { job: invokeOptions.job } : {}) }));
      if (answer.type === 'stopped') return { ok: false, error: STOPPED(answer.reason) };
      return (answer as Extract<FromEngine, { type: 'result' }>).result as InvokeResult<typeof channel>;
    },
    cancel(job) {
      child?.post({ type: 'cancel', job });
    },
    async request(request) {
      if ((request.what === 'media-file' || request.what === 'daily-backup') && !(await isOpen())) throw new NewsroomError('store-unavailable', STOPPED('it is not open').message);
      await started;
      const answer = await send((id) => ({ type: 'request', id, request }));
      if (answer.type === 'stopped') throw new NewsroomError('store-unavailable', STOPPED(answer.reason).message);
      const reply = answer as Extract<FromEngine, { type: 'reply' }>;
      if (!reply.ok) throw new NewsroomError(reply.error.code, reply.error.message, reply.error.details);
      return reply.value as EngineRequestResults[(typeof request)['what']];
    },
    status: () => status,
    close() {
      // A second caller (the quit, then a test's clean-up) waits for the same close to finish.
      closed ??= (async () => {
        closing = true;
        askedToOpen();
        const proc = child;
        if (proc === null) return;
        const exited = new Promise<void>((resolve) => proc.onExit(() => resolve()));
        await send((id) => ({ type: 'request', id, request: { what: 'close' } }));
        proc.kill();
        await exited;
        setStatus({ state: 'stopped', reason: 'closed' });
      })();
      return closed;
    },
    kill() {
      child?.kill();
    },
  };
}
