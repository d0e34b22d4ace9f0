import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { documentFromPlainText, documentPhotos, parseStoryDocument } from '../../common/document.js';
import { expect, test } from './harness.js';

const PHOTOS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/photos');
const AGENCY_PHOTO = path.join(PHOTOS, 'iptc-agency-photographer-example.jpg');

function storyIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
}

test('a story with a photo opens with the picture, caption and credit, and saving text keeps the photo as it was', async ({ app }) => {
  const { page, newsroom } = app;
  const imported = await newsroom.media.importPhoto('statue.jpg', fs.readFileSync(AGENCY_PHOTO));
  const doc = documentFromPlainText('The statue was cleaned.');
  doc.root.children.push({ ...imported.node, alt: 'A bronze statue of a seated man' });
  const story = newsroom.stories.create({ fields: { headline: 'Statue cleaned' }, body: JSON.stringify(doc) });
  const photoBefore = documentPhotos(parseStoryDocument(story.body))[0];

  await page.goto(`${app.url}#/story/${story.id}`);
  const photo = page.getByTestId('photo');
  await expect(photo).toContainText('This statue of the 16th President');
  await expect(photo).toContainText('Julie Doe/Mugwum Press');
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

test.describe('Insert Photo from the menu', () => {
  test.use({ newsroomOptions: { platform: { chooseImageFiles: async () => [AGENCY_PHOTO] } } });

  test('puts the chosen photo in the story with the caption and credit its metadata offers', async ({ app }) => {
    const { page, newsroom, emit } = app;
    await page.getByTestId('new-story').click();
    await page.getByTestId('story-body').click();
    await page.keyboard.type('Before the photo.');

    await emit('menu:insert-photo');
    await expect(page.getByTestId('photo')).toContainText('Julie Doe/Mugwum Press');
    await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

    const stored = parseStoryDocument(newsroom.stories.get(storyIdOf(page)).body);
    const [photo] = documentPhotos(stored);
    expect(photo?.credit.photographers).toEqual(['Julie Doe']);
    expect(photo?.fromPhoto).toContain('caption');
    expect(stored.root.children.map((block) => block.type)).toContain('photo');
    expect(await app.problems()).toEqual([]);
  });
});
