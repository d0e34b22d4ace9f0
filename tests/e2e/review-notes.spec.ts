/** Notes about a passage, and revisions restored and compared: what the review panel shows beside the text. */
import { documentText, parseStoryDocument } from '../../common/document.js';
import { doc } from '../helpers/documents.js';
import { expect, test } from './harness.js';
import { timeline } from './review-helpers.js';
import { by } from '../helpers/dataDir.js';

/** The passages the body highlights for open notes, as text. */
const highlighted = (page: import('@playwright/test').Page) =>
  page.evaluate(() => [...(CSS.highlights.get('review-note-anchor') ?? [])].map((range) => String(range)));

test('a note about the selected passage shows its quote, marks the passage in the text, and is resolved', async ({ app }) => {
  const { page, newsroom } = app;
  const story = newsroom.stories.create({
    fields: { headline: 'Bridge to reopen' },
    body: doc('The mayor said the bridge will reopen in May. Traffic is expected to rise.'),
  }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  await page.getByTestId('story-body').locator('p').click();
  await page.keyboard.press('Home');
  for (let i = 0; i < 'The mayor said the '.length; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.down('Shift');
  for (let i = 0; i < 'bridge will reopen in May'.length; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.up('Shift');

  // The notes form offers the passage as soon as the editor has it, before the caret leaves the text.
  await expect(page.getByTestId('review-notes').locator('.note-anchor-choice')).toContainText('bridge will reopen in May');
  await page.getByTestId('note-input').fill('Which bridge? Name it.');
  await expect(page.getByTestId('note-anchor-choice')).toBeChecked();
  await page.getByTestId('note-add').click();

  const note = page.getByTestId('note').filter({ hasText: 'Which bridge? Name it.' });
  await expect(note.getByTestId('note-anchor')).toHaveText('bridge will reopen in May');
  await expect(note).toContainText('Desk Tester');
  await expect(page.getByTestId('note-input')).toHaveValue('');
  await expect.poll(() => highlighted(page)).toEqual(['bridge will reopen in May']);

  await note.getByTestId('note-resolve').click();
  await expect(note).toHaveAttribute('data-resolved', 'true');
  await expect(note).toContainText('Resolved by Desk Tester');
  await expect.poll(() => highlighted(page)).toEqual([]);

  const [stored] = newsroom.notes.list(story.id);
  expect(stored).toMatchObject({ text: 'Which bridge? Name it.', anchor: { quote: 'bridge will reopen in May', block: 0 } });
  expect(stored?.resolvedAt).not.toBeNull();
  expect(await app.problems()).toEqual([]);
});

test('a revision is restored over the text, the text it replaced is kept, and the restore is on the timeline', async ({ app }) => {
  const { page, newsroom, emit } = app;
  const story = newsroom.stories.create({ fields: { headline: 'Pier repairs' }, body: doc('Repairs start on Monday.') }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  await emit('menu:save-revision');
  await expect(page.getByTestId('notice')).toHaveText(/^Revision saved/);

  await page.getByTestId('story-body').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Tolls will double.');
  await page.getByTestId('headline').click();
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

  await page.getByTestId('review-revisions').locator('summary').click();
  const saved = page.getByTestId('revision').filter({ hasText: 'Saved revision' });
  await saved.getByTestId('revision-restore').click();
  await saved.getByTestId('revision-restore-confirm').click();
  await expect(page.getByTestId('story-body')).toHaveText('Repairs start on Monday.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(documentText(parseStoryDocument(newsroom.stories.get(story.id).body))).toBe('Repairs start on Monday.');
  await expect.poll(async () => (await timeline(page)).at(-1)).toEqual(['restore-revision', 'Desk Tester']);

  // The text it replaced is a revision of its own; compared with now, it shows what the restore took out.
  const kept = page.getByTestId('revision').filter({ hasText: 'Kept before a restore' });
  await kept.getByTestId('revision-pick').check();
  await page.getByTestId('revision-compare').click();
  await expect(page.getByTestId('diff-view').getByTestId('diff-body').locator('del')).toHaveText(' Tolls will double.');
  await expect(page.getByTestId('diff-view').getByTestId('diff-sides')).toContainText('Now');
  // The comparison is a wide dialog over the story: closed before going on.
  await page.getByTestId('diff-view').getByTestId('diff-close').click();
  await expect(page.getByTestId('diff-view')).toHaveCount(0);

  // The editor carries on from the restored text, and saves as usual.
  await page.getByTestId('story-body').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Then resurfacing.');
  await page.getByTestId('headline').click();
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(documentText(parseStoryDocument(newsroom.stories.get(story.id).body))).toBe('Repairs start on Monday. Then resurfacing.');
  expect(await app.problems()).toEqual([]);
});
