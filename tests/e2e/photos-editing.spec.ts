/**
 * Working on photos in a story: caption, credit and alt text typed in place under the picture,
 * the "from photo — check" hints on what the photo's metadata filled in, the photo panel's badges,
 * and moving, removing, re-laying-out and replacing a photo. Every change is checked in the stored
 * document, through the harness's own newsroom.
 */
import fs from 'node:fs';
import type { Locator } from '@playwright/test';
import { documentFromPlainText, documentPhotos, documentText, parseStoryDocument, type StoryDocument } from '../../common/document.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { expect, test, type NewsroomPage } from './harness.js';
import { dropFiles, pageFile } from './photosDrop.js';
import { by } from '../helpers/dataDir.js';

const AGENCY_PHOTO = fixturePhoto('iptc-agency-photographer-example.jpg');
const STAFF_PHOTO = fixturePhoto('iptc-staff-photographer-example.jpg');
const NO_METADATA_PHOTO = fixturePhoto('noexif.jpg');

function storedDocument(app: NewsroomPage, id: string): StoryDocument {
  return parseStoryDocument(app.newsroom.stories.get(id).body);
}

/** Replaces what a box holds by typing, key by key, as a reporter would. */
async function retype(box: Locator, text: string): Promise<void> {
  await box.click();
  await box.press('ControlOrMeta+a');
  await box.press('Backspace');
  await box.pressSequentially(text);
}

