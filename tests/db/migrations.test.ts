/**
 * One test per shipped migration (issue 14): the store is taken to the schema just before it, given
 * rows in that older shape, then updated; what was there is kept and the new shape behaves. A new
 * migration without a test here fails the first test.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../db/migrations/index.js';
import type { Db } from '../../db/open.js';
import { columns, explain, storeAtVersion, updateToVersion, versionBefore } from '../helpers/sql.js';

const NOW = '2026-12-03T08:00:00.000Z';

/** A story row as schema 10 knew it. */
function insertStory(db: Db, id: string, fields: { headline?: string; body?: string; status?: string } = {}): number {
  const info = db
    .prepare(
      `INSERT INTO stories (id, slug, headline, standfirst, byline, dateline_place, dateline_date, desk, language, body, word_count, status, created_at, updated_at, version)
       VALUES (?, ?, ?, '', '["Ana Lima"]', '', '', 'News', 'en', ?, 3, ?, ?, ?, 1)`,
    )
    .run(id, `slug-${id}`, fields.headline ?? `Story ${id}`, fields.body ?? '{"root":{}}', fields.status ?? 'draft', NOW, NOW);
  return Number(info.lastInsertRowid);
}

function insertAudit(db: Db, id: string, storyId: string): void {
  db.prepare(`INSERT INTO audit (id, story_id, at, profile_id, profile_name, action, from_state, to_state) VALUES (?, ?, ?, NULL, 'Ana Lima', 'file', 'draft', 'filed')`).run(id, storyId, NOW);
}

/** The store just before `version`, handed to `seed`, then updated to `version`. */
function across(version: number, seed: (db: Db) => void = () => {}): Db {
  const db = storeAtVersion(versionBefore(version));
  seed(db);
  updateToVersion(db, version);
  return db;
}

const one = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;

