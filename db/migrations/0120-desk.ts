import type { Database } from 'better-sqlite3';

/**
 * The desk client (issue 17): the desk's stories as this machine last heard of them (linked local
 * stories, and the desk list cached for offline browsing), workflow moves waiting to be sent, and
 * the photos already uploaded (by the hash of the bytes that left, without GPS and serials).
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE desk_stories (
      story_id TEXT PRIMARY KEY,       -- the story's id, the same here and on the desk
      desk_id TEXT NOT NULL,           -- which desk: a machine reconnected to another desk starts afresh
      state TEXT NOT NULL,             -- the workflow state the desk decided
      author_id TEXT NOT NULL,
      author TEXT NOT NULL,
      headline TEXT NOT NULL,
      desk_updated_at TEXT NOT NULL,
      followed INTEGER NOT NULL DEFAULT 0 CHECK (followed IN (0, 1)),  -- kept in step on this machine
      synced_through INTEGER NOT NULL DEFAULT 0,  -- the last local story_updates.id the desk acknowledged
      synced_at TEXT
    ) STRICT;

    CREATE TABLE desk_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      request_id TEXT NOT NULL UNIQUE, -- sent with the move: the desk makes a move once per request id
      desk_id TEXT NOT NULL,
      story_id TEXT NOT NULL,
      action TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'sent', 'refused')),
      answer TEXT,                     -- the state the desk moved the story to, or why it refused
      answered_at TEXT
    ) STRICT;
    CREATE INDEX desk_outbox_waiting ON desk_outbox (desk_id, id) WHERE status = 'waiting';

    CREATE TABLE desk_photos (
      photo_id TEXT NOT NULL,          -- photos.id here (the SHA-256 of the original)
      desk_id TEXT NOT NULL,
      desk_hash TEXT NOT NULL,         -- the SHA-256 of what was uploaded
      uploaded_at TEXT NOT NULL,
      PRIMARY KEY (photo_id, desk_id)
    ) STRICT;
  `);
}
