import type { Page } from '@playwright/test';
import { documentText, parseStoryDocument } from '../../common/document.js';
import { expect, test, type NewsroomPage } from './harness.js';
import { by } from '../helpers/dataDir.js';

function storyIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
}

/** Opens the same story in two windows, then saves it from the second one. */
async function editedElsewhere(app: NewsroomPage) {
  const { page: mine, newsroom } = app;
  const story = newsroom.stories.create({ fields: { headline: 'Harbour fire' } }, by(null));
  await mine.goto(`${app.url}#/story/${story.id}`);
  await expect(mine.getByTestId('save-state')).toHaveText(/^Saved/);

  const theirs = await app.openPage();
  await theirs.goto(`${app.url}#/story/${story.id}`);
  await theirs.getByTestId('story-body').click();
  await theirs.keyboard.type('Their version: two boats burned.');
  await expect(theirs.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(newsroom.stories.get(story.id).version).toBeGreaterThan(story.version);

  // My window still edits the version it opened.
  await mine.getByTestId('story-body').click();
  await mine.keyboard.type('My version: three boats burned, say firefighters.');
  await expect(mine.getByTestId('conflict-banner')).toBeVisible();
  await expect(mine.getByTestId('save-state')).toHaveText('Not saved: the story was changed elsewhere');
  return { mine, theirs, storyId: story.id };
}

test('a story saved in another window is not overwritten, and "Save my text as a copy" keeps what I typed', async ({ app }) => {
  const { newsroom } = app;
  const { mine, storyId } = await editedElsewhere(app);

  // My text stays in my editor, and the store still holds theirs.
  await expect(mine.getByTestId('story-body')).toHaveText('My version: three boats burned, say firefighters.');
  expect(documentText(parseStoryDocument(newsroom.stories.get(storyId).body))).toBe('Their version: two boats burned.');

  // Typing on, and leaving the editor, still do not write over theirs (checked once the copy is made).
  await mine.keyboard.type(' More.');
  await mine.getByTestId('headline').click();
  await expect(mine.getByTestId('conflict-banner')).toBeVisible();

  await mine.getByTestId('save-copy').click();
  await expect(mine.getByTestId('headline')).toHaveValue('Harbour fire (copy)');
  await expect(mine.getByTestId('story-body')).toHaveText('My version: three boats burned, say firefighters. More.');
  await expect(mine.getByTestId('save-state')).toHaveText(/^Saved/);

  const copyId = storyIdOf(mine);
  expect(copyId).not.toBe(storyId);
  const copy = newsroom.stories.get(copyId);
  expect(copy.headline).toBe('Harbour fire (copy)');
  expect(documentText(parseStoryDocument(copy.body))).toBe('My version: three boats burned, say firefighters. More.');
  expect(documentText(parseStoryDocument(newsroom.stories.get(storyId).body))).toBe('Their version: two boats burned.');
  expect(await app.problems()).toEqual([]);
});

test('"Reload theirs" shows the other version and later edits save over it normally', async ({ app }) => {
  const { newsroom } = app;
  const { mine, storyId } = await editedElsewhere(app);

  await mine.getByTestId('reload-theirs').click();
  await expect(mine.getByTestId('conflict-banner')).toHaveCount(0);
  await expect(mine.getByTestId('story-body')).toHaveText('Their version: two boats burned.');
  await expect(mine.getByTestId('save-state')).toHaveText(/^Saved/);

  await mine.getByTestId('story-body').click();
  await mine.keyboard.press('ControlOrMeta+End');
  await mine.keyboard.type(' Nobody was hurt.');
  await expect(mine.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(documentText(parseStoryDocument(newsroom.stories.get(storyId).body))).toBe('Their version: two boats burned. Nobody was hurt.');
});

test('closing the window during a conflict keeps my text as a copy instead of losing it', async ({ app }) => {
  const { newsroom } = app;
  const { mine, storyId } = await editedElsewhere(app);
  await app.requestFlush(mine);

  const { items } = newsroom.stories.list({ sort: 'headline', direction: 'asc', offset: 0, limit: 10, trashed: false });
  const copy = items.find((story) => story.headline === 'Harbour fire (copy)');
  expect(copy).toBeDefined();
  expect(documentText(parseStoryDocument(newsroom.stories.get(copy?.id ?? '').body))).toBe('My version: three boats burned, say firefighters.');
  expect(documentText(parseStoryDocument(newsroom.stories.get(storyId).body))).toBe('Their version: two boats burned.');
});
