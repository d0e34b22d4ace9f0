/**
 * Publishing from the story screen: "Preview as published" shows the exact page the export
 * writes, in a frame that can run nothing, and "Export…" writes it to the folder the editor picks
 * (the system dialog is faked by `platform.chooseExportFolder`). An approved story exports
 * publish-ready and becomes published; anything else only as a preview that says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseStoryDocument } from '../../common/document.js';
import { doc } from '../helpers/documents.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { expect, test, type NewsroomPage } from './harness.js';
import { by } from '../helpers/dataDir.js';

let exportFolder = '';
test.beforeEach(() => {
  exportFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-export-'));
});
test.afterEach(() => {
  fs.rmSync(exportFolder, { recursive: true, force: true });
});
test.use({
  newsroomOptions: { platform: { chooseExportFolder: async () => exportFolder } },
  // Playwright's trace recorder injects its script into every frame, and Chromium logs each refusal
  // in the sandboxed preview ("Blocked script execution in 'about:srcdoc'"): with tracing on, a
  // script the page itself tried to run could not be told from the recorder's.
  trace: 'off',
});

const EDITOR = { name: 'Desk Editor', byline: '', roles: ['editor' as const] };

/** A story written by a reporter and approved by an editor, with a credited, described photo. */
async function approvedStory({ newsroom }: NewsroomPage) {
  const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const eve = newsroom.profiles.list().find((p) => p.roles.includes('editor')) ?? newsroom.profiles.create({ name: 'Eve Editor', roles: ['editor'] });
  const body = parseStoryDocument(doc('The statue was cleaned on Thursday.'));
  const { node } = await newsroom.media.importPhoto('lincoln.jpg', fs.readFileSync(fixturePhoto('iptc-agency-photographer-example.jpg')));
  // The reporter has checked what the photo's file filled in: approval waits for that.
  body.root.children.push({ ...node, alt: 'The seated statue of Abraham Lincoln', fromPhoto: [] });
  let story = newsroom.stories.create(
    {
      fields: {
        headline: 'Lincoln gets a wash',
        standfirst: 'Crews spent a day on the memorial.',
        byline: ['Ana Lima'],
        dateline: { place: 'WASHINGTON', date: '2026-11-24' },
      },
      body: JSON.stringify(body),
    },
    by(ana),
  );
  story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
  return newsroom.workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve));
}

