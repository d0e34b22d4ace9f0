/**
 * Backups of the store and its photos, and getting back from one.
 *
 * A backup is `<dataDir>/backups/newsroom-<ISO time>-<reason>.db`, taken with SQLite's online
 * backup API while the app keeps saving (better-sqlite3 `db.backup`, which copies a batch of pages
 * per turn of the event loop), then switched to a rollback journal so it is one self-contained file.
 * The names sort by time and use the same format as the migration backups db/open.ts takes with
 * VACUUM INTO, so `newestBackup` (what an error message points to) and `listBackups` agree.
 *
 * Photos: originals are content-addressed (the file name is the SHA-256 of the bytes) and never
 * change, so every backup shares one store, `backups/media/originals/<xx>/<sha256>.<ext>`, and a
 * backup copies only the originals that store lacks. Copies, not hard links: a hard link is the
 * same inode, so damage to the original (a bad sector, an editor that saves in place) would
 * damage the backup too. On a copy-on-write file system the copy is a cheap clone.
 *
 * Restoring never deletes anything: the store being replaced is set aside beside it as
 * `newsroom-damaged-<time>.db` (or `newsroom-replaced-<time>.db` when it was healthy, after a
 * `before-restore` backup of it), with its -wal and -shm. Those names live in the data dir, not in
 * `backups/`, so `newestBackup` never points at a damaged file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { JobControl } from '../common/contract/caller.js';
import { NewsroomError } from '../common/errors.js';
import { PHOTO_ID_PATTERN } from '../common/photo.js';
import { BACKUP_DIR, LATEST_SCHEMA_VERSION, databasePath, type Db } from './open.js';

export const DEFAULT_BACKUPS_KEPT = 10;
const SQLITE_MAGIC = 'SQLite format 3\0';
/** `newsroom-2026-03-01T06-00-00-000Z-daily.db`: the time as db/open.ts writes it, then the reason. */
const BACKUP_NAME = /^newsroom-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z0-9]+(?:-[a-z0-9]+)*)\.db$/;
const REASON = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Files SQLite keeps beside a database; a log left beside a different database would be replayed into it. */
const SIDECARS = ['-wal', '-shm', '-journal'] as const;
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

export interface PhotoCopyReport {
  /** Photos the backup's database lists. */
  listed: number;
  /** Originals copied into the shared backup photo store this time (the others were there already). */
  copied: number;
  /** Photos the backup could not include, each saying which and why. */
  problems: string[];
}

export interface NewBackup extends BackupInfo {
  photos: PhotoCopyReport;
}

export interface VerifyResult {
  file: string;
  /** The database passed the check and every photo it lists is present with the right checksum. */
  ok: boolean;
  /** The database alone passed the check and this app can read it: it can be restored even if photos are missing. */
  databaseOk: boolean;
  /** Sound, but written by a newer Newsroom. */
  databaseTooNew: boolean;
  schemaVersion: number | null;
  stories: number | null;
  /** Photos whose original was found and hashed. */
  photosChecked: number;
  /** Each problem in words: what is wrong and where. */
  problems: string[];
}

export interface VerifyOptions {
  /** 'full' (the default) runs `PRAGMA integrity_check`; see `CheckLevel`. */
  check?: CheckLevel;
  /** Also find and hash every photo's original (default true). */
  photos?: boolean;
  /** Where the originals are; by default `media/originals` beside the file, which holds for the live store and for backups alike. */
  originalsDir?: string;
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The store that was replaced, moved aside and never deleted (null when there was none). */
  setAside: string | null;
  /** Every file moved aside: the database and its -wal/-shm. */
  setAsideFiles: string[];
  /** Whether the replaced store failed its check. */
  replacedWasDamaged: boolean;
  /** A backup of the replaced store when it was healthy, so the restore can itself be undone from the list. */
  beforeRestore: NewBackup | null;
  /** Originals copied back into `media/originals` from the backup photo store. */
  photosRestored: number;
  photoProblems: string[];
}

export interface Clock {
  now?: () => Date;
}

/** Long work followed by its caller: progress to report, a cancel to honour between steps. */
export interface Followed {
  job?: JobControl | undefined;
}

function stopIfCancelled(job: JobControl | undefined, message: string): void {
  if (job?.signal.aborted) throw new NewsroomError('cancelled', message);
}

/** The time format of db/open.ts's migration backups: ISO 8601 with ':' and '.' made file-safe. */
function fileTime(d: Date): string {
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

/** The originals of the live store or of the backups in `dir`: `media/originals` beside the database file. */
function originalsBeside(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), 'media', 'originals');
}

