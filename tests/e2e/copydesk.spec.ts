/**
 * Import and the copy desk, in the window: story files dropped on the desk (or picked with
 * "Import…" or File › Import…) become drafts, with a report of what the import took out; the
 * story's house-style findings are underlined in the text, listed beside it by rule, and fixed
 * ("Apply") or ignored for good ("Ignore") from there. The drop is synthesized (Chromium lets no
 * test drive a native file drag): a real File in a DataTransfer, sent as dragenter/dragover/drop.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { documentText, parseStoryDocument } from '../../common/document.js';
import type { Newsroom } from '../../main/newsroom.js';
import { expect, test } from './harness.js';
import { by } from '../helpers/dataDir.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ARTICLES = path.resolve(here, '../../../shared/fixtures/articles');
const RIVER = path.join(ARTICLES, 'river-villages.txt');
const COUNCIL = path.join(ARTICLES, 'council-budget.md');
const RIVER_HEADLINE = 'Floodwaters cut off river villages as crews race the next storm';

interface DroppedFile {
  name: string;
  type: string;
  base64: string;
}

const fixture = (file: string, type = 'text/plain'): DroppedFile => ({ name: path.basename(file), type, base64: fs.readFileSync(file).toString('base64') });

/** Drops the files on the desk as a reporter dragging them from their file manager would. */
async function dropOnDesk(page: Page, files: DroppedFile[]): Promise<void> {
  const desk = page.getByTestId('desk-view');
  await expect(desk).toBeVisible();
  await desk.evaluate((element, sent: DroppedFile[]) => {
    const transfer = new DataTransfer();
    for (const file of sent) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    const box = element.getBoundingClientRect();
    const init = { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
    element.dispatchEvent(new DragEvent('dragenter', init));
    element.dispatchEvent(new DragEvent('dragover', init));
    element.dispatchEvent(new DragEvent('drop', init));
  }, files);
}

const storyCount = (newsroom: Newsroom) => newsroom.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 10, trashed: false }).total;
const storyIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
const bodyText = (newsroom: Newsroom, id: string) => documentText(parseStoryDocument(newsroom.stories.get(id).body));

/** The text of each range painted under a CSS highlight (the underlines in the body). */
function highlighted(page: Page, name: string): Promise<string[]> {
  return page.evaluate((highlight) => [...(CSS.highlights.get(highlight) ?? [])].map((range) => range.toString()), name);
}

const rule = (panel: Locator, id: string) => panel.locator(`[data-testid="copydesk-rule"][data-rule="${id}"]`);