test('photos dropped on a story arrive pre-filled and flagged; the caption and credit typed over them are saved and still there after a reload', async ({ app }) => {
  const { page } = app;
  const story = app.newsroom.stories.create({
    fields: { headline: 'Memorial cleaned' },
    body: JSON.stringify(documentFromPlainText('Volunteers cleaned the memorial.\n\nIt reopens on Monday.')),
  }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  const firstParagraph = page.getByTestId('story-body').locator('p').first();
  await expect(firstParagraph).toHaveText('Volunteers cleaned the memorial.');

  await dropFiles(firstParagraph, [pageFile(AGENCY_PHOTO), pageFile(STAFF_PHOTO)]);

  const photos = page.getByTestId('photo');
  await expect(photos).toHaveCount(2);
  const [statue, farm] = [photos.nth(0), photos.nth(1)];
  await expect(statue.getByTestId('photo-credit-line')).toHaveText('Julie Doe/Mugwum Press');
  await expect(farm.getByTestId('photo-credit-line')).toHaveText('John Doe/Big Newspaper');
  await expect(statue.getByTestId('photo-caption')).toHaveValue(/^This statue of the 16th President/);
  await expect(farm.getByTestId('photo-caption')).toHaveValue(/^After digging the furrows/);
  for (const photo of [statue, farm]) {
    for (const field of ['caption', 'photographers', 'agency', 'copyright', 'usageTerms']) {
      await expect(photo.getByTestId(`photo-from-photo-${field}`)).toHaveText(/from photo — check/);
    }
  }

  // The caption is typed over; the agency is confirmed as it is.
  const caption = 'The Lincoln Memorial statue, cleaned by volunteers on Saturday.';
  await retype(statue.getByTestId('photo-caption'), caption);
  await expect(statue.getByTestId('photo-from-photo-caption')).toHaveCount(0);
  await statue.getByTestId('photo-confirm-agency').click();
  await expect(statue.getByTestId('photo-from-photo-agency')).toHaveCount(0);
  await expect(statue.getByTestId('photo-from-photo-photographers')).toBeVisible();

  // A second photographer, typed with the comma between the names.
  await retype(farm.getByTestId('photo-photographers'), 'John Doe, Jane Roe');
  await expect(farm.getByTestId('photo-photographers')).toHaveValue('John Doe, Jane Roe');
  await expect(farm.getByTestId('photo-credit-line')).toHaveText('John Doe and Jane Roe/Big Newspaper');
  await expect(farm.getByTestId('photo-from-photo-photographers')).toHaveCount(0);

  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  const check = (doc: StoryDocument) => {
    expect(doc.root.children.map((block) => block.type)).toEqual(['paragraph', 'photo', 'photo', 'paragraph']);
    // What was typed in the photo's boxes went to the photo, not into the text around it.
    expect(documentText(doc)).toBe('Volunteers cleaned the memorial.\nIt reopens on Monday.');
    const [first, second] = documentPhotos(doc);
    expect(first?.caption).toBe(caption);
    expect(first?.credit).toMatchObject({ photographers: ['Julie Doe'], agency: 'Mugwum Press' });
    expect(first?.fromPhoto).toEqual(expect.arrayContaining(['photographers', 'copyright', 'usageTerms']));
    expect(first?.fromPhoto).not.toContain('caption');
    expect(first?.fromPhoto).not.toContain('agency');
    expect(second?.credit.photographers).toEqual(['John Doe', 'Jane Roe']);
    expect(second?.fromPhoto).not.toContain('photographers');
    expect(second?.fromPhoto).toContain('caption');
  };
  check(storedDocument(app, story.id));

  await page.reload();
  await expect(photos).toHaveCount(2);
  await expect(statue.getByTestId('photo-caption')).toHaveValue(caption);
  await expect(statue.getByTestId('photo-from-photo-caption')).toHaveCount(0);
  await expect(statue.getByTestId('photo-from-photo-agency')).toHaveCount(0);
  await expect(statue.getByTestId('photo-from-photo-photographers')).toBeVisible();
  await expect(farm.getByTestId('photo-photographers')).toHaveValue('John Doe, Jane Roe');
  await expect(farm.getByTestId('photo-credit-line')).toHaveText('John Doe and Jane Roe/Big Newspaper');
  await expect(farm.getByTestId('photo-from-photo-caption')).toBeVisible();
  await expect.poll(() => statue.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  check(storedDocument(app, story.id));
  expect(await app.problems()).toEqual([]);
});

test('the photo panel badges a photo without alt text, takes the reporter to the box, and drops the badge once alt text is typed', async ({ app }) => {
  const { page, newsroom } = app;
  const statue = await newsroom.media.importPhoto('statue.jpg', fs.readFileSync(AGENCY_PHOTO));
  const farm = await newsroom.media.importPhoto('farm.jpg', fs.readFileSync(STAFF_PHOTO));
  const doc = documentFromPlainText('The statue was cleaned.\n\nThe farm was planted.');
  doc.root.children.splice(1, 0, { ...statue.node, alt: 'A marble statue of a seated Abraham Lincoln', fromPhoto: [] });
  doc.root.children.push({ ...farm.node, fromPhoto: [] });
  const story = newsroom.stories.create({ fields: { headline: 'Two photos' }, body: JSON.stringify(doc) }, by(null));

  await page.goto(`${app.url}#/story/${story.id}`);
  const panel = page.getByTestId('photo-panel');
  const items = panel.getByTestId('photo-panel-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).getByTestId('photo-badge-missing')).toHaveCount(0);
  await expect(items.nth(1).getByTestId('photo-badge-missing')).toHaveText('Needs alt text');
  await expect(items.nth(1).locator('img')).toHaveAttribute('src', `newsroom-media://photo/${farm.photo.id}/thumb`);

  await items.nth(1).click();
  const alt = page.getByTestId('photo').nth(1).getByTestId('photo-alt');
  await expect(alt).toBeFocused();
  await alt.pressSequentially('A farmer setting leeks by hand beside a tractor');
  await expect(items.nth(1).getByTestId('photo-badge-missing')).toHaveCount(0);

  // A photo with nothing to go by is badged for everything it lacks.
  await dropFiles(page.getByTestId('story-body').locator('p').first(), [pageFile(NO_METADATA_PHOTO)]);
  await expect(items).toHaveCount(3);
  await expect(items.nth(0).getByTestId('photo-badge-missing')).toHaveText('Needs caption, credit, alt text');
  await items.nth(0).click();
  const caption = page.getByTestId('photo').nth(0).getByTestId('photo-caption');
  await expect(caption).toBeFocused();
  // Keys that mean something to the editor stay in the box: no new paragraph, no deleted photo.
  await caption.press('Backspace');
  await caption.press('Enter');
  await caption.press('ControlOrMeta+b');
  await caption.pressSequentially('The farm from the road.');
  await expect(caption).toHaveValue('The farm from the road.');
  await expect(items.nth(0).getByTestId('photo-badge-missing')).toHaveText('Needs credit, alt text');
  await expect(page.getByTestId('photo')).toHaveCount(3);
  await expect(page.getByTestId('story-body').locator('p')).toHaveText(['The statue was cleaned.', 'The farm was planted.']);

  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  const photos = documentPhotos(storedDocument(app, story.id));
  expect(photos.map((photo) => photo.photoId)).toEqual([expect.any(String), statue.photo.id, farm.photo.id]);
  expect(photos[2]?.alt).toBe('A farmer setting leeks by hand beside a tractor');
  expect(await app.problems()).toEqual([]);
});

test('a photo moves up and down past the blocks around it, goes wide, and is removed', async ({ app }) => {
  const { page, newsroom } = app;
  const statue = await newsroom.media.importPhoto('statue.jpg', fs.readFileSync(AGENCY_PHOTO));
  const farm = await newsroom.media.importPhoto('farm.jpg', fs.readFileSync(STAFF_PHOTO));
  const doc = documentFromPlainText('Alpha.\n\nBeta.');
  doc.root.children.splice(1, 0, statue.node);
  doc.root.children.push(farm.node);
  const story = newsroom.stories.create({ fields: { headline: 'Moves' }, body: JSON.stringify(doc) }, by(null));
  const order = () =>
    storedDocument(app, story.id).root.children.map((block) =>
      block.type === 'photo' ? (block.photoId === statue.photo.id ? 'statue' : 'farm') : documentText({ root: { ...doc.root, children: [block] } }),
    );

  await page.goto(`${app.url}#/story/${story.id}`);
  const farmPhoto = page.getByTestId('photo').filter({ has: page.getByText('John Doe/Big Newspaper') });
  const statuePhoto = page.getByTestId('photo').filter({ has: page.getByText('Julie Doe/Mugwum Press') });
  await expect(farmPhoto.getByTestId('photo-move-down')).toBeDisabled();

  await farmPhoto.getByTestId('photo-move-up').click();
  await farmPhoto.getByTestId('photo-move-up').click();
  await expect(page.getByTestId('photo-credit-line')).toHaveText(['John Doe/Big Newspaper', 'Julie Doe/Mugwum Press']);
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(order()).toEqual(['Alpha.', 'farm', 'statue', 'Beta.']);

  await statuePhoto.getByTestId('photo-move-down').click();
  await expect(statuePhoto.getByTestId('photo-move-down')).toBeDisabled();
  await statuePhoto.getByTestId('photo-layout-wide').click();
  await expect(statuePhoto.getByTestId('photo-layout-wide')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(order()).toEqual(['Alpha.', 'farm', 'Beta.', 'statue']);
  expect(documentPhotos(storedDocument(app, story.id)).map((photo) => photo.layout)).toEqual(['column', 'wide']);

  await farmPhoto.getByTestId('photo-remove').click();
  await expect(page.getByTestId('photo')).toHaveCount(1);
  await expect(page.getByTestId('photo-panel-item')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(order()).toEqual(['Alpha.', 'Beta.', 'statue']);
  expect(await app.problems()).toEqual([]);
});

test('a file dropped on a photo replaces the picture and keeps what the reporter wrote; only empty fields take the new metadata', async ({ app }) => {
  const { page, newsroom } = app;
  const plain = await newsroom.media.importPhoto('plain.jpg', fs.readFileSync(NO_METADATA_PHOTO));
  const doc = documentFromPlainText('The statue was cleaned.');
  doc.root.children.push({ ...plain.node, caption: 'Our own caption.', alt: 'A statue' });
  const story = newsroom.stories.create({ fields: { headline: 'Replace' }, body: JSON.stringify(doc) }, by(null));
  const statueId = (await newsroom.media.importPhoto('statue.jpg', fs.readFileSync(AGENCY_PHOTO))).photo.id;

  await page.goto(`${app.url}#/story/${story.id}`);
  const photo = page.getByTestId('photo');
  await expect(photo.getByTestId('photo-credit-line')).toHaveText('No credit yet');

  await dropFiles(photo.locator('img'), [pageFile(AGENCY_PHOTO)]);

  await expect(photo.locator('img')).toHaveAttribute('src', `newsroom-media://photo/${statueId}/display`);
  await expect(photo.getByTestId('photo-credit-line')).toHaveText('Julie Doe/Mugwum Press');
  await expect(photo.getByTestId('photo-caption')).toHaveValue('Our own caption.');
  await expect(photo.getByTestId('photo-from-photo-caption')).toHaveCount(0);
  await expect(photo.getByTestId('photo-from-photo-photographers')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

  const stored = storedDocument(app, story.id);
  expect(stored.root.children.map((block) => block.type)).toEqual(['paragraph', 'photo']);
  const [replaced] = documentPhotos(stored);
  expect(replaced).toMatchObject({ photoId: statueId, caption: 'Our own caption.', alt: 'A statue' });
  expect(replaced?.credit).toMatchObject({ photographers: ['Julie Doe'], agency: 'Mugwum Press' });
  expect(replaced?.fromPhoto).not.toContain('caption');
  expect(await app.problems()).toEqual([]);
});

test('undo in the text takes back a caption typed under a photo, in one step', async ({ app }) => {
  const { page, newsroom } = app;
  const statue = await newsroom.media.importPhoto('statue.jpg', fs.readFileSync(AGENCY_PHOTO));
  const doc = documentFromPlainText('The statue was cleaned.');
  doc.root.children.push({ ...statue.node, caption: 'Before.', fromPhoto: [] });
  const story = newsroom.stories.create({ fields: { headline: 'Undo' }, body: JSON.stringify(doc) }, by(null));

  await page.goto(`${app.url}#/story/${story.id}`);
  const caption = page.getByTestId('photo-caption');
  await retype(caption, 'After the volunteers left.');
  await expect(caption).toHaveValue('After the volunteers left.');

  await page.getByTestId('story-body').locator('p').first().click();
  await page.getByTestId('undo').click();
  await expect(caption).toHaveValue('Before.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(documentPhotos(storedDocument(app, story.id))[0]?.caption).toBe('Before.');
  expect(await app.problems()).toEqual([]);
});

test('Backspace after a photo selects it first; only the next Backspace removes it, and undo brings it back', async ({ app }) => {
  const { page, newsroom } = app;
  const statue = await newsroom.media.importPhoto('statue.jpg', fs.readFileSync(AGENCY_PHOTO));
  const doc = documentFromPlainText('Before.\n\nAfter.');
  doc.root.children.splice(1, 0, statue.node);
  const story = newsroom.stories.create({ fields: { headline: 'Keys' }, body: JSON.stringify(doc) }, by(null));

  await page.goto(`${app.url}#/story/${story.id}`);
  const photo = page.getByTestId('photo');
  await expect(photo).toBeVisible();
  await page.getByTestId('story-body').locator(':scope > p').nth(1).click();
  await page.keyboard.press('Home');
  // Lexical learns of a caret moved by Home from the browser's selectionchange, a task queued after
  // the key; Playwright's next key comes sooner than any person's. Let that task run first.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await page.keyboard.press('Backspace');
  await expect(photo).toHaveClass(/photo-figure-selected/);
  await expect(page.getByTestId('story-body').locator(':scope > p')).toHaveText(['Before.', 'After.']);

  await page.keyboard.press('Backspace');
  await expect(photo).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(photo).toHaveCount(1);

  // A click on the picture selects it too; a click in the text lets it go.
  await page.getByTestId('story-body').locator(':scope > p').first().click();
  await expect(photo).not.toHaveClass(/photo-figure-selected/);
  await photo.locator('img').click();
  await expect(photo).toHaveClass(/photo-figure-selected/);
  await page.getByTestId('story-body').locator(':scope > p').first().click();
  await expect(photo).not.toHaveClass(/photo-figure-selected/);
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(storedDocument(app, story.id).root.children.map((block) => block.type)).toEqual(['paragraph', 'photo', 'paragraph']);
  expect(await app.problems()).toEqual([]);
});

test('the photos of an approved (locked) story show their words but cannot be changed', async ({ app }) => {
  const { page, newsroom } = app;
  const reporter = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const editor = newsroom.profiles.create({ name: 'Eve Editor', roles: ['editor'] });
  const { node } = await newsroom.media.importPhoto('statue.jpg', fs.readFileSync(AGENCY_PHOTO));
  const doc = documentFromPlainText('The statue was cleaned on Thursday.');
  doc.root.children.push({ ...node, alt: 'The seated statue of Abraham Lincoln', fromPhoto: ['usageTerms'] });
  let story = newsroom.stories.create(
    {
      fields: { headline: 'Lincoln gets a wash', standfirst: 'Crews spent a day on it.', byline: ['Ana Lima'], dateline: { place: 'WASHINGTON', date: '2026-11-24' } },
      body: JSON.stringify(doc),
    },
    by(reporter),
  );
  story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(reporter));
  // Approved with one photo field still unchecked: this newsroom only recommends checking them.
  const { checklist } = newsroom.settings.get();
  newsroom.settings.set({ checklist: { ...checklist, levels: { ...checklist.levels, 'photo-metadata': 'recommended' } } });
  story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(editor));
  const photoBefore = documentPhotos(storedDocument(app, story.id))[0];

  await page.goto(`${app.url}#/story/${story.id}`);
  const photo = page.getByTestId('photo');
  await expect(photo.getByTestId('photo-caption')).toHaveValue(/^This statue of the 16th President/);
  await expect(photo.getByTestId('photo-caption')).not.toBeEditable();
  await expect(photo.getByTestId('photo-alt')).not.toBeEditable();
  await expect(photo.getByTestId('photo-remove')).toHaveCount(0);
  await expect(photo.getByTestId('photo-from-photo-usageTerms')).toBeVisible();
  await expect(photo.getByTestId('photo-confirm-usageTerms')).toHaveCount(0);

  await app.emit('menu:insert-photo');
  await expect(page.getByTestId('photo-notice')).toContainText('this story is locked');
  await dropFiles(photo.locator('img'), [pageFile(STAFF_PHOTO)]);
  await expect(photo.getByTestId('photo-credit-line')).toHaveText('Julie Doe/Mugwum Press');
  expect(documentPhotos(storedDocument(app, story.id))).toEqual([photoBefore]);
  expect(await app.problems()).toEqual([]);
});
