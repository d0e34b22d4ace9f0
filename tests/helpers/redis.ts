/**
 * A real Redis for the desk's scale-out tests: Debian's redis-server on a free 127.0.0.1 port in
 * a temp dir, no persistence, started by the test setup and stopped after, with bounded waits.
 * `restart` stops it and starts it again on the same port (the Redis-restart fault).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/database.js';

export interface TestRedis {
  url: string;
  port: number;
  /** Stops it, keeps it down `downMs`, starts it again on the same port. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const REDIS_SERVER = '/usr/bin/redis-server';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      reply += data.toString();
      if (reply.includes('PONG')) {
        socket.destroy();
        resolve(true);
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(reply.includes('PONG')));
  });
}

export async function startTestRedis(): Promise<TestRedis> {
  if (!fs.existsSync(REDIS_SERVER)) throw new Error('redis-server is not installed: apt-get install -y redis-server (the desk scale-out tests need a real one)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', path.join(dir, 'redis.log')], { stdio: 'ignore' });
    // Bounded: Redis answers PING within 10 s, or the setup fails saying so.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (child.exitCode !== null) break;
      if (await answers(port)) return;
      await sleep(100);
    }
    child.kill('SIGKILL');
    throw new Error(`the test redis-server did not answer on 127.0.0.1:${port}: see ${path.join(dir, 'redis.log')}`);
  };
  const halt = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!stopped) {
      running.kill('SIGKILL');
      await exited;
    }
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs = 0) {
      await halt();
      await sleep(downMs);
      await start();
    },
    async stop() {
      try {
        await halt();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