test('a story file dropped on the desk becomes a draft with its import report, and the copy desk fixes or ignores its findings', async ({ app }) => {
  const { page, newsroom } = app;
  await dropOnDesk(page, [fixture(RIVER)]);

  // The report: the web leftovers taken out, each with why.
  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-file', 'river-villages.txt');
  await expect(report.getByTestId('import-report-headline')).toHaveText(RIVER_HEADLINE);
  const removed = report.getByTestId('import-removed').locator('li');
  await expect(removed).toHaveCount(2);
  await expect(removed.nth(0)).toContainText('Read more: How the 2024 floods reshaped the region');
  await expect(removed.nth(0)).toContainText('links to other stories');
  await expect(removed.nth(1)).toContainText('Share this article');
  await expect(removed.nth(1)).toContainText('sharing prompt');

  // The story opens behind the report, headline and dateline filled from the file.
  await expect(page.getByTestId('story-view')).toBeVisible();
  await expect(page.getByTestId('headline')).toHaveValue(RIVER_HEADLINE);
  await expect(page.getByTestId('dateline-place')).toHaveValue('SANTA CRUZ DO SUL, Brazil');
  const id = storyIdOf(page);
  expect(newsroom.stories.get(id).headline).toBe(RIVER_HEADLINE);
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();

  // The copy desk opens on a story just imported, its findings grouped by rule and counted.
  const panel = page.getByTestId('copydesk-panel');
  await expect(panel).toBeVisible();
  await expect(rule(panel, 'repeated-word').getByTestId('copydesk-text')).toHaveText('the the');
  await expect(rule(panel, 'repeated-word').getByTestId('copydesk-suggestion')).toHaveText('the');
  await expect(rule(panel, 'double-space').getByTestId('copydesk-rule-count')).toHaveText('1');
  await expect(rule(panel, 'double-space').getByTestId('copydesk-finding')).toContainText('2 spaces between “in” and “knee-deep”: use one');
  await expect(rule(panel, 'sentence-case').getByTestId('copydesk-finding')).toContainText('A sentence starts in lower case: “the” → “The”');
  await expect(rule(panel, 'mixed-quotes').getByTestId('copydesk-rule-count')).toHaveText('4');
  await expect(rule(panel, 'mixed-quotes').getByTestId('copydesk-text')).toHaveText(['«', '»', '«', '»']);
  await expect(rule(panel, 'mixed-quotes').getByTestId('copydesk-suggestion')).toHaveText(['“', '”', '“', '”']);

  // The same findings are underlined in the text, which the check did not change.
  const storedBefore = newsroom.stories.get(id).version;
  await expect.poll(() => highlighted(page, 'copydesk-warning')).toEqual(expect.arrayContaining(['the the', '  ', '«', '»', 'the', 'twelve']));
  // Clicking a finding marks it in the text.
  await rule(panel, 'repeated-word').getByTestId('copydesk-show').click();
  await expect(rule(panel, 'repeated-word').getByTestId('copydesk-finding')).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => highlighted(page, 'copydesk-current')).toEqual(['the the']);
  expect(newsroom.stories.get(id).version).toBe(storedBefore);

  // Apply: the text is fixed and saved, and the finding is gone.
  await rule(panel, 'repeated-word').getByTestId('copydesk-apply').click();
  await expect(rule(panel, 'repeated-word')).toHaveCount(0);
  await expect(page.getByTestId('story-body')).toContainText('We are moving people in the dark');
  await expect.poll(() => bodyText(newsroom, id)).toContain('We are moving people in the dark');
  expect(bodyText(newsroom, id)).not.toContain('the the');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved /);
  // The check of the saved story agrees, and the rest is still listed.
  await expect(rule(panel, 'repeated-word')).toHaveCount(0);
  await expect(rule(panel, 'double-space')).toHaveCount(1);
  await expect.poll(() => highlighted(page, 'copydesk-warning')).not.toContain('the the');

  // Ignore: the finding goes, and stays gone for this story after a reload.
  await rule(panel, 'double-space').getByTestId('copydesk-ignore').click();
  await expect(rule(panel, 'double-space')).toHaveCount(0);
  await expect(panel.getByTestId('copydesk-ignored-count')).toHaveText('1 finding ignored for this story.');
  expect(newsroom.houseStyle.check(id).findings.map((f) => f.rule)).not.toContain('double-space');

  await page.reload();
  await expect(page.getByTestId('headline')).toHaveValue(RIVER_HEADLINE);
  await expect(panel).toBeVisible();
  await expect(rule(panel, 'sentence-case')).toHaveCount(1);
  await expect(rule(panel, 'double-space')).toHaveCount(0);
  await expect(rule(panel, 'repeated-word')).toHaveCount(0);
  await expect(panel.getByTestId('copydesk-ignored-count')).toHaveText('1 finding ignored for this story.');
  expect(await app.problems()).toEqual([]);
});

test('a file that is not text, dropped on the desk, is refused with its name and nothing is created', async ({ app }) => {
  const { page, newsroom } = app;
  const binary = Buffer.from([0x00, 0x01, 0x02, 0x00, 0x00, 0x9f, 0x50, 0x00, 0xff, 0x00, 0x10, 0x00]);
  await dropOnDesk(page, [{ name: 'notes.txt', type: 'text/plain', base64: binary.toString('base64') }]);

  const refused = page.getByTestId('import-refused');
  await expect(refused).toContainText('Not imported.');
  await expect(refused).toContainText('notes.txt: it is a binary file, not text');
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  expect(storyCount(newsroom)).toBe(0);

  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('desk-view')).toBeVisible();
  expect(await app.problems()).toEqual([]);
});

