/**
 * Photos getting into a story: opening one that has them, the Insert Photo menu and the toolbar's
 * Photo button (the system file dialog, faked by `platform.chooseImageFiles`), files dropped on the
 * text, an image pasted, and the files main refuses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { documentFromPlainText, documentPhotos, parseStoryDocument } from '../../common/document.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { expect, test } from './harness.js';
import { dropFiles, pageFile, pasteFiles, textFile } from './photosDrop.js';
import { by } from '../helpers/dataDir.js';

const AGENCY_PHOTO = fixturePhoto('iptc-agency-photographer-example.jpg');
const STAFF_PHOTO = fixturePhoto('iptc-staff-photographer-example.jpg');
const NO_METADATA_PHOTO = fixturePhoto('noexif.jpg');

function storyIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
}

test('a story with a photo opens with the picture, caption and credit, and saving text keeps the photo as it was', async ({ app }) => {
  const { page, newsroom } = app;
  const imported = await newsroom.media.importPhoto('statue.jpg', fs.readFileSync(AGENCY_PHOTO));
  const doc = documentFromPlainText('The statue was cleaned.');
  doc.root.children.push({ ...imported.node, alt: 'A bronze statue of a seated man' });
  const story = newsroom.stories.create({ fields: { headline: 'Statue cleaned' }, body: JSON.stringify(doc) }, by(null));
  const photoBefore = documentPhotos(parseStoryDocument(story.body))[0];

  await page.goto(`${app.url}#/story/${story.id}`);
  const photo = page.getByTestId('photo');
  await expect(photo.getByTestId('photo-caption')).toHaveValue(/^This statue of the 16th President/);
  await expect(photo.getByTestId('photo-credit-line')).toHaveText('Julie Doe/Mugwum Press');
  const image = photo.locator('img');
  await expect(image).toHaveAttribute('alt', 'A bronze statue of a seated man');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.getByTestId('story-body').locator('p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' By volunteers.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

  const stored = parseStoryDocument(newsroom.stories.get(story.id).body);
  expect(stored.root.children[0]).toMatchObject({ type: 'paragraph' });
  expect(documentPhotos(stored)).toEqual([photoBefore]);
  expect(await app.problems()).toEqual([]);
});

test('the credit shows in the house format the newsroom set', async ({ app }) => {
  const { page, newsroom } = app;
  newsroom.settings.set({ creditFormat: 'photo-prefix' });
  const imported = await newsroom.media.importPhoto('statue.jpg', fs.readFileSync(AGENCY_PHOTO));
  const doc = documentFromPlainText('The statue was cleaned.');
  doc.root.children.push(imported.node);
  const story = newsroom.stories.create({ fields: { headline: 'Statue cleaned' }, body: JSON.stringify(doc) }, by(null));

  await page.goto(`${app.url}#/story/${story.id}`);
  await expect(page.getByTestId('photo-credit-line')).toHaveText('Photo: Julie Doe/Mugwum Press');
  expect(await app.problems()).toEqual([]);
});

test.describe('Insert Photo from the menu', () => {
  test.use({ newsroomOptions: { platform: { chooseImageFiles: async () => [AGENCY_PHOTO], chooseSavePath: async () => null } } });

  test('puts the chosen photo in the story with the caption and credit its metadata offers', async ({ app }) => {
    const { page, newsroom, emit } = app;
    await page.getByTestId('new-story').click();
    await page.getByTestId('story-body').click();
    await page.keyboard.type('Before the photo.');

    await emit('menu:insert-photo');
    await expect(page.getByTestId('photo-credit-line')).toHaveText('Julie Doe/Mugwum Press');
    await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

    const stored = parseStoryDocument(newsroom.stories.get(storyIdOf(page)).body);
    const [photo] = documentPhotos(stored);
    expect(photo?.credit.photographers).toEqual(['Julie Doe']);
    expect(photo?.fromPhoto).toContain('caption');
    expect(stored.root.children.map((block) => block.type)).toEqual(['paragraph', 'photo', 'paragraph']);
    expect(await app.problems()).toEqual([]);
  });
});

test.describe("The toolbar's Photo button", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-photos-'));
  const notes = path.join(dir, 'interview notes.txt');
  fs.writeFileSync(notes, 'Asked about the statue. Said it was cleaned.');
  test.use({ newsroomOptions: { platform: { chooseImageFiles: async () => [STAFF_PHOTO, notes, AGENCY_PHOTO], chooseSavePath: async () => null } } });
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('adds the chosen photos in the order chosen and names the file it could not add', async ({ app }) => {
    const { page, newsroom } = app;
    const story = newsroom.stories.create({ fields: { headline: 'Farm' }, body: JSON.stringify(documentFromPlainText('Leeks.\n\nOnions.')) }, by(null));
    await page.goto(`${app.url}#/story/${story.id}`);
    await page.getByTestId('story-body').locator('p').first().click();
    await page.keyboard.press('End');

    await page.getByTestId('insert-photo').click();
    await expect(page.getByTestId('photo')).toHaveCount(2);
    await expect(page.getByTestId('photo-credit-line')).toHaveText(['John Doe/Big Newspaper', 'Julie Doe/Mugwum Press']);
    const notice = page.getByTestId('photo-notice');
    await expect(notice).toContainText('interview notes.txt');
    await expect(notice).toContainText('not a JPEG');
    await notice.getByTestId('photo-notice-dismiss').click();
    await expect(notice).toHaveCount(0);

    await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
    const stored = parseStoryDocument(newsroom.stories.get(story.id).body);
    expect(stored.root.children.map((block) => block.type)).toEqual(['paragraph', 'photo', 'photo', 'paragraph']);
    expect(await app.problems()).toEqual([]);
  });
});

test('photos dropped on the text land at the drop point in the order dropped; a file that is not a photo is refused by name', async ({ app }) => {
  const { page, newsroom } = app;
  const story = newsroom.stories.create({ fields: { headline: 'Memorial' }, body: JSON.stringify(documentFromPlainText('First paragraph.\n\nSecond paragraph.')) }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  const firstParagraph = page.getByTestId('story-body').locator('p').first();
  await expect(firstParagraph).toHaveText('First paragraph.');

  await dropFiles(firstParagraph, [pageFile(AGENCY_PHOTO), textFile('notes.txt', 'Not a photo.'), pageFile(STAFF_PHOTO)]);

  const photos = page.getByTestId('photo');
  await expect(photos).toHaveCount(2);
  await expect(page.getByTestId('photo-importing')).toHaveCount(0);
  await expect(page.getByTestId('photo-credit-line')).toHaveText(['Julie Doe/Mugwum Press', 'John Doe/Big Newspaper']);
  const notice = page.getByTestId('photo-notice');
  await expect(notice).toContainText('notes.txt was not added');
  await expect(notice).toContainText('not a JPEG, PNG');

  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  const stored = parseStoryDocument(newsroom.stories.get(story.id).body);
  expect(stored.root.children.map((block) => block.type)).toEqual(['paragraph', 'photo', 'photo', 'paragraph']);
  const [statue, farm] = documentPhotos(stored);
  expect(statue?.credit).toMatchObject({ photographers: ['Julie Doe'], agency: 'Mugwum Press' });
  expect(farm?.credit).toMatchObject({ photographers: ['John Doe'], agency: 'Big Newspaper' });
  expect(statue?.caption).toMatch(/^This statue of the 16th President/);
  expect(statue?.width).toBeGreaterThan(0);
  expect(await app.problems()).toEqual([]);
});

test('an image pasted from the clipboard is added as a photo, even with the <img> tag a browser puts beside it', async ({ app }) => {
  const { page, newsroom } = app;
  const story = newsroom.stories.create({ fields: { headline: 'Pasted' }, body: JSON.stringify(documentFromPlainText('Above.')) }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  await page.getByTestId('story-body').locator('p').first().click();
  await page.keyboard.press('End');

  await pasteFiles(page, [pageFile(NO_METADATA_PHOTO, 'image/png', 'image.png')], '<img src="https://example.com/x.jpg">');

  const photo = page.getByTestId('photo');
  await expect(photo.locator('img')).toHaveCount(1);
  await expect.poll(() => photo.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // Nothing in the photo's file to go by: every field is the reporter's to fill.
  await expect(photo.getByTestId('photo-credit-line')).toHaveText('No credit yet');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  const stored = parseStoryDocument(newsroom.stories.get(story.id).body);
  expect(documentPhotos(stored)).toHaveLength(1);
  expect(documentPhotos(stored)[0]?.fromPhoto).toEqual([]);
  expect(await app.problems()).toEqual([]);
});
