import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDatabase, backupIfStale, listBackups, pruneBackups, verifyDatabase } from '../../db/backup.js';
import { BACKUP_DIR, databasePath, newestBackup, openDatabase } from '../../db/open.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { NewsroomError } from '../../common/errors.js';
import { openNewsroom } from '../../main/newsroom.js';
import { createBackupService, resolveBackupFile } from '../../main/services/backups.js';
import { handClock, seededNewsroom } from '../crash/damage.js';
import { by, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

const cleanups = removedAfterEach();
const dataDir = () => cleanups.dataDir();

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const sharedOriginals = (dir: string) => path.join(dir, BACKUP_DIR, 'media', 'originals');
function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];
}

describe('taking a backup', () => {
  it('writes a whole, checked, self-contained copy of the store and its photos, named by time and reason', async () => {
    const dir = dataDir();
    const clock = handClock('2026-03-01T06:00:00.000Z');
    const { newsroom, photoIds } = await seededNewsroom(dir, clock.now);
    const backup = await backupDatabase(newsroom.db, dir, 'manual', { now: clock.now });
    newsroom.close();

    expect(backup.name).toBe('newsroom-2026-03-01T06-00-00-000Z-manual.db');
    expect(backup).toMatchObject({ reason: 'manual', takenAt: '2026-03-01T06:00:00.000Z', photos: { listed: 2, copied: 2, problems: [] } });
    // One file: a rollback journal, so nothing beside it is needed to read it.
    expect(fs.readdirSync(path.join(dir, BACKUP_DIR)).sort()).toEqual(['media', backup.name]);
    const copy = new Database(backup.file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT count(*) FROM stories').pluck().get()).toBe(40);
    copy.close();
    for (const id of photoIds) {
      const [stored] = filesUnder(sharedOriginals(dir)).filter((f) => f.includes(id));
      expect(sha256(path.join(sharedOriginals(dir), stored as string))).toBe(id);
    }
    expect(await verifyDatabase(backup.file)).toMatchObject({ ok: true, databaseOk: true, stories: 40, photosChecked: 2, problems: [] });
  });

  it('copies each photo once into the store the backups share', async () => {
    const dir = dataDir();
    const clock = handClock();
    const { newsroom } = await seededNewsroom(dir, clock.now, 3);
    await backupDatabase(newsroom.db, dir, 'daily', { now: clock.now });
    clock.advanceHours(24);
    const second = await backupDatabase(newsroom.db, dir, 'daily', { now: clock.now });
    newsroom.close();
    expect(second.photos).toEqual({ listed: 2, copied: 0, problems: [] });
    expect(filesUnder(sharedOriginals(dir))).toHaveLength(2);
  });

  it('takes a consistent copy while saves go on', async () => {
    const dir = dataDir();
    const clock = handClock();
    const { newsroom, storyIds } = await seededNewsroom(dir, clock.now, 200);
    let story = newsroom.stories.get(storyIds[0] as string);
    const pending = backupDatabase(newsroom.db, dir, 'manual', { now: clock.now });
    let saves = 0;
    let done = false;
    void pending.finally(() => {
      done = true;
    });
    // The online backup copies a batch of pages per turn of the event loop: save between the turns.
    while (!done && saves < 1000) {
      story = newsroom.stories.save({ id: story.id, version: story.version, body: doc(`Save ${saves}`) }, by(null));
      saves += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const backup = await pending;
    newsroom.close();
    // The copy spanned several turns of the event loop, with saves between them.
    expect(saves).toBeGreaterThan(1);
    expect((await verifyDatabase(backup.file)).problems).toEqual([]);
    const copy = new Database(backup.file, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM stories').pluck().get()).toBe(200);
    copy.close();
  });

  it('refuses a reason that is not a plain word, so the name cannot leave the backup folder', async () => {
    const dir = dataDir();
    const newsroom = openNewsroom(dir);
    await expect(backupDatabase(newsroom.db, dir, '../../elsewhere')).rejects.toMatchObject({ code: 'invalid-argument' });
    newsroom.close();
    expect(fs.existsSync(path.join(dir, BACKUP_DIR))).toBe(false);
    expect(fs.readdirSync(path.dirname(dir)).filter((n) => n.startsWith('elsewhere'))).toEqual([]);
  });
});

describe('the list of backups', () => {
  it('agrees with newestBackup, migration backups included, newest first', async () => {
    const dir = dataDir();
    const clock = handClock('2026-03-01T06:00:00.000Z');
    openDatabase(dir, { migrations: MIGRATIONS.slice(0, 1) }).close();
    // Opening with the full list migrates, and db/open.ts takes its own backup first.
    const newsroom = openNewsroom(dir, { now: () => new Date('2026-02-01T00:00:00.000Z') });
    await backupDatabase(newsroom.db, dir, 'manual', { now: clock.now });
    clock.advanceHours(24);
    await backupDatabase(newsroom.db, dir, 'daily', { now: clock.now });
    newsroom.close();

    const list = listBackups(dir);
    expect(list.map((b) => b.reason)).toEqual(['daily', 'manual', 'before-migration-from-10']);
    expect(list.map((b) => b.takenAt)).toEqual(['2026-03-02T06:00:00.000Z', '2026-03-01T06:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    expect(list[0]?.file).toBe(newestBackup(dir));
  });

  it('finds a backup by its listed name, and a path only where the user may give one', async () => {
    const dir = dataDir();
    const newsroom = openNewsroom(dir);
    const backup = await backupDatabase(newsroom.db, dir, 'manual');
    newsroom.close();
    expect(resolveBackupFile(dir, backup.name)).toBe(backup.file);
    expect(() => resolveBackupFile(dir, databasePath(dir))).toThrow(NewsroomError);
    expect(() => resolveBackupFile(dir, '../newsroom.db')).toThrow(/No backup/);
    expect(resolveBackupFile(dir, databasePath(dir), { allowOutside: true })).toBe(databasePath(dir));
  });
});

describe('pruning', () => {
  it('keeps the newest N backups Newsroom made, leaves other files alone, and drops photos no kept backup lists', async () => {
    const dir = dataDir();
    const clock = handClock();
    const { newsroom, photoIds } = await seededNewsroom(dir, clock.now, 3);
    const made: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      made.push((await backupDatabase(newsroom.db, dir, 'daily', { now: clock.now })).name);
      clock.advanceHours(24);
    }
    // The second photo leaves the store: only the two oldest backups still list it.
    newsroom.db.prepare('DELETE FROM photos WHERE id = ?').run(photoIds[1]);
    for (let i = 0; i < 10; i += 1) {
      made.push((await backupDatabase(newsroom.db, dir, i % 2 === 0 ? 'daily' : 'manual', { now: clock.now })).name);
      clock.advanceHours(24);
    }
    newsroom.close();
    fs.writeFileSync(path.join(dir, BACKUP_DIR, 'my-own-copy.db'), 'kept by hand');

    const { removed, photosRemoved } = pruneBackups(dir, 10);
    expect(removed.map((f) => path.basename(f))).toEqual(made.slice(0, 2).reverse());
    expect(photosRemoved).toBe(1);
    const left = listBackups(dir).map((b) => b.name);
    expect(left).toEqual([...made.slice(2).reverse(), 'my-own-copy.db'].sort().reverse());
    expect(filesUnder(sharedOriginals(dir)).map((f) => path.basename(f).split('.')[0])).toEqual([photoIds[0]]);
    for (const name of made.slice(2)) expect((await verifyDatabase(path.join(dir, BACKUP_DIR, name))).ok).toBe(true);
  });

  it('keeps the number set in the backupsKept setting, 10 when unset', async () => {
    const dir = dataDir();
    const clock = handClock();
    const newsroom = openNewsroom(dir, { now: clock.now });
    const backups = createBackupService(newsroom, { now: clock.now });
    expect(backups.keep()).toBe(10);
    newsroom.settings.setBackupsKept(3);
    for (let i = 0; i < 5; i += 1) {
      await backups.backup();
      clock.advanceHours(1);
    }
    expect(backups.list()).toHaveLength(3);
    expect(() => pruneBackups(dir, 0)).toThrow(/at least one/);
    newsroom.close();
  });
});

describe('the daily backup at start', () => {
  it('backs up only when the newest backup is older than 24 hours', async () => {
    const dir = dataDir();
    const clock = handClock('2026-03-01T06:00:00.000Z');
    const newsroom = openNewsroom(dir, { now: clock.now });
    newsroom.stories.create({ fields: { headline: 'First' } }, by(null));

    const first = await backupIfStale(newsroom.db, dir, { maxAgeHours: 24, now: clock.now });
    expect(first?.reason).toBe('daily');
    clock.advanceHours(23.9);
    expect(await backupIfStale(newsroom.db, dir, { maxAgeHours: 24, now: clock.now })).toBeNull();
    clock.advanceHours(0.2);
    expect((await backupIfStale(newsroom.db, dir, { maxAgeHours: 24, now: clock.now }))?.takenAt).toBe('2026-03-02T06:06:00.000Z');
    // A manual backup is a backup too: the next day's is not due until 24 hours after it.
    clock.advanceHours(20);
    await backupDatabase(newsroom.db, dir, 'manual', { now: clock.now });
    clock.advanceHours(20);
    expect(await backupIfStale(newsroom.db, dir, { now: clock.now })).toBeNull();
    expect(listBackups(dir).map((b) => b.reason)).toEqual(['manual', 'daily', 'daily']);
    newsroom.close();
  });

  it('through the service, prunes to the kept number as it goes', async () => {
    const dir = dataDir();
    const clock = handClock();
    const newsroom = openNewsroom(dir, { now: clock.now });
    newsroom.settings.setBackupsKept(2);
    const backups = createBackupService(newsroom, { now: clock.now });
    for (let day = 0; day < 4; day += 1) {
      expect(await backups.backupIfStale()).not.toBeNull();
      expect(await backups.backupIfStale()).toBeNull();
      clock.advanceHours(25);
    }
    expect(backups.list().map((b) => b.takenAt)).toEqual(['2026-03-04T09:00:00.000Z', '2026-03-03T08:00:00.000Z']);
    newsroom.close();
  });
});

describe('verifying', () => {
  it('finds a missing and a damaged photo original while the database itself is fine', async () => {
    const dir = dataDir();
    const { newsroom, photoIds } = await seededNewsroom(dir, () => new Date(), 2);
    const [missing, damaged] = photoIds.map((id) => newsroom.media.originalFile(id)) as [string, string];
    newsroom.close();
    fs.rmSync(missing);
    const bytes = fs.readFileSync(damaged);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
    fs.writeFileSync(damaged, bytes);

    const result = await verifyDatabase(databasePath(dir));
    expect(result).toMatchObject({ ok: false, databaseOk: true, stories: 2, photosChecked: 0 });
    // Checked in id order.
    const expected = [
      { id: photoIds[0] as string, what: 'is missing' },
      { id: photoIds[1] as string, what: 'is damaged' },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(result.problems).toEqual(expected.map((p) => expect.stringContaining(`Photo ${p.id} ${p.what}`)));
  });
});
