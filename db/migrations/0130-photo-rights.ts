import type { Database } from 'better-sqlite3';

/**
 * "Rights confirmed for this use" (issue 13): a person's decision, per photo in a story, that the
 * photo's usage terms allow this story to run it. Kept with who decided and when; the approval
 * checklist reads it. A photo replaced by another file needs the decision again (its id changes).
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE photo_rights (
      story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
      photo_id TEXT NOT NULL,
      confirmed_at TEXT NOT NULL,
      -- The profile that confirmed, or '' when no profile was current (the CLI, a test).
      confirmed_by TEXT NOT NULL,
      confirmed_by_name TEXT NOT NULL,
      PRIMARY KEY (story_id, photo_id)
    ) STRICT;
  `);
}
