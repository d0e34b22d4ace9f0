import type { Page } from '@playwright/test';
import { invokeChannel } from '../../main/handlers.js';
import { bodyOfWords } from '../helpers/documents.js';
import { expect, test } from './harness.js';

const headlines = (page: Page) => page.getByTestId('story-rows').getByTestId('row-headline');

test('clicking a column header sorts the desk by it, and clicking again turns the order round', async ({ app }) => {
  const { page, newsroom } = app;
  for (const [headline, words, desk] of [
    ['Bravo budget', 300, 'Politics'],
    ['Alpha arts', 900, 'Culture'],
    ['Charlie courts', 100, 'Crime'],
  ] as const) {
    await invokeChannel(newsroom.door, { origin: 'test' }, 'story:create', { fields: { headline, desk }, body: bodyOfWords(words) });
  }
  await page.reload();
  // Newest first until asked otherwise.
  await expect(headlines(page)).toHaveText(['Charlie courts', 'Alpha arts', 'Bravo budget']);

  await page.getByTestId('sort-headline').click();
  await expect(headlines(page)).toHaveText(['Alpha arts', 'Bravo budget', 'Charlie courts']);
  await expect(page.getByRole('columnheader', { name: /Headline/ })).toHaveAttribute('aria-sort', 'ascending');

  await page.getByTestId('sort-headline').click();
  await expect(headlines(page)).toHaveText(['Charlie courts', 'Bravo budget', 'Alpha arts']);

  await page.getByTestId('sort-wordCount').click();
  await expect(headlines(page)).toHaveText(['Alpha arts', 'Bravo budget', 'Charlie courts']);
  await expect(page.getByTestId('story-rows').locator('.cell-words')).toHaveText(['900', '300', '100']);

  await page.getByTestId('sort-desk').click();
  await expect(page.getByTestId('story-rows').locator('.cell-desk')).toHaveText(['Crime', 'Culture', 'Politics']);
});

test('with 2,000 stories the desk renders only the rows in view and scrolls to the last one', async ({ app }) => {
  const { page, newsroom } = app;
  // One transaction for the lot: 2,000 separate fsyncs would only slow the test down.
  newsroom.db.exec('BEGIN');
  try {
    for (let i = 1; i <= 2000; i += 1) {
      const result = await invokeChannel(newsroom.door, { origin: 'test' }, 'story:create', {
        fields: { headline: `Story ${String(i).padStart(4, '0')}`, byline: ['Desk Robot'] },
      });
      if (!result.ok) throw new Error(result.error.message);
    }
    newsroom.db.exec('COMMIT');
  } catch (error) {
    newsroom.db.exec('ROLLBACK');
    throw error;
  }
  await page.reload();

  const table = page.getByTestId('story-table');
  await expect(table).toHaveAttribute('aria-rowcount', '2001');
  await page.getByTestId('sort-headline').click();
  await expect(headlines(page).first()).toHaveText('Story 0001');

  const rows = page.getByTestId('story-rows').getByTestId('story-row');
  const rendered = await rows.count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(80);

  // Scroll to the end: the last story is there and the window of rows stays small.
  await page.getByTestId('story-rows').evaluate((viewport) => {
    viewport.scrollTop = viewport.scrollHeight;
  });
  const last = page.getByTestId('story-rows').locator('[aria-rowindex="2001"]');
  await expect(last).toContainText('Story 2000');
  await expect(last).toBeInViewport();
  expect(await rows.count()).toBeLessThan(80);
  await expect(page.getByTestId('story-rows').locator('[aria-rowindex="2"]')).toHaveCount(0);

  // And the middle, its page fetched on demand.
  await page.getByTestId('story-rows').evaluate((viewport) => {
    viewport.scrollTop = viewport.scrollHeight / 2;
  });
  await expect(page.getByTestId('story-rows').locator('[aria-rowindex="1001"]')).toContainText('Story 1000');

  await page.getByTestId('story-rows').evaluate((viewport) => {
    viewport.scrollTop = viewport.scrollHeight;
  });
  await last.click();
  await expect(page.getByTestId('headline')).toHaveValue('Story 2000');
  expect(await app.problems()).toEqual([]);
});
