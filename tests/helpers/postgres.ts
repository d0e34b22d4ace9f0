/**
 * A real PostgreSQL for the desk server's tests: Debian's PostgreSQL 15 (or whichever
 * /usr/lib/postgresql/N is installed) in a temp dir on 127.0.0.1, started by the test setup and
 * stopped after, with bounded start and stop loops. Run as root, the cluster belongs to `postgres`.
 * Each test gets its own database in the cluster (`freshDatabase`), so tests never share state.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A connection URL for database `name` (default: the maintenance database). */
  url(name?: string): string;
  freshDatabase(): Promise<string>;
  /** A fresh folder for a test (a desk's data dir), removed with the cluster. */
  scratchDir(): string;
  /** Stops the cluster (fast: clients are cut off), keeps it down `downMs`, starts it again: without blocking this process. */
  restart(downMs?: number): Promise<void>;
  stop(): void;
}

function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (the desk server tests need a real one)');
  return path.join(root, newest, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = pgBin();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-pg-'));
  fs.chmodSync(root, 0o755);
  const data = path.join(root, 'data');
  fs.mkdirSync(data, { mode: 0o700 });
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', root]);
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  run('pg_ctl', ['start', '-D', data, '-l', path.join(root, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`]);
  const url = (name = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${name}`;
  // Bounded: the cluster answers within 30 tries, or the setup fails saying so.
  for (let attempt = 0; ; attempt += 1) {
    const client = new pg.Client({ connectionString: url() });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt >= 30) throw new Error(`the test PostgreSQL did not answer: ${(error as Error).message}`, { cause: error });
      await sleep(200);
    }
  }
  let count = 0;
  return {
    url,
    async freshDatabase() {
      count += 1;
      const name = `desk_${process.pid}_${count}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return url(name);
    },
    scratchDir() {
      return fs.mkdtempSync(path.join(root, 'scratch-'));
    },
    async restart(downMs = 0) {
      const runAsync = (cmd: string, args: string[]) =>
        new Promise<void>((resolve, reject) => {
          const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
          execFile(file, argv, { timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${cmd} failed: ${stderr || stdout}`)) : resolve()));
        });
      await runAsync('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']);
      await sleep(downMs);
      await runAsync('pg_ctl', ['start', '-D', data, '-l', path.join(root, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`]);
    },
    stop() {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
