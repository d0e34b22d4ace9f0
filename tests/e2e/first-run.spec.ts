/**
 * First run: the "type your name" request goes as soon as a name is typed, and the byline starts
 * as the name (and stays what the person makes it).
 */
import { expect, test } from './harness.js';
import { storyIdOf } from './review-helpers.js';

test.use({ profile: null });

test('the name request clears once a name is typed, and the byline defaults to the name', async ({ app }) => {
  const { page, newsroom } = app;
  await expect(page.getByTestId('first-run')).toBeVisible();
  await page.getByTestId('profile-submit').click();
  const problem = page.getByTestId('profile-problem');
  await expect(problem).toHaveText('Type your name: every save and move is recorded with it.');
  await expect(page.getByTestId('profile-name')).toHaveAttribute('aria-invalid', 'true');

  await page.getByTestId('profile-name').pressSequentially('Ana Lima');
  await expect(problem).toHaveCount(0);
  await expect(page.getByTestId('profile-byline')).toHaveValue('Ana Lima');

  // The role is asked for next, and that request goes once a role is chosen.
  await page.getByTestId('profile-submit').click();
  await expect(problem).toHaveText('Choose a role: reporter, editor or both.');
  await page.getByTestId('profile-role-reporter').check();
  await expect(problem).toHaveCount(0);
  await page.getByTestId('profile-submit').click();
  await expect(page.getByTestId('desk-view')).toBeVisible();
  expect(newsroom.profiles.byName('Ana Lima').byline).toBe('Ana Lima');

  // Her stories carry her byline from the start.
  await page.getByTestId('new-story').click();
  await expect(page.getByTestId('byline')).toHaveValue('Ana Lima');
  await page.getByTestId('headline').fill('Ferry stays in port');
  await page.getByTestId('story-body').click();
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(newsroom.stories.get(storyIdOf(page)).byline).toEqual(['Ana Lima']);
  expect(await app.problems()).toEqual([]);
});

test('a byline of one’s own is kept as typed, even when the name changes after it', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('profile-name').fill('Ana');
  await page.getByTestId('profile-byline').fill('A. Lima, Staff Reporter');
  await page.getByTestId('profile-name').fill('Ana Lima');
  await expect(page.getByTestId('profile-byline')).toHaveValue('A. Lima, Staff Reporter');
  await page.getByTestId('profile-role-both').check();
  await page.getByTestId('profile-submit').click();
  await expect(page.getByTestId('desk-view')).toBeVisible();
  expect(newsroom.profiles.byName('Ana Lima').byline).toBe('A. Lima, Staff Reporter');
  expect(await app.problems()).toEqual([]);
});
