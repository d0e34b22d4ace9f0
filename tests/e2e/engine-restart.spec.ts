/**
 * The engine dies under a save (a native crash in sharp or SQLite, an out-of-memory): the window
 * says the store stopped and is restarting, keeps the reporter's text, and saves it again once the
 * engine is back; nothing acknowledged is lost and the window carries on saving.
 */
import { documentText, parseStoryDocument } from '../../common/document.js';
import { expect, test } from './harness.js';

test('a crash of the engine mid-save: the window says so, keeps the text and saves it again', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('new-story').click();
  await page.getByTestId('headline').fill('Storm closes the ferry');
  await page.getByTestId('story-body').click();
  await page.keyboard.type('The ferry did not sail.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved \d\d:\d\d$/);
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
  const acknowledged = newsroom.stories.get(id);
  expect(documentText(parseStoryDocument(acknowledged.body))).toBe('The ferry did not sail.');

  // Note every banner the window shows, however briefly: the restart may be quick.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __banners: string[] }).__banners = seen;
    new MutationObserver(() => {
      const banner = document.querySelector('[data-testid="store-status"]');
      if (banner && !seen.includes(banner.textContent ?? '')) seen.push(banner.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  // Type on; kill the engine as the save of it goes out.
  const saving = app.nextCall('story:save');
  await page.keyboard.type(' Passengers waited on the quay.');
  await saving;
  app.engine.kill();

  // The window said the store stopped and was restarting, then saved the text again.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __banners: string[] }).__banners), { timeout: 30_000 }).toContainEqual(
    expect.stringContaining('The story store stopped; restarting…'),
  );
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved \d\d:\d\d$/, { timeout: 30_000 });
  await expect(page.getByTestId('store-status')).toHaveCount(0);
  await expect(page.getByTestId('story-body')).toContainText('The ferry did not sail. Passengers waited on the quay.');
  const resaved = newsroom.stories.get(id);
  expect(documentText(parseStoryDocument(resaved.body))).toBe('The ferry did not sail. Passengers waited on the quay.');
  expect(resaved.version).toBeGreaterThan(acknowledged.version);

  // And carries on: the next words are saved over the version it now holds, with no conflict.
  await page.keyboard.type(' The harbour master said it would sail at dawn.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved \d\d:\d\d$/);
  await expect(page.getByTestId('conflict-banner')).toHaveCount(0);
  await expect
    .poll(() => documentText(parseStoryDocument(newsroom.stories.get(id).body)))
    .toBe('The ferry did not sail. Passengers waited on the quay. The harbour master said it would sail at dawn.');
  expect(await app.problems()).toEqual([]);
});
