/**
 * Issue 13: type-ahead after New story was dropped ("dwaters cut off…" for "Floodwaters cut
 * off…"): the headline got the focus only when the store had answered. Keys sent at machine speed
 * right after the click (no delay between keys) must all land in the headline, every time, and
 * each click makes exactly one story.
 */
import type { Page } from '@playwright/test';
import type { Newsroom } from '../../main/newsroom.js';
import { expect, test } from './harness.js';

const HEADLINES = [
  'Floodwaters cut off the valley road',
  'Council votes to rebuild the bridge',
  ' Spaces first: the button is not pressed twice',
  'Ferry strike called off after talks',
  'Hospital opens a new children’s ward',
  'Rain returns to the north at the weekend',
];

const storyIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
const storyCount = (newsroom: Newsroom) =>
  newsroom.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 100, trashed: false }).total;

test('every letter typed at once after clicking New story is in the headline, and each click makes one story', async ({ app }) => {
  const { page, newsroom } = app;
  const ids: string[] = [];
  for (const [n, headline] of HEADLINES.entries()) {
    await page.getByTestId('new-story').click();
    await page.keyboard.type(headline);
    await expect(page.getByTestId('headline')).toHaveValue(headline);
    ids.push(storyIdOf(page));
    await page.getByTestId('back-to-desk').click();
    await expect(page.getByTestId('new-story')).toBeVisible();
    expect(storyCount(newsroom)).toBe(n + 1);
  }
  expect(new Set(ids).size).toBe(HEADLINES.length);
  expect(ids.map((id) => newsroom.stories.get(id).headline)).toEqual(HEADLINES);
  expect(await app.problems()).toEqual([]);
});

test('the menu’s New Story takes the keys typed right after it, and the body after Enter', async ({ app }) => {
  const { page, newsroom, emit } = app;
  for (const headline of HEADLINES.slice(0, 3)) {
    await emit('menu:new-story');
    await page.keyboard.type(headline);
    await page.keyboard.press('Enter');
    await page.keyboard.type('First line of the text.');
    await expect(page.getByTestId('headline')).toHaveValue(headline);
    await expect(page.getByTestId('story-body')).toHaveText('First line of the text.');
    await expect(page.getByTestId('save-state')).toHaveText(/^Saved /);
    const stored = newsroom.stories.get(storyIdOf(page));
    expect(stored.headline).toBe(headline);
    await page.getByTestId('back-to-desk').click();
  }
  expect(storyCount(newsroom)).toBe(3);
  expect(await app.problems()).toEqual([]);
});

test.describe('with a byline on the profile', () => {
  test.use({ profile: { name: 'Ann', byline: 'Ann Lee', roles: ['reporter'] } });

  test('a story started at once carries the reporter’s byline, on screen and in the store', async ({ app }) => {
    const { page, newsroom } = app;
    await page.getByTestId('new-story').click();
    await page.keyboard.type('Byline comes with the story');
    await expect(page.getByTestId('byline')).toHaveValue('Ann Lee');
    await expect(page.getByTestId('save-state')).toHaveText(/^Saved /);
    const stored = newsroom.stories.get(storyIdOf(page));
    expect(stored.headline).toBe('Byline comes with the story');
    expect(stored.byline).toEqual(['Ann Lee']);
    expect(await app.problems()).toEqual([]);
  });
});
