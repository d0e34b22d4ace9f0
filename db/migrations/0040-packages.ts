import type { Database } from 'better-sqlite3';

/** What story packages need to tell "only they changed it" from "we both did". */
export default function migrate(db: Database): void {
  db.exec(`
    -- The content hash of the story when it last left in, or arrived from, a package.
    ALTER TABLE stories ADD COLUMN synced_hash TEXT;
    -- Set when a package arrived with changes made on both sides: the incoming version's revision.
    ALTER TABLE stories ADD COLUMN conflict_revision_id TEXT;
  `);
}
