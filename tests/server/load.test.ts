/**
 * A short run of the load generator (the full one is `npm run load`): real clients typing on two
 * desk processes joined through Redis, moving stories and refreshing the desk list. Nothing the
 * server acknowledged is missing from PostgreSQL, and every client ends with the server's text.
 */
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load/load.js';

describe('the desk under a short load', () => {
  it('loses nothing acknowledged and converges, across two processes', { timeout: 240_000 }, async () => {
    const result = await runLoad({ editors: 6, stories: 3, seconds: 8, nodes: 2 });
    expect(result.errors).toEqual([]);
    expect(result.keystrokes).toBeGreaterThan(0);
    // Every keystroke (and each client's paragraph) was acknowledged once typing stopped.
    expect(result.acknowledged).toBe(result.keystrokes + 6);
    expect(result.lost).toBe(0);
    expect(result.converged).toBe(true);
    expect(result.fanout.samples).toBeGreaterThan(0);
  });
});
