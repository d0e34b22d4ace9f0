/**
 * Backups as the app and the CLI use them: a daily backup at start, one on demand, the list, a
 * check of the store or of a backup, and restoring one. The work is in db/backup.ts; this decides
 * when, how many to keep (the `backupsKept` setting, 10 unless changed), which file a name
 * means, and the photos: each backup copies the originals its database lists into one shared,
 * content-addressed store, and a restore brings back the ones the store lacks.
 *
 * Two halves. `createBackupService` works on an open store (backing up needs its connection).
 * `checkStoreAtStart`, `restoreFromBackup` and `restoreNewestGoodBackup` work on a data dir whose
 * store is closed, or too damaged to open: the app calls them before `openNewsroom`, or after
 * closing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import {
  DEFAULT_BACKUPS_KEPT,
  backupDir,
  copyOpenStore,
  fileTime,
  fsyncPath,
  infoFor,
  isNewsroomBackupName,
  listBackups,
  newBackupFile,
  newestGoodBackup,
  photoIds,
  removePartial,
  removeStalePartials,
  safeReaddir,
  stopIfCancelled,
  swapInStore,
  withStoreReadOnly,
  type BackupInfo,
  type Clock,
  type Followed,
} from '../../db/backup.js';
import { checkDatabaseFile, checkStore, type CheckLevel } from '../../db/integrity.js';
import { PHOTO_ID_PATTERN } from '../../common/photo.js';
import { writeFilesAtomically } from '../files.js';
import { databasePath, folderWritable, readOnlyFolderProblem, type Db } from '../../db/open.js';
import type { JobControl } from '../../common/contract/index.js';
import { NewsroomError } from '../../common/errors.js';
import type { SettingsService } from './settings.js';

export type { BackupInfo, CheckLevel };
export { DEFAULT_BACKUPS_KEPT };

// ---- The backup files and their photos: what a backup holds, how many are kept, and a restore ----

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

/** The originals of the live store or of the backups in `dir`: `media/originals` beside the database file. */
function originalsBeside(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), 'media', 'originals');
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
    await writeFilesAtomically([{ file: path.join(toDir, id.slice(0, 2), path.basename(source)), copyOf: source }]);
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
  const target = newBackupFile(dataDir, reason, (options.now ?? (() => new Date()))());
  const dir = path.dirname(target);
  removeStalePartials(dir);
  const partial = `${target}.partial`;
  const { job } = options;
  const cancelled = 'Backup cancelled: no backup was written (the backups you had are unchanged)';
  try {
    await copyOpenStore(db, partial, job, cancelled);
    const photos = await copyMissingOriginals(photoIds(partial), path.join(dataDir, 'media', 'originals'), path.join(dir, 'media', 'originals'), { job, cancelled });
    stopIfCancelled(job, cancelled);
    fs.renameSync(partial, target);
    fsyncPath(dir);
    return { ...infoFor(target), photos };
  } catch (error) {
    removePartial(partial);
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
  const ours = listBackups(dataDir).filter((b) => isNewsroomBackupName(b.name));
  const removed: string[] = [];
  for (const backup of ours.slice(keep)) {
    fs.rmSync(backup.file, { force: true });
    removed.push(backup.file);
  }
  if (removed.length > 0) fsyncPath(backupDir(dataDir));
  return { removed, photosRemoved: removed.length > 0 ? removeUnlistedPhotos(dataDir) : 0 };
}

