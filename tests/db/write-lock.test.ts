/**
 * Another process holding the write lock for a moment: Newsroom waits (within its busy timeout)
 * instead of failing at once with "database is locked" (issue 11). A deferred transaction that
 * reads first and then writes cannot wait in WAL mode; writes must begin immediate.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../db/open.js';
import { tempNewsroom, by, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

const cleanups = removedAfterEach();

/** A second process that takes the write lock, says so, and lets go after `ms`. */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `
    const Database = require(${JSON.stringify(betterSqlite)});
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    db.exec("UPDATE settings SET value = value WHERE 0");
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); }, ${ms});
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const released = new Promise<void>((done) => child.on('exit', () => done()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('locked')) resolve({ released });
    });
    child.on('exit', (code) => { if (!out.includes('locked')) reject(new Error(`the lock holder exited (${code})`)); });
  });
}

describe('a store another process is writing to', () => {
  it('waits for the other writer instead of failing with "database is locked"', async () => {
    const n = tempNewsroom();
    cleanups.push(n.cleanup);
    // One story first, so creating the next one reads before it writes.
    n.stories.create({ fields: { headline: 'First' }, body: doc('One.') }, by(null));
    const { released } = await holdWriteLock(databasePath(n.dataDir), 1500);
    const story = n.stories.create({ fields: { headline: 'While another writes' }, body: doc('Two.') }, by(null));
    expect(n.stories.get(story.id).headline).toBe('While another writes');
    await released;
  });
});
