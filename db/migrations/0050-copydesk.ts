import type { Database } from 'better-sqlite3';

/** House-style findings a person chose to ignore, kept with the story. */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE style_ignores (
      story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
      finding_id TEXT NOT NULL,
      ignored_at TEXT NOT NULL,
      ignored_by TEXT NOT NULL,
      PRIMARY KEY (story_id, finding_id)
    ) STRICT;
  `);
}
