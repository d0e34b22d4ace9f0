/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds then random bits, so ids sort by creation time
 * and stay unique when stories travel between machines.
 */
let lastMs = -1;
let lastSeq = 0;

export function newId(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  // Keep ids from one process strictly increasing within a millisecond: a 12-bit counter in
  // rand_a, seeded randomly each new millisecond (RFC 9562 §6.2, method 1).
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    lastSeq += 1;
    if (lastSeq > 0xfff) {
      ms = lastMs + 1;
      lastSeq = 0;
    }
  } else {
    lastSeq = ((bytes[6] ?? 0) & 0x07) << 8 | (bytes[7] ?? 0);
  }
  lastMs = ms;
  let t = ms;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = 0x70 | ((lastSeq >> 8) & 0x0f);
  bytes[7] = lastSeq & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
