/**
 * Photo benchmarks in the renderer, through the end-to-end harness (tests/e2e/harness.ts):
 *
 * - `benchPhotoInsert`: a 25-megapixel JPEG dropped on the story, the way a reporter adds one (the
 *   renderer reads the file and hands its bytes to `media:import`; main stores and scales it).
 *   Measures the time from the drop until the photo's <img> has loaded in the editor, and the
 *   longest main-thread task in the renderer meanwhile (Long Tasks API: tasks over 50 ms).
 * - `benchOpenStoryWith30Photos`: navigation to an editable story holding 30 photo nodes.
 *
 * Numbers only, no verdicts: bench/browser.ts compares them with the goals.
 *
 * In the harness the bytes cross to main through Playwright's binding, which serializes them in
 * the page (base64); Electron's IPC uses structured clone instead. A long task seen here may be
 * that serialization rather than the app: `longTasks` lists each one for a closer look.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { documentFromPlainText, paragraph, type StoryDocument } from '../common/document.js';
import type { NewsroomPage } from '../tests/e2e/harness.js';
import { fixturePhoto } from '../tests/helpers/fixtures.js';
import { summarise, type Timing } from './stats.js';
import { by } from '../tests/helpers/dataDir.js';

const WIDTH = 6000;
const HEIGHT = 4200;

/**
 * A 6000 × 4200 JPEG at quality 90 that compresses like a photograph (a smooth scene with grain),
 * not like pure noise: about the size a 25-megapixel camera writes.
 */
export async function makeLargeJpeg(): Promise<Buffer> {
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 0x2545f491;
  for (let y = 0; y < HEIGHT; y += 1) {
    for (let x = 0; x < WIDTH; x += 1) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const grain = ((seed >>> 16) & 15) - 8;
      const i = (y * WIDTH + x) * 3;
      pixels[i] = Math.max(0, Math.min(255, ((x * 255) / WIDTH + grain) | 0));
      pixels[i + 1] = Math.max(0, Math.min(255, ((y * 255) / HEIGHT + grain) | 0));
      pixels[i + 2] = Math.max(0, Math.min(255, (128 + 60 * Math.sin(x / 300) * Math.cos(y / 200) + grain) | 0));
    }
  }
  return sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/**
 * Someone must be working for the story view to open (a new data dir opens on the first-run
 * "who are you?" screen): the benchmark's photo editor, unless a profile is current already.
 */
async function ensureProfile(app: NewsroomPage): Promise<void> {
  const { profiles } = app.newsroom;
  if (profiles.current() === null) profiles.create({ name: 'Bench Photo Editor', roles: ['reporter'] });
}

async function openStory(page: Page, app: NewsroomPage, id: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${app.url}#/story/${id}`);
  await page.waitForSelector('[data-testid="story-body"][contenteditable="true"]');
}

export interface PhotoInsertResult {
  /** From the drop to the photo's <img> loaded in the editor. */
  msUntilShown: number;
  /** The longest renderer main-thread task meanwhile; 0 when none went over 50 ms. */
  longestTaskMs: number;
  /** Every long task meanwhile, in ms. */
  longTasks: number[];
  /**
   * The longest task when the same bytes go straight to `media:import` from the page, with no
   * editor involved: what the harness's own bridge costs (Electron's IPC does not pay it).
   */
  bridgeLongestTaskMs: number;
  megapixels: number;
  fileBytes: number;
}

