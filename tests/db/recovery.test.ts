/**
 * Getting a reporter's work back from a damaged store: the damage is found before the store is
 * used, the newest backup that is itself sound is chosen, the damaged file is kept byte for byte,
 * and the restored store opens with the backup's stories and every photo.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDatabase, checkStore, listBackups, verifyDatabase } from '../../db/backup.js';
import { databasePath, newestBackup, openDatabase } from '../../db/open.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { openNewsroom } from '../../main/newsroom.js';
import { checkStoreAtStart, restoreFromBackup, restoreNewestGoodBackup } from '../../main/services/backups.js';
import { DAMAGES, damageFile, handClock, seededNewsroom } from '../crash/damage.js';
import { by, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

const cleanups = removedAfterEach();
const dataDir = () => cleanups.dataDir();

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A store of 40 stories and two photos with one backup, then a later edit the backup does not have. */
async function storeWithBackup(dir: string, clock = handClock()) {
  const seeded = await seededNewsroom(dir, clock.now);
  const backup = await backupDatabase(seeded.newsroom.db, dir, 'daily', { now: clock.now });
  clock.advanceHours(2);
  const first = seeded.newsroom.stories.get(seeded.storyIds[0] as string);
  seeded.newsroom.stories.save({ id: first.id, version: first.version, fields: { headline: 'Edited after the backup' }, body: doc('Later text') }, by(null));
  seeded.newsroom.close();
  return { ...seeded, backup, clock };
}

describe('a damaged store', () => {
  it.each(DAMAGES)('%s: is found at start, restored from the backup, and kept aside byte for byte', async (damage) => {
    const dir = dataDir();
    const { backup, storyIds, photoIds, clock } = await storeWithBackup(dir);
    const live = databasePath(dir);
    const damaged = damageFile(live, damage);

    const atStart = checkStoreAtStart(dir);
    expect(atStart).toMatchObject({ state: 'damaged', newestGoodBackup: { file: backup.file } });
    expect(atStart.state === 'damaged' && atStart.problem).toContain(live);
    expect((await verifyDatabase(live)).databaseOk).toBe(false);

    clock.advanceHours(1);
    const restored = await restoreNewestGoodBackup(dir, { now: clock.now });
    expect(restored).toMatchObject({ restored: { file: backup.file }, replacedWasDamaged: true, beforeRestore: null, photoProblems: [] });
    expect(path.basename(restored.setAside as string)).toBe('newsroom-damaged-2026-03-01T09-00-00-000Z.db');
    expect(fs.readFileSync(restored.setAside as string).equals(damaged)).toBe(true);
    // Aside in the data dir, not among the backups: the error message never recommends it.
    expect(newestBackup(dir)).toBe(backup.file);

    expect(checkStoreAtStart(dir)).toEqual({ state: 'ok', check: 'quick' });
    const newsroom = openNewsroom(dir);
    expect(newsroom.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 100, trashed: false }).total).toBe(40);
    expect(newsroom.stories.get(storyIds[0] as string).headline).toBe('Council story 0');
    for (const id of photoIds) {
      expect(sha256(newsroom.media.originalFile(id))).toBe(id);
      expect(fs.existsSync(await newsroom.media.renditionFile(id, 'thumb'))).toBe(true);
    }
    newsroom.close();
    expect(await verifyDatabase(live)).toMatchObject({ ok: true, photosChecked: 2 });
  });

  it('skips a backup that is itself damaged and restores the newest sound one', async () => {
    const dir = dataDir();
    const clock = handClock();
    const { newsroom } = await seededNewsroom(dir, clock.now);
    const older = await backupDatabase(newsroom.db, dir, 'daily', { now: clock.now });
    clock.advanceHours(24);
    newsroom.stories.create({ fields: { headline: 'Only in the newer backup' } }, by(null));
    const newer = await backupDatabase(newsroom.db, dir, 'daily', { now: clock.now });
    newsroom.close();
    damageFile(newer.file, 'garbage over middle pages');
    damageFile(databasePath(dir), 'zeroed header');

    const atStart = checkStoreAtStart(dir);
    expect(atStart.state === 'damaged' && atStart.newestGoodBackup?.file).toBe(older.file);
    const restored = await restoreNewestGoodBackup(dir, { now: clock.now });
    expect(restored.restored.file).toBe(older.file);
    const reopened = openNewsroom(dir);
    expect(reopened.stories.search('newer backup', 10)).toEqual([]);
    expect(reopened.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 1, trashed: false }).total).toBe(40);
    reopened.close();
  });

  it('refuses to restore a damaged backup and changes nothing', async () => {
    const dir = dataDir();
    const { backup } = await storeWithBackup(dir);
    damageFile(backup.file, 'truncated to half');
    const before = fs.readdirSync(dir).sort();
    const liveBytes = fs.readFileSync(databasePath(dir));
    await expect(restoreFromBackup(dir, backup.name)).rejects.toMatchObject({ code: 'database-unreadable', message: expect.stringMatching(/choose an older backup/) });
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(fs.readFileSync(databasePath(dir)).equals(liveBytes)).toBe(true);
  });

  it('keeps the write-ahead log of the damaged store with it, and never replays it into the backup', async () => {
    const dir = dataDir();
    const crashed = dataDir();
    const { newsroom } = await seededNewsroom(dir, () => new Date('2026-03-01T06:00:00.000Z'));
    await backupDatabase(newsroom.db, dir, 'daily');
    const story = newsroom.stories.create({ fields: { headline: 'Only in the log' } }, by(null));
    // The app dies here: its files are what a crash leaves, the log not yet checkpointed.
    fs.cpSync(dir, crashed, { recursive: true });
    newsroom.close();
    const live = databasePath(crashed);
    expect(fs.existsSync(`${live}-wal`)).toBe(true);
    const wal = fs.readFileSync(`${live}-wal`);
    const damaged = damageFile(live, 'garbage over middle pages');

    expect(checkStoreAtStart(crashed).state).toBe('damaged');
    const restored = await restoreNewestGoodBackup(crashed);
    expect(restored.setAsideFiles.map((f) => path.basename(f).replace(/\d{4}-.*Z/, 'T'))).toEqual(
      expect.arrayContaining(['newsroom-damaged-T.db', 'newsroom-damaged-T.db-wal']),
    );
    expect(fs.readFileSync(restored.setAside as string).equals(damaged)).toBe(true);
    expect(fs.readFileSync(`${restored.setAside as string}-wal`).equals(wal)).toBe(true);
    const reopened = openNewsroom(crashed);
    expect(() => reopened.stories.get(story.id)).toThrow(/No story/);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('reads a crashed store without changing it', async () => {
    const dir = dataDir();
    const crashed = dataDir();
    const { newsroom } = await seededNewsroom(dir, () => new Date(), 3);
    newsroom.stories.create({ fields: { headline: 'In the log' } }, by(null));
    fs.cpSync(dir, crashed, { recursive: true });
    newsroom.close();
    const live = databasePath(crashed);
    const before = [sha256(live), sha256(`${live}-wal`)];
    // The log left beside it says the last session never closed the store: every page is read.
    expect(checkStoreAtStart(crashed)).toEqual({ state: 'ok', check: 'quick' });
    expect((await verifyDatabase(live)).ok).toBe(true);
    expect([sha256(live), sha256(`${live}-wal`)]).toEqual(before);
  });
});

