/**
 * The review workflow end to end, as two people at one machine: a reporter files, an editor asks
 * for changes, the reporter fixes and refiles, the editor compares, edits and approves; every step
 * is on the timeline with its author, and the approved story is locked.
 */
import { documentText, parseStoryDocument } from '../../common/document.js';
import { expect, test } from './harness.js';
import { addProfile, storyIdOf, switchProfile, timeline } from './review-helpers.js';

test.use({ profile: null });

test('a story goes from reporter to editor and back, through changes, comparison and approval, with every step recorded', async ({ app }) => {
  const { page, newsroom } = app;

  // First run: nobody is working yet, so the window asks who before showing the desk.
  await expect(page.getByTestId('first-run')).toBeVisible();
  await expect(page.getByTestId('desk-view')).toHaveCount(0);
  await page.getByTestId('profile-name').fill('Ana Lima');
  await page.getByTestId('profile-byline').fill('Ana Lima');
  await page.getByTestId('profile-role-reporter').check();
  await page.getByTestId('profile-submit').click();
  await expect(page.getByTestId('desk-view')).toBeVisible();
  await expect(page.getByTestId('profile-current')).toHaveText('Ana Lima');
  // A reporter starts on her own drafts.
  await expect(page.getByTestId('queue-mine')).toHaveAttribute('aria-pressed', 'true');

  // She writes the story and files it.
  await page.getByTestId('new-story').click();
  await page.getByTestId('headline').fill('Council delays ferry vote');
  await page.getByTestId('byline').fill('Ana Lima');
  await page.getByTestId('dateline-place').fill('PORTSMOUTH');
  await page.getByTestId('story-body').click();
  await page.keyboard.type('The council put off the vote on the ferry contract until March.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  const id = storyIdOf(page);
  await expect(page.getByTestId('status-badge')).toHaveText('Draft');
  await expect(page.getByTestId('moves').getByRole('button')).toHaveText(['File to desk']);
  await page.getByTestId('move-file').click();
  await expect(page.getByTestId('status-badge')).toHaveText('Filed');
  // Filed copy is the desk's now: read-only for her, with only Recall to take it back, and never an Approve button.
  await expect(page.getByTestId('moves').getByRole('button')).toHaveText(['Recall']);
  await expect(page.getByTestId('move-approve')).toHaveCount(0);
  await expect(page.getByTestId('story-body')).toHaveAttribute('contenteditable', 'false');

  // An editor sits down: the Filed queue comes first, with the story in it.
  await addProfile(page, 'Eve Editor', 'editor');
  await page.getByTestId('back-to-desk').click();
  await expect(page.getByTestId('queue-filed')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('queue-filed').getByTestId('queue-count')).toHaveText('1');
  await expect(page.getByTestId('row-headline')).toHaveText(['Council delays ferry vote']);
  await page.getByTestId('row-headline').click();

  // Spike is kept away from Approve, behind "More".
  await expect(page.getByTestId('moves').getByRole('button')).toHaveText(['Take into edit', 'Request changes…', 'Approve', 'More ▾']);
  await page.getByTestId('move-take').click();
  await expect(page.getByTestId('status-badge')).toHaveText('In edit');

  // Asking for changes needs a note: sent without one, the workflow's rule says so.
  await page.getByTestId('move-request-changes').click();
  const dialog = page.getByTestId('move-note-dialog');
  await expect(dialog).toContainText('What should the reporter change?');
  await dialog.getByTestId('move-note-send').click();
  await expect(dialog.getByTestId('move-refused')).toHaveText('Request changes needs a note: What should the reporter change?');
  await expect(page.getByTestId('status-badge')).toHaveText('In edit');
  await dialog.getByTestId('move-note').fill('Name the councillor who proposed the delay.');
  await dialog.getByTestId('move-note-send').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('status-badge')).toHaveText('Changes requested');

  // Back to the reporter: the editor's note is there; she fixes the text and files again.
  await switchProfile(page, 'Ana Lima');
  const changeRequest = page.getByTestId('note').filter({ hasText: 'Name the councillor' });
  await expect(changeRequest).toHaveAttribute('data-kind', 'change-request');
  await expect(changeRequest).toContainText('Eve Editor');
  await page.getByTestId('story-body').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Councillor Mary Hart proposed the delay.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  await changeRequest.getByTestId('note-resolve').click();
  await expect(changeRequest).toHaveAttribute('data-resolved', 'true');
  await page.getByTestId('move-file').click();
  await expect(page.getByTestId('status-badge')).toHaveText('Filed');

  // The editor compares the two filed versions and sees the reporter's fix.
  await switchProfile(page, 'Eve Editor');
  await page.getByTestId('review-revisions').locator('summary').click();
  const filed = page.getByTestId('revision').filter({ has: page.getByTestId('revision-label').getByText('Filed by Ana Lima', { exact: true }) });
  await expect(filed).toHaveCount(2);
  await filed.nth(0).getByTestId('revision-pick').check();
  await filed.nth(1).getByTestId('revision-pick').check();
  await page.getByTestId('revision-compare').click();
  const diff = page.getByTestId('diff-view');
  await expect(diff.getByTestId('diff-body').locator('ins')).toHaveText(' Councillor Mary Hart proposed the delay.');
  await expect(diff.getByTestId('diff-body').locator('del')).toHaveCount(0);
  await expect(diff.getByTestId('diff-headline')).toHaveCount(0);
  await diff.getByTestId('diff-close').click();

  // She takes it, sharpens the headline, and "Changes since filed" shows her edit, word by word.
  await page.getByTestId('move-take').click();
  await expect(page.getByTestId('status-badge')).toHaveText('In edit');
  await page.getByTestId('headline').fill('Council delays ferry contract vote');
  await page.getByTestId('story-body').click();
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  await page.getByTestId('changes-since-filed').click();
  await expect(diff.getByTestId('diff-sides')).toContainText('As filed by Ana Lima');
  await expect(diff.getByTestId('diff-headline').locator('ins')).toHaveText('contract ');
  await expect(diff.getByTestId('diff-headline')).toContainText('Council delays ferry contract vote');
  await expect(diff.getByTestId('diff-body')).toHaveCount(0);
  // The comparison is a wide dialog over the story: closed before going on.
  await diff.getByTestId('diff-close').click();
  await expect(diff).toHaveCount(0);

  // Approved: the story is locked for everyone until an editor reopens it.
  await page.getByTestId('move-approve').click();
  await expect(page.getByTestId('status-badge')).toHaveText('Approved');
  await expect(page.getByTestId('locked-notice')).toContainText('Locked — an editor must reopen it');
  await expect(page.getByTestId('story-body')).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByTestId('headline')).not.toBeEditable();
  await expect(page.getByTestId('byline')).not.toBeEditable();
  await expect(page.getByTestId('toolbar')).toHaveCount(0);
  await expect(page.getByTestId('moves').getByRole('button')).toHaveText(['Reopen…', 'More ▾']);

  // Every move and save, in order, with who made it.
  await expect.poll(() => timeline(page)).toEqual([
    ['create', 'Ana Lima'],
    ['edit', 'Ana Lima'],
    ['file', 'Ana Lima'],
    ['take', 'Eve Editor'],
    ['request-changes', 'Eve Editor'],
    ['edit', 'Ana Lima'],
    ['file', 'Ana Lima'],
    ['take', 'Eve Editor'],
    ['edit', 'Eve Editor'],
    ['approve', 'Eve Editor'],
  ]);
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Requested changes' })).toContainText(
    'Name the councillor who proposed the delay.',
  );
  await expect(page.getByTestId('timeline-entry').last()).toContainText('In edit → Approved');

  // Roles hold in the window: the reporter sees the lock and no Approve.
  await switchProfile(page, 'Ana Lima');
  await expect(page.getByTestId('status-badge')).toHaveText('Approved');
  await expect(page.getByTestId('locked-notice')).toBeVisible();
  await expect(page.getByTestId('move-approve')).toHaveCount(0);
  await expect(page.getByTestId('changes-since-filed')).toHaveCount(0);
  await expect(page.getByTestId('story-body')).toHaveAttribute('contenteditable', 'false');

  const stored = newsroom.stories.get(id);
  expect(stored.status).toBe('approved');
  expect(stored.headline).toBe('Council delays ferry contract vote');
  expect(documentText(parseStoryDocument(stored.body))).toBe(
    'The council put off the vote on the ferry contract until March. Councillor Mary Hart proposed the delay.',
  );
  expect(await app.problems()).toEqual([]);
});