export async function benchPhotoInsert(page: Page, app: NewsroomPage): Promise<PhotoInsertResult> {
  await ensureProfile(app);
  const jpeg = await makeLargeJpeg();
  const story = app.newsroom.stories.create({
    fields: { headline: 'A large photo' },
    body: JSON.stringify(documentFromPlainText('The photo goes after this paragraph.\n\nAnd before this one.')),
  }, by(null));
  await openStory(page, app, story.id);

  // The file is built in the page before the clock starts: the reporter's file exists already.
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    (window as unknown as { __benchFile: File }).__benchFile = new File([bytes], 'large.jpg', { type: 'image/jpeg' });
  }, jpeg.toString('base64'));

  const measured = await page.evaluate(async () => {
    const longTasks: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const target = document.querySelector('[data-testid="story-body"] p');
    if (!target) throw new Error('The story has no paragraph to drop the photo after');
    const text = target.firstChild?.firstChild ?? target.firstChild;
    const range = document.createRange();
    range.selectNodeContents(text ?? target);
    const box = range.getBoundingClientRect();
    const transfer = new DataTransfer();
    transfer.items.add((window as unknown as { __benchFile: File }).__benchFile);
    const init = { bubbles: true, cancelable: true, dataTransfer: transfer, clientX: box.right - 1, clientY: box.top + box.height / 2 };

    const start = performance.now();
    target.dispatchEvent(new DragEvent('dragover', init));
    target.dispatchEvent(new DragEvent('drop', init));
    // No named helpers in here: tsx would wrap them in a `__name` call the page does not have.
    let shownAt = 0;
    while (shownAt === 0) {
      const image = document.querySelector<HTMLImageElement>('[data-testid="photo"] img');
      if (image && image.complete && image.naturalWidth > 0) shownAt = performance.now();
      else await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    // Long-task entries are delivered after the task ends: give the last one a frame to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    const during = longTasks.filter((task) => task.startTime >= start && task.startTime <= shownAt).map((task) => task.duration);
    return { msUntilShown: shownAt - start, longTasks: during };
  });

  // The same bytes again, straight through the bridge (main finds them stored already and answers at once).
  const bridgeTasks = await page.evaluate(async () => {
    const file = (window as unknown as { __benchFile: File }).__benchFile;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((task) => task.duration)));
    observer.observe({ type: 'longtask' });
    const bridge = (window as unknown as { newsroom: { invoke(channel: string, arg: unknown): Promise<unknown> } }).newsroom;
    await bridge.invoke('media:import', { name: 'large.jpg', bytes });
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    return longTasks;
  });

  return {
    msUntilShown: measured.msUntilShown,
    longestTaskMs: Math.max(0, ...measured.longTasks),
    longTasks: measured.longTasks,
    bridgeLongestTaskMs: Math.max(0, ...bridgeTasks),
    megapixels: (WIDTH * HEIGHT) / 1e6,
    fileBytes: jpeg.length,
  };
}

export interface OpenWith30PhotosResult {
  /** Median of the runs after the first, navigation start to an editable body with every photo in it. */
  msToEditable: number;
  timing: Timing;
}

export async function benchOpenStoryWith30Photos(page: Page, app: NewsroomPage, runs = 6): Promise<OpenWith30PhotosResult> {
  await ensureProfile(app);
  const fixtures = ['iptc-agency-photographer-example.jpg', 'iptc-staff-photographer-example.jpg', 'iptc-independent-photographer-example.jpg', 'noexif.jpg'];
  const imported = [];
  for (const name of fixtures) imported.push(await app.newsroom.media.importPhoto(name, fs.readFileSync(fixturePhoto(name))));
  const doc: StoryDocument = documentFromPlainText('');
  doc.root.children = [];
  for (let i = 0; i < 30; i += 1) {
    doc.root.children.push(paragraph(`Paragraph ${i + 1} of a picture story, with a sentence or two of text between the photos.`));
    const { node } = imported[i % imported.length] as (typeof imported)[number];
    doc.root.children.push({ ...node, alt: `Photo ${i + 1}`, caption: node.caption || `Caption ${i + 1}` });
  }
  doc.root.children.push(paragraph('The end.'));
  const story = app.newsroom.stories.create({ fields: { headline: 'Thirty photos' }, body: JSON.stringify(doc) }, by(null));

  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    await page.goto('about:blank');
    await page.goto(`${app.url}#/story/${story.id}`);
    // The moment is taken in the page, when the check first passes, not after the round trip back.
    const ready = await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="story-body"][contenteditable="true"] [data-testid="photo"]').length === 30 && performance.now(),
      undefined,
      { polling: 'raf' },
    );
    const ms = (await ready.jsonValue()) as number;
    if (i > 0) samples.push(ms); // the first load warms the disk cache and Chromium
  }
  const timing = summarise(samples);
  return { msToEditable: timing.p50, timing };
}
