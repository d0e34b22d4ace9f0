import { parseStoryDocument } from '../../common/document.js';
import { expect, test } from './harness.js';

function storyIdOf(url: string): string {
  return decodeURIComponent(new URL(url).hash.replace('#/story/', ''));
}

test('the toolbar and shortcuts make subheads, bold, italic, links, quotes and lists that the store keeps', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('new-story').click();
  await page.getByTestId('headline').fill('Budget night');
  const body = page.getByTestId('story-body');
  await body.click();

  await page.keyboard.type('The mayor said ');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type('no');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type(' and ');
  await page.keyboard.press('ControlOrMeta+i');
  await page.keyboard.type('never');
  await page.keyboard.press('ControlOrMeta+i');
  await page.keyboard.type('.');
  await page.keyboard.press('Enter');

  await page.getByTestId('block-type').selectOption('h2');
  await page.keyboard.type('The numbers');
  await page.keyboard.press('Enter');
  await page.getByTestId('block-type').selectOption('number');
  await page.keyboard.type('Schools');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Roads');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.getByTestId('block-type').selectOption('quote');
  await page.keyboard.type('It is a fair budget');
  await page.keyboard.press('Enter');

  // Ctrl/Cmd+K on a selection links it; a typo-free bare domain gets https://.
  await page.keyboard.type('Read the report');
  await page.keyboard.down('Shift');
  for (let i = 0; i < 'report'.length; i += 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.up('Shift');
  await page.keyboard.press('ControlOrMeta+k');
  await page.getByTestId('link-url').fill('example.com/budget');
  await page.getByTestId('link-url').press('Enter');

  await expect(body.locator('h2')).toHaveText('The numbers');
  await expect(body.locator('ol > li')).toHaveText(['Schools', 'Roads']);
  await expect(body.locator('blockquote')).toHaveText('It is a fair budget');
  await expect(body.locator('a')).toHaveText('report');
  await expect(body.locator('strong, b, .copy-bold').first()).toHaveText('no');

  // Undo takes the last change back, redo brings it again.
  await body.locator('p').last().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' now');
  await expect(body).toContainText('report now');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(body).not.toContainText('report now');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(body).toContainText('report now');

  await expect(page.getByTestId('save-state')).toHaveText(/^Saved \d\d:\d\d$/);
  const stored = newsroom.stories.get(storyIdOf(page.url()));
  const doc = parseStoryDocument(stored.body);
  const json = JSON.stringify(doc);
  expect(doc.root.children.map((block) => block.type)).toEqual(['paragraph', 'heading', 'list', 'quote', 'paragraph']);
  expect(json).toContain('"tag":"h2"');
  expect(json).toContain('"listType":"number"');
  expect(json).toContain('"url":"https://example.com/budget"');
  expect(doc.root.children[0]).toMatchObject({
    children: [
      { text: 'The mayor said ', format: 0 },
      { text: 'no', format: 1 },
      { text: ' and ', format: 0 },
      { text: 'never', format: 2 },
      { text: '.', format: 0 },
    ],
  });
  expect(await app.problems()).toEqual([]);
});

test('the word count and reading time follow the text as it is typed', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('new-story').click();
  await expect(page.getByTestId('word-count')).toHaveText('0 words · nothing to read yet');
  await page.getByTestId('story-body').click();
  await page.keyboard.type('One two three.');
  await expect(page.getByTestId('word-count')).toHaveText('3 words · 1 min read');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(Array.from({ length: 457 }, () => 'word').join(' '));
  await expect(page.getByTestId('word-count')).toHaveText('460 words · 2 min read');
});

test('a save the store refuses says why, offers Retry, and holds the reporter on the story until it is saved', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('new-story').click();
  const headline = page.getByTestId('headline');
  await headline.fill('x'.repeat(501));
  await expect(page.getByTestId('save-state')).toHaveText(/^Not saved: .*Headline is over 500 characters/);
  await expect(page.getByTestId('save-retry')).toBeVisible();

  await page.getByTestId('back-to-desk').click();
  await expect(page.getByTestId('leave-prompt')).toBeVisible();
  await expect(page.getByTestId('story-view')).toBeVisible();

  await headline.fill('Short enough');
  await page.getByTestId('save-retry').click();
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(newsroom.stories.get(storyIdOf(page.url())).headline).toBe('Short enough');

  await page.getByRole('button', { name: 'Stay' }).click();
  await page.getByTestId('back-to-desk').click();
  await expect(page.getByTestId('desk-view')).toBeVisible();
  await expect(page.getByTestId('row-headline')).toHaveText(['Short enough']);
});

test('the Link button adds mail links, refuses unsafe addresses, and removes links', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('new-story').click();
  const body = page.getByTestId('story-body');
  await body.click();
  await page.keyboard.type('Call the desk');
  await page.keyboard.down('Shift');
  for (let i = 0; i < 'desk'.length; i += 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.up('Shift');

  await page.getByTestId('format-link').click();
  await page.getByTestId('link-url').fill('javascript:alert(1)');
  await page.getByTestId('link-apply').click();
  await expect(page.getByTestId('link-editor').getByRole('alert')).toContainText('Links must be web, mail or phone addresses');
  await expect(body.locator('a')).toHaveCount(0);

  await page.getByTestId('link-url').fill('desk@example.org');
  await page.getByTestId('link-apply').click();
  await expect(body.locator('a')).toHaveAttribute('href', 'mailto:desk@example.org');
  await expect(body.locator('a')).toHaveText('desk');

  await body.locator('a').click();
  await page.keyboard.press('ControlOrMeta+k');
  await expect(page.getByTestId('link-url')).toHaveValue('mailto:desk@example.org');
  await page.getByTestId('link-remove').click();
  await expect(body.locator('a')).toHaveCount(0);
  await expect(body).toHaveText('Call the desk');
});
