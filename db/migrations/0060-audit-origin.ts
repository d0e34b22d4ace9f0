import type { Database } from 'better-sqlite3';

/** Where each audit entry's request came from: the window, the command line, a test, the desk server. */
export default function migrate(db: Database): void {
  db.exec(`
    -- NULL for entries written before origins were recorded.
    ALTER TABLE audit ADD COLUMN origin TEXT;
  `);
}
