/**
 * `newsroom`: the desk from a terminal, on the same store and through the same door as the app.
 * The CLI starts the same engine the app runs (its own process, dist/engine.mjs), and each command
 * (one file each in commands/) calls channels of the contract with the person named by `--as` as
 * the caller, so the CLI obeys the same rules and the audit trail says "cli".
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Channel, ChannelArg, ChannelResult, CallerClaim } from '../../common/contract/index.js';
import { NewsroomError, environmentError } from '../../common/errors.js';
import { resolveDataDir } from '../dataDir.js';
import { startEngineHost, type EngineHost, type SpawnEngine } from '../engine/host.js';
import { nodeEngine } from '../engine/nodeProcess.js';
import type { JobProgress } from '../engine/protocol.js';
import { APP_VERSION } from '../version.js';
import { CLI_OPTIONS, UsageError, type CliIo, type CliValues, type Command, type CommandContext } from './command.js';
import { COMMANDS, findCommand } from './commands/index.js';

export type { CliIo };

/** The engine bundle: beside the CLI's own bundle (dist/), or built into dist/ when run from the sources. */
function bundledEngine(): SpawnEngine {
  const candidates = ['./engine.mjs', '../../dist/engine.mjs'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  const entry = candidates.find((file) => fs.existsSync(file));
  if (entry === undefined) throw new NewsroomError('internal', 'The Newsroom engine is not built (dist/engine.mjs is missing): run npm install (or npm run build) in the Newsroom folder');
  return nodeEngine({ entry });
}

function helpText(): string {
  const rows = COMMANDS.flatMap((c) => c.usage);
  const lines = rows.flatMap(([usage, what]) => (usage.length <= 48 ? [`  ${usage.padEnd(49)}${what}`] : [`  ${usage}`, `${' '.repeat(51)}${what}`]));
  return `newsroom ${APP_VERSION}: the newsroom desk from the command line

Usage:
${lines.join('\n')}

Options:
  --data-dir DIR   where the data lives (default: $NEWSROOM_DATA_DIR, else the app's own folder)
  --as NAME        who is working (a profile's name); default: the profile at work on this machine
  --json           machine-readable output
  -h, --help       this help
`;
}

export const HELP = helpText();

export async function runCli(argv: string[], io: CliIo, engine?: SpawnEngine): Promise<number> {
  let values: CliValues;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, options: CLI_OPTIONS });
    values = parsed.values as CliValues;
    positionals = parsed.positionals;
  } catch (error) {
    io.err(`newsroom: ${(error as Error).message}; see newsroom --help`);
    return 2;
  }
  const [name, ...args] = positionals;
  if (values.help || name === undefined || name === 'help') {
    io.out(HELP);
    return name === undefined && !values.help ? 2 : 0;
  }

  let host: EngineHost | undefined;
  try {
    const command = findCommand(name);
    if (command === undefined) throw new UsageError(`unknown command "${name}"; see newsroom --help`);
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    if (command.store === 'none') return await command.run(commandContext(command, name, args, values, io, null, dataDir));
    host = startEngineHost({
      spawn: engine ?? bundledEngine(),
      dataDir,
      // backups, verify and restore work on a damaged store too: they must not need to open it.
      mode: command.store === 'closed' ? 'closed' : 'store',
      platform: command.dialogs?.({ args, values }) ?? {},
      // One command, one try: a crashed engine is reported, not restarted.
      restarts: 0,
      onEvent: (event, payload) => {
        if (event === 'job:progress') io.progress?.(payload as JobProgress);
      },
    });
    await host.open();
    return await command.run(commandContext(command, name, args, values, io, host, dataDir));
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`newsroom: ${error.message}`);
      return 2;
    }
    if (error instanceof NewsroomError) {
      io.err(`newsroom: ${error.message}`);
      return 1;
    }
    // A file the command itself reads or writes (an export folder, a package path): say what the
    // disk answered in words, not as a raw EISDIR or EEXIST (issue 11).
    const environment = environmentError(error, `newsroom ${name} could not finish`);
    if (environment !== null) {
      io.err(`newsroom: ${environment.message}`);
      return 1;
    }
    io.err(`newsroom: unexpected problem: ${(error as Error).message}`);
    return 1;
  } finally {
    await host?.close();
  }
}

function commandContext(command: Command, name: string, args: string[], values: CliValues, io: CliIo, host: EngineHost | null, dataDir: string): CommandContext {
  const claim: CallerClaim = { origin: 'cli', ...(values.as === undefined ? {} : { as: values.as }) };
  let jobs = 0;
  return {
    name,
    args,
    values,
    io,
    dataDir,
    async call<C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>> {
      // Followed as a job when someone watches the progress or may cancel it.
      if (host === null) throw new NewsroomError('internal', `${command.names[0]} does not use the local store`);
      const job = io.progress !== undefined || io.signal !== undefined ? `cli-${(jobs += 1)}` : undefined;
      const cancel = () => job !== undefined && host.cancel(job);
      io.signal?.addEventListener('abort', cancel);
      if (io.signal?.aborted) cancel();
      const result = await host.invoke(claim, channel, arg, job === undefined ? {} : { job }).finally(() => io.signal?.removeEventListener('abort', cancel));
      if (!result.ok) throw new NewsroomError(result.error.code, result.error.message, result.error.details);
      return result.value as ChannelResult<C>;
    },
    print: (json, text) => io.out(values.json ? JSON.stringify(json, null, 2) : text()),
    one(what) {
      if (args.length !== 1) throw new UsageError(`${command.names[0]} needs exactly one ${what}; see newsroom --help`);
      return args[0] as string;
    },
  };
}
