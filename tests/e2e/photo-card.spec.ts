/**
 * Issue 13: each photo brought about 900 px of metadata form into the text. The card in the text
 * shows the picture, the caption, the credit as published and the alt text; the parts of the
 * credit and the usage terms fold away once nothing in them needs the reporter.
 */
import { documentFromPlainText, emptyPhotoNode } from '../../common/document.js';
import { expect, test } from './harness.js';

function storyWith(credit: { photographers: string[]; agency: string }, fromPhoto: ('caption' | 'agency')[] = []): string {
  const doc = documentFromPlainText('Rain kept falling through the night.');
  (doc.root.children as unknown[]).push({
    ...emptyPhotoNode(''),
    caption: 'The square at dawn.',
    alt: 'An empty square in the rain',
    credit: { ...credit, via: '', copyright: '© Agency', usageTerms: 'Editorial use only.\nNo archive.' },
    fromPhoto,
  });
  return JSON.stringify(doc);
}

test('a photo whose credit is done is a compact card; one still lacking its credit shows every box', async ({ app }) => {
  const { page, newsroom } = app;
  const done = newsroom.stories.create({ fields: { headline: 'Done' }, body: storyWith({ photographers: ['Ana Lima'], agency: 'Agency' }) }, { actor: null, origin: 'test' });
  await page.goto(`${app.url}#/story/${done.id}`);
  const photo = page.getByTestId('photo');
  await expect(photo.getByTestId('photo-caption')).toBeVisible();
  await expect(photo.getByTestId('photo-alt')).toBeVisible();
  await expect(photo.getByTestId('photo-credit-line')).toHaveText('Ana Lima/Agency');
  await expect(photo.getByTestId('photo-usage-terms')).toBeHidden();
  await expect(photo.getByTestId('photo-agency')).toBeHidden();
  await photo.getByText('Credit details and usage terms').click();
  await expect(photo.getByTestId('photo-usage-terms')).toHaveValue('Editorial use only.\nNo archive.');

  const lacking = newsroom.stories.create({ fields: { headline: 'Lacking' }, body: storyWith({ photographers: [], agency: '' }) }, { actor: null, origin: 'test' });
  await page.goto(`${app.url}#/story/${lacking.id}`);
  await expect(photo.getByTestId('photo-photographers')).toBeVisible();
  // Typing the credit in does not fold the boxes away under the reporter's hands.
  await photo.getByTestId('photo-photographers').fill('Ana Lima');
  await photo.getByTestId('photo-agency').fill('Agency');
  await expect(photo.getByTestId('photo-agency')).toBeVisible();

  const unchecked = newsroom.stories.create({ fields: { headline: 'Unchecked' }, body: storyWith({ photographers: ['Ana Lima'], agency: 'Agency' }, ['agency']) }, { actor: null, origin: 'test' });
  await page.goto(`${app.url}#/story/${unchecked.id}`);
  await expect(photo.getByTestId('photo-from-photo-agency')).toBeVisible();
  expect(await app.problems()).toEqual([]);
});
