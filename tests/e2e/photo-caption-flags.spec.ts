/**
 * Issue 13: a caption pre-filled from the photo's IPTC that holds coordinates or a web address is
 * flagged for checking, until a person edits it or says it looks right.
 */
import { documentFromPlainText, emptyPhotoNode } from '../../common/document.js';
import { expect, test } from './harness.js';

function storyWithAgencyCaption(caption: string): string {
  const doc = documentFromPlainText('Rain kept falling through the night.');
  const photo = { ...emptyPhotoNode(''), caption, fromPhoto: ['caption' as const] };
  (doc.root.children as unknown[]).push(photo);
  return JSON.stringify(doc);
}

test('an agency caption with coordinates or an address is flagged until it is checked or edited', async ({ app }) => {
  const { page, newsroom } = app;
  const flagged = newsroom.stories.create(
    { fields: { headline: 'Floods' }, body: storyWithAgencyCaption('Flooded streets in Santa Cruz do Sul. -29.7175, -52.4258 More: https://agency.example/g/1') },
    { actor: null, origin: 'test' },
  );
  await page.goto(`${app.url}#/story/${flagged.id}`);
  const flag = page.getByTestId('photo-caption-flag');
  await expect(flag).toHaveText('The caption from the photo holds map coordinates and a web address: check that it belongs in the published caption.');
  await page.getByTestId('photo-confirm-caption').click();
  await expect(flag).toHaveCount(0);

  const edited = newsroom.stories.create(
    { fields: { headline: 'Square' }, body: storyWithAgencyCaption('The square at dawn, www.example.com') },
    { actor: null, origin: 'test' },
  );
  await page.goto(`${app.url}#/story/${edited.id}`);
  await expect(flag).toHaveText(/holds a web address:/);
  await page.getByTestId('photo-caption').fill('The square at dawn.');
  await expect(flag).toHaveCount(0);

  const plain = newsroom.stories.create(
    { fields: { headline: 'Mayor' }, body: storyWithAgencyCaption('The mayor, 52, speaks on Tuesday.') },
    { actor: null, origin: 'test' },
  );
  await page.goto(`${app.url}#/story/${plain.id}`);
  await expect(page.getByTestId('photo-from-photo-caption')).toBeVisible();
  await expect(flag).toHaveCount(0);
  expect(await app.problems()).toEqual([]);
});
