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
  'internal',
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
