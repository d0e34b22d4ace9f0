/**
 * Progress and cancel for the long jobs on the store itself: a backup, a check (verify), packing
 * and unpacking a story. Each says what it is doing and how far it is; each can be cancelled, and
 * a cancelled one leaves nothing half-written. Through the door with the job hooks the engine
 * gives a call that names a job (the cancel comes at a chosen step, so the test is exact).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobControl, JobProgress, Profile } from '../../common/contract/index.js';
import { parseStoryDocument } from '../../common/document.js';
import { invokeChannel } from '../../main/handlers.js';
import type { Newsroom } from '../../main/newsroom.js';
import { by, tempNewsroom, type TestNewsroom } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';
import { fixturePhoto } from '../helpers/fixtures.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const PHOTOS = ['iptc-agency-photographer-example.jpg', 'iptc-staff-photographer-example.jpg', 'iptc-independent-photographer-example.jpg'];

function newsroom(options: Parameters<typeof tempNewsroom>[0] = {}): TestNewsroom {
  const n = tempNewsroom(options);
  cleanups.push(() => n.cleanup());
  return n;
}

async function storyWithPhotos(n: Newsroom, author: Profile) {
  const body = parseStoryDocument(doc('Water rose overnight in the river villages.'));
  for (const file of PHOTOS) {
    const { node } = await n.media.importPhoto(file, fs.readFileSync(fixturePhoto(file)));
    body.root.children.push({ ...node, alt: `Alt for ${file}` });
  }
  return n.stories.create({ fields: { headline: 'Floods hit river villages', byline: ['Ana Lima'] }, body: JSON.stringify(body) }, by(author));
}

/** A job as the engine hands it to a call; cancelled (by the caller) when `cancelWhen` first holds. */
function followed(cancelWhen?: (p: JobProgress) => boolean): { job: JobControl; seen: JobProgress[] } {
  const controller = new AbortController();
  const seen: JobProgress[] = [];
  return {
    seen,
    job: {
      signal: controller.signal,
      report: (what, done, total) => {
        const progress = { job: 'test', what, done, total };
        seen.push(progress);
        if (cancelWhen?.(progress)) controller.abort();
      },
    },
  };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

function steadilyForward(seen: JobProgress[]): void {
  for (const p of seen) {
    expect(p.done).toBeGreaterThanOrEqual(0);
    if (p.total > 0) expect(p.done).toBeLessThanOrEqual(p.total);
  }
}

describe('a backup', () => {
  it('says how far it is: the store copied page by page, then each photo', async () => {
    const n = newsroom();
    const ana = n.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    await storyWithPhotos(n, ana);
    const { job, seen } = followed();
    const answer = await invokeChannel(n.door, { origin: 'window' }, 'backup:create', {}, { job });
    expect(answer).toMatchObject({ ok: true, value: { photosCopied: 3 } });
    expect(seen.some((p) => p.what === 'Copying the story store' && p.total > 0)).toBe(true);
    expect(seen.filter((p) => p.what === 'Copying photos').map((p) => [p.done, p.total])).toEqual([[0, 3], [1, 3], [2, 3]]);
    steadilyForward(seen);
  });

  it('cancelled among the photos: no backup is written and the list is as it was', async () => {
    const n = newsroom();
    const ana = n.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    await storyWithPhotos(n, ana);
    const { job } = followed((p) => p.what === 'Copying photos' && p.done === 1);
    const answer = await invokeChannel(n.door, { origin: 'window' }, 'backup:create', {}, { job });
    expect(answer).toEqual({ ok: false, error: { code: 'cancelled', message: 'Backup cancelled: no backup was written (the backups you had are unchanged)' } });
    expect(await invokeChannel(n.door, { origin: 'window' }, 'backup:list', {})).toEqual({ ok: true, value: [] });
    // No half copy of the database is left behind (photos copied are whole, content-named files).
    expect(filesUnder(path.join(n.dataDir, 'backups')).filter((f) => f.endsWith('.db') || f.includes('.partial'))).toEqual([]);
  });

  it('cancelled while the store is being copied: nothing is written either', async () => {
    const n = newsroom();
    const ana = n.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    await storyWithPhotos(n, ana);
    const { job } = followed((p) => p.what === 'Copying the story store');
    const answer = await invokeChannel(n.door, { origin: 'window' }, 'backup:create', {}, { job });
    expect(answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(filesUnder(path.join(n.dataDir, 'backups'))).toEqual([]);
  });
});

describe('a check of the store (verify)', () => {
  it('says how far it is, photo by photo, and a cancel stops it with nothing changed', async () => {
    const n = newsroom();
    const ana = n.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    await storyWithPhotos(n, ana);
    const whole = followed();
    expect(await invokeChannel(n.door, { origin: 'window' }, 'backup:verify', {}, { job: whole.job })).toMatchObject({ ok: true, value: { ok: true, photosChecked: 3 } });
    expect(whole.seen.map((p) => [p.what, p.done, p.total])).toEqual([
      ['Checking the database', 0, 0],
      ['Checking photos', 0, 3],
      ['Checking photos', 1, 3],
      ['Checking photos', 2, 3],
      ['Done', 1, 1],
    ]);
    const before = filesUnder(n.dataDir).map((f) => [f, fs.statSync(f).size]);
    const cancelled = followed((p) => p.what === 'Checking photos' && p.done === 1);
    const answer = await invokeChannel(n.door, { origin: 'window' }, 'backup:verify', {}, { job: cancelled.job });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Check of newsroom.db cancelled: nothing was changed; run it again to know whether the file is sound' },
    });
    expect(filesUnder(n.dataDir).map((f) => [f, fs.statSync(f).size])).toEqual(before);
  });
});

