import type { Database } from 'better-sqlite3';

/**
 * Which package an audit entry arrived in (issue 11): a package's history is what the sender
 * says happened on their machine, kept as information and never taken as this machine's decision.
 */
export default function migrate(db: Database): void {
  db.exec(`
    -- NULL for entries written on this machine.
    ALTER TABLE audit ADD COLUMN via_package TEXT;
  `);
}
