/**
 * The renderer's one door to main: the only file that reads `window.newsroom` (put there by the
 * preload script in the app, and by the test harness in Chromium). Results come back unwrapped;
 * failures are thrown as `ApiError` carrying the contract's error code, so screens can branch on
 * `conflict` or `not-found` and show the message, which already says what to do.
 */
import type { Channel, ChannelArg, ChannelResult, EventName, InvokeOptions, JobProgress, NewsroomBridge, StoreStatus } from '../common/contract/index.js';
import type { ErrorCode, NewsroomErrorShape } from '../common/errors.js';

declare global {
  interface Window {
    newsroom?: NewsroomBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(shape: NewsroomErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

function bridge(): NewsroomBridge {
  const found = window.newsroom;
  if (!found) {
    throw new ApiError({
      code: 'internal',
      message: 'This window cannot reach the story store (the app bridge is missing): restart Newsroom.',
    });
  }
  return found;
}

/**
 * Stories this window opened before the store had them (New story opens at once, under an id the
 * window chose): a call naming one waits until the story is stored, and a failed creation is
 * tried again by the next call, so the save state's Retry also retries it.
 */
const storedAhead = new Map<string, { create: () => Promise<unknown>; stored: Promise<unknown> | null }>();

function storyNamed(arg: unknown): string | null {
  if (typeof arg !== 'object' || arg === null) return null;
  const { id, storyId } = arg as { id?: unknown; storyId?: unknown };
  if (typeof storyId === 'string') return storyId;
  return typeof id === 'string' ? id : null;
}

async function whenStored(storyId: string): Promise<void> {
  const ahead = storedAhead.get(storyId);
  if (!ahead) return;
  ahead.stored ??= ahead.create().then(
    () => storedAhead.delete(storyId),
    (error: unknown) => {
      if (isApiError(error, 'already-exists')) {
        storedAhead.delete(storyId);
        return;
      }
      ahead.stored = null;
      throw error;
    },
  );
  await ahead.stored;
}

/**
 * Creates a story under `id` (a UUIDv7 the window made) without waiting for it: the promise
 * answers when it is stored, and every other call naming the story waits for that first.
 */
export function createStoryAhead(id: string, arg: Omit<ChannelArg<'story:create'>, 'id'> = {}): Promise<void> {
  storedAhead.set(id, { create: () => invokeNow('story:create', { ...arg, id }), stored: null });
  return whenStored(id);
}

/** Calls a channel of the contract and returns its value, or throws an `ApiError`. */
export async function invoke<C extends Channel>(channel: C, arg: ChannelArg<C>, options?: InvokeOptions): Promise<ChannelResult<C>> {
  const named = storedAhead.size > 0 ? storyNamed(arg) : null;
  if (named !== null) await whenStored(named);
  return invokeNow(channel, arg, options);
}

async function invokeNow<C extends Channel>(channel: C, arg: ChannelArg<C>, options?: InvokeOptions): Promise<ChannelResult<C>> {
  let result: Awaited<ReturnType<NewsroomBridge['invoke']>>;
  try {
    result = await (options === undefined ? bridge().invoke(channel, arg) : bridge().invoke(channel, arg, options));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError({
      code: 'internal',
      message: `The story store did not answer (${error instanceof Error ? error.message : String(error)}). Your text is still here: try again.`,
    });
  }
  if (result.ok) return result.value as ChannelResult<C>;
  throw new ApiError(result.error);
}

/** Listens for an event from main (menu commands, window life); returns the unsubscribe function. */
export function onEvent(name: EventName, listener: (payload?: unknown) => void): () => void {
  const found = window.newsroom;
  // Without a bridge there is no main to send events; the invoke calls report the problem.
  if (!found) return () => {};
  return found.on(name, listener);
}

/** Tells main that unsaved text was written after a `window:flush-request`. */
export function flushed(): void {
  window.newsroom?.flushed();
}

/** A long job this window started and has not heard the end of: what it is, how far it is. */
export interface RunningJob {
  job: string;
  /** What the window calls it ("Importing 3 files"). */
  title: string;
  progress: JobProgress | null;
  cancelling: boolean;
}

const runningJobs = new Map<string, RunningJob>();
const jobWatchers = new Set<(jobs: RunningJob[]) => void>();
let nextJob = 1;
let progressFollowed = false;

function jobsChanged(): void {
  const list = [...runningJobs.values()];
  for (const watcher of jobWatchers) watcher(list);
}

/** Hears `job:progress` once for every job of this window. */
function followProgress(): void {
  if (progressFollowed) return;
  progressFollowed = true;
  onEvent('job:progress', (payload) => {
    const progress = payload as JobProgress;
    const running = runningJobs.get(progress.job);
    if (running === undefined) return;
    runningJobs.set(progress.job, { ...running, progress });
    jobsChanged();
  });
}

/**
 * Calls a channel as a long job: its progress shows in the window's job bar (`watchJobs`) until it
 * answers, and `cancelJob` stops it. A cancelled job throws an `ApiError` with code `cancelled`,
 * whose message says what was finished and what was left untouched.
 */
export async function invokeJob<C extends Channel>(channel: C, arg: ChannelArg<C>, title: string): Promise<ChannelResult<C>> {
  followProgress();
  const job = `window-${Date.now().toString(36)}-${nextJob++}`;
  runningJobs.set(job, { job, title, progress: null, cancelling: false });
  jobsChanged();
  try {
    return await invoke(channel, arg, { job });
  } finally {
    runningJobs.delete(job);
    jobsChanged();
  }
}

/** Asks the engine to stop a job at its next step; it answers its call with `cancelled`. */
export async function cancelJob(job: string): Promise<void> {
  const running = runningJobs.get(job);
  if (running !== undefined) {
    runningJobs.set(job, { ...running, cancelling: true });
    jobsChanged();
  }
  await invoke('job:cancel', { job });
}

/** Calls `watcher` with this window's running jobs whenever they change; returns the unsubscribe function. */
export function watchJobs(watcher: (jobs: RunningJob[]) => void): () => void {
  jobWatchers.add(watcher);
  watcher([...runningJobs.values()]);
  return () => {
    jobWatchers.delete(watcher);
  };
}

/** Listens for the story store's state (starting, ready, restarting after a crash, stopped). */
export function onStoreStatus(listener: (status: StoreStatus) => void): () => void {
  return onEvent('store:status', (payload) => {
    if (typeof payload === 'object' && payload !== null && typeof (payload as { state?: unknown }).state === 'string') listener(payload as StoreStatus);
  });
}
