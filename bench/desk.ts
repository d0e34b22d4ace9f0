/**
 * Review-desk and package benchmarks: diff of two revisions of a 10,000-word story, and packing /
 * unpacking a 10,000-word story with 10 photos. (Queue counts run with the 100,000-story store in store.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { diffWords } from '../common/diff.js';
import { documentText, parseStoryDocument } from '../common/document.js';
import { openNewsroom } from '../main/newsroom.js';
import { bodyOfWords } from '../tests/helpers/documents.js';
import { time, type Timing } from './stats.js';
import { by } from '../tests/helpers/dataDir.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
}

/** Two revisions of a 10,000-word story with an edit every 40 words or so. */
export function benchDiff(): Timing {
  const before = documentText(parseStoryDocument(bodyOfWords(10_000, 3)));
  const words = before.split(' ');
  for (let i = 17; i < words.length; i += 41) words[i] = i % 2 === 0 ? `${words[i]} newly` : 'changed';
  const after = words.join(' ');
  return time(30, () => void diffWords(before, after), 3);
}

export async function benchPackages(): Promise<{ pack: Timing; unpack: Timing; packageBytes: number; photoBytes: number }> {
  const field = tempDir();
  const desk = tempDir();
  const from = openNewsroom(field);
  try {
    const body = parseStoryDocument(bodyOfWords(10_000, 5));
    let photoBytes = 0;
    for (let i = 0; i < 10; i += 1) {
      // Ten distinct 12-megapixel-class JPEGs (4000 × 3000), as a reporter's camera makes them.
      const jpeg = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 20 + i } } })
        .jpeg({ quality: 85 })
        .toBuffer();
      photoBytes += jpeg.length;
      const { node } = await from.media.importPhoto(`photo-${i}.jpg`, jpeg);
      body.root.children.splice(10 + i * 10, 0, { ...node, caption: `Caption ${i}`, alt: `Alt ${i}`, credit: { ...node.credit, photographers: ['Ana Lima'] } });
    }
    const story = from.stories.create({ fields: { headline: 'Ten photos' }, body: JSON.stringify(body) }, by(null));
    let bytes: Buffer = Buffer.alloc(0);
    const pack = time(10, () => {
      bytes = from.packages.pack(story.id).bytes;
    }, 2);
    const unpacks: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const dir = path.join(desk, String(i));
      const to = openNewsroom(dir);
      const start = performance.now();
      await to.packages.unpack('ten-photos.newsroom', bytes);
      unpacks.push(performance.now() - start);
      to.close();
    }
    const { summarise } = await import('./stats.js');
    return { pack, unpack: summarise(unpacks.slice(1)), packageBytes: bytes.length, photoBytes };
  } finally {
    from.close();
    fs.rmSync(field, { recursive: true, force: true });
    fs.rmSync(desk, { recursive: true, force: true });
  }
}

/**
 * Export: a 10,000-word story with 10 photos once its resized versions are cached, and a batch
 * of 1,000 approved stories, in stories per second.
 */
export async function benchExport(): Promise<{ single: Timing; batchStories: number; storiesPerSecond: number }> {
  const dir = tempDir();
  const out = tempDir();
  const newsroom = openNewsroom(dir);
  try {
    const editor = newsroom.profiles.create({ name: 'Bench Editor', roles: ['editor', 'reporter'] });
    newsroom.settings.set({ allowSelfApproval: true });
    const approve = (id: string) => {
      let story = newsroom.stories.get(id);
      story = newsroom.workflow.move({ id, version: story.version, action: 'file' }, by(editor));
      newsroom.workflow.move({ id, version: story.version, action: 'approve' }, by(editor));
    };
    const body = parseStoryDocument(bodyOfWords(10_000, 9));
    for (let i = 0; i < 10; i += 1) {
      const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 30 + i } } })
        .jpeg({ quality: 85 })
        .toBuffer();
      const { node } = await newsroom.media.importPhoto(`photo-${i}.jpg`, jpeg);
      body.root.children.splice(10 + i * 10, 0, { ...node, caption: `Caption ${i}`, alt: `Alt ${i}`, credit: { ...node.credit, photographers: ['Ana Lima'] } });
    }
    const story = newsroom.stories.create({ fields: { headline: 'Ten photos to the web', byline: ['Ana Lima'], dateline: { place: 'KYIV', date: '2026-11-24' } }, body: JSON.stringify(body) }, by(editor));
    approve(story.id);
    // The first export makes and caches the resized versions; the timed ones reuse them.
    await newsroom.publishing.exportStory({ ref: story.id, outDir: path.join(out, 'warm') }, by(editor));
    const samples: number[] = [];
    // Twenty runs, so the p95 is not simply the slowest one.
    for (let i = 0; i < 20; i += 1) {
      const start = performance.now();
      await newsroom.publishing.exportStory({ ref: story.id, outDir: path.join(out, `run-${i}`) }, by(editor));
      samples.push(performance.now() - start);
    }
    const { summarise } = await import('./stats.js');
    const batchStories = 1_000;
    const seed = newsroom.db.transaction(() => {
      for (let i = 0; i < batchStories; i += 1) {
        const s = newsroom.stories.create({ fields: { headline: `Story ${i} of the batch`, byline: ['Ana Lima'], dateline: { place: 'KYIV', date: '2026-11-24' } }, body: bodyOfWords(600, i) }, by(editor));
        approve(s.id);
      }
    });
    seed();
    const start = performance.now();
    const batch = await newsroom.publishing.exportAllApproved(path.join(out, 'batch'), by(editor));
    const seconds = (performance.now() - start) / 1000;
    const failed = batch.stories.filter((s) => !s.ok);
    if (failed.length > 0) throw new Error(`${failed.length} stories failed to export: ${failed[0]?.message}`);
    return { single: summarise(samples), batchStories, storiesPerSecond: batchStories / seconds };
  } finally {
    newsroom.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
}
