/**
 * Is a store or backup file sound? SQLite's own checks (integrity_check, quick_check, or a light
 * read of the header and schema), a comparison of the header's page count with the file's size (a
 * file cut short), and whether this app can read its schema. Read-only: a check never writes.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, SQLITE_MAGIC, databasePath, readFileHead, type Db } from './open.js';

export interface DatabaseCheck {
  /** Sound and readable by this app. */
  ok: boolean;
  /** Sound, whatever its schema version. */
  sound: boolean;
  /** Written by a newer Newsroom: not damage, but not for this app to restore or open. */
  tooNew: boolean;
  schemaVersion: number | null;
  stories: number | null;
  problems: string[];
}

/**
 * How thoroughly to check a database file: 'full' is `PRAGMA integrity_check`, 'quick' is
 * `quick_check` (every page, not index contents), 'light' reads only the header, the schema and the
 * story count. All three compare the header's page count with the file's size (a file cut short).
 */
export type CheckLevel = 'full' | 'quick' | 'light';

export function walBytes(databaseFile: string): number {
  return fs.statSync(`${databaseFile}-wal`, { throwIfNoEntry: false })?.size ?? 0;
}

/** Opens `file` read-only and checks it; never writes to it (a missing -shm may be created beside a WAL database). */
export function checkDatabaseFile(file: string, level: CheckLevel): DatabaseCheck {
  const result: DatabaseCheck = { ok: false, sound: false, tooNew: false, schemaVersion: null, stories: null, problems: [] };
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    result.problems.push(`${file} does not exist`);
    return result;
  }
  const head = readFileHead(file, 100);
  if (size === 0 || head.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    result.problems.push(`${file} is not an SQLite database (its header is ${size === 0 ? 'missing: the file is empty' : 'damaged'})`);
    return result;
  }
  // The header's page count is valid when its change counter matches "version-valid-for"
  // (https://www.sqlite.org/fileformat.html#in_header_database_size). Without a log holding newer
  // pages, the file must be at least that long.
  const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
  const pages = head.readUInt32BE(28);
  if (pages > 0 && head.readUInt32BE(24) === head.readUInt32BE(92) && walBytes(file) === 0 && pages * pageSize > size) {
    result.problems.push(`${file} is cut short: it should hold ${pages} pages of ${pageSize} bytes but has ${size} bytes`);
  }
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    result.schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (level === 'light') {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } else {
      const rows = db.pragma(level === 'full' ? 'integrity_check(100)' : 'quick_check(100)') as Record<string, string>[];
      const messages = rows.map((r) => Object.values(r)[0] ?? '');
      if (!(messages.length === 1 && messages[0] === 'ok')) {
        for (const message of messages) result.problems.push(`${file}: ${message}`);
      }
    }
    try {
      result.stories = db.prepare('SELECT count(*) FROM stories').pluck().get() as number;
    } catch (error) {
      result.problems.push(`${file}: the stories cannot be read (${(error as Error).message})`);
    }
  } catch (error) {
    result.problems.push(`${file} is damaged (${(error as Error).message})`);
  } finally {
    db?.close();
  }
  result.sound = result.problems.length === 0;
  if (result.schemaVersion !== null && result.schemaVersion > LATEST_SCHEMA_VERSION) {
    result.tooNew = true;
    result.problems.push(`${file} was written by a newer Newsroom (schema ${result.schemaVersion}, this app knows ${LATEST_SCHEMA_VERSION})`);
  }
  result.ok = result.problems.length === 0;
  return result;
}

/** Stores up to this size get a `quick_check` at every start (about half a second at 64 MiB on a slow disk). */
export const QUICK_CHECK_AT_START_UP_TO_BYTES = 64 * 1024 * 1024;

export interface StoreCheck {
  ok: boolean;
  missing: boolean;
  /** How it was checked: 'quick' after an unclean shutdown or for a small store, 'light' otherwise. */
  level: CheckLevel;
  problems: string[];
}

/**
 * The check of the live store before it is opened: the database alone, no photo hashing.
 *
 * `quick_check` reads every page: 6 to 13 s for 100,000 stories (800 MB) on a busy two-core VM,
 * too long for every start (the light check: under 50 ms). So it runs when the last session did not close the store (its -wal is still
 * there: a crash or a power cut, when damage is likeliest), when the store is small, or when asked
 * (`level`); other starts get the 'light' check, and the daily backup's check of its copy reads
 * every page. A sound store from a newer Newsroom passes: it is not damaged, `openDatabase`
 * refuses it with its own message, and restoring an older backup over it would lose newer work.
 */
export function checkStore(dataDir: string, options: { level?: CheckLevel; quickCheckUpToBytes?: number } = {}): StoreCheck {
  const file = databasePath(dataDir);
  if (!fs.existsSync(file)) return { ok: false, missing: true, level: 'light', problems: [`${file} does not exist`] };
  // A closed store has no log, or an empty one (a read-only connection leaves it behind).
  const uncleanShutdown = walBytes(file) > 0;
  const small = fs.statSync(file).size <= (options.quickCheckUpToBytes ?? QUICK_CHECK_AT_START_UP_TO_BYTES);
  const level = options.level ?? (uncleanShutdown || small ? 'quick' : 'light');
  const check = checkDatabaseFile(file, level);
  return { ok: check.sound, missing: false, level, problems: check.sound ? [] : check.problems };
}
