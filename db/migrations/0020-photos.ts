import type { Database } from 'better-sqlite3';

/** Stored photos (content-addressed originals with what their metadata said) and newsroom settings. */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE photos (
      id TEXT PRIMARY KEY,             -- SHA-256 of the original file
      mime TEXT NOT NULL,
      width INTEGER NOT NULL,          -- as displayed, after EXIF orientation
      height INTEGER NOT NULL,
      bytes INTEGER NOT NULL,
      original_name TEXT NOT NULL,
      metadata TEXT NOT NULL,          -- JSON: what IPTC/XMP/EXIF offered (PhotoMetadata)
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL              -- JSON
    ) STRICT;
  `);
}
