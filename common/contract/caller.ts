/**
 * Who is asking. Every handler takes a caller context first, as VS Code's
 * `IServerChannel<TContext>.call(ctx, command, arg)` does: the app's window passes the profile at
 * work, the command line the person named by `--as`, the tests their own, and (later) the desk
 * server its signed-in account. The audit trail records both.
 */
import type { Profile } from './profile.js';

export const ORIGINS = ['window', 'cli', 'test', 'desk'] as const;
export type Origin = (typeof ORIGINS)[number];

export interface CallerContext {
  origin: Origin;
  /** The person at work, or null when nobody has said who they are yet. */
  actor: Profile | null;
  /** Set when the caller follows this call as a long job: where to report progress, and its cancel. */
  job?: JobControl;
}

/** A long job's two hooks: progress for the caller to show, and the caller's cancel. */
export interface JobControl {
  /** `done` of `total` steps so far (total 0 while unknown); `what` says what is being done now. */
  report(what: string, done: number, total: number): void;
  /** Aborted when the caller cancels: check it between steps, and leave nothing half-written. */
  signal: AbortSignal;
}

/** What an entry says about who is asking before the engine looks the person up. */
export interface CallerClaim {
  origin: Origin;
  /** A profile's name (the CLI's `--as`); absent means the profile currently at work on this machine. */
  as?: string;
}