describe('packing and unpacking a story', () => {
  it('packing says how far it is; cancelled, no package is written and the story is not marked as shared', async () => {
    const target = path.join(fs.mkdtempSync(path.join(path.dirname(newsroom().dataDir), 'newsroom-pack-')), 'floods.newsroom');
    cleanups.push(() => fs.rmSync(path.dirname(target), { recursive: true, force: true }));
    const n = newsroom({ platform: { chooseSavePath: async () => target } });
    const ana = n.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    const story = await storyWithPhotos(n, ana);
    const cancelled = followed((p) => p.what === 'Packing photos' && p.done === 1);
    expect(await invokeChannel(n.door, { origin: 'window' }, 'package:export', { id: story.id }, { job: cancelled.job })).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Packing cancelled: no package was written and the story is unchanged' },
    });
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
    expect(n.db.prepare('SELECT synced_hash FROM stories WHERE id = ?').pluck().get(story.id)).toBeNull();

    const whole = followed();
    expect(await invokeChannel(n.door, { origin: 'window' }, 'package:export', { id: story.id }, { job: whole.job })).toMatchObject({ ok: true, value: { path: target } });
    expect(whole.seen.map((p) => [p.what, p.done, p.total])).toEqual([
      ['Packing photos', 0, 4],
      ['Packing photos', 1, 4],
      ['Packing photos', 2, 4],
      ['Writing the package', 3, 4],
      ['Done', 4, 4],
    ]);
  });

  it('unpacking says how far it is; cancelled, nothing from the package is written', async () => {
    const field = newsroom();
    const ana = field.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    const story = await storyWithPhotos(field, ana);
    const bytes = field.packages.pack(story.id).bytes;
    const desk = newsroom();
    const cancelled = followed((p) => p.what === 'Checking photos' && p.done === 2);
    expect(await invokeChannel(desk.door, { origin: 'window' }, 'package:open', { name: 'floods.newsroom', bytes }, { job: cancelled.job })).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Opening floods.newsroom cancelled: nothing from the package was written' },
    });
    expect(desk.db.prepare('SELECT count(*) FROM stories').pluck().get()).toBe(0);
    expect(desk.db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(0);
    expect(filesUnder(path.join(desk.dataDir, 'media'))).toEqual([]);

    const whole = followed();
    expect(await invokeChannel(desk.door, { origin: 'window' }, 'package:open', { name: 'floods.newsroom', bytes }, { job: whole.job })).toMatchObject({ ok: true, value: { outcome: 'created' } });
    expect(whole.seen.map((p) => [p.what, p.done, p.total])).toEqual([
      ['Checking the package', 0, 0],
      ['Checking photos', 0, 7],
      ['Checking photos', 1, 7],
      ['Checking photos', 2, 7],
      ['Storing photos', 3, 7],
      ['Storing photos', 4, 7],
      ['Storing photos', 5, 7],
      ['Storing the story', 6, 7],
      ['Done', 7, 7],
    ]);
  });
});
