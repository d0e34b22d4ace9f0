import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index.js';
import { freePort } from '../../server/database.js';
import { addUser } from '../../server/accounts.js';
import { createDeskConnection } from '../../main/services/desk/connection.js';
import { tempDataDir } from '../helpers/dataDir.js';
import { startTestDesk, type TestDesk } from '../helpers/desk.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

function cli(stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {}, ...(stdin === undefined ? {} : { readStdin: async () => stdin }) } };
}

async function withDesk(run: (desk: TestDesk, dataDir: string) => Promise<void>, options: Parameters<typeof startTestDesk>[1] = {}) {
  const desk = await startTestDesk(postgres, options);
  const { dir, cleanup } = tempDataDir('newsroom-desk-client-');
  try {
    await addUser(desk.database.pool, 'Ana', 'reporter', 'ana password');
    await run(desk, dir);
  } finally {
    cleanup();
    await desk.close();
  }
}

describe('newsroom desk connect, status, disconnect', () => {
  it('signs in, keeps the tokens readable by the owner only, reports the connection, and forgets it', async () => {
    await withDesk(async (desk, dir) => {
      const connected = cli('ana password\n');
      expect(await runCli(['desk', 'connect', desk.url, '--user', 'Ana', '--password-stdin', '--data-dir', dir], connected.io)).toBe(0);
      expect(connected.out.join('\n')).toMatch(/Connected to the desk at http:\/\/127\.0\.0\.1:\d+ as Ana \(reporter\)/);

      const credentials = path.join(dir, 'desk', 'credentials.json');
      expect(fs.statSync(credentials).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(dir, 'desk')).mode & 0o777).toBe(0o700);
      const kept = JSON.parse(fs.readFileSync(credentials, 'utf8'));
      // The token kept is one the desk accepts.
      expect((await desk.api('GET', '/api/me', { token: kept.token })).body.name).toBe('Ana');
      expect(typeof kept.refreshToken).toBe('string');

      const status = cli();
      expect(await runCli(['desk', 'status', '--json', '--data-dir', dir], status.io)).toBe(0);
      expect(JSON.parse(status.out.join('\n'))).toMatchObject({ connected: true, url: desk.url, user: 'Ana', role: 'reporter', lastSyncAt: null, reachable: true });
      const text = cli();
      expect(await runCli(['desk', 'status', '--data-dir', dir], text.io)).toBe(0);
      expect(text.out.join('\n')).toMatch(/On the desk[\s\S]*Ana \(reporter\)[\s\S]*never synced/);

      const gone = cli();
      expect(await runCli(['desk', 'disconnect', '--data-dir', dir], gone.io)).toBe(0);
      expect(fs.existsSync(credentials)).toBe(false);
      const after = cli();
      expect(await runCli(['desk', 'status', '--json', '--data-dir', dir], after.io)).toBe(0);
      expect(JSON.parse(after.out.join('\n'))).toEqual({ connected: false });
    });
  });

  it('answers a wrong password, an unreachable desk and a newer desk in one line each, keeping nothing', async () => {
    await withDesk(async (desk, dir) => {
      const wrong = cli('not it');
      expect(await runCli(['desk', 'connect', desk.url, '--user', 'Ana', '--password-stdin', '--data-dir', dir], wrong.io)).toBe(1);
      expect(wrong.err).toEqual(['newsroom: Wrong name or password: check both, or ask the desk admin to reset your account']);
      expect(fs.existsSync(path.join(dir, 'desk', 'credentials.json'))).toBe(false);

      const port = await freePort();
      const away = cli('ana password');
      expect(await runCli(['desk', 'connect', `http://127.0.0.1:${port}`, '--user', 'Ana', '--password-stdin', '--data-dir', dir], away.io)).toBe(1);
      expect(away.err).toHaveLength(1);
      expect(away.err[0]).toMatch(/^newsroom: Can't reach the desk at http:\/\/127\.0\.0\.1:\d+: nothing answers at that address/);

      const noUser = cli('ana password');
      expect(await runCli(['desk', 'connect', desk.url, '--password-stdin', '--data-dir', dir], noUser.io)).toBe(2);
      expect(noUser.err[0]).toMatch(/--user NAME/);
    });
    await withDesk(
      async (desk, dir) => {
        const newer = cli('ana password');
        expect(await runCli(['desk', 'connect', desk.url, '--user', 'Ana', '--password-stdin', '--data-dir', dir], newer.io)).toBe(1);
        expect(newer.err).toHaveLength(1);
        expect(newer.err[0]).toMatch(/runs Newsroom 99\.0\.0, newer than this app .*update Newsroom/);
      },
      { version: '99.0.0' },
    );
  });

  it('refreshes an expired token once, and says so in one line when the sign-in cannot be renewed', async () => {
    await withDesk(
      async (desk, dir) => {
        const connection = createDeskConnection(dir);
        await connection.connect(desk.url, 'Ana', 'ana password');
        const first = connection.secrets.read()?.refreshToken;
        // Tokens live one second on this desk: inside the refresh margin, so asking refreshes, once for both asks.
        const [a, b] = await Promise.all([connection.token(), connection.token()]);
        expect(a).toBe(b);
        expect(connection.secrets.read()?.refreshToken).not.toBe(first);
        expect((await desk.api('GET', '/api/me', { token: a })).status).toBe(200);
        // The refresh token is revoked (the account disabled): the next refresh is refused, in words.
        await desk.database.pool.query('UPDATE refresh_tokens SET revoked_at = now()');
        await expect(connection.token()).rejects.toThrow(/Your desk sign-in has expired: run newsroom desk connect again/);
      },
      { policy: { tokenSeconds: 1 } },
    );
  });
});
