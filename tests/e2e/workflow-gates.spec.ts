/**
 * The workflow gates a newsroom expects (issue 13), in the window: filing runs the checklist,
 * filed copy is read-only for its reporter until she recalls it, an editor typing in filed copy
 * takes it (and is told), the checklist's problems lead to the very box to fix, Spike is kept
 * away from Approve, and an approved story offers no Move to trash.
 */
import fs from 'node:fs';
import { documentText, parseStoryDocument } from '../../common/document.js';
import { TAKEN_ON_EDIT } from '../../common/workflow.js';
import { bodyOfWords, doc } from '../helpers/documents.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { expect, test } from './harness.js';
import { storyIdOf } from './review-helpers.js';
import { by } from '../helpers/dataDir.js';

test.describe('as a reporter', () => {
  test.use({ profile: { name: 'Ana Lima', byline: 'Ana Lima', roles: ['reporter'] } });

  test('an empty story cannot be filed, open required items ask "file anyway?", and filed copy is read-only until she recalls it', async ({ app }) => {
    const { page, newsroom } = app;
    await page.getByTestId('new-story').click();
    await expect(page.getByTestId('status-badge')).toHaveText('Draft');
    await expect(page.getByTestId('move-file')).toBeDisabled();
    await expect(page.getByTestId('move-blocked')).toHaveText('File to desk: There is nothing to file yet: write the story first');
    await expect(page.getByTestId('trash-story')).toBeVisible();

    // Text but no headline: File asks first, and "Keep working" files nothing.
    await page.getByTestId('story-body').click();
    await page.keyboard.type('The ferry did not sail this morning.');
    await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
    const id = storyIdOf(page);
    await expect(page.getByTestId('move-file')).toBeEnabled();
    await page.getByTestId('move-file').click();
    const confirm = page.getByTestId('move-confirm-dialog');
    await expect(confirm).toContainText('File anyway?');
    await expect(confirm.getByTestId('move-confirm-items').locator('li')).toHaveText(['The story has no headline']);
    await confirm.getByTestId('move-confirm-cancel').click();
    await expect(confirm).toHaveCount(0);
    await expect(page.getByTestId('status-badge')).toHaveText('Draft');
    expect(newsroom.stories.get(id).status).toBe('draft');

    await page.getByTestId('move-file').click();
    await confirm.getByTestId('move-confirm-anyway').click();
    await expect(page.getByTestId('status-badge')).toHaveText('Filed');
    expect(newsroom.stories.get(id).status).toBe('filed');

    // The desk has it: nothing she types goes in, and she is told how to get it back.
    await expect(page.getByTestId('locked-notice')).toHaveAttribute('data-lock', 'desk-has-it');
    await expect(page.getByTestId('locked-notice')).toContainText('Filed — read-only for you');
    await expect(page.getByTestId('story-body')).toHaveAttribute('contenteditable', 'false');
    await expect(page.getByTestId('headline')).not.toBeEditable();
    await expect(page.getByTestId('toolbar')).toHaveCount(0);
    await expect(page.getByTestId('trash-story')).toHaveCount(0);
    await page.getByTestId('story-body').click();
    await page.keyboard.type(' Sneaked in.');
    await expect(page.getByTestId('story-body')).toHaveText('The ferry did not sail this morning.');

    // Recall: a draft again, hers to change.
    await expect(page.getByTestId('moves').getByRole('button')).toHaveText(['Recall']);
    await page.getByTestId('move-recall').click();
    await expect(page.getByTestId('status-badge')).toHaveText('Draft');
    await expect(page.getByTestId('locked-notice')).toHaveCount(0);
    await expect(page.getByTestId('story-body')).toHaveAttribute('contenteditable', 'true');
    await page.getByTestId('headline').fill('Ferry stays in port');
    await page.getByTestId('story-body').click();
    await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
    expect(newsroom.stories.get(id)).toMatchObject({ status: 'draft', headline: 'Ferry stays in port' });
    expect(newsroom.workflow.history(id).map((e) => e.action)).toEqual(['create', 'edit', 'file', 'recall', 'edit']);
    expect(await app.problems()).toEqual([]);
  });
});

