/**
 * Domain errors: every failure the app can explain to a reporter carries a code the renderer can
 * branch on and a message that says what went wrong and what to do next.
 */
export const ERROR_CODES = [
  'invalid-argument',
  'not-found',
  'conflict',
  'too-large',
  'forbidden',
  'unknown-channel',
  'database-unreadable',
  'database-too-new',
  /** The store cannot serve this now (it is closed, being checked, or restarting): try again shortly. */
  'store-unavailable',
  /** The person cancelled a long job; nothing of it was written. */
  'cancelled',
  /** The disk (or the data folder's quota) is full (SQLITE_FULL, ENOSPC). */
  'disk-full',
  /** Newsroom may not write there: a read-only folder, disk or file (SQLITE_READONLY, EROFS, EACCES, EPERM). */
  'read-only',
  /** Another program holds the store's write lock longer than Newsroom waits (SQLITE_BUSY, SQLITE_LOCKED). */
  'store-locked',
  /** A file was expected where there is a folder (EISDIR). */
  'is-a-folder',
  /** Something is already there under that name (EEXIST). */
  'already-exists',
  'internal',
  /** The desk server cannot be reached, or cannot be used by this app (a newer desk): work goes on offline. */
  'desk-unavailable',
  /** The desk refused the sign-in (wrong name or password, expired or revoked sign-in): connect again. */
  'desk-unauthorized',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface NewsroomErrorShape {
  code: ErrorCode;
  message: string;
  /** Extra facts for the UI (for a conflict: the version now stored). */
  details?: Record<string, unknown>;
}

export class NewsroomError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'NewsroomError';
    this.code = code;
    this.details = details;
  }

  toShape(): NewsroomErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isNewsroomError(value: unknown): value is NewsroomError {
  return value instanceof NewsroomError;
}

/**
 * What a failure of the disk, the file system or SQLite means for the person at work (issue 11):
 * each gets its own code and says what happened and what to do, instead of "unexpected problem".
 * Null for anything else (a bug, reported as `internal`).
 */
export function environmentError(error: unknown, doing = 'Newsroom could not finish'): NewsroomError | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = String((error as { code?: unknown }).code ?? '');
  const where = typeof (error as { path?: unknown }).path === 'string' ? ` (${(error as { path: string }).path})` : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new NewsroomError('disk-full', `${doing}: the disk is full${where}. Nothing was half-written; free some space (empty the trash, move videos or old exports off this disk) and try again.`, { cause: code });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new NewsroomError('read-only', `${doing}: Newsroom is not allowed to write there${where}. Check that the folder and its files are yours and not read-only (permissions, a locked or full USB stick, a folder another program syncs); then try again.`, { cause: code });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new NewsroomError('store-locked', `${doing}: another program is writing to the story database and kept it locked longer than Newsroom waits. Close any other Newsroom window or command, or a backup or sync tool working on the data folder, then try again; nothing was changed.`, { cause: code });
  }
  if (code === 'EISDIR') {
    return new NewsroomError('is-a-folder', `${doing}: there is a folder where a file was expected${where}. Choose a file name, not a folder, and try again.`, { cause: code });
  }
  if (code === 'EEXIST') {
    return new NewsroomError('already-exists', `${doing}: something is already there under that name${where}. Choose another name, or move the existing one away, and try again.`, { cause: code });
  }
  return null;
}
