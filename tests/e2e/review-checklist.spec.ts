/**
 * The approval checklist beside the story: a failing required item keeps Approve shut (with the
 * reason on screen), and each problem takes the editor to where it is fixed.
 */
import { documentFromPlainText, emptyPhotoNode } from '../../common/document.js';
import { bodyOfWords, doc } from '../helpers/documents.js';
import { expect, test } from './harness.js';
import { call } from './review-helpers.js';
import { by } from '../helpers/dataDir.js';

test.use({ profile: { name: 'Eve Editor', roles: ['editor'] } });


test('a story without a headline cannot be approved, and the failing item leads the editor to the headline', async ({ app }) => {
  const { page, newsroom, emit } = app;
  const { currentId: eve } = await call(newsroom, 'profile:list', {});
  const ana = await call(newsroom, 'profile:create', { name: 'Ana Lima', roles: ['reporter'] });
  await call(newsroom, 'profile:switch', { id: ana.id });
  const draft = await call(newsroom, 'story:create', {
    fields: { byline: ['Ana Lima'], dateline: { place: 'HULL', date: '' } },
    body: doc('The ferry did not sail this morning.'),
  });
  await call(newsroom, 'workflow:move', { id: draft.id, version: draft.version, action: 'file' });
  await call(newsroom, 'profile:switch', { id: eve as string });

  await page.goto(`${app.url}#/story/${draft.id}`);
  await expect(page.getByTestId('status-badge')).toHaveText('Filed');
  const approve = page.getByTestId('move-approve');
  await expect(approve).toBeDisabled();
  await expect(page.getByTestId('move-blocked')).toHaveText('Approve: Not ready to approve: The story has no headline');

  const headlineItem = page.getByTestId('checklist-item').and(page.locator('[data-item="headline"]'));
  await expect(headlineItem).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('checklist-item').and(page.locator('[data-item="byline"]'))).toHaveAttribute('data-ok', 'true');
  await headlineItem.getByTestId('checklist-problem').click();
  await expect(page.getByTestId('headline')).toBeFocused();

  // Written and saved, the headline opens Approve.
  await page.keyboard.type('Ferry stays in port');
  await page.getByTestId('story-body').click();
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  await expect(headlineItem).toHaveAttribute('data-ok', 'true');
  await expect(approve).toBeEnabled();
  await expect(page.getByTestId('move-blocked')).toHaveCount(0);
  await approve.click();
  await expect(page.getByTestId('status-badge')).toHaveText('Approved');
  expect(newsroom.stories.get(draft.id).status).toBe('approved');

  // File › Switch Profile opens the same switcher as the top bar; Escape closes it.
  await emit('menu:switch-profile');
  const switcher = page.getByTestId('profile-switcher');
  await expect(switcher.getByTestId('profile-choice')).toHaveText([/^Ana Lima/, /^Eve Editor.*working now/]);
  await page.keyboard.press('Escape');
  await expect(switcher).toHaveCount(0);
  expect(await app.problems()).toEqual([]);
});

test('a photo problem on the checklist scrolls the story to that photo', async ({ app }) => {
  const { page, newsroom } = app;
  const body = JSON.parse(bodyOfWords(1500)) as ReturnType<typeof documentFromPlainText>;
  body.root.children.push(emptyPhotoNode(''));
  const story = newsroom.stories.create({
    fields: { headline: 'Statue unveiled', byline: ['Ana Lima'], dateline: { place: 'YORK', date: '' } },
    body: JSON.stringify(body),
  }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  const photo = page.getByTestId('story-body').locator('figure');
  await expect(photo).toHaveCount(1);
  await expect(photo).not.toBeInViewport();

  const photosItem = page.getByTestId('checklist-item').and(page.locator('[data-item="photos"]'));
  await expect(photosItem).toHaveAttribute('data-ok', 'false');
  await photosItem.getByTestId('checklist-problem').filter({ hasText: 'Photo 1 is a placeholder' }).click();
  await expect(photo).toBeInViewport();
  await expect(photo).toHaveClass(/review-flash/);
  expect(await app.problems()).toEqual([]);
});
