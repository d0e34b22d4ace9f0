import type { Database } from 'better-sqlite3';
import m0010 from './0010-stories.js';
import m0020 from './0020-photos.js';
import m0030 from './0030-workflow.js';
import m0040 from './0040-packages.js';
import m0050 from './0050-copydesk.js';
import m0060 from './0060-audit-origin.js';
import m0070 from './0070-audit-via-package.js';
import m0080 from './0080-search-prefixes.js';
import m0100 from './0100-story-docs.js';
import m0110 from './0110-story-doc-sync.js';
import m0120 from './0120-desk.js';
import m0130 from './0130-photo-rights.js';

export interface Migration {
  /** Recorded in PRAGMA user_version once applied; numbered in steps of 10. */
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Every migration ever shipped, in order. A shipped migration is never edited: add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'stories', up: m0010 },
  { version: 20, name: 'photos', up: m0020 },
  { version: 30, name: 'workflow', up: m0030 },
  { version: 40, name: 'packages', up: m0040 },
  { version: 50, name: 'copydesk', up: m0050 },
  { version: 60, name: 'audit-origin', up: m0060 },
  { version: 70, name: 'audit-via-package', up: m0070 },
  { version: 80, name: 'search-prefixes', up: m0080 },
  { version: 100, name: 'story-docs', up: m0100 },
  { version: 110, name: 'story-doc-sync', up: m0110 },
  { version: 120, name: 'desk', up: m0120 },
  { version: 130, name: 'photo-rights', up: m0130 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
