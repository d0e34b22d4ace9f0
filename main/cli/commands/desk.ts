/**
 * `newsroom desk …`: run a desk server and manage its people. The one CLI file that imports the
 * desk server (server/), through its entry points only; the rest of the CLI never does (the
 * rooms of eslint-plugin-local/rooms.js). These commands never start the local engine.
 */
import crypto from 'node:crypto';
import { addUser, disableUser, listUsers, DESK_ROLES } from '../../../server/accounts.js';
import { connectDeskDatabase } from '../../../server/database.js';
import { startDesk } from '../../../server/desk.js';
import { DeskError } from '../../../server/errors.js';
import { NewsroomError } from '../../../common/errors.js';
import { createDeskConnection, type DeskConnectionInfo } from '../../services/desk/connection.js';
import { APP_VERSION } from '../../version.js';
import { UsageError, type Command, type CommandContext } from '../command.js';

async function serve({ values, io, dataDir }: CommandContext): Promise<number> {
  const port = values.port === undefined ? 7300 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${values.port} is not a port number (0-65535)`);
  const desk = await startDesk({
    dataDir,
    port,
    host: values.host ?? '127.0.0.1',
    databaseUrl: values['database-url'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    redisUrl: values['redis-url'],
    version: APP_VERSION,
    log: (line) => io.out(`${new Date().toISOString()} ${line}`),
  });
  // Serves until Ctrl+C or SIGTERM, then stores every open story and stops its database.
  await new Promise<void>((resolve) => {
    if (io.signal === undefined || io.signal.aborted) return resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await desk.close();
  return 0;
}

async function users(context: CommandContext): Promise<number> {
  const { args, values, io, dataDir, print } = context;
  const [verb, ...rest] = args.slice(1);
  const database = await connectDeskDatabase({ dataDir, databaseUrl: values['database-url'] });
  try {
    if (verb === 'add') {
      if (rest.length !== 1) throw new UsageError('desk users add needs one NAME (quote it if it has spaces)');
      const role = values.role?.[0];
      if (role === undefined || !(DESK_ROLES as readonly string[]).includes(role)) throw new UsageError('desk users add needs --role reporter, editor or admin');
      let password: string;
      let generated = false;
      if (values['password-stdin']) {
        if (io.readStdin === undefined) throw new UsageError('--password-stdin needs standard input');
        password = (await io.readStdin()).replace(/\r?\n$/, '');
      } else {
        password = crypto.randomBytes(12).toString('base64url');
        generated = true;
      }
      const user = await addUser(database.pool, rest[0] as string, role, password);
      print({ ...user, ...(generated ? { password } : {}) }, () =>
        generated ? `Added ${user.name} (${user.role}). Their first password, shown once: ${password}` : `Added ${user.name} (${user.role})`,
      );
      return 0;
    }
    if (verb === 'list' || verb === undefined) {
      const all = await listUsers(database.pool);
      print(all, () =>
        all.length === 0
          ? 'Nobody on this desk yet: newsroom desk users add "Ana Lima" --role reporter'
          : all.map((u) => `${u.name.padEnd(24)} ${u.role.padEnd(8)} ${u.disabled ? 'disabled' : 'active'}`).join('\n'),
      );
      return 0;
    }
    if (verb === 'disable') {
      if (rest.length !== 1) throw new UsageError('desk users disable needs one NAME');
      const user = await disableUser(database.pool, rest[0] as string);
      print(user, () => `Disabled ${user.name}: they can no longer sign in, and their refresh tokens are revoked`);
      return 0;
    }
    throw new UsageError(`unknown desk users command "${verb}"; use add, list or disable`);
  } finally {
    await database.close();
  }
}

async function connect({ args, values, io, dataDir, print }: CommandContext): Promise<number> {
  const address = args[1];
  if (address === undefined || args.length !== 2) throw new UsageError('desk connect needs the desk address: newsroom desk connect https://desk.example.org --user NAME --password-stdin');
  const name = values.user;
  if (name === undefined || name.trim() === '') throw new UsageError('desk connect needs --user NAME (your name on the desk)');
  if (!values['password-stdin'] || io.readStdin === undefined) throw new UsageError('desk connect reads the password from standard input: add --password-stdin');
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (password === '') throw new UsageError('desk connect got an empty password on standard input');
  const connection = createDeskConnection(dataDir);
  const info = await connection.connect(address, name, password);
  print(info, () => `Connected to the desk at ${info.url} as ${info.user.name} (${info.user.role})`);
  return 0;
}

function statusLine(info: DeskConnectionInfo, reachable: string | null): string {
  const synced = info.lastSyncAt === null ? 'never synced' : `last in step ${info.lastSyncAt.slice(0, 19).replace('T', ' ')} UTC`;
  const state = reachable === null ? 'On the desk' : `Can't reach the desk: ${reachable}`;
  return [`${state}`, `  address  ${info.url}`, `  user     ${info.user.name} (${info.user.role})`, `  sync     ${synced}${info.lastProblem === null ? '' : `; last try: ${info.lastProblem}`}`].join('\n');
}

