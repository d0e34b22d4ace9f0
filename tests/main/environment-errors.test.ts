/**
 * What the disk and the store can do to any request gets its own code and a message that says
 * what happened and what to do (issue 11), never "unexpected problem … try again".
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { channelErrors } from '../../common/contract/index.js';
import { createHandlers, invokeChannel, type Door } from '../../main/handlers.js';
import { databasePath } from '../../db/open.js';
import { tempDataDir, tempNewsroom, by, type TestNewsroom, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

const cleanups = removedAfterEach();

function newsroom(options: Parameters<typeof tempNewsroom>[0] = {}): TestNewsroom {
  const n = tempNewsroom(options);
  cleanups.push(n.cleanup);
  return n;
}

/** The error a real file-system or SQLite call throws, with its real code. */
function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** A door whose settings:get fails the way `error` says. */
function failingDoor(n: TestNewsroom, error: unknown): Door {
  return { handlers: { ...createHandlers(n), 'settings:get': () => { throw error; } }, callerFor: n.door.callerFor };
}

describe('errors from the disk and the store', () => {
  it('a folder where the package file should go: is-a-folder, saying to choose a file name', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const folder = path.join(dir, 'already-a-folder.newsroom');
    fs.mkdirSync(folder);
    const n = newsroom({ platform: { chooseSavePath: async () => folder } });
    const story = n.stories.create({ fields: { headline: 'Packed' }, body: doc('Words.') }, by(null));
    const result = await invokeChannel(n.door, { origin: 'test' }, 'package:export', { id: story.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'is-a-folder' } });
    if (result.ok) return;
    expect(result.error.message).toMatch(/folder where a file was expected.*Choose a file name/);
    expect(result.error.message).not.toMatch(/EISDIR|unexpected problem/);
  });

  it('something already there: already-exists', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const n = newsroom();
    const result = await invokeChannel(failingDoor(n, thrownBy(() => fs.mkdirSync(dir))), { origin: 'test' }, 'settings:get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'already-exists' } });
    if (!result.ok) expect(result.error.message).toMatch(/already there.*Choose another name/);
  });

  it.each([
    ['disk-full', { code: 'SQLITE_FULL', message: 'database or disk is full' }, /disk is full.*free some space/],
    ['disk-full', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 }), /disk is full/],
    ['read-only', { code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' }, /not allowed to write there.*read-only/],
    ['read-only', Object.assign(new Error('EROFS: read-only file system, open'), { code: 'EROFS' }), /not allowed to write there/],
    ['read-only', Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' }), /not allowed to write there/],
  ])('%s (%#): its own code and what to do, not "unexpected problem"', async (code, error, message) => {
    const n = newsroom();
    const result = await invokeChannel(failingDoor(n, error), { origin: 'test' }, 'settings:get', {});
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) {
      expect(result.error.message).toMatch(message);
      expect(result.error.message).not.toMatch(/unexpected problem/);
    }
  });

  it('a store another program keeps locked: store-locked, saying what to close', async () => {
    const n = newsroom();
    const story = n.stories.create({ fields: { headline: 'Locked out' }, body: doc('Words.') }, by(null));
    // Wait only briefly, so the other program's lock outlasts the wait.
    n.db.pragma('busy_timeout = 50');
    const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    const child = spawn(process.execPath, ['-e', `
      const db = new (require(${JSON.stringify(betterSqlite)}))(${JSON.stringify(databasePath(n.dataDir))});
      db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
      process.stdin.on('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
    `], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((done) => child.on('exit', done));
    await new Promise<void>((resolve) => child.stdout.on('data', (c: Buffer) => { if (c.toString().includes('locked')) resolve(); }));
    const result = await invokeChannel(n.door, { origin: 'test' }, 'story:save', { id: story.id, version: story.version, fields: { headline: 'Changed' } });
    child.stdin.write('go\n');
    await exited;
    expect(result).toMatchObject({ ok: false, error: { code: 'store-locked' } });
    if (!result.ok) expect(result.error.message).toMatch(/another program is writing.*Close any other Newsroom/);
    expect(channelErrors('story:save')).toContain('store-locked');
  });
});