function removeUnlistedPhotos(dataDir: string): number {
  // A backup being written has copied photos its unfinished file does not yet show: leave them.
  if (removeStalePartials(backupDir(dataDir)).some((f) => f.endsWith('.db.partial'))) return 0;
  const listed = new Set<string>();
  for (const backup of listBackups(dataDir).filter((b) => isNewsroomBackupName(b.name))) {
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
  await writeFilesAtomically([{ file: incoming, copyOf: source }]);
  const copyCheck = checkDatabaseFile(incoming, 'quick');
  if (!copyCheck.ok) {
    fs.rmSync(incoming, { force: true });
    throw new NewsroomError('internal', `Copying ${source} into ${dataDir} failed its check (${copyCheck.problems.join('; ')}): check the disk, then try again. Nothing was changed.`);
  }

  let replacedWasDamaged = false;
  let beforeRestore: NewBackup | null = null;
  if (fs.existsSync(live)) {
    const current = checkDatabaseFile(live, 'quick');
    replacedWasDamaged = !current.sound;
    if (current.sound) {
      try {
        beforeRestore = await withStoreReadOnly(live, (db) => backupDatabase(db, dataDir, 'before-restore', { now: clock }));
      } catch (error) {
        fs.rmSync(incoming, { force: true });
        throw error;
      }
    }
  }
  const { setAside, setAsideFiles } = swapInStore(dataDir, incoming, replacedWasDamaged, fileTime(clock()));

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

/** Reasons a reporter or the app gives for a backup; migrations and restores add their own. */
/** `before-story-docs`: taken at engine start before stories are converted to Yjs docs (issue 16). */
export type BackupReason = 'manual' | 'daily' | 'before-story-docs';

export type StartCheck =
  | {
      state: 'ok';
      /** 'quick' (every page read) after an unclean shutdown or for a small store, else 'light'. */
      check: CheckLevel;
    }
  | {
      /** Newsroom may not write to the data folder: not damage, so no restore is offered; the stories open for reading. */
      state: 'read-only';
      problem: string;
    }
  | {
      state: 'damaged';
      /** One sentence for the dialog: what is wrong with which file. */
      problem: string;
      /** Everything the check found, for the details view and the log. */
      problems: string[];
      /** The newest backup whose database passes a quick check, or null when none does. */
      newestGoodBackup: BackupInfo | null;
    };

export interface NewBackupPruned extends NewBackup {
  /** Older backups deleted to keep the `backupsKept` newest. */
  pruned: string[];
}

/**
 * Is the store fit to open? Run before `openNewsroom`: `openDatabase` alone only reads the schema,
 * so a page damaged further in would surface later, mid-save. A `quick_check` when the last session
 * ended without closing the store or the store is small, else a light check; see db/backup.ts
 * `checkStore` (pass `level: 'quick'` to force the thorough one). No photo hashing.
 *
 * A data dir with neither a store nor backups is a first start: 'ok'. A store gone while backups
 * remain is damage. A sound store from a newer Newsroom is 'ok' here: `openNewsroom` refuses it
 * with 'database-too-new', and no older backup may replace it.
 */
export function checkStoreAtStart(dataDir: string, options: { level?: CheckLevel } = {}): StartCheck {
  if (fs.existsSync(dataDir) && !folderWritable(dataDir)) return { state: 'read-only', problem: readOnlyFolderProblem(dataDir) };
  const check = checkStore(dataDir, options);
  if (check.ok) return { state: 'ok', check: check.level };
  const backups = listBackups(dataDir);
  if (check.missing && backups.length === 0) return { state: 'ok', check: check.level };
  const file = databasePath(dataDir);
  return {
    state: 'damaged',
    problem: check.missing
      ? `The story database ${file} is missing, though there are backups of it.`
      : `The story database ${file} is damaged: ${check.problems[0] ?? 'it failed its integrity check'}.`,
    problems: check.problems,
    newestGoodBackup: backups.length === 0 ? null : newestGoodBackup(dataDir),
  };
}

/**
 * The backup a name or path means. A bare name ('newsroom-…-daily.db') is looked up among the
 * listed backups; a path is accepted only with `allowOutside` (the CLI, where the user typed it),
 * never from the renderer, which may only pick from the list.
 */
export function resolveBackupFile(dataDir: string, nameOrFile: string, options: { allowOutside?: boolean } = {}): string {
  const listed = listBackups(dataDir).find((b) => b.name === nameOrFile);
  if (listed) return listed.file;
  if (options.allowOutside) {
    const resolved = path.resolve(nameOrFile);
    if (fs.existsSync(resolved) && fs.statSync(resolved).isFile()) return resolved;
  }
  throw new NewsroomError(
    'not-found',
    `No backup "${nameOrFile.slice(0, 200)}" in ${backupDir(dataDir)}: choose one from the list of backups`,
  );
}

/**
 * Replaces the (closed) store by a backup; see db/backup.ts `restoreBackup`. Reopen the store
 * afterwards with `openNewsroom`, which migrates an older backup (taking its own backup first).
 */
export async function restoreFromBackup(
  dataDir: string,
  nameOrFile: string,
  options: { allowOutside?: boolean; now?: () => Date } = {},
): Promise<RestoreResult> {
  return restoreBackup(dataDir, resolveBackupFile(dataDir, nameOrFile, options), { now: options.now });
}

/** Restores the newest backup that passes its check, skipping damaged ones. */
export async function restoreNewestGoodBackup(dataDir: string, options: { now?: () => Date } = {}): Promise<RestoreResult> {
  const good = newestGoodBackup(dataDir);
  if (good === null) {
    throw new NewsroomError(
      'not-found',
      `No usable backup in ${backupDir(dataDir)}: every one failed its check or there are none. The store has not been changed.`,
    );
  }
  return restoreBackup(dataDir, good.file, options);
}

export interface BackupServiceStore {
  dataDir: string;
  /** The open store: backing up needs its connection. Absent for a store that is closed or too damaged to open. */
  db?: Db;
  settings?: Pick<SettingsService, 'backupsKept'>;
}

/**
 * Backups for a data dir. With the store open it can also take them; with it closed (before
 * opening, or when it is too damaged to open) it lists, checks and restores them.
 */
export function createBackupService(store: BackupServiceStore, options: { now?: () => Date } = {}) {
  const { db, dataDir, settings } = store;
  const clock = options.now ?? (() => new Date());
  // One backup or prune at a time: a prune must not remove photos a running backup just copied.
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  function keep(): number {
    return settings?.backupsKept() ?? DEFAULT_BACKUPS_KEPT;
  }

  function openStore(): Db {
    if (db === undefined) throw new NewsroomError('store-unavailable', 'The story store is not open, so it cannot be backed up now: open Newsroom (or run newsroom backup) and try again');
    return db;
  }

  async function backupAndPrune(take: () => Promise<NewBackup | null>): Promise<NewBackupPruned | null> {
    const taken = await take();
    if (taken === null) return null;
    return { ...taken, pruned: pruneBackups(dataDir, keep()).removed };
  }

  return {
    /** `newsroom backup`: a backup now (store and photos), then the oldest beyond `backupsKept` are pruned. */
    backup(reason: BackupReason = 'manual', job?: JobControl): Promise<NewBackupPruned> {
      const open = openStore();
      return serialized(() => backupAndPrune(() => backupDatabase(open, dataDir, reason, { now: clock, job }))) as Promise<NewBackupPruned>;
    },
    /** At start, once the store is open: a 'daily' backup when the newest is older than `maxAgeHours`; null when none was due. */
    backupIfStale(maxAgeHours = 24): Promise<NewBackupPruned | null> {
      const open = openStore();
      return serialized(() => backupAndPrune(() => backupIfStale(open, dataDir, { maxAgeHours, now: clock })));
    },
    /** Settles when no backup is running (for a quit that must not close the store under one). */
    idle(): Promise<void> {
      return queue.then(() => undefined);
    },
    /** `newsroom backups`: every backup, newest first. */
    list(): BackupInfo[] {
      return listBackups(dataDir);
    },
    /** `newsroom verify`: the live store's full integrity check and every photo's checksum. */
    verify(job?: JobControl): Promise<VerifyResult> {
      return verifyDatabase(databasePath(dataDir), { job });
    },
    /** The same check of one backup (by name from the list, or a path when `allowOutside`). */
    verifyBackup(nameOrFile: string, opts: { allowOutside?: boolean; job?: JobControl } = {}): Promise<VerifyResult> {
      return verifyDatabase(resolveBackupFile(dataDir, nameOrFile, opts), { job: opts.job });
    },
    /** Is the (closed) store fit to open? See `checkStoreAtStart`. */
    checkAtStart(opts: { level?: CheckLevel } = {}): StartCheck {
      return checkStoreAtStart(dataDir, opts);
    },
    /** Puts a backup in place of the (closed) store; see `restoreFromBackup`. */
    restore(nameOrFile: string, opts: { allowOutside?: boolean } = {}): Promise<RestoreResult> {
      return restoreFromBackup(dataDir, nameOrFile, { ...opts, now: clock });
    },
    /** Puts the newest good backup in place of the (closed) store. */
    restoreNewestGood(): Promise<RestoreResult> {
      return restoreNewestGoodBackup(dataDir, { now: clock });
    },
    /** Where the live store is. */
    storeFile(): string {
      return databasePath(dataDir);
    },
    /** How many backups are kept. */
    keep,
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
