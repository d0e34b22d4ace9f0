/**
 * Backups as the app and the CLI use them: a daily backup at start, one on demand, the list, a
 * check of the store or of a backup, and restoring one. The work is in db/backup.ts; this decides
 * when, how many to keep (the `backupsKept` setting, 10 unless changed), and which file a name
 * means.
 *
 * Two halves. `createBackupService` works on an open store (backing up needs its connection).
 * `checkStoreAtStart`, `restoreFromBackup` and `restoreNewestGoodBackup` work on a data dir whose
 * store is closed, or too damaged to open: the app calls them before `openNewsroom`, or after
 * closing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_BACKUPS_KEPT,
  backupDatabase,
  backupDir,
  backupIfStale,
  listBackups,
  newestGoodBackup,
  pruneBackups,
  checkStore,
  restoreBackup,
  verifyDatabase,
  type BackupInfo,
  type CheckLevel,
  type NewBackup,
  type RestoreResult,
  type VerifyResult,
} from '../../db/backup.js';
import { databasePath, folderWritable, readOnlyFolderProblem, type Db } from '../../db/open.js';
import type { JobControl } from '../../common/contract/index.js';
import { NewsroomError } from '../../common/errors.js';
import type { SettingsService } from './settings.js';

export type { BackupInfo, CheckLevel, NewBackup, RestoreResult, VerifyResult };
export { DEFAULT_BACKUPS_KEPT };

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
