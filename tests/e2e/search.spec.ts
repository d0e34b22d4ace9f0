import { invokeChannel } from '../../main/handlers.js';
import { doc } from '../helpers/documents.js';
import { expect, test } from './harness.js';

test('search finds a story typed in the editor and highlights the matching words', async ({ app }) => {
  const { page, newsroom } = app;
  for (const [headline, text] of [
    ['Market reopens', 'Traders returned to the square on Monday.'],
    ['School roof repaired', 'Pupils go back next week.'],
  ] as const) {
    await invokeChannel(newsroom.door, { origin: 'test' }, 'story:create', { fields: { headline }, body: doc(text) });
  }

  await page.getByTestId('new-story').click();
  await page.getByTestId('headline').fill('Lighthouse keeper retires');
  await page.getByTestId('story-body').click();
  await page.keyboard.type('After forty winters on the rock, the keeper handed over the lamp to an automatic beacon.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  await page.getByTestId('back-to-desk').click();

  const search = page.getByTestId('search');
  await search.fill('beacon');
  const results = page.getByTestId('search-result');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Lighthouse keeper retires');
  const marks = results.first().getByTestId('search-snippet').locator('mark');
  await expect(marks).toHaveText(['beacon']);
  // The snippet is text with <mark>s, never the control characters the store uses to mark matches.
  await expect(results.first().getByTestId('search-snippet')).not.toContainText('\u0002');

  // Prefix search as the reporter types; opening a result opens the story.
  await search.fill('light');
  await expect(results).toHaveCount(1);
  await results.first().click();
  await expect(page.getByTestId('headline')).toHaveValue('Lighthouse keeper retires');

  await page.getByTestId('back-to-desk').click();
  await page.getByTestId('search').fill('zebra crossing');
  await expect(page.getByTestId('search-empty')).toHaveText('No stories match “zebra crossing”.');
});

test('snippets show markup-like text in stories as text', async ({ app }) => {
  const { page, newsroom } = app;
  await invokeChannel(newsroom.door, { origin: 'test' }, 'story:create', {
    fields: { headline: 'Tag soup' },
    body: doc('The page showed <img src=x onerror=alert(1)> where the photo should be.'),
  });
  await page.reload();
  await page.getByTestId('search').fill('photo');
  const snippet = page.getByTestId('search-snippet');
  await expect(snippet).toContainText('<img src=x onerror=alert(1)>');
  await expect(snippet.locator('img')).toHaveCount(0);
  expect(await app.problems()).toEqual([]);
});