async function status({ dataDir, print }: CommandContext): Promise<number> {
  const connection = createDeskConnection(dataDir);
  const info = connection.info();
  if (info === null) {
    print({ connected: false }, () => 'No desk is connected: newsroom desk connect URL --user NAME --password-stdin');
    return 0;
  }
  let reachable: string | null = null;
  try {
    await connection.checkedHealth();
  } catch (error) {
    if (!(error instanceof NewsroomError)) throw error;
    reachable = error.message;
  }
  const json = { connected: true, url: info.url, deskId: info.deskId, user: info.user.name, role: info.user.role, lastSyncAt: info.lastSyncAt, lastProblem: info.lastProblem, reachable: reachable === null, problem: reachable };
  print(json, () => statusLine(info, reachable));
  return 0;
}

function disconnect({ dataDir, print }: CommandContext): number {
  const was = createDeskConnection(dataDir).disconnect();
  print({ disconnected: was !== null, url: was?.url ?? null }, () =>
    was === null ? 'No desk was connected' : `Disconnected from the desk at ${was.url}: your stories stay on this machine`,
  );
  return 0;
}

export const desk: Command = {
  names: ['desk'],
  usage: [
    ['newsroom desk serve [--port 7300] [--host 127.0.0.1] [--database-url URL] [--tls-cert F --tls-key F] [--redis-url URL]', 'run a desk server (embedded PostgreSQL in --data-dir without --database-url; several processes on one --database-url join through --redis-url)'],
    ['newsroom desk users add NAME --role reporter|editor|admin [--password-stdin]', 'add someone to the desk'],
    ['newsroom desk users list [--json]', 'the people on the desk'],
    ['newsroom desk users disable NAME', 'stop someone signing in'],
    ['newsroom desk connect URL --user NAME --password-stdin', 'connect this machine to a desk (the sign-in is kept readable by you only)'],
    ['newsroom desk status [--json]', 'the desk this machine is connected to, as whom, and the last sync'],
    ['newsroom desk disconnect', 'forget the desk and the sign-in (your stories stay here)'],
  ],
  store: 'none',
  async run(context) {
    try {
      if (context.args[0] === 'serve') return await serve(context);
      if (context.args[0] === 'users') return await users(context);
      if (context.args[0] === 'connect') return await connect(context);
      if (context.args[0] === 'status') return await status(context);
      if (context.args[0] === 'disconnect') return disconnect(context);
      throw new UsageError(`unknown desk command "${context.args[0] ?? ''}"; use serve, users, connect, status or disconnect (see newsroom --help)`);
    } catch (error) {
      if (error instanceof DeskError || error instanceof NewsroomError) {
        context.io.err(`newsroom: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