function infoFor(file: string): BackupInfo {
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

function fsyncPath(target: string): void {
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

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The original of photo `id` under `originalsDir` (`<xx>/<id>.<ext>`), whatever its extension. */
function findOriginal(originalsDir: string, id: string): string | null {
  const dir = path.join(originalsDir, id.slice(0, 2));
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  // `<id>.jpg.<pid>.<time>.tmp` is a half-written file from media.ts's atomic write: not the photo.
  const name = names.find((n) => n.startsWith(`${id}.`) && /^[a-z0-9]+$/.test(n.slice(id.length + 1)));
  return name === undefined ? null : path.join(dir, name);
}

/** Copies `from` to `to` through a temporary file, synced before the rename, so `to` is whole or absent. */
function copyDurably(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const temp = `${to}.${process.pid}.${Date.now()}.partial`;
  fs.copyFileSync(from, temp, fs.constants.COPYFILE_FICLONE);
  fsyncPath(temp);
  fs.renameSync(temp, to);
  fsyncPath(path.dirname(to));
}

function photoIds(databaseFile: string): string[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const hasPhotos = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'photos'").get() !== undefined;
    return hasPhotos ? (db.prepare('SELECT id FROM photos ORDER BY id').pluck().all() as string[]) : [];
  } finally {
    db.close();
  }
}

/**
 * Copies into `toDir` each listed original that `toDir` lacks, checking on the way that the bytes
 * still hash to their name: a damaged original is reported, never spread. With `replaceDamaged`
 * (a restore), an original already in `toDir` is hashed too, and a damaged one is renamed aside
 * (`<name>.damaged-<time>`) and replaced by the good copy.
 */
async function copyMissingOriginals(
  ids: string[],
  fromDir: string,
  toDir: string,
  options: { replaceDamaged?: boolean; stamp?: string; job?: JobControl | undefined; cancelled?: string } = {},
): Promise<PhotoCopyReport> {
  const report: PhotoCopyReport = { listed: ids.length, copied: 0, problems: [] };
  for (const [index, id] of ids.entries()) {
    // Each photo is copied whole or not at all: a cancel stops between two.
    stopIfCancelled(options.job, options.cancelled ?? 'Cancelled: the photos copied so far are whole; nothing else was written');
    options.job?.report('Copying photos', index, ids.length);
    // The id names files: one from a damaged or foreign database must not reach outside the store.
    if (!PHOTO_ID_PATTERN.test(id)) {
      report.problems.push(`A photo record has an id that is not a SHA-256 ("${id.slice(0, 80)}"): skipped`);
      continue;
    }
    const present = findOriginal(toDir, id);
    if (present !== null) {
      if (!options.replaceDamaged || (await sha256OfFile(present)) === id) continue;
    }
    const source = findOriginal(fromDir, id);
    if (source === null) {
      report.problems.push(`Photo ${id} has no ${present === null ? '' : 'undamaged '}original in ${fromDir}`);
      continue;
    }
    const actual = await sha256OfFile(source);
    if (actual !== id) {
      report.problems.push(`Photo ${id}: the original ${source} is damaged (its checksum is ${actual})`);
      continue;
    }
    if (present !== null) fs.renameSync(present, `${present}.damaged-${options.stamp ?? fileTime(new Date())}`);
    copyDurably(source, path.join(toDir, id.slice(0, 2), path.basename(source)));
    report.copied += 1;
  }
  return report;
}

/**
 * Takes a consistent copy of the open store with the online backup API, while saves go on, plus
 * every photo it lists. The file appears under its final name only when whole and checked, so a
 * crash mid-backup never leaves a half backup for `newestBackup` to recommend.
 */
export async function backupDatabase(db: Db, dataDir: string, reason: string, options: Clock & Followed = {}): Promise<NewBackup> {
  if (!REASON.test(reason)) {
    throw new NewsroomError('invalid-argument', `"${reason}" is not a backup reason: use lowercase words joined by "-", like "manual"`);
  }
  const dir = backupDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  let at = (options.now ?? (() => new Date()))();
  let target = path.join(dir, `newsroom-${fileTime(at)}-${reason}.db`);
  // Two backups in the same millisecond (tests, a double click): keep both, a millisecond apart.
  while (fs.existsSync(target)) {
    at = new Date(at.getTime() + 1);
    target = path.join(dir, `newsroom-${fileTime(at)}-${reason}.db`);
  }
  removeStalePartials(dir);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const { job } = options;
  const cancelled = 'Backup cancelled: no backup was written (the backups you had are unchanged)';
  try {
    stopIfCancelled(job, cancelled);
    await db.backup(partial, {
      // Between two steps of the copy: how far, and the cancel (the unfinished copy is removed below).
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
    const photos = await copyMissingOriginals(photoIds(partial), path.join(dataDir, 'media', 'originals'), path.join(dir, 'media', 'originals'), { job, cancelled });
    stopIfCancelled(job, cancelled);
    fs.renameSync(partial, target);
    fsyncPath(dir);
    return { ...infoFor(target), photos };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    for (const sidecar of SIDECARS) fs.rmSync(partial + sidecar, { force: true });
    if (error instanceof NewsroomError) throw error;
    throw new NewsroomError('internal', `The backup could not be written to ${dir} (${(error as Error).message}): check the disk has space, then try again`);
  }
}

/**
 * Keeps the newest `keep` backups Newsroom named and deletes the older ones (files it did not name
 * are left alone), then removes shared photo originals no kept backup of Newsroom's lists. If one
 * of them cannot be read, no photo is removed: its list is unknown.
 */
export function pruneBackups(dataDir: string, keep: number = DEFAULT_BACKUPS_KEPT): { removed: string[]; photosRemoved: number } {
  if (!Number.isInteger(keep) || keep < 1) {
    throw new NewsroomError('invalid-argument', `Keep at least one backup (asked to keep ${keep})`);
  }
  const ours = listBackups(dataDir).filter((b) => BACKUP_NAME.test(b.name));
  const removed: string[] = [];
  for (const backup of ours.slice(keep)) {
    fs.rmSync(backup.file, { force: true });
    removed.push(backup.file);
  }
  if (removed.length > 0) fsyncPath(backupDir(dataDir));
  return { removed, photosRemoved: removed.length > 0 ? removeUnlistedPhotos(dataDir) : 0 };
}

/** Removes `.partial` files left in `dir` by a backup or copy that crashed; returns those still in progress. */
function removeStalePartials(dir: string): string[] {
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

function removeUnlistedPhotos(dataDir: string): number {
  // A backup being written has copied photos its unfinished file does not yet show: leave them.
  if (removeStalePartials(backupDir(dataDir)).some((f) => f.endsWith('.db.partial'))) return 0;
  const listed = new Set<string>();
  for (const backup of listBackups(dataDir).filter((b) => BACKUP_NAME.test(b.name))) {
    try {
      for (const id of photoIds(backup.file)) listed.add(id);
    } catch {
      return 0;
    }
  }
  const root = path.join(backupDir(dataDir), 'media', 'originals');
  let removed = 0;
  for (const prefix of safeReaddir(root)) {
    removeStalePartials(path.join(root, prefix));
    for (const name of safeReaddir(path.join(root, prefix)).filter((n) => !n.endsWith('.partial'))) {
      const id = name.split('.')[0] as string;
      if (!listed.has(id)) {
        fs.rmSync(path.join(root, prefix, name), { force: true });
        removed += 1;
      }
    }
  }
  return removed;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** Backs up when the newest backup of any kind is older than `maxAgeHours` (or there is none); null when it was fresh enough. */
export async function backupIfStale(
  db: Db,
  dataDir: string,
  options: Clock & { maxAgeHours?: number; reason?: string } = {},
): Promise<NewBackup | null> {
  const now = (options.now ?? (() => new Date()))();
  const maxAgeMs = (options.maxAgeHours ?? 24) * 3600 * 1000;
  const newest = listBackups(dataDir).reduce<number | null>((latest, b) => {
    const t = Date.parse(b.takenAt);
    return latest === null || t > latest ? t : latest;
  }, null);
  if (newest !== null && now.getTime() - newest < maxAgeMs) return null;
  return backupDatabase(db, dataDir, options.reason ?? 'daily', { now: () => now });
}

interface DatabaseCheck {
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

function walBytes(databaseFile: string): number {
  return fs.statSync(`${databaseFile}-wal`, { throwIfNoEntry: false })?.size ?? 0;
}

/** Opens `file` read-only and checks it; never writes to it (a missing -shm may be created beside a WAL database). */
function checkDatabaseFile(file: string, level: CheckLevel): DatabaseCheck {
  const result: DatabaseCheck = { ok: false, sound: false, tooNew: false, schemaVersion: null, stories: null, problems: [] };
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    result.problems.push(`${file} does not exist`);
    return result;
  }
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
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

/**
 * Checks a store or a backup: the database's own integrity check, then that every photo it lists
 * has its original, whose SHA-256 (the photo's id) still matches.
 */
export async function verifyDatabase(file: string, options: VerifyOptions & Followed = {}): Promise<VerifyResult> {
  const { job } = options;
  // A check writes nothing, so a cancel simply stops it.
  const cancelled = `Check of ${path.basename(file)} cancelled: nothing was changed; run it again to know whether the file is sound`;
  job?.report('Checking the database', 0, 0);
  const database = checkDatabaseFile(file, options.check ?? 'full');
  stopIfCancelled(job, cancelled);
  const result: VerifyResult = {
    file,
    ok: false,
    databaseOk: database.ok,
    databaseTooNew: database.tooNew,
    schemaVersion: database.schemaVersion,
    stories: database.stories,
    photosChecked: 0,
    problems: [...database.problems],
  };
  if (database.ok && options.photos !== false) {
    const originals = options.originalsDir ?? originalsBeside(file);
    const ids = photoIds(file);
    for (const [index, id] of ids.entries()) {
      stopIfCancelled(job, cancelled);
      job?.report('Checking photos', index, ids.length);
      if (!PHOTO_ID_PATTERN.test(id)) {
        result.problems.push(`A photo record has an id that is not a SHA-256 ("${id.slice(0, 80)}")`);
        continue;
      }
      const original = findOriginal(originals, id);
      if (original === null) {
        result.problems.push(`Photo ${id} is missing: no original in ${originals}`);
        continue;
      }
      const actual = await sha256OfFile(original);
      if (actual === id) result.photosChecked += 1;
      else result.problems.push(`Photo ${id} is damaged: ${original} has checksum ${actual}`);
    }
  }
  job?.report('Done', 1, 1);
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

/** The newest backup whose database passes a quick check (photos are not hashed), or null. */
export function newestGoodBackup(dataDir: string): BackupInfo | null {
  for (const backup of listBackups(dataDir)) {
    if (checkDatabaseFile(backup.file, 'quick').ok) return backup;
  }
  return null;
}

/**
 * Puts a backup in place of the store, which must be closed. The backup is checked first (a damaged
 * or too-new one is refused and nothing changes); the current store is moved aside with its -wal
 * and -shm, never deleted; then the copy is renamed into place, so `newsroom.db` is at every moment
 * either the old store or the whole backup. Missing photo originals come back from the backup photo store.
 */
export async function restoreBackup(dataDir: string, backupFile: string, options: Clock = {}): Promise<RestoreResult> {
  const clock = options.now ?? (() => new Date());
  const source = path.resolve(backupFile);
  const check = await verifyDatabase(source, { photos: false });
  if (!check.databaseOk) {
    const tooNew = check.databaseTooNew;
    throw new NewsroomError(
      tooNew ? 'database-too-new' : 'database-unreadable',
      tooNew
        ? `The backup ${source} was written by a newer version of Newsroom: update Newsroom to restore it. Nothing was changed.`
        : `The backup ${source} is damaged (${check.problems.slice(0, 3).join('; ')}): choose an older backup. Nothing was changed.`,
      { file: source, problems: check.problems },
    );
  }
  const restored = infoFor(source);
  const live = databasePath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  // Copy first, next to the store (same file system, so the final rename is atomic), and check the copy.
  const incoming = `${live}.restoring-${process.pid}`;
  fs.rmSync(incoming, { force: true });
  copyDurably(source, incoming);
  const copyCheck = checkDatabaseFile(incoming, 'quick');
  if (!copyCheck.ok) {
    fs.rmSync(incoming, { force: true });
    throw new NewsroomError('internal', `Copying ${source} into ${dataDir} failed its check (${copyCheck.problems.join('; ')}): check the disk, then try again. Nothing was changed.`);
  }

  let setAside: string | null = null;
  const setAsideFiles: string[] = [];
  let replacedWasDamaged = false;
  let beforeRestore: NewBackup | null = null;
  if (fs.existsSync(live)) {
    const current = checkDatabaseFile(live, 'quick');
    replacedWasDamaged = !current.sound;
    if (current.sound) {
      const db = new Database(live, { readonly: true, fileMustExist: true });
      try {
        beforeRestore = await backupDatabase(db, dataDir, 'before-restore', { now: clock });
      } catch (error) {
        fs.rmSync(incoming, { force: true });
        throw error;
      } finally {
        db.close();
      }
    }
    const stamp = fileTime(clock());
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

  const photos = await copyMissingOriginals(photoIds(live), originalsBeside(source), path.join(dataDir, 'media', 'originals'), {
    replaceDamaged: true,
    stamp: fileTime(clock()),
  });
  return {
    restored,
    setAside,
    setAsideFiles,
    replacedWasDamaged,
    beforeRestore,
    photosRestored: photos.copied,
    photoProblems: photos.problems,
  };
}
