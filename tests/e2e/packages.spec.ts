/**
 * Story packages in the window: a package made on another machine (a second newsroom opened in
 * this test, with its own data dir) dropped on the desk opens its story with what happened; a
 * package opened by main (double click) is shown through `package:opened`; "Export package…"
 * saves one where the (faked) save dialog says. When both machines changed the story, the
 * conflict view shows the differences and takes the version the person chooses into the editor.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentText, parseStoryDocument } from '../../common/document.js';
import { openNewsroom, type Newsroom } from '../../main/newsroom.js';
import { doc } from '../helpers/documents.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { expect, test, type NewsroomPage } from './harness.js';
import { dropFiles, pageFile, type PageFile } from './photosDrop.js';
import { by } from '../helpers/dataDir.js';

/** The other machine: the reporter's laptop, with its own store. */
let laptop: Newsroom;
let laptopDir = '';
let savedPackage = '';
test.beforeEach(() => {
  laptopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-laptop-'));
  laptop = openNewsroom(laptopDir);
  savedPackage = path.join(laptopDir, 'sent.newsroom');
});
test.afterEach(() => {
  laptop.close();
  fs.rmSync(laptopDir, { recursive: true, force: true });
});
test.use({ newsroomOptions: { platform: { chooseSavePath: async () => savedPackage } } });

/** A package of the laptop's story, as the page will be given it. */
function packed(storyId: string): PageFile {
  const { fileName, bytes } = laptop.packages.pack(storyId);
  return { name: fileName, type: 'application/octet-stream', base64: bytes.toString('base64') };
}

const bodyText = (newsroom: Newsroom, id: string) => documentText(parseStoryDocument(newsroom.stories.get(id).body));

async function dropOnDesk({ page }: NewsroomPage, file: PageFile) {
  await expect(page.getByTestId('desk-view')).toBeVisible();
  await dropFiles(page.getByTestId('desk-view'), [file]);
}

test('a package from another machine dropped on the desk opens its story and says so', async ({ app }) => {
  const { page, newsroom } = app;
  const ana = laptop.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const story = laptop.stories.create({ fields: { headline: 'Bridge closes for repairs', byline: ['Ana Lima'] }, body: doc('The bridge closes on Monday.') }, by(ana));

  // A photo dropped on the desk is refused with where it belongs, and nothing opens.
  await dropOnDesk(app, pageFile(fixturePhoto('iptc-agency-photographer-example.jpg')));
  await expect(page.getByTestId('package-refused')).toContainText('iptc-agency-photographer-example.jpg cannot be opened on the desk: drop a story package (.newsroom)');
  await expect(page.getByTestId('package-refused')).toContainText('To add a photo, open a story and drop it into the text.');
  await expect(page.getByTestId('desk-view')).toBeVisible();

  await dropOnDesk(app, packed(story.id));
  await expect(page.getByTestId('story-view')).toBeVisible();
  await expect(page.getByTestId('package-arrival-message')).toHaveText('New story from the package: “Bridge closes for repairs”.');
  await expect(page.getByTestId('headline')).toHaveValue('Bridge closes for repairs');
  await expect(page.getByTestId('story-body')).toHaveText('The bridge closes on Monday.');
  expect(newsroom.stories.get(story.id).headline).toBe('Bridge closes for repairs');

  // The banner belongs to that moment: back on the desk it is gone.
  await page.getByTestId('back-to-desk').click();
  await expect(page.getByTestId('desk-view')).toBeVisible();
  await expect(page.getByTestId('package-arrival')).toHaveCount(0);

  // The same package again changes nothing: only the banner says so, and the desk stays.
  await dropOnDesk(app, packed(story.id));
  await expect(page.getByTestId('package-arrival-message')).toHaveText('This machine already has this version of the story; notes and history were merged.');
  await expect(page.getByTestId('desk-view')).toBeVisible();
  await page.getByTestId('package-open-story').click();
  await expect(page.getByTestId('headline')).toHaveValue('Bridge closes for repairs');
  expect(await app.problems()).toEqual([]);
});

test('a package opened by main is shown once, and "Export package…" saves one the other machine opens', async ({ app }) => {
  const { page } = app;
  const ana = laptop.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const story = laptop.stories.create({ fields: { headline: 'Ferry strike called off' }, body: doc('Boats run as usual.') }, by(ana));
  await expect(page.getByTestId('desk-view')).toBeVisible();

  // A double click on the file: main opens it, then tells the window.
  const { fileName, bytes } = laptop.packages.pack(story.id);
  // Through the engine, as main opens it (openPackageFile): the engine remembers the arrival.
  const opened = await app.engine.invoke({ origin: 'window' }, 'package:open', { name: fileName, bytes: new Uint8Array(bytes) });
  expect(opened.ok).toBe(true);
  await app.emit('package:opened');
  await expect(page.getByTestId('package-arrival-message')).toHaveText('New story from the package: “Ferry strike called off”.');
  await expect(page.getByTestId('story-body')).toHaveText('Boats run as usual.');

  // Told again (or a window reloading asks `package:last`), the same arrival is not shown twice:
  // by the time a later edit has been saved, a repeat would be on screen.
  await page.getByTestId('package-banner-dismiss').click();
  await expect(page.getByTestId('package-arrival')).toHaveCount(0);
  await app.emit('package:opened');
  await page.getByTestId('story-body').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Talks resume in May.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  await expect(page.getByTestId('package-arrival')).toHaveCount(0);

  await page.getByTestId('export-package').click();
  await expect(page.getByTestId('notice')).toContainText(`Package saved to ${savedPackage} (`);
  const back = await laptop.packages.unpack('sent.newsroom', fs.readFileSync(savedPackage));
  expect(back.outcome).toBe('updated');
  expect(bodyText(laptop, story.id)).toBe('Boats run as usual. Talks resume in May.');
  expect(await app.problems()).toEqual([]);
});

