import type { Database } from 'better-sqlite3';

/**
 * What the doc last agreed with in the stories row: a hash of the row's body and fields, written
 * whenever the engine derives the row from the doc or takes a row write into it. A row whose hash
 * differs was written by another path (an old window's save, a restored revision, a package), and
 * the engine takes that text into the doc as a new change; an equal hash means the doc is the
 * newer one (a change not yet derived), never overwritten by the row.
 */
export default function migrate(db: Database): void {
  db.exec(`ALTER TABLE story_docs ADD COLUMN synced_row TEXT NOT NULL DEFAULT ''`);
}
