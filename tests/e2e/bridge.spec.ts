/**
 * The page's `window.newsroom` in e2e is the app's own bundled preload (app/dist/preload.cjs),
 * so its channel and event filter is the one under test, not a copy in the harness.
 */
import { expect, test } from './harness.js';

test('the preload answers an unknown channel with a typed refusal, refuses an unknown event, and relays known ones', async ({ app }) => {
  const { page } = app;
  const unknown = await page.evaluate(() => (window as unknown as { newsroom: { invoke(c: string, a?: unknown): Promise<unknown> } }).newsroom.invoke('story:explode', {}));
  expect(unknown).toEqual({ ok: false, error: { code: 'unknown-channel', message: '"story:explode" is not a Newsroom channel' } });
  const refused = await page.evaluate(() => {
    try {
      (window as unknown as { newsroom: { on(e: string, l: () => void): void } }).newsroom.on('menu:format-disk', () => {});
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(refused).toBe('"menu:format-disk" is not a Newsroom event');
  expect(await page.evaluate(() => Object.isFrozen((window as unknown as { newsroom: object }).newsroom))).toBe(true);
  const listed = (await page.evaluate(() => (window as unknown as { newsroom: { invoke(c: string, a?: unknown): Promise<unknown> } }).newsroom.invoke('story:list', {}))) as { ok: boolean };
  expect(listed.ok).toBe(true);
  expect(await app.problems()).toEqual([]);
});
