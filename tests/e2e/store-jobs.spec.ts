/**
 * The store's long jobs started from the menu show in the window's job bar (issue 15): File ›
 * Export All Approved…, Back Up Now and Check the Store and Photos each run as a job whose
 * progress reaches the window and ends in a one-line notice; an export batch can be cancelled and
 * then writes nothing. The folder dialog is held open until the test has looked at the job bar.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { doc } from '../helpers/documents.js';
import { by } from '../helpers/dataDir.js';
import { expect, test, type NewsroomPage } from './harness.js';

const EDITOR = { name: 'Desk Editor', byline: '', roles: ['editor' as const, 'reporter' as const] };
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-store-jobs-'));
let answerDialog: (chosen: string) => void = () => undefined;

test.use({
  profile: EDITOR,
  newsroomOptions: { platform: { chooseExportFolder: () => new Promise<string>((resolve) => (answerDialog = resolve)) } },
});
test.afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function approveThree({ newsroom }: NewsroomPage): void {
  newsroom.settings.set({ allowSelfApproval: true });
  const editor = newsroom.profiles.current();
  for (const headline of ['Ferry strike called off', 'Bridge reopens', 'Library keeps its hours']) {
    let story = newsroom.stories.create({ fields: { headline, byline: ['Desk Editor'] }, body: doc(`${headline}, the council said.`) }, by(editor));
    story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(editor));
    newsroom.workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(editor));
  }
}

/** Every job:progress event this page hears, kept in the page. */
async function recordProgress(page: Page): Promise<() => Promise<{ job: string; what: string; done: number; total: number }[]>> {
  await page.evaluate(() => {
    const seen: unknown[] = [];
    (window as unknown as { __progress: unknown[] }).__progress = seen;
    (window as unknown as { newsroom: { on(event: string, cb: (p: unknown) => void): void } }).newsroom.on('job:progress', (p) => seen.push(p));
  });
  return () => page.evaluate(() => (window as unknown as { __progress: { job: string; what: string; done: number; total: number }[] }).__progress);
}

test('Export All Approved shows in the job bar, counts the stories through, and says where they went', async ({ app }) => {
  const { page, newsroom } = app;
  approveThree(app);
  await page.goto(app.url);
  await expect(page.getByTestId('story-rows')).toBeVisible();
  const progress = await recordProgress(page);

  await app.emit('menu:export-approved');
  const job = page.getByTestId('job');
  await expect(job).toContainText('Exporting the approved stories');
  await expect(job.getByTestId('progress-bar')).toBeVisible();
  const out = path.join(folder, 'all');
  answerDialog(out);

  await expect(page.getByTestId('notice')).toHaveText(`Exported 3 approved stories to ${out}.×`);
  await expect(page.getByTestId('job-bar')).toHaveCount(0);
  await expect.poll(async () => (await progress()).at(-1)).toMatchObject({ done: 3, total: 3 });
  const steps = await progress();
  expect(steps.map((s) => s.done)).toEqual([...steps.map((s) => s.done)].sort((a, b) => a - b));
  expect(fs.readdirSync(out).sort()).toEqual(['bridge-reopens', 'ferry-strike-called-off', 'library-keeps-its-hours']);
  expect(newsroom.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 10, trashed: false }).items.every((s) => s.status === 'published')).toBe(true);
  expect(await app.problems()).toEqual([]);
});

test('an export batch cancelled from the job bar writes nothing and says so in one line', async ({ app }) => {
  const { page, newsroom } = app;
  approveThree(app);
  await page.goto(app.url);
  await expect(page.getByTestId('story-rows')).toBeVisible();

  await app.emit('menu:export-approved');
  const job = page.getByTestId('job');
  await expect(job).toContainText('Exporting the approved stories');
  await job.getByTestId('job-cancel').click();
  await expect(job.getByTestId('job-cancel')).toHaveText('Cancelling…');
  const out = path.join(folder, 'cancelled');
  answerDialog(out);

  await expect(page.getByTestId('notice')).toContainText('Export not finished: Export cancelled after 0 of 3 stories');
  await expect(page.getByTestId('job-bar')).toHaveCount(0);
  expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  expect(newsroom.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 10, trashed: false }).items.every((s) => s.status === 'approved')).toBe(true);
  expect(await app.problems()).toEqual([]);
});

test('Back Up Now and Check the Store and Photos report their progress to the window and end in a notice', async ({ app }) => {
  const { page, newsroom } = app;
  newsroom.stories.create({ fields: { headline: 'Kept safe' }, body: doc('Backed up.') }, by(null));
  await page.goto(app.url);
  await expect(page.getByTestId('story-rows')).toBeVisible();
  const progress = await recordProgress(page);

  await app.emit('menu:back-up');
  await expect(page.getByTestId('notice')).toContainText('Backed up to ');
  const backups = newsroom.backups.list();
  expect(backups).toHaveLength(1);
  await expect(page.getByTestId('notice')).toContainText(backups[0]?.file ?? '(no backup)');
  await expect.poll(async () => (await progress()).length).toBeGreaterThan(0);
  const backupJob = (await progress())[0]?.job;
  await expect.poll(async () => (await progress()).filter((p) => p.job === backupJob).at(-1)).toMatchObject({ done: expect.any(Number) });

  await app.emit('menu:verify-store');
  await expect(page.getByTestId('notice')).toContainText('The store and its 0 photos are sound.');
  await expect.poll(async () => new Set((await progress()).map((p) => p.job)).size).toBe(2);
  await expect(page.getByTestId('job-bar')).toHaveCount(0);
  expect(await app.problems()).toEqual([]);
});
