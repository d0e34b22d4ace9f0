/**
 * Markdown-style shortcuts in the story text, as Ghost and iA Writer users type them, only for
 * what a story may hold; and the keyboard shortcuts listed in the window (Ctrl/⌘+/ and tooltips).
 */
import type { StoryDocument } from '../../common/document.js';
import { parseStoryDocument } from '../../common/document.js';
import { expect, test } from './harness.js';
import { storyIdOf } from './review-helpers.js';

test('"## ", "### ", "> ", "- ", "1. ", **bold** and *italic* become subheads, a quote, lists and formatting; "# " stays text', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('new-story').click();
  await page.getByTestId('headline').fill('Shortcuts');
  const body = page.getByTestId('story-body');
  await body.click();
  const type = (text: string) => page.keyboard.type(text);
  await type('## The vote');
  await page.keyboard.press('Enter');
  await type('### What comes next');
  await page.keyboard.press('Enter');
  await type('> We will not back down');
  await page.keyboard.press('Enter');
  await type('- Schools');
  await page.keyboard.press('Enter');
  await type('Bridges');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await type('1. First');
  await page.keyboard.press('Enter');
  await type('Second');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await type('It was **very** close and *far* from over.');
  await page.keyboard.press('Enter');
  await type('# Not a headline');

  await expect(body.locator('h2')).toHaveText(['The vote']);
  await expect(body.locator('h3')).toHaveText(['What comes next']);
  await expect(body.locator('blockquote')).toHaveText(['We will not back down']);
  await expect(body.locator('ul > li')).toHaveText(['Schools', 'Bridges']);
  await expect(body.locator('ol > li')).toHaveText(['First', 'Second']);
  await expect(body.locator('strong')).toHaveText(['very']);
  await expect(body.locator('em')).toHaveText(['far']);
  await expect(body.locator('h1')).toHaveCount(0);
  await expect(body.locator('p').last()).toHaveText('# Not a headline');

  await page.getByTestId('headline').click();
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  const stored = parseStoryDocument(newsroom.stories.get(storyIdOf(page)).body) as StoryDocument;
  const shape = stored.root.children.map((block) => (block.type === 'heading' ? block.tag : block.type === 'list' ? `${block.listType}-list` : block.type));
  expect(shape).toEqual(['h2', 'h3', 'quote', 'bullet-list', 'number-list', 'paragraph', 'paragraph']);
  expect(await app.problems()).toEqual([]);
});

test('Ctrl/⌘+/ lists the keyboard shortcuts, from the desk or from inside the text, and tooltips name the keys', async ({ app }) => {
  const { page } = app;
  const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(page.getByTestId('desk-view')).toBeVisible();
  await page.keyboard.press(`${mod}+/`);
  await expect(sheet).toBeVisible();
  const row = (what: string) => sheet.getByTestId('shortcut').filter({ hasText: what });
  await expect(row('New story').locator('kbd')).toHaveText(/^(Ctrl\+N|⌘N)$/);
  await expect(row('Insert a photo').locator('kbd')).toHaveText(/^(Ctrl\+Shift\+P|⇧⌘P)$/);
  await expect(row('Link').locator('kbd')).toHaveText(/^(Ctrl\+K|⌘K)$/);
  await expect(row('Subhead').first().locator('kbd')).toHaveText('##␣');
  await expect(row('Numbered list').locator('kbd')).toHaveText('1.␣');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);

  // Tooltips name the keys too.
  await expect(page.getByTestId('profile-button')).toHaveAttribute('title', /Switch profile \((Ctrl\+Shift\+U|⇧⌘U)\)/);
  await expect(page.getByTestId('import-button')).toHaveAttribute('title', /\((Ctrl\+Shift\+O|⇧⌘O)\)/);
  await expect(page.getByTestId('search')).toHaveAttribute('title', /\((Ctrl\+F|⌘F)\)/);

  // From inside the story text, the sheet opens and the text is left as it was.
  await page.getByTestId('new-story').click();
  await page.getByTestId('story-body').click();
  await page.keyboard.type('Words');
  await page.keyboard.press(`${mod}+/`);
  await expect(sheet).toBeVisible();
  await page.keyboard.press(`${mod}+/`);
  await expect(sheet).toHaveCount(0);
  await expect(page.getByTestId('story-body')).toHaveText('Words');
  await expect(page.getByTestId('format-bold')).toHaveAttribute('title', /Bold \((Ctrl\+B|⌘B)\)/);
  expect(await app.problems()).toEqual([]);
});
