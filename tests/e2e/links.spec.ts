/**
 * Issue 13, "Links eat text": after Ctrl/Cmd+K, an address and Enter the linked words stayed
 * selected, so the next key replaced them; the link bar opened at the top of the editor, not at the
 * selection; in a long story Ctrl+K scrolled the text to the very top; in a short one the bar was
 * off-screen. The bar sits at the selection, the text never moves, and after Add link the caret is
 * after the link.
 */
import type { Locator, Page } from '@playwright/test';
import { documentFromPlainText } from '../../common/document.js';
import { expect, test } from './harness.js';

async function selectLastWord(page: Page, word: string) {
  await page.keyboard.press('End');
  await page.keyboard.down('Shift');
  for (let i = 0; i < word.length; i += 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.up('Shift');
}

/** The selection's box in the window. */
const selectionBox = (page: Page) =>
  page.evaluate(() => {
    const box = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, left: box.left };
  });

/** The bar is inside the window and right by the selection (just below it, or just above). */
async function expectBarAtSelection(page: Page, bar: Locator, selection: { top: number; bottom: number; left: number }) {
  const box = await bar.boundingBox();
  expect(box).not.toBeNull();
  const { width, height } = page.viewportSize()!;
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(height);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  const below = box!.y >= selection.bottom && box!.y - selection.bottom <= 24;
  const above = box!.y + box!.height <= selection.top && selection.top - (box!.y + box!.height) <= 24;
  expect(below || above, `bar at y=${box!.y}..${box!.y + box!.height}, selection at ${selection.top}..${selection.bottom}`).toBe(true);
}

test('after Add link the caret is after the link: the next key types on and keeps the linked words', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('new-story').click();
  const body = page.getByTestId('story-body');
  await body.click();
  await page.keyboard.type('Read the report');
  await selectLastWord(page, 'report');
  const selection = await selectionBox(page);
  await page.keyboard.press('ControlOrMeta+k');
  const bar = page.getByTestId('link-editor');
  await expect(page.getByTestId('link-url')).toBeFocused();
  await expectBarAtSelection(page, bar, selection);

  await page.keyboard.type('example.com/report');
  await page.keyboard.press('Enter');
  await expect(bar).toHaveCount(0);
  await page.keyboard.type('. Then more.');
  await expect(body).toHaveText('Read the report. Then more.');
  await expect(body.locator('a')).toHaveText('report');
  await expect(body.locator('a')).toHaveAttribute('href', 'https://example.com/report');

  // The same with the toolbar's Link button, and a caret with nothing selected (the address becomes the text).
  await page.keyboard.type(' See ');
  await page.getByTestId('format-link').click();
  await page.getByTestId('link-url').fill('example.org');
  await page.getByTestId('link-apply').click();
  await page.keyboard.type(' today');
  await expect(body).toHaveText('Read the report. Then more. See example.org today');
  await expect(body.locator('a')).toHaveText(['report', 'example.org']);
  expect(await app.problems()).toEqual([]);
});

test('in a long story Ctrl+K opens the bar at the selection and the text does not move', async ({ app }) => {
  const { page, newsroom } = app;
  await page.setViewportSize({ width: 1280, height: 720 });
  const paragraphs = Array.from({ length: 60 }, (_, n) => `Paragraph ${n + 1} of the long story ends with a word`);
  const story = newsroom.stories.create(
    { fields: { headline: 'A long story' }, body: JSON.stringify(documentFromPlainText(paragraphs.join('\n\n'))) },
    { actor: null, origin: 'test' },
  );
  await page.goto(`${app.url}#/story/${story.id}`);
  const body = page.getByTestId('story-body');
  const target = body.locator('p', { hasText: 'Paragraph 40 of' });
  await target.scrollIntoViewIfNeeded();
  await target.click();
  await selectLastWord(page, 'word');
  const pane = page.locator('.story-page');
  const scrolled = await pane.evaluate((element) => element.scrollTop);
  expect(scrolled).toBeGreaterThan(1000);
  const selection = await selectionBox(page);

  await page.keyboard.press('ControlOrMeta+k');
  await expect(page.getByTestId('link-url')).toBeFocused();
  expect(await pane.evaluate((element) => element.scrollTop)).toBe(scrolled);
  await expectBarAtSelection(page, page.getByTestId('link-editor'), selection);

  await page.keyboard.type('example.com/forty');
  await page.keyboard.press('Enter');
  await page.keyboard.type('!');
  expect(await pane.evaluate((element) => element.scrollTop)).toBe(scrolled);
  await expect(target).toHaveText('Paragraph 40 of the long story ends with a word!');
  await expect(target.locator('a')).toHaveText('word');
  expect(await app.problems()).toEqual([]);
});

test('at 900×700 the bar opens by the selection, inside the window', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 900, height: 700 });
  await page.getByTestId('new-story').click();
  const body = page.getByTestId('story-body');
  await body.click();
  for (let n = 1; n <= 14; n += 1) {
    await page.keyboard.type(`Line ${n}`);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.type('The last line ends in a link');
  await body.locator('p').last().scrollIntoViewIfNeeded();
  await selectLastWord(page, 'link');
  const selection = await selectionBox(page);
  await page.keyboard.press('ControlOrMeta+k');
  await expectBarAtSelection(page, page.getByTestId('link-editor'), selection);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('link-editor')).toHaveCount(0);
  expect(await app.problems()).toEqual([]);
});
