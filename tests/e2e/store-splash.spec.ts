/**
 * The window behind the start-up splash: while main says the store is starting, the page shows
 * the check's progress over everything; once the store is ready, the splash goes and the page is
 * usable. (Main opens the window early only when the check is slow: electron-splash.test.ts.)
 */
import { expect, test } from './harness.js';

test('the splash shows the start-up check’s progress, and goes when the store is ready', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('desk-view')).toBeVisible();
  await app.emit('store:status', page, { state: 'starting' });
  const splash = page.getByTestId('store-splash');
  await expect(splash).toContainText('Opening the story store…');
  await app.emit('job:progress', page, { job: 'start-check', what: 'Checking the story store', done: 0, total: 0 });
  await expect(splash).toContainText('Checking the story store…');
  await expect(splash.getByRole('progressbar', { name: 'Opening the story store' })).toBeVisible();
  await app.emit('store:status', page, { state: 'ready' });
  await expect(splash).toHaveCount(0);
  await page.getByTestId('new-story').click();
  await expect(page.getByTestId('story-view')).toBeVisible();
  expect(await app.problems()).toEqual([]);
});

test('a store that could not be restarted says what to do; the text stays on screen', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('new-story').click();
  await page.getByTestId('headline').fill('Unsaved words stay');
  await app.emit('store:status', page, { state: 'stopped', reason: 'the engine process stopped with code 134, again; it was restarted 3 times this minute' });
  await expect(page.getByTestId('store-status')).toContainText('The story store stopped and could not be restarted');
  await expect(page.getByTestId('store-status')).toContainText('quit and start Newsroom again');
  await expect(page.getByTestId('headline')).toHaveValue('Unsaved words stay');
});
