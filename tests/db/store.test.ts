import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BACKUP_DIR, databasePath, openDatabase, schemaVersion } from '../../db/open.js';
import { MIGRATIONS, type Migration } from '../../db/migrations/index.js';
import { NewsroomError } from '../../common/errors.js';
import { removedAfterEach } from '../helpers/dataDir.js';

const LATEST = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
const cleanups = removedAfterEach();
const dataDir = () => cleanups.dataDir();

function expectNewsroomError(fn: () => unknown, code: string): NewsroomError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NewsroomError);
    expect((error as NewsroomError).code).toBe(code);
    return error as NewsroomError;
  }
  throw new Error(`expected a ${code} error`);
}

describe('opening the store', () => {
  it('sets the pragmas that keep acknowledged saves through a power cut', () => {
    const db = openDatabase(dataDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('creates STRICT tables and records the schema version', () => {
    const db = openDatabase(dataDir());
    expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'story_search%'").all() as { name: string; strict: number }[];
    expect(tables.map((t) => t.name).sort()).toEqual(['audit', 'desk_outbox', 'desk_photos', 'desk_stories', 'notes', 'photo_rights', 'photos', 'profiles', 'revisions', 'settings', 'stories', 'story_docs', 'story_updates', 'style_ignores']);
    for (const table of tables) expect(table.strict, table.name).toBe(1);
    db.close();
  });

  it('refuses a database from a newer app version and leaves it untouched', () => {
    const dir = dataDir();
    openDatabase(dir).close();
    const raw = new Database(databasePath(dir));
    raw.pragma('user_version = 9990');
    raw.close();
    const before = fs.readFileSync(databasePath(dir));
    const error = expectNewsroomError(() => openDatabase(dir), 'database-too-new');
    expect(error.message).toMatch(/newer version of Newsroom/);
    expect(fs.readFileSync(databasePath(dir)).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite, names it and never overwrites it', () => {
    const dir = dataDir();
    const file = databasePath(dir);
    fs.writeFileSync(file, 'Dear editor, this is my story, not a database.');
    const error = expectNewsroomError(() => openDatabase(dir), 'database-unreadable');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not an SQLite database/);
    expect(fs.readFileSync(file, 'utf8')).toBe('Dear editor, this is my story, not a database.');
  });

  it('points to the newest backup when the database is damaged', () => {
    const dir = dataDir();
    openDatabase(dir).close();
    fs.mkdirSync(path.join(dir, BACKUP_DIR), { recursive: true });
    fs.writeFileSync(path.join(dir, BACKUP_DIR, 'newsroom-2026-01-01.db'), '');
    fs.writeFileSync(path.join(dir, BACKUP_DIR, 'newsroom-2026-02-01.db'), '');
    const file = databasePath(dir);
    // Overwrite the schema page: the header survives, the tables do not.
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, 100, Math.min(bytes.length, 4096));
    fs.writeFileSync(file, bytes);
    for (const sidecar of ['-wal', '-shm']) fs.rmSync(file + sidecar, { force: true });
    const damaged = fs.readFileSync(file);
    const error = expectNewsroomError(() => openDatabase(dir), 'database-unreadable');
    expect(error.message).toContain('newsroom-2026-02-01.db');
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });

  it('backs up before migrating, runs each migration in a transaction and rolls back a failed one', () => {
    const dir = dataDir();
    openDatabase(dir).close();
    const good: Migration = { version: 9000, name: 'add-notes', up: (db) => db.exec('CREATE TABLE future_things (id TEXT PRIMARY KEY) STRICT') };
    const bad: Migration = {
      version: 9010,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (id TEXT) STRICT');
        throw new Error('migration bug');
      },
    };
    expect(() => openDatabase(dir, { migrations: [...MIGRATIONS, good, bad] })).toThrow('migration bug');
    const backups = fs.readdirSync(path.join(dir, BACKUP_DIR));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`before-migration-from-${LATEST}\\.db$`));
    const db = new Database(databasePath(dir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(9000);
    const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(names).toContain('future_things');
    expect(names).not.toContain('half_done');
    db.close();
    // The backup is a readable database at the old version.
    const backup = new Database(path.join(dir, BACKUP_DIR, backups[0] as string), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(LATEST);
    backup.close();
  });

  it('upgrades a database from the first release, keeping its stories and a backup', async () => {
    const { openNewsroom } = await import('../../main/newsroom.js');
    const dir = dataDir();
    const old = openDatabase(dir, { migrations: MIGRATIONS.slice(0, 1) });
    old.prepare(
      `INSERT INTO stories (id, slug, headline, standfirst, byline, dateline_place, dateline_date, desk, language, body, word_count, status, created_at, updated_at, version)
       VALUES ('01900000-0000-7000-8000-000000000001', 'old-story', 'Old story', '', '[]', '', '', '', 'en', '{"root":{"type":"root","version":1,"children":[]}}', 0, 'draft', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)`,
    ).run();
    old.close();
    const newsroom = openNewsroom(dir);
    expect(newsroom.stories.get('old-story').headline).toBe('Old story');
    expect(newsroom.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    newsroom.close();
    const backups = fs.readdirSync(path.join(dir, BACKUP_DIR));
    expect(backups).toEqual([expect.stringMatching(/before-migration-from-10\.db$/)]);
  });

  it('takes no backup of a brand-new database', () => {
    const dir = dataDir();
    openDatabase(dir).close();
    expect(fs.existsSync(path.join(dir, BACKUP_DIR))).toBe(false);
  });
});

describe('hot queries use their indexes', () => {
  it('pages the desk list and counts it through partial indexes, never a table scan', async () => {
    const { openNewsroom } = await import('../../main/newsroom.js');
    const newsroom = openNewsroom(dataDir());
    const plan = (sql: string) =>
      (newsroom.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    for (const [column, index] of [
      ['updated_at', 'stories_live_updated'],
      ['headline', 'stories_live_headline'],
      ['word_count', 'stories_live_words'],
    ]) {
      const sql = `SELECT rowid FROM stories WHERE trashed_at IS NULL ORDER BY ${column} DESC, id DESC LIMIT 100 OFFSET 5000`;
      expect(plan(sql)).toContain(`USING COVERING INDEX ${index}`);
    }
    expect(plan('SELECT count(*) FROM stories INDEXED BY stories_live_status WHERE trashed_at IS NULL')).toContain('COVERING INDEX stories_live_status');
    expect(plan("SELECT * FROM revisions WHERE story_id = 'x' ORDER BY created_at DESC")).toContain('revisions_by_story');
    newsroom.close();
  });
});
