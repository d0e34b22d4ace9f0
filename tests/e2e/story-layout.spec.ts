/**
 * Issue 13, the story screen at laptop sizes: at 900×700 with the copy desk and the review panel
 * open the text column was 248 px, field labels printed over each other, Move to trash and the
 * profile button were off-screen, and the save state read "● Save…" or had no width at all. At
 * five window sizes this opens a filled-in story with the copy desk open and checks what a
 * reporter sees: nothing sideways, every control inside the window and clear of the others,
 * labels and the dateline whole, the text column at least 560 px, the save state readable; below
 * 1280 px the panels are drawers, one at a time.
 *
 * NEWSROOM_SCREENS=<folder> also saves a screenshot of each size there.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { documentFromPlainText } from '../../common/document.js';
import { expect, test } from './harness.js';

const SIZES = [
  { width: 900, height: 700 },
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1440, height: 800 },
  { width: 1920, height: 860 },
];

/** Visible controls under `roots`: each outside the window, clipped, or overlapping another is a problem. */
function layoutProblems(page: Page, roots: string[]) {
  return page.evaluate((roots) => {
    const problems: string[] = [];
    const controls = roots.flatMap((root) =>
      [...document.querySelectorAll<HTMLElement>(`${root} :is(button, input, select, textarea, [contenteditable='true'], .save-state > span, .story-meta label > span)`)],
    );
    const name = (element: HTMLElement) =>
      element.dataset.testid ?? element.getAttribute('aria-label') ?? (element.textContent ?? '').trim().slice(0, 30) ?? element.tagName;
    /** The part of the box its scrolling pane shows (a control scrolled out of the pane is not on screen). */
    const visibleBox = (element: HTMLElement) => {
      const box = element.getBoundingClientRect();
      let top = box.top;
      let bottom = box.bottom;
      for (let pane = element.parentElement; pane; pane = pane.parentElement) {
        const overflow = getComputedStyle(pane).overflowY;
        if (overflow === 'auto' || overflow === 'scroll') {
          const clip = pane.getBoundingClientRect();
          top = Math.max(top, clip.top);
          bottom = Math.min(bottom, clip.bottom);
        }
      }
      return { left: box.left, right: box.right, top, bottom, width: box.width, height: Math.max(0, bottom - top) };
    };
    const shown = controls
      .map((element) => ({ element, box: visibleBox(element) }))
      .filter(({ element, box }) => box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden');
    for (const { element, box } of shown) {
      if (box.left < -0.5 || box.right > window.innerWidth + 0.5 || box.top < -0.5) problems.push(`${name(element)} is outside the window (${Math.round(box.left)}..${Math.round(box.right)})`);
      const clips = element.tagName === 'BUTTON' || element.tagName === 'SPAN';
      if (clips && element.scrollWidth > element.clientWidth + 1) problems.push(`${name(element)} is clipped (${element.scrollWidth} > ${element.clientWidth})`);
    }
    for (let i = 0; i < shown.length; i += 1) {
      for (let j = i + 1; j < shown.length; j += 1) {
        const a = shown[i]!;
        const b = shown[j]!;
        if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
        const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (w > 1 && h > 1) problems.push(`${name(a.element)} overlaps ${name(b.element)}`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`the window scrolls sideways (${document.documentElement.scrollWidth} px)`);
    return problems;
  }, roots);
}

const MAIN_ROOTS = ['.story-bar', '.story-fields', '.toolbar', '.story-status'];

for (const size of SIZES) {
  test(`the story screen at ${size.width}×${size.height}: nothing clipped, off-screen or overlapping, the save state readable`, async ({ app }) => {
    const { page, newsroom } = app;
    await page.setViewportSize(size);
    const story = newsroom.stories.create(
      {
        fields: {
          headline: 'Floodwaters cut off the valley road as the river rises',
          standfirst: 'Residents of three villages were told to leave before nightfall.',
          byline: ['Ana Lima', 'Tom Ruiz'],
          dateline: { place: 'SANTA CRUZ DO SUL, Brazil', date: '2026-11-24' },
          desk: 'Metro',
          language: 'pt-BR',
        },
        body: JSON.stringify(documentFromPlainText('The river rose two metres overnight, the mayor said.\n\n"It is the worst in a decade," she said.')),
      },
      { actor: null, origin: 'test' },
    );
    await page.goto(`${app.url}#/story/${story.id}`);
    await expect(page.getByTestId('headline')).toHaveValue(/Floodwaters/);
    await page.getByTestId('copydesk-toggle').click();
    await expect(page.getByTestId('copydesk-panel')).toBeVisible();

    const saveState = page.getByTestId('save-state');
    await expect(saveState).toBeVisible();
    await expect(saveState).toHaveText(/^Saved \d\d:\d\d$/);
    await expect(saveState).toHaveAttribute('title', /Last saved/);

    expect(await layoutProblems(page, MAIN_ROOTS)).toEqual([]);
    const place = page.getByTestId('dateline-place');
    expect(await place.evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth)).toBe(true);
    const column = await page.getByTestId('story-body').boundingBox();
    expect(column!.width).toBeGreaterThanOrEqual(560);

    if (process.env.NEWSROOM_SCREENS) {
      await expect(page.getByTestId('copydesk-panel')).not.toContainText('Checking');
      await page.screenshot({ path: path.join(process.env.NEWSROOM_SCREENS, `story-${size.width}x${size.height}.png`) });
    }

    const drawers = size.width < 1280;
    if (drawers) {
      // The copy desk is a drawer over the text; the review panel waits behind its button.
      await expect(page.getByTestId('review-panel')).toBeHidden();
      expect(await layoutProblems(page, ['.copydesk-panel'])).toEqual([]);
      await page.getByTestId('review-toggle').click();
      await expect(page.getByTestId('review-panel')).toBeVisible();
      await expect(page.getByTestId('copydesk-panel')).toHaveCount(0);
      expect(await layoutProblems(page, ['.review-panel'])).toEqual([]);
      expect(await layoutProblems(page, MAIN_ROOTS)).toEqual([]);
      if (process.env.NEWSROOM_SCREENS) {
        await expect(page.getByTestId('review-panel')).not.toContainText('Loading');
        await page.screenshot({ path: path.join(process.env.NEWSROOM_SCREENS, `story-${size.width}x${size.height}-review.png`) });
      }
      await page.getByTestId('review-toggle').click();
      await expect(page.getByTestId('review-panel')).toBeHidden();
    } else {
      // Both panels beside the text, which keeps its width.
      await expect(page.getByTestId('review-panel')).toBeVisible();
      expect(await layoutProblems(page, ['.review-panel', '.copydesk-panel'])).toEqual([]);
    }

    // The save state stays whole while saving and after.
    await page.getByTestId('story-body').click();
    await page.keyboard.type(' More.');
    await expect(saveState).toHaveText(/^(Saving…|Saved \d\d:\d\d)$/);
    await expect(saveState).toHaveText(/^Saved \d\d:\d\d$/);
    expect(await layoutProblems(page, MAIN_ROOTS)).toEqual([]);
    expect(await app.problems()).toEqual([]);
  });
}
