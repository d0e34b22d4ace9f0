/**
 * A data folder Newsroom may not write to is said to be read-only, not damaged, with no restore
 * offered, and the stories are opened for reading (issue 11).
 *
 * The tests run as root, for whom no permission bit refuses a write, so the one thing that cannot
 * happen here (the operating system refusing write access) is stood in for by `fs.accessSync`
 * answering EACCES for the data folder; SQLite and everything else are real.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkStoreAtStart } from '../../main/services/backups.js';
import { openNewsroom } from '../../main/newsroom.js';
import { createDoor, invokeChannel } from '../../main/handlers.js';
import { NewsroomError } from '../../common/errors.js';
import { tempDataDir, by } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  while (cleanups.length > 0) cleanups.pop()?.();
});

function refuseWritesUnder(dir: string): void {
  const real = fs.accessSync.bind(fs);
  vi.spyOn(fs, 'accessSync').mockImplementation((file, mode) => {
    if (String(file).startsWith(dir) && mode !== undefined && (mode & fs.constants.W_OK) !== 0) {
      throw Object.assign(new Error(`EACCES: permission denied, access '${String(file)}'`), { code: 'EACCES', path: String(file) });
    }
    return real(file, mode);
  });
}

describe('a read-only data folder', () => {
  it('is reported as read-only at start, not as damage with a restore to offer', () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const n = openNewsroom(dir);
    n.stories.create({ fields: { headline: 'Kept safe' }, body: doc('Words.') }, by(null));
    n.close();
    refuseWritesUnder(dir);
    const check = checkStoreAtStart(dir);
    expect(check.state).toBe('read-only');
    expect(check).not.toHaveProperty('newestGoodBackup');
    if (check.state === 'read-only') expect(check.problem).toMatch(/can’t write to the data folder .*check/i);
  });

  it('opens the stories for reading; a save says the folder is read-only', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    let n = openNewsroom(dir);
    const story = n.stories.create({ fields: { headline: 'Kept safe' }, body: doc('Words.') }, by(null));
    n.close();
    refuseWritesUnder(dir);
    n = openNewsroom(dir);
    cleanups.unshift(() => n.close());
    expect(n.stories.get(story.id).headline).toBe('Kept safe');
    const door = createDoor(n);
    const saved = await invokeChannel(door, { origin: 'test' }, 'story:save', { id: story.id, version: story.version, fields: { headline: 'Changed' } });
    expect(saved).toMatchObject({ ok: false, error: { code: 'read-only' } });
    if (!saved.ok) expect(saved.error.message).toMatch(/not allowed to write there.*read-only/);
    expect(n.stories.get(story.id).headline).toBe('Kept safe');
  });

  it('with no store in it yet, says Newsroom can’t write there (not that a store is damaged)', () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    refuseWritesUnder(dir);
    let error: unknown;
    try {
      openNewsroom(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NewsroomError);
    expect((error as NewsroomError).code).toBe('read-only');
    expect((error as NewsroomError).message).toMatch(/can’t write to the data folder/);
  });
});