test.describe('as an editor', () => {
  test.use({ profile: { name: 'Eve Editor', roles: ['editor'] } });

  test('typing in filed copy takes it into edit, with a notice and an entry in the timeline', async ({ app }) => {
    const { page, newsroom } = app;
    const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    let story = newsroom.stories.create(
      { fields: { headline: 'Ferry stays in port', byline: ['Ana Lima'], dateline: { place: 'HULL', date: '' } }, body: doc('The ferry did not sail this morning.') },
      by(ana),
    );
    story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));

    await page.goto(`${app.url}#/story/${story.id}`);
    await expect(page.getByTestId('status-badge')).toHaveText('Filed');
    await expect(page.getByTestId('take-on-edit-hint')).toHaveText('Editing this filed story takes it into edit for you.');
    await page.getByTestId('story-body').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' Gales are forecast until Friday.');

    await expect(page.getByTestId('status-badge')).toHaveText('In edit');
    await expect(page.getByTestId('notice')).toContainText('You took this story into edit by starting to edit it');
    await expect(page.getByTestId('take-on-edit-hint')).toHaveCount(0);
    await expect(page.getByTestId('move-take')).toHaveCount(0);
    const take = page.getByTestId('timeline-entry').and(page.locator('[data-action="take"]'));
    await expect(take).toContainText('Eve Editor');
    await expect(take.getByTestId('timeline-note')).toHaveText(TAKEN_ON_EDIT);
    await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
    const stored = newsroom.stories.get(story.id);
    expect(stored.status).toBe('in-edit');
    expect(documentText(parseStoryDocument(stored.body))).toBe('The ferry did not sail this morning. Gales are forecast until Friday.');
    expect(await app.problems()).toEqual([]);
  });

  test('checklist problems lead to the very box to fix, one after another; Spike is kept from Approve; an approved story has no Move to trash', async ({ app }) => {
    const { page, newsroom } = app;
    const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    const body = parseStoryDocument(bodyOfWords(1500));
    const { node } = await newsroom.media.importPhoto('lincoln.jpg', fs.readFileSync(fixturePhoto('iptc-agency-photographer-example.jpg')));
    // The agency's caption and credit came with the file (marked "from photo — check"); nobody wrote alt text.
    body.root.children.push({ ...node, alt: '' });
    let story = newsroom.stories.create(
      { fields: { headline: 'Lincoln gets a wash', byline: ['Ana Lima'], dateline: { place: 'WASHINGTON', date: '' } }, body: JSON.stringify(body) },
      by(ana),
    );
    story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    newsroom.notes.add({ storyId: story.id, text: 'Who paid for the cleaning?' }, by(ana));

    await page.goto(`${app.url}#/story/${story.id}`);
    const alt = page.getByTestId('photo').getByTestId('photo-alt');
    await expect(alt).toHaveCount(1);
    await expect(alt).not.toBeInViewport();
    await expect(page.getByTestId('move-approve')).toBeDisabled();
    const item = (id: string) => page.getByTestId('checklist-item').and(page.locator(`[data-item="${id}"]`));
    await expect(item('open-notes')).toHaveAttribute('data-ok', 'false');
    await expect(item('open-notes')).toContainText('No open notes');
    await expect(item('photo-metadata').getByTestId('checklist-problem')).toHaveText(/^Photo 1: caption, .* still marked “from photo — check”$/);

    // The alt-text problem goes to the alt-text box itself: in view, focused, flashed.
    await item('photos').getByTestId('checklist-problem').filter({ hasText: 'Photo 1 has no alt text' }).click();
    await expect(alt).toBeInViewport();
    await expect(alt).toBeFocused();
    await expect(alt).toHaveClass(/review-flash/);

    // "Next problem" goes on from there: the caption the file filled in, then the open note.
    await page.getByTestId('checklist-next').click();
    const caption = page.getByTestId('photo').getByTestId('photo-caption');
    await expect(caption).toBeFocused();
    await expect(caption).toBeInViewport();
    await expect(caption).toHaveClass(/review-flash/);
    await page.getByTestId('checklist-next').click();
    const note = page.getByTestId('note').filter({ hasText: 'Who paid for the cleaning?' });
    await expect(note.getByTestId('note-resolve')).toBeFocused();
    await expect(note).toBeInViewport();

    // Fixed one by one, Approve opens.
    await note.getByTestId('note-resolve').click();
    await expect(item('open-notes')).toHaveAttribute('data-ok', 'true');
    await page.getByTestId('photo').getByTestId('photo-confirm-all').click();
    await alt.fill('The seated statue of Abraham Lincoln');
    await page.getByTestId('headline').click();
    await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
    await expect(item('photos')).toHaveAttribute('data-ok', 'true');
    await expect(item('photo-metadata')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('move-approve')).toBeEnabled();

    // Spike is not beside Approve: it waits behind "More", at the other end of the row.
    await expect(page.getByTestId('move-spike')).toHaveCount(0);
    await page.getByTestId('move-more').click();
    await expect(page.getByTestId('move-more-list').getByTestId('move-spike')).toBeVisible();
    const approveBox = await page.getByTestId('move-approve').boundingBox();
    const spikeBox = await page.getByTestId('move-spike').boundingBox();
    expect(approveBox && spikeBox && (spikeBox.y >= approveBox.y + approveBox.height || spikeBox.x >= approveBox.x + approveBox.width + 40)).toBe(true);
    await page.getByTestId('move-more').click();
    await expect(page.getByTestId('move-spike')).toHaveCount(0);

    await page.getByTestId('move-approve').click();
    await expect(page.getByTestId('status-badge')).toHaveText('Approved');
    await expect(page.getByTestId('locked-notice')).toHaveAttribute('data-lock', 'locked');
    await expect(page.getByTestId('trash-story')).toHaveCount(0);
    expect(newsroom.stories.get(story.id).status).toBe('approved');
    expect(await app.problems()).toEqual([]);
  });
});
