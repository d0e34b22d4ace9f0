/**
 * Issue 13: usage terms were shown but never weighed. Each photo in the text has "Rights
 * confirmed for this use", recorded with who and when; the checklist recommends it and its
 * problem leads to that very box.
 */
import fs from 'node:fs';
import { parseStoryDocument } from '../../common/document.js';
import { by } from '../helpers/dataDir.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { doc } from '../helpers/documents.js';
import { expect, test } from './harness.js';

test('a photo’s rights are confirmed for this story from the photo itself, and the checklist follows', async ({ app }) => {
  const { page, newsroom } = app;
  const body = parseStoryDocument(doc('Lincoln gets a wash before the holiday.'));
  const { node } = await newsroom.media.importPhoto('lincoln.jpg', fs.readFileSync(fixturePhoto('iptc-agency-photographer-example.jpg')));
  body.root.children.push({ ...node, alt: 'The Lincoln statue under scaffolding' });
  const story = newsroom.stories.create({ fields: { headline: 'Lincoln gets a wash' }, body: JSON.stringify(body) }, by(null));

  await page.goto(`${app.url}#/story/${story.id}`);
  const item = page.getByTestId('checklist-item').and(page.locator('[data-item="photo-rights"]'));
  await expect(item).toHaveAttribute('data-ok', 'false');
  await expect(item.getByTestId('checklist-problem')).toHaveText(/^Photo 1: rights not confirmed for this use/);

  // The problem leads to the box itself.
  await item.getByTestId('checklist-problem').click();
  const rights = page.getByTestId('photo').getByTestId('photo-rights');
  await expect(rights).toBeFocused();
  await expect(rights).not.toBeChecked();

  await rights.check();
  await expect(page.getByTestId('photo-rights-by')).toHaveText(/^Confirmed by Desk Tester /);
  await expect(item).toHaveAttribute('data-ok', 'true');
  expect(newsroom.media.ofStory(story.id)[0]?.rightsConfirmed).toMatchObject({ by: 'Desk Tester' });

  await page.reload();
  await expect(page.getByTestId('photo').getByTestId('photo-rights')).toBeChecked();
  await page.getByTestId('photo').getByTestId('photo-rights').uncheck();
  await expect(item).toHaveAttribute('data-ok', 'false');
  expect(newsroom.media.ofStory(story.id)[0]?.rightsConfirmed).toBeNull();
  expect(await app.problems()).toEqual([]);
});
