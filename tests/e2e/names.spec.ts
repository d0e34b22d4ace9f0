/**
 * Names typed in the app follow the one rule of common/names.ts: the byline box and a photo's
 * photographers box both read "A and B" as two people, as the command line and the importer do.
 */
import fs from 'node:fs';
import { documentFromPlainText, documentPhotos, parseStoryDocument } from '../../common/document.js';
import { by } from '../helpers/dataDir.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { expect, test } from './harness.js';

test('"Ana Lima and Tom Ruiz" in the byline box is two names, and so are two photographers joined by "and"', async ({ app }) => {
  const { page, newsroom } = app;
  const photo = await newsroom.media.importPhoto('farm.jpg', fs.readFileSync(fixturePhoto('iptc-staff-photographer-example.jpg')));
  const doc = documentFromPlainText('The farm was planted.');
  doc.root.children.push({ ...photo.node, fromPhoto: [] });
  const story = newsroom.stories.create({ fields: { headline: 'Leeks' }, body: JSON.stringify(doc) }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);

  await page.getByTestId('byline').fill('Ana Lima and Tom Ruiz');
  // The credit's parts fold away on a photo with nothing missing: the reporter opens them.
  await page.getByTestId('photo').getByTestId('photo-credit-details').locator('summary').click();
  const photographers = page.getByTestId('photo').getByTestId('photo-photographers');
  await photographers.fill('Julie Doe and John Roe');
  await page.getByTestId('story-body').locator('p').first().click();
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

  await expect.poll(() => newsroom.stories.get(story.id).byline).toEqual(['Ana Lima', 'Tom Ruiz']);
  await expect.poll(() => documentPhotos(parseStoryDocument(newsroom.stories.get(story.id).body))[0]?.credit.photographers).toEqual(['Julie Doe', 'John Roe']);
  await expect(page.getByTestId('photo').getByTestId('photo-credit-line')).toHaveText('Julie Doe and John Roe/Big Newspaper');

  await page.reload();
  await expect(page.getByTestId('byline')).toHaveValue('Ana Lima, Tom Ruiz');
  await expect(page.getByTestId('photo').getByTestId('photo-photographers')).toHaveValue('Julie Doe, John Roe');
  expect(await app.problems()).toEqual([]);
});
