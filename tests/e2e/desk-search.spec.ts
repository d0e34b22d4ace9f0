/**
 * The desk (issue 13): search looks in the queue on screen unless asked to look everywhere, shows
 * each hit's status, says how many stories match and fetches more on "Show more"; times carry
 * their day; and an empty desk says how a story starts.
 */
import type { Page } from '@playwright/test';
import { doc } from '../helpers/documents.js';
import { expect, test } from './harness.js';
import { by } from '../helpers/dataDir.js';

const hitHeadlines = (page: Page) => page.getByTestId('search-result').locator('.hit-headline');

test.describe('as an editor', () => {
  test.use({ profile: { name: 'Eve Editor', roles: ['editor'] } });

  test('search looks in the selected queue, or in all stories, with a status on every hit', async ({ app }) => {
    const { page, newsroom } = app;
    const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    const write = (headline: string, file: boolean) => {
      const story = newsroom.stories.create({ fields: { headline, byline: ['Ana Lima'] }, body: doc(`${headline}, in a sentence.`) }, by(ana));
      return file ? newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana)) : story;
    };
    write('River villages cut off', true);
    write('River bridge closed', true);
    write('River cruise notes', false);
    write('Council budget', true);
    await page.reload();

    // The editor starts on the filed copy: search keeps to it.
    await expect(page.getByTestId('queue-filed')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('search').fill('river');
    await expect(hitHeadlines(page)).toHaveCount(2);
    expect((await hitHeadlines(page).allTextContents()).sort()).toEqual(['River bridge closed', 'River villages cut off']);
    await expect(page.getByTestId('search-result-status')).toHaveText(['Filed', 'Filed']);
    await expect(page.getByTestId('search-count')).toHaveText('2 stories match in “Filed”');
    await expect(page.getByTestId('search-scope-queue')).toBeChecked();

    // "All stories" finds the draft too, with its status.
    await page.getByTestId('search-scope-all').check();
    await expect(hitHeadlines(page)).toHaveCount(3);
    await expect(page.getByTestId('search-count')).toHaveText('3 stories match in all stories');
    const draft = page.getByTestId('search-result').filter({ hasText: 'River cruise notes' });
    await expect(draft.getByTestId('search-result-status')).toHaveText('Draft');

    // Nothing in the queue: it says where it looked and offers everywhere.
    await page.getByTestId('search-scope-queue').check();
    await page.getByTestId('search').fill('cruise');
    await expect(page.getByTestId('search-empty')).toHaveText('No stories match “cruise”.');
    await page.getByTestId('search-everywhere').click();
    await expect(hitHeadlines(page)).toHaveText(['River cruise notes']);
    expect(await app.problems()).toEqual([]);
  });

  test('a search says how many stories match and shows more on request', async ({ app }) => {
    const { page, newsroom } = app;
    newsroom.db.exec('BEGIN');
    for (let i = 1; i <= 62; i += 1) {
      newsroom.stories.create({ fields: { headline: `Ferry timetable ${i}` }, body: doc(`The ferry leaves at ${i} past the hour.`) }, by(null));
    }
    newsroom.db.exec('COMMIT');
    await page.reload();
    await page.getByTestId('queue-all').click();
    await page.getByTestId('search').fill('ferry');
    await expect(page.getByTestId('search-result')).toHaveCount(50);
    await expect(page.getByTestId('search-count')).toHaveText('62 stories match · showing 50');
    await expect(page.getByTestId('search-more')).toHaveText('Show more (12 left)');
    await page.getByTestId('search-more').click();
    await expect(page.getByTestId('search-result')).toHaveCount(62);
    await expect(page.getByTestId('search-more')).toHaveCount(0);
    await expect(page.getByTestId('search-count')).toHaveText('62 stories match');
    // Every story once.
    const ids = await page.getByTestId('search-result').evaluateAll((hits) => hits.map((hit) => hit.getAttribute('data-story-id')));
    expect(new Set(ids).size).toBe(62);
    expect(await app.problems()).toEqual([]);
  });

  test('times on the desk carry their day: "Today 02:47", or the date', async ({ app }) => {
    const { page, newsroom } = app;
    // Through the workflow, so its timeline has the creation on it.
    const today = newsroom.stories.create({ fields: { headline: 'Written today' } }, by(newsroom.profiles.list()[0] ?? null));
    const old = newsroom.stories.create({ fields: { headline: 'Written long ago' } }, by(null));
    newsroom.db.prepare("UPDATE stories SET updated_at = '2024-12-01T14:30:00.000Z' WHERE id = ?").run(old.id);
    await page.reload();
    await page.getByTestId('queue-all').click();
    const row = (id: string) => page.locator(`[data-testid="story-row"][data-story-id="${id}"]`).locator('.cell-updated');
    await expect(row(today.id)).toHaveText(/^Today \d\d:\d\d$/);
    await expect(row(old.id)).toHaveText(/Dec/);
    await expect(row(old.id)).toHaveText(/2024/);
    await expect(row(old.id)).not.toHaveText(/^\d\d:\d\d$/);

    // Search hits and the story's timeline say it the same way.
    await page.getByTestId('search').fill('written');
    await expect(page.getByTestId('search-result').filter({ hasText: 'Written today' }).getByTestId('search-result-updated')).toHaveText(/^Today \d\d:\d\d$/);
    await page.getByTestId('search-result').filter({ hasText: 'Written today' }).click();
    await expect(page.getByTestId('timeline-entry').first().locator('.timeline-when')).toHaveText(/^Today \d\d:\d\d$/);
    expect(await app.problems()).toEqual([]);
  });
});

test.describe('as a reporter', () => {
  test.use({ profile: { name: 'Ana Lima', roles: ['reporter'] } });

  test('an empty desk says how to start a story: New story, its key, or a file dropped on it', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('desk-empty')).toHaveText('Nothing in “My drafts”.');
    const start = page.getByTestId('desk-start');
    await expect(start).toContainText('New story');
    await expect(start).toContainText(/(Ctrl\+N|⌘N)/);
    await expect(start).toContainText('drop a Word, Markdown, HTML or text file here to import it');
    await expect(start).toContainText('Import…');
    expect(await app.problems()).toEqual([]);
  });
});