describe('the check at start of a large store', () => {
  // A large store (here: any, with the threshold at 0) gets the light check after a clean close.
  const large = { quickCheckUpToBytes: 0 };

  it('after a clean close, reads only the header and schema, and still finds a file cut short or a zeroed header', async () => {
    const dir = dataDir();
    await storeWithBackup(dir);
    expect(checkStore(dir, large)).toEqual({ ok: true, missing: false, level: 'light', problems: [] });
    const live = databasePath(dir);
    const whole = fs.readFileSync(live);
    damageFile(live, 'truncated to half');
    expect(checkStore(dir, large)).toMatchObject({ ok: false, level: 'light', problems: expect.arrayContaining([expect.stringMatching(/cut short/)]) });
    fs.writeFileSync(live, whole);
    damageFile(live, 'zeroed header');
    expect(checkStore(dir, large)).toMatchObject({ ok: false, level: 'light' });
  });

  it('after a crash, reads every page: garbage in the middle is found', async () => {
    const dir = dataDir();
    const crashed = dataDir();
    const { newsroom } = await seededNewsroom(dir, () => new Date());
    newsroom.stories.create({ fields: { headline: 'In the log' } }, by(null));
    fs.cpSync(dir, crashed, { recursive: true });
    newsroom.close();
    damageFile(databasePath(crashed), 'garbage over middle pages');
    expect(checkStore(crashed, large)).toMatchObject({ ok: false, level: 'quick' });
  });
});

describe('a lost store', () => {
  it('is a first start when there are no backups', () => {
    expect(checkStoreAtStart(dataDir())).toMatchObject({ state: 'ok' });
  });

  it('is damage when backups remain, and the newest one brings it back', async () => {
    const dir = dataDir();
    const { backup } = await storeWithBackup(dir);
    for (const file of fs.readdirSync(dir).filter((n) => n.startsWith('newsroom.db'))) fs.rmSync(path.join(dir, file));
    const atStart = checkStoreAtStart(dir);
    expect(atStart).toMatchObject({ state: 'damaged', problem: expect.stringMatching(/is missing/), newestGoodBackup: { file: backup.file } });
    const restored = await restoreNewestGoodBackup(dir);
    expect(restored.setAside).toBeNull();
    expect(checkStoreAtStart(dir)).toEqual({ state: 'ok', check: 'quick' });
  });

  it('says so when no backup is usable, and changes nothing', async () => {
    const dir = dataDir();
    const { backup } = await storeWithBackup(dir);
    damageFile(backup.file, 'zeroed header');
    damageFile(databasePath(dir), 'zeroed header');
    const atStart = checkStoreAtStart(dir);
    expect(atStart).toMatchObject({ state: 'damaged', newestGoodBackup: null });
    const before = fs.readFileSync(databasePath(dir));
    await expect(restoreNewestGoodBackup(dir)).rejects.toMatchObject({ code: 'not-found' });
    expect(fs.readFileSync(databasePath(dir)).equals(before)).toBe(true);
  });
});

