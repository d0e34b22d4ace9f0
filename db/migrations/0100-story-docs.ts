import type { Database } from 'better-sqlite3';

/**
 * The story as a Yjs document: each story's compacted doc state and the updates appended since.
 * The stories row keeps the derived body, word count and search text; the doc is the truth.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE story_docs (
      story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
      layout INTEGER NOT NULL,         -- common/storyDoc STORY_DOC_LAYOUT the state was written in
      state BLOB NOT NULL,             -- Y.encodeStateAsUpdate of every update up to compacted_through
      compacted_through INTEGER NOT NULL DEFAULT 0,  -- the last story_updates.id folded into state
      compacted_at TEXT NOT NULL,
      migration TEXT NOT NULL DEFAULT 'new' CHECK (migration IN ('new', 'checked', 'mismatch'))
    ) STRICT;

    CREATE TABLE story_updates (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      story_id TEXT NOT NULL REFERENCES story_docs(story_id) ON DELETE CASCADE,
      update_bytes BLOB NOT NULL,      -- one Yjs update (a batch of at most 50 ms of typing)
      origin TEXT NOT NULL,            -- window, cli, test, package, migration, desk
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX story_updates_by_story ON story_updates(story_id, id);
  `);
}
