/**
 * Desk tokens under attack: a forged signature, an expired token, a token of another desk (its
 * own secret), and a replayed refresh token. Each is refused with a clear error over HTTP and on a
 * document connection, and a refused token writes nothing. Refresh tokens rotate: one is good
 * once, and a used one presented again ends its whole sign-in.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, SignIns, DEFAULT_POLICY } from '../../server/accounts.js';
import { fingerprint, startCast, story, type Cast, type StoryFixture } from '../helpers/deskSecurity.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { rawSocket } from '../helpers/rawDesk.js';

let postgres: TestPostgres;
let cast: Cast;
let fixture: StoryFixture;
beforeAll(async () => {
  postgres = await startTestPostgres();
  cast = await startCast(postgres);
  fixture = await story(cast, 'draft');
}, 120_000);
afterAll(async () => {
  await cast?.close();
  postgres?.stop();
});

function claimsOf(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString('utf8'));
}

/** The token is refused on the API and on a story's connection, with `code` and a message matching `reason`; nothing is written. */
async function expectRefused(token: string, code: string, reason: RegExp) {
  const pool = cast.desk.database.pool;
  const before = await fingerprint(pool);
  const me = await cast.desk.api('GET', '/api/me', { token });
  expect(me.status).toBe(401);
  expect(me.body.error.code).toBe(code);
  expect(me.body.error.message).toMatch(reason);
  const note = await cast.desk.api('POST', `/api/stories/${fixture.id}/notes`, { token, body: { body: 'Should not land.' } });
  expect(note.status).toBe(401);
  const socket = await rawSocket(cast.desk.wsUrl);
  const auth = await socket.authenticate(fixture.id, token);
  expect(auth.ok).toBe(false);
  if (!auth.ok) {
    expect(auth.reason.startsWith(`${code}: `)).toBe(true);
    expect(auth.reason).toMatch(reason);
  }
  await socket.close();
  expect(await fingerprint(pool)).toEqual(before);
  // The desk goes on serving the people whose tokens are good.
  expect((await cast.desk.api('GET', '/api/me', { token: cast.tokens['reporter-own'] as string })).status).toBe(200);
}

