/**
 * Several `newsroom desk serve` processes on one desk: they share the PostgreSQL and are joined
 * through Redis. Hocuspocus's Redis extension relays every document update and awareness change
 * to the other processes that have the story open (so people on either process see each other
 * type) and takes a short lock before a process stores a story; a channel of our own tells the
 * other processes when a story moved, so their connections to it ask again what they may do.
 */
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Redis } from 'ioredis';
import type { DeskLog } from './log.js';
import { DeskError } from './errors.js';

export interface ScaleOut {
  extension: RedisExtension;
  /** Tells the other processes that this story's rights changed. */
  announceMove(storyId: string): void;
  close(): Promise<void>;
}

const PREFIX = 'newsroom-desk';
const MOVES = `${PREFIX}#moves`;

function client(url: string, log: DeskLog, what: string): Redis {
  const redis = new Redis(url, {
    // Keep trying while Redis restarts: a process that lost Redis goes on serving its own clients.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    maxRetriesPerRequest: null,
    lazyConnect: false,
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) log(`desk: Redis (${what}) is not answering: ${error.message}; other processes will not see edits made here until it is back`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) log(`desk: Redis (${what}) is back`);
    down = false;
  });
  return redis;
}

export async function joinThroughRedis(url: string, deskId: string, onMove: (storyId: string) => void, log: DeskLog): Promise<ScaleOut> {
  try {
    new URL(url);
  } catch {
    throw new DeskError('bad-request', `--redis-url ${url} is not a URL: give redis://HOST:PORT`);
  }
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new DeskError('unavailable', `Cannot reach Redis at ${url}: ${(error as Error).message}. Start redis-server or check --redis-url`);
  } finally {
    probe.disconnect();
  }
  const extension = new RedisExtension({
    prefix: `${PREFIX}:${deskId}`,
    createClient: () => client(url, log, 'documents'),
  });
  const publisher = client(url, log, 'moves');
  const subscriber = client(url, log, 'moves');
  const channel = `${MOVES}:${deskId}`;
  const self = extension.configuration.identifier;
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const [sender, storyId] = message.split(' ');
    if (sender !== self && storyId !== undefined) onMove(storyId);
  });
  await subscriber.subscribe(channel);
  return {
    extension,
    announceMove(storyId) {
      void publisher.publish(channel, `${self} ${storyId}`).catch(() => undefined);
    },
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