const CHECKS: Record<number, () => void> = {
  10: () => {
    const db = across(10);
    expect(columns(db, 'stories')).toContain('body');
    const rowid = insertStory(db, 'a', { headline: 'Floods close the bridge' });
    db.prepare('INSERT INTO story_search (rowid, headline, standfirst, byline, body) VALUES (?, ?, ?, ?, ?)').run(rowid, 'Floods close the bridge', '', 'Ana Lima', 'The river rose.');
    expect(db.prepare("SELECT rowid FROM story_search WHERE story_search MATCH 'bridge'").all()).toEqual([{ rowid }]);
    // The desk list pages live stories through its covering index, never the table.
    expect(explain(db, 'SELECT id FROM stories WHERE trashed_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 50 OFFSET 5000').join('\n')).toMatch(/COVERING INDEX stories_live_updated/);
  },
  20: () => {
    const db = across(20, (old) => insertStory(old, 'a'));
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM stories').n).toBe(1);
    expect(columns(db, 'photos')).toEqual(['id', 'mime', 'width', 'height', 'bytes', 'original_name', 'metadata', 'created_at']);
    expect(columns(db, 'settings')).toEqual(['key', 'value']);
  },
  30: () => {
    const db = across(30, (old) => insertStory(old, 'a', { status: 'filed' }));
    expect(one(db, 'SELECT created_by, state_before_spike, corrections, status FROM stories')).toEqual({ created_by: null, state_before_spike: null, corrections: '[]', status: 'filed' });
    insertAudit(db, 'e1', 'a');
    expect(() => db.prepare("UPDATE audit SET note = 'forged' WHERE id = 'e1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM audit WHERE id = 'e1'").run()).toThrow(/append-only/);
    db.prepare("INSERT INTO notes (id, story_id, author_id, author_name, kind, text, created_at) VALUES ('n1', 'a', NULL, 'Ana Lima', 'note', 'Check the figures', ?)").run(NOW);
    db.prepare("DELETE FROM stories WHERE id = 'a'").run();
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM notes').n).toBe(0);
    // The trail outlives the story it is about.
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM audit').n).toBe(1);
    expect(explain(db, "SELECT id FROM stories WHERE status = 'filed' AND trashed_at IS NULL ORDER BY updated_at DESC LIMIT 50").join('\n')).toMatch(/stories_live_queue/);
  },
  40: () => {
    const db = across(40, (old) => insertStory(old, 'a'));
    expect(one(db, 'SELECT id, synced_hash, conflict_revision_id FROM stories')).toEqual({ id: 'a', synced_hash: null, conflict_revision_id: null });
  },
  50: () => {
    const db = across(50, (old) => insertStory(old, 'a'));
    db.prepare("INSERT INTO style_ignores (story_id, finding_id, ignored_at, ignored_by) VALUES ('a', 'f1', ?, 'Ana Lima')").run(NOW);
    expect(() => db.prepare("INSERT INTO style_ignores (story_id, finding_id, ignored_at, ignored_by) VALUES ('a', 'f1', ?, 'Ana Lima')").run(NOW)).toThrow(/UNIQUE|PRIMARY KEY/);
    db.prepare("DELETE FROM stories WHERE id = 'a'").run();
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM style_ignores').n).toBe(0);
  },
  60: () => {
    const db = across(60, (old) => {
      insertStory(old, 'a');
      insertAudit(old, 'e1', 'a');
    });
    expect(one(db, 'SELECT id, action, origin FROM audit')).toEqual({ id: 'e1', action: 'file', origin: null });
  },
  70: () => {
    const db = across(70, (old) => {
      insertStory(old, 'a');
      insertAudit(old, 'e1', 'a');
    });
    expect(one(db, 'SELECT id, origin, via_package FROM audit')).toEqual({ id: 'e1', origin: null, via_package: null });
    expect(() => db.prepare("UPDATE audit SET via_package = 'forged.newsroom' WHERE id = 'e1'").run()).toThrow(/append-only/);
  },
  80: () => {
    let rowid = 0;
    const db = across(80, (old) => {
      rowid = insertStory(old, 'a', { headline: 'Floods close the bridge' });
      const other = insertStory(old, 'b', { headline: 'Council meets' });
      const search = old.prepare('INSERT INTO story_search (rowid, headline, standfirst, byline, body) VALUES (?, ?, ?, ?, ?)');
      search.run(rowid, 'Floods close the bridge', '', 'Ana Lima', 'The river rose.');
      search.run(other, 'Council meets', '', 'Tom Ruiz', 'Floods were on the agenda.');
    });
    // The same rows under the same rowids, found by a prefix as the reporter types it.
    expect(db.prepare("SELECT rowid FROM story_search WHERE story_search MATCH 'flo*' ORDER BY rank").all()).toEqual([{ rowid }, { rowid: rowid + 1 }]);
    expect(one<{ sql: string }>(db, "SELECT sql FROM sqlite_schema WHERE name = 'story_search'").sql).toMatch(/prefix = '2 3 4'/);
  },
  100: () => {
    const db = across(100, (old) => insertStory(old, 'a'));
    db.prepare("INSERT INTO story_docs (story_id, layout, state, compacted_at) VALUES ('a', 1, x'00', ?)").run(NOW);
    db.prepare("INSERT INTO story_updates (story_id, update_bytes, origin, created_at) VALUES ('a', x'01', 'window', ?)").run(NOW);
    expect(one(db, 'SELECT migration, compacted_through FROM story_docs')).toEqual({ migration: 'new', compacted_through: 0 });
    expect(() => db.prepare("UPDATE story_docs SET migration = 'guessed'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO story_updates (story_id, update_bytes, origin, created_at) VALUES ('nobody', x'01', 'window', ?)").run(NOW)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM stories WHERE id = 'a'").run();
    expect(one<{ n: number }>(db, 'SELECT (SELECT count(*) FROM story_docs) + (SELECT count(*) FROM story_updates) AS n').n).toBe(0);
  },
  110: () => {
    const db = across(110, (old) => {
      insertStory(old, 'a');
      old.prepare("INSERT INTO story_docs (story_id, layout, state, compacted_at) VALUES ('a', 1, x'00', ?)").run(NOW);
    });
    // A doc from before has agreed with no row yet: the engine takes the row's text into it once.
    expect(one(db, 'SELECT story_id, synced_row FROM story_docs')).toEqual({ story_id: 'a', synced_row: '' });
  },
  120: () => {
    const db = across(120, (old) => insertStory(old, 'a'));
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM stories').n).toBe(1);
    const move = db.prepare("INSERT INTO desk_outbox (request_id, desk_id, story_id, action, created_at) VALUES (?, 'desk-1', 'a', 'file', ?)");
    move.run('r1', NOW);
    // A move is sent once per request id, and waits until it is answered.
    expect(() => move.run('r1', NOW)).toThrow(/UNIQUE/);
    expect(one(db, 'SELECT status, answer FROM desk_outbox')).toEqual({ status: 'waiting', answer: null });
    expect(() => db.prepare("UPDATE desk_outbox SET status = 'lost'").run()).toThrow(/CHECK/);
    expect(explain(db, "SELECT id FROM desk_outbox WHERE desk_id = 'desk-1' AND status = 'waiting' ORDER BY id").join('\n')).toMatch(/desk_outbox_waiting/);
    expect(columns(db, 'desk_stories')).toContain('synced_through');
    expect(columns(db, 'desk_photos')).toEqual(['photo_id', 'desk_id', 'desk_hash', 'uploaded_at']);
  },
  130: () => {
    const db = across(130, (old) => insertStory(old, 'a'));
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM stories').n).toBe(1);
    const confirm = db.prepare("INSERT INTO photo_rights (story_id, photo_id, confirmed_at, confirmed_by, confirmed_by_name) VALUES (?, ?, ?, '', '')");
    confirm.run('a', 'f'.repeat(64), NOW);
    // One decision per photo of a story, only for a story that exists, and gone with the story.
    expect(() => confirm.run('a', 'f'.repeat(64), NOW)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => confirm.run('no-such-story', 'f'.repeat(64), NOW)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM stories WHERE id = 'a'").run();
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM photo_rights').n).toBe(0);
    expect(columns(db, 'photo_rights')).toEqual(['story_id', 'photo_id', 'confirmed_at', 'confirmed_by', 'confirmed_by_name']);
  },
};

describe('each shipped migration', () => {
  it('has a test here', () => {
    expect(Object.keys(CHECKS).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  for (const migration of MIGRATIONS) {
    it(`${migration.version} ${migration.name}: keeps what was there, and the new shape holds`, () => {
      const check = CHECKS[migration.version];
      expect(check, `migration ${migration.version} has no test`).toBeDefined();
      check?.();
    });
  }

  it('stops at the version asked for, and refuses one that was never shipped', () => {
    const db = storeAtVersion(30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(columns(db, 'stories')).not.toContain('synced_hash');
    expect(() => updateToVersion(db, 35)).toThrow(/No migration reaches schema 35/);
  });
});
