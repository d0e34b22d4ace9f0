/**
 * A desk server as its own process, the real `newsroom desk serve` (bin/newsroom.js, the bundle
 * the tests' global setup builds), so a test can run several on one PostgreSQL and one Redis,
 * and kill one with SIGKILL. Its log lines are kept; waits are bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../server/database.js';

export interface DeskProcess {
  url: string;
  wsUrl: string;
  port: number;
  pid: number;
  logs: string[];
  /** SIGKILL: no store, no goodbye, as a crash. */
  kill(): Promise<void>;
  /** SIGTERM: the orderly stop (stores every open story). */
  stop(): Promise<void>;
  /** Starts it again on the same port (after kill or stop). */
  restart(): Promise<DeskProcess>;
}

const BIN = path.resolve(import.meta.dirname, '../../bin/newsroom.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DeskProcessOptions {
  dataDir: string;
  databaseUrl: string;
  redisUrl?: string;
  port?: number;
}

export async function startDeskProcess(options: DeskProcessOptions): Promise<DeskProcess> {
  const port = options.port ?? (await freePort());
  const args = [BIN, 'desk', 'serve', '--data-dir', options.dataDir, '--database-url', options.databaseUrl, '--port', String(port), ...(options.redisUrl ? ['--redis-url', options.redisUrl] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const keep = (data: Buffer) => logs.push(...data.toString().split('\n').filter((l) => l !== ''));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Bounded: the process says it started within 60 s, or the test fails with what it said.
  for (let attempt = 0; !logs.some((l) => l.includes('desk: started on')); attempt += 1) {
    if (child.exitCode !== null || attempt > 600) {
      child.kill('SIGKILL');
      throw new Error(`newsroom desk serve did not start: ${logs.join('\n')}`);
    }
    await sleep(100);
  }
  const url = `http://127.0.0.1:${port}`;
  const running: DeskProcess = {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    port,
    pid: child.pid ?? 0,
    logs,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async restart() {
      await running.stop();
      return startDeskProcess({ ...options, port });
    },
  };
  return running;
}
