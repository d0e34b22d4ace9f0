/**
 * Backups of the story database as files: their names and listing, the online copy of the open
 * store, and putting a backup's database in place of a closed store. Photos, retention and
 * checking what a backup holds are the backup service's (main/services/backups.ts).
 *
 * A backup is `<dataDir>/backups/newsroom-<ISO time>-<reason>.db`, taken with SQLite's online
 * backup API while the app keeps saving (better-sqlite3 `db.backup`, which copies a batch of pages
 * per turn of the event loop), then switched to a rollback journal so it is one self-contained file.
 * The names sort by time and use the same format as the migration backups db/open.ts takes with
 * VACUUM INTO, so `newestBackup` (what an error message points to) and `listBackups` agree.
 *
 * Restoring never deletes anything: the store being replaced is set aside beside it as
 * `newsroom-damaged-<time>.db` (or `newsroom-replaced-<time>.db` when it was healthy, after a
 * `before-restore` backup of it), with its -wal and -shm. Those names live in the data dir, not in
 * `backups/`, so `newestBackup` never points at a damaged file.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { JobControl } from '../common/contract/caller.js';
import { NewsroomError } from '../common/errors.js';
import { checkDatabaseFile } from './integrity.js';
import { BACKUP_DIR, databasePath, type Db } from './open.js';

export const DEFAULT_BACKUPS_KEPT = 10;
/** `newsroom-2026-03-01T06-00-00-000Z-daily.db`: the time as db/open.ts writes it, then the reason. */
const BACKUP_NAME = /^newsroom-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z0-9]+(?:-[a-z0-9]+)*)\.db$/;
const REASON = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Files SQLite keeps beside a database; a log left beside a different database would be replayed into it. */
export const SIDECARS = ['-wal', '-shm', '-journal'] as const;
/** A `.partial` file older than this is left from a crash, not a copy in progress. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

export interface BackupInfo {
  /** Absolute path of the backup file. */
  file: string;
  /** Its file name: what the desk lists and what a restore accepts. */
  name: string;
  /** When it was taken, from the name (the file's modification time for names Newsroom did not give). */
  takenAt: string;
  /** 'daily', 'manual', 'before-restore', 'before-migration-from-20'…; 'unknown' for names Newsroom did not give. */
  reason: string;
  bytes: number;
}

export interface Clock {
  now?: () => Date;
}

/** Long work followed by its caller: progress to report, a cancel to honour between steps. */
export interface Followed {
  job?: JobControl | undefined;
}

export function stopIfCancelled(job: JobControl | undefined, message: string): void {
  if (job?.signal.aborted) throw new NewsroomError('cancelled', message);
}

/** The time format of db/open.ts's migration backups: ISO 8601 with ':' and '.' made file-safe. */
export function fileTime(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

function timeFromName(stamp: string): string {
  const [date, clock] = stamp.split('T') as [string, string];
  const [h, m, s, ms] = clock.replace('Z', '').split('-');
  return `${date}T${h}:${m}:${s}.${ms}Z`;
}

export function backupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR);
}

export function infoFor(file: string): BackupInfo {
  const name = path.basename(file);
  const stat = fs.statSync(file);
  const match = BACKUP_NAME.exec(name);
  return {
    file,
    name,
    takenAt: match ? timeFromName(match[1] as string) : stat.mtime.toISOString(),
    reason: match ? (match[2] as string) : 'unknown',
    bytes: stat.size,
  };
}

/**
 * Every backup, newest first: the same `.db` files of `backups/` that `newestBackup` sorts by name,
 * so `listBackups(dir)[0]?.file === newestBackup(dir)`.
 */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.db'));
  } catch {
    return [];
  }
  names.sort().reverse();
  const found: BackupInfo[] = [];
  for (const name of names) {
    try {
      found.push(infoFor(path.join(dir, name)));
    } catch {
      // Removed while we listed it (another prune): it is no longer a backup.
    }
  }
  return found;
}

export function fsyncPath(target: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(target, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Removes `.partial` files left in `dir` by a backup or copy that crashed; returns those still in progress. */
export function removeStalePartials(dir: string): string[] {
  const inProgress: string[] = [];
  for (const name of safeReaddir(dir).filter((n) => n.includes('.partial'))) {
    const file = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > STALE_PARTIAL_MS) fs.rmSync(file, { force: true });
      else inProgress.push(file);
    } catch {
      // Finished and renamed meanwhile.
    }
  }
  return inProgress;
}

export function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** A Newsroom backup name (files others put in `backups/` are listed but never pruned). */
export function isNewsroomBackupName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

