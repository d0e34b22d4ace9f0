/**
 * Long work in the window: the job bar says what a job is doing and offers Cancel; a cancelled job
 * answers in one line and leaves nothing half-written. Here packing a story, whose save dialog (in
 * the engine's starter) is held open until the reporter has pressed Cancel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { doc } from '../helpers/documents.js';
import { by } from '../helpers/dataDir.js';
import { expect, test } from './harness.js';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-job-'));
const target = path.join(folder, 'ferry.newsroom');
let dialogAnswered: () => void = () => undefined;
const answer = new Promise<void>((resolve) => (dialogAnswered = resolve));

test.use({ newsroomOptions: { platform: { chooseSavePath: async () => (await answer, target) } } });
test.afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

test('packing shows in the job bar; Cancel stops it, and no package is written', async ({ app }) => {
  const { page, newsroom } = app;
  const story = newsroom.stories.create({ fields: { headline: 'Ferry strike called off' }, body: doc('Boats run as usual.') }, by(null));
  await page.goto(`${app.url}#/story/${story.id}`);
  await expect(page.getByTestId('story-body')).toHaveText('Boats run as usual.');

  await page.getByTestId('export-package').click();
  const job = page.getByTestId('job');
  await expect(job).toContainText('Packing the story');
  await expect(job.getByTestId('progress-bar')).toBeVisible();
  await job.getByTestId('job-cancel').click();
  await expect(job.getByTestId('job-cancel')).toHaveText('Cancelling…');
  // The reporter picks a place after all: the job is already cancelled, so nothing is packed.
  dialogAnswered();
  await expect(page.getByTestId('notice')).toContainText('Package not made: Packing cancelled: no package was written and the story is unchanged');
  await expect(page.getByTestId('job-bar')).toHaveCount(0);
  expect(fs.readdirSync(folder)).toEqual([]);
  expect(await app.problems()).toEqual([]);
});
