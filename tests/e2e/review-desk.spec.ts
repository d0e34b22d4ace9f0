/**
 * The desk's queues: each person starts where their role works (editors on the filed copy,
 * reporters on their drafts), every state of the workflow has its queue and count, and the list
 * narrows to one desk or one person.
 */
import type { Page } from '@playwright/test';
import { doc } from '../helpers/documents.js';
import { expect, test, type NewsroomPage } from './harness.js';
import { call, switchProfile } from './review-helpers.js';

test.use({ profile: null });


/** Writes a story as the current profile, filed when asked. */
async function story(newsroom: NewsroomPage['newsroom'], headline: string, desk: string, ...actions: Array<'file'>) {
  let written = await call(newsroom, 'story:create', {
    fields: { headline, desk, byline: ['Staff'], dateline: { place: 'LEEDS', date: '' } },
    body: doc(`${headline}, in a sentence.`),
  });
  for (const action of actions) written = await call(newsroom, 'workflow:move', { id: written.id, version: written.version, action });
  return written;
}

const headlines = (page: Page) => page.getByTestId('story-rows').getByTestId('row-headline');
const count = (page: Page, queue: string) => page.getByTestId(`queue-${queue}`).getByTestId('queue-count');

test('queues count the stories in each state, start where the role works, and narrow to a desk or a person', async ({ app }) => {
  const { page, newsroom } = app;
  const ana = await call(newsroom, 'profile:create', { name: 'Ana Lima', roles: ['reporter'] });
  const ben = await call(newsroom, 'profile:create', { name: 'Ben Okafor', roles: ['reporter'] });
  const eve = await call(newsroom, 'profile:create', { name: 'Eve Editor', roles: ['editor'] });

  await call(newsroom, 'profile:switch', { id: ana.id });
  await story(newsroom, 'Budget row', 'Politics');
  await story(newsroom, 'Mayor resigns', 'Politics', 'file');
  await call(newsroom, 'profile:switch', { id: ben.id });
  await story(newsroom, 'Derby abandoned', 'Sport', 'file');
  await story(newsroom, 'Cup draw', 'Sport');
  const taken = await story(newsroom, 'Transfer window', 'Sport', 'file');
  await call(newsroom, 'profile:switch', { id: eve.id });
  await call(newsroom, 'workflow:move', { id: taken.id, version: taken.version, action: 'take' });
  await page.reload();

  // The editor starts on the filed copy.
  await expect(page.getByTestId('queue-filed')).toHaveAttribute('aria-pressed', 'true');
  await expect(headlines(page)).toHaveText(['Derby abandoned', 'Mayor resigns']);
  await expect(count(page, 'filed')).toHaveText('2');
  await expect(count(page, 'in-edit')).toHaveText('1');
  await expect(count(page, 'mine')).toHaveText('0');
  await expect(count(page, 'approved')).toHaveText('0');
  await expect(count(page, 'all')).toHaveText('5');

  await page.getByTestId('queue-in-edit').click();
  await expect(headlines(page)).toHaveText(['Transfer window']);

  // One desk: the list and the counts follow.
  await page.getByTestId('queue-filed').click();
  await page.getByTestId('filter-desk').fill('Sport');
  await expect(headlines(page)).toHaveText(['Derby abandoned']);
  await expect(count(page, 'filed')).toHaveText('1');
  await expect(count(page, 'all')).toHaveText('3');
  await page.getByTestId('filter-desk').fill('');

  // One person.
  await page.getByTestId('filter-person').selectOption({ label: 'Ana Lima' });
  await expect(headlines(page)).toHaveText(['Mayor resigns']);
  await expect(count(page, 'filed')).toHaveText('1');
  await expect(count(page, 'all')).toHaveText('2');
  await page.getByTestId('queue-all').click();
  await expect(headlines(page)).toHaveText(['Mayor resigns', 'Budget row']);
  // Sorting still works inside a queue.
  await page.getByTestId('sort-headline').click();
  await expect(headlines(page)).toHaveText(['Budget row', 'Mayor resigns']);

  // The editor has no drafts of her own.
  await page.getByTestId('queue-mine').click();
  await expect(page.getByTestId('desk-empty')).toHaveText('Nothing in “My drafts”.');

  // A reporter starts on her own drafts, whatever the editor was looking at.
  await switchProfile(page, 'Ben Okafor');
  await expect(page.getByTestId('queue-mine')).toHaveAttribute('aria-pressed', 'true');
  await expect(headlines(page)).toHaveText(['Cup draw']);
  await expect(count(page, 'mine')).toHaveText('1');

  // And the editor comes back to the queue she left.
  await switchProfile(page, 'Eve Editor');
  await expect(page.getByTestId('queue-mine')).toHaveAttribute('aria-pressed', 'true');
  expect(await app.problems()).toEqual([]);
});
