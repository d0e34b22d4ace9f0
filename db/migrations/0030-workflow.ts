import type { Database } from 'better-sqlite3';

/** Profiles, the append-only audit trail, notes, and the story columns the review workflow needs. */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE profiles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      byline TEXT NOT NULL,
      roles TEXT NOT NULL,             -- JSON array: reporter, editor
      created_at TEXT NOT NULL
    ) STRICT;

    ALTER TABLE stories ADD COLUMN created_by TEXT;
    ALTER TABLE stories ADD COLUMN state_before_spike TEXT;
    ALTER TABLE stories ADD COLUMN corrections TEXT NOT NULL DEFAULT '[]';   -- JSON: [{ at, note }]

    -- Queues: one state's stories, newest first.
    CREATE INDEX stories_live_queue ON stories (status, updated_at, id, trashed_at) WHERE trashed_at IS NULL;

    CREATE TABLE audit (
      id TEXT PRIMARY KEY,
      story_id TEXT NOT NULL,          -- no foreign key: the trail outlives a purged story
      at TEXT NOT NULL,
      profile_id TEXT,
      profile_name TEXT NOT NULL,
      action TEXT NOT NULL,            -- a workflow action, or edit / restore-revision / create
      from_state TEXT,
      to_state TEXT,
      note TEXT NOT NULL DEFAULT '',
      revision_id TEXT
    ) STRICT;
    CREATE INDEX audit_by_story ON audit (story_id, at);
    -- The database itself keeps the trail append-only.
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
      BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: its entries cannot be changed'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: its entries cannot be deleted'); END;

    CREATE TABLE notes (
      id TEXT PRIMARY KEY,
      story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
      author_id TEXT,
      author_name TEXT NOT NULL,
      kind TEXT NOT NULL,              -- note, change-request, correction, footnote, comment
      text TEXT NOT NULL,
      anchor TEXT,                     -- JSON: { quote, block } the passage it is about, or NULL
      created_at TEXT NOT NULL,
      resolved_at TEXT,
      resolved_by TEXT
    ) STRICT;
    CREATE INDEX notes_by_story ON notes (story_id, created_at);
  `);
}