/** Where a new backup for `reason` goes: a name not yet taken, a millisecond later if need be. */
export function newBackupFile(dataDir: string, reason: string, at: Date): string {
  if (!REASON.test(reason)) {
    throw new NewsroomError('invalid-argument', `"${reason}" is not a backup reason: use lowercase words joined by "-", like "manual"`);
  }
  const dir = backupDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  let when = at;
  let target = path.join(dir, `newsroom-${fileTime(when)}-${reason}.db`);
  // Two backups in the same millisecond (tests, a double click): keep both, a millisecond apart.
  while (fs.existsSync(target)) {
    when = new Date(when.getTime() + 1);
    target = path.join(dir, `newsroom-${fileTime(when)}-${reason}.db`);
  }
  return target;
}

/**
 * Copies the open store to `partial` with the online backup API while saves go on, switches the
 * copy to a rollback journal (one self-contained file), checks it and syncs it. A cancel between
 * two steps of the copy throws 'cancelled' with `cancelled` as its message.
 */
export async function copyOpenStore(db: Db, partial: string, job: JobControl | undefined, cancelled: string): Promise<void> {
  fs.rmSync(partial, { force: true });
  stopIfCancelled(job, cancelled);
  await db.backup(partial, {
    // Between two steps of the copy: how far, and the cancel (the caller removes the unfinished copy).
    progress: ({ totalPages, remainingPages }) => {
      stopIfCancelled(job, cancelled);
      job?.report('Copying the story store', totalPages - remainingPages, totalPages);
      return 256;
    },
  });
  stopIfCancelled(job, cancelled);
  job?.report('Checking the copy', 0, 0);
  const copy = new Database(partial, { fileMustExist: true });
  try {
    // A rollback journal, not WAL: the backup is one file that can be copied or mailed alone.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new Error(`the copy failed its check (${check})`);
  } finally {
    copy.close();
  }
  fsyncPath(partial);
}

/** Removes an unfinished copy and anything SQLite left beside it. */
export function removePartial(partial: string): void {
  fs.rmSync(partial, { force: true });
  for (const sidecar of SIDECARS) fs.rmSync(partial + sidecar, { force: true });
}

/** Runs `work` on the store or backup file opened read-only, and closes it after. */
export async function withStoreReadOnly<T>(file: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** The photo ids a store or backup file lists (none for a store from before photos). */
export function photoIds(databaseFile: string): string[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const hasPhotos = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'photos'").get() !== undefined;
    return hasPhotos ? (db.prepare('SELECT id FROM photos ORDER BY id').pluck().all() as string[]) : [];
  } finally {
    db.close();
  }
}

/**
 * Puts `incoming` (a checked copy of a backup, next to the store) in place of the closed store:
 * the current store, if any, is set aside with its -wal and -shm under `newsroom-damaged-<stamp>.db`
 * or `newsroom-replaced-<stamp>.db`, never deleted; then `incoming` is renamed into place, so
 * `newsroom.db` is at every moment either the old store or the whole backup.
 */
export function swapInStore(dataDir: string, incoming: string, replacedWasDamaged: boolean, stamp: string): { setAside: string | null; setAsideFiles: string[] } {
  const live = databasePath(dataDir);
  let setAside: string | null = null;
  const setAsideFiles: string[] = [];
  if (fs.existsSync(live)) {
    setAside = path.join(dataDir, `newsroom-${replacedWasDamaged ? 'damaged' : 'replaced'}-${stamp}.db`);
    // The -wal first: a WAL left beside the restored file would be replayed into it.
    for (const sidecar of SIDECARS) {
      if (fs.existsSync(live + sidecar)) {
        fs.renameSync(live + sidecar, setAside + sidecar);
        setAsideFiles.push(setAside + sidecar);
      }
    }
    // A hard link keeps the old bytes under the new name without copying, and leaves `newsroom.db`
    // in place until the rename below swaps in the backup in one step.
    try {
      fs.linkSync(live, setAside);
    } catch {
      fs.copyFileSync(live, setAside);
      fsyncPath(setAside);
    }
    setAsideFiles.unshift(setAside);
  }
  fs.renameSync(incoming, live);
  fsyncPath(dataDir);
  return { setAside, setAsideFiles };
}

/** The newest backup whose database passes a quick check (photos are not hashed), or null. */
export function newestGoodBackup(dataDir: string): BackupInfo | null {
  for (const backup of listBackups(dataDir)) {
    if (checkDatabaseFile(backup.file, 'quick').ok) return backup;
  }
  return null;
}
