/**
 * Opens the newsroom's SQLite store: refuses files that are not SQLite or come from a newer app,
 * never touching them, takes a backup before migrating, and sets the pragmas that keep every
 * acknowledged save through a power cut.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { NewsroomError } from '../common/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export const DATABASE_FILE = 'newsroom.db';
export const BACKUP_DIR = 'backups';
/** The first 16 bytes of every SQLite database file. */
export const SQLITE_MAGIC = 'SQLite format 3\0';

export interface OpenOptions {
  /** Defaults to every shipped migration; tests pass a longer list to try future ones. */
  migrations?: readonly Migration[];
  now?: () => Date;
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/** The newest backup file in the data dir, if any: what we point a reporter to when the store is damaged. */
export function newestBackup(dataDir: string): string | null {
  const dir = path.join(dataDir, BACKUP_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.db'));
  } catch {
    return null;
  }
  names.sort();
  const newest = names[names.length - 1];
  return newest === undefined ? null : path.join(dir, newest);
}

function unreadable(file: string, dataDir: string, why: string): NewsroomError {
  const backup = newestBackup(dataDir);
  const next = backup
    ? `The newest backup is ${backup}; the damaged file has not been changed.`
    : 'No backup was found; the file has not been changed.';
  return new NewsroomError('database-unreadable', `The story database ${file} ${why}. ${next}`, {
    file,
    backup,
  });
}

/** True when Newsroom may write in the data folder and to its store file. */
export function folderWritable(dataDir: string): boolean {
  try {
    fs.accessSync(dataDir, fs.constants.W_OK);
    const file = databasePath(dataDir);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** What to say when the data folder (or its store) is read-only: not damage, and nothing to restore. */
export function readOnlyFolderProblem(dataDir: string): string {
  return `Newsroom can’t write to the data folder ${dataDir}: check that the folder and ${DATABASE_FILE} in it are yours and not read-only (file permissions, a locked SD card or USB stick, a disk mounted read-only, a folder another program syncs). Nothing in it was changed.`;
}

function readOnlyFolder(dataDir: string, why: string): NewsroomError {
  return new NewsroomError('read-only', `${readOnlyFolderProblem(dataDir)} (${why}.)`, { dataDir });
}

function timestamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

/**
 * Brings the schema up to `upTo` (the newest by default): each pending migration in its own
 * transaction with the version it reaches, so an interrupted update resumes where it stopped.
 */
export function applyMigrations(db: Db, migrations: readonly Migration[] = MIGRATIONS, upTo = Number.POSITIVE_INFINITY): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations.filter((m) => m.version > current && m.version <= upTo)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/** The first `bytes` bytes of a file (fewer if it is shorter), read without opening it as a database. */
export function readFileHead(file: string, bytes: number): Buffer {
  const head = Buffer.alloc(bytes);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, bytes, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head;
}

export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(dataDir, { recursive: true });
  const file = databasePath(dataDir);

  if (fs.existsSync(file)) {
    const stat = fs.statSync(file);
    if (stat.size > 0) {
      if (readFileHead(file, 16).toString('latin1') !== SQLITE_MAGIC) {
        throw unreadable(file, dataDir, 'is not an SQLite database');
      }
    }
  }

  // A folder Newsroom may not write to is not damage (issue 11): the stories open for reading.
  const writable = folderWritable(dataDir);
  if (!writable && !fs.existsSync(file)) throw readOnlyFolder(dataDir, 'there is no story database in it yet, and Newsroom cannot create one');
  let db: Db;
  try {
    db = writable ? new Database(file, { timeout: 5000 }) : new Database(file, { timeout: 5000, readonly: true, fileMustExist: true });
  } catch (error) {
    if (!writable) throw readOnlyFolder(dataDir, `the stories cannot even be opened for reading (${(error as Error).message})`);
    throw unreadable(file, dataDir, `cannot be opened (${(error as Error).message})`);
  }
  if (!writable) {
    try {
      const current = db.pragma('user_version', { simple: true }) as number;
      if (current !== latest) throw readOnlyFolder(dataDir, `its story database must be updated for this version of Newsroom (schema ${current} to ${latest}), which needs writing`);
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      return db;
    } catch (error) {
      db.close();
      if (error instanceof NewsroomError) throw error;
      throw readOnlyFolder(dataDir, `the stories cannot be read (${(error as Error).message})`);
    }
  }
  try {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new NewsroomError(
        'database-too-new',
        `The story database ${file} was written by a newer version of Newsroom (schema ${current}, this app knows ${latest}). Update Newsroom to open it; the file has not been changed.`,
        { file, schemaVersion: current, appSchemaVersion: latest },
      );
    }
    db.pragma('journal_mode = WAL');
    // FULL: a save acknowledged to the reporter is on disk even if the power goes next.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Reading the schema catches a damaged file before any write is attempted.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();

    if (migrations.some((m) => m.version > current)) {
      if (current > 0) backupBeforeMigration(db, dataDir, current, now());
      applyMigrations(db, migrations);
    }
    beginWritesImmediately(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof NewsroomError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR')) {
      throw unreadable(file, dataDir, `is damaged (${(error as Error).message})`);
    }
    throw error;
  }
}

/**
 * Every transaction begins IMMEDIATE (issue 11): in WAL mode a deferred transaction that reads
 * and then writes cannot wait for another process's write lock (its snapshot would be stale), so
 * it fails at once with "database is locked" whatever the busy timeout. Taking the write lock up
 * front lets SQLite wait the busy timeout for it. `.deferred` stays available for read-only work.
 */
function beginWritesImmediately(db: Db): void {
  const plain = db.transaction.bind(db);
  db.transaction = (<F extends (...args: never[]) => unknown>(fn: F) => {
    const t = plain(fn as unknown as Parameters<typeof plain>[0]);
    return Object.assign((...args: unknown[]) => t.immediate(...args), {
      default: t.immediate,
      deferred: t.deferred,
      immediate: t.immediate,
      exclusive: t.exclusive,
    });
  }) as unknown as Db['transaction'];
}

function backupBeforeMigration(db: Db, dataDir: string, fromVersion: number, at: Date): string {
  const dir = path.join(dataDir, BACKUP_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `newsroom-${timestamp(at)}-before-migration-from-${fromVersion}.db`);
  // VACUUM INTO writes a consistent copy synchronously, before any migration touches the file;
  // under a temporary name, so a crash mid-copy never leaves a half backup that looks complete.
  const partial = `${target}.partial`;
  db.prepare('VACUUM INTO ?').run(partial);
  fs.renameSync(partial, target);
  return target;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export { LATEST_SCHEMA_VERSION };