/**
 * Both machines change the same story: the laptop sends it, this window edits it, the laptop
 * edits and sends it again, and that second package is dropped on the desk.
 */
async function changedOnBothSides(app: NewsroomPage) {
  const { page } = app;
  const ana = laptop.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  let story = laptop.stories.create({ fields: { headline: 'Bridge closes for repairs' }, body: doc('The bridge closes on Monday.') }, by(ana));
  await dropOnDesk(app, packed(story.id));
  await expect(page.getByTestId('story-body')).toHaveText('The bridge closes on Monday.');

  // The laptop changes its copy and sends it again...
  story = laptop.stories.save({ id: story.id, version: story.version, body: doc('The bridge closes on Monday for three weeks.') }, by(ana));
  const second = packed(story.id);
  // ...while this machine changed its own.
  await page.getByTestId('story-body').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Drivers should use the ring road.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  await page.getByTestId('back-to-desk').click();

  await dropOnDesk(app, second);
  const conflict = page.getByTestId('package-conflict');
  await expect(conflict).toBeVisible();
  return { storyId: story.id, conflict };
}

test('changes from both sides: the conflict view shows the difference and takes the incoming version into the editor', async ({ app }) => {
  const { page, newsroom } = app;
  const { storyId, conflict } = await changedOnBothSides(app);
  await expect(conflict).toContainText('Changes from both sides');
  await expect(page.getByTestId('package-arrival-message')).toContainText('Both this machine and the sender changed the story.');
  // This machine's text stays in the editor until someone chooses.
  await expect(page.getByTestId('story-body')).toHaveText('The bridge closes on Monday. Drivers should use the ring road.');
  // Struck: only in the incoming version; marked: only in this machine's.
  const words = (tag: 'del' | 'ins') => conflict.getByTestId('diff-body').locator(tag).allTextContents().then((parts) => parts.join(' ').replace(/\s+/g, ' ').trim());
  await expect.poll(() => words('del')).toBe('for three weeks');
  await expect.poll(() => words('ins')).toContain('Drivers should use the ring road');

  await conflict.getByTestId('take-incoming').click();
  await expect(page.getByTestId('story-body')).toHaveText('The bridge closes on Monday for three weeks.');
  await expect(page.getByTestId('package-conflict')).toHaveCount(0);
  await expect(page.getByTestId('package-arrival')).toHaveCount(0);
  expect(newsroom.stories.get(storyId).conflictRevisionId).toBeNull();
  expect(bodyText(newsroom, storyId)).toBe('The bridge closes on Monday for three weeks.');
  // This machine's text was kept as a revision.
  expect(newsroom.revisions.list(storyId).map((r) => r.reason)).toContain('before-restore');

  // The editor carries on from the version it took: the next edit saves over it, no conflict.
  await page.getByTestId('story-body').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Buses are free.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  expect(bodyText(newsroom, storyId)).toBe('The bridge closes on Monday for three weeks. Buses are free.');

  // Reloaded, the window shows neither the conflict nor (already seen) the arrival again.
  await page.reload();
  await expect(page.getByTestId('story-body')).toHaveText('The bridge closes on Monday for three weeks. Buses are free.');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);
  await expect(page.getByTestId('package-conflict')).toHaveCount(0);
  await expect(page.getByTestId('package-arrival')).toHaveCount(0);
  expect(await app.problems()).toEqual([]);
});

test('"Keep this machine\'s version" leaves the editor as it is and ends the conflict', async ({ app }) => {
  const { page, newsroom } = app;
  const { storyId, conflict } = await changedOnBothSides(app);
  await conflict.getByTestId('keep-local').click();
  await expect(page.getByTestId('package-conflict')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText('This machine’s version is kept; the incoming one stays in the revisions.');
  await expect(page.getByTestId('story-body')).toHaveText('The bridge closes on Monday. Drivers should use the ring road.');
  expect(newsroom.stories.get(storyId).conflictRevisionId).toBeNull();
  expect(bodyText(newsroom, storyId)).toBe('The bridge closes on Monday. Drivers should use the ring road.');
  expect(newsroom.revisions.list(storyId).map((r) => r.reason)).toContain('incoming');
  expect(await app.problems()).toEqual([]);
});
