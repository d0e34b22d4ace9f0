import type { Page } from '@playwright/test';
import { documentText, parseStoryDocument } from '../../common/document.js';
import { expect, test } from './harness.js';
import { by } from '../helpers/dataDir.js';

function storyIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
}

test('menu commands from main: new story, find, save revision', async ({ app }) => {
  const { page, newsroom, emit } = app;
  await emit('menu:new-story');
  await expect(page.getByTestId('headline')).toBeFocused();
  await page.keyboard.type('Ferry strike called off');
  const id = storyIdOf(page);

  await emit('menu:save-revision');
  await expect(page.getByTestId('notice')).toHaveText(/^Revision saved \d\d:\d\d/);
  const revisions = newsroom.revisions.list(id);
  expect(revisions.some((r) => r.reason === 'manual' && r.headline === 'Ferry strike called off')).toBe(true);

  await emit('menu:find');
  await expect(page.getByTestId('search')).toBeFocused();
  await page.keyboard.type('ferry');
  await expect(page.getByTestId('search-result')).toHaveCount(1);
});

test('when the window asks to close, typed text is saved before the renderer answers', async ({ app }) => {
  const { page, newsroom, requestFlush } = app;
  await page.getByTestId('new-story').click();
  await page.getByTestId('story-body').click();
  await page.keyboard.type('Last words before the lid closes.');
  // No waiting for autosave: the flush request itself must store the text.
  await requestFlush();
  expect(documentText(parseStoryDocument(newsroom.stories.get(storyIdOf(page)).body))).toBe('Last words before the lid closes.');
});

test('leaving the story for the desk saves it first', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('new-story').click();
  await page.getByTestId('headline').fill('Night bus cuts');
  await page.getByTestId('story-body').click();
  const id = storyIdOf(page);
  await page.keyboard.type('Three routes go.');
  await page.getByTestId('back-to-desk').click();
  await expect(page.getByTestId('desk-view')).toBeVisible();
  expect(documentText(parseStoryDocument(newsroom.stories.get(id).body))).toBe('Three routes go.');
  await expect(page.getByTestId('row-headline')).toHaveText(['Night bus cuts']);
});

test('a story moved to the trash leaves the desk and comes back with Restore', async ({ app }) => {
  const { page, newsroom } = app;
  const story = newsroom.stories.create({ fields: { headline: 'Pier collapse' } }, by(null));
  newsroom.stories.create({ fields: { headline: 'Tide tables' } }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  await page.getByTestId('trash-story').click();
  await expect(page.getByTestId('desk-view')).toBeVisible();
  // Stories made straight in the store have no author: they are on the desk, not in anyone's drafts.
  await page.getByTestId('queue-all').click();
  await expect(page.getByTestId('row-headline')).toHaveText(['Tide tables']);

  await page.getByTestId('toggle-trash').click();
  await expect(page.getByTestId('trash-view')).toBeVisible();
  await expect(page.getByTestId('row-headline')).toHaveText(['Pier collapse']);
  await page.getByTestId('restore-row').click();
  await expect(page.getByTestId('desk-empty')).toBeVisible();

  await page.getByTestId('toggle-trash').click();
  await expect(page.getByTestId('row-headline')).toHaveText(['Pier collapse', 'Tide tables']);
  expect(newsroom.stories.get(story.id).trashedAt).toBeNull();
});