test.describe('as an editor', () => {
  test.use({ profile: EDITOR });

  test('an approved story previews as published in a sandboxed frame, then exports publish-ready and becomes published', async ({ app }) => {
    const { page, newsroom } = app;
    const story = await approvedStory(app);
    await page.goto(`${app.url}#/story/${story.id}`);
    await expect(page.getByTestId('status-badge')).toHaveText('Approved');

    await page.getByTestId('preview-story').click();
    const frame = page.getByTitle('Preview as published');
    // No allow-scripts, no allow-same-origin: the page can run nothing and reach nothing.
    await expect(frame).toHaveAttribute('sandbox', '');
    const preview = page.frameLocator('iframe[title="Preview as published"]');
    await expect(preview.locator('h1')).toHaveText('Lincoln gets a wash');
    await expect(preview.locator('figure span.credit')).toHaveText('Julie Doe/Mugwum Press');
    await expect(preview.locator('figure img')).toHaveAttribute('alt', 'The seated statue of Abraham Lincoln');
    // The photo itself shows: the frame can load it though it can load nothing of the app's.
    await expect.poll(() => preview.locator('figure img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(preview.locator('.preview-notice')).toHaveCount(0);
    // The page's own stylesheet applied (42rem of 16px), so the policy let exactly it through.
    await expect(preview.locator('body')).toHaveCSS('max-width', '672px');
    await expect(page.getByTestId('preview-mode')).toHaveText('This is the page exactly as the export writes it.');
    await page.getByTestId('preview-dialog').getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('preview-dialog')).toHaveCount(0);

    await page.getByTestId('export-story').click();
    await expect(page.getByTestId('export-explain')).toContainText('marks the story published');
    await expect(page.getByTestId('export-preview')).toHaveCount(0);
    await page.getByTestId('export-publish').click();

    const written = path.join(exportFolder, story.slug, 'index.html');
    await expect(page.getByTestId('export-result')).toBeVisible();
    await expect(page.getByTestId('export-folder')).toHaveText(exportFolder);
    await expect(page.getByTestId('export-page')).toHaveText(written);
    // The page and the photo in each of its sizes.
    const files = Number((await page.getByTestId('export-count').textContent())?.split(' ')[0]);
    expect(files).toBeGreaterThan(1);
    await expect(page.getByTestId('export-published')).toHaveText('Marked published.');
    const html = fs.readFileSync(written, 'utf8');
    expect(html).toContain('<h1>Lincoln gets a wash</h1>');
    expect(html).toContain('<span class="credit">Julie Doe/Mugwum Press</span>');
    expect(html).not.toContain('<p class="preview-notice"');

    await page.getByTestId('export-close').click();
    await expect(page.getByTestId('status-badge')).toHaveText('Published');
    expect(newsroom.stories.get(story.id).status).toBe('published');
    expect(newsroom.workflow.history(story.id).at(-1)).toMatchObject({ action: 'publish', profileName: 'Desk Editor', note: `Exported to ${written}` });
    expect(await app.problems()).toEqual([]);
  });
});

test('a reporter is told only an editor publishes, and is offered the preview', async ({ app }) => {
  const { page, newsroom } = app;
  const story = await approvedStory(app);
  await page.goto(`${app.url}#/story/${story.id}`);
  await page.getByTestId('export-story').click();
  await expect(page.getByTestId('export-explain')).toHaveText(
    'Publish-ready export is not available. Exporting an approved story publishes it, and only an editor can publish. Export it as a preview, or ask an editor to export it.',
  );
  await expect(page.getByTestId('export-publish')).toHaveCount(0);
  await page.getByTestId('export-preview').click();
  await expect(page.getByTestId('export-page')).toHaveText(path.join(exportFolder, story.slug, 'index.html'));
  expect(fs.readFileSync(path.join(exportFolder, story.slug, 'index.html'), 'utf8')).toContain('Preview — not the published page');
  expect(newsroom.stories.get(story.id).status).toBe('approved');
  expect(await app.problems()).toEqual([]);
});

test('a draft previews with the "not approved" notice and exports only as a preview, saying why', async ({ app }) => {
  const { page, newsroom } = app;
  const draft = newsroom.stories.create({ fields: { headline: 'Tide tables change' }, body: doc('High water comes an hour later.') }, by(null));
  await page.goto(`${app.url}#/story/${draft.id}`);
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

  // What is typed goes into the preview: it is saved first.
  await page.getByTestId('story-body').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Check the harbour board.');
  await page.getByTestId('preview-story').click();
  const preview = page.frameLocator('iframe[title="Preview as published"]');
  await expect(preview.locator('.preview-notice')).toHaveText('Preview — not approved for publication');
  await expect(preview.locator('main')).toContainText('High water comes an hour later. Check the harbour board.');
  await expect(page.getByTestId('preview-mode')).toContainText('not approved');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('preview-dialog')).toHaveCount(0);

  await page.getByTestId('export-story').click();
  await expect(page.getByTestId('export-explain')).toHaveText(
    'Publish-ready export is not available. This story is draft: only an approved story exports as publish-ready. Export it as a preview, or have an editor approve it.',
  );
  await expect(page.getByTestId('export-publish')).toHaveCount(0);
  await page.getByTestId('export-single-file').check();
  await page.getByTestId('export-preview').click();

  // One file: the page with its photos inside, beside the folder a full export would make.
  const written = path.join(exportFolder, `${draft.slug}.html`);
  await expect(page.getByTestId('export-page')).toHaveText(written);
  await expect(page.getByTestId('export-count')).toHaveText('1 file');
  await expect(page.getByTestId('export-published')).toHaveCount(0);
  const html = fs.readFileSync(written, 'utf8');
  expect(html).toContain('<p class="preview-notice" role="note">Preview — not approved for publication</p>');
  expect(html).toContain('<meta name="robots" content="noindex">');
  expect(newsroom.stories.get(draft.id).status).toBe('draft');
  await expect(page.getByTestId('status-badge')).toHaveText('Draft');
  expect(await app.problems()).toEqual([]);
});

test('the menu previews and exports the open story, and says what to do on the desk', async ({ app }) => {
  const { page, newsroom } = app;
  await expect(page.getByTestId('desk-view')).toBeVisible();
  await app.emit('menu:preview');
  await expect(page.getByTestId('notice')).toContainText('Open a story to preview it as published.');
  await app.emit('menu:export-story');
  await expect(page.getByTestId('notice')).toContainText('Open a story to export it.');

  const draft = newsroom.stories.create({ fields: { headline: 'Ferry timetable' }, body: doc('Boats run every half hour.') }, by(null));
  await page.goto(`${app.url}#/story/${draft.id}`);
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  await app.emit('menu:preview');
  await expect(page.frameLocator('iframe[title="Preview as published"]').locator('h1')).toHaveText('Ferry timetable');
  await page.keyboard.press('Escape');
  await app.emit('menu:export-story');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await expect(page.getByTestId('export-preview')).toBeVisible();
  expect(await app.problems()).toEqual([]);
});
