/**
 * The exported page on a phone (issue 13): a long address in a caption or the text never widens
 * the page (no sideways scroll at 360 or 390 px), the credit is set apart from the caption, the
 * byline and date are in the body's type, and links look like the house's links, not the
 * browser's defaults. The page is the one the export writes, opened from disk in Chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { parseStoryDocument, type StoryDocument } from '../../common/document.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { doc } from '../helpers/documents.js';
import { expect, test, type NewsroomPage } from './harness.js';
import { by } from '../helpers/dataDir.js';

const LONG_URL = 'https://archive.example.org/photos/2026/11/24/lincoln-memorial-cleaning-volunteers-full-resolution-gallery-original-files.jpg';

let folder = '';
test.beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-page-'));
});
test.afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

/** An approved story with a captioned, credited photo and a link, exported publish-ready; the page's file URL. */
async function exportedPage({ newsroom }: NewsroomPage): Promise<string> {
  const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const eve = newsroom.profiles.create({ name: 'Eve Editor', roles: ['editor'] });
  const body = parseStoryDocument(doc('Crews spent a day on the memorial.'));
  const linked = {
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: [
      { type: 'text', version: 1, text: 'The full gallery is at ', format: 0, detail: 0, mode: 'normal', style: '' },
      { type: 'autolink', version: 1, url: LONG_URL, children: [{ type: 'text', version: 1, text: LONG_URL, format: 0, detail: 0, mode: 'normal', style: '' }] },
      { type: 'text', version: 1, text: '.', format: 0, detail: 0, mode: 'normal', style: '' },
    ],
  } as unknown as StoryDocument['root']['children'][number];
  body.root.children.push(linked);
  const { node } = await newsroom.media.importPhoto('lincoln.jpg', fs.readFileSync(fixturePhoto('iptc-agency-photographer-example.jpg')));
  body.root.children.push({ ...node, caption: `Volunteers scrub the statue. Pictures: ${LONG_URL}`, alt: 'The seated statue of Abraham Lincoln', fromPhoto: [] });
  let story = newsroom.stories.create(
    { fields: { headline: 'Lincoln gets a wash', byline: ['Ana Lima'], dateline: { place: 'WASHINGTON', date: '2026-11-24' } }, body: JSON.stringify(body) },
    by(ana),
  );
  story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
  story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve));
  const result = await newsroom.publishing.exportStory({ ref: story.id, outDir: folder }, by(eve));
  const page = result.files.find((f) => f.kind === 'page');
  if (!page) throw new Error('the export wrote no page');
  return pathToFileURL(path.isAbsolute(page.path) ? page.path : path.join(folder, page.path)).href;
}

async function onPhone(browser: import('@playwright/test').Browser, url: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator('h1')).toHaveText('Lincoln gets a wash');
  return page;
}

test('on a phone the page never scrolls sideways, however long an address in a caption or the text', async ({ app, browser }) => {
  const url = await exportedPage(app);
  for (const width of [360, 390]) {
    const page = await onPhone(browser, url, width);
    await expect(page.locator('figcaption')).toContainText(LONG_URL);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth }));
    expect(widths.view).toBe(width);
    expect(widths.page).toBeLessThanOrEqual(width);
    expect(widths.body).toBeLessThanOrEqual(width);
    // Nothing reaches past the right edge.
    const overflowing = await page.evaluate(
      (edge) => [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > edge + 0.5).map((el) => el.tagName.toLowerCase()),
      width,
    );
    expect(overflowing).toEqual([]);
    await page.context().close();
  }
});

test('the credit stands apart from the caption; byline and date are in the body’s type; links are styled', async ({ app, browser }) => {
  const page = await onPhone(browser, await exportedPage(app), 390);
  const style = (selector: string, property: string) => page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

  // The credit: its own line, in its own style, after the caption.
  const credit = page.locator('figcaption .credit');
  await expect(credit).toHaveText('Julie Doe/Mugwum Press');
  expect(await style('figcaption .credit', 'display')).toBe('block');
  const captionBox = await page.locator('figcaption').boundingBox();
  const creditBox = await credit.boundingBox();
  const captionTextBottom = await page.locator('figcaption').evaluate((el) => {
    const range = document.createRange();
    range.setStart(el.firstChild as Node, 0);
    range.setEnd(el.firstChild as Node, (el.firstChild?.textContent ?? '').length);
    return range.getBoundingClientRect().bottom;
  });
  expect(creditBox && captionBox && creditBox.y >= captionTextBottom).toBe(true);
  expect(await style('figcaption .credit', 'font-size')).not.toBe(await style('figcaption', 'font-size'));

  // Byline and date in the body's family, not the interface's.
  const bodyFamily = await style('body', 'font-family');
  expect(await style('.byline', 'font-family')).toBe(bodyFamily);
  expect(await style('.published', 'font-family')).toBe(bodyFamily);

  // Links: the house's colour and underline, not Chromium's default blue.
  const link = 'article a[href]';
  await expect(page.locator(link)).toHaveCount(1);
  expect(await style(link, 'color')).not.toBe('rgb(0, 0, 238)');
  expect(await style(link, 'text-decoration-line')).toBe('underline');
  expect(await style(link, 'text-underline-offset')).not.toBe('auto');
  await page.context().close();
  expect(await app.problems()).toEqual([]);
});
