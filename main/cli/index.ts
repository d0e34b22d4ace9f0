/**
 * `newsroom`: the desk from a terminal, on the same store and through the same door as the app.
 * Each command (one file each in commands/) calls channels of the contract with the person named
 * by `--as` as the caller, so the CLI obeys the same rules and the audit trail says "cli".
 */
import { parseArgs } from 'node:util';
import type { Channel, ChannelArg, ChannelResult, CallerClaim } from '../../common/contract/index.js';
import { NewsroomError } from '../../common/errors.js';
import { resolveDataDir } from '../dataDir.js';
import { createDoor, createStoreDoor, invokeChannel, type Door } from '../handlers.js';
import { openNewsroom, type Newsroom } from '../newsroom.js';
import { createBackupService } from '../services/backups.js';
import { APP_VERSION } from '../version.js';
import { CLI_OPTIONS, UsageError, type CliIo, type CliValues, type Command, type CommandContext } from './command.js';
import { COMMANDS, findCommand } from './commands/index.js';

export type { CliIo };

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

export async function runCli(argv: string[], io: CliIo): Promise<number> {
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

  let newsroom: Newsroom | undefined;
  try {
    const command = findCommand(name);
    if (command === undefined) throw new UsageError(`unknown command "${name}"; see newsroom --help`);
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const dialogs = command.dialogs?.({ args, values }) ?? {};
    let door: Door;
    if (command.store === 'closed') {
      // These work on a damaged store too: they must not need to open it.
      door = createStoreDoor(createBackupService({ dataDir }));
    } else {
      newsroom = openNewsroom(dataDir);
      door = createDoor(newsroom, dialogs);
    }
    return await command.run(commandContext(command, name, args, values, io, door));
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`newsroom: ${error.message}`);
      return 2;
    }
    if (error instanceof NewsroomError) {
      io.err(`newsroom: ${error.message}`);
      return 1;
    }
    io.err(`newsroom: unexpected problem: ${(error as Error).message}`);
    return 1;
  } finally {
    newsroom?.close();
  }
}

function commandContext(command: Command, name: string, args: string[], values: CliValues, io: CliIo, door: Door): CommandContext {
  const claim: CallerClaim = { origin: 'cli', ...(values.as === undefined ? {} : { as: values.as }) };
  return {
    name,
    args,
    values,
    io,
    async call<C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>> {
      const result = await invokeChannel(door, claim, channel, arg);
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
