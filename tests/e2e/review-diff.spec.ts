/**
 * "Changes since filed" in a wide view that keeps the story's shape: paragraphs and subheads as
 * they read, the changed ones marked word by word, with the sides' times in the window's one
 * date format.
 */
import type { StoryDocument } from '../../common/document.js';
import { documentFromPlainText } from '../../common/document.js';
import { expect, test } from './harness.js';
import { by } from '../helpers/dataDir.js';

test.use({ profile: { name: 'Eve Editor', roles: ['editor'] } });

const heading = (text: string, tag: 'h2' | 'h3' = 'h2'): StoryDocument['root']['children'][number] => ({
  type: 'heading',
  version: 1,
  tag,
  direction: null,
  format: '',
  indent: 0,
  children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
});

test('changes since filed open wide, paragraph by paragraph with their subheads', async ({ app }) => {
  const { page, newsroom } = app;
  const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const body = documentFromPlainText(
    ['The council met on Monday.', 'It put off the vote on the ferry contract.', 'Councillors will meet again in March.', 'The ferry runs until then.'].join('\n\n'),
  );
  body.root.children.splice(2, 0, heading('What happens next'));
  let story = newsroom.stories.create({ fields: { headline: 'Council delays ferry vote', byline: ['Ana Lima'] }, body: JSON.stringify(body) }, by(ana));
  story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
  story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'take' }, by(newsroom.profiles.byName('Eve Editor')));
  // The editor sharpens the second paragraph and adds a subhead before the last one.
  const edited = structuredClone(body);
  edited.root.children[1] = documentFromPlainText('It put off the vote on the £40m ferry contract.').root.children[0] as StoryDocument['root']['children'][number];
  edited.root.children.splice(4, 0, heading('Services', 'h3'));
  newsroom.stories.save({ id: story.id, version: story.version, body: JSON.stringify(edited) }, by(newsroom.profiles.byName('Eve Editor')));

  await page.goto(`${app.url}#/story/${story.id}`);
  await page.getByTestId('changes-since-filed').click();
  const diff = page.getByTestId('diff-view');
  await expect(diff).toBeVisible();
  // Wide: far wider than the 320 px of the side panel.
  const width = (await diff.boundingBox())?.width ?? 0;
  const panel = (await page.getByTestId('review-panel').boundingBox())?.width ?? 0;
  expect(width).toBeGreaterThan(700);
  expect(width).toBeGreaterThan(panel * 1.8);
  await expect(diff.getByTestId('diff-sides')).toHaveText(/^As filed by Ana Lima, Today \d\d:\d\d → Now$/);

  const blocks = diff.getByTestId('diff-body').getByTestId('diff-block');
  await expect(blocks).toHaveCount(6);
  await expect(blocks.nth(0)).toHaveText('The council met on Monday.');
  await expect(blocks.nth(0)).toHaveAttribute('data-change', 'equal');
  await expect(blocks.nth(1)).toHaveAttribute('data-change', 'changed');
  await expect(blocks.nth(1).locator('ins')).toHaveText('£40m ');
  await expect(diff.getByTestId('diff-body').locator('h2')).toHaveText(['What happens next']);
  const added = diff.getByTestId('diff-body').locator('h3');
  await expect(added).toHaveText(['Services']);
  await expect(added).toHaveAttribute('data-change', 'insert');
  await expect(added.locator('ins')).toHaveText('Services');
  await expect(blocks.nth(5)).toHaveText('The ferry runs until then.');

  await diff.getByTestId('diff-close').click();
  await expect(diff).toHaveCount(0);
  expect(await app.problems()).toEqual([]);
});