describe('photos in backups', () => {
  it('a deleted original comes back with the restore', async () => {
    const dir = dataDir();
    const { backup, photoIds, clock } = await storeWithBackup(dir);
    const newsroom = openNewsroom(dir);
    const original = newsroom.media.originalFile(photoIds[0] as string);
    const thumb = await newsroom.media.renditionFile(photoIds[0] as string, 'thumb');
    newsroom.close();
    fs.rmSync(original);
    fs.rmSync(thumb);

    clock.advanceHours(1);
    const restored = await restoreFromBackup(dir, backup.name, { now: clock.now });
    expect(restored).toMatchObject({ photosRestored: 1, photoProblems: [], replacedWasDamaged: false });
    expect(sha256(original)).toBe(photoIds[0]);
    const reopened = openNewsroom(dir);
    expect(fs.existsSync(await reopened.media.renditionFile(photoIds[0] as string, 'thumb'))).toBe(true);
    reopened.close();
  });

  it('a damaged original is replaced from the backup and kept aside', async () => {
    const dir = dataDir();
    const { backup, photoIds } = await storeWithBackup(dir);
    const newsroom = openNewsroom(dir);
    const original = newsroom.media.originalFile(photoIds[1] as string);
    newsroom.close();
    const bytes = fs.readFileSync(original);
    bytes.fill(0, 1000, 2000);
    fs.writeFileSync(original, bytes);

    const restored = await restoreFromBackup(dir, backup.name);
    expect(restored.photosRestored).toBe(1);
    expect(sha256(original)).toBe(photoIds[1]);
    const aside = fs.readdirSync(path.dirname(original)).filter((n) => n.includes('.damaged-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(original), aside[0] as string)).equals(bytes)).toBe(true);
  });
});

describe('restoring over a healthy store', () => {
  it('backs the healthy store up first, so the restore can itself be undone', async () => {
    const dir = dataDir();
    const { backup, storyIds, clock } = await storeWithBackup(dir);
    clock.advanceHours(1);
    const restored = await restoreFromBackup(dir, backup.name, { now: clock.now });
    expect(restored.replacedWasDamaged).toBe(false);
    expect(path.basename(restored.setAside as string)).toMatch(/^newsroom-replaced-/);
    expect(restored.beforeRestore?.reason).toBe('before-restore');
    expect(listBackups(dir).map((b) => b.reason)).toEqual(['before-restore', 'daily']);

    const undo = await restoreFromBackup(dir, restored.beforeRestore?.name as string, { now: clock.now });
    expect(undo.restored.reason).toBe('before-restore');
    const newsroom = openNewsroom(dir);
    expect(newsroom.stories.get(storyIds[0] as string).headline).toBe('Edited after the backup');
    newsroom.close();
  });
});

describe('schema versions', () => {
  it('a sound store from a newer Newsroom is not called damaged, so no older backup replaces it', async () => {
    const dir = dataDir();
    await storeWithBackup(dir);
    const raw = new Database(databasePath(dir));
    raw.pragma('user_version = 9990');
    raw.close();
    expect(checkStoreAtStart(dir)).toEqual({ state: 'ok', check: 'quick' });
    expect(() => openNewsroom(dir)).toThrow(expect.objectContaining({ code: 'database-too-new' }));
  });

  it('refuses to restore a backup from a newer Newsroom', async () => {
    const dir = dataDir();
    const { backup } = await storeWithBackup(dir);
    const raw = new Database(backup.file);
    raw.pragma('user_version = 9990');
    raw.close();
    await expect(restoreFromBackup(dir, backup.name)).rejects.toMatchObject({ code: 'database-too-new' });
  });

  it('restores a backup taken before a migration, and opening migrates it again', async () => {
    const dir = dataDir();
    const old = openDatabase(dir, { migrations: MIGRATIONS.slice(0, 1) });
    old.close();
    openNewsroom(dir).close();
    const [migrationBackup] = listBackups(dir);
    expect(migrationBackup?.reason).toBe('before-migration-from-10');
    damageFile(databasePath(dir), 'zeroed header');
    await restoreFromBackup(dir, migrationBackup?.name as string);
    const newsroom = openNewsroom(dir);
    expect(newsroom.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    newsroom.close();
  });
});
