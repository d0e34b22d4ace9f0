import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index.js';
import { freePort } from '../../server/database.js';
import { startDesk } from '../../server/desk.js';
import { tempDataDir } from '../helpers/dataDir.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

function cliIo(signal?: AbortSignal, stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {}, ...(signal ? { signal } : {}), ...(stdin ? { readStdin: async () => stdin } : {}) } };
}

describe('newsroom desk serve', () => {
  it('runs an embedded PostgreSQL in the data dir when no --database-url is given, and keeps its data across restarts', { timeout: 180_000 }, async () => {
    const { dir, cleanup } = tempDataDir('newsroom-serve-');
    try {
      for (const round of [1, 2]) {
        const port = await freePort();
        const stop = new AbortController();
        const server = cliIo(stop.signal);
        const serving = runCli(['desk', 'serve', '--data-dir', dir, '--port', String(port)], server.io);
        await expect.poll(() => [...server.out, ...server.err].join('\n'), { timeout: 120_000, interval: 200 }).toMatch(/started on|newsroom:/);
        expect(server.out.join('\n')).toMatch(/embedded PostgreSQL/);
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
        if (round === 1) {
          const added = cliIo(undefined, 'first password');
          expect(await runCli(['desk', 'users', 'add', 'Ana', '--role', 'editor', '--password-stdin', '--data-dir', dir], added.io)).toBe(0);
        }
        const listed = cliIo();
        expect(await runCli(['desk', 'users', 'list', '--json', '--data-dir', dir], listed.io)).toBe(0);
        expect(JSON.parse(listed.out.join('\n')).map((u: { name: string }) => u.name)).toEqual(['Ana']);
        stop.abort();
        expect(await serving).toBe(0);
        expect(server.out.filter((l) => l.includes('stopped on'))).toHaveLength(1);
      }
      expect(fs.existsSync(path.join(dir, 'desk-postgres', 'PG_VERSION'))).toBe(true);
      // Stopped with the desk: its settings file names a port nobody answers on.
      const settings = JSON.parse(fs.readFileSync(path.join(dir, 'desk-postgres.json'), 'utf8'));
      expect((fs.statSync(path.join(dir, 'desk-postgres.json')).mode & 0o077)).toBe(0);
      const after = cliIo();
      expect(await runCli(['desk', 'users', 'list', '--data-dir', dir], after.io)).toBe(1);
      expect(after.err.join('\n')).toMatch(/not running: start the desk/);
      expect(settings.port).toBeGreaterThan(0);
    } finally {
      cleanup();
    }
  });

  it('serves https with --tls-cert and --tls-key', async () => {
    const { dir, cleanup } = tempDataDir('newsroom-tls-');
    try {
      const cert = path.join(dir, 'cert.pem');
      const key = path.join(dir, 'key.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
      const desk = await startDesk({ dataDir: dir, databaseUrl: await postgres.freshDatabase(), port: 0, tlsCert: cert, tlsKey: key, log: () => undefined });
      try {
        expect(desk.url).toMatch(/^https:/);
        expect(desk.wsUrl).toMatch(/^wss:/);
        const status = await new Promise<number>((resolve, reject) => {
          https.get(`${desk.url}/health`, { ca: fs.readFileSync(cert) }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          }).on('error', reject);
        });
        expect(status).toBe(200);
      } finally {
        await desk.close();
      }
      await expect(startDesk({ dataDir: dir, databaseUrl: postgres.url(), port: 0, tlsCert: cert, log: () => undefined })).rejects.toThrow(/both --tls-cert FILE and --tls-key FILE/);
    } finally {
      cleanup();
    }
  });
});