test('Import… and File › Import… take several files: each becomes a draft, listed with its report', async ({ app }) => {
  const { page, newsroom } = app;
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-button').click();
  await (await chooser).setFiles([RIVER, COUNCIL]);

  const reports = page.getByTestId('import-report');
  await expect(reports).toHaveCount(2);
  await expect(reports.nth(0)).toHaveAttribute('data-file', 'river-villages.txt');
  await expect(reports.nth(1)).toHaveAttribute('data-file', 'council-budget.md');
  // Several stories: none opens by itself; the desk lists them all.
  await expect(page.getByTestId('desk-view')).toBeVisible();
  expect(storyCount(newsroom)).toBe(2);
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('desk-view')).toContainText(RIVER_HEADLINE);

  // The menu command opens the same picker; a picked story opens from its report.
  const again = page.waitForEvent('filechooser');
  await app.emit('menu:import');
  await (await again).setFiles([COUNCIL]);
  await expect(page.getByTestId('import-report')).toHaveCount(1);
  await expect(page.getByTestId('story-view')).toBeVisible();
  const councilHeadline = newsroom.stories.get(storyIdOf(page)).headline;
  await expect(page.getByTestId('import-report-headline')).toHaveText(councilHeadline);
  expect(storyCount(newsroom)).toBe(3);

  // From the real menu the command comes without a click in the page, and Chromium opens no file
  // picker without one: the window asks for the click first. Playwright's page always counts as
  // activated, so here the page is told it is not, as it would be after a native menu click.
  const second = await app.openPage();
  await expect(second.getByTestId('desk-view')).toBeVisible();
  await second.evaluate(() => Object.defineProperty(navigator, 'userActivation', { value: { isActive: false, hasBeenActive: false } }));
  await app.emit('menu:import', second);
  await expect(second.getByTestId('import-dialog')).toContainText('Choose the files to bring in (.txt, .md, .html or .docx)');
  const asked = second.waitForEvent('filechooser');
  await second.getByTestId('import-choose').click();
  await (await asked).setFiles([RIVER]);
  await expect(second.getByTestId('import-report-headline')).toHaveText(RIVER_HEADLINE);
  await expect(second.getByTestId('story-view')).toBeVisible();
  expect(storyCount(newsroom)).toBe(4);
  expect(await app.problems()).toEqual([]);
});

test('findings in the headline, a list item and across bold text are shown where they are and fixed there', async ({ app }) => {
  const { page, newsroom } = app;
  const text = (value: string, format = 0) => ({ type: 'text', version: 1, text: value, format, detail: 0, mode: 'normal', style: '' });
  const body = {
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: [
        { type: 'paragraph', version: 1, direction: 'ltr', format: '', indent: 0, textFormat: 0, textStyle: '', children: [text('Crews worked in the '), text('the dark', 1), text(' all night.')] },
        {
          type: 'list',
          version: 1,
          listType: 'bullet',
          tag: 'ul',
          start: 1,
          direction: 'ltr',
          format: '',
          indent: 0,
          children: [
            { type: 'listitem', version: 1, value: 1, direction: 'ltr', format: '', indent: 0, children: [text('Schools are closed.')] },
            { type: 'listitem', version: 1, value: 2, direction: 'ltr', format: '', indent: 0, children: [text('Two bridges  are shut.')] },
          ],
        },
      ],
    },
  };
  const story = newsroom.stories.create({ fields: { headline: 'Crews reach  the villages' }, body: JSON.stringify(body) }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  await expect(page.getByTestId('headline')).toHaveValue('Crews reach  the villages');

  // The headline's finding sits under the headline box.
  const headlineFindings = page.getByTestId('copydesk-headline-findings');
  await expect(headlineFindings).toContainText('2 spaces between “reach” and “the”: use one');
  // The body's are underlined where they are: in the list item, and across the bold words.
  await expect.poll(() => highlighted(page, 'copydesk-warning')).toEqual(expect.arrayContaining(['the ', 'the', '  ']));

  // The list opens from the story bar.
  await page.getByTestId('copydesk-toggle').click();
  const panel = page.getByTestId('copydesk-panel');
  await expect(rule(panel, 'double-space').getByTestId('copydesk-finding')).toHaveCount(2);
  await expect(rule(panel, 'double-space').locator('.copydesk-where')).toHaveText(['Headline']);

  await headlineFindings.getByTestId('copydesk-apply').click();
  await expect(page.getByTestId('headline')).toHaveValue('Crews reach the villages');
  await rule(panel, 'repeated-word').getByTestId('copydesk-apply').click();
  await expect(page.getByTestId('story-body').locator('p').first()).toHaveText('Crews worked in the dark all night.');
  // The bold stays on what was left of the bold words.
  await expect(page.getByTestId('story-body').locator('p').first().locator('strong')).toHaveText(' dark');
  await rule(panel, 'double-space').getByTestId('copydesk-apply').click();
  await expect(page.getByTestId('story-body').locator('li').nth(1)).toHaveText('Two bridges are shut.');

  await expect.poll(() => newsroom.stories.get(story.id).headline).toBe('Crews reach the villages');
  await expect.poll(() => bodyText(newsroom, story.id)).toContain('Crews worked in the dark all night.');
  expect(bodyText(newsroom, story.id)).toContain('Two bridges are shut.');
  await expect(panel.getByTestId('copydesk-clean')).toBeVisible();
  await expect(headlineFindings).toHaveCount(0);
  expect(await app.problems()).toEqual([]);
});
