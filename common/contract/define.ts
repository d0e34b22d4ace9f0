/**
 * How a channel of the contract is declared: the zod schema of its argument, the type of its
 * result, one line saying what it does, and the domain errors it may answer with (as data, so a
 * test can hold every handler to them). The pieces of argument schemas that many channels share
 * live here too.
 */
import { z } from 'zod';
import type { ErrorCode } from '../errors.js';

/**
 * Errors any channel may answer with: a bad argument, an unknown channel, the unexpected, and what
 * the disk or the store can do to any write (full, read-only, locked by another program, a folder
 * or a file in the way).
 */
export const ANY_CHANNEL_ERRORS = [
  'invalid-argument',
  'unknown-channel',
  'internal',
  'store-unavailable',
  'cancelled',
  'disk-full',
  'read-only',
  'store-locked',
  'is-a-folder',
  'already-exists',
] as const satisfies readonly ErrorCode[];

export interface ChannelSpec<Arg extends z.ZodType, Result, Errors extends readonly ErrorCode[]> {
  arg: Arg;
  doc: string;
  /** Domain errors this channel may answer with, beyond `ANY_CHANNEL_ERRORS`. */
  errors: Errors;
  /** Never read: carries the result type. */
  result: Result;
}

/** `channel<Result>()(argSchema, 'What it does', ['not-found'])`. */
export function channel<Result>() {
  return <Arg extends z.ZodType, const Errors extends readonly ErrorCode[]>(arg: Arg, doc: string, errors: Errors): ChannelSpec<Arg, Result, Errors> => ({
    arg,
    doc,
    errors,
    result: undefined as unknown as Result,
  });
}

export const id = z.string().min(1).max(200);
/** A story named by its id or its slug. */
export const storyRef = z.object({ id }).strict();
export const noArgument = z.object({}).strict();
/** The body travels as Lexical JSON text; its content is checked by `parseStoryDocument`. */
export const body = z.string().max(6_000_000, 'Story body is over the 5 MB limit: split it into several stories');
/** A file that crossed the bridge as bytes (a drop, a paste, a picked file). */
export const fileBytes = z.object({ name: z.string().min(1).max(500), bytes: z.instanceof(Uint8Array) }).strict();
