/**
 * The copy desk (issue 13): one card per rule with "Apply all", its open state kept per story and
 * per person, and no Ignore on a locked story.
 */
import type { Page } from '@playwright/test';
import { documentText, parseStoryDocument } from '../../common/document.js';
import type { Newsroom } from '../../main/newsroom.js';
import { doc } from '../helpers/documents.js';
import { expect, test } from './harness.js';
import { addProfile } from './review-helpers.js';
import { by } from '../helpers/dataDir.js';

const MIXED = 'He said “yes” at first. The mayor said «no» and then «never».';
const FIXED = 'He said “yes” at first. The mayor said “no” and then “never”.';
const bodyText = (newsroom: Newsroom, id: string) => documentText(parseStoryDocument(newsroom.stories.get(id).body));
const rule = (page: Page, id: string) => page.getByTestId('copydesk-panel').locator(`[data-testid="copydesk-rule"][data-rule="${id}"]`);

test('four mixed quotes make one card, with the rule said once and "Apply all (4)" fixing them in one go', async ({ app }) => {
  const { page, newsroom } = app;
  const story = newsroom.stories.create({ fields: { headline: 'Mayor says no' }, body: doc(MIXED) }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  await page.getByTestId('copydesk-toggle').click();

  const card = rule(page, 'mixed-quotes');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('copydesk-rule-count')).toHaveText('4');
  await expect(card.getByTestId('copydesk-finding')).toHaveCount(4);
  await expect(card.getByTestId('copydesk-rule-message')).toHaveText(/^This story mixes .*: use “” \(house style\)$/);
  // Said once for the card, not four times.
  await expect(card.locator('.copydesk-message')).toHaveCount(1);
  await expect(card.getByTestId('copydesk-text')).toHaveText(['«', '»', '«', '»']);

  await card.getByTestId('copydesk-apply-all').click();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('story-body')).toHaveText(FIXED);
  await expect.poll(() => bodyText(newsroom, story.id)).toBe(FIXED);
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  // One undo step takes all four back.
  await page.getByTestId('story-body').click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('story-body')).toHaveText(MIXED);
  expect(await app.problems()).toEqual([]);
});

test('the copy desk stays open on the story it was opened on, not on the next story or for the next person', async ({ app }) => {
  const { page, newsroom } = app;
  const first = newsroom.stories.create({ fields: { headline: 'First story' }, body: doc(MIXED) }, by(null));
  newsroom.stories.create({ fields: { headline: 'Second story' }, body: doc(MIXED) }, by(null));
  const panel = page.getByTestId('copydesk-panel');

  await page.goto(`${app.url}#/story/${first.id}`);
  await expect(page.getByTestId('headline')).toHaveValue('First story');
  await page.getByTestId('copydesk-toggle').click();
  await expect(panel).toBeVisible();

  await page.getByTestId('back-to-desk').click();
  await page.getByTestId('queue-all').click();
  await page.getByTestId('row-headline').filter({ hasText: 'Second story' }).click();
  await expect(page.getByTestId('headline')).toHaveValue('Second story');
  await expect(page.getByTestId('copydesk-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(panel).toHaveCount(0);

  await page.getByTestId('back-to-desk').click();
  await page.getByTestId('row-headline').filter({ hasText: 'First story' }).click();
  await expect(page.getByTestId('headline')).toHaveValue('First story');
  await expect(panel).toBeVisible();
  await page.reload();
  await expect(panel).toBeVisible();

  // Someone else sits down: the story opens as they left it (closed).
  await addProfile(page, 'Ben Okafor', 'reporter');
  await expect(page.getByTestId('headline')).toHaveValue('First story');
  await expect(panel).toHaveCount(0);
  expect(await app.problems()).toEqual([]);
});

test.describe('on a locked story', () => {
  test.use({ profile: { name: 'Eve Editor', roles: ['editor'] } });

  test('the copy desk lists the findings but offers no Ignore and no Apply all', async ({ app }) => {
    const { page, newsroom } = app;
    const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    const eve = newsroom.profiles.list().find((p) => p.name === 'Eve Editor');
    let story = newsroom.stories.create({ fields: { headline: 'Mayor says no', byline: ['Ana Lima'] }, body: doc(MIXED) }, by(ana));
    story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve ?? null));
    expect(story.status).toBe('approved');

    await page.goto(`${app.url}#/story/${story.id}`);
    await expect(page.getByTestId('locked-notice')).toBeVisible();
    await page.getByTestId('copydesk-toggle').click();
    const card = rule(page, 'mixed-quotes');
    await expect(card.getByTestId('copydesk-finding')).toHaveCount(4);
    await expect(page.getByTestId('copydesk-panel').getByTestId('copydesk-ignore')).toHaveCount(0);
    await expect(card.getByTestId('copydesk-apply-all')).toHaveCount(0);
    await expect(card.getByTestId('copydesk-apply').first()).toBeDisabled();
    expect(await app.problems()).toEqual([]);
  });
});
