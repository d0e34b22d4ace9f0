import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index.js';
import { signToken } from '../../server/accounts.js';
import { startTestDesk, type TestDesk } from '../helpers/desk.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

async function cli(argv: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, ...(stdin === undefined ? {} : { readStdin: async () => stdin }) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function withDesk(run: (desk: TestDesk) => Promise<void>, options: Parameters<typeof startTestDesk>[1] = {}) {
  const desk = await startTestDesk(postgres, options);
  try {
    await run(desk);
  } finally {
    await desk.close();
  }
}

describe('desk accounts from the command line', () => {
  it('adds, lists and disables people on a running desk; a disabled person cannot sign in', async () => {
    await withDesk(async (desk) => {
      const db = ['--database-url', desk.databaseUrl, '--data-dir', desk.dataDir];
      const added = await cli(['desk', 'users', 'add', 'Ana Lima', '--role', 'reporter', '--password-stdin', ...db], 'correct horse\n');
      expect(added).toMatchObject({ code: 0, out: 'Added Ana Lima (reporter)' });
      const generated = await cli(['desk', 'users', 'add', 'Bo Editor', '--role', 'editor', ...db]);
      expect(generated.code).toBe(0);
      const password = /shown once: (\S+)/.exec(generated.out)?.[1] as string;

      const listed = await cli(['desk', 'users', 'list', '--json', ...db]);
      expect(JSON.parse(listed.out).map((u: { name: string; role: string; disabled: boolean }) => [u.name, u.role, u.disabled])).toEqual([
        ['Ana Lima', 'reporter', false],
        ['Bo Editor', 'editor', false],
      ]);
      expect((await desk.api('POST', '/api/sign-in', { body: { name: 'Bo Editor', password } })).status).toBe(200);
      const signedIn = await desk.api('POST', '/api/sign-in', { body: { name: 'Ana Lima', password: 'correct horse' } });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user).toMatchObject({ name: 'Ana Lima', role: 'reporter' });

      expect((await cli(['desk', 'users', 'disable', 'Ana Lima', ...db])).code).toBe(0);
      const refused = await desk.api('POST', '/api/sign-in', { body: { name: 'Ana Lima', password: 'correct horse' } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/disabled/);
      const refreshed = await desk.api('POST', '/api/refresh', { body: { refreshToken: signedIn.body.refreshToken } });
      expect(refreshed.status).toBe(401);
      expect(refreshed.body.error.message).toMatch(/sign in again/);
    });
  });

  it('refuses a second person of the same name and an unknown role, saying what to do', async () => {
    await withDesk(async (desk) => {
      const db = ['--database-url', desk.databaseUrl];
      expect((await cli(['desk', 'users', 'add', 'Ana', '--role', 'reporter', '--password-stdin', ...db], 'long enough')).code).toBe(0);
      const twice = await cli(['desk', 'users', 'add', 'Ana', '--role', 'editor', '--password-stdin', ...db], 'long enough');
      expect(twice.code).toBe(1);
      expect(twice.err).toMatch(/already someone called Ana/);
      const role = await cli(['desk', 'users', 'add', 'Cy', '--role', 'publisher', ...db]);
      expect(role.code).toBe(2);
      expect(role.err).toMatch(/--role reporter, editor or admin/);
    });
  });

  it('says the desk is not running when there is no database to reach', async () => {
    const result = await cli(['desk', 'users', 'list', '--data-dir', '/tmp/no-desk-here-17']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/No desk database in .*start the desk there first/);
  });
});

describe('sign-in and tokens', () => {
  it('answers a wrong password with 401, and the eleventh failure in a minute with 429 and a retry time', async () => {
    await withDesk(async (desk) => {
      await desk.person('Ana', 'reporter');
      const wrong = await desk.api('POST', '/api/sign-in', { body: { name: 'Ana', password: 'nope' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toMatch(/Wrong name or password/);
      for (let i = 1; i < 10; i += 1) expect((await desk.api('POST', '/api/sign-in', { body: { name: 'Ana', password: 'nope' } })).status).toBe(401);
      const limited = await desk.api('POST', '/api/sign-in', { body: { name: 'Ana', password: 'Ana password' } });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.error.retryAfter).toBeGreaterThan(0);
      // Another name is not held back by Ana's failures.
      await desk.person('Bo', 'editor');
    });
  });

  it('refuses an expired, a forged and another desk’s token, each with its reason, and keeps serving', async () => {
    await withDesk(async (desk) => {
      const token = await desk.person('Ana', 'reporter');
      expect((await desk.api('GET', '/api/me', { token })).status).toBe(200);
      const claims = (await desk.api('GET', '/api/me', { token })).body;

      const expired = signToken(desk.identity, { ...claims, exp: Math.floor(Date.now() / 1000) - 1 });
      const expiredAnswer = await desk.api('GET', '/api/stories', { token: expired });
      expect(expiredAnswer.status).toBe(401);
      expect(expiredAnswer.body.error.code).toBe('token-expired');

      const forged = signToken({ ...desk.identity, secret: Buffer.alloc(32, 7) }, { ...claims, role: 'admin' });
      const forgedAnswer = await desk.api('GET', '/api/stories', { token: forged });
      expect(forgedAnswer.status).toBe(401);
      expect(forgedAnswer.body.error.message).toMatch(/not signed by this desk/);

      await withDesk(async (other) => {
        const theirs = await other.person('Ana', 'reporter');
        const wrongDesk = await desk.api('GET', '/api/stories', { token: theirs });
        expect(wrongDesk.status).toBe(401);
        expect(wrongDesk.body.error.code).toBe('wrong-desk');
      });
      expect((await desk.api('GET', '/api/stories', { token })).status).toBe(200);
    });
  });

  it('trades a refresh token once for a new token', async () => {
    await withDesk(async (desk) => {
      await desk.person('Ana', 'reporter');
      const first = (await desk.api('POST', '/api/sign-in', { body: { name: 'Ana', password: 'Ana password' } })).body;
      const second = await desk.api('POST', '/api/refresh', { body: { refreshToken: first.refreshToken } });
      expect(second.status).toBe(200);
      expect((await desk.api('GET', '/api/me', { token: second.body.token })).body.name).toBe('Ana');
      const again = await desk.api('POST', '/api/refresh', { body: { refreshToken: first.refreshToken } });
      expect(again.status).toBe(401);
    });
  });

  it('stores passwords as scrypt hashes, never as typed', async () => {
    await withDesk(async (desk) => {
      await desk.person('Ana', 'reporter');
      const row = (await desk.database.pool.query("SELECT password_hash FROM users WHERE name = 'Ana'")).rows[0];
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain('Ana password');
    });
  });
});
