/**
 * The desk's limits on what one client may send: the size of one document message, and the
 * volume of messages one WebSocket connection may send (a token bucket of messages and one of
 * bytes, refilled each second). A connection over its volume is closed with 4429 and a reason;
 * its provider connects again and sends what the server has not acknowledged, so nothing is lost,
 * and everyone else is served meanwhile.
 */

/** No single document message may be larger: a bigger one closes that connection (1009) and nothing else. */
export const MAX_UPDATE_BYTES = 5 * 1024 * 1024;

/** The close code of a connection that sent more than its volume (4000-4999: the application's own; 429 as in HTTP). */
export const RATE_LIMITED_CLOSE = 4429;

export interface UpdateVolume {
  /** Messages a connection may send at once, and per second after that. */
  messageBurst: number;
  messagesPerSecond: number;
  /** Bytes a connection may send at once, and per second after that. */
  byteBurst: number;
  bytesPerSecond: number;
}

/**
 * Generous for people (a reporter types a few characters a second; an engine opening 300 stories
 * sends about a thousand messages at once) and small for a flood.
 */
export const DEFAULT_VOLUME: UpdateVolume = {
  messageBurst: 5_000,
  messagesPerSecond: 500,
  byteBurst: 4 * MAX_UPDATE_BYTES,
  bytesPerSecond: 4 * 1024 * 1024,
};

export interface VolumeMeter {
  /** Counts one message of `bytes`: false when the connection is over its volume. */
  take(bytes: number): boolean;
}

export function volumeMeter(volume: UpdateVolume, now: () => number = Date.now): VolumeMeter {
  let messages = volume.messageBurst;
  let bytes = volume.byteBurst;
  let at = now();
  return {
    take(size) {
      const t = now();
      const seconds = Math.max(0, t - at) / 1000;
      at = t;
      messages = Math.min(volume.messageBurst, messages + seconds * volume.messagesPerSecond);
      bytes = Math.min(volume.byteBurst, bytes + seconds * volume.bytesPerSecond);
      if (messages < 1 || bytes < size) return false;
      messages -= 1;
      bytes -= size;
      return true;
    },
  };
}
