/**
 * The renderer's one door to main: the only file that reads `window.newsroom` (put there by the
 * preload script in the app, and by the test harness in Chromium). Results come back unwrapped;
 * failures are thrown as `ApiError` carrying the contract's error code, so screens can branch on
 * `conflict` or `not-found` and show the message, which already says what to do.
 */
import type { Channel, ChannelArg, ChannelResult, EventName, NewsroomBridge } from '../common/contract/index.js';
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

/** Calls a channel of the contract and returns its value, or throws an `ApiError`. */
export async function invoke<C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>> {
  let result: Awaited<ReturnType<NewsroomBridge['invoke']>>;
  try {
    result = await bridge().invoke(channel, arg);
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
