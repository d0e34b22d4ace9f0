import { parseStoryDocument, documentText } from '../../common/document.js';
import { expect, test } from './harness.js';

test('a new story keeps its headline and text through a reload, and they are in the store', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('new-story').click();
  await expect(page.getByTestId('story-view')).toBeVisible();

  const headline = page.getByTestId('headline');
  await expect(headline).toBeFocused();
  await headline.fill('Council approves flood defences');
  await page.getByTestId('byline').fill('Ann Lee, Bo Chan');
  await page.getByTestId('story-body').click();
  await page.keyboard.type('The river wall will be raised by a metre before winter.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Residents welcomed the vote.');

  await expect(page.getByTestId('save-state')).toHaveText(/^Saved \d\d:\d\d$/);
  await expect(page.getByTestId('word-count')).toHaveText('15 words · 1 min read');

  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
  const stored = newsroom.stories.get(id);
  expect(stored.headline).toBe('Council approves flood defences');
  expect(stored.byline).toEqual(['Ann Lee', 'Bo Chan']);
  expect(documentText(parseStoryDocument(stored.body))).toBe(
    'The river wall will be raised by a metre before winter.\nResidents welcomed the vote.',
  );

  await page.reload();
  await expect(page.getByTestId('headline')).toHaveValue('Council approves flood defences');
  await expect(page.getByTestId('story-body')).toContainText('Residents welcomed the vote.');
  await expect(page.getByTestId('byline')).toHaveValue('Ann Lee, Bo Chan');
  expect(await app.problems()).toEqual([]);
});