describe('desk tokens', () => {
  it('refuses a token whose signature is forged, however its claims were changed', async () => {
    const real = cast.tokens['reporter-own'] as string;
    const [body, mac] = real.split('.') as [string, string];
    const claims = claimsOf(real);
    // Claims rewritten (an admin, a year longer), the old signature kept.
    const promoted = `${Buffer.from(JSON.stringify({ ...claims, role: 'admin', exp: claims.exp + 365 * 86400 })).toString('base64url')}.${mac}`;
    await expectRefused(promoted, 'unauthorized', /The token is not signed by this desk/);
    // The claims kept, a signature made up.
    await expectRefused(`${body}.${crypto.randomBytes(32).toString('base64url')}`, 'unauthorized', /The token is not signed by this desk/);
    // Signed with a secret of someone's choosing, claiming this desk's id.
    const guessed = signToken({ deskId: cast.desk.deskId, secret: crypto.randomBytes(32) }, { ...claims, role: 'admin' });
    await expectRefused(guessed, 'unauthorized', /The token is not signed by this desk/);
    // Not a token at all.
    for (const junk of ['x', 'a.b.c', '.', `${body}.`, 'ey.ey', '\u00e9\u00e9.\u00e9']) await expectRefused(junk, 'unauthorized', /(That is not a desk token|not signed by this desk)/);
  });

  it('refuses an expired token, saying to refresh or sign in again', async () => {
    const claims = claimsOf(cast.tokens['reporter-own'] as string);
    const expired = signToken(cast.desk.identity, { ...claims, exp: Math.floor(Date.now() / 1000) - 1 });
    await expectRefused(expired, 'token-expired', /Your desk token has expired: refresh it or sign in again/);
    // Signed by this desk with no expiry: refused the same way.
    const { exp: _exp, ...noExpiry } = claims;
    await expectRefused(signToken(cast.desk.identity, noExpiry), 'token-expired', /has expired/);
  });

  it('refuses a token of another desk (another secret), even for an admin there', async () => {
    await expectRefused(cast.tokens['other-desk'] as string, 'wrong-desk', /That token is for another desk: connect to this desk and sign in here/);
    // And a refresh token of the other desk is nothing here.
    const theirs = await cast.other.api('POST', '/api/sign-in', { body: { name: 'Ana', password: 'Ana password' } });
    const here = await cast.desk.api('POST', '/api/refresh', { body: { refreshToken: theirs.body.refreshToken } });
    expect(here.status).toBe(401);
    expect(here.body.error.message).toMatch(/not valid any more: sign in again/);
  });

  it('rotates refresh tokens: each is good once; a replayed one ends its whole sign-in and says why', async () => {
    await cast.desk.person('Rota', 'reporter');
    const signIn = async () => (await cast.desk.api('POST', '/api/sign-in', { body: { name: 'Rota', password: 'Rota password' } })).body;
    const first = await signIn();
    const elsewhere = await signIn(); // another device: its own sign-in
    const second = await cast.desk.api('POST', '/api/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await cast.desk.api('GET', '/api/me', { token: second.body.token })).status).toBe(200);

    // The first refresh token again (copied by someone): refused, and the sign-in it belongs to ends.
    const replay = await cast.desk.api('POST', '/api/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.rule).toBe('refresh-replayed');
    expect(replay.body.error.message).toMatch(/used already.*signed out.*Sign in again/);
    const afterReplay = await cast.desk.api('POST', '/api/refresh', { body: { refreshToken: second.body.refreshToken } });
    expect(afterReplay.status).toBe(401);
    for (const token of [first.token, second.body.token]) {
      const me = await cast.desk.api('GET', '/api/me', { token });
      expect(me.status).toBe(401);
      expect(me.body.error.message).toMatch(/sign-in was ended/);
      const socket = await rawSocket(cast.desk.wsUrl);
      expect((await socket.authenticate(fixture.id, token)).ok).toBe(false);
      await socket.close();
    }
    // The other device's sign-in goes on, and a fresh sign-in works.
    expect((await cast.desk.api('GET', '/api/me', { token: elsewhere.token })).status).toBe(200);
    expect((await cast.desk.api('POST', '/api/refresh', { body: { refreshToken: elsewhere.refreshToken } })).status).toBe(200);
    expect((await cast.desk.api('GET', '/api/me', { token: (await signIn()).token })).status).toBe(200);
  });

  it('lets only one of two refreshes with the same token at once succeed', async () => {
    await cast.desk.person('Twice', 'editor');
    const first = (await cast.desk.api('POST', '/api/sign-in', { body: { name: 'Twice', password: 'Twice password' } })).body;
    const answers = await Promise.all([0, 1].map(() => cast.desk.api('POST', '/api/refresh', { body: { refreshToken: first.refreshToken } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  it('refuses an expired refresh token and one of a disabled account', async () => {
    await cast.desk.person('Old', 'reporter');
    const old = (await cast.desk.api('POST', '/api/sign-in', { body: { name: 'Old', password: 'Old password' } })).body;
    const pool = cast.desk.database.pool;
    await pool.query("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1", [old.user.id]);
    const before = await fingerprint(pool);
    const expired = await cast.desk.api('POST', '/api/refresh', { body: { refreshToken: old.refreshToken } });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/not valid any more/);
    expect(await fingerprint(pool)).toEqual(before);

    // Disabled between sign-in and refresh, with the refresh token still unrevoked (as a database restored from before the disable would have it).
    await cast.desk.person('Gone', 'reporter');
    const gone = (await cast.desk.api('POST', '/api/sign-in', { body: { name: 'Gone', password: 'Gone password' } })).body;
    await pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [gone.user.id]);
    const refused = await cast.desk.api('POST', '/api/refresh', { body: { refreshToken: gone.refreshToken } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/disabled/);
    // Still unused: the refusal rolled back.
    const row = (await pool.query('SELECT used_at FROM refresh_tokens WHERE user_id = $1', [gone.user.id])).rows[0];
    expect(row.used_at).toBeNull();
  });

  it('keeps a short token short: it expires at the policy’s time, and a refresh gives a new one', async () => {
    let now = Date.now();
    const signIns = new SignIns(cast.desk.database.pool, cast.desk.identity, { ...DEFAULT_POLICY, tokenSeconds: 60 }, () => now);
    await cast.desk.person('Clock', 'reporter');
    const first = await signIns.signIn('Clock', 'Clock password');
    expect(claimsOf(first.token).exp).toBe(Math.floor(now / 1000) + 60);
    now += 61_000;
    const refreshed = await signIns.refresh(first.refreshToken);
    expect(claimsOf(refreshed.token).exp).toBe(Math.floor(now / 1000) + 60);
  });
});
