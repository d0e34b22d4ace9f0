/**
 * A refusal the desk answers with: an HTTP status, a stable code a client can act on, and a
 * message that says what was wrong and what to do next.
 */
export type DeskErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'token-expired'
  | 'wrong-desk'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'rate-limited'
  | 'schema-newer'
  | 'unavailable';

const STATUS: Record<DeskErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  'token-expired': 401,
  'wrong-desk': 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'rate-limited': 429,
  'schema-newer': 500,
  unavailable: 503,
};

export class DeskError extends Error {
  readonly status: number;
  constructor(
    readonly code: DeskErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DeskError';
    this.status = STATUS[code];
  }
}
