/**
 * What a `newsroom` command is: its usage lines for the help, whether it needs the store open
 * (most) or must work on a closed, perhaps damaged one (backups, verify, restore), and what it
 * does. Every command reaches the store through the door (`call`), as the app's window does,
 * with the person named by `--as` as the caller.
 */
import type { Channel, ChannelArg, ChannelResult } from '../../common/contract/index.js';
import type { StorySummary } from '../../common/story.js';
import type { JobProgress } from '../engine/protocol.js';
import type { Platform } from '../handlers.js';

/** The flags every command may be given (one table, so `--help` and the parser agree). */
export const CLI_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  headline: { type: 'string' },
  standfirst: { type: 'string' },
  'body-file': { type: 'string' },
  version: { type: 'string' },
  append: { type: 'string' },
  byline: { type: 'string' },
  'dateline-place': { type: 'string' },
  desk: { type: 'string' },
  language: { type: 'string' },
  trash: { type: 'boolean', default: false },
  caption: { type: 'string' },
  credit: { type: 'string' },
  alt: { type: 'string' },
  as: { type: 'string' },
  note: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  role: { type: 'string', multiple: true },
  out: { type: 'string' },
  'single-file': { type: 'boolean', default: false },
  preview: { type: 'boolean', default: false },
  'all-approved': { type: 'boolean', default: false },
  port: { type: 'string' },
  host: { type: 'string' },
  'database-url': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
  'redis-url': { type: 'string' },
  user: { type: 'string' },
} as const;

export interface CliValues {
  'data-dir'?: string;
  json: boolean;
  help: boolean;
  headline?: string;
  standfirst?: string;
  'body-file'?: string;
  version?: string;
  append?: string;
  byline?: string;
  'dateline-place'?: string;
  desk?: string;
  language?: string;
  trash: boolean;
  caption?: string;
  credit?: string;
  alt?: string;
  as?: string;
  note?: string;
  from?: string;
  to?: string;
  role?: string[];
  out?: string;
  'single-file': boolean;
  preview: boolean;
  'all-approved': boolean;
  port?: string;
  host?: string;
  'database-url'?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'password-stdin': boolean;
  'redis-url'?: string;
  user?: string;
}

/** Thrown for anything the user typed wrong: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Where long work reports how far it is (a progress bar on a terminal); absent: not followed. */
  progress?: (progress: JobProgress) => void;
  /** Aborted to cancel the command's long work (Ctrl+C); what it did is whole, the rest untouched. */
  signal?: AbortSignal;
  /** All of standard input, for `--password-stdin`. */
  readStdin?: () => Promise<string>;
}

export interface CommandContext {
  /** The command's name as typed (a shorthand such as `approve` runs the `move` command). */
  name: string;
  /** Positional arguments after the command's name. */
  args: string[];
  values: CliValues;
  io: CliIo;
  /** The data directory the command works in (--data-dir, NEWSROOM_DATA_DIR, or the default). */
  dataDir: string;
  /** Calls a channel through the door as the person named by `--as`; a refusal is thrown as a NewsroomError. */
  call<C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>>;
  /** Prints JSON with --json, else the text. */
  print(json: unknown, text: () => string): void;
  /** The single positional argument, or a usage error naming what was expected. */
  one(what: string): string;
}

export interface Command {
  /** The names it answers to: the first is its own, the rest shorthands. */
  names: readonly string[];
  /** Help lines: usage, then what it does. */
  usage: readonly [string, string][];
  /** 'closed' commands work on a store that is not open (and may be damaged); 'none' never starts the engine (the desk server). */
  store: 'open' | 'closed' | 'none';
  /** What the system dialogs answer for this command (the CLI gives the file or folder as a flag). */
  dialogs?: (context: Pick<CommandContext, 'args' | 'values'>) => Partial<Platform>;
  run(context: CommandContext): Promise<number>;
}

export function summaryLine(s: StorySummary): string {
  const headline = s.headline === '' ? '(no headline)' : s.headline;
  return `${s.status.padEnd(6)} ${s.updatedAt.slice(0, 16).replace('T', ' ')}  ${String(s.wordCount).padStart(6)} words  ${headline}  [${s.slug}]  ${s.id}`;
}
