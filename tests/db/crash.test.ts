/**
 * Killing the app mid-save must cost nothing acknowledged: a writer process saving through the real
 * store is killed with SIGKILL at random moments, and after every kill the store must open, pass
 * `PRAGMA integrity_check`, and hold the last acknowledged save. The long run is
 * `npm run crash-test` (1,000 kills); set CRASH_SEED to replay a printed seed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openNewsroom } from '../../main/newsroom.js';
import { checkStoreAfterKill, runCrashHarness, seededRandom } from '../crash/harness.js';
import { CRASH_STORY_SLUG } from '../crash/protocol.js';
import { tempDataDir, by, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';
import { fixturePhoto } from '../helpers/fixtures.js';

const cleanups = removedAfterEach();

function seed(): number {
  const fromEnv = Number(process.env.CRASH_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('a writer killed at random moments', () => {
  it('leaves an intact store holding every acknowledged save, 50 kills over', async () => {
    const result = await runCrashHarness({ kills: 50, seed: seed() });
    expect(result.failures, `seed ${result.seed}`).toEqual([]);
    expect(result.survived).toBe(50);
    // Seven kills in eight wait for the writer's first ack, so saves were tested however slow the machine.
    expect(result.acknowledgedSaves).toBeGreaterThan(0);
  }, 180_000);

  it('keeps every acknowledged photo with its original when the writer imports photos too', async () => {
    const result = await runCrashHarness({ kills: 15, seed: seed(), photoEvery: 3 });
    expect(result.failures, `seed ${result.seed}`).toEqual([]);
    expect(result.survived).toBe(15);
    expect(result.acknowledgedPhotos).toBeGreaterThan(0);
  }, 120_000);
});

describe('the check after a kill', () => {
  async function storeAtVersion(versions: number): Promise<{ dir: string; body: string; photoId: string }> {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const newsroom = openNewsroom(dir);
    let story = newsroom.stories.create({ fields: { headline: 'Crash test' }, slug: CRASH_STORY_SLUG, body: doc('Save 1') }, by(null));
    while (story.version < versions) {
      story = newsroom.stories.save({ id: story.id, version: story.version, body: doc(`Save ${story.version + 1}`) }, by(null));
    }
    const photo = await newsroom.media.importFile(fixturePhoto('noexif.jpg'));
    newsroom.close();
    return { dir, body: story.body, photoId: photo.photo.id };
  }

  it('passes a store holding the acknowledged save', async () => {
    const store = await storeAtVersion(3);
    const check = checkStoreAfterKill(store.dir, { save: { version: 3, sha256: sha256(store.body) }, photos: new Set([store.photoId]), unackedAllowed: 1 });
    expect(check).toEqual({ integrity: [], lost: [], storedVersion: 3 });
  });

  it('passes a store one save ahead of its ack (killed between commit and ack)', async () => {
    const store = await storeAtVersion(3);
    const check = checkStoreAfterKill(store.dir, { save: { version: 2, sha256: 'not checked' }, photos: new Set(), unackedAllowed: 1 });
    expect(check.lost).toEqual([]);
  });

  it('catches a store behind its ack, a different body at the acknowledged version, and a missing photo', async () => {
    const store = await storeAtVersion(3);
    const behind = checkStoreAfterKill(store.dir, { save: { version: 4, sha256: 'x' }, photos: new Set(), unackedAllowed: 1 });
    expect(behind.lost).toEqual([expect.stringMatching(/behind the acknowledged 4/)]);
    const otherBody = checkStoreAfterKill(store.dir, { save: { version: 3, sha256: sha256('another body') }, photos: new Set(), unackedAllowed: 1 });
    expect(otherBody.lost).toEqual([expect.stringMatching(/body other than the acknowledged one/)]);
    const tooFar = checkStoreAfterKill(store.dir, { save: { version: 1, sha256: 'x' }, photos: new Set(), unackedAllowed: 1 });
    expect(tooFar.lost).toEqual([expect.stringMatching(/past the 2 its writers could have reached/)]);
    const photo = checkStoreAfterKill(store.dir, { save: null, photos: new Set(['ab'.repeat(32)]), unackedAllowed: 3 });
    expect(photo.lost).toEqual([expect.stringMatching(/acknowledged but has no record/)]);
  });

  it('catches a photo record whose original is gone', async () => {
    const store = await storeAtVersion(1);
    const newsroom = openNewsroom(store.dir);
    fs.rmSync(newsroom.media.originalFile(store.photoId));
    newsroom.close();
    const check = checkStoreAfterKill(store.dir, { save: null, photos: new Set(), unackedAllowed: 1 });
    expect(check.integrity).toEqual([expect.stringMatching(/has a record but no original/)]);
  });

  it('replays the same kill delays from the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
